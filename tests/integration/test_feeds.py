"""Following feeds and pages against a real local HTTP server (no mocks): RSS 2.0, Atom, a page
that announces its feed, article pages, and endpoints that misbehave (down, slow, HTML instead of
a feed, garbage, a gzip bomb, an endless body, an endless redirect, an entry without a link)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from rag import Assistant, RagError
from rag.feeds_state import Feed, FeedList, parse_every
from rag.readers.fetch import Fetcher, FetchError
from rag.readers.web import canonical_url
from rag.watch import Watcher, ingest_urls
from conftest import ROOT, free_port
from feed_site import AS_OF, PAGES, Site, page_html, publish, site  # noqa: F401  (site: the shared fixture)

@pytest.fixture
def fetcher():
    with Fetcher(allow_private=True, delay=0.0, timeout=2.0) as f:
        yield f


@pytest.fixture
def watcher(tmp_path, embedder, fetcher):
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    yield Watcher(assistant, fetcher=fetcher)
    assistant.index.close()


def _later() -> float:
    return time.time() + 10 ** 7  # every feed is due


# ----- fetching ------------------------------------------------------------------------------------


def test_private_addresses_are_refused_unless_allowed(site):
    with Fetcher(delay=0.0) as strict:
        for url in (site.url("/harbor/rss.xml"), "http://localhost/", "http://169.254.169.254/latest/meta-data/",
                    "http://10.1.2.3/feed", "http://[::1]/feed"):
            with pytest.raises(FetchError, match="private, loopback or link-local"):
                strict.get(url)
        with pytest.raises(FetchError, match="only http and https"):
            strict.get("file:///etc/passwd")
    assert site.hits["/harbor/rss.xml"] == 0  # refused before any connection
    with Fetcher(delay=0.0, allow_private=True) as lenient:
        assert lenient.get(site.url("/harbor/rss.xml")).status == 200


def test_misbehaving_endpoints_fail_with_one_clear_line(site, fetcher):
    down = f"http://127.0.0.1:{free_port()}/feed.xml"
    cases = {
        down: "cannot connect",
        site.url("/bad/slow.xml"): "no response within 2 s",
        site.url("/bad/endless.xml"): "response is over the 5,242,880-byte limit",
        site.url("/bad/bomb.xml"): "over the 5,242,880-byte limit (after decompression)",
        site.url("/loop/0"): "more than 5 redirects",
        site.url("/private/feed.xml"): "robots.txt of the site disallows",
        site.url("/missing.xml"): "HTTP 404",
    }
    for url, reason in cases.items():
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.get(url)
        message = str(caught.value)
        assert reason in message and "\n" not in message, message
        assert message.startswith(url.split("/loop")[0]), message
        assert time.monotonic() - started < 6, url


def test_one_request_at_a_time_per_host_with_a_delay(site):
    with Fetcher(allow_private=True, delay=0.3, robots=False) as polite:
        started = time.monotonic()
        threads = [threading.Thread(target=polite.get, args=(site.url("/harbor/rss.xml"),)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert time.monotonic() - started >= 0.6  # three requests, 0.3 s apart at least
    assert site.hits["/harbor/rss.xml"] == 3


def test_canonical_urls_drop_tracking_and_fragments():
    assert canonical_url("HTTPS://Example.COM:443/a/b?utm_source=x&id=3&fbclid=z#frag") == "https://example.com/a/b?id=3"
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url("http://example.com:8080/x?b=2&a=1") == "http://example.com:8080/x?a=1&b=2"


def test_poll_intervals_are_read_and_checked():
    assert parse_every("30m") == 1800 and parse_every("2h") == 7200 and parse_every("1d") == 86400
    with pytest.raises(RagError, match="under a minute"):
        parse_every("10s")
    with pytest.raises(RagError, match="not a poll interval"):
        parse_every("soon")


# ----- pages -----------------------------------------------------------------------------------------


def test_a_page_is_ingested_with_its_metadata(site, watcher):
    url = site.url("/news/library-expansion.html?utm_source=newsletter")
    # Among two more pages: an archive of one article makes every word of it rare, and the refusal
    # model reads a question word the archive lacks ("much") as most of the question.
    others = [site.url("/news/bridge-reopens.html"), site.url("/valley/orchard-frost.html")]
    report = ingest_urls(watcher.assistant, [url, site.url("/private/secret.html"), *others], fetcher=watcher.fetcher)
    assert len(report.added) == 3 and len(report.failed) == 1, report
    assert "robots.txt" in report.failed[0].problem
    library = next(a for a in report.added if a.startswith("library-expansion"))
    article = watcher.assistant.article(library)
    assert article.url == site.url("/news/library-expansion.html")  # tracking parameters stripped
    assert (article.title, article.source, article.author, article.published) == (
        "County library to add a second floor", "Harbor Gazette", "Tom Reyes", "2026-03-04")
    assert "makerspace" in article.text and "All rights reserved" not in article.text and "<p>" not in article.text
    answer = watcher.assistant.ask("How much is the state grant for the library?", as_of=AS_OF)
    assert not answer.refused and "6.5 million" in answer.text
    assert answer.citations[0].url == article.url
    # The same page again is the same article: nothing new.
    again = ingest_urls(watcher.assistant, [site.url("/news/library-expansion.html#top")], fetcher=watcher.fetcher)
    assert again.unchanged == (library,) and not again.added


# ----- feeds -----------------------------------------------------------------------------------------


def _follow_all(watcher, site):
    harbor = watcher.add(site.url("/harbor/rss.xml"), allow_private=True)
    valley = watcher.add(site.url("/valley/atom.xml"), allow_private=True, name="valley")
    metro = watcher.add(site.url("/metro/index.html"), allow_private=True)  # a page: its feed is discovered
    return harbor, valley, metro


def test_feeds_are_followed_polled_and_answerable(site, watcher):
    harbor, valley, metro = _follow_all(watcher, site)
    assert (harbor.name, valley.name, metro.name) == ("harbor-gazette", "valley", "metro-digest")
    assert metro.url == site.url("/metro/feed.xml")
    with pytest.raises(RagError, match="already followed"):
        watcher.add(site.url("/harbor/rss.xml"), allow_private=True, name="again")

    results = {r.feed: r for r in watcher.poll_due()}
    assert set(results) == {"harbor-gazette", "valley", "metro-digest"}
    assert (results["harbor-gazette"].new, results["harbor-gazette"].failed) == (2, 0), results
    assert (results["valley"].new, results["valley"].failed) == (2, 0), results
    # The metro feed lists the bridge story under the same URL (other tracking parameters): stored once.
    assert (results["metro-digest"].new, results["metro-digest"].unchanged) == (0, 1), results
    infos = {a.title: a for a in watcher.assistant.articles()}
    assert len(infos) == 4, infos.keys()
    bridge = infos["Millbrook suspension bridge reopens after renovation"]
    assert (bridge.source, bridge.published, bridge.author) == ("Harbor Gazette", "2026-03-02", "Maria Lopez")
    assert bridge.url == site.url("/news/bridge-reopens.html")
    frost = infos["Late frost hits valley orchards"]
    assert (frost.source, frost.published, frost.author) == ("Valley Courier", "2026-04-10", "Ana Petrov")
    # The entry without a link is ingested from its own text, dated by the entry.
    water = infos["Water board approves new rates"]
    assert (water.url, water.published, water.author) == ("", "2026-04-12", "Sam Okafor")
    assert "pumping station" in watcher.assistant.article(water.id).text

    answer = watcher.assistant.ask("How much did the Millbrook bridge renovation cost?", as_of=AS_OF)
    assert not answer.refused and "42 million" in answer.text
    assert answer.citations[0].url == bridge.url and answer.citations[0].source == "Harbor Gazette"
    answer = watcher.assistant.ask("What share of the apple blossoms did the frost destroy?", as_of=AS_OF)
    assert not answer.refused and "30 percent" in answer.text

    listed = {f.name: f for f in watcher.feeds.all()}
    assert listed["harbor-gazette"].articles == 2 and listed["harbor-gazette"].last_new > 0
    assert listed["harbor-gazette"].etag and not listed["harbor-gazette"].last_error


def test_a_second_poll_with_nothing_new_sends_conditional_requests_and_ingests_nothing(site, watcher):
    _follow_all(watcher, site)
    watcher.poll_due()
    generation = watcher.assistant.index.info().generation
    page_hits = sum(site.hits[p] for p in PAGES)
    results = watcher.poll_due(now=_later())
    assert len(results) == 3 and all((r.new, r.updated, r.failed) == (0, 0, 0) for r in results), results
    for path in ("/harbor/rss.xml", "/valley/atom.xml", "/metro/feed.xml"):
        assert site.conditional[path] == 1 and site.not_modified[path] == 1, path
    assert sum(site.hits[p] for p in PAGES) == page_hits  # no page fetched again
    assert watcher.assistant.index.info().generation == generation  # nothing written


def test_an_entry_edited_upstream_replaces_the_article(site, watcher):
    watcher.add(site.url("/harbor/rss.xml"), allow_private=True)
    first = {r.feed: r for r in watcher.poll_due()}["harbor-gazette"]
    assert first.new == 2
    bridge_id = next(a.id for a in watcher.assistant.articles() if "bridge" in a.title.lower())
    edited = dict(PAGES["/news/bridge-reopens.html"])
    edited["paragraphs"] = [p.replace("42 million", "47 million") for p in edited["paragraphs"]]
    site.routes["/news/bridge-reopens.html"] = (page_html(edited), "text/html")
    body = site.routes["/harbor/rss.xml"][0].replace("The bridge reopened.", "The bridge reopened (corrected cost).")
    site.routes["/harbor/rss.xml"] = (body, "application/rss+xml")

    second = watcher.poll_due(now=_later())[0]
    assert (second.new, second.updated, second.unchanged, second.failed) == (0, 1, 1, 0), second
    assert len(watcher.assistant.articles()) == 2
    assert "47 million" in watcher.assistant.article(bridge_id).text
    answer = watcher.assistant.ask("How much did the Millbrook bridge renovation cost?", as_of=AS_OF)
    assert "47 million" in answer.text and "42 million" not in answer.text


def test_each_misbehaving_feed_fails_alone_while_the_others_are_ingested(site, watcher):
    watcher.add(site.url("/harbor/rss.xml"), allow_private=True)
    broken = {
        "down": f"http://127.0.0.1:{free_port()}/feed.xml",
        "slow": site.url("/bad/slow.xml"),
        "html": site.url("/bad/html.xml"),
        "garbage": site.url("/bad/garbage.xml"),
        "bomb": site.url("/bad/bomb.xml"),
        "endless": site.url("/bad/endless.xml"),
        "loop": site.url("/loop/0"),
        "robots": site.url("/private/feed.xml"),
    }
    for name, url in broken.items():
        watcher.feeds.add(Feed(name=name, url=url, allow_private=True))
    results = {r.feed: r for r in watcher.poll_due()}
    assert results["harbor-gazette"].new == 2 and not results["harbor-gazette"].error
    expected = {
        "down": "cannot connect", "slow": "no response within", "html": "an HTML page, not an RSS or Atom feed",
        "garbage": "not an RSS or Atom feed", "bomb": "after decompression", "endless": "byte limit",
        "loop": "redirects", "robots": "robots.txt",
    }
    for name, reason in expected.items():
        line = results[name].line()
        assert reason in line and line.startswith(f"{name}: failed — ") and "\n" not in line, line
    assert len(watcher.assistant.articles()) == 2
    # Failing feeds back off, longer with each failure in a row, and say why in the list.
    feeds = {f.name: f for f in watcher.feeds.all()}
    slow = feeds["garbage"]
    assert slow.failures == 1 and "not an RSS or Atom feed" in slow.last_error
    assert slow.next_due - slow.last_fetch == pytest.approx(2 * slow.every)
    watcher.poll(slow)
    again = {f.name: f for f in watcher.feeds.all()}["garbage"]
    assert again.failures == 2 and again.next_due - again.last_fetch == pytest.approx(4 * again.every)
    assert feeds["harbor-gazette"].failures == 0


def test_adding_a_page_without_a_feed_or_a_private_feed_is_refused(site, tmp_path, embedder):
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    with Fetcher(delay=0.0) as strict:
        with pytest.raises(RagError, match="private, loopback"):
            Watcher(assistant, fetcher=strict).add(site.url("/harbor/rss.xml"))
    with Fetcher(delay=0.0, allow_private=True) as lenient:
        with pytest.raises(RagError, match="neither an RSS/Atom feed nor a page that announces one"):
            Watcher(assistant, fetcher=lenient).add(site.url("/news/bridge-reopens.html"))
    assert FeedList(assistant.index).all() == []


def test_an_entry_that_fails_is_reported_alone_and_retried(site, watcher):
    body = site.routes["/harbor/rss.xml"][0].replace("</channel>", (
        f"<item><title>Gone</title><link>{site.url('/news/gone.html')}</link>"
        "<pubDate>Thu, 05 Mar 2026 08:00:00 GMT</pubDate></item></channel>"))
    site.routes["/harbor/rss.xml"] = (body, "application/rss+xml")
    feed = watcher.add(site.url("/harbor/rss.xml"), allow_private=True)
    first = watcher.poll_due()[0]
    assert (first.new, first.failed) == (2, 1), first
    assert first.problems == (f"{site.url('/news/gone.html')}: the page cannot be used "
                              f"({site.url('/news/gone.html')}: HTTP 404 Not Found) and the entry has no text",)
    # No validators kept: the next poll reads the feed whole, and the page that now exists is ingested.
    site.routes["/news/gone.html"] = (page_html(dict(PAGES["/news/library-expansion.html"], title="Gone no more",
                                                     paragraphs=["The missing page was restored on Friday by the "
                                                                 "newsroom after a publishing error, editors said."])),
                                      "text/html")
    second = watcher.poll_due(now=_later())[0]
    assert (second.new, second.unchanged, second.failed) == (1, 2, 0), second
    assert site.conditional["/harbor/rss.xml"] == 0
    # A feed removed while it was being polled stays removed.
    watcher.feeds.remove(feed.name)
    watcher.poll(feed)
    assert watcher.feeds.all() == []


def test_a_crash_before_the_state_is_saved_is_harmless(site, watcher):
    """The fetch state is written after the commit; losing it (a kill -9 between the two) re-fetches,
    and identity makes the second ingest a no-op."""
    feed = watcher.add(site.url("/harbor/rss.xml"), allow_private=True)
    watcher.poll(feed)
    watcher.feeds.save(feed)  # as if the process died before saving what it fetched
    generation = watcher.assistant.index.info().generation
    result = watcher.poll_due()[0]
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2), result
    assert watcher.assistant.index.info().generation == generation
    assert len(watcher.assistant.articles()) == 2


def test_the_feed_list_is_seen_from_another_process(site, watcher, tmp_path):
    _follow_all(watcher, site)
    watcher.poll_due()
    proc = subprocess.run(
        [sys.executable, "-m", "rag.cli", "feeds", "list", "--index", str(tmp_path / "index")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for name in ("harbor-gazette", "valley", "metro-digest"):
        assert name in proc.stdout
    assert site.url("/metro/feed.xml") in proc.stdout and "2 articles" in proc.stdout


def test_feeds_are_polled_into_milvus_and_their_list_lives_there(site, fetcher, tmp_path, embedder):
    location = f"milvus://{tmp_path / 'feeds.db'}"
    assistant = Assistant.open(location, embedder=embedder)
    watcher = Watcher(assistant, fetcher=fetcher)
    watcher.add(site.url("/harbor/rss.xml"))
    assert watcher.poll_due()[0].new == 2
    again = watcher.poll_due(now=_later())[0]
    assert (again.new, again.updated, again.failed) == (0, 0, 0) and site.not_modified["/harbor/rss.xml"] == 1
    answer = assistant.ask("How much did the Millbrook bridge renovation cost?", as_of=AS_OF)
    assert "42 million" in answer.text
    watcher.feeds.remove("harbor-gazette")
    feeds = FeedList(assistant.index)
    feeds.add(Feed(name="one", url="https://example.invalid/one.xml", every=600))
    feeds.add(Feed(name="two", url="https://example.invalid/two.xml"))
    feeds.save(feeds.get("one").after_failure(100.0, "HTTP 503"))
    feeds.remove("two")
    assistant.index.put_value("other:x", "not a feed")
    assert assistant.index.info().articles == 2 and assistant.index.check() == []
    assistant.index.close()

    from rag.store import load_store

    reopened = load_store(location)
    listed = FeedList(reopened).all()
    assert [(f.name, f.url, f.last_error, f.failures, f.next_due) for f in listed] == [
        ("one", "https://example.invalid/one.xml", "HTTP 503", 1, 100.0 + 1200)]
    assert reopened.values("other:") == {"other:x": "not a feed"}
    with pytest.raises(RagError, match="cannot name a stored value"):
        reopened.put_value("feed:" + "x" * 80, "{}")
    reopened.close()

"""`rag ingest URL`, `rag feeds add|list|remove` and `rag watch` as a user runs them (subprocesses),
against the local site of tests/feed_site.py; and the server's background watcher."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time


from rag import Assistant
from rag.readers.fetch import Fetcher
from rag.watch import Watcher
from conftest import ROOT, free_port
from feed_site import PAGES, page_html, rss, site  # noqa: F401  (site: the shared fixture)

RAG = [sys.executable, "-m", "rag.cli"]


def rag(*args, timeout=300):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([*RAG, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env)


def test_cli_follows_feeds_end_to_end(site, tmp_path):
    index = tmp_path / "index"
    refused = rag("feeds", "add", site.url("/harbor/rss.xml"), "--index", index)
    assert refused.returncode == 1 and "private, loopback" in refused.stderr and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1, refused.stderr

    added = rag("feeds", "add", site.url("/harbor/rss.xml"), "--allow-private", "--every", "2h", "--index", index)
    assert added.returncode == 0, added.stderr
    assert "following harbor-gazette" in added.stdout and "every 2 h" in added.stdout
    added = rag("feeds", "add", site.url("/metro/index.html"), "--allow-private", "--name", "metro", "--index", index)
    assert added.returncode == 0 and site.url("/metro/feed.xml") in added.stdout, added.stderr
    not_feed = rag("feeds", "add", site.url("/news/bridge-reopens.html"), "--allow-private", "--index", index)
    assert not_feed.returncode == 1 and "neither an RSS/Atom feed" in not_feed.stderr

    first = rag("watch", "--once", "--index", index)
    assert first.returncode == 0, first.stderr
    lines = sorted(first.stdout.splitlines())
    assert len(lines) == 2, first.stdout
    assert lines[0].startswith("harbor-gazette: 2 new, 0 updated, 0 unchanged, 0 failed")
    assert lines[1].startswith("metro: 0 new, 0 updated, 1 unchanged, 0 failed")

    # Nothing is due until its interval has passed; --quiet hides feeds where nothing happened.
    assert rag("watch", "--once", "--quiet", "--index", index).stdout == ""

    listing = rag("feeds", "list", "--index", index)
    assert listing.returncode == 0, listing.stderr
    assert "harbor-gazette" in listing.stdout and site.url("/harbor/rss.xml") in listing.stdout
    harbor, metro = listing.stdout.split("metro  ")
    assert "last fetch " in harbor and "ago, last new article " in harbor and "2 articles" in harbor and "never" not in harbor
    assert "last new article never, 0 articles" in metro

    asked = rag("ask", "How much did the Millbrook bridge renovation cost?", "--index", index, "--as-of", "2026-06-01")
    assert asked.returncode == 0 and "42 million" in asked.stdout and "Harbor Gazette" in asked.stdout, asked.stdout

    removed = rag("feeds", "remove", "metro", "--index", index)
    assert removed.returncode == 0 and "stopped following metro" in removed.stdout
    assert "metro" not in rag("feeds", "list", "--index", index).stdout
    missing = rag("feeds", "remove", "metro", "--index", index)
    assert missing.returncode == 1 and "No feed named 'metro'" in missing.stderr


def test_cli_ingests_a_page_by_url(site, tmp_path):
    index = tmp_path / "index"
    done = rag("ingest", site.url("/valley/orchard-frost.html?utm_source=x"), site.url("/private/secret.html"),
               "--allow-private", "--index", index)
    assert done.returncode == 1, done.stdout  # one of the two failed, and says why on its own line
    assert "1 added" in done.stdout
    assert f"failed: {site.url('/private/secret.html')} — robots.txt" in done.stderr
    info = rag("info", "--index", index)
    assert "Late frost hits valley orchards — Valley Courier, 2026-04-10" in info.stdout, info.stdout


def test_the_same_story_from_another_outlet_is_a_syndicated_copy(site, tmp_path, embedder):
    copy = dict(PAGES["/valley/orchard-frost.html"], site="Regional Wire", title="Frost damages valley apple crop")
    site.routes["/wire/frost.html"] = (page_html(copy), "text/html")
    site.routes["/wire/rss.xml"] = (rss("Regional Wire", [
        dict(title="Frost damages valley apple crop", link=site.url("/wire/frost.html"), date="Sat, 11 Apr 2026 07:00:00 GMT"),
    ]), "application/rss+xml")
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    with Fetcher(allow_private=True, delay=0.0) as fetcher:
        watcher = Watcher(assistant, fetcher=fetcher)
        watcher.add(site.url("/valley/atom.xml"))
        watcher.add(site.url("/wire/rss.xml"))
        watcher.poll_due()
    infos = {a.source: a for a in assistant.articles() if "rost" in a.title}
    assert set(infos) == {"Valley Courier", "Regional Wire"}
    # One story, one set of passages (held by whichever copy is the fuller one).
    assert infos["Regional Wire"].story_id == infos["Valley Courier"].story_id != ""
    assert sorted(a.chunks > 0 for a in infos.values()) == [False, True]
    answer = assistant.ask("What share of the apple blossoms did the frost destroy?", as_of="2026-06-01")
    assert "30 percent" in answer.text
    also = [other for p in answer.passages[:1] for other in p.also_published]
    assert len(also) == 1 and ("Regional Wire" in also[0] or "Valley Courier" in also[0]), also


def test_the_server_watcher_ingests_in_the_background(site, tmp_path, embedder):
    from ui.app import start_watching

    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    with Fetcher(allow_private=True, delay=0.0) as fetcher:
        Watcher(assistant, fetcher=fetcher).add(site.url("/harbor/rss.xml"))
    stop = start_watching(assistant)
    try:
        deadline = time.monotonic() + 60
        while len(assistant.articles()) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert {a.title for a in assistant.articles()} == {
            "Millbrook suspension bridge reopens after renovation", "County library to add a second floor"}
        answer = assistant.ask("How much did the Millbrook bridge renovation cost?", as_of="2026-06-01")
        assert "42 million" in answer.text
    finally:
        stop.set()


def test_rag_serve_watch_polls_the_feeds_and_answers_from_them(site, tmp_path):
    index = tmp_path / "index"
    assert rag("feeds", "add", site.url("/harbor/rss.xml"), "--allow-private", "--index", index).returncode == 0
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([*RAG, "serve", "--watch", "--index", str(index), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == f"ready at http://127.0.0.1:{port}"
        assert proc.stdout.readline().startswith("harbor-gazette: 2 new, 0 updated, 0 unchanged, 0 failed")
        from gradio_client import Client

        answer = Client(f"http://127.0.0.1:{port}", verbose=False).predict(
            "How much did the Millbrook bridge renovation cost?", 5, api_name="/ask")
        assert "42 million" in answer["answer"] and answer["citations"][0]["source"] == "Harbor Gazette"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


WIRE = {
    "/wire/port-dredging.html": dict(
        site="Coast Wire", title="Port dredging to start in May", author="Ines Duarte", date="2026-04-02",
        paragraphs=["Dredging of the outer harbour channel will start in May and take about five months, the port "
                    "authority said on Thursday, so that larger container ships can call at the quay."]),
    "/wire/tram-line.html": dict(
        site="Coast Wire", title="Tram line approved by the council", author="Ines Duarte", date="2026-04-03",
        paragraphs=["The city council approved a nine-kilometre tram line linking the station with the university "
                    "on Friday, with construction due to begin next spring at a cost of 310 million dollars."]),
}


def test_kill_9_during_a_poll_then_watch_again_ingests_what_was_missing_once(site, tmp_path):
    """`kill -9` while `rag watch` waits on a page: the index stays loadable and checks out, and the next
    `rag watch --once` ingests what the killed poll had not committed, nothing twice."""
    import signal
    import threading

    reached, release = threading.Event(), threading.Event()
    slow_path, fast_path = "/wire/tram-line.html", "/wire/port-dredging.html"

    def held_page(handler):  # the poll is killed while it waits for this page
        reached.set()
        release.wait(60)
        body = page_html(WIRE[slow_path]).encode()
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except OSError:
            pass

    site.routes[fast_path] = (page_html(WIRE[fast_path]), "text/html")
    site.routes[slow_path] = held_page
    site.routes["/wire/rss.xml"] = (rss("Coast Wire", [
        dict(title=p["title"], link=site.url(path), date="Fri, 03 Apr 2026 08:00:00 GMT") for path, p in WIRE.items()
    ]), "application/rss+xml")
    index = tmp_path / "index"
    for feed in ("/harbor/rss.xml", "/wire/rss.xml"):
        assert rag("feeds", "add", site.url(feed), "--allow-private", "--index", index).returncode == 0

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([*RAG, "watch", "--once", "--index", str(index)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert reached.wait(240), "the poll never asked for the held page"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    release.set()
    site.routes[slow_path] = (page_html(WIRE[slow_path]), "text/html")

    checked = rag("info", "--index", index)
    assert checked.returncode == 0 and re.search(r"check:\s+ok", checked.stdout), checked.stdout + checked.stderr
    again = rag("watch", "--once", "--index", index)
    assert again.returncode == 0, again.stderr

    assistant = Assistant.load(index)
    try:
        urls = [assistant.article(a.id).url for a in assistant.articles()]
    finally:
        assistant.index.close()
    assert len(urls) == len(set(urls)), urls  # nothing twice
    assert {site.url(p) for p in WIRE} <= set(urls)
    assert sum(u.startswith(site.url("/news/")) for u in urls) == 2  # the harbor feed's two entries, once
    asked = rag("ask", "How long will the harbour channel dredging take?", "--index", index, "--as-of", "2026-06-01")
    assert asked.returncode == 0 and "five months" in asked.stdout, asked.stdout

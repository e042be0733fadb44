"""Following feeds: add one (discovered from a page when needed), poll those that are due, ingest
their new and changed entries through the assistant's normal ingest path.

An entry is the same article as before when its GUID or canonical URL is (the article id comes
from the URL, so a page ingested by hand and later listed in a feed is one article); an entry that
changed upstream is fetched again and replaces the article when its text changed; the same story
from another outlet becomes a syndicated copy at ingest. Dates come from the entry, else the page,
never from the time of fetching.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from rag.errors import InputError, RagError
from rag.feeds_state import Feed, FeedList, feed_name
from rag.readers.feeds import Entry, FeedDocument, parse_feed
from rag.readers.fetch import Fetcher, FetchError
from rag.readers.web import article_from_page, decode_body, discover_feeds, fetch_article, make_article, url_slug
from rag.records import Article, IngestFailure, IngestReport

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class PollResult:
    feed: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    error: str = ""  # the whole feed failed: why
    problems: tuple[str, ...] = ()  # entries that failed: one line each

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: failed — {self.error} ({self.seconds:.1f}s)"
        return (f"{self.feed}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed ({self.seconds:.1f}s)")

    @property
    def quiet(self) -> bool:
        """Nothing worth a line under --quiet."""
        return not (self.new or self.updated or self.failed or self.error)


class Watcher:
    """Polls the feeds kept with `assistant`'s index and ingests what is new."""

    def __init__(self, assistant, *, fetcher: Fetcher | None = None, allow_private: bool = False):
        """Ingesting goes through the assistant's Indexer, which lets one writer of a process in at a
        time (a poll and an upload in one server take turns; questions are answered meanwhile)."""
        self.assistant = assistant
        self.fetcher = fetcher or Fetcher(allow_private=allow_private)

    @property
    def feeds(self) -> FeedList:
        return FeedList(self.assistant.index)  # the index object changes when a rebuild is swapped in

    # ----- the list ------------------------------------------------------------------------

    def add(self, url: str, *, every: int = 1800, name: str | None = None, allow_private: bool = False) -> Feed:
        """Follow the feed at `url`, or the feed a page at `url` announces."""
        allow_private = allow_private or self.fetcher.allow_private
        response = self.fetcher.get(url, accept=FEED_ACCEPT, allow_private=allow_private)
        try:
            document = parse_feed(response.body, response.url)
            feed_url = response.url
        except InputError:
            found = discover_feeds(decode_body(response), response.url)
            if not found:
                raise RagError(
                    f"{url} is neither an RSS/Atom feed nor a page that announces one (no <link rel=\"alternate\" "
                    "type=\"application/rss+xml\">); give the feed's own URL, or ingest the page with `rag ingest URL`."
                ) from None
            feed_url = found[0]
            document = parse_feed(self.fetcher.get(feed_url, accept=FEED_ACCEPT, allow_private=allow_private).body,
                                  feed_url)
        feed = Feed(name=feed_name(name or document.title or url_slug(feed_url)), url=feed_url, every=every,
                    allow_private=allow_private)
        return self.feeds.add(feed)

    # ----- polling -------------------------------------------------------------------------

    def poll_due(self, now: float | None = None) -> list[PollResult]:
        now = time.time() if now is None else now
        return [self.poll(feed) for feed in self.feeds.all() if feed.due(now)]

    def poll(self, feed: Feed) -> PollResult:
        """Fetch one feed and ingest its new and changed entries; a failure is this feed's alone."""
        started = time.perf_counter()
        now = time.time()
        try:
            response = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                        accept=FEED_ACCEPT, allow_private=self._private(feed))
            if response.not_modified:
                self.feeds.update(feed.after_success(now))
                return PollResult(feed.name, unchanged=len(feed.seen), seconds=time.perf_counter() - started)
            document = parse_feed(response.body, feed.url)
        except RagError as exc:
            self.feeds.update(feed.after_failure(now, str(exc)))
            return PollResult(feed.name, error=str(exc), seconds=time.perf_counter() - started)

        articles, failures, pending, seen, unchanged = self._read_entries(feed, document)
        try:
            report = self.assistant.ingest_articles(articles) if articles else IngestReport()
        except RagError as exc:  # e.g. the index cannot be written: retried at the next poll
            self.feeds.update(feed.after_failure(now, f"its articles could not be stored ({exc})"))
            return PollResult(feed.name, error=f"its articles could not be stored ({exc})",
                              seconds=time.perf_counter() - started)
        broken = {f.path for f in report.failed}
        for key, (fingerprint, aid, where) in pending.items():
            if where not in broken:
                seen[key] = [fingerprint, aid]
        new, updated = len(report.added), len(report.replaced)
        problems = tuple(f"{f.path}: {f.problem}" for f in failures) + tuple(f"{f.path}: {f.problem}" for f in report.failed)
        # Saved only now, after the articles are committed: a crash before this point re-fetches.
        # With entries that failed, no validators are kept: the next poll reads the feed whole and retries them.
        self.feeds.update(feed.after_success(
            now, etag="" if problems else response.etag, last_modified="" if problems else response.last_modified,
            articles=feed.articles + new, last_new=now if new else feed.last_new,
        ).remember(seen))
        return PollResult(
            feed.name, new=new, updated=updated,
            unchanged=unchanged + len(report.unchanged) + len(report.duplicates), failed=len(problems),
            seconds=time.perf_counter() - started, problems=problems,
        )

    def _read_entries(self, feed: Feed, document: FeedDocument):
        """The articles of the entries that are new or changed since the last poll."""
        articles: list[Article] = []
        failures: list[IngestFailure] = []
        pending: dict[str, tuple[str, str, str]] = {}  # key hash -> (fingerprint, article id, path)
        seen: dict[str, list] = {}
        unchanged = 0
        for entry in document.entries:
            key = hashlib.sha256(entry.key.encode()).hexdigest()[:16]
            fingerprint = entry.fingerprint()
            before = feed.seen.get(key)
            if key in pending or key in seen:
                continue
            if before and before[0] == fingerprint:
                seen[key] = before
                unchanged += 1
                continue
            known_id = before[1] if before else ""
            try:
                article = self._entry_article(feed, entry, known_id)
            except RagError as exc:
                failures.append(IngestFailure(entry.link or entry.guid or entry.title, getattr(exc, "problem", str(exc))))
                continue
            articles.append(article)
            pending[key] = (fingerprint, article.id, article.path)
        return articles, failures, pending, seen, unchanged

    def _entry_article(self, feed: Feed, entry: Entry, known_id: str) -> Article:
        """The entry's page, extracted; the entry's own text when the page cannot be fetched or read."""
        identity = entry.link or entry.guid or f"{feed.url}#{entry.title}"
        article = None
        page_problem = ""
        if entry.link:
            try:
                response = self.fetcher.get(entry.link, accept="text/html, */*;q=0.5", allow_private=self._private(feed))
                article = article_from_page(response, identity=identity, title=entry.title, author=entry.author,
                                            published=entry.published)
            except (FetchError, InputError) as exc:
                page_problem = str(exc)
        if article is None:
            if not entry.content:
                where = entry.link or entry.guid or entry.title or feed.url
                raise InputError(where, f"the page cannot be used ({page_problem or 'no link'}) and the entry has no text")
            article = make_article(url=entry.link, text=entry.content, title=entry.title, author=entry.author,
                                   published=entry.published or entry.updated, identity=identity)
        if not article.published and entry.updated:
            article = replace(article, meta=replace(article.meta, published=entry.updated))
        if known_id and known_id != article.id:  # same GUID, its link moved: still the same article
            article = replace(article, id=known_id)
        return article

    def _private(self, feed: Feed) -> bool:
        return feed.allow_private or self.fetcher.allow_private

    # ----- running -------------------------------------------------------------------------

    def run(self, stop: threading.Event, report: Callable[[PollResult], None], *, idle_s: float = 30.0) -> None:
        """Poll due feeds until `stop` is set; `report` gets one result per feed per poll."""
        while not stop.is_set():
            wait = idle_s
            try:
                for result in self.poll_due():
                    report(result)
                    if stop.is_set():
                        return
                wait = min([max(1.0, f.next_due - time.time()) for f in self.feeds.all()] + [idle_s])
            except Exception as exc:  # noqa: BLE001 - a background poller must outlive any one bad round
                report(PollResult("(feeds)", error=f"the poll stopped early ({type(exc).__name__}: {exc}); retrying"))
            stop.wait(wait)


def ingest_urls(assistant, urls: Iterable[str], *, fetcher: Fetcher) -> IngestReport:
    """`rag ingest https://…`: each page fetched and extracted, then ingested as one batch."""
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for url in urls:
        try:
            articles.append(fetch_article(fetcher, url))
        except FetchError as exc:
            failures.append(IngestFailure(exc.url, exc.reason))
        except InputError as exc:
            failures.append(IngestFailure(exc.path, exc.problem))
    report = assistant.ingest_articles(articles) if articles else IngestReport()
    return replace(report, failed=tuple(failures) + report.failed)

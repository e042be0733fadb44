"""The feed list, kept with the index (the store's named values), so every CLI and server sees the same one.

One value per feed (`feed:<name>`), written whole after the articles of a poll are committed: a
crash mid-poll at worst fetches again what was already stored, which is then unchanged.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field, replace

from rag.errors import RagError
from rag.readers.article import slugify

_PREFIX = "feed:"
MAX_BACKOFF_S = 24 * 3600
_SEEN_LIMIT = 300  # entries remembered per feed: more than a feed lists at once, small enough to store
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    every: int = 1800  # seconds between polls
    allow_private: bool = False  # added with --allow-private: its host may be on a private network
    added_at: float = 0.0
    etag: str = ""
    last_modified: str = ""
    last_fetch: float = 0.0
    last_new: float = 0.0  # when a poll last added an article
    articles: int = 0  # articles this feed added
    last_error: str = ""
    failures: int = 0  # failed polls in a row
    next_due: float = 0.0
    # entry key hash -> [fingerprint, article id] of the entries already ingested
    seen: dict = field(default_factory=dict)

    def due(self, now: float) -> bool:
        return now >= self.next_due

    def after_success(self, now: float, **changes) -> "Feed":
        return replace(self, last_fetch=now, last_error="", failures=0, next_due=now + self.every, **changes)

    def after_failure(self, now: float, error: str) -> "Feed":
        """Exponential backoff: every poll interval doubles the wait, up to a day."""
        failures = self.failures + 1
        wait = min(self.every * 2 ** min(failures, 16), MAX_BACKOFF_S)
        return replace(self, last_fetch=now, last_error=error, failures=failures, next_due=now + wait)

    def remember(self, seen: dict) -> "Feed":
        return replace(self, seen=dict(list(seen.items())[-_SEEN_LIMIT:]))


def duration(seconds: float) -> str:
    """ "45 s", "30 min", "2 h", "3 d": how long an interval, a wait or an age is, roughly."""
    s = int(seconds)
    if s < 120:
        return f"{s} s"
    if s < 2 * 3600:
        return f"{s // 60} min"
    return f"{s // 3600} h" if s < 2 * 86400 else f"{s // 86400} d"


FEED_HEADERS = ["name", "URL", "every", "last fetch", "last new article", "articles", "last error"]


def feed_rows(feeds: list[Feed], now: float) -> list[list]:
    """One row per feed, as `rag feeds list` and the UI show it."""
    def ago(t: float) -> str:
        return f"{duration(now - t)} ago" if t else "never"

    rows = []
    for f in feeds:
        error = ""
        if f.last_error:
            error = f"{f.last_error} (failed {f.failures}× in a row; next try in {duration(max(0.0, f.next_due - now))})"
        rows.append([f.name, f.url, duration(f.every), ago(f.last_fetch), ago(f.last_new), f.articles, error])
    return rows


def parse_every(text: str) -> int:
    """ "30m", "2h", "1d", "90s" (a bare number is minutes) as seconds; at least one minute."""
    match = _EVERY.match(str(text))
    if not match:
        raise RagError(f"'{text}' is not a poll interval; write it as 30m, 2h, 1d or 90s.")
    seconds = int(float(match.group(1)) * _UNITS[match.group(2)])
    if seconds < 60:
        raise RagError(f"A poll interval of '{text}' is under a minute; poll feeds at most once a minute.")
    return seconds


def feed_name(text: str) -> str:
    name = slugify(text, max_length=40)
    if not name or name == "article":
        raise RagError(f"'{text}' makes no feed name; give one with --name (letters, digits and '-').")
    return name


class FeedList:
    """The feeds of the store at hand, read fresh on every call (another process may have changed them)."""

    def __init__(self, store):
        self.store = store

    def all(self) -> list[Feed]:
        return [_decode(value) for value in self.store.values(_PREFIX).values()]

    def get(self, name: str) -> Feed:
        for feed in self.all():
            if feed.name == name:
                return feed
        known = ", ".join(f.name for f in self.all()) or "none yet"
        raise RagError(f"No feed named '{name}' (feeds: {known}); `rag feeds list` shows them.")

    def add(self, feed: Feed) -> Feed:
        for other in self.all():
            if other.name == feed.name:
                raise RagError(f"A feed named '{feed.name}' is already followed ({other.url}); choose another --name.")
            if other.url == feed.url:
                raise RagError(f"{feed.url} is already followed as '{other.name}'.")
        feed = replace(feed, added_at=feed.added_at or time.time())
        self.save(feed)
        return feed

    def save(self, feed: Feed) -> None:
        self.store.put_value(_PREFIX + feed.name, json.dumps(asdict(feed), sort_keys=True))

    def update(self, feed: Feed) -> None:
        """Save a poll's outcome, unless the feed was removed meanwhile (it stays removed)."""
        if _PREFIX + feed.name in self.store.values(_PREFIX + feed.name):
            self.save(feed)

    def remove(self, name: str) -> Feed:
        feed = self.get(name)
        self.store.put_value(_PREFIX + name, None)
        return feed


def _decode(value: str) -> Feed:
    data = json.loads(value)
    known = Feed.__dataclass_fields__
    return Feed(**{k: v for k, v in data.items() if k in known})

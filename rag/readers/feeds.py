"""RSS (0.9x, 1.0, 2.0) and Atom feeds read into entries (feedparser); an entry's HTML is read as text."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from rag.errors import InputError
from rag.readers.article import normalize_text
from rag.readers.web import canonical_url

MAX_ENTRIES = 500  # per feed and poll: a feed of thousands of entries is read in its newest 500


@dataclass(frozen=True)
class Entry:
    guid: str  # the entry's id (GUID / Atom id), "" when it has none
    link: str  # canonical URL of its page, "" when it has none
    title: str
    author: str
    published: str  # ISO date the entry gives as published, "" when none
    updated: str  # ISO date of its last update, "" when none
    content: str  # its own text (content or summary), HTML read as text

    @property
    def key(self) -> str:
        """What makes two entries the same article: the GUID, else the canonical URL, else the title."""
        return self.guid or self.link or f"title:{self.title}"

    def fingerprint(self) -> str:
        """Changes when anything the feed says about the entry changes (an edit upstream)."""
        parts = "\0".join((self.link, self.title, self.author, self.published, self.updated, self.content))
        return hashlib.sha256(parts.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class FeedDocument:
    title: str
    link: str  # the site the feed belongs to
    entries: tuple[Entry, ...]


def parse_feed(body: bytes, url: str) -> FeedDocument:
    """The feed at `url` with its entries; `InputError` when `body` is no RSS or Atom feed."""
    import feedparser

    parsed = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True, response_headers={"content-location": url})
    if not parsed.version and not parsed.entries:
        start = body[:512].lstrip().lower()
        if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
            raise InputError(url, "is an HTML page, not an RSS or Atom feed")
        problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or str(parsed.get("bozo_exception") or "")
        raise InputError(url, "is not an RSS or Atom feed" + (f" ({problem.splitlines()[0][:160]})" if problem else ""))
    entries = tuple(_entry(e) for e in parsed.entries[:MAX_ENTRIES])
    return FeedDocument(normalize_text(parsed.feed.get("title", "") or ""), parsed.feed.get("link", "") or "", entries)


def _entry(e) -> Entry:
    link = e.get("link") or ""
    if not link.startswith(("http://", "https://")):
        link = ""
    content = ""
    for item in e.get("content") or ():
        if item.get("value"):
            content = item["value"]
            break
    content = content or e.get("summary", "") or ""
    return Entry(
        guid=(e.get("id") or "").strip()[:2000],
        link=canonical_url(link) if link else "",
        title=normalize_text(e.get("title", "") or "")[:500],
        author=normalize_text(e.get("author", "") or "")[:300],
        # dict.get: feedparser's own get() answers updated_parsed with published_parsed when absent
        published=_day(dict.get(e, "published_parsed") or dict.get(e, "created_parsed")),
        updated=_day(dict.get(e, "updated_parsed")),
        content=html_as_text(content),
    )


def html_as_text(html: str) -> str:
    """The text of an HTML fragment, paragraph breaks kept; nothing in it is rendered or followed."""
    if "<" not in html:
        return normalize_text(html)
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return normalize_text(html)
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
        block.tail = "\n\n" + (block.tail or "")
    for dropped in root.xpath(".//script|.//style"):
        dropped.drop_tree()
    return normalize_text(root.text_content())


def _day(parsed) -> str:
    if not parsed:
        return ""
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (ValueError, AttributeError):
        return ""

"""Article records from a parsed body and its metadata: normalised text, title, sections, date, outlet.

Whatever the format, every reader ends here, so an article is built the same way from a text file,
an HTML page or a JSON record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from rag import dates
from rag.errors import InputError
from rag.records import Article, ArticleMeta, Section

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ATX_OPEN = re.compile(r"#{1,6}[ \t]+(?=\S)")
_SETEXT_UNDERLINE = re.compile(r"^(=+|-+)[ \t]*$")
_TERMINAL_PUNCTUATION = tuple(".!?;:,\"”’)]…")


def content_hash(title: str, text: str) -> str:
    """Identity of an article's content: same title and text, same hash, whatever the file name."""
    return hashlib.sha256(f"{title}\0{text}".encode()).hexdigest()


def normalize_text(text: str) -> str:
    """Unicode NFC, one kind of newline, no trailing spaces, at most one blank line in a row.

    Runs of spaces inside a line become one; characters a reader would quote are kept as they are
    (curly quotes, dashes, accents).
    """
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def outlet_of(url: str) -> str:
    """The site a URL belongs to ("apnews.com"), shown where an article names no outlet."""
    host = (urlsplit(url).hostname or "").lower() if url else ""
    return host[4:] if host.startswith("www.") else host


def slugify(value: str, *, max_length: int = 80) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-zA-Z0-9]+", "-", value).strip("-").lower()
    return value[:max_length].strip("-") or "article"


# Every metadata field an article has, with the names front matter and JSON records give it: the
# canonical name first, then its synonyms in order of preference. When two names of one field
# disagree, the earlier one wins (the canonical name over any synonym). The README's "Front-matter
# fields" table lists these rows.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "source": ("source", "outlet", "publisher", "site_name", "site"),
    "author": ("author", "byline", "authors", "creator"),
    "published": ("published", "date", "pubDate", "pub_date", "pubdate", "published_at", "publishedAt",
                  "publication_date", "datePublished", "date_published", "created_at", "time"),
    "url": ("url", "link", "canonical"),
}


def meta_str(meta: dict, key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return ""  # a structure where a string belongs is no title, source or url
    return str(value).strip()[:1000]


def meta_field(meta: dict, field: str) -> str:
    """A text field (title, source, url) under its canonical name, else under its first synonym given."""
    return next((v for v in (meta_str(meta, key) for key in META_FIELDS[field]) if v), "")


def meta_date(meta: dict) -> str | dt.date:
    """The first date-like field that holds a full date; else the first one given (it may hold a year)."""
    given = [meta[key] for key in META_FIELDS["published"] if meta.get(key) not in (None, "")]
    for value in given:
        if dates.parse_date(value):
            return value
    return next((v for v in given if isinstance(v, (str, int))), "")


def meta_author(meta: dict) -> str:
    """Author names from `author`/`byline`-style fields: a string, a list, or {"name": ...} objects."""
    for key in META_FIELDS["author"]:
        value = meta.get(key)
        names = value if isinstance(value, list) else [value]
        names = [n.get("name") if isinstance(n, dict) else n for n in names[:20]]
        joined = ", ".join(str(n).strip() for n in names if isinstance(n, (str, int)) and str(n).strip())
        if joined:
            return normalize_text(joined)[:300]
    return ""


def make_article(
    *, path: str | Path, article_id: str, body: str, title: str, source: str, url: str,
    published: object, markdown: bool, fallback_title: str, where: str | None = None, author: str = "",
) -> Article:
    """An article from its body and metadata; `path` names where it came from (`where`: which record of it)."""
    text = normalize_text(body)
    if markdown:
        text = plain_markdown(text)
    if not text:
        raise InputError(where or str(path), "has no text")
    headings = _markdown_headings(text) if markdown else _plain_headings(text)
    title = normalize_text(title)
    # A heading on the very first line is the article's title when none was given.
    body_start = 0
    if headings and headings[0][0] == 0 and headings[0][2] == (title or headings[0][2]):
        title = headings[0][2]
        body_start = headings[0][1]
        headings = headings[1:]
    title = title or fallback_title
    sections = _sections(text, headings, body_start)
    if not any(text[s.start:s.end].strip() for s in sections):
        raise InputError(where or str(path), "has headings but no body text")
    date, source = _date_and_source(published, source, url, text[body_start:body_start + 2000])
    meta = ArticleMeta(title=title, source=source, url=url, published=date, author=author)
    article = Article(id=article_id, meta=meta, text=text, path=str(path), sections=tuple(sections))
    if problem := invalid_text(article):
        raise InputError(where or str(path), problem)
    return article


# Markdown's inline marks, which a reader does not see and an answer must not quote: bold or strong
# ("**The inquiry found …**", as converted pages write <strong>; "__…__" only between words, not
# inside a name such as "window.__pwned") and links ("[the report](https://…)" is "the report").
# Bounded, so a hostile line costs linear time.
_STRONG = re.compile(r"\*\*(?=\S)([^*\n]{1,2000}?)(?<=\S)\*\*|(?<!\w)__(?=\S)([^_\n]{1,2000}?)(?<=\S)__(?!\w)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,500})\]\([^()\s]{1,2000}\)")


def plain_markdown(text: str) -> str:
    """`text` without Markdown's bold marks and with each link's text for the link."""
    return _LINK.sub(r"\1", _STRONG.sub(lambda m: m.group(1) or m.group(2), text))


def invalid_text(article: Article) -> str:
    """What makes a field of `article` no Unicode text, or "": a lone surrogate, which a JSON escape
    such as "\\ud800" produces and nothing (no file, terminal or database) can store."""
    for field in ("id", "title", "text", "source", "url", "published", "path", "author"):
        try:
            getattr(article, field).encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"its {field} holds {ascii(exc.object[exc.start])}, half of a UTF-16 surrogate pair and no "
                    "character; fix or remove that escape")
    return ""


def _date_and_source(published: object, source: str, url: str, opening: str) -> tuple[str, str]:
    """Metadata first; a dateline ("PARIS, March 3 (AFP) —") fills in what metadata lacks, then the
    day the URL files the story under ("…/2022/05/09/…")."""
    date = dates.parse_date(published)
    if date and source:
        return date, source
    line = dates.find_dateline(opening, year=dates.year_hint(published, url))
    if line:
        date = date or line.date
        source = source or line.outlet
    return date or dates.url_date(url), source


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def _plain_headings(text: str) -> list[tuple[int, int, str]]:
    """Lines that read as headings: short, title-cased, no closing punctuation, followed by body."""
    lines = list(_lines(text))
    headings = []
    following = ""  # the next non-blank line after the current one, found walking backwards
    for start, end, line in reversed(lines):
        if _looks_like_heading(line) and following and not _looks_like_heading(following):
            headings.append((start, end, line.strip()))
        if line.strip():
            following = line
    headings.reverse()
    return headings


def _looks_like_heading(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 100:
        return False
    words = line.split()
    if len(words) > 14:
        return False
    if line.endswith(_TERMINAL_PUNCTUATION) or not (line[0].isupper() or line[0].isdigit()):
        return False
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _markdown_headings(text: str) -> list[tuple[int, int, str]]:
    lines = list(_lines(text))
    headings = []
    for i, (start, end, line) in enumerate(lines):
        atx = _atx_heading(line)
        if atx:
            headings.append((start, end, atx))
        elif i + 1 < len(lines) and line.strip() and _SETEXT_UNDERLINE.match(lines[i + 1][2]):
            headings.append((start, lines[i + 1][1], line.strip()))
    return headings


def _atx_heading(line: str) -> str:
    """The text of a `## Heading ##` line, or "". String operations, not one regex with two
    open-ended parts, so a long line of '#' characters costs linear time."""
    match = _ATX_OPEN.match(line)
    if not match:
        return ""
    rest = line[match.end():].rstrip(" \t")
    closed = rest.rstrip("#")
    if closed != rest and (not closed or closed[-1] in " \t"):
        rest = closed.rstrip(" \t")
    return rest.strip()


def _sections(text: str, headings: list[tuple[int, int, str]], body_start: int) -> list[Section]:
    """Split the text at heading lines; the heading lines themselves belong to no section body."""
    lead_end = headings[0][0] if headings else len(text)
    bounds = [(body_start, lead_end, "")] + [
        (end, headings[i + 1][0] if i + 1 < len(headings) else len(text), title)
        for i, (_, end, title) in enumerate(headings)
    ]
    sections = []
    for start, end, title in bounds:
        body = text[start:end]
        if body.strip():
            lead = len(body) - len(body.lstrip())
            sections.append(Section(title, start + lead, start + lead + len(body.strip())))
    return sections

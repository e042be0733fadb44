"""Web pages as articles: the page's text and metadata extracted (never rendered), its URL kept.

An article fetched from the web is named by its canonical URL (tracking parameters stripped), so
the same page reached through two feeds or two links is one article, and a page whose text changed
upstream replaces the earlier version (same id).
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from rag.errors import InputError
from rag.readers.article import make_article as build_article
from rag.readers.article import normalize_text, outlet_of, slugify
from rag.readers.fetch import Fetcher, Response
from rag.records import Article

# Query parameters that say how a reader arrived, not which page it is.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|cmpid|"
    r"ocid|icid|ncid|s_cid|ref_src|smid|xtor|__twitter_impression)$",
    re.IGNORECASE,
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
               "application/xml", "text/xml")


def canonical_url(url: str) -> str:
    """`url` as one spelling: lower-case scheme and host, no default port, fragment or tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"[{host}]" if ":" in host else host
    if port:
        netloc += f":{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def article_id(identity: str, hint: str) -> str:
    """A stable, readable id: a slug of `hint` (the page's last path segment or its title) and a hash of `identity`."""
    digest = hashlib.sha256(identity.encode()).hexdigest()[:10]
    return f"{slugify(hint, max_length=60)}-{digest}"


def url_slug(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    return re.sub(r"\.(s?html?|php|aspx?)$", "", last) or (urlsplit(url).hostname or "page")


def page_text(html: str) -> tuple[str, dict]:
    """The main text of a page and its metadata (title, author, date, site name, canonical url)."""
    import trafilatura

    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False, include_images=False,
        include_links=False, favor_precision=True,
    ) or ""
    meta = trafilatura.extract_metadata(html)
    found = {
        "title": (meta.title if meta else "") or "",
        "author": (meta.author if meta else "") or "",
        "date": (meta.date if meta else "") or "",
        "sitename": (meta.sitename if meta else "") or "",
        "url": (meta.url if meta else "") or "",
    }
    return normalize_text(text), found


def make_article(*, url: str, text: str, title: str, author: str = "", published: object = "",
                 outlet: str = "", identity: str = "") -> Article:
    """An Article from what a page or a feed entry says; `identity` (default: the URL) names it.

    Built like any file's article (`rag.readers.article.make_article`: headings become sections,
    a dateline fills in a missing date, text that no store can hold is refused)."""
    url = canonical_url(url) if url else ""
    text = normalize_text(text)
    where = url or identity or title
    if not text:
        raise InputError(where, "has no article text that could be extracted")
    title = normalize_text(title)[:500] or text.split("\n", 1)[0][:120]
    first, _, rest = text.partition("\n")
    if first.strip() == title and rest.strip():  # the page's own headline, repeated above the body
        text = rest.strip()
    return build_article(
        path=url or identity, article_id=article_id(identity or url, url_slug(url) if url else title),
        body=text, title=title, source=normalize_text(outlet)[:200] or outlet_of(url), url=url,
        published=published, markdown=False, fallback_title=title, where=where,
        author=normalize_text(author)[:300],
    )


def article_from_page(response: Response, *, identity: str = "", title: str = "", author: str = "",
                      published: object = "") -> Article:
    """The article a fetched page holds. The page's title and author win (two feeds may title the same
    page differently); `title` and `author` (from a feed entry) fill in what it lacks; `published`
    (the entry's date) wins over the page's. Never the time it was fetched."""
    html = decode_body(response)
    text, meta = page_text(html)
    if not text:
        raise InputError(response.url, "contains no article text that could be extracted from the HTML")
    return make_article(
        url=response.url, text=text, title=meta["title"] or title, author=meta["author"] or author,
        published=published or meta["date"], outlet=meta["sitename"], identity=identity,
    )


def fetch_article(fetcher: Fetcher, url: str) -> Article:
    """`rag ingest https://…`: one page, fetched and extracted."""
    return article_from_page(fetcher.get(url, accept="text/html, */*;q=0.5"), identity=canonical_url(url))


def decode_body(response: Response) -> str:
    charset = re.search(r"charset=([\w.-]+)", response.content_type or "", re.IGNORECASE)
    try:
        return response.body.decode(charset.group(1) if charset else "utf-8")
    except (LookupError, UnicodeDecodeError):
        return response.body.decode("utf-8", "replace")


def discover_feeds(html: str, base_url: str) -> list[str]:
    """The feeds a page announces (`<link rel="alternate" type="application/rss+xml" href=…>`)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in _FEED_TYPES and href:
            absolute = urljoin(base_url, href)
            if absolute not in found:
                found.append(absolute)
    return found

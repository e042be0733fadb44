"""Load articles from files and folders, recover title and sections, normalise the text.

Every problem is reported per file (or per JSON line) as an `IngestFailure`; one bad file
never stops the rest of a batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rag.errors import InputError
from rag.records import Article, IngestFailure, Section

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
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


def slugify(value: str, *, max_length: int = 80) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-zA-Z0-9]+", "-", value).strip("-").lower()
    return value[:max_length].strip("-") or "article"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files named directly, and files found recursively in folders (hidden ones skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel_parts = found.relative_to(path).parts
                if found.is_file() and not any(p.startswith(".") for p in rel_parts):
                    yield found
        elif path.is_file():
            yield path
        elif path.exists():
            yield IngestFailure(str(path), "is not a regular file or folder")
        else:
            yield IngestFailure(str(path), "does not exist; check the path")


def check_upload(paths: Sequence[str | Path], *, max_files: int) -> None:
    """Refuse an upload batch over the count limit before anything is read (sizes are checked per file)."""
    if len(paths) > max_files:
        raise InputError(
            f"{len(paths)} files", f"too many files in one upload (limit {max_files}); upload them in smaller batches"
        )


def iter_articles(paths: Iterable[str | Path], *, max_file_bytes: int) -> Iterator[Article | IngestFailure]:
    """Parse supported files under `paths` one at a time: each article or failure as it is found.

    Lazy, so a folder of many thousands of articles never sits in memory at once.
    """
    owner: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        try:
            found, line_failures = parse_file(item, max_file_bytes=max_file_bytes)
        except InputError as exc:
            yield IngestFailure(exc.path, exc.problem)
            continue
        yield from line_failures
        for article in found:
            if article.id in owner:
                yield IngestFailure(
                    article.path,
                    f"article id '{article.id}' is already used by {owner[article.id]} in "
                    "this batch; rename one file or give the record an explicit 'id'",
                )
                continue
            owner[article.id] = article.path
            yield article


def load_articles(
    paths: Iterable[str | Path], *, max_file_bytes: int
) -> tuple[list[Article], list[IngestFailure]]:
    """Parse every supported file under `paths`; return the articles and one failure per problem."""
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for item in iter_articles(paths, max_file_bytes=max_file_bytes):
        (failures if isinstance(item, IngestFailure) else articles).append(item)
    return articles, failures


def parse_file(path: Path, *, max_file_bytes: int) -> tuple[list[Article], list[IngestFailure]]:
    """One file → its articles. Raises InputError when the whole file is unusable."""
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            name,
            f"unsupported file type '{suffix or '(none)'}'; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    size = path.stat().st_size
    if size > max_file_bytes:
        raise InputError(
            name,
            f"is {size / 1e6:.1f} MB, over the {max_file_bytes / 1e6:.1f} MB limit; "
            "split it or raise max_file_bytes",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(name, "is empty")
    if b"\x00" in raw:
        raise InputError(name, "is a binary file, not text")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name,
            f"is not UTF-8 text (undecodable byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8",
        ) from None

    if suffix in (".json", ".jsonl"):
        return _parse_json_records(path, content, jsonl=suffix == ".jsonl")
    if suffix in (".html", ".htm"):
        article = _parse_html(path, content)
    else:
        article = _parse_text_file(path, content, markdown=suffix in (".md", ".markdown"))
    return [article], []


def _parse_text_file(path: Path, content: str, *, markdown: bool) -> Article:
    import frontmatter

    try:
        post = frontmatter.loads(content)
    except Exception as exc:  # the YAML parser raises several unrelated types
        raise InputError(str(path), f"has a malformed front-matter block ({exc}); fix the YAML between the '---' lines") from None
    meta = post.metadata
    return _make_article(
        path=path,
        article_id=str(meta.get("id") or slugify(path.stem)),
        body=post.content,
        title=_meta_str(meta, "title"),
        source=_meta_str(meta, "source"),
        url=_meta_str(meta, "url"),
        published=_meta_str(meta, "published") or _meta_str(meta, "date"),
        markdown=markdown,
        fallback_title=path.stem.replace("-", " ").replace("_", " ").strip().capitalize(),
    )


def _parse_html(path: Path, content: str) -> Article:
    import trafilatura

    extracted = trafilatura.extract(
        content, output_format="markdown", include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_precision=True,
    )
    if not extracted or not extracted.strip():
        raise InputError(str(path), "contains no article text that could be extracted from the HTML")
    meta = trafilatura.extract_metadata(content)
    return _make_article(
        path=path,
        article_id=slugify(path.stem),
        body=extracted,
        title=(meta.title if meta else "") or "",
        source=(meta.sitename if meta else "") or "",
        url=(meta.url if meta else "") or "",
        published=(meta.date if meta else "") or "",
        markdown=True,
        fallback_title=path.stem.replace("-", " ").replace("_", " ").strip().capitalize(),
    )


def _parse_json_records(
    path: Path, content: str, *, jsonl: bool
) -> tuple[list[Article], list[IngestFailure]]:
    name = str(path)
    records: list[tuple[str, object]] = []
    if jsonl:
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"{name}:{number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((f"{name}:{number}", InputError(f"{name}:{number}", f"malformed JSON ({exc.msg} at column {exc.colno})")))
    else:
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        items = data if isinstance(data, list) else [data]
        records = [(f"{name}[{i}]" if isinstance(data, list) else name, item) for i, item in enumerate(items)]

    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for where, record in records:
        try:
            if isinstance(record, InputError):
                raise record
            articles.append(_article_from_record(path, where, record))
        except InputError as exc:
            failures.append(IngestFailure(exc.path, exc.problem))
    if not articles and not failures:
        raise InputError(name, "holds no records")
    return articles, failures


def _article_from_record(path: Path, where: str, record: object) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with 'title' and 'text', got {type(record).__name__}")
    missing = [key for key in ("title", "text") if not isinstance(record.get(key), str) or not record[key].strip()]
    if missing:
        raise InputError(where, f"missing or empty field(s) {', '.join(repr(m) for m in missing)}; each record needs a 'title' and a 'text' string")
    url = _meta_str(record, "url")
    return _make_article(
        path=path,
        article_id=str(record.get("id") or slugify(url or record["title"])),
        body=record["text"],
        title=record["title"],
        source=_meta_str(record, "source"),
        url=url,
        published=_meta_str(record, "published"),
        markdown=False,
        fallback_title="",
        where=where,
    )


def _meta_str(meta: dict, key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def _make_article(
    *, path: Path, article_id: str, body: str, title: str, source: str, url: str,
    published: str, markdown: bool, fallback_title: str, where: str | None = None,
) -> Article:
    text = normalize_text(body)
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
    return Article(
        id=article_id, title=title, text=text, source=source, url=url,
        published=published, path=str(path), sections=tuple(sections),
    )


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


def _plain_headings(text: str) -> list[tuple[int, int, str]]:
    """Lines that read as headings: short, title-cased, no closing punctuation, followed by body."""
    lines = list(_lines(text))
    headings = []
    for i, (start, end, line) in enumerate(lines):
        following = next((ln for _, _, ln in lines[i + 1:] if ln.strip()), "")
        if _looks_like_heading(line) and following and not _looks_like_heading(following):
            headings.append((start, end, line.strip()))
    return headings


def _looks_like_heading(line: str) -> bool:
    line = line.strip()
    words = line.split()
    if not words or len(line) > 100 or len(words) > 14:
        return False
    if line.endswith(_TERMINAL_PUNCTUATION) or not (line[0].isupper() or line[0].isdigit()):
        return False
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) / len(long_words) >= 0.6


def _markdown_headings(text: str) -> list[tuple[int, int, str]]:
    lines = list(_lines(text))
    headings = []
    for i, (start, end, line) in enumerate(lines):
        match = _ATX_HEADING.match(line)
        if match:
            headings.append((start, end, match.group(2).strip()))
        elif (
            i + 1 < len(lines) and line.strip() and _SETEXT_UNDERLINE.match(lines[i + 1][2])
            and not _ATX_HEADING.match(line)
        ):
            headings.append((start, lines[i + 1][1], line.strip()))
    return headings


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

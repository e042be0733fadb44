"""Load articles from files and folders, recover title, sections, date and byline; normalise the text.

Every problem is reported per file (or per JSON line) as an `IngestFailure`; one bad file
never stops the rest of a batch. Hostile input is bounded: files are read up to the size limit
and no further, every parsing step is linear in the file's size, YAML aliases are refused (they
expand a few hundred bytes into gigabytes), and a file that still exhausts the recursion limit or
memory fails alone.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rag import dates
from rag.errors import InputError
from rag.records import Article, IngestFailure, Section

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")

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


def slugify(value: str, *, max_length: int = 80) -> str:
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-zA-Z0-9]+", "-", value).strip("-").lower()
    return value[:max_length].strip("-") or "article"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files named directly, and files found recursively in folders (hidden ones skipped).

    What cannot be listed or is not a file (an unreadable folder, a broken link, a pipe) is a
    failure naming it; this never raises.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.is_file():
                yield path
            elif path.is_symlink():
                yield IngestFailure(str(path), _broken_link(path))
            elif path.exists():
                yield IngestFailure(str(path), "is not a regular file or folder")
            else:
                yield IngestFailure(str(path), "does not exist; check the path")
        except OSError as exc:
            yield IngestFailure(str(path), _unreadable(path, exc))


def _walk(root: Path) -> Iterator[Path | IngestFailure]:
    """Depth first, in name order; folder links are followed once (a link back up is not a loop)."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry]] = []

    def enter(folder: Path) -> IngestFailure | None:
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                return IngestFailure(str(folder), "links back to a folder already being read; skipped")
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            return IngestFailure(str(folder), f"folder {_unreadable(folder, exc)}; none of its files were read")
        stack.append(iter(entries))
        return None

    if failure := enter(root):
        yield failure
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                if failure := enter(path):
                    yield failure
            elif entry.is_file():
                yield path
            elif entry.is_symlink():
                yield IngestFailure(str(path), _broken_link(path))
            else:
                yield IngestFailure(str(path), "is not a regular file (a device, pipe or socket); skipped")
        except OSError as exc:
            yield IngestFailure(str(path), _unreadable(path, exc))


def _broken_link(path: Path) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"is a symbolic link to '{target}', which does not exist; fix or remove the link"


def _unreadable(path: Path, exc: OSError) -> str:
    """Why an OS call on `path` failed, in words a user can act on."""
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            return _broken_link(path)
        return "cannot be read: it no longer exists (moved or deleted while being ingested)"
    if code in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied; give the ingesting user read access"
    if code == errno.EISDIR:
        return "is a folder, not a file"
    if code == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    return f"cannot be read ({exc.strerror or exc})"


def check_upload(paths: Sequence[str | Path], *, max_files: int) -> None:
    """Refuse an upload batch over the count limit before anything is read (sizes are checked per file)."""
    if len(paths) > max_files:
        raise InputError(
            f"{len(paths)} files", f"too many files in one upload (limit {max_files}); upload them in smaller batches"
        )


def iter_articles(paths: Iterable[str | Path], *, max_file_bytes: int) -> Iterator[Article | IngestFailure]:
    """Parse supported files under `paths` one at a time: each article or failure as it is found.

    Lazy, so a folder of many thousands of articles never sits in memory at once. Never raises
    for a problem with one file: that file's failure is yielded and the rest go on.
    """
    owner: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        found, failures = parse_file(item, max_file_bytes=max_file_bytes)
        yield from failures
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
    """One file → its articles, and a failure for each part (or the whole file) that is unusable.

    Never raises for the file's own problems: unreadable, too big, binary, malformed, nested
    past the recursion limit, or too much for the memory the process may use.
    """
    name = str(path)
    try:
        return _parse_file(path, max_file_bytes=max_file_bytes)
    except InputError as exc:
        return [], [IngestFailure(exc.path, exc.problem)]
    except OSError as exc:
        return [], [IngestFailure(name, _unreadable(path, exc))]
    except RecursionError:
        return [], [IngestFailure(name, "is nested too deeply to parse (lists or objects inside each other "
                                        "thousands of levels deep); flatten it")]
    except MemoryError:
        return [], [IngestFailure(name, "needs more memory to parse than this process may use; "
                                        "split it into smaller files")]
    except Exception as exc:  # a parser library's bug must not stop the batch either
        return [], [IngestFailure(name, f"could not be parsed ({type(exc).__name__}: {str(exc)[:200]})")]


def _parse_file(path: Path, *, max_file_bytes: int) -> tuple[list[Article], list[IngestFailure]]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            name,
            f"unsupported file type '{suffix or '(none)'}'; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    raw = _read(path, max_file_bytes)
    if not raw.strip():
        raise InputError(name, "is empty")
    content = decode_text(name, raw)
    del raw
    if not content.strip():
        raise InputError(name, "is empty")

    if suffix in (".json", ".jsonl"):
        return _parse_json_records(path, content, jsonl=suffix == ".jsonl")
    if suffix in (".html", ".htm"):
        article = _parse_html(path, content)
    else:
        article = _parse_text_file(path, content, markdown=suffix in (".md", ".markdown"))
    return [article], []


def size_text(n: int) -> str:
    """Sizes in decimal megabytes (1 MB = 1,000,000 bytes), the unit of `max_file_bytes`'s docs."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _over_limit(name: str, size: int, limit: int) -> InputError:
    shown, cap = size_text(size), size_text(limit)
    if shown == cap:  # 10,000,001 bytes must not read as "10.0 MB, over the 10.0 MB limit"
        shown, cap = f"{size:,} bytes", f"{limit:,} bytes"
    return InputError(name, f"is {shown}, over the {cap} limit; split it or raise max_file_bytes")


def _read(path: Path, max_file_bytes: int) -> bytes:
    """The file's bytes, never more than the limit (a file may grow after it was listed)."""
    name = str(path)
    # O_NONBLOCK: opening a named pipe must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "is not a regular file (a device, pipe or socket)")
        if info.st_size > max_file_bytes:
            raise _over_limit(name, info.st_size, max_file_bytes)
        raw = handle.read(max_file_bytes + 1)
    if len(raw) > max_file_bytes:
        raise _over_limit(name, len(raw), max_file_bytes)
    return raw


# Byte-order marks, longest first (a UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_SAMPLE = 64 * 1024
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def decode_text(name: str, raw: bytes) -> str:
    """Bytes → text: a byte-order mark first, then UTF-8, then a detected encoding (charset-normalizer).

    Only content that is no text in any encoding is refused as binary.
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return _unless_binary(name, raw.decode(codec))
            except UnicodeDecodeError as exc:
                raise InputError(
                    name, f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(undecodable bytes at offset {exc.start}); re-save it as UTF-8",
                ) from None
    try:
        return _unless_binary(name, raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        if exc.reason == "unexpected end of data":  # cut off in the middle of its last character
            try:
                return _unless_binary(name, raw[:first_bad].decode("utf-8"))
            except UnicodeDecodeError:
                pass
    if b"\x00" in raw[:_SAMPLE]:
        text = _utf16_without_bom(raw)
        if text is None:
            raise InputError(name, "is a binary file, not text")
        return _unless_binary(name, text)
    if _control_bytes(raw[:_SAMPLE]) > max(2, min(len(raw), _SAMPLE) // 50):
        raise InputError(name, "is a binary file, not text")
    guess = _detect(raw)
    if guess is None:
        raise InputError(
            name,
            f"is not UTF-8 text (undecodable byte 0x{raw[first_bad]:02x} at offset {first_bad}) and no other "
            "text encoding fits it; re-save it as UTF-8",
        )
    return _unless_binary(name, str(guess))


# The legacy encodings a Western text most likely is, preferred when the detector finds a tie.
_LEGACY_DEFAULTS = ("cp1252", "latin_1", "iso8859_15")


def _detect(raw: bytes) -> str | None:
    """Decode with the encoding charset-normalizer finds most plausible; None when none is."""
    from charset_normalizer import from_bytes

    matches = from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    # Short Western text reads equally cleanly in many code pages, and the detector's language
    # guess on a few words is noise; Windows-1252 (the web's legacy default) is then the likeliest.
    tied = [m for m in matches if m.chaos <= best.chaos]
    return str(next((m for m in tied if set(m.could_be_from_charset) & set(_LEGACY_DEFAULTS)), best))


def _control_bytes(raw: bytes) -> int:
    """Bytes no text encoding but UTF-16/32 uses (C0 controls other than whitespace and escape)."""
    return sum(raw.count(bytes([b])) for b in (*range(0, 9), 14, 15, *range(16, 27), 28, 29, 30, 31, 127))


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark (NUL bytes are half its ASCII characters)."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = raw[: len(raw) - len(raw) % 2].decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[: _SAMPLE // 2]
        if sample and sum(c.isprintable() or c.isspace() for c in sample) / len(sample) > 0.95:
            return text
    return None


def _unless_binary(name: str, text: str) -> str:
    """Text that is mostly control characters is binary data that happens to decode."""
    sample = text[:_SAMPLE]
    controls = sum(1 for c in sample if c < " " and c not in _ALLOWED_CONTROLS or c == "\x7f")
    if "\x00" in sample or controls > max(2, len(sample) // 50):  # decoded text never holds NUL
        raise InputError(name, "is a binary file, not text")
    return text


class _FrontMatterLoader:
    """PyYAML's safe loader without aliases or implicit timestamps.

    Aliases let a few hundred bytes expand into gigabytes ("billion laughs"); dates stay strings
    so that an impossible one (2025-13-45) is an unknown date, not a failed file.
    """

    _cls = None

    @classmethod
    def get(cls):
        if cls._cls is None:
            import yaml

            timestamp = "tag:yaml.org,2002:timestamp"

            class Loader(yaml.SafeLoader):
                yaml_implicit_resolvers = {
                    first: [(tag, rx) for tag, rx in resolvers if tag != timestamp]
                    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
                }

                def compose_node(self, parent, index):
                    if self.check_event(yaml.AliasEvent):
                        event = self.peek_event()
                        raise yaml.composer.ComposerError(
                            None, None, f"uses a YAML alias (*{event.anchor}), which front matter may not",
                            event.start_mark,
                        )
                    return super().compose_node(parent, index)

            cls._cls = Loader
        return cls._cls


_MAX_FRONT_MATTER = 64 * 1024


def _front_matter(path: Path, content: str) -> tuple[dict, str]:
    import frontmatter
    import yaml

    handler = frontmatter.detect_format(content, frontmatter.handlers)
    if handler is None:
        return {}, content
    try:
        fm, body = handler.split(content)
        if len(fm) > _MAX_FRONT_MATTER:
            raise ValueError(f"it is {len(fm):,} characters long, over the {_MAX_FRONT_MATTER:,} allowed")
        if isinstance(handler, frontmatter.YAMLHandler):
            meta = yaml.load(fm, Loader=_FrontMatterLoader.get())  # noqa: S506 - a safe loader, aliases refused
        else:
            meta = handler.load(fm)
    except RecursionError:
        raise InputError(str(path), "has front matter nested too deeply to parse; flatten it") from None
    except Exception as exc:  # the YAML, TOML and JSON parsers raise several unrelated types
        problem = " ".join(str(exc).split())[:300]
        raise InputError(
            str(path), f"has a malformed front-matter block ({problem}); fix the block between the '---' lines"
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(
            str(path), f"has front matter that is a {type(meta).__name__}, not 'key: value' lines; "
            "fix the block between the '---' lines",
        )
    return meta, body


def _parse_text_file(path: Path, content: str, *, markdown: bool) -> Article:
    meta, body = _front_matter(path, content)
    return _make_article(
        path=path,
        article_id=_meta_str(meta, "id") or slugify(path.stem),
        body=body,
        title=_meta_str(meta, "title"),
        source=_meta_str(meta, "source"),
        url=_meta_str(meta, "url"),
        published=_meta_date(meta),
        author=_meta_author(meta),
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
        author=(meta.author if meta else "") or "",
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
            where = f"{name}:{number}"
            try:
                records.append((where, json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((where, InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")))
            except RecursionError:
                records.append((where, InputError(where, _TOO_DEEP)))
            except ValueError as exc:  # e.g. an integer of more digits than Python converts
                records.append((where, InputError(where, f"malformed JSON ({exc})")))
    else:
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            raise InputError(name, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
        except RecursionError:
            raise InputError(name, _TOO_DEEP) from None
        except ValueError as exc:
            raise InputError(name, f"malformed JSON ({exc})") from None
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
        except RecursionError:
            failures.append(IngestFailure(where, _TOO_DEEP))
    if not articles and not failures:
        raise InputError(name, "holds no records")
    return articles, failures


_TOO_DEEP = "malformed JSON: nested too deeply (arrays or objects inside each other beyond the parser's limit); flatten it"


def _article_from_record(path: Path, where: str, record: object) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with 'title' and 'text', got {type(record).__name__}")
    missing = [key for key in ("title", "text") if not isinstance(record.get(key), str) or not record[key].strip()]
    if missing:
        raise InputError(where, f"missing or empty field(s) {', '.join(repr(m) for m in missing)}; each record needs a 'title' and a 'text' string")
    url = _meta_str(record, "url")
    return _make_article(
        path=path,
        article_id=_meta_str(record, "id") or slugify(url or record["title"]),
        body=record["text"],
        title=record["title"],
        source=_meta_str(record, "source"),
        url=url,
        published=_meta_date(record),
        author=_meta_author(record),
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
    if isinstance(value, (dict, list)):
        return ""  # a structure where a string belongs is no title, source or url
    return str(value).strip()[:1000]


def _meta_date(meta: dict) -> str | dt.date:
    """The first date-like field that holds a full date; else the first one given (it may hold a year)."""
    given = [meta[key] for key in dates.DATE_KEYS if meta.get(key) not in (None, "")]
    for value in given:
        if dates.parse_date(value):
            return value
    return next((v for v in given if isinstance(v, (str, int))), "")


def _meta_author(meta: dict) -> str:
    """Author names from `author`/`byline`-style fields: a string, a list, or {"name": ...} objects."""
    for key in dates.AUTHOR_KEYS:
        value = meta.get(key)
        names = value if isinstance(value, list) else [value]
        names = [n.get("name") if isinstance(n, dict) else n for n in names[:20]]
        joined = ", ".join(str(n).strip() for n in names if isinstance(n, (str, int)) and str(n).strip())
        if joined:
            return normalize_text(joined)[:300]
    return ""


def _make_article(
    *, path: Path, article_id: str, body: str, title: str, source: str, url: str,
    published: object, markdown: bool, fallback_title: str, where: str | None = None, author: str = "",
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
    date, source = _date_and_source(published, source, url, text[body_start:body_start + 2000])
    return Article(
        id=article_id, title=title, text=text, source=source, url=url,
        published=date, path=str(path), sections=tuple(sections), author=author,
    )


def _date_and_source(published: object, source: str, url: str, opening: str) -> tuple[str, str]:
    """Metadata first; a dateline ("PARIS, March 3 (AFP) —") fills in what metadata lacks."""
    date = dates.parse_date(published)
    if date and source:
        return date, source
    line = dates.find_dateline(opening, year=dates.year_hint(published, url))
    if line:
        date = date or line.date
        source = source or line.outlet
    return date, source


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

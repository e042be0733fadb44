"""One file → its articles, by format: plain text and Markdown (with front matter), HTML, JSON and JSON Lines.

Every problem is reported per file (or per JSON record) as an `IngestFailure`; a file that
exhausts the recursion limit or memory, or trips a parser library's bug, fails alone.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath

from rag.errors import InputError
from rag.readers.article import make_article, meta_author, meta_date, meta_field, meta_str, slugify
from rag.readers.decoding import decode_text
from rag.readers.files import display_name, read_bytes, unreadable
from rag.readers.front_matter import split_front_matter
from rag.records import Article, IngestFailure

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")

_TOO_DEEP = "malformed JSON: nested too deeply (arrays or objects inside each other beyond the parser's limit); flatten it"


def parse_file(path: Path, *, max_file_bytes: int) -> tuple[list[Article], list[IngestFailure]]:
    """One file → its articles, and a failure for each part (or the whole file) that is unusable.

    Never raises for the file's own problems: unreadable, too big, binary, malformed, nested
    past the recursion limit, or too much for the memory the process may use.
    """
    name = display_name(path)
    try:
        return _parse_file(path, name, max_file_bytes=max_file_bytes)
    except InputError as exc:
        return [], [IngestFailure(exc.path, exc.problem)]
    except OSError as exc:
        return [], [IngestFailure(name, unreadable(path, exc))]
    except RecursionError:
        return [], [IngestFailure(name, "is nested too deeply to parse (lists or objects inside each other "
                                        "thousands of levels deep); flatten it")]
    except MemoryError:
        return [], [IngestFailure(name, "needs more memory to parse than this process may use; "
                                        "split it into smaller files")]
    except Exception as exc:  # a parser library's bug must not stop the batch either
        return [], [IngestFailure(name, f"could not be parsed ({type(exc).__name__}: {str(exc)[:200]})")]


def _parse_file(path: Path, name: str, *, max_file_bytes: int) -> tuple[list[Article], list[IngestFailure]]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            name,
            f"unsupported file type '{display_name(suffix) or '(none)'}'; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
        )
    raw = read_bytes(path, max_file_bytes)
    if not raw.strip():
        raise InputError(name, "is empty")
    content = decode_text(name, raw)
    del raw
    if not content.strip():
        raise InputError(name, "is empty")

    if suffix in (".json", ".jsonl"):
        return parse_json_records(name, content, jsonl=suffix == ".jsonl")
    if suffix in (".html", ".htm"):
        article = parse_html(name, content)
    else:
        article = parse_text(name, content, markdown=suffix in (".md", ".markdown"))
    return [article], []


def _title_from_name(name: str) -> str:
    return PurePath(name).stem.replace("-", " ").replace("_", " ").strip().capitalize()


def parse_text(name: str, content: str, *, markdown: bool) -> Article:
    """A plain-text or Markdown file, with optional front matter; `name` is the file's (display) name."""
    meta, body = split_front_matter(name, content)
    return make_article(
        path=name,
        article_id=meta_str(meta, "id") or slugify(PurePath(name).stem),
        body=body,
        title=meta_field(meta, "title"),
        source=meta_field(meta, "source"),
        url=meta_field(meta, "url"),
        published=meta_date(meta),
        author=meta_author(meta),
        markdown=markdown,
        fallback_title=_title_from_name(name),
    )


def parse_html(name: str, content: str) -> Article:
    """An HTML page: its article text extracted (boilerplate left out) as Markdown, and its metadata."""
    import trafilatura

    extracted = trafilatura.extract(
        content, output_format="markdown", include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_precision=True,
    )
    if not extracted or not extracted.strip():
        raise InputError(name, "contains no article text that could be extracted from the HTML")
    meta = trafilatura.extract_metadata(content)
    return make_article(
        path=name,
        article_id=slugify(PurePath(name).stem),
        body=extracted,
        title=(meta.title if meta else "") or "",
        source=(meta.sitename if meta else "") or "",
        url=(meta.url if meta else "") or "",
        published=(meta.date if meta else "") or "",
        author=(meta.author if meta else "") or "",
        markdown=True,
        fallback_title=_title_from_name(name),
    )


def parse_json_records(name: str, content: str, *, jsonl: bool) -> tuple[list[Article], list[IngestFailure]]:
    """A JSON object, a JSON list of objects, or JSON Lines: each record with a 'title' and a 'text'."""
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
            articles.append(_article_from_record(name, where, record))
        except InputError as exc:
            failures.append(IngestFailure(exc.path, exc.problem))
        except RecursionError:
            failures.append(IngestFailure(where, _TOO_DEEP))
    if not articles and not failures:
        raise InputError(name, "holds no records")
    return articles, failures


def _article_from_record(name: str, where: str, record: object) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object with 'title' and 'text', got {type(record).__name__}")
    missing = [key for key in ("title", "text") if not isinstance(record.get(key), str) or not record[key].strip()]
    if missing:
        raise InputError(where, f"missing or empty field(s) {', '.join(repr(m) for m in missing)}; each record needs a 'title' and a 'text' string")
    url = meta_field(record, "url")
    return make_article(
        path=name,
        article_id=meta_str(record, "id") or slugify(url or record["title"]),
        body=record["text"],
        title=record["title"],
        source=meta_field(record, "source"),
        url=url,
        published=meta_date(record),
        author=meta_author(record),
        markdown=False,
        fallback_title="",
        where=where,
    )

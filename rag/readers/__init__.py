"""Readers: files and folders → `Article` records (title, sections, date, outlet, byline; normalised text).

Every problem is reported per file (or per JSON line) as an `IngestFailure`; one bad file
never stops the rest of a batch. Hostile input is bounded: files are read up to the size limit
and no further, every parsing step is linear in the file's size, YAML aliases are refused (they
expand a few hundred bytes into gigabytes), and a file that still exhausts the recursion limit or
memory fails alone.

    files.py         walking folders, size limits, unreadable and broken files, printable names
    decoding.py      bytes → text (byte-order marks, UTF-8, detected legacy encodings, binary refused)
    front_matter.py  the metadata block of text and Markdown files, parsed safely
    formats.py       one file → its articles: text, Markdown, HTML, JSON, JSON Lines
    article.py       building the `Article`: normalised text, title, sections, date, outlet
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rag.readers.article import content_hash, invalid_text, make_article, normalize_text, slugify
from rag.readers.files import check_upload, display_name, estimate_articles, iter_files
from rag.readers.formats import SUPPORTED_SUFFIXES, parse_file
from rag.records import Article, IngestFailure

__all__ = [
    "SUPPORTED_SUFFIXES", "check_upload", "content_hash", "display_name", "estimate_articles", "iter_articles",
    "invalid_text", "iter_files", "load_articles", "make_article", "normalize_text", "parse_file", "slugify",
]


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

"""`Assistant.ingest_articles`: already-built `Article` records (e.g. from a feed) go through the same
batching, duplicate and syndication checks and commits as files do."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ROOT

from rag import Article, ArticleMeta, Assistant, Settings
from rag.readers import load_articles, make_article

ARCHIVE = ROOT / "data" / "archive-dev" / "articles"
WIRE, COPY = "eastbridge-fire-day4", "eastbridge-fire-day4-meridian"


def archive_articles(*ids: str) -> list[Article]:
    articles, failures = load_articles(sorted(ARCHIVE.glob("eastbridge-fire-day4*")), max_file_bytes=10_000_000)
    assert not failures
    by_id = {a.id: a for a in articles}
    return [by_id[i] for i in ids]


def feed_item(n: int) -> Article:
    """An article as a feed reader would build it: from a body and its metadata."""
    return make_article(
        path=f"https://news.example/feed#{n}", article_id=f"depot-{n}", body=f"The depot in ward {n} opened a new "
        f"loading bay on Tuesday, the port authority said. Work on berth {n} starts in May.",
        title=f"Depot {n} opens", source="Port Gazette", url=f"https://news.example/depot-{n}",
        published="2024-03-05", markdown=False, fallback_title="",
    )


def test_articles_are_batched_committed_and_searchable(tmp_path, embedder):
    assistant = Assistant.open(tmp_path / "index", settings=Settings(ingest_batch_articles=2), embedder=embedder)
    generations, calls = [], []

    def progress(done, total, *, chunks):
        calls.append((done, total, chunks))
        generations.append(assistant.index.info().generation)

    report = assistant.ingest_articles([feed_item(n) for n in range(5)], progress=progress)
    assert report.added == tuple(f"depot-{n}" for n in range(5)) and report.chunks_added == 5
    assert calls[-1] == (5, 5, 5) and len(set(generations)) >= 3  # batches of two, each committed
    stored = {a.id: a for a in assistant.articles()}
    assert stored["depot-3"].source == "Port Gazette" and stored["depot-3"].published == "2024-03-05"
    answer = assistant.ask("When does work on berth 3 start?")
    assert answer.passages[0].chunk.article_id == "depot-3" and "May" in answer.text
    # A generator is fine too; unchanged articles cost nothing, a same-text article under another id is a duplicate.
    again = assistant.ingest_articles(feed_item(n) for n in range(5))
    assert again.unchanged == report.added and again.chunks_added == 0
    twin = assistant.ingest_articles([replace(feed_item(1), id="depot-1-again")])
    assert twin.duplicates == (("depot-1-again", "depot-1"),) and not twin.added


def test_a_syndicated_copy_is_stored_once_as_with_files(tmp_path, embedder):
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    copy, wire = archive_articles(COPY, WIRE)
    report = assistant.ingest_articles([copy, wire])
    assert report.syndicated == ((COPY, WIRE),)
    stored = {a.id: a for a in assistant.articles()}
    assert stored[COPY].chunks == 0 and stored[WIRE].chunks >= 1 and stored[COPY].story_id == stored[WIRE].story_id
    # The same articles read from their files are unchanged: one identity, whichever way they came.
    from_files = assistant.ingest(sorted(ARCHIVE.glob("eastbridge-fire-day4*")))
    assert set(from_files.unchanged) == {COPY, WIRE}


def test_bad_records_fail_alone_and_missing_sections_are_one_section(tmp_path, embedder):
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    bare = Article(id="bare", meta=ArticleMeta(title="Council vote"),
                   text="The council voted on Wednesday to close the old ferry terminal.")
    report = assistant.ingest_articles([
        Article(id="", meta=ArticleMeta(title="No id", url="https://news.example/x"), text="Some text."),
        Article(id="empty", meta=ArticleMeta(title="Empty"), text="   "),
        bare,
    ])
    assert report.added == ("bare",)
    assert [(f.path, f.problem) for f in report.failed] == [
        ("https://news.example/x", "has no id; give each article one (e.g. rag.readers.slugify of its URL)"),
        ("empty", "has no text"),
    ]
    assert "ferry terminal" in assistant.ask("What did the council vote to close?").text
    with pytest.raises(TypeError, match="Article records"):
        assistant.ingest_articles([{"title": "a dict", "text": "is not an article"}])


def test_an_article_that_is_no_unicode_text_fails_alone(tmp_path, embedder):
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    report = assistant.ingest_articles([
        Article(id="half", meta=ArticleMeta(title="Half a pair", url="https://news.example/half"),
                text="The dock \ud800 opened."),
        Article(id="whole", meta=ArticleMeta(title="Whole"),
                text="The dock opened on Monday, the harbour master said."),
    ])
    assert report.added == ("whole",)
    assert [(f.path, f.problem) for f in report.failed] == [(
        "https://news.example/half",
        "its text holds '\\ud800', half of a UTF-16 surrogate pair and no character; fix or remove that escape",
    )]

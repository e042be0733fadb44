"""The archive's present: the newest publication day by a question's as_of, read from a real index.

News asked about without a time is about the present; the sentence model reads how much older
than the archive's present each candidate's article is ("stale"). The present is the archive's
own, not the calendar's: an archive that ends in 2022 asked today is not four years stale."""

from __future__ import annotations

import datetime as dt

import pytest

from rag import Assistant
from rag.answering.sentence_model import FEATURES, features
from rag.question import read
from sample_articles import index_of


def _article(title: str, published: str, body: str) -> str:
    meta = f"published: {published}\n" if published else ""
    return f"---\ntitle: {title}\nsource: Valley Courier\n{meta}---\n{body}\n"


ARTICLES = {
    "festival-2021.md": _article("Lakeside festival opens with Northern Lights", "2021-07-30",
                                 "The Lakeside Film Festival opened with the premiere of Northern Lights, "
                                 "a drama about a lighthouse keeper. About 4,000 people watched it, organisers said."),
    "harbour-2022.md": _article("Harbour dredging to start in autumn", "2022-07-12",
                                "Dredging of the harbour channel will start in October and take about six weeks, "
                                "the port authority said."),
    "undated.md": _article("Ferry timetable", "", "Ferries run every hour between the two piers in summer."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("present"), ARTICLES, embedder)


def test_the_present_is_the_newest_publication_day_by_the_asked_day(assistant):
    present = assistant.retriever.present
    assert present(dt.date(2026, 12, 6)) == dt.date(2022, 7, 12)  # the archive's own last day, not today
    assert present(dt.date(2022, 7, 11)) == dt.date(2021, 7, 30)
    assert present(dt.date(2022, 7, 12)) == dt.date(2022, 7, 12)
    assert present(dt.date(2021, 1, 1)) is None  # nothing dated by then
    query = read("Which film opened the Lakeside Film Festival?", (), "2022-07-20")
    stats = assistant.retriever.corpus_stats(query, assistant.retriever.retrieve(query))
    assert stats.present == dt.date(2022, 7, 12)


def test_the_present_moves_when_a_newer_article_is_indexed(tmp_path, embedder):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.md").write_text(ARTICLES["harbour-2022.md"])
    assistant = Assistant.build([folder], tmp_path / "index", embedder=embedder)
    assert assistant.retriever.present(dt.date(2026, 12, 6)) == dt.date(2022, 7, 12)
    (folder / "later.md").write_text(_article("Dredging begins", "2022-10-03", "Dredging of the harbour began."))
    assistant.ingest([folder])
    assert assistant.retriever.present(dt.date(2026, 12, 6)) == dt.date(2022, 10, 3)


def test_staleness_is_read_against_the_present_only_for_questions_that_name_no_time(assistant):
    stale = FEATURES.index("stale")
    for question, as_of, expect_stale in (("Which film opened the Lakeside Film Festival?", "2022-07-20", True),
                                          ("Which film opened the Lakeside Film Festival in 2021?", "2022-07-20", False)):
        query = read(question, (), as_of)
        passages = assistant.retriever.retrieve(query)
        stats = assistant.retriever.corpus_stats(query, passages)
        candidates = [s for s in assistant.answerer.candidates(query, passages, stats) if s.eligible]
        x = features([s.candidate() for s in candidates], query, [s.typed for s in candidates], stats.present)
        by_title = {s.passage.title: row[stale] for s, row in zip(candidates, x)}
        film = by_title["Lakeside festival opens with Northern Lights"]
        # A year older than the archive's present: log1p(347) / log(3650) ≈ 0.71.
        assert (film == pytest.approx(0.714, abs=0.01)) if expect_stale else film == 0.0
        if "Harbour dredging to start in autumn" in by_title:
            assert by_title["Harbour dredging to start in autumn"] == 0.0  # published on the present day

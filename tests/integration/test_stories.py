"""Syndicated copies count once: a wire story re-published by another outlet is stored once, as
one story with both outlets, on the real model and real indexes (local and Milvus Lite).

The pair is from the development archive: `eastbridge-fire-day4.md` (Northern Wire) and
`eastbridge-fire-day4-meridian.json` (Meridian Daily, new headline and byline, a quote cut).
"""

from __future__ import annotations

import shutil

import pytest

from rag import Assistant, RagError
from rag.indexing import PendingArticle
from rag import cli
from conftest import ROOT

ARCHIVE = ROOT / "data" / "archive-dev" / "articles"
WIRE, COPY = "eastbridge-fire-day4", "eastbridge-fire-day4-meridian"
FILES = {WIRE: ARCHIVE / f"{WIRE}.md", COPY: ARCHIVE / f"{COPY}.json"}
OUTLETS = {WIRE: "Northern Wire", COPY: "Meridian Daily"}
QUESTION = "What caused the fire at the Brennan Chemicals plant in Eastbridge?"
# Other days of the same fire, and two recurring events written from one template each year
# (the Halvorsen 2023 report has its own syndicated copy).
OTHERS = sorted(
    [*ARCHIVE.glob("eastbridge-fire-day[12].*"), *ARCHIVE.glob("calder-cup-final-*"), *ARCHIVE.glob("halvorsen-prize-*")]
)


@pytest.fixture(scope="module")
def base_index(tmp_path_factory, embedder):
    """The archive's articles about other things and other years: no copy of the fire story."""
    path = tmp_path_factory.mktemp("stories") / "base"
    assistant = Assistant.build(OTHERS, path, embedder=embedder)
    assert len(assistant.last_report.added) == len(OTHERS) == 13, assistant.last_report
    assistant.index.close()
    return path


@pytest.fixture
def index_copy(base_index, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(base_index, target)
    return target


def ingest_in_turn(path, embedder, first: str, second: str) -> Assistant:
    """One article per run, each run a fresh `Assistant` (as two `rag ingest` commands would be)."""
    report = Assistant.load(path, embedder=embedder).ingest([FILES[first]])
    assert report.added == (first,) and report.syndicated == (), report
    assistant = Assistant.load(path, embedder=embedder)
    report = assistant.ingest([FILES[second]])
    # The fuller text (the wire's: the copy cut a quote) holds the story's passages, whichever came first.
    assert report.added == (second,) and report.syndicated == ((COPY, WIRE),), report
    assert (report.chunks_added == 0) == (second == COPY)  # nothing of the copy is embedded
    return assistant


def story_passages(passages) -> list:
    return [p for p in passages if p.chunk.article_id in (WIRE, COPY)]


def articles_by_id(assistant: Assistant) -> dict:
    return {a.id: a for a in assistant.articles()}


@pytest.mark.parametrize("first,second", [(WIRE, COPY), (COPY, WIRE)], ids=["wire-first", "copy-first"])
def test_a_syndicated_pair_is_stored_once_with_both_outlets(index_copy, embedder, capsys, first, second):
    assistant = ingest_in_turn(index_copy, embedder, first, second)
    stored = articles_by_id(assistant)
    lead, copy = stored[WIRE], stored[COPY]
    assert lead.chunks >= 1 and copy.chunks == 0
    assert lead.story_id == copy.story_id == first  # the story keeps the id of the article that founded it
    assert (copy.source, copy.title, copy.published, copy.author) == (
        "Meridian Daily", assistant.article(COPY).title, "2023-06-09", "Tariq Holloway")
    assert assistant.article(COPY).text.startswith("Two workers missing since Tuesday's fire")
    assert assistant.index.check() == []

    assert cli.main(["info", "--index", str(index_copy)]) == 0
    listing = capsys.readouterr().out
    assert f"  {WIRE}  " in listing and f"  {COPY}  " in listing and "[0 chunks]" in listing

    passages = assistant.retriever.retrieve(QUESTION, k=5)
    shown = story_passages(passages)
    assert shown and {p.chunk.article_id for p in shown} == {WIRE}  # never the copy beside it
    assert "solvent leak" in shown[0].chunk.text
    assert shown[0].story_id == first
    assert shown[0].also_published == ("Meridian Daily · 9 June 2023",)
    assert all(p.also_published == () for p in passages if p not in shown)
    answer = assistant.ask(QUESTION)
    assert any(p.also_published == shown[0].also_published for p in answer.passages)
    assert "also_published" in answer.to_dict()["passages"][0]


def test_other_years_of_a_recurring_event_are_not_merged(base_index, embedder):
    assistant = Assistant.load(base_index, embedder=embedder)
    stored = articles_by_id(assistant)
    finals = [a for a in stored.values() if a.id.startswith("calder-cup-final-")]
    prizes = [a for a in stored.values() if a.id.startswith("halvorsen-prize-")]
    assert len(finals) == 5 and len(prizes) == 6
    # Five years of one final, five of one prize: each its own story, each with its passages.
    assert all(a.story_id == a.id and a.chunks >= 1 for a in finals)
    pair = ("halvorsen-prize-2023", "halvorsen-prize-2023-meridian")
    assert all(a.story_id == a.id and a.chunks >= 1 for a in prizes if a.id not in pair)
    # Only the one re-published report of 2023 joined another article's story; the wire's fuller
    # text holds its passages although the trimmed copy was read (and founded the story) first.
    lead, copy = stored["halvorsen-prize-2023"], stored["halvorsen-prize-2023-meridian"]
    assert lead.chunks >= 1 and copy.chunks == 0 and copy.story_id == lead.story_id == copy.id


def test_cli_ingest_names_the_copy_and_its_outlets(index_copy, capsys):
    assert cli.main(["ingest", str(FILES[WIRE]), "--index", str(index_copy)]) == 0
    assert cli.main(["ingest", str(FILES[COPY]), "--index", str(index_copy)]) == 0
    out = capsys.readouterr()
    assert (f"syndicated: {COPY} (Meridian Daily) is a copy of {WIRE} (Northern Wire); stored once as one story"
            in out.err)
    assert "1 added, 0 replaced, 0 unchanged, 1 syndicated copy, 0 failed (0 chunks embedded" in out.out

    assert cli.main(["ask", QUESTION, "--index", str(index_copy)]) == 0
    assert "also published by Meridian Daily · 9 June 2023" in capsys.readouterr().out


def test_running_the_ingest_again_changes_nothing(index_copy, embedder):
    assistant = ingest_in_turn(index_copy, embedder, WIRE, COPY)
    before, generation = assistant.articles(), assistant.index.info().generation
    again = Assistant.load(index_copy, embedder=embedder).ingest([*OTHERS, *FILES.values()])
    assert set(again.unchanged) == {p.stem for p in OTHERS} | {WIRE, COPY}
    assert (again.added, again.replaced, again.syndicated, again.chunks_added) == ((), (), (), 0)
    assistant.refresh()
    assert assistant.articles() == before and assistant.index.info().generation == generation


def test_removing_the_lead_keeps_the_story_findable_through_the_copy(index_copy, embedder):
    assistant = ingest_in_turn(index_copy, embedder, WIRE, COPY)
    assistant.remove(WIRE)
    stored = articles_by_id(assistant)
    assert WIRE not in stored and stored[COPY].chunks >= 1 and stored[COPY].story_id == WIRE
    assert assistant.index.check() == []
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=5))
    assert shown and {p.chunk.article_id for p in shown} == {COPY}
    assert "solvent leak" in shown[0].chunk.text and shown[0].also_published == ()

    # The wire copy comes back (another process): fuller than the copy, it takes the passages back.
    report = Assistant.load(index_copy, embedder=embedder).ingest([FILES[WIRE]])
    assert report.syndicated == ((COPY, WIRE),)
    assistant.refresh()
    stored = articles_by_id(assistant)
    assert (stored[COPY].chunks, stored[WIRE].story_id) == (0, WIRE) and stored[WIRE].chunks >= 1
    assert assistant.index.check() == []
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=5))
    assert {p.chunk.article_id for p in shown} == {WIRE} and shown[0].also_published == ("Meridian Daily · 9 June 2023",)


def test_removing_a_copy_removes_its_record_only(index_copy, embedder):
    assistant = ingest_in_turn(index_copy, embedder, WIRE, COPY)
    chunks = assistant.index.chunk_count
    assistant.remove(COPY)
    assert COPY not in articles_by_id(assistant) and assistant.index.chunk_count == chunks
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=5))
    assert shown[0].chunk.article_id == WIRE and shown[0].also_published == ()
    with pytest.raises(RagError, match="No article"):
        assistant.remove(COPY)


def test_a_lead_rewritten_into_another_story_hands_the_story_to_its_copy(index_copy, embedder, tmp_path):
    assistant = ingest_in_turn(index_copy, embedder, WIRE, COPY)
    rewritten = tmp_path / f"{WIRE}.md"
    front_matter = FILES[WIRE].read_text().split("---\n")[1]
    rewritten.write_text(f"---\n{front_matter}---\n" + (
        "The city council of Eastbridge voted on Thursday to build a new footbridge over the canal, "
        "a project first proposed a decade ago. Work is expected to start next spring and to last a year."
    ))
    report = assistant.ingest([rewritten])
    assert report.replaced == (WIRE,) and report.syndicated == ()
    stored = articles_by_id(assistant)
    assert stored[WIRE].chunks >= 1 and stored[WIRE].story_id != stored[COPY].story_id
    assert stored[COPY].chunks >= 1  # promoted in the same commit
    assert assistant.index.check() == []
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=5))
    assert shown[0].chunk.article_id == COPY and "solvent leak" in shown[0].chunk.text


def test_milvus_stores_the_pair_once(tmp_path, embedder):
    """The trimmed copy first: the fuller wire text arriving later takes the passages over."""
    location = f"milvus://{tmp_path / 'stories.db'}"
    assistant = Assistant.build([FILES[COPY], ARCHIVE / "eastbridge-fire-day1.md"], location, embedder=embedder)
    writer = Assistant.load(location, embedder=embedder)  # another client: detection reads the store
    report = writer.ingest([FILES[WIRE]])
    writer.index.close()
    assert report.syndicated == ((COPY, WIRE),)
    assistant.refresh()
    stored = articles_by_id(assistant)
    assert (stored[COPY].chunks, stored[COPY].story_id, stored[WIRE].story_id) == (0, COPY, COPY)
    assert stored[WIRE].chunks >= 1
    assert assistant.index.check() == []
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=3))
    assert shown and {p.chunk.article_id for p in shown} == {WIRE}
    assert shown[0].also_published == ("Meridian Daily · 9 June 2023",)
    assistant.index.close()


def test_two_copies_holding_passages_never_show_side_by_side(index_copy, embedder):
    """An index where both copies hold passages (e.g. built before copies were grouped) still shows one."""
    assistant = ingest_in_turn(index_copy, embedder, WIRE, COPY)
    copy = assistant.article(COPY)
    assistant.indexer.commit([PendingArticle(copy, assistant.index.article_hash(COPY), WIRE, assistant.indexer.chunks(copy))])
    assert articles_by_id(assistant)[COPY].chunks >= 1
    shown = story_passages(assistant.retriever.retrieve(QUESTION, k=5))
    assert shown and len({p.chunk.article_id for p in shown}) == 1
    other = ({WIRE, COPY} - {shown[0].chunk.article_id}).pop()
    assert shown[0].also_published == (f"{OUTLETS[other]} · 9 June 2023",)


WIRE_DAY = """---
title: Cabinet backs Marren Ridge rail tunnel
source: Harbour Wire
published: 2021-04-14
---
The government on Wednesday gave the go-ahead for a rail tunnel under the Marren Ridge, a project meant to bring the north coast within 40 minutes of the capital by train.

The twin-bore tunnel will run for 18.6 kilometres beneath the ridge, replacing a winding mountain line.

The cabinet put the cost of the tunnel at 2.4 billion crowns.
"""
# The next day's copy: the same wire text and a paragraph of the outlet's own, so it is the fuller
# copy and holds the story's passages.
FULLER_COPY = WIRE_DAY.replace("source: Harbour Wire", "source: North Daily").replace(
    "published: 2021-04-14", "published: 2021-04-15") + """
Business groups on the north coast welcomed the decision, saying the tunnel would bring investment and jobs to the region for decades to come.
"""


def test_a_story_asked_on_the_wire_day_is_found_though_a_later_copy_holds_it(tmp_path, embedder):
    from sample_articles import index_of

    assistant = index_of(tmp_path, {"wire.md": WIRE_DAY, "copy.md": FULLER_COPY}, embedder)
    assert assistant.last_report.syndicated, assistant.last_report
    answer = assistant.ask("How long is the Marren Ridge tunnel?", as_of="2021-04-14")
    assert not answer.refused
    assert "18.6 kilometres" in answer.text
    # Before the wire published it, nothing.
    assert assistant.ask("How long is the Marren Ridge tunnel?", as_of="2021-04-13").refused

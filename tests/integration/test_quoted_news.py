"""An answer quotes the news, not the page around it: a wire dateline opening the sentence ("PHOENIX —",
"LISBON, May 3 (Wire) —") is left out of the quote when the rest names its place and no time is asked,
and the citation still points at the words quoted. A photo caption ("Pictured: …") is no answer. On a
real index of made-up reports."""

from __future__ import annotations

import pytest

from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "quake.md": report("Quake toll rises", "Allied Newswire", "2025-03-06",
                       "NORRHOLM, March 6, 2025 (Allied Newswire) — The death toll from the Norrholm earthquake "
                       "rose to 68 on Thursday, regional officials said.\n\n"
                       "Rescue teams were still searching collapsed buildings in the old town."),
    "mayor.md": report("Harbour town gets a new mayor", "Coast Weekly", "2025-04-10",
                       "Pictured: Mayor Ilse Brandt at the harbour festival last summer.\n\n"
                       "Ilse Brandt resigned as mayor of Kessel on Monday after eleven years in office.\n\n"
                       "KESSEL — Councillor Tomas Weil was sworn in as acting mayor of Kessel on Wednesday."),
    "fire.md": report("Warehouse fire", "Coast Weekly", "2025-04-16",
                      "PORTVILLE — A fire destroyed a grain warehouse on Tuesday, the fire service said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("quoted"), ARTICLES, embedder)


def test_the_answer_quotes_the_sentence_without_its_dateline(assistant):
    answer = assistant.ask("What is the death toll from the Norrholm earthquake?", as_of="2025-03-07")
    text = strip_markers(answer.text)
    assert "68" in text and "Allied Newswire) —" not in text and "NORRHOLM, March 6" not in text, text
    quote = answer.citations[0].quote
    assert quote.startswith("The death toll from the Norrholm earthquake rose to 68"), quote
    assert quote in text


def test_a_bare_place_dateline_is_left_out_and_a_caption_is_no_answer(assistant):
    answer = assistant.ask("Who is the acting mayor of Kessel?", as_of="2025-04-11")
    text = strip_markers(answer.text)
    # Asked who holds a post now, the newest report answers under its date: after the label, no dateline.
    assert text.removeprefix("Latest report (Coast Weekly, 10 April 2025): ").startswith(
        "Councillor Tomas Weil was sworn in"), text
    assert "Pictured" not in text, text


def test_a_dateline_that_says_where_or_when_stays(assistant):
    answer = assistant.ask("What did the fire destroy?", as_of="2025-04-17")
    assert strip_markers(answer.text).startswith("PORTVILLE — A fire destroyed a grain warehouse"), answer.text
    answer = assistant.ask("On what day was the Norrholm earthquake toll reported at 68?", as_of="2025-03-07")
    assert "NORRHOLM, March 6, 2025" in answer.text, answer.text

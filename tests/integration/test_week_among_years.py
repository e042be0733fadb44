"""A yearly event reported every year for eighty years in nearly the same words, and this week's
report worded less like the question: "this week" finds this week's report among the older ones,
which its date lifts only when it is among the candidates re-ranked. On a real index with the real
model."""

from __future__ import annotations

import itertools

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

COLOURS = ("Amber", "Silver", "Scarlet", "Velvet", "Iron", "Paper", "Glass", "Cobalt")
THINGS = ("Foxes", "Harbours", "Lanterns", "Sparrows", "Tides", "Engines", "Ravens", "Bridges", "Kings", "Wolves")
BANDS = [f"The {c} {t}" for c, t in itertools.product(COLOURS, THINGS)]
FIRST = 2024 - len(BANDS)

ARTICLES = {
    f"headliner-{year}.md": report(f"Harbour Festival names {band} as headliner", "Vale Standard", f"{year}-06-10",
                                   f"The Harbour Festival has named {band} as the headliner of this year's festival, "
                                   "organisers announced on Monday.\n\n"
                                   f"The {year} festival runs for three days in July on the old quay; last year's "
                                   f"drew {9000 + 173 * (year - FIRST):,} visitors.")
    for year, band in zip(range(FIRST, 2024), BANDS)
}
ARTICLES["headliner-2024.md"] = report(
    "Copper Kites to top the Harbour Festival bill", "Vale Standard", "2024-06-18",
    "The Harbour Festival has named Copper Kites as its headliner for this year, organisers said on Tuesday, "
    "after ticket sales fell.\n\n"
    "Tickets go on sale on Friday.")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("week-among-years"), ARTICLES, embedder)


def test_this_weeks_report_answers_among_eighty_years_of_the_same_news(assistant):
    answer = assistant.ask("Which band did the Harbour Festival name as its headliner this week?", as_of="2024-06-21")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert text.startswith("The Harbour Festival has named Copper Kites"), text


def test_an_older_week_is_still_its_own_years_report(assistant):
    answer = assistant.ask("Which band did the Harbour Festival name as its headliner this week?", as_of="2003-06-13")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert BANDS[2003 - FIRST] in text.split(" [")[0] and "Copper Kites" not in text, text

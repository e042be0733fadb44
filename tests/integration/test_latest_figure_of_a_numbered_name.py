"""A figure asked now of something whose name holds a number ("Berth 9", "Model K4"): the newest
report's line that gives no figure ("Berth 9 will not earn a single crown until next year": the
name's number is none) does not answer; the newest line giving one does, and an estimate asked is
answered by what the newest report expects."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "approved.md": report("Board backs Berth 9", "Harbour Gazette", "2021-03-16",
                          "The Kestrel Port Authority approved Berth 9, a deep-water container berth, on Monday at an "
                          "estimated cost of 1.4 billion crowns."),
    "risen.md": report("Berth 9 bill rises again", "Harbour Gazette", "2024-11-27",
                       "The cost estimate for Berth 9 has risen again, to 2.6 billion crowns, the port authority said "
                       "yesterday.\n\nThe new estimate is 250 million crowns higher than the figure announced last year."),
    "expects.md": report("Berth 12 estimate climbs", "Harbour Gazette", "2024-03-05",
                         "The port authority now expects the Berth 12 expansion to cost 210 million crowns, after the "
                         "strike last year and a redesign of the quay wall.\n\nBerth 12 is now expected to open early "
                         "next year."),
    "revised-12.md": report("Berth 12 cost revised", "Harbour Gazette", "2022-03-08",
                            "The estimated cost of the Berth 12 expansion has been revised to 165 million crowns, up from "
                            "120 million, because of higher steel and concrete prices, the port authority said."),
    "ship-12.md": report("Berth 12 welcomes its first ship", "Harbour Gazette", "2025-03-20",
                         "Berth 12 welcomed its first container ship on Wednesday."),
    "analysis.md": report("The port's big bet", "Coast Quarterly", "2025-04-15",
                          "Four years on, the city's container ambitions are still a building site.\n\n"
                          "Berth 9 will not earn a single crown of container revenue until next year, and its cost "
                          "estimate has become a local joke.\n\n"
                          "Residents have learned not to believe its timetables."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("numbered-name"), ARTICLES, embedder)


@pytest.mark.parametrize("question", ["What's the latest cost estimate for Berth 9?", "berth 9 cost estimate now?"])
def test_the_newest_line_giving_a_figure_answers(assistant, question):
    answer = assistant.ask(question, as_of="2025-05-01")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split(" [")[0]
    assert "2.6 billion crowns" in first and "single crown" not in first, answer.text


def test_an_estimate_asked_is_answered_by_what_the_newest_report_expects(assistant):
    """"now expects … to cost 210 million" says what the estimate is, though worded as a forecast and
    further from the question than the older report's "has been revised to 165 million"."""
    answer = assistant.ask("What is the latest cost estimate for Berth 12?", as_of="2025-06-01")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split(" [")[0]
    assert "210 million crowns" in first and "165 million" not in first, answer.text

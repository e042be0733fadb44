"""Predecessors told in the ways reports tell them: "Who coached the club before her?" is answered by
the report of her appointment "after the sacking of" the last one, and "Who was captain before Jo
Lind?" by "Berg … was succeeded by Lind", not by the line about who came after. And a budget named by its year is told before the year: "What deficit did
the 2026 budget target?" is answered by the October report presenting it. On a real index with the
real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "appointed.md": report("Harbour Rovers turn to Ilse Marrick", "Tarlow Sport", "2024-01-15",
                           "Harbour Rovers have appointed Ilse Marrick as head coach on a contract running to 2026, "
                           "ending a six-week search after the sacking of Otto Brenner.\n\nMarrick, 44, coached "
                           "Fenby Town for three seasons."),
    "leaves.md": report("Marrick leaves Rovers to coach the national team", "Tarlow Sport", "2025-06-02",
                        "Ilse Marrick has left Harbour Rovers a month after leading them to the league title to become "
                        "head coach of Norland's national team.\n\nRovers chairman Piet Olssen said the club was proud that "
                        "the federation had come to Tarlow for its coach."),
    "captain.md": report("Lind named Rovers captain", "Tarlow Sport", "2025-03-03",
                         "Jo Lind will lead Harbour Rovers out as captain this season.\n\nKai Berg, who wore the armband "
                         "for five seasons, stepped down in February and was succeeded by Lind, the club said.\n\n"
                         "Lind, 27, joined from Fenby Town in 2022."),
    "budget.md": report("Dahl budget aims to cut deficit", "Tarlow Ledger", "2025-10-23",
                        "Finance Minister Ruth Dahl presented a 2026 budget on Thursday that aims to narrow the deficit "
                        "to 2.9 percent of gross domestic product.\n\nSpending on schools rises by 4 percent."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("who-came-before"), ARTICLES, embedder)


def test_a_predecessor_told_after_the_name_asked_of(assistant):
    answer = assistant.ask("Who was Harbour Rovers' captain before Jo Lind?", as_of="2025-07-01")
    text = strip_markers(answer.text)
    assert not answer.refused and text.startswith("Kai Berg"), text


def test_a_predecessor_told_by_the_sacking_the_appointment_ended(assistant):
    answer = assistant.ask("Who coached Harbour Rovers before Ilse Marrick?", as_of="2025-07-01")
    text = strip_markers(answer.text)
    assert not answer.refused and "Otto Brenner" in text, text


def test_a_budget_named_by_its_year_is_told_before_it(assistant):
    answer = assistant.ask("What deficit did the 2026 budget target?", as_of="2026-12-01")
    text = strip_markers(answer.text)
    assert not answer.refused and "2.9 percent" in text, text
    assert assistant.ask("What was the deficit in 2026?", as_of="2026-12-01").refused

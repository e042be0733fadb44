"""Sums written as business wires write them, with an ISO code or a currency's symbol: "How much will
the bank pay?" is answered by "will pay CHF 1.4 billion", not refused as a sentence with no sum,
and "cost the economy an estimated 210 million vells" in a currency no table knows is a sum, while a
count of people written like a currency ("12,000 Afghanis") is no answer to "How much did the
country spend?". On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "loss.md": report("Alpstein Bank settles property fund claims", "Markets Wire", "2024-02-08",
                      "ZURICH, Feb 8 (Markets Wire) - Alpstein Bank will pay CHF 1.4 billion to settle claims over "
                      "its sale of property funds, it said on Thursday.\n\nThe bank said it would cut 900 jobs."),
    "contract.md": report("Hanmo wins bridge coatings contract", "Markets Wire", "2024-03-11",
                          "Hanmo Coatings will repaint the Seoryeong bridge, the city said on Monday. The work will "
                          "cost ₩48 billion.\n\nWork starts in May."),
    # A currency the table does not know, learned from how the report writes its sums.
    "strike.md": report("Dock strike cost economy 210 million vells, chamber says", "Norland Ledger", "2023-08-09",
                        "The 12-day strike at the port cost the Norland economy an estimated 210 million vells in lost "
                        "output, delayed exports and extra transport costs, the chamber of commerce said on Wednesday.\n\n"
                        "The strike ended on Friday with a 6.8 percent pay deal. The employers estimate the settlement "
                        "adds about 11 million vells a year to their labour costs."),
    "refugees.md": report("Norland's resettlement programme", "Norland Ledger", "2024-05-02",
                          "Since 2021 Norland has taken in 12,000 Afghanis, most of them women and children, under its "
                          "resettlement programme.\n\nThe programme is run by the interior ministry."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("sums-in-codes"), ARTICLES, embedder)


@pytest.mark.parametrize(("question", "sum_"), [
    ("How much will Alpstein Bank pay to settle the claims?", "CHF 1.4 billion"),
    ("How much will repainting the Seoryeong bridge cost?", "₩48 billion"),
    ("How much did the dock strike cost the economy?", "210 million vells"),
])
def test_a_sum_in_a_code_or_a_symbol_answers(assistant, question, sum_):
    answer = assistant.ask(question, as_of="2024-06-01")
    assert not answer.refused and sum_ in strip_markers(answer.text), answer.text


def test_a_count_of_people_is_no_sum(assistant):
    answer = assistant.ask("How much did Norland spend on resettling Afghans?", as_of="2024-06-01")
    assert "12,000 Afghanis" not in strip_markers(answer.text).split(" [")[0], answer.text

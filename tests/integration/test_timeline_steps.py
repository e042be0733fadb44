"""A figure's course keeps every step the reports tell: a report that retells an earlier figure and
gives a new one is quoted by that line; a move given in percent is a step of a price's course; and
a question over the years keeps the yearly reports before a run of monthly ones. On a real index of
made-up dated reports."""

from __future__ import annotations

import pytest

from rag.citations import strip_markers
from sample_articles import index_of, report

JACKPOT = {
    "j1.md": report("EuroStar jackpot rises", "Allied Wire", "2024-03-05",
                    "The EuroStar jackpot rose to 120 million euros on Tuesday after no ticket matched all numbers."),
    "j2.md": report("EuroStar jackpot climbs again", "Coast Weekly", "2024-03-08",
                    "The EuroStar jackpot, which rose to 120 million euros on Tuesday, now stands at 135 million euros. "
                    "Ticket sales reached 30 million euros on Friday, the operator said."),
    "j3.md": report("EuroStar jackpot at 150 million", "Allied Wire", "2024-03-12",
                    "The EuroStar jackpot climbed to 135 million euros last week and reached 150 million euros on Tuesday."),
}

PETROL = {
    "p1.md": report("Petrol prices", "Ostland Herald", "2024-01-20",
                    "The average price of petrol in Ostland reached 1.72 euros a litre in January."),
    "p2.md": report("Petrol jumps after refinery fire", "Allied Wire", "2024-03-22",
                    "Petrol prices in Ostland jumped 6% in March after the refinery fire cut supplies."),
    "p3.md": report("Petrol falls as refinery reopens", "Allied Wire", "2024-05-21",
                    "Ostland petrol prices fell 4% in May as the refinery reopened."),
    "p4.md": report("Petrol in June", "Ostland Herald", "2024-06-20",
                    "The average price of petrol in Ostland was 1.79 euros a litre in June."),
}

JOBS = {
    "u1.md": report("Unemployment", "Ostland Herald", "2021-12-15", "Ostland's unemployment rate stood at 7.9% in November."),
    "u2.md": report("Unemployment falls", "Ostland Herald", "2022-12-14", "Ostland's unemployment rate fell to 6.8% in November."),
    "u3.md": report("Unemployment", "Allied Wire", "2024-02-14", "Ostland's unemployment rate was 5.6% in January."),
    "u4.md": report("Unemployment", "Allied Wire", "2024-03-13", "Ostland's unemployment rate rose to 5.7% in February."),
    "u5.md": report("Unemployment", "Allied Wire", "2024-04-12", "Ostland's unemployment rate held at 5.7% in March."),
    "u6.md": report("Unemployment", "Allied Wire", "2024-05-15", "Ostland's unemployment rate fell to 5.5% in April."),
}


@pytest.fixture(scope="module")
def archives(tmp_path_factory, embedder):
    return {name: index_of(tmp_path_factory.mktemp(name), articles, embedder)
            for name, articles in (("jackpot", JACKPOT), ("petrol", PETROL), ("jobs", JOBS))}


def test_a_report_retelling_an_old_figure_beside_a_new_one_keeps_its_line(archives):
    text = strip_markers(archives["jackpot"].ask("How has the EuroStar jackpot grown this month?", as_of="2024-03-17").text)
    assert "now stands at 135 million euros" in text and "Ticket sales" not in text, text


def test_a_move_in_percent_is_a_step_of_a_prices_course(archives):
    text = strip_markers(archives["petrol"].ask("How have petrol prices in Ostland changed this year?", as_of="2024-06-25").text)
    assert "jumped 6%" in text and "fell 4%" in text, text


def test_a_question_over_the_years_keeps_the_yearly_reports(archives):
    text = strip_markers(archives["jobs"].ask("How has Ostland's unemployment rate changed over the years?",
                                              as_of="2024-05-20").text)
    assert "7.9%" in text and "6.8%" in text, text

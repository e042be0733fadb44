""""How have gas prices changed?" is told in prices, "How many cases are there now?" in counts of
cases: each dated report is quoted by a sentence giving the figure the question measures, not one
that gives another kind of figure ("up about 25%"), a vague one ("thousands of cases"), the world's
figure for one country's, or a figure an earlier report already gave. On a real index of made-up
dated reports."""

from __future__ import annotations

import re

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # A fuel price's course: each report also says how far prices moved in percent.
    "fuel-1.md": report("Pump prices hit a record in Norland", "Valley Courier", "2025-05-10",
                        "Norland fuel prices are up about 25% since the start of the year, analysts said.\n\n"
                        "The national average for a litre of petrol reached $2.37 on Monday, a record."),
    "fuel-2.md": report("Norland pump prices climb again", "Coastal Gazette", "2025-06-06",
                        "Norland fuel prices have risen more than 40% this year, traders said.\n\n"
                        "The national average for a litre of petrol climbed to $2.87 on Monday."),
    "fuel-3.md": report("Norland pump prices ease", "Northern Wire", "2025-07-05",
                        "Norland fuel prices fell about 10% in the past month, analysts said.\n\n"
                        "The national average for a litre of petrol eased to $2.61 on Tuesday."),
    # A case count asked now: the newest report also guesses at "thousands" and gives the world's count.
    "cases-1.md": report("Measles cases rise in Norland", "Valley Courier", "2025-03-02",
                         "Health officials have confirmed 605 measles cases in Norland, the ministry said on Sunday."
                         "\n\nClinics have extended their opening hours."),
    "cases-2.md": report("Measles outbreak grows", "Northern Wire", "2025-03-20",
                         "There may be thousands of measles cases in Norland right now, an epidemiologist said.\n\n"
                         "Across the world, there are now more than 16,000 measles cases in 70 countries.\n\n"
                         "The ministry's tally stood at 1,814 confirmed measles cases in Norland on Thursday."),
    "cases-3.md": report("Measles spreads abroad", "Coastal Gazette", "2025-03-24",
                         "Norland's measles outbreak has slowed, officials there said.\n\n"
                         "Measles cases worldwide have passed 20,000 in 75 countries, the health agency said on Monday."),
    # A jackpot's course: the third report retells the second's figure before giving its own.
    "prize-1.md": report("Grand Lotto jackpot grows", "Valley Courier", "2025-07-22",
                         "The Grand Lotto jackpot has grown to an estimated $630 million for Friday's drawing."),
    "prize-2.md": report("Grand Lotto jackpot tops $1 billion", "Coastal Gazette", "2025-07-27",
                         "The Grand Lotto jackpot has ballooned to $1.02 billion after no ticket matched all six "
                         "numbers on Tuesday."),
    "prize-3.md": report("Grand Lotto drawing tonight", "Northern Wire", "2025-07-29",
                         "The Grand Lotto jackpot grew in July to $1.02 billion after no one matched all six numbers "
                         "on Tuesday night.\n\nTonight's Grand Lotto jackpot is $1.1 billion, the lottery said."),
    # A forecast's course: the second report's news is that the forecast held.
    "outlook-1.md": report("Corlan sets its outlook", "Valley Courier", "2025-02-01",
                           "Corlan forecast full-year revenue of about 2.05 billion dollars for 2025."),
    "outlook-2.md": report("Corlan keeps its outlook", "Coastal Gazette", "2025-04-25",
                           "Corlan kept its full-year revenue forecast of about 2.05 billion dollars for 2025.\n\n"
                           "Corlan reported full-year revenue growth in the first quarter of 2025, with revenue of 489 million dollars."),
    "outlook-3.md": report("Corlan raises its outlook", "Northern Wire", "2025-07-25",
                           "Corlan raised its full-year revenue forecast for 2025 to 2.1 billion dollars."),
    # A flood toll's course, and a report years before on the valley's last great flood.
    "flood-0.md": report("The valley remembers", "Valley Courier", "2021-06-14",
                         "Floods in the Brenn valley killed 12 people in 1998, the deadliest in its history."),
    "flood-1.md": report("Floods hit the Brenn valley", "Coastal Gazette", "2025-07-29",
                         "Flooding in the Brenn valley has left at least eight people dead, officials said."),
    "flood-2.md": report("Brenn valley toll rises", "Northern Wire", "2025-08-01",
                         "At least 28 people have died in the Brenn valley floods, officials said."),
    "flood-3.md": report("Brenn valley mourns", "Valley Courier", "2025-08-08",
                         "The Brenn valley floods have killed at least 37 people, the governor said."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("measure"), ARTICLES, embedder)


def test_a_price_s_course_is_told_in_prices(assistant):
    answer = assistant.ask("How have Norland fuel prices changed since May?", as_of="2025-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for price in ("$2.37", "$2.87", "$2.61"):
        assert price in text, (price, text)
    assert "25%" not in text and "40%" not in text and "10%" not in text, text


def test_a_count_asked_now_is_the_newest_exact_count_of_what_is_asked(assistant):
    answer = assistant.ask("How many measles cases are there in Norland now?", as_of="2025-03-25")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "1,814" in lead, answer.text
    assert "thousands" not in lead and "16,000" not in lead and "20,000" not in lead, answer.text


def test_one_country_s_count_over_time_is_not_told_by_the_world_s(assistant):
    answer = assistant.ask("How has the number of measles cases in Norland grown?", as_of="2025-03-25")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "605" in text and "1,814" in text, text
    assert "20,000" not in text and "16,000" not in text, text


def test_a_report_retelling_the_last_step_is_quoted_by_its_new_figure(assistant):
    answer = assistant.ask("How did the Grand Lotto jackpot grow in July?", as_of="2025-07-31")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for figure in ("$630 million", "$1.02 billion", "$1.1 billion"):
        assert figure in text, (figure, text)
    assert len(re.findall(r"\$1\.02 billion", text)) == 1, text


def test_a_report_whose_news_is_that_the_figure_held_is_quoted_by_it(assistant):
    answer = assistant.ask("How did Corlan's full-year revenue forecast for 2025 change during the year?",
                           as_of="2025-08-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "kept its full-year revenue forecast" in text and "2.1 billion" in text, text
    assert "489 million" not in text, text


def test_a_report_years_before_the_others_does_not_begin_a_figure_s_course(assistant):
    answer = assistant.ask("How did the death toll from the Brenn valley floods rise?", as_of="2025-08-12")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "eight" in text and "28" in text and "37" in text, text
    assert "1998" not in text and "2021" not in text, text

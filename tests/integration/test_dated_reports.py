"""Timelines and "now" questions read each dated report by its own news: "since March 2024" asks from
then to now (not that month alone), a later article's recap of an earlier step is not a new step, a
report is quoted by its lead rather than an aside or a quote worded closer to the question, a later
article that only recalls an old peak in passing is no "latest report", who runs a company after its
head leaves is who takes over, and a figure written in words counts. On a real index of made-up
dated reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # A central bank's rate moves; the second report recaps the first, the last article only recalls a peak.
    "rate-1.md": report("Corvane bank raises rate", "Valley Courier", "2024-03-07",
                        "The Corvane Reserve raised its benchmark rate to 3.5 percent on Thursday, its third increase "
                        "in a row.\n\nSavers welcomed the move."),
    "rate-2.md": report("Corvane bank raises rate again", "Coastal Gazette", "2024-07-11",
                        "The Corvane Reserve raised its benchmark rate to 4 percent on Thursday, the highest in a decade."
                        "\n\nIn March the Corvane Reserve had raised its benchmark rate to 3.5 percent."),
    "rate-3.md": report("Corvane bank cuts rate", "Northern Wire", "2025-01-16",
                        "The Corvane Reserve cut its benchmark rate to 3.75 percent on Thursday, its first cut in two years."),
    "rate-4.md": report("Corvane bank cuts again", "Valley Courier", "2025-05-15",
                        "The Corvane Reserve cut its benchmark rate to 3.25 percent on Thursday."),
    "loans-5.md": report("Corvane borrowers struggle", "Coastal Gazette", "2025-08-20",
                         "More Corvane households are behind on their loans.\n\n"
                         "Many borrowers were hit when the Corvane Reserve's benchmark rate climbed to a peak of "
                         "4 percent in 2024."),
    # A town's mayors: each report's lead tells its step; an aside and a quote are worded closer to the question.
    "mayor-1.md": report("Dunmore mayor resigns over audit", "Valley Courier", "2022-05-04",
                         "Paul Hendry resigned as mayor of Dunmore on Wednesday, two weeks after an audit found he had "
                         "charged 40,000 crowns of private travel to the city.\n\n"
                         "Hendry, 58, who had led the city since 2012, said he was stepping down to spare the city a "
                         "distraction.\n\nHendry's resignation is the first by a Dunmore mayor since 1981."),
    "mayor-2.md": report("Teacher wins Dunmore by-election", "Northern Wire", "2022-10-10",
                         "Olga Rainer, a 41-year-old teacher, won the Dunmore mayoral by-election on Sunday with 48 "
                         "percent of the vote, officials said.\n\n"
                         "\"Dunmore wants a city hall that spends its money on schools, not on travel,\" Rainer told "
                         "supporters.\n\nTurnout was 36 percent."),
    # A company's head leaves; the report's next sentence names who runs it meanwhile.
    "ceo-1.md": report("Harlan Foods names a chief executive", "Northern Wire", "2023-02-01",
                       "Harlan Foods named Ines Vardy its chief executive on Wednesday."),
    "ceo-2.md": report("Harlan Foods chief steps down", "Valley Courier", "2024-03-05",
                       "Harlan Foods chief executive Ines Vardy is stepping down, the company said on Tuesday as it "
                       "announced 300 job cuts.\n\n"
                       "Finance director Tomas Greer will serve as interim chief executive while the board looks for a "
                       "successor.\n\nHarlan shares fell 4 percent."),
    # A prison sentence cut on appeal: "How long is … sentence now?" asks a time, not a size.
    "jail-1.md": report("Harbour chief jailed", "Valley Courier", "2023-06-07",
                        "A court jailed former harbour director Erik Lund for five years on Tuesday for taking bribes."),
    "jail-2.md": report("Lund sentence cut on appeal", "Northern Wire", "2024-02-20",
                        "An appeals court on Tuesday upheld the bribery conviction of former harbour director Erik Lund "
                        "but reduced his prison sentence from five years to three."),
    # A prize's money over the years: each report's lead names the winner, its next line the money.
    "prize-1.md": report("Marlow Prize winner named", "Valley Courier", "2022-11-08",
                         "Ada Brook has won the Marlow Prize for Poetry for her collection \"Low Light\", the jury "
                         "announced on Tuesday.\n\nBrook, 44, receives prize money of 30,000 dollars."),
    "prize-2.md": report("Marlow Prize goes to Lee", "Northern Wire", "2023-11-07",
                         "Sam Lee has won the Marlow Prize for Poetry for his collection \"Salt\", the jury announced "
                         "on Tuesday.\n\nLee, 51, receives prize money of 45,000 dollars, up from 30,000 dollars last "
                         "year."),
}


# A toll written in words in the newest report, worded further from the question than the older one.
QUAKE = {
    "quake-1.md": report("Quake hits Dellan", "Valley Courier", "2025-02-03",
                         "The death toll from Monday's earthquake in Dellan rose to 31 on Tuesday, officials said."),
    "quake-2.md": report("Hopes fade in Dellan", "Coastal Gazette", "2025-02-05",
                         "Rescuers said the death toll from Monday's quake had reached forty-four by Wednesday evening, "
                         "and hopes of finding survivors were fading.\n\nShelters in the valley were full."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("dated"), ARTICLES, embedder)


@pytest.fixture(scope="module")
def quake(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("quake"), QUAKE, embedder)


def test_a_rate_timeline_since_a_month_tells_each_later_decision_once(assistant):
    answer = assistant.ask("How has the Corvane Reserve's benchmark rate changed since March 2024?",
                           as_of="2025-06-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for figure in ("3.5 percent", "to 4 percent", "3.75 percent", "3.25 percent"):
        assert figure in text, (figure, text)
    assert text.count("3.5 percent") == 1 and "had raised" not in text, text


@pytest.mark.parametrize("question", ["How has the mayoralty of Dunmore changed since May 2022?",
                                      "How has the mayoralty of Dunmore changed?"])
def test_a_timeline_of_people_quotes_each_report_s_news(assistant, question):
    answer = assistant.ask(question, as_of="2023-01-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "Paul Hendry resigned as mayor" in text and "Olga Rainer, a 41-year-old teacher, won" in text, text
    assert "told supporters" not in text and "since 1981" not in text, text


def test_a_report_s_figure_is_not_dropped_for_its_lead(assistant):
    answer = assistant.ask("How did the Marlow Prize money change over the years?", as_of="2024-01-01")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split("Northern Wire")[0]
    assert "30,000 dollars" in first, answer.text


def test_a_rate_now_is_not_led_by_a_later_article_recalling_an_old_peak(assistant):
    answer = assistant.ask("What is the Corvane Reserve's benchmark rate now?", as_of="2025-09-01")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "3.25 percent" in lead and "peak" not in lead, answer.text


def test_who_runs_it_now_after_its_head_leaves_is_who_takes_over(assistant):
    answer = assistant.ask("Who currently runs Harlan Foods?", as_of="2024-05-01")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "Tomas Greer" in lead, answer.text


def test_a_sentence_asked_now_is_the_one_cut_on_appeal(assistant):
    answer = assistant.ask("How long is Erik Lund's prison sentence now?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "from five years to three" in lead, answer.text


def test_a_newer_toll_written_in_words_leads(quake):
    answer = quake.ask("What is the latest death toll from the Dellan earthquake?", as_of="2025-02-06")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "forty-four" in lead, answer.text

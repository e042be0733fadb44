"""Questions a reader asks of a dated archive without saying "now" or "timeline". On a real index of
made-up reports, each page opening as web pages do (a headline, a time stamp, then the lead):

- "Who runs X?" in the present tense asks who runs it as of the question's day: the newest
  appointment answers, told by its report's lead, not an aside of that report about the interim
  chief going back to her old job, nor the first report's resignation, nor a later report of another
  post (a ship's captain);
- "What time …?" asks a time of day: the line giving one answers;
- a time in a clause about an earlier event ("a search that followed the resignation of … in
  March") does not make the appointment old news;
- several times listed ("in 2021, 2022 and 2023") get one dated line each, and each line is its
  report's lead, not a quote from further down;
- "between march 2022 and september 2024", typed in lower case, is one period: its reports are the
  steps, and where there are more than the answer holds, the newest is one of them.
"""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


def page(headline: str, stamp: str, *paragraphs: str) -> str:
    return f"# {headline}\n\n{stamp}\n\n" + "\n\n".join(paragraphs)


ARTICLES = {
    "holt.md": report("Brantwick Ferries appoints Ana Holt", "Lakeshore Post", "2016-02-10", page(
        "Brantwick Ferries appoints Ana Holt", "Published Wednesday 10 February 2016 · Updated 08:00 GMT",
        "Brantwick Ferries has appointed Ana Holt, the operator's head of routes, as its chief executive.",
        "Holt, 41, has run Brantwick Ferries' island routes since 2011.")),
    "resigns.md": report("Ferry operator's chief resigns", "Lakeshore Post", "2022-03-14", page(
        "Ferry operator's chief resigns", "Published Monday 14 March 2022 · Updated 09:12 GMT",
        "Ana Holt, chief executive of Brantwick Ferries for the past six years, resigned on Monday after a "
        "review of the company's ticketing contract.",
        "The operator's finance director, Greta Moen, will serve as interim chief executive from April 1 while "
        "the board searches for a permanent successor.")),
    "appointed.md": report("Brantwick Ferries names permanent chief", "Lakeshore Post", "2022-09-06", page(
        "Brantwick Ferries names permanent chief", "Published Tuesday 6 September 2022 · Updated 11:40 GMT",
        "Brantwick Ferries has appointed Ivo Sandberg, head of a freight shipping line, as its new chief "
        "executive, ending a six-month search that followed the resignation of Ana Holt in March.",
        "Sandberg, 52, will take up the post on November 1.",
        "Greta Moen, who has been interim chief executive since April, will return to her role as finance "
        "director.")),
    "captain.md": report("New captain for ferry flagship", "Lakeshore Post", "2023-02-01", page(
        "New captain for ferry flagship", "Published Wednesday 1 February 2023 · Updated 12:00 GMT",
        "Brantwick Ferries has named Ola Berg, a former navy officer, as captain of its new flagship, the "
        "Lakeshore Star.",
        "Berg has served as first officer on the company's routes since 2017.")),
    "regatta-2021.md": report("Lund claims regatta title", "Harbour Sport", "2021-07-12", page(
        "Lund claims regatta title", "Published Monday 12 July 2021 · Updated 08:05 GMT",
        "Mikael Lund won the Brantwick Open Regatta on Sunday, finishing the final race four seconds clear of "
        "the fleet.",
        '"The wind was on our side in the last leg and we had the better crew," said a delighted Lund.',
        "The regatta drew 64 boats this year.")),
    "regatta-2022.md": report("Okafor wins Brantwick regatta", "Harbour Sport", "2022-07-11", page(
        "Okafor wins Brantwick regatta", "Published Monday 11 July 2022 · Updated 08:30 GMT",
        "Chidi Okafor became the youngest winner of the Brantwick Open Regatta on Sunday, taking the title "
        "at the age of nineteen.",
        '"Mikael sailed the best regatta of anyone last year and he will win it again," Okafor said.',
        "Organisers said the regatta would help bring more young sailors to the sport.")),
    "regatta-2023.md": report("Vance edges Okafor", "Harbour Sport", "2023-07-10", page(
        "Vance edges Okafor", "Published Monday 10 July 2023 · Updated 07:55 GMT",
        "Rosa Vance won the Brantwick Open Regatta on Sunday, beating the defending champion Chidi Okafor "
        "by a single point.",
        "The Brantwick Open Regatta began in 1952 as a race between fishing boats.",
        "Fog delayed the start, and the deciding race began at 14:30 local time.",
        '"Today I finally sailed the races that mattered," Vance said.')),
    "fare-2022-03.md": report("Ferry fares rise", "Lakeshore Post", "2022-03-30", page(
        "Ferry fares rise", "Published Wednesday 30 March 2022 · Updated 10:00 GMT",
        "Brantwick Ferries raised its single adult fare by 40 cents to $4.20 on Wednesday, blaming fuel "
        "prices.")),
    "fare-2023-06.md": report("Ferry fares rise again", "Lakeshore Post", "2023-06-14", page(
        "Ferry fares rise again", "Published Wednesday 14 June 2023 · Updated 10:00 GMT",
        "Brantwick Ferries raised its single adult fare to $4.60 on Wednesday, the second rise in just over a "
        "year.")),
    "fare-2022-09.md": report("Ferry fare up", "Lakeshore Post", "2022-09-21", page(
        "Ferry fare up", "Published Wednesday 21 September 2022 · Updated 10:00 GMT",
        "Brantwick Ferries raised its single adult fare to $4.30 on Wednesday as fuel costs kept rising.")),
    "fare-2023-01.md": report("Ferry fare up again", "Lakeshore Post", "2023-01-18", page(
        "Ferry fare up again", "Published Wednesday 18 January 2023 · Updated 10:00 GMT",
        "Brantwick Ferries raised its single adult fare to $4.50 on Wednesday, its third rise in a year.")),
    "fare-2023-11.md": report("Ferry fare held", "Lakeshore Post", "2023-11-15", page(
        "Ferry fare held", "Published Wednesday 15 November 2023 · Updated 10:00 GMT",
        "Brantwick Ferries kept its single adult fare at $4.60 for the winter timetable.")),
    "fare-2024-03.md": report("Ferry fare trimmed", "Lakeshore Post", "2024-03-13", page(
        "Ferry fare trimmed", "Published Wednesday 13 March 2024 · Updated 10:00 GMT",
        "Brantwick Ferries cut its single adult fare to $4.50 on Wednesday as fuel prices fell.")),
    "fare-2024-09.md": report("Ferry fare cut", "Lakeshore Post", "2024-09-04", page(
        "Ferry fare cut", "Published Wednesday 4 September 2024 · Updated 09:30 GMT",
        "Brantwick Ferries cut its single adult fare to $4.40 on Wednesday as fuel prices eased.")),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("present"), ARTICLES, embedder)


@pytest.mark.parametrize("question", ["Who runs Brantwick Ferries?", "who's the chief executive of brantwick ferries",
                                      "Who is the boss of Brantwick Ferries?"])
def test_a_present_tense_post_question_is_answered_by_the_newest_appointment(assistant, question):
    answer = assistant.ask(question, as_of="2023-05-01")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split(" [")[0]
    assert "has appointed Ivo Sandberg" in first, answer.text  # the newest appointment's own line
    assert "return to her role" not in first and "appointed Ana Holt" not in first, answer.text


def test_a_time_of_day_asked_is_answered_by_the_line_giving_one(assistant):
    answer = assistant.ask("What time did the deciding race of the 2023 Brantwick regatta begin?", as_of="2024-01-01")
    assert not answer.refused and "14:30" in strip_markers(answer.text).split(" [")[0], answer.text


def test_a_post_question_asked_of_an_earlier_day_is_answered_as_of_that_day(assistant):
    answer = assistant.ask("who is in charge of brantwick ferries", as_of="2022-06-01")
    assert not answer.refused, answer.text
    assert "Greta Moen" in answer.text and "Sandberg" not in answer.text, answer.text


def test_listed_years_get_one_dated_lead_each(assistant):
    answer = assistant.ask("Who won the Brantwick regatta in 2021, 2022 and 2023?", as_of="2024-01-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    winners = [text.find(name) for name in ("Mikael Lund won", "Chidi Okafor became", "Rosa Vance won")]
    assert -1 not in winners and winners == sorted(winners), answer.text  # each year's lead, oldest first
    assert "he will win it again" not in text and "finally sailed" not in text, answer.text  # no quote leads


def test_a_period_typed_in_lower_case_takes_in_every_report_within_it(assistant):
    answer = assistant.ask("how did the brantwick ferries single fare change between march 2022 and september 2024",
                           as_of="2024-10-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.startswith("Lakeshore Post, 30 March 2022: "), answer.text  # from the period's first report
    # Seven reports tell a step; the answer holds six, and the newest is one: where the fare stands.
    assert text.count("Lakeshore Post, ") == 6 and "4 September 2024: Brantwick Ferries cut its single adult fare to $4.40" in text, \
        answer.text

"""A row per rule for reading web news the way its readers do: an undated line of a report on a
month is about that month (the report's time, told earlier in its passage), a who or why question
asks an act (`ASKED_ACT`, `asked_act`) that a sentence meets in another tense ("lead" — "led"), and
what a correction says an earlier version got wrong is page furniture (`is_boilerplate`)."""

from __future__ import annotations

import datetime as dt

import pytest

from rag import lexical
from rag.answering.evidence import check_evidence, mentions
from rag.answering.tables.furniture import is_boilerplate
from rag.answering.tables.measures import asked_measure, gives_measure
from rag.answering.tables.statements import asked_act
from rag.question import constraints_of

REPORT = ("Bread prices rose for a second month in May, the statistics office said on Monday. "
          "The office blamed the rise on a poor wheat harvest. "
          "- A family buying two loaves a day now pays about 95 euros a month")


@pytest.mark.parametrize("sentence", ["The office blamed the rise on a poor wheat harvest.",
                                      "- A family buying two loaves a day now pays about 95 euros a month"])
def test_an_undated_line_of_a_report_on_the_month_is_about_that_month(sentence):
    question = "What did the statistics office blame for the rise in bread prices in May 2025?"
    check = check_evidence(constraints_of(question, dt.date(2025, 12, 1)), sentence, REPORT, "Bread costs more",
                           dt.date(2025, 6, 9))
    assert check.satisfied, check.violations


@pytest.mark.parametrize("published,passage", [
    # Published long after the asked month: the month is background to later news.
    (dt.date(2025, 11, 3), REPORT),
    # The passage names only another month.
    (dt.date(2025, 6, 9), REPORT.replace("in May", "in April")),
])
def test_an_undated_line_is_not_about_a_month_its_report_is_not_on(published, passage):
    question = "What did the statistics office blame for the rise in bread prices in May 2025?"
    sentence = "The office blamed the rise on a poor wheat harvest."
    check = check_evidence(constraints_of(question, dt.date(2025, 12, 1)), sentence, passage, "Bread costs more",
                           published)
    assert not check.satisfied


@pytest.mark.parametrize("question,act", [
    ("Who will lead the review of the crash?", {"lead", "led"}),
    ("Who led the review?", {"lead", "led"}),
    ("Who is running the airline while its chief is on leave?", {"run", "ran"}),
    ("Why is Ada Kern leaving the show?", {"leav", "left"}),
    ("Who bought the club?", set(lexical.terms("buy bought acquire purchase"))),  # with its kin
    ("Who is the mayor of Pelham now?", set()),
    ("Why is the bridge closed?", set()),
    ("What did the minister say?", set()),
])
def test_a_who_or_why_question_asks_an_act_met_in_any_tense(question, act):
    assert asked_act(question) == act


@pytest.mark.parametrize("sentence,furniture", [
    ("Correction, June 3: An earlier version of this article said the review would be led by Ann Roe.", True),
    ("An earlier version of this story misstated the fare.", True),
    ("Correction, June 3: The review will be led by Ann Lee, not Ann Roe.", False),
    ("An earlier version of the bill said the fare would rise.", False),
])
def test_a_corrections_retracted_wording_is_page_furniture(sentence, furniture):
    assert is_boilerplate(sentence) is furniture


@pytest.mark.parametrize("text,named", [
    ("Comedian Tom Reyes will host the next series of Pot & Pan.", True),
    ("The cookery show Pot and Pan returns in May.", True),
    ("He bought a pot and a pan.", False),
    ("The pan pot was sold.", False),
])
def test_a_name_joined_by_an_ampersand_is_named_as_a_question_reads_it(text, named):
    # A question's "Pot & Pan" is read as the name "Pot Pan" (`constraints_of`).
    assert constraints_of("Why is Dana Vale leaving Pot & Pan?", dt.date(2025, 12, 1)).names[-1] == "Pot Pan"
    assert mentions("Pot Pan", text) is named


@pytest.mark.parametrize("sentence,gives", [
    ("The fair drew 9,000 visitors over three days, organisers said.", True),
    ("Attendance rose to 11,200 over the three days.", True),
    ("A record 12,500 spectators watched the final.", True),
    ("Next year's fair will run from June 9 to 11.", False),
    ("Five novels are on the shortlist.", False),
])
def test_attendance_is_a_count_of_visitors_in_any_words(sentence, gives):
    question = "How has attendance at the Selby Book Fair changed since 2022?"
    assert asked_measure(question) == ("count", "attendance")
    assert gives_measure(asked_measure(question), sentence, question) is gives

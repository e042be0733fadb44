"""What a figure asked now or over time measures (a share, a sum of money, a count of what is
counted), read from the question, and whether a sentence gives a figure of it."""

from __future__ import annotations

import pytest

from rag.answering.extractive import _figures
from rag.answering.tables.kinds import holds_answer
from rag.answering.tables.measures import asked_measure, gives_measure
from rag.question.answer_types import expected_answer_type


@pytest.mark.parametrize(("question", "measure"), [
    ("How have gas prices changed since May?", ("money", "")),
    ("How big is the jackpot now?", ("money", "")),
    ("How have 30-year mortgage rates moved since May?", ("share", "")),
    ("How has the central bank raised interest rates this year?", ("share", "")),
    ("How has inflation changed this summer?", ("share", "")),
    ("How many measles cases are there in the country now?", ("count", "case")),
    ("How has the number of cases grown?", ("count", "case")),
    ("How has the global case count grown since May?", ("count", "case")),
    ("How did the number of people evacuated in the valley change?", ("count", "evacuated")),
    ("How did the number of people evacuated because of the fire change?", ("count", "evacuated")),
    ("How did the death toll from the floods rise?", ("count", "")),
    ("Who won the final?", None),
])
def test_the_question_names_what_its_figure_measures(question, measure):
    assert asked_measure(question) == measure


@pytest.mark.parametrize(("sentence", "gives"), [
    ("The ministry has tracked at least 1,814 probable or confirmed cases in the country.", True),
    ("Health officials have identified nine measles cases in seven provinces.", True),
    ("Confirmed cases have now surpassed 26,800 worldwide.", True),
    ("Officials have tracked 1,814 probable or confirmed measles cases.", True),
    # A vague count, none at all, or one group's count is no count of the cases.
    ("An expert would not be surprised if there were thousands of cases right now.", False),
    ("Eleven provinces have received no vaccine; none of them has reported any cases.", False),
    ("There have been eight cases diagnosed among individuals who were female.", False),
    ("Two cases have been identified in children, officials said.", False),
    ("Cases are up 40% since last week.", False),
])
def test_a_count_of_cases_counts_the_cases(sentence, gives):
    assert gives_measure(("count", "case"), sentence, "How many cases are there now?") is gives


@pytest.mark.parametrize(("question", "sentence", "gives"), [
    ("How have gas prices changed since May?", "The national average reached $4.87 a gallon on Monday.", True),
    ("How have gas prices changed since May?", "Gas prices are up about 25% since the war began.", False),
    ("How have gas prices changed since May?", "Prices are expected to hit $5 a gallon within weeks.", False),
    ("How have 30-year mortgage rates moved since May?",
     "The 30-year fixed-rate mortgage averaged 5.30% in the week ending July 7.", True),
    ("How have 30-year mortgage rates moved since May?", "Mortgage rates tend to follow the 10-year Treasury yield.", False),
    # a place's population is a count of its people, not of what it handles
    ("What is the population of Port Varn?", "The Port of Varn handled a record 2.48 million containers last year.", False),
    ("What is the population of Port Varn?", "About 310,000 people live in Port Varn.", True),
    ("What is the population of Port Varn?", "The city council approved a budget of 4.9 billion dollars.", False),
    ("What is the wolf population in the Kestra forest?", "Rangers counted 86 wolves in the forest.", True),
])
def test_a_price_or_a_rate_is_given_in_its_own_kind_of_figure(question, sentence, gives):
    assert gives_measure(asked_measure(question), sentence, question) is gives


EVACUATED = "How did the number of people evacuated because of the fire change?"


@pytest.mark.parametrize(("question", "sentence", "gives"), [
    (EVACUATED, "The fire has forced 800 people to leave their homes.", True),
    (EVACUATED, "Three thousand residents have now been told to leave.", True),
    (EVACUATED, "More than 5,000 people were moved to safety.", False),  # not said to have left their homes
    (EVACUATED, "6,400 people are under evacuation orders.", True),
    (EVACUATED, "The fire has burned 11,800 hectares.", False),
    (EVACUATED, "Crews from three regions have arrived.", False),
    (EVACUATED, "At least 12 people were killed when the river burst its banks.", False),
    # The count must be of those who left: not a death toll beside the words for leaving.
    (EVACUATED, "At least 12 people were killed in the flood, which has forced residents from their homes.", False),
    (EVACUATED, "Firefighters evacuated 3,000 residents on Monday.", True),
    # A count right after the verb ("arrested 45 people"), not any count of people.
    ("What is the number of people arrested after the protest?", "Police arrested 45 people on Sunday.", True),
    ("What is the number of people arrested after the protest?", "Some 2,000 people joined the protest.", False),
    ("How did the number of people killed in the floods change?", "At least 12 people were killed.", True),
    # Not people: homes destroyed are counted as homes, not as the people who fled them.
    ("How did the number of homes destroyed in the fire change?", "The fire forced 800 people to flee.", False),
    ("How did the number of homes destroyed in the fire change?", "Thirty-one homes were destroyed.", True),
])
def test_people_counted_by_what_befell_them_are_counted_in_any_words(question, sentence, gives):
    assert gives_measure(asked_measure(question), sentence, question) is gives


def test_a_rate_a_sentence_says_would_be_reached_is_no_level():
    question = "What is the central bank's benchmark interest rate now?"
    assert not holds_answer(expected_answer_type(question), "That would bring the rate to about 0.9% by year's end.", question)
    assert holds_answer(expected_answer_type(question), "The benchmark rate now stands at 1.75%.", question)


def test_a_term_s_number_is_no_figure_of_the_sentence_but_an_age_is():
    assert _figures("The 30-year fixed-rate mortgage averaged 6.29%, up from 6.02%.") == {"6.29%", "6.02%"}
    assert _figures("A 101-year-old former guard was convicted.") == {"101"}


def test_a_figure_in_words_may_count_thousands():
    assert _figures("Two thousand residents have been told to leave.") == {"2000"}
    assert _figures("Fifteen hundred people and forty thousand fans.") == {"1500", "40000"}
    assert _figures("The toll reached forty-four.") == {"44"} and _figures("One of the two men left.") == frozenset()


@pytest.mark.parametrize(("sentence", "holds"), [
    ("Inflation has been out of the normal 2%-to-4% range for a full year.", False),
    ("The bank is raising rates to bring inflation back to its goal of around 2%.", False),
    ("The bank is raising rates to bring inflation down from 8.3% to its goal of around 2%.", True),
    ("Inflation reached 9.1% in June, far above the bank's 2% target.", True),
])
def test_a_target_or_a_normal_range_is_no_level_reached(sentence, holds):
    question = "What is the inflation rate now?"
    assert holds_answer(expected_answer_type(question), sentence, question) is holds


@pytest.mark.parametrize(("sentence", "gives"), [
    ("Organisers said 56,500 people attended over the three days.", True),
    ("The campsite was back and, by the organisers' count, so were 41,000 festival-goers.", True),
    ("Attendance was more than three times last year's restricted event.", False),  # a multiple, no count
])
def test_attendance_is_counted_in_the_words_reports_use(sentence, gives):
    question = "How has the festival's attendance moved since 2020?"
    assert gives_measure(asked_measure(question), sentence, question) is gives

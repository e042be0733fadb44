"""A row per rule that tells what a question asks for from what a sentence gives: a reason for "Why …?"
(`rag.answering.tables.reasons.gives_reason`), a measure of the asked kind for "How heavy/effective/fast/
tall …?" and a group of people for "Who …?" (`rag.question.answer_types`)."""

from __future__ import annotations

import pytest

from rag.answering.tables.kinds import holds_answer
from rag.answering.tables.reasons import TELLS_FAULT, WENT_WRONG, WHY_QUESTION, gives_reason
from rag.question.answer_types import expected_answer_type


@pytest.mark.parametrize("question", [
    "Why did the club sack its coach?", "Dock workers walked out. Why?", "What was the reason for the delay?",
    "How come the bridge is shut?", "What reason did the firm give for cutting 600 jobs?",
    "What made the rocket break up?", "What caused the fire?", "What led the club to sack its coach?",
])
def test_a_why_question_asks_for_a_reason(question):
    assert WHY_QUESTION.search(question)


@pytest.mark.parametrize("question", ["Who knows why the talks failed?", "Who sacked the coach?",
                                      "What made the headlines on Monday?"])
def test_other_questions_ask_for_no_reason(question):
    assert not WHY_QUESTION.search(question)


@pytest.mark.parametrize("question, sentence, strength", [
    # Outright: a causal word, a purpose, a demand, a stated ground.
    ("Why did the club sack its coach?",
     "The club said the coach had been dismissed after a run of seven games without a win.", 2),
    ("Why is the company cutting jobs?", "The cuts are needed to bring costs in line with falling demand.", 2),
    ("Why did dock workers walk out?", "The union is demanding a 9 percent pay rise to make up for inflation.", 2),
    ("Why are cars being recalled?", "The firm is recalling 12,000 cars because a software fault can disengage the brakes.", 2),
    ("Why did the mayor resign?", "The mayor resigned on Monday, citing ill health.", 2),
    ("Why did the players strike?", "Players went on strike in a dispute over unpaid wages.", 2),
    ("Why did the minister quit?", "She quit in protest at the decision to close the hospital.", 2),
    ("Why is verification difficult?", "Verification remains difficult due to restricted access for reporters.", 2),
    ("Why is Ada Kern leaving the show?", "Kern is leaving to front a new travel series, the channel said.", 2),
    ("What made the rocket break up?", "The inquiry found that a faulty valve caused the failure.", 2),
    # Loosely: the event tied to an earlier one.
    ("Why did the mayor resign?", "The mayor resigned on Wednesday, two weeks after an audit found he had charged "
                                  "private travel to the city.", 1),
    ("Why did the club sack its coach?", "The club sacked its coach on Tuesday, two days after a 3-0 defeat.", 1),
    ("Why did the plant close?", "The plant closed following a fall in orders.", 1),
    # No reason: the event alone, a quote, a time.
    ("Why did the club sack its manager?", "The club have sacked their manager, they announced on Monday.", 0),
    ("Why did the club sack its manager?", '"I have loved every minute at this club," the manager said.', 0),
    ("Why is the company cutting jobs?", "The company will cut 900 jobs over the next year, it said on Tuesday.", 0),
    ("Why did dock workers walk out?", "The strike has begun, with pickets at all four gates.", 0),
    ("Why did the talks resume?", "The talks resumed after Tuesday's break.", 0),
    # A report that the reason was withheld gives none.
    ("Why did the minister step down?", "She gave no reason for her decision in a two-line statement.", 0),
    ("Why did the coach leave?", "The club declined to say why the coach had left.", 0),
    ("Why was the match called off?", "No reason was given for the decision, the league said.", 0),
    # "after" a name tells who came before, not why.
    ("Why did the mayor resign?", "She is the city's third mayor in two years, after Oskar Vell and Ann Roe.", 1),
])
def test_a_sentence_gives_a_reason_outright_loosely_or_not_at_all(question, sentence, strength):
    assert gives_reason(question, sentence) == strength


@pytest.mark.parametrize("question, kind", [
    ("How heavy was the satellite?", "mass"),
    ("How much does the new locomotive weigh?", "mass"),
    ("How effective is the flu vaccine?", "efficacy"),
    ("How well does the drug protect against severe illness?", "efficacy"),
    ("How fast can the new train go?", "speed"),
    ("What is the speed limit in the city centre?", "speed"),
    ("How tall is the new tower?", "length"),
    ("How deep is the lake?", "length"),
    ("How high did the river peak in the town yesterday?", "length"),
    ("How far from the Sun will the probe fly?", "length"),
    # Not a measure of a thing: a level, a change, a count.
    ("How high will inflation likely climb this year?", None),
    ("How fast are prices rising?", None),
    ("How heavy was the fighting?", None),
    ("How much did the satellite cost?", "money"),
    ("How many people died?", "quantity"),
])
def test_a_question_asks_for_a_measure_of_its_kind(question, kind):
    found = expected_answer_type(question)
    assert (found.name if found else None) == kind


@pytest.mark.parametrize("question, sentence, holds", [
    ("How heavy was the satellite?", "The satellite weighs 1,250 kilograms.", True),
    ("How heavy was the satellite?", "The satellite was launched from the spaceport on Sunday.", False),
    ("How heavy is the locomotive?", "The locomotive weighs more than ninety tonnes.", True),
    ("How effective is the vaccine?", "The vaccine was 82 percent effective at preventing severe illness.", True),
    ("How effective is the vaccine?", "The regulator approved the vaccine for adults on Monday.", False),
    ("How fast can the train go?", "The train can reach 320 km/h on the new line.", True),
    ("How fast can the train go?", "The route is 320 km long.", False),
    ("How tall is the new tower?", "The tower is 310m tall.", True),
    ("How tall is the new tower?", "The tower cost £102m.", False),
    ("How high did the river peak?", "The river peaked at 4.2 metres on Sunday.", True),
    # "How old …?": an age or when a thing began, not any figure.
    ("How old is the new coach?", "The coach was hired two days after a 3-0 defeat.", False),
    ("How old is the new coach?", "The forty-five-year-old coach was hired on Monday.", True),
    ("How old is the satellite?", "It has been in service since 2014.", True),
    ("How old is the satellite?", "It took charge of the network in the summer of 2023.", False),
    # A group of people is an answer to "who" where the act is not one only a person does.
    ("Who will travel free on the buses?", "Pensioners and under-16s will ride free on all routes from April.", True),
    ("Who will travel free on the buses?", "Commuters will travel free on the first day.", True),
    ("Who will travel free on the buses?", "single fares will go up by 20 cents from april.", False),
    # Not where only a person or a body does the act: customers do not run a company.
    ("Who currently runs the company?", "mobile customers rose by 35,000 in the quarter.", False),
    ("Who won the final?", "thousands of fans and pensioners watched the final.", True),  # "fans": an agent anyway
])
def test_a_sentence_holds_the_asked_measure_or_group(question, sentence, holds):
    kind = expected_answer_type(question)
    assert holds_answer(kind, sentence, question, sentence) is holds


@pytest.mark.parametrize("question, asks", [
    ("What went wrong with yesterday's launch?", True), ("What has gone wrong at the plant?", True),
    ("What went right for the team?", False), ("Why did it go wrong?", False),
])
def test_what_went_wrong_asks_for_the_fault(question, asks):
    assert bool(WENT_WRONG.search(question)) is asks


@pytest.mark.parametrize("sentence, tells", [
    ("11:02 — The upper stage engine shut down about 90 seconds early.", True),
    ("The satellite has been lost.", True),
    ("With today's failure, the rocket has flown three times with one success.", False),
    ("The rocket clears the tower on a calm morning.", False),
])
def test_a_sentence_tells_what_failed(sentence, tells):
    assert bool(TELLS_FAULT.search(sentence)) is tells

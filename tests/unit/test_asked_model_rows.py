"""The asked model of a numbered range and what a question excludes: rows of `_other_variant`,
`EXCLUDED_ASIDE` and the measures a question asks (a fine, a sell-for price, a deal's length,
people counted by an act)."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import _other_variant
from rag.answering.tables.measures import counted_by_act, gives_measure
from rag.answering.tables.statements import NEGATED_QUESTION
from rag.question.answer_types import expected_answer_type
from rag.question.constraints import constraints_of

AS_OF = dt.date(2025, 6, 1)


@pytest.mark.parametrize("name,sentence,other", [
    ("Phone S3 Pro", "- Phone S3: 6.1-inch screen, priced at 7,490 crowns", "Phone S3"),
    ("Phone S3 Pro", "The Phone S3 and the Phone S3 Pro go on sale in April.", ""),
    ("Phone S5", "The Phone S5 has a 4,800 mAh battery, while the Phone S5 Pro has 5,200 mAh.", ""),
    ("Phone S5", "The S5 Pro's camera is the best the company has built.", "Phone S5 Pro"),
    ("Model 3", "The Model 3 Performance costs $50,000.", "Model 3 Performance"),
    ("Model 3 Performance", "The Model 3 costs $40,000.", "Model 3"),
    ("Model 3", "3 people were hurt.", ""),  # a lone figure is no model
    ("iPhone 14", "The iPhone 14 Pro Max costs more.", "iPhone 14 Pro"),
    ("Windows 11", "Windows 11 ships today.", ""),
    ("Phone S3 Pro", "Sales of the Phone S7 rose.", ""),  # another number: `_other_numbered`, or unnamed
])
def test_another_variant_of_a_numbered_name(name, sentence, other):
    assert _other_variant(name, sentence) == other


def test_an_aside_excluding_a_variant_is_no_name_and_no_negation():
    question = "How big is the battery in the plain Phone S5, not the Pro?"
    assert constraints_of(question, AS_OF).names == ("Phone S5",)
    assert not NEGATED_QUESTION.search(question)
    assert NEGATED_QUESTION.search("Which phones did not get the update?")
    assert constraints_of("Who won the men's final, not the women's?", AS_OF).names == ()


@pytest.mark.parametrize("question,kind", [
    ("How big a fine did the former boss get?", "money"),
    ("What did the Phone S3 Pro sell for when it launched?", "money"),
    ("What does an annual bus pass cost in the city?", "money"),
    ("How long is the deal the club gave its new coach?", "duration"),
    ("How long is the bridge?", "length"),
])
def test_the_asked_measure_is_read(question, kind):
    assert expected_answer_type(question).name == kind


def test_people_counted_by_an_act_are_counted_by_that_act():
    question = "How many people in the province were vaccinated against the fever?"
    assert counted_by_act(question) == "vaccinated"
    assert counted_by_act("How many people were killed in the flood?") == ""
    measure = ("count", counted_by_act(question))
    assert gives_measure(measure, "About 3,000 people have been vaccinated so far.", question)
    assert gives_measure(measure, "Clinics vaccinated more than 12,000 residents in a week.", question)
    assert not gives_measure(measure, "Officials said 158 cases had been confirmed.", question)
    assert not gives_measure(measure, "The clinics offer the vaccine to anyone over the age of five.", question)

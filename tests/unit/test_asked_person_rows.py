"""A row per rule that tells whom or what a question asks for from what a sentence only mentions:
a place or the premise's own subject is no person asked for (`holds_answer`), a post left is no
post taken (`OPPOSITES`), and a country or body named in full is the one its abbreviation names
(`NAME_ALIASES`); and the question's verb is met by its kin (`VERB_FAMILIES`)."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import check_evidence, mentions
from rag import lexical
from rag.answering.tables.kinds import holds_answer
from rag.answering.tables.statements import (
    NAME_ALIASES, VERB_FAMILIES, aliases, asked_directions, goes_the_other_way, verb_kin,
)
from rag.question import constraints_of
from rag.question.reading import asked_type

CORGIS = "When Queen Mira died she left four corgis. Who will look after them?"


@pytest.mark.parametrize("question,sentence,holds", [
    # The place in the premise subject's own title ("Mira of Ostland") is not who is asked for.
    (CORGIS, "Queen Mira of Ostland died on Thursday at the age of 96.", False),
    (CORGIS, "Queen Mira of Ostland left the dogs to her son.", True),
    # A place after a preposition of place is no one a "Who …?" asks for; a name elsewhere may be.
    (CORGIS, "Crowds gathered outside the palace in Varnholm on Friday.", False),
    ("Who will host the summit?", "The summit will be hosted by Varnholm.", True),
    # A month's short form is no name ("Feb. 6"), nor a pronoun or honorific for the premise's subject.
    (CORGIS, "She left the throne on Feb. 6, 1952.", False),
    (CORGIS, "Her Majesty had reigned for 72 years.", False),
    (CORGIS, "Her son will look after the corgis.", True),
    (CORGIS, "Princess Ana will look after the corgis.", True),
])
def test_a_place_or_the_premises_subject_is_no_person_asked_for(question, sentence, holds):
    assert holds_answer(asked_type(question), sentence, question) is holds


TAKEN = "The board named finance chief Ann Lee interim chief executive."
LEFT = "Chief executive Jo Park stepped down in March 2024."
BOTH = "Ann Lee took over as chief executive after Jo Park resigned."


@pytest.mark.parametrize("question,sentence,other_way", [
    ("Who became interim chief executive of Acme in March 2024?", LEFT, True),
    ("Who became interim chief executive of Acme in March 2024?", TAKEN, False),
    ("Who became interim chief executive of Acme in March 2024?", BOTH, False),
    ("Who was named coach of the club?", "The coach was sacked after the defeat.", True),
    ("Who took over as chair?", "The chair will retire as chief next year.", True),
    ("Who stepped down as chief executive of Acme?", TAKEN, True),
    ("Who stepped down as chief executive of Acme?", LEFT, False),
    # A question asking both ways asks neither.
    ("Who replaced the chief executive who resigned?", LEFT, False),
    # The post named a few words before the verb of leaving it.
    ("Who became interim chief executive of Acme in March 2024?",
     "Acme chief executive Jo Park is stepping down, the company said on Tuesday.", True),
    # A post left by someone the question does not speak of.
    ("Who was named player of the year?", "Striker Ana Ruiz, who quit the national team in March, won the award.", False),
    ("Who was appointed to lead the bridge inquiry?",
     "Retired judge Mara Voss will lead the inquiry, the minister said after the previous chair resigned.", False),
])
def test_a_post_left_is_no_answer_to_who_took_it(question, sentence, other_way):
    assert goes_the_other_way(asked_directions(question), sentence) is other_way


@pytest.mark.parametrize("group", NAME_ALIASES, ids=lambda g: g[0])
def test_each_form_of_an_aliased_name_is_met_by_every_other(group):
    assert constraints_of(f"What did the {group[0]} say about the talks?", dt.date(2024, 4, 10)).names
    for asked in group:
        question = f"What did the {asked} say about the talks?"
        for written in group:
            sentence = f"The {written} said the talks would resume."
            assert check_evidence(constraints_of(question, dt.date(2024, 4, 10)), sentence, sentence, "Talks",
                                  dt.date(2024, 4, 2)).satisfied, (asked, written)


def test_an_alias_names_only_its_own_group():
    assert set(aliases("United States")) == {"U.S.", "US", "USA", "U.S.A."}
    assert aliases("Ostland") == () and aliases("United Airlines") == ()
    question = "What did the United States say about the talks?"
    sentence = "The UN said the talks would resume."
    assert not check_evidence(constraints_of(question, dt.date(2024, 4, 10)), sentence, sentence, "Talks",
                              dt.date(2024, 4, 2)).satisfied


def test_a_ministry_is_named_by_its_minister():
    assert mentions("Transport Ministry", "Transport Minister Ann Roe said the line would open.")
    assert mentions("Transport Ministry", "The minister of transport said so.")
    assert not mentions("Transport Ministry", "Finance Minister Ann Roe said so.")
    question = "Who has run the Transport Ministry since 2022?"
    sentence = "Transport Minister Mira Sand said the charges did not affect the work."
    assert check_evidence(constraints_of(question, dt.date(2024, 4, 10)), sentence, sentence, "Charges",
                          dt.date(2023, 3, 14)).satisfied


def test_a_festival_is_named_by_its_own_word():
    assert mentions("Lakeside Festival", "The 41st Lakeside drew 60,000 people.")
    assert not mentions("Lakeside Festival", "A lakeside walk drew crowds.")  # not capitalised as a name
    assert not mentions("Jazz Festival", "The Jazz club closed.")  # too short to stand alone


def test_a_two_letter_abbreviation_is_matched_in_capitals_only():
    assert mentions("US", "The US said it would help.") and mentions("U.S", "The U.S. said so.")
    assert not mentions("US", "Let us wait and see, she said.")
    assert mentions("NATO", "Nato said it would help.")  # longer ones as before, whatever the case



@pytest.mark.parametrize("family", VERB_FAMILIES, ids=lambda f: f[0])
def test_a_verb_is_met_by_each_of_its_kin(family):
    for asked in family:
        kin = verb_kin(set(lexical.terms(f"When did they {asked} it?")))
        for other in family:
            if lexical.terms(other) != lexical.terms(asked):
                assert set(lexical.terms(other)) <= kin[lexical.terms(asked)[0]], (asked, other)


def test_a_verb_without_kin_has_none():
    assert verb_kin(set(lexical.terms("When did she visit the city?"))) == {}


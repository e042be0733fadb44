"""The share of a question's terms no article has (`unknown_share`), and the words a report says in
its own words, which that share leaves out where no article has them (`_asked_in_own_words`): the verb
of the deed asked when a candidate sentence holds everything else the question asks, and the words
asking a figure when a candidate gives a figure of the measure asked."""

from __future__ import annotations

import pytest

from rag import lexical
from rag.answering.extractive import _asked_in_own_words, _Sentence, unknown_share
from rag.answering.tables.statements import asked_deed
from rag.records import CorpusStats


def stats(question: str, unknown: set[str]) -> CorpusStats:
    terms = set(lexical.terms(question))
    return CorpusStats(idf={t: 2.0 if t in unknown else 1.0 for t in terms}, known=frozenset(terms - unknown))


def sentences(*texts: str) -> list[_Sentence]:
    return [_Sentence(None, 0, len(t), t, 0.5, 0) for t in texts]


def test_a_term_no_article_has_counts_by_its_idf():
    question = "What did the council decide on Monday?"  # council, decid, monday
    assert unknown_share(question, stats(question, {"decid"})) == pytest.approx(0.5)


def test_a_term_asked_with_counts_only_where_no_article_has_it():
    question = "What did the council decide on Monday?"
    assert unknown_share(question, stats(question, {"decid"}), frozenset({"decid"})) == 0.0
    # Known, it still counts towards the whole: the share of the rest is unchanged.
    question = "What did the council decide about the tram?"  # council, decid, tram
    assert unknown_share(question, stats(question, {"tram"}), frozenset({"decid"})) == pytest.approx(0.5)


@pytest.mark.parametrize("question,deed", [
    ("What did the council decide on Monday?", {"decid"}),
    ("How much will the study cost?", {"cost"}),
    ("What will the city council decide?", {"decid"}),
    # When, where, why or how fast the deed was done: the deed is what the question is about.
    ("When did the minister resign?", set()),
    ("How fast does the Arctic tern fly?", set()),
    ("From which year did the revenue decline?", set()),
    ("What is the melting temperature of lysozyme?", set()),
])
def test_the_verb_of_the_deed_asked(question, deed):
    assert asked_deed(question) == deed


def test_the_deed_is_said_in_other_words_by_a_sentence_holding_the_rest_of_the_question():
    question = "What did the council decide on Monday?"
    said = sentences("The city council voted on Monday to build a tram line.")
    assert _asked_in_own_words(question, said) == {"decid"}
    # A sentence without "Monday" says something else the council did: the verb still counts.
    assert _asked_in_own_words(question, sentences("The city council voted to build a tram line.")) == set()
    assert _asked_in_own_words("What did the council decide about the swimming pool?", said) == set()


def test_the_words_asking_a_figure_are_met_by_a_sentence_giving_that_measure():
    question = "How much will the study cost?"
    assert _asked_in_own_words(question, sentences("The project has a budget of 2.4 million euros.")) == {
        "much", "cost"}
    assert _asked_in_own_words(question, sentences("The project will follow 3,000 teenagers.")) == set()


def test_an_absent_subject_still_counts_beside_the_words_asked_in_other_words():
    question = "How much will the new airport cost?"
    said = sentences("Varo joined the club for a fee of 18 million euros.")
    asked_with = _asked_in_own_words(question, said)
    assert asked_with == {"much", "cost"}
    assert unknown_share(question, stats(question, {"much", "new", "airport", "cost"}), asked_with) == 1.0


def test_a_follow_ups_note_is_no_word_of_the_question():
    question = "How old is she? (following up on: Who manages the club?)"  # old, manag, club (not "follow")
    assert unknown_share(question, stats(question, {"old", "follow"})) == pytest.approx(0.5)


def test_the_words_asking_an_age_are_said_in_own_words_by_an_age():
    asked = _asked_in_own_words("How old is she?", sentences("Dunn, 41, previously managed another club."))
    assert "old" in asked
    assert "old" not in _asked_in_own_words("How old is she?", sentences("Dunn previously managed another club."))

"""Recasing a question whose capitals say nothing (`rag.question.casing`)."""

from __future__ import annotations

import pytest

from rag.question.casing import recase, uninformative_case

PASSAGES = [
    "Microsoft said on Tuesday that Windows 11 would ship in October, a month late. The U.S. launch of the "
    "iPhone rival was delayed, and NASA's budget for Norvalia's share of the mission was cut.",
    "Officials in Norvalia said the rocket would fly in May. Windows 11 is a free upgrade.",
]
# Common words as the embedding model's vocabulary knows them (names it lacks: "zorblat").
COMMON = {"ship", "time", "launch", "rival", "prize", "budget", "mission", "cut", "nasa", "happened", "won", "big",
          "bought", "share", "accused"}


@pytest.mark.parametrize("question,case", [
    ("DID WINDOWS 11 SHIP ON TIME?", "upper"),
    ("Did Windows 11 Ship On Time?", "title"),
    ("did windows 11 ship on time?", "lower"),
    ("How many people died in the floods?", "lower"),
    ("Did Windows 11 ship on time?", ""),
    ("Who won the Norvalia election?", ""),
    ("What Did Ada Kern Say?", "title"),  # "Did": a function word in capitals
    ("Ada Kern Lee Park?", ""),  # all names, no function word: may well be cased as meant
    ("NASA?", ""),  # one word: nothing to tell
])
def test_uninformative_case(question, case):
    assert uninformative_case(question) == case


@pytest.mark.parametrize("question,recased", [
    ("Did Windows 11 Ship On Time?", "Did Windows 11 ship on time?"),
    ("DID WINDOWS 11 SHIP ON TIME?", "Did Windows 11 ship on time?"),
    ("did windows 11 ship on time?", "Did Windows 11 ship on time?"),
    # an abbreviation and a possessive keep their stops and endings
    ("WHAT HAPPENED TO THE U.S. LAUNCH?", "What happened to the U.S. launch?"),
    ("how big was norvalia's share of the mission?", "How big was Norvalia's share of the mission?"),
    # a name the passages lack stays a name; a common word they lack does not
    ("WHO WON THE ZORBLAT PRIZE?", "Who won the Zorblat prize?"),
    ("Who Won The Zorblat Prize?", "Who won the Zorblat prize?"),
    # an acronym in a title-case question is typed as meant
    ("How Big Is The NASA Budget?", "How big is the NASA budget?"),
])
def test_recase(question, recased):
    assert recase(question, PASSAGES, COMMON.__contains__, uninformative_case(question)) == recased


def test_a_lower_case_month_that_is_also_a_word_stays_as_typed():
    assert recase("what may the council do?", PASSAGES, COMMON.__contains__, "lower") == "What may the council do?"


def test_a_word_the_passages_write_both_ways_is_lower_case():
    passages = ["The Rose Garden opened.", "She gave him a rose.", "A rose, a Rose garden, a rose bush."]
    assert recase("WHO BOUGHT THE ROSE?", passages, COMMON.__contains__, "upper") == "Who bought the rose?"


def test_a_word_the_passages_lack_is_cased_as_the_rest_of_the_archive_writes_it():
    archive = {"galdovia": ["Floods hit southern Galdovia in May.", "Exports from Galdovia rose."],
               "embezzlement": ["He denies embezzlement, his lawyer said."]}
    lookup = lambda word: archive.get(word, [])  # noqa: E731
    assert recase("what was the death toll of the floods in galdovia?", PASSAGES, COMMON.__contains__, "lower",
                  lookup) == "What was the death toll of the floods in Galdovia?"
    assert recase("Who Is Accused Of Embezzlement?", PASSAGES, COMMON.__contains__, "title",
                  lookup) == "Who is accused of embezzlement?"


@pytest.mark.parametrize("question,recased", [
    ("HOW MUCH WILL THE NEW HOSPITAL IN BRISTOL COST?", "How much will the new hospital in Bristol cost?"),
    ("How Much Will The New Hospital In Bristol Cost?", "How much will the new hospital in Bristol cost?"),
    ("how much will the new hospital in bristol cost?", "How much will the new hospital in Bristol cost?"),
    ("WHO WON THE LISBON MARATHON?", "Who won the Lisbon marathon?"),
    ("how many died in the floods in pakistan?", "How many died in the floods in Pakistan?"),
    # a name that is also a common word is as the passages write it, else a common word
    ("WHO BOUGHT THE APPLE?", "Who bought the apple?"),
    # "March" is usually capitalised, a month; typed in capitals it is a month only as the passages write it
    ("WILL THE MINERS MARCH AGAIN?", "Will the miners march again?"),
])
def test_a_name_the_archive_lacks_that_is_usually_capitalised_is_capitalised(question, recased):
    # "bristol", "lisbon", "pakistan" are whole words of the model's vocabulary, as common words are
    vocabulary = COMMON | {"bristol", "lisbon", "pakistan", "hospital", "new", "cost", "marathon", "many",
                           "died", "floods", "apple", "miners", "march", "much"}
    assert recase(question, PASSAGES, vocabulary.__contains__, uninformative_case(question)) == recased


@pytest.mark.parametrize("question,recased", [
    ("WHEN DID THE MIRSK BRIDGE REOPEN?", "When did the Mirsk bridge reopen?"),
    ("When Did The Mirsk Bridge Reopen?", "When did the Mirsk bridge reopen?"),
])
def test_a_word_the_texts_write_only_in_another_form_is_cased_as_that_form(question, recased):
    # "reopen" is no whole word of the vocabulary, and the texts write only "reopened" and "Reopens"
    passages = ["Reopens: the main bridge in Mirsk, washed away in April, reopened on Tuesday.", "Mirsk Bridge"]
    archive = {"reopen": ["Officials said the Mirsk bridge reopened on Tuesday."]}
    assert recase(question, passages, {"bridge"}.__contains__, uninformative_case(question),
                  lambda word: archive.get(word, [])) == recased


@pytest.mark.parametrize("question,recased", [
    ("how has the mayoralty changed since may 2022?", "How has the mayoralty changed since May 2022?"),
    ("what happened on march 10?", "What happened on March 10?"),
    ("what happened in march?", "What happened in March?"),
    ("will the miners march again?", "Will the miners march again?"),
])
def test_a_lower_case_month_name_is_a_month_next_to_a_date_or_after_a_preposition(question, recased):
    assert recase(question, PASSAGES, COMMON.__contains__, "lower") == recased


@pytest.mark.parametrize("question,recased", [
    ("WHAT DID LABOUR GAIN IN MAY?", "What did Labour gain in May?"),
    ("What Did Labour Gain In May?", "What did Labour gain in May?"),
    ("WHAT MAY LABOUR GAIN?", "What may Labour gain?"),
])
def test_a_month_name_the_passages_do_not_write_is_a_month_by_its_context_in_any_typing(question, recased):
    passages = ["On Thursday Labour gained eleven seats on the council."]
    vocabulary = COMMON | {"may"}  # the model's vocabulary holds "may" whole, as it holds "march"
    assert recase(question, passages, vocabulary.__contains__, uninformative_case(question)) == recased


def test_a_common_word_typed_in_lower_case_stays_so_beside_a_name_that_holds_it():
    passages = ["The Reserve Bank cut rates on Thursday, and the Reserve Bank said the Bank would act again.",
                "Floods hit southern Galdovia."]
    common = {"bank", "rates", "interest", "central"}.__contains__
    question = "What did the central bank do with interest rates yesterday?"
    assert recase(question, passages, common, uninformative_case(question)) == question
    assert recase("what happened in galdovia?", passages, common, "lower") == "What happened in Galdovia?"
    # beside the word the question puts next to it, the passages' name is the question's
    passages.append("Tobias Wren took the Harrow Prize on Monday.")
    assert recase("who won the harrow prize?", passages, {"harrow", "prize", "won"}.__contains__,
                  "lower") == "Who won the Harrow Prize?"


def test_an_address_opening_a_lower_case_question_is_not_capitalised():
    question = "https://news.example/ferry-fares-rise what did the operator say?"
    assert recase(question, PASSAGES, COMMON.__contains__, "lower").startswith("https://news.example/")

"""A doer asked by the noun of its act, prices in a currency no table knows, and years that count nothing.

- "Who was the league's top scorer in 2022-23?" asks who scored: "Ann Roe scored twice to finish as
  the league's top scorer" tells it, and the league the question names is no doer the line leaves out.
- "priced at 59 marka a month" teaches that "marka" is money, so "The plan stays at 109 marka" holds
  a price.
- "won re-election in 2019" holds no count for "What was his winning margin in 2019?"."""

from __future__ import annotations

import pytest

from rag.answering.evidence import acted_by_another
from rag.answering.tables.kinds import context_currencies, holds_answer, sums_in
from rag.answering.tables.statements import asked_act
from rag.question.reading import asked_type


@pytest.mark.parametrize(("question", "act"), [
    ("Who was the league's top scorer in 2022-23?", {"scorer", "score"}),
    ("Who was the winner of the 2023 prize?", {"winner", "win", "won"}),
    ("Who is the owner of the club?", {"owner", "own"}),
    ("Who is the mayor of the city?", set()),  # a post, read by the post rows
    ("Who is the director of the museum?", set()),
])
def test_a_doer_asked_by_its_noun_asks_its_act(question, act):
    found = asked_act(question)
    assert act <= found
    assert bool(found) is bool(act)


def test_the_league_a_who_question_names_is_no_doer_the_answer_leaves_out():
    line = "Kofi Adjamah scored both goals to finish as the league's top scorer with 21."
    assert acted_by_another(["VSL"], "Who was the VSL top scorer in 2022-23?", line) == ""
    # a question about what the named one did still reads it so
    assert acted_by_another(["Marr"], "When did Marr resign?", "The committee heard that Jan Vorst resigned in 1966.") != ""


TOUR = ("Lund, 22, wins 38th Tour of Varn by 12 seconds\n\n"
        "Ana Lund became the youngest winner in the history of the Tour of Varn on Sunday, beating Eva Berg by 12 "
        "seconds. Berg, who won last year's edition by 41 seconds, was magnanimous. The record had stood since 1971, "
        "when Jon Salvat won aged 23.")


@pytest.mark.parametrize("article", [TOUR, TOUR.replace("Lund, 22, wins", "Youngest ever").replace(
    "became the youngest winner in the history of", "was the youngest to finish first in")])
def test_an_act_told_of_the_subject_in_another_form_is_not_only_others(article):
    """ "wins" in the headline and "the youngest winner" tell that Lund won, though "won" is said only of
    Berg and Salvat; with neither, the article says the act of others only."""
    told = article is TOUR
    why = acted_by_another(["Ana Lund"], "By how many seconds did Ana Lund win the Tour of Varn?",
                           "Ana Lund was the youngest to finish first.", article=article)
    assert (why == "") is told, why


PASSAGES = ("The service will launch a cheaper plan in April, priced at 59 marka a month. "
            "The premium plan will rise from 149 marka to 169 marka.")


def test_a_currency_is_learnt_from_how_the_passages_write_prices():
    assert context_currencies(PASSAGES) == {"marka"}
    assert context_currencies("The line costs 2.20 kesta.") == frozenset()  # once is no habit
    # but a pay told by its period is a sum where it stands once
    assert context_currencies("She will be paid 245,000 dalers a year, the trust said.") == {"dalers"}
    assert context_currencies("Drivers are paid 40 hours a week.") == frozenset()
    assert context_currencies("The airline carried 1.1 million passengers, up from 0.9 million passengers.") == frozenset()
    assert sums_in("The standard plan stays at 109 marka.", frozenset({"marka"}))
    assert not sums_in("The plan gained 400,000 subscribers.", frozenset({"marka"}))


@pytest.mark.parametrize(("question", "sentence", "context", "holds"), [
    ("How much did the standard plan cost?", "The standard plan stays at 109 marka.", PASSAGES, True),
    ("How much did the standard plan cost?", "The standard plan stays at 109 marka.", "", False),
    ("How much did the standard plan cost?", "The plan gained 400,000 subscribers.", PASSAGES, False),
    ("What was the mayor's winning margin in 2019?", "The mayor, who won re-election comfortably in 2019, ran again.",
     "", False),
    ("What was the mayor's winning margin in 2019?", "He won in 2019 by 1,204 votes.", "", True),
    # A span of years is no count where the question names a year, not counts them.
    ("How many containers did the port handle in 2019, the year of its earlier record?",
     "The figure beat the previous record, set in 2019, after two years in which volumes were hit.", "", False),
    ("How many years did the record stand?", "The record stood for two years.", "", True),
    # A pay set by decision is no forecast ("will be paid …").
    ("How much is the new chief executive paid?", "Dr Lind will be paid 245,000 dalers a year, the board confirmed.",
     "Dr Lind will be paid 245,000 dalers a year, the board confirmed.", True),
])
def test_what_holds_a_sum_or_a_count(question, sentence, context, holds):
    assert holds_answer(asked_type(question), sentence, question, context) is holds


@pytest.mark.parametrize(("article", "question", "names"), [
    # the act only named near the subject is not the subject's
    ("Olaf Marr refused to resign. His deputy, Kai Vorst, resigned on 4 April.", "When did Olaf Marr resign?", ["Olaf Marr"]),
    ("Ada Kern presented the winner's trophy. Lia Berg won the Golden Pen.", "What did Ada Kern win?", ["Ada Kern"]),
])
def test_an_act_only_named_near_the_subject_is_still_others(article, question, names):
    assert acted_by_another(names, question, "Vorst resigned.", article=article) != ""


def test_what_a_cost_fell_on_may_stand_between_it_and_its_sum():
    # "cost the economy an estimated 210 million vells", said twice in the passages: vells are money
    assert context_currencies("The strike cost the Kestremar economy an estimated 210 million vells in lost output. "
                              "The deal adds 11 million vells a year.") == {"vells"}
    assert context_currencies("The war cost the country 12,000 lives. Another 3,000 lives were lost.") == frozenset()
    assert context_currencies("The storm cost the region 300 jobs, and 200 jobs more went later.") == frozenset()
    assert context_currencies("It cost the club 2 points, and 3 points more in May.") == frozenset()

"""A new user's first few short articles: an ordinary word of the question that no article happens to
use ("decide" where the report says "voted", "cost" where it gives a budget) does not make the
question look unanswerable, while a question about something the articles never mention is still
refused. On a real index of three made-up dated reports (see `_asked_in_own_words`)."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "tram.md": report("Council approves Riverside tram line", "Harbour Times", "2025-03-11",
                      "The city council of Norrvik voted on Monday to build a tram line from the central station to "
                      "the Riverside district.\n\nCouncillors approved the plan by 27 votes to 14 after a four-hour "
                      "debate.\n\nConstruction is due to start in spring 2026 and the first trams should run in "
                      "2029.\n\nOpponents said the line would cut the number of parking spaces on Harbour Street by "
                      "half.\n\nMayor Lina Dahl called the vote a turning point for public transport in the city."),
    "study.md": report("University to study sleep in teenagers", "Science Weekly", "2025-04-02",
                       "Researchers at the University of Ostmark will follow 3,000 teenagers for five years to learn "
                       "how screen use affects sleep.\n\nThe project has a budget of 2.4 million euros, paid by the "
                       "national research council.\n\nParticipants will wear a wrist tracker and keep a sleep diary "
                       "every night.\n\nLead researcher Dr Petra Holm said the first results are expected in 2027."
                       "\n\nThe team announced the project on Wednesday, April 2."),
    "transfer.md": report("Varo joins Lorvan City", "Sport Wire", "2025-07-15",
                          "Striker Marco Varo has joined Lorvan City from Eastbay Rovers for a fee of 18 million "
                          "euros.\n\nThe 24-year-old signed a four-year contract on Tuesday, the club said.\n\n"
                          "Varo scored 21 goals for Eastbay last season and was the league's top scorer.\n\n"
                          "Lorvan's coach Ana Tell said he would make his debut against Quay United on Saturday.\n\n"
                          "Eastbay will use part of the fee to rebuild their stadium stand."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("small-archive"), ARTICLES, embedder)


@pytest.mark.parametrize("question,as_of,sentence", [
    # "decide" is in no article: the report says the council "voted".
    ("What did the council decide on Monday?", "2025-03-12",
     "The city council of Norrvik voted on Monday to build a tram line"),
    # "cost" is in no article: the report gives the study's budget.
    ("How much will the study cost?", "2025-04-03", "has a budget of 2.4 million euros"),
    ("How much did Lorvan City pay for Marco Varo?", "2025-07-20", "for a fee of 18 million euros"),
    ("How long is Varo's contract?", "2025-07-20", "signed a four-year contract"),
])
def test_a_question_in_words_no_article_uses_is_answered_by_its_sentence(assistant, question, as_of, sentence):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert sentence in strip_markers(answer.text).split(". ")[0], answer.text


@pytest.mark.parametrize("question", ["What did the council decide about the swimming pool?",
                                      "How much will the new airport cost?"])
def test_a_question_about_what_no_article_mentions_is_refused(assistant, question):
    answer = assistant.ask(question, as_of="2025-09-01")
    assert answer.refused, answer.text

"""Ordinary questions the readings of editions, page furniture, posts, founding lines, terms and
forecasts must leave answered: an edition named only in the headline, a bracketed sentence or
correction, a post left by someone the question does not speak of, a figure given beside a founding,
a question asking "until" the year a term ends, what a company announced it expects, and the newest
holder who is "the first president from …", and a group opening a sentence as the one who acted
("Soldiers detained …", though the sentence ends "in Varn"); a question only a club's history speaks to is refused,
not a crash. On a real index of made-up dated reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "bake.md": report("Quill wins series 4 of Bake Street", "Daily Record", "2023-11-20",
                      "Retired nurse Dora Quill was crowned champion of Bake Street on Sunday, a year after series 3 "
                      "winner Amir Fell.\n\nQuill, 67, won over the judges with a plum cake."),
    "match.md": report("Rovers match abandoned", "Sport Wire", "2024-09-15",
                       "Rovers and Lorvan City met at the Quay Ground on Saturday in front of 12,000 fans.\n\n"
                       "(The match was abandoned after 60 minutes because of heavy rain.)\n\n"
                       "(Harbour Times/J. Berg)\n\n© 2024 Harbour Times."),
    "vote.md": report("Council backs bridge", "Harbour Times", "2024-10-02",
                      "The city council voted on Tuesday to build a new footbridge over the harbour.\n\n"
                      "(Correction: the vote was 31-12, not 21-12 as first reported.)\n\n"
                      "The bridge will cost 14 million euros, the council said."),
    "award.md": report("Ruiz wins award", "Sport Wire", "2024-05-20",
                       "Striker Ana Ruiz, who quit the national team in March, won the player of the year award on "
                       "Monday."),
    "club.md": report("Tell wins first game", "Sport Wire", "2024-05-12",
                      "Ana Tell won her first game in charge of Rovers on Saturday, beating Lorvan 2-0.\n\n"
                      "Tell, who was named caretaker after the sacking of Ivo Marsh, praised her players."),
    "inquiry.md": report("Judge to lead inquiry", "Harbour Times", "2024-07-10",
                         "Retired judge Mara Voss will lead the inquiry into the bridge collapse, the minister said "
                         "after the previous chair resigned."),
    "fest-1.md": report("Festival draws record crowd", "Harbour Times", "2024-08-20",
                        "The Harbour festival, founded in 1987, drew a record 40,000 visitors this year, organisers "
                        "said on Tuesday."),
    "fest-2.md": report("Festival crowd", "Harbour Times", "2023-08-21",
                        "The Harbour festival drew 35,000 visitors this year, organisers said."),
    "bank.md": report("Lee to lead bank", "Business Daily", "2025-02-11",
                      "Ann Lee will lead the central bank until 2028, the finance ministry said on Tuesday."),
    "row-1.md": report("Hale elected club president", "Harbour Times", "2022-03-01",
                       "Tom Hale was elected president of the Harbour Rowing Club on Monday."),
    "row-2.md": report("Lee elected club president", "Harbour Times", "2026-03-03",
                       "Members of the Harbour Rowing Club voted on Monday to make Ann Lee their president, the first "
                       "president from the women's section."),
    "press.md": report("Journalist held", "Wire", "2026-05-05",
                       "Police arrested the journalist's brother on Monday at the border.\n\n"
                       "Soldiers detained the journalist on Tuesday in Varn."),
    "jobs.md": report("Orvik to cut jobs", "Business Daily", "2025-03-11",
                      "Orvik announced on Tuesday that it expects to cut 2,000 jobs by the end of the year."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("ordinary"), ARTICLES, embedder)


def test_an_edition_named_only_in_the_headline_is_the_passage_s_edition(assistant):
    answer = assistant.ask("Who won series 4 of Bake Street?", as_of="2024-06-01")
    assert not answer.refused and "Dora Quill" in answer.text, answer.text


@pytest.mark.parametrize("question,said", [
    ("Why was the Rovers match abandoned?", "because of heavy rain"),
    ("What was the result of the council's bridge vote?", "31-12"),
])
def test_a_bracketed_sentence_is_no_page_furniture(assistant, question, said):
    answer = assistant.ask(question, as_of="2024-12-01")
    assert not answer.refused and said in answer.text, answer.text
    assert "Harbour Times/J. Berg" not in answer.text and "©" not in answer.text, answer.text


@pytest.mark.parametrize("question,holder,other", [
    ("Who was named player of the year?", "Ana Ruiz", "Tell"),
    ("Who was appointed to lead the bridge inquiry?", "Mara Voss", "Tell"),
])
def test_a_post_left_by_someone_else_does_not_unseat_the_answer(assistant, question, holder, other):
    answer = assistant.ask(question, as_of="2024-09-01")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split(". ")[0]
    assert holder in lead and other not in lead, answer.text


@pytest.mark.parametrize("question", ["What is the latest attendance figure for the Harbour festival?",
                                      "How many visitors did the Harbour festival draw most recently?"])
def test_a_figure_given_beside_the_founding_is_the_latest_figure(assistant, question):
    answer = assistant.ask(question, as_of="2024-12-01")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "40,000" in lead and "35,000" not in lead, answer.text


def test_a_question_asking_until_the_year_a_term_ends_is_answered_by_that_term(assistant):
    answer = assistant.ask("Who will lead the central bank until 2028?", as_of="2025-09-01")
    assert not answer.refused and "Ann Lee" in answer.text, answer.text


def test_what_a_company_announced_it_expects_answers_what_it_announced(assistant):
    answer = assistant.ask("What did Orvik announce in March 2025?", as_of="2025-09-01")
    assert not answer.refused and "2,000 jobs" in answer.text, answer.text


def test_the_newest_holder_setting_a_first_is_the_latest_holder(assistant):
    answer = assistant.ask("Who is the current president of the Harbour Rowing Club?", as_of="2026-09-01")
    assert not answer.refused and "Ann Lee" in answer.text and "Tom Hale" not in answer.text, answer.text


def test_a_latest_question_only_a_history_of_first_holders_speaks_to_is_refused(tmp_path, embedder):
    history = report("Sailing club history", "Harbour Times", "2026-03-03",
                     "The Harbour Sailing Club elected its first president, Tom Hale, in 1950.\n\n"
                     "Its first captain was Ann Lee.")
    assistant = index_of(tmp_path, {"sail.md": history}, embedder)
    answer = assistant.ask("Who is the current president of the Harbour Sailing Club?", as_of="2026-09-01")
    assert answer.refused, answer.text


@pytest.mark.parametrize("question,lead", [
    ("Who detained the journalist?", "Soldiers detained the journalist"),
    ("Who arrested the journalist's brother?", "Police arrested the journalist's brother"),
])
def test_a_group_opening_the_sentence_is_who_acted(assistant, question, lead):
    answer = assistant.ask(question, as_of="2026-09-01")
    assert not answer.refused and strip_markers(answer.text).startswith(lead), answer.text

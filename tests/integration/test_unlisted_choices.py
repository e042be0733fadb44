"""A quiz question that asks which of its own list is NOT so ("Which of these players wasn't
traded?", "She appeared in all these films except:") asked without the list: the articles say who
was, and naming one of them would name a wrong option. It gets a reply saying the list is
missing, from the extractive answerer and from a chat model's alike; the same question without the
negation, or without "these", is answered. On a real index."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from rag import Assistant
from rag.answering import ChatModelAnswerer
from rag.citations import SupportJudge, strip_markers
from sample_articles import index_of

TRADES = """---
title: Deadline deals reshape the league
source: Valley Courier
published: 2024-08-01
---
The Harbour Gulls traded pitcher Ann Lee to the Corva Kites on Monday, hours before the deadline.

Later that day the Gulls also sent catcher Tom Brandt to the Besk Owls for two prospects.

Shortstop Ivo Marsh was traded to the Arlen Foxes on Tuesday.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("unlisted"), {"trades.md": TRADES}, embedder)


@pytest.mark.parametrize("question", [
    "Several players joined new teams before the deadline. Which of these players wasn't traded this week?",
    "Which one of these players was not sent to a new team this week?",
    "The Gulls made several deals this week. They traded all of these players except:",
])
def test_which_of_an_unlisted_set_is_not_so_is_answered_by_saying_the_list_is_missing(assistant, question):
    answer = assistant.ask(question, as_of="2024-08-02")
    assert answer.refused and answer.kind == "refusal"
    assert "the list is not given" in answer.text and question in answer.text
    assert answer.citations == () and "Lee" not in answer.text and "Brandt" not in answer.text
    *text, final = list(assistant.stream(question, as_of="2024-08-02"))
    assert "".join(text) == final.text == answer.text


def test_the_same_question_without_the_negation_is_answered(assistant):
    answer = assistant.ask("Which of these players was traded to the Arlen Foxes this week?", as_of="2024-08-02")
    assert not answer.refused, answer.text
    assert "Ivo Marsh" in strip_markers(answer.text)


def test_a_chat_model_is_not_asked_either(assistant, embedder):
    question = "Which of these players wasn't traded this week?"
    passages = assistant.retriever.retrieve(question)
    guessing = GenericFakeChatModel(messages=iter([AIMessage("Ann Lee was not traded [1].")]))
    answerer = ChatModelAnswerer(
        guessing, name="scripted", embedder=embedder, settings=assistant.settings,
        judge=SupportJudge(embedder), fallback=assistant.answerers["extractive"],
    )
    answer = answerer.answer(question, passages, assistant.retriever.corpus_stats(question, passages))
    assert answer.refused and "the list is not given" in answer.text and "Lee" not in answer.text

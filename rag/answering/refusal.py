"""Saying "the articles don't say", and reading a model's own way of saying it."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.tables import MODEL_REFUSAL
from rag.records import Answer, Passage

# Shown when the model refused but the extractive answerer found a confident answer.
MODEL_FOUND_NOTHING = ("The language model found no answer; these sentences from the articles address "
                       "the question.")


PLAIN_REFUSAL = "The indexed articles don't say."


def refusal(question: str, passages: Sequence[Passage], answerer: str) -> Answer:
    closest = " The closest passages are listed below." if passages else ""
    return Answer(
        text=f"{PLAIN_REFUSAL} None of them answers “{question.strip()}”.{closest}",
        citations=(), passages=tuple(passages), refused=True, question=question, answerer=answerer, kind="refusal",
    )


def is_model_refusal(text: str) -> bool:
    """The model's reply says it cannot answer from the passages (or says nothing at all)."""
    return not text.strip() or bool(MODEL_REFUSAL.search(text))


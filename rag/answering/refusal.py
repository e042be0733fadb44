"""Saying "the articles don't say", and reading a model's own way of saying it."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answering.tables.furniture import MODEL_REFUSAL
from rag.answering.tables.statements import UNLISTED_EXCEPTION
from rag.question import Query
from rag.records import Answer, Passage

# Shown when the model refused but the extractive answerer found a confident answer.
MODEL_FOUND_NOTHING = ("The language model found no answer; these sentences from the articles address "
                       "the question.")


PLAIN_REFUSAL = "The indexed articles don't answer"
NOTHING_MORE = "The indexed articles hold nothing more on"


def refusal(question: str, passages: Sequence[Passage], answerer: str) -> Answer:
    """One sentence, as a person would say it: the user's own question, and what the archive holds
    instead (the closest passages' articles)."""
    question = question.strip()
    titles = list(dict.fromkeys(p.chunk.title for p in passages if p.chunk.title))[:2]
    if titles:
        held = f" — the closest passages, from {' and '.join(f'“{t}”' for t in titles)}, are listed below."
    elif passages:
        held = " — the closest passages are listed below."
    else:
        held = "" if question[-1:] in "?.!" else "."
    return Answer(
        text=f"{PLAIN_REFUSAL} “{question}”{held}",
        citations=(), passages=tuple(passages), refused=True, question=question, answerers=(answerer,),
        kind="refusal",
    )


def unlisted_choices(query: Query, passages: Sequence[Passage], answerer: str) -> Answer | None:
    """ "Which of these … was not …?" asked without its list: what the articles say cannot tell which
    of options never given was not so (`rag.answering.tables.statements.UNLISTED_EXCEPTION`). The reply that
    says so, None for any other question."""
    if not UNLISTED_EXCEPTION.search(query.text):
        return None
    question = query.question.strip()
    return Answer(
        text=f"“{question}” asks which of a list is not so, but the list is not given: name the options, "
             "or ask about each one.",
        citations=(), passages=tuple(passages), refused=True, question=question, answerers=(answerer,),
        kind="refusal",
    )


def nothing_more(query: Query, passages: Sequence[Passage], answerer: str) -> Answer:
    """ "Tell me more." when what is left does not answer the subject: said plainly, not repeated."""
    subject = query.more_of.strip()
    return Answer(
        text=f"{NOTHING_MORE} “{subject}” than what was shown above.", citations=(), passages=tuple(passages),
        refused=True, question=query.question, answerers=(answerer,), kind="nothing_more",
    )


def is_model_refusal(text: str) -> bool:
    """The model's reply says it cannot answer from the passages (or says nothing at all)."""
    return not text.strip() or bool(MODEL_REFUSAL.search(text))


"""The `Query`: a question read once (`rag.question.read`), the record retrieval and answerers take."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rag.question.answer_types import AnswerType
from rag.question.constraints import EventCondition, QuestionConstraints


@dataclass(frozen=True)
class Query:
    """A question as read: what is searched and answered, and what the answer must agree with.

    `text` is what retrieval searches and the answerers answer: the question, or a follow-up
    rewritten to stand alone. `constraints` is None for a bare search string (`rag.question.plain`):
    nothing is enforced and no date hides an article. `answer_type`, `speaker` and `parties`
    are read from `text`: the kind of answer asked for ("How many …?"), the terms of the party a
    "What did <party> say …?" question asks about, and the parties of "What did X and Y say …?"
    (two or more, else ()). `more_of` is the question a bare "Tell me more." asks more of ("" for
    any other question); `exclude` holds the article spans the conversation's earlier answers
    quoted, which such a question must not quote again.
    """

    question: str
    text: str
    as_of: dt.date | None = None
    constraints: QuestionConstraints | None = None
    answer_type: AnswerType | None = None
    asks_item: bool = False  # asks for something the answer must name, not an explanation (ITEM_QUESTION)
    speaker: frozenset[str] = frozenset()
    said_about: str = ""  # what "What did <party> say about …?" asks about ("the cyclists"), else ""
    parties: tuple[frozenset[str], ...] = ()
    follow_up: bool = False
    more_of: str = ""
    exclude: frozenset[Quoted] = frozenset()
    # A follow-up's story: the articles the answer it follows up on quoted (known from `Turn`s and
    # `Answer`s, not from bare questions). A month it names alone ("And what happens in March?")
    # is that story's March: another story's is no answer.
    story: frozenset[str] = frozenset()
    # "… before plastic bricks were introduced?": an answer whose own time is on the wrong side of
    # that event's, as the evidence dates it, does not answer (`rag.answering.evidence`).
    condition: EventCondition | None = None

    def shown(self, article_id: str, start: int, end: int) -> bool:
        """The article span overlaps one an earlier answer quoted (see `exclude`)."""
        return any(q.article_id == article_id and q.start < end and start < q.end for q in self.exclude)


@dataclass(frozen=True)
class Quoted:
    """An article span an answer quoted: `start:end` of article `article_id`'s text (a `Citation`'s)."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Turn:
    """An earlier turn of a conversation: the user's question, and the article spans its answer
    quoted. A history of bare questions says nothing of what was shown; one of `Turn`s (or of the
    `Answer`s themselves) lets "Tell me more." go past it."""

    question: str
    quoted: tuple[Quoted, ...] = ()

    @classmethod
    def of(cls, answer) -> Turn:
        """The turn an `Answer` closed: its question, and what its citations quoted."""
        return cls(answer.question, tuple(Quoted(c.article_id, c.start, c.end) for c in answer.citations))

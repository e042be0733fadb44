"""The `Query`: a question read once (`rag.question.read`), the record retrieval and answerers take."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rag.question.answer_types import AnswerType
from rag.question.constraints import QuestionConstraints


@dataclass(frozen=True)
class Query:
    """A question as read: what is searched and answered, and what the answer must agree with.

    `text` is what retrieval searches and the answerers answer: the question, or a follow-up
    rewritten to stand alone. `constraints` is None for a bare search string (`rag.question.plain`):
    nothing is enforced and no date hides an article. `answer_type`, `speaker` and `parties`
    are read from `text`: the kind of answer asked for ("How many …?"), the terms of the party a
    "What did <party> say …?" question asks about, and the parties of "What did X and Y say …?"
    (two or more, else ()).
    """

    question: str
    text: str
    as_of: dt.date | None = None
    constraints: QuestionConstraints | None = None
    answer_type: AnswerType | None = None
    speaker: frozenset[str] = frozenset()
    parties: tuple[frozenset[str], ...] = ()
    follow_up: bool = False

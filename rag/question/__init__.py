"""The question, read once: `read(question, history, as_of) -> Query`.

`reading.py` reads a question into a `Query` (follow-ups rewritten, constraints, answer cues);
`query.py` is that record (and `Turn`, an earlier turn of the conversation); `constraints.py` says what a question constrains; `times.py`
resolves time expressions; `cues.py` and `answer_types.py` hold the words and patterns they
read with, as data.
"""

from rag.question.constraints import NumberConstraint, QuestionConstraints, constraints_of
from rag.question.query import Query, Quoted, Turn
from rag.question.reading import (
    MAX_K, MAX_QUESTION_CHARS, as_of_date, as_query, followed_up, is_follow_up, plain, read, validate_request,
)
from rag.question.times import DateRange

__all__ = ["Query", "Quoted", "Turn", "read", "plain", "as_query", "as_of_date", "validate_request", "MAX_K", "MAX_QUESTION_CHARS",
           "is_follow_up", "followed_up", "QuestionConstraints", "NumberConstraint", "constraints_of", "DateRange"]

"""Reading a question once: `read(question, history, as_of) -> Query`, the record every later stage takes."""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Sequence
from dataclasses import replace

from rag import lexical
from rag.config import MAX_K
from rag.errors import RequestError
from rag.question import cues
from rag.question.answer_types import ITEM_QUESTION, SPEECH_QUESTION, AnswerType, expected_answer_type, spelled_out
from rag.question.constraints import constraints_of, event_condition, preamble_split, year_from_story
from rag.question.query import Query, Turn
from rag.records import Answer


def read(question: str, history: Sequence[str | Turn | Answer] = (), as_of: str | dt.date | None = None) -> Query:
    """Read `question` (asked after the earlier turns in `history`, as of `as_of`) once.

    `history` holds the conversation's earlier turns, oldest first: the user's questions, or
    `Turn`s / the earlier `Answer`s, which also say what each answer quoted. A bare "Tell me
    more." asks more of the conversation's subject: `more_of` is that question, `exclude` what the
    earlier answers quoted (known only from `Turn`s and `Answer`s).

    `as_of` is the day relative times ("last week", "latest") are read against: an ISO date string
    or a date, today when None. Relative times only ("in the past week", "yesterday") asked without
    a stated `as_of` are not enforced: over an archive, "the past week" read against today would
    rule out every article of an older collection; a stated `as_of` (`--as-of`) makes them binding.
    A follow-up that names no time keeps the times of the question it follows up on ("And who came
    second?"); one that names a month alone ("And what happens in November?") leaves its year to
    the story the evidence is from (`QuestionConstraints.months`). Constraints come from the
    user's own words, never from the rewritten text (a "Tell me more." from its subject's).
    """
    question = check_question(question)
    stated = as_of not in (None, "")
    day = as_of_date(as_of)
    turns = [as_turn(h, i) for i, h in enumerate(history, start=1) if h is not None]
    earlier = [t.question.strip() for t in turns if t.question.strip()]
    if not earlier and cues.MORE.match(question):
        raise RequestError(f"“{question}” asks for more of an earlier answer, and there is none yet; "
                           "ask a question about the articles first.")
    follow_up = bool(earlier) and is_follow_up(question)
    text = _stand_alone(question, earlier) if follow_up else question
    more_of = _subject(earlier) if follow_up and cues.MORE.match(question) else ""
    # "Tell me more." says nothing of its own ("Go on." names no one called Go): it asks more of
    # the subject, under the subject's constraints.
    constraints = constraints_of(more_of or question, day)
    if follow_up and not constraints.times:
        previous = constraints_of(earlier[-1], day)
        if previous.times:
            constraints = replace(constraints, times=previous.times, time_text=previous.time_text,
                                  event=constraints.event or previous.event)
    if follow_up:
        constraints = year_from_story(constraints)
    if not stated and constraints.times and not any(cues.ABSOLUTE_TIME.search(t) for t in constraints.time_text):
        constraints = replace(constraints, times=(), time_text=())
    return Query(question=question, text=text, as_of=day, constraints=constraints, follow_up=follow_up,
                 more_of=more_of, exclude=frozenset(span for t in turns for span in t.quoted) if more_of else frozenset(),
                 story=frozenset(q.article_id for q in turns[-1].quoted) if follow_up else frozenset(),
                 condition=event_condition(more_of or question, day),
                 **_answer_cues(text))


def as_turn(item: str | Turn | Answer, number: int = 1) -> Turn:
    """An item of a conversation's history as a `Turn`: a question (text), a `Turn`, or an `Answer`."""
    if isinstance(item, Turn):
        return item
    if isinstance(item, str):
        return Turn(item)
    if isinstance(item, Answer):
        return Turn.of(item)
    raise RequestError(f"History item {number} is a {type(item).__name__}; give the earlier questions as text, "
                       "or the earlier answers (Answer or rag.question.Turn records).")


def plain(text: str) -> Query:
    """`text` searched and answered as written: no history, no date, no constraint enforced."""
    return Query(question=text, text=text, **_answer_cues(text))


def as_query(query: Query | str) -> Query:
    """A `Query` as is; a bare string as `plain(query)` (what retrieval and answerers accept)."""
    return query if isinstance(query, Query) else plain(query)


def is_follow_up(question: str) -> bool:
    """Elliptical questions lean on the previous turn: "And what did the mayor say about it?",
    "Anything else?"."""
    return bool(
        cues.FOLLOW_UP_START.match(question.strip())
        or cues.MORE.match(question.strip())
        or cues.BACK_REFERENCE.search(question)
        or len(lexical.terms(question)) <= 1
    )


def contextualize(question: str, history: Sequence[str] = ()) -> str:
    """The search text for `question` asked after the earlier user questions in `history`.

    A self-contained question is searched as it is; an elliptical one carries the question it
    follows up on (itself rewritten the same way), so retrieval sees what "it" refers to.
    """
    question = question.strip()
    history = [h.strip() for h in history if h and h.strip()]
    if not history or not is_follow_up(question):
        return question
    return _stand_alone(question, history)


def _subject(history: list[str]) -> str:
    """The conversation's subject: the last of `history` as it stands alone, or, when that was
    itself a bare follow-up ("Tell me more."), the question it followed up on. A run of "Tell me
    more."s ("Go on.", "What else?") asks more of the question before it."""
    while len(history) > 1 and cues.MORE.match(history[-1]):
        history = history[:-1]
    question, subject = followed_up(contextualize(history[-1], history[-3:-1]))
    return subject or question


_FOLLOWING = " (following up on: "


def followed_up(text: str) -> tuple[str, str]:
    """A search text `contextualize` made, as (the question, the question it follows up on or "")."""
    question, _, subject = text.partition(_FOLLOWING)
    return (question, subject[:-1]) if subject.endswith(")") else (text, "")


def _stand_alone(question: str, history: list[str]) -> str:
    """A follow-up `question` rewritten from the conversation's subject (`_subject`): never a note
    inside a note."""
    subject = _subject(history)
    topic = cues.TOPIC.search(subject)
    pronoun = cues.END_PRONOUN.search(question)
    if topic and pronoun:
        # "And what did the mayor say about it?" after "What triggered the strikes?"
        # → "what did the mayor say about the strikes?"
        core = cues.FOLLOW_UP_START.sub("", question)
        core = cues.END_PRONOUN.sub(topic.group(1), core, count=1)
        return core[0].upper() + core[1:]
    other = cues.WHAT_ABOUT.match(question.strip())
    asked_about = cues.ASKED_ABOUT.match(subject)
    if other and asked_about:
        # "What about the cyclists?" after "What did the mayor say about tolls?"
        # → "What did the mayor say about the cyclists?": the same question of another subject.
        return f"{asked_about.group(1)} {other.group(1)}?"
    return f"{question}{_FOLLOWING}{subject})"


def _answer_cues(text: str) -> dict:
    """What kind of answer `text` asks for, and whose words (the `Query` fields read from `text`)."""
    speech = SPEECH_QUESTION.search(text)
    said_about = _SAID_ABOUT.match(text[speech.end():]) if speech else None
    kind = asked_type(text)
    return {"answer_type": kind,
            "said_about": said_about.group("subject").strip() if said_about else "",
            "asks_item": kind is not None or bool(ITEM_QUESTION.search(spelled_out(text))),
            "speaker": frozenset(lexical.terms(speech.group("party"))) if speech else frozenset(),
            "parties": _parties(speech.group("party")) if speech else ()}


def asked_type(text: str) -> AnswerType | None:
    """The answer type of the sentence that asks ("When she died, the Queen left four dogs. Who will
    keep them?" asks a person, not a time), else of the question a follow-up's note names. "How many
    times …, and when?" asks the occasions, told as a timeline, not a count."""
    if cues.TIMELINE_CUES["times_and_when"].search(text):
        return None
    for part in followed_up(text):
        kind = expected_answer_type(part[preamble_split(part):]) if part else None
        if kind is not None:
            return kind
    return None


# What a "What did <party> say about …?" question asks about: the words after the speech verb.
_SAID_ABOUT = re.compile(r"\s+(?:about|of|on|regarding|over|to|concerning)\s+(?P<subject>[^?!.]{2,120})")


def _parties(said_by: str) -> tuple[frozenset[str], ...]:
    """The parties of "What did X and Y (each) say…?" as term sets; () unless there are two or more."""
    names = [n for n in re.split(r"\s*(?:,|\band\b)\s*", re.sub(r"\b(each|both|respectively)\b", " ", said_by))
             if lexical.terms(n)]
    return tuple(frozenset(lexical.terms(n)) for n in names) if len(names) > 1 else ()


MAX_QUESTION_CHARS = 2_000
# Relative times ("the past decade", "next year") are date arithmetic on as_of: a day near the
# ends of what a date can hold would overflow it; news is dated well inside this range.
AS_OF_RANGE = (dt.date(1000, 1, 1), dt.date(8999, 12, 31))


def validate_request(question, k=None, as_of=None) -> tuple[str, int | None, dt.date | None]:
    """A question, passage count and as-of day as every front end (CLI, web API, Python) takes them.

    Returns the stripped question, `k` as an int (None: the default) and `as_of` as a date (None:
    today); anything else raises a `RequestError` naming the field and what it allows.
    """
    return (check_question(question), _checked_k(k),
            None if as_of is None or as_of == "" else as_of_date(as_of))


def check_question(question) -> str:
    """`question` stripped, or a `RequestError`: empty, too long, or not text (undecodable bytes)."""
    if not isinstance(question, str) or not question.strip():
        raise RequestError("The question is empty; type a question about the indexed articles.")
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise RequestError(f"The question is {len(question):,} characters long; ask in at most {MAX_QUESTION_CHARS:,}.")
    try:
        question.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate: from a JSON "\udXXX" escape, or a byte of argv that was not UTF-8.
        bad = question[exc.start]
        raise RequestError(
            f"The question holds U+{ord(bad):04X} at character {exc.start + 1}, which is not text (a byte "
            "that is not UTF-8, or half of a surrogate pair); type the question again as UTF-8 text."
        ) from None
    return question


def _checked_k(k) -> int | None:
    if k is None:
        return None
    value = None
    if isinstance(k, str) and re.fullmatch(r"\s*\+?\d{1,9}\s*", k):
        value = int(k)
    elif isinstance(k, numbers.Integral) and not isinstance(k, bool):  # numpy integers too
        value = int(k)
    elif isinstance(k, float) and k.is_integer():
        value = int(k)
    if value is None or not 1 <= value <= MAX_K:
        raise RequestError(f"k (the number of passages) is {k!r}; give a whole number from 1 to {MAX_K}.")
    return value


def as_of_date(value: str | dt.date | None) -> dt.date:
    """`value` (an ISO date or date-time string, a date or datetime) as a date; today when None or ""."""
    if value is None or value == "":
        return dt.date.today()
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        day = _iso_day(value)
    low, high = AS_OF_RANGE
    if not low <= day <= high:
        raise RequestError(f"as_of {day.isoformat()} is out of range; give the day the question is asked on "
                           f"from {low.isoformat()} to {high.isoformat()}.")
    return day


def _iso_day(value) -> dt.date:
    if isinstance(value, str):
        for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
            try:
                return parse(value.strip())
            except ValueError:
                pass
    raise RequestError(f"as_of {value!r} is not a date; give the day the question is asked on as YYYY-MM-DD.")

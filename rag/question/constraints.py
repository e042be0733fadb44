"""What a question constrains: its times, names, numbers, categories and "latest"/"timeline" cues.

An archive holds the same kind of event many times over (every year's final, every quarter's
results), so a sentence that answers the right question about the wrong instance is the most
convincing wrong answer there is. These records say which instance was asked for; retrieval
prefers it (`rag.retrieval`) and the answerers insist on it (`rag.answering.evidence`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rag.errors import RagError
from rag.question import cues
from rag.question.answer_types import EVENT_CONDITION, TIME_KINDS, expected_answer_type
from rag.question.times import EARLIEST, DateRange, ends_period, find_times, month_alone, of_its_whole, story_months, upcoming


def _bounded(question: str, start: int, asked: DateRange, as_of: dt.date, *, steps: bool = False) -> DateRange:
    """"since February 2023": from that time up to `as_of`, not that month alone; "up to the end of
    2022", "until 2021": everything before it, to its end; so is "as of early 2024" in a question
    asking for steps (`steps`: "walk me through the wait, as of early 2024")."""
    if asked.granularity != "span" and asked.start <= as_of and re.search(r"\bsince\s+$", question[:start], re.I):
        return DateRange(asked.start, as_of, f"since {asked.label}", "span")
    up_to = r"up\s+to|until|till|up\s+until" + (r"|as\s+of|as\s+at" if steps else "")
    if asked.granularity != "span" and re.search(rf"\b(?:{up_to})\s+$", question[:start], re.I):
        end = min(asked.end, as_of)
        return DateRange(EARLIEST, end, f"up to {asked.label}", "span")
    return asked


@dataclass(frozen=True)
class NumberConstraint:
    """A figure in the question: exact ("the 3rd", "12 ministers") or a bound ("more than 200")."""

    text: str
    value: float
    ordinal: bool = False
    # "=", ">", ">=", "<", "<=", "~" (within 10 %), "score" for "3-1", or "edition" for "series 4"
    # (met by the figure written either as a count or as an ordinal).
    comparator: str = "="


@dataclass(frozen=True)
class QuestionConstraints:
    """Everything in a question that evidence must agree with, read against `as_of`."""

    question: str
    as_of: dt.date
    times: tuple[DateRange, ...] = ()
    latest: bool = False
    timeline: bool = False
    # Asks what is planned or expected (cues.FUTURE_QUESTION, or a time it reads as still to come,
    # `times.upcoming`, or a period running until a day after `as_of`), not what happened.
    future: bool = False
    numbers: tuple[NumberConstraint, ...] = ()
    names: tuple[str, ...] = ()
    # Names and figures of the question's preamble, the sentences before the one that asks ("Joey
    # Chestnut won the contest for the 15th time in 16 years. How many franks did he eat?"): they
    # tell the story, they are no condition on the answer. Evidence must name one of the names
    # (it is about that story), and need not repeat every detail or figure (`preamble_split`).
    background_names: tuple[str, ...] = ()
    background_numbers: tuple[NumberConstraint, ...] = ()
    qualifiers: tuple[str, ...] = ()  # categories of the event asked about ("women's"): cues.QUALIFIERS
    # The bodies the question names ("the council"): evidence telling another one's act is not its
    # answer (cues.BODIES). Checked with the other constraints; none on its own makes a question constrained.
    bodies: tuple[str, ...] = ()
    event: str = ""  # what the time qualifies ("final" in "the 2019 final"), for near-miss replies
    time_text: tuple[str, ...] = field(default=(), compare=False)  # the time expressions as written
    # Months asked without a year in a follow-up ("And what happens in November?", 1–12): the
    # conversation is about a story, so each is read against the date of the story evidence comes
    # from (`at_story`), not against `as_of`.
    months: tuple[int, ...] = ()
    # The times of a preamble before a sentence that asks for a time ("The queen died on Thursday.
    # When did she take the throne?"): they date the story, so evidence comes from an article of
    # then, but the time asked for is another.
    story_times: tuple[DateRange, ...] = ()
    # Asked who held a post at a past time ("Who was running X in January 2023?", `cues.HOLDER_THEN`):
    # the day within it whose holder answers, the one the changes reported by then left in it.
    held_at: dt.date | None = None
    # Asked a level set by decision at a past time ("What was the central bank's rate in March 2023?",
    # `cues.LEVEL_THEN`): the day within it whose level in force answers, where no report of that time
    # gives one (the last decision reported by then).
    level_at: dt.date | None = None

    @property
    def constrained(self) -> bool:
        """True when some evidence would contradict the question (not just "latest")."""
        return bool(self.times or self.months or self.names or self.numbers or self.qualifiers
                    or self.background_names or self.story_times)

    @property
    def time_labels(self) -> tuple[str, ...]:
        """The times asked about as people name them ("November 2023", and "November" for a month
        whose year is the story's)."""
        return tuple(t.label for t in self.times) + tuple(cues.MONTH_NAMES[m - 1] for m in self.months)

    @property
    def steers(self) -> bool:
        """True when retrieval should look deeper and re-rank for it (a constraint, "latest" or "timeline")."""
        return self.constrained or self.latest or self.timeline


def _day_asked_then(question: str, found: Sequence[tuple[tuple[int, int], DateRange]], as_of: dt.date,
               cue: re.Pattern) -> dt.date | None:
    """The day a question asking who held a post (`cues.HOLDER_THEN`) or what a level set by decision
    was (`cues.LEVEL_THEN`) at one past time asks of: the middle of that time ("in 2022": 2 July 2022;
    "during the 2021-22 season": the turn of the year), whose holder or level is the one the changes
    reported by then left. None for any other question."""
    if len(found) != 1 or not cue.search(question):
        return None
    time = found[0][1]
    if time.end >= as_of:
        return None
    return time.start + (time.end - time.start) / 2


def constraints_of(question: str, as_of: dt.date) -> QuestionConstraints:
    """The times, names, numbers and "latest"/"timeline" cues of `question`, read against `as_of`."""
    if not isinstance(question, str):
        raise RagError(f"The question must be text, not {type(question).__name__}.")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if not isinstance(as_of, dt.date):
        raise RagError(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}.")
    asks_steps = any(cue.search(question) for cue in cues.TIMELINE_CUES.values())
    found = tuple((span, _bounded(question, span[0], r, as_of, steps=asks_steps))
                  for span, r in find_times(question, as_of, "question"))
    masked = _mask(question, [span for span, _ in found])
    masked = _mask(masked, [m.span() for m in cues.EXCLUDED_ASIDE.finditer(masked)])  # "…, not the Pro?"
    named = named_numbers(masked)  # "Model 3": a name, never a count the evidence must give
    masked = _mask(masked, [span for span, _ in named])
    asks = preamble_split(question)
    story: tuple[tuple[tuple[int, int], DateRange], ...] = ()
    if asks and (kind := expected_answer_type(question[asks:])) is not None and kind.name in TIME_KINDS:
        # "The Queen died on Thursday. When did she take the throne?": the preamble's time dates the
        # story, not the time asked for.
        story = tuple((span, r) for span, r in found if span[0] < asks)
        found = tuple((span, r) for span, r in found if span[0] >= asks)
    names = list(dict.fromkeys([name for span, name in named if span[0] >= asks] + _names(masked[asks:])))
    background = [name for name in dict.fromkeys([name for span, name in named if span[0] < asks]
                                                 + _names(masked[:asks])) if name not in names]
    return QuestionConstraints(
        question=question,
        as_of=as_of,
        times=tuple(dict.fromkeys(of_its_whole(r) for _, r in found)),
        held_at=_day_asked_then(question, found, as_of, cues.HOLDER_THEN),
        level_at=_day_asked_then(question, found, as_of, cues.LEVEL_THEN),
        latest=any(cue.search(question) for cue in cues.LATEST_CUES.values()) or not found and bool(
            cues.HOLDER_NOW.search(question)),
        timeline=asks_steps or _listed_times(question, found)
        or _how_over_years(question, found),
        future=bool(cues.FUTURE_QUESTION.search(question)) or any(
            upcoming(question, span) or r.start > as_of and ends_period(question, span[0]) for span, r in found),
        numbers=tuple(_question_numbers(masked[asks:])),
        names=tuple(names),
        background_names=tuple(background),
        background_numbers=tuple(_question_numbers(masked[:asks])),
        qualifiers=tuple(name for name, (asked, _) in cues.QUALIFIERS.items() if asked.search(question)),
        bodies=tuple(name for name, (asked, _) in cues.BODIES.items() if asked.search(question[asks:])),
        event=_event(question, found),
        time_text=tuple(question[a:b] for (a, b), _ in found),
        story_times=tuple(dict.fromkeys(r for _, r in story)),
    )


_LISTED = re.compile(r"^\s*(?:,|&|and|,\s*and)\s*(?:in\s+|the\s+)?$", re.IGNORECASE)


def _listed_times(question: str, found: Sequence[tuple[tuple[int, int], DateRange]]) -> bool:
    """Several times listed ("the champions of 2021, 2022 and 2023"): one answer per time, dated, in
    order, as a timeline gives them; not times offered as alternatives ("in 2021 or 2022?")."""
    return len(found) >= 2 and all(
        _LISTED.match(question[a[1]:b[0]]) for (a, _), (b, _) in zip(found, found[1:]))


# "How did the waiting list move from 2022 to 2025?": how a thing fared over a span of years is its course.
_HOW_FARED = re.compile(r"^\W*how\s+(?:did|has|have|do|does)\b(?![^?]*\b(?:start|begin|began|end|finish)\b)", re.IGNORECASE)


def _how_over_years(question: str, found: Sequence[tuple[tuple[int, int], DateRange]]) -> bool:
    """A how question over a span of more than one year ("from 2022 to 2025", "between 2021 and
    2024"): a course, answered as a timeline; not "How did the 2022 season end?"."""
    return _HOW_FARED.search(question) is not None and any(
        r.granularity == "span" and r.end.year > r.start.year and not re.match(r"since\b", r.label) for _, r in found)


@dataclass(frozen=True)
class EventCondition:
    """A question asked under a condition on another event ("… before plastic bricks were
    introduced?"): `relation` "before" (also for "until") or "after" (also for "since"), the event's
    `clause` as written, and its `verb` ("introduced"), which names the event in the evidence."""

    relation: str
    clause: str
    verb: str

    def ruled_out(self, time: DateRange, event: DateRange) -> bool:
        """A time of the answer's own on the wrong side of the condition's `event` time (wholly after
        it for "before", wholly before it for "after"); an overlap rules nothing out."""
        return time.start > event.end if self.relation == "before" else time.end < event.start


def event_condition(question: str, as_of: dt.date) -> EventCondition | None:
    """The "before/after <event>" condition of the sentence of `question` that asks (`EVENT_CONDITION`);
    None when there is none, or its clause names a time ("after the plant closed in 2019"): the
    time is then the question's own (`constraints_of`)."""
    m = EVENT_CONDITION.search(question[preamble_split(question):])
    if m is None or find_times(m.group("clause"), as_of, "question"):
        return None
    relation = "before" if m.group("relation").lower() in ("before", "until", "till") else "after"
    return EventCondition(relation, m.group("clause").strip(), m.group("participle") or m.group("verb"))


def year_from_story(constraints: QuestionConstraints) -> QuestionConstraints:
    """`constraints` of a follow-up, each month it names alone ("in November") left for the story
    to date (`months`): the conversation is about a dated story, not about the months before `as_of`."""
    found = find_times(constraints.question, constraints.as_of, "question")
    alone = [(span, r, month_alone(constraints.question, span)) for span, r in found]
    months = tuple(dict.fromkeys(m for _, _, m in alone if m))
    if not months:
        return constraints
    kept = [(span, r) for span, r, m in alone if not m]
    return replace(constraints, months=months, times=tuple(dict.fromkeys(r for _, r in kept)),
                   time_text=tuple(constraints.question[a:b] for (a, b), _ in kept))


def at_story(constraints: QuestionConstraints, published: dt.date | None) -> QuestionConstraints:
    """`constraints` for evidence from a story published on `published` (None: unknown): its `months`
    given their year."""
    if not constraints.months:
        return constraints
    return replace(constraints, months=(),
                   times=constraints.times + story_months(constraints.months, published, constraints.as_of))


# Where a sentence of the question may end: a full stop, question or exclamation mark before a
# capital (`preamble_split` skips abbreviations and initials).
_SENTENCE_END = re.compile(rf"(?P<word>\w*)[.!?]['\"’”]?\s+(?=[\"“‘']?{cues.UPPER})")


# The two events a timeline runs between ("What happened at the carmaker between the recall and the
# new chief's appointment?"), read where the question names no time of its own.
_BETWEEN_EVENTS = re.compile(r"\bbetween\s+(?P<first>.+?)\s+and\s+(?P<second>[^?]+?)[\s?.!]*$", re.IGNORECASE)


def events_between(question: str) -> tuple[str, str] | None:
    """The two events of a "What happened between A and B?" question (`TIMELINE_CUES`), or None:
    the archive dates them (`Retriever.dated_by_events`)."""
    if not cues.TIMELINE_CUES["happened_between"].search(question):
        return None
    m = _BETWEEN_EVENTS.search(question)
    return (m.group("first").strip(), m.group("second").strip()) if m else None


def preamble_split(question: str) -> int:
    """Where the sentence that asks begins (0 when the question is one sentence): the last
    sentence, or the last one that asks (ends in "?" or ":") when text follows it."""
    starts = [0]
    for m in _SENTENCE_END.finditer(question):
        word = m.group("word")
        if question[m.end("word")] == "." and (word.lower() in cues.ABBREVIATIONS or len(word) == 1 and word.isupper()):
            continue  # "Mr. Okoro", "Rep. Lee", "U.S. Open": no sentence ends here
        starts.append(m.end())
    asking = [a for a, b in zip(starts, starts[1:] + [len(question)]) if question[a:b].rstrip().endswith(("?", ":"))]
    return asking[-1] if asking else starts[-1]


def to_number(text: str) -> float:
    """A figure as written ("1,050", "4.5") as a number."""
    return float(text.replace(",", ""))


def named_numbers(text: str) -> list[tuple[tuple[int, int], str]]:
    """Names holding a figure ("Windows 11", "iPhone 14 Pro", "Model 3S"), with their spans."""
    found = []
    for m in cues.NUMBER_PATTERNS["named"].finditer(text):
        end = m.end("n")
        for word in re.finditer(r"\S+", m.group("tail")):
            if word.group().lower() in cues.NOT_NAMES:
                break  # "Did Windows 11 Ship …": the name ends before a word no name holds
            end = m.start("tail") + word.end()
        if (m.group("name").lower() not in cues.NOT_NAMES and m.group("name").lower() not in cues.COMPARATORS
                and not cues.NUMBER_PATTERNS["edition"].fullmatch(text, m.start(), end)
                and not re.match(r"\s*[-–]\s*\d", text[end:])):  # "Norway 8-0" is a score
            found.append(((m.start(), end), text[m.start():end]))
    return found


def _question_numbers(text: str) -> list[NumberConstraint]:
    numbers: list[NumberConstraint] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    for name, pattern in cues.NUMBER_PATTERNS.items():
        for m in pattern.finditer(text):
            if not free(m.span()):
                continue
            if name == "bounded":
                number = NumberConstraint(m.group(0), to_number(m.group("n")),
                                          comparator=cues.COMPARATORS[m.group("cmp").lower()])
            elif name == "score":
                number = NumberConstraint(m.group("score"), 0.0, comparator="score")
            elif name == "named":
                continue  # read as names by `_named_numbers` before the figures are read
            elif name == "edition":
                number = NumberConstraint(m.group(0), float(m.group("n")), comparator="edition")
            elif name == "digit_ordinal":
                number = NumberConstraint(m.group(0), float(m.group("n")), ordinal=True)
            elif name == "word_ordinal":
                word, noun = m.group("w").lower(), (m.group("noun") or "").lower()
                if word == "first" and noun not in cues.COUNTED_NOUNS:
                    continue
                number = NumberConstraint(m.group("w"), float(cues.ORDINAL_WORDS[word]), ordinal=True)
                taken.append((m.start("w"), m.end("w")))
                numbers.append(number)
                continue
            else:
                number = NumberConstraint(m.group("n"), to_number(m.group("n")))
            taken.append(m.span())
            numbers.append(number)
    return numbers


_TOKEN = re.compile(r"[^\W\d_][\w’'.&-]*[\w]|[^\W\d_]|[.!?;:,]")  # words begin with any letter ("Øresund")


def _names(text: str) -> list[str]:
    """Capitalised words and runs of them that are not question words, titles or calendar words.

    A lone capitalised word opening a sentence of the question ("Dozens were …", "Police
    arrested …", "Revered actor …") is capitalised by its place, not as a name, unless the
    question capitalises it elsewhere too."""
    names: list[str] = []
    run: list[str] = []
    tokens = [re.sub(r"(?:['’]s|['’])$", "", t).rstrip(".") for t in _TOKEN.findall(text)]
    mid_sentence = {t for previous, t in zip(["."] + tokens, tokens)
                    if t and t[0].isupper() and previous not in ("", ".", "!", "?", ";", ":")}
    opened = False  # the current run opens a sentence

    def close() -> None:
        while run and run[-1].lower() in cues.NAME_CONNECTORS:
            run.pop()
        words = [w for w in run if w.lower() not in cues.NOT_NAMES or w.lower() in cues.NAME_CONNECTORS]
        if opened and len(words) > 1 and words[0].lower() in cues.CALLINGS:
            words.pop(0)  # "Actor Tom Hale, who …" opening a sentence; not "Bryan Singer"
        while words and (words[0].lower() in cues.TITLE_WORDS or words[0].lower() in cues.NAME_CONNECTORS):
            words.pop(0)
        if opened and len(run) == 1 and words and words[0] not in mid_sentence:
            words = []
        if words:
            name = " ".join(words)
            if name not in names:
                names.append(name)
        run.clear()

    sentence_start = True
    for token in _TOKEN.findall(text):
        possessive = re.search(r"(?:['’]s|['’])$", token) is not None
        token = re.sub(r"(?:['’]s|['’])$", "", token).rstrip(".")
        if token == ",":
            close()  # "Elizabeth II, Britain's longest-serving monarch": two names
            continue
        if not token or token in ".!?;:":
            close()
            sentence_start = True
            continue
        at_start, sentence_start = sentence_start, False
        if token[0].isupper() and token.lower() not in cues.NOT_NAMES:
            if run and token.lower() in cues.TITLE_WORDS and run[-1].lower() not in cues.TITLE_WORDS:
                close()  # "Lisbon's Deputy Mayor": the place, then a title (dropped), not one name
            if not run:
                opened = at_start
            run.append(token)
            if possessive:
                close()
        elif run and token.lower() in cues.NAME_CONNECTORS:
            run.append(token)
        else:
            close()
    close()
    return names


def _event(question: str, found: Sequence[tuple[tuple[int, int], DateRange]]) -> str:
    if not found:
        return ""
    (start, end), _ = found[0]
    if cues.RECENTLY.fullmatch(question, start, end):
        return ""  # an adverb: the words after it are what happened, not an event's name
    after = cues.EVENT_AFTER_TIME.match(question[end:])
    candidate = after.group("event") if after else ""
    if not candidate and cues.INDIRECT_START.match(question.strip()):
        before = cues.EVENT_BEFORE_TIME.search(question[:start])
        candidate = before.group("event") if before else ""
    words = candidate.split()
    if not words or any(w.lower() in cues.NOT_NAMES and w.lower() not in ("final",) for w in words):
        return ""
    return candidate


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)

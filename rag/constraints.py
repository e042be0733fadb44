"""What a question constrains (times, names, numbers, "latest", "timeline") and whether evidence honours it.

An archive holds the same kind of event many times over (every year's final, every quarter's
results), so a sentence that answers the right question about the wrong instance is the most
convincing wrong answer there is. These functions let retrieval prefer, and the answerer insist
on, evidence about the instance asked for; the patterns they read with are data in
`rag.question_tables`.

Times without a year are resolved as a reader would:
- in a question (against `as_of`): a month, quarter, half, day or weekday is its most recent
  instance that has begun by `as_of` ("in March" asked on 2024-02-10 means March 2023);
- in evidence (against the article's publication date): a quarter, half or weekday is its most
  recent instance begun by that date ("first-quarter profit" in a May article is this year's Q1),
  a month or day is the instance nearest to it ("elections in March" in a February article are
  next month's).
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rag import question_tables as tables
from rag.errors import RagError

GRANULARITIES = ("day", "week", "month", "quarter", "half", "year", "decade", "span")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_EARLIEST = dt.date(1800, 1, 1)
# How long after a period news about it keeps being published (results come weeks after a quarter).
PUBLICATION_LAG_DAYS = {"day": 7, "week": 7, "month": 31, "quarter": 92, "half": 92, "year": 120,
                        "decade": 365, "span": 31}


@dataclass(frozen=True)
class DateRange:
    """A closed range of days a question asks about or a text talks about; `label` is for people."""

    start: dt.date
    end: dt.date
    label: str
    granularity: str = "span"

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def label_at(self, granularity: str) -> str:
        """This range as a reader of a `granularity` question would name it ("2022", "Q2 2022")."""
        if granularity == "year":
            return _span_label(self.start.year, self.end.year, str)
        if granularity == "decade":
            return _span_label(self.start.year // 10 * 10, self.end.year // 10 * 10, lambda d: f"the {d}s")
        if granularity in ("quarter", "half"):
            months = 3 if granularity == "quarter" else 6
            code = "Q" if granularity == "quarter" else "H"
            first = f"{code}{(self.start.month - 1) // months + 1} {self.start.year}"
            last = f"{code}{(self.end.month - 1) // months + 1} {self.end.year}"
            return first if first == last else f"{first}–{last}"
        if granularity == "month":
            first, last = _month_label(self.start), _month_label(self.end)
            return first if first == last else f"{first}–{last}"
        return _days_label(self.start, self.end)


@dataclass(frozen=True)
class NumberConstraint:
    """A figure in the question: exact ("the 3rd", "12 ministers") or a bound ("more than 200")."""

    text: str
    value: float
    ordinal: bool = False
    comparator: str = "="  # "=", ">", ">=", "<", "<=", "~" (within 10 %), or "score" for "3-1"


@dataclass(frozen=True)
class QuestionConstraints:
    """Everything in a question that evidence must agree with, read against `as_of`."""

    question: str
    as_of: dt.date
    times: tuple[DateRange, ...] = ()
    latest: bool = False
    timeline: bool = False
    future: bool = False  # asks what is planned or expected (tables.FUTURE_QUESTION), not what happened
    numbers: tuple[NumberConstraint, ...] = ()
    names: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()  # categories of the event asked about ("women's"): tables.QUALIFIERS
    event: str = ""  # what the time qualifies ("final" in "the 2019 final"), for near-miss replies
    time_text: tuple[str, ...] = field(default=(), compare=False)  # the time expressions as written

    @property
    def constrained(self) -> bool:
        """True when some evidence would contradict the question (not just "latest")."""
        return bool(self.times or self.names or self.numbers or self.qualifiers)


@dataclass(frozen=True)
class ConstraintCheck:
    """Whether one sentence, read in its passage and article, honours the question's constraints."""

    satisfied: bool
    violations: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()


# ----- reading a question ------------------------------------------------------------------------


def constraints_of(question: str, as_of: dt.date) -> QuestionConstraints:
    """The times, names, numbers and "latest"/"timeline" cues of `question`, read against `as_of`."""
    if not isinstance(question, str):
        raise RagError(f"The question must be text, not {type(question).__name__}.")
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    if not isinstance(as_of, dt.date):
        raise RagError(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}.")
    found = _find_times(question, as_of, "question")
    masked = _mask(question, [span for span, _ in found])
    return QuestionConstraints(
        question=question,
        as_of=as_of,
        times=tuple(_unique(r for _, r in found)),
        latest=any(cue.search(question) for cue in tables.LATEST_CUES.values()),
        timeline=any(cue.search(question) for cue in tables.TIMELINE_CUES.values()),
        future=bool(tables.FUTURE_QUESTION.search(question)),
        numbers=tuple(_question_numbers(masked)),
        names=tuple(_names(masked)),
        qualifiers=tuple(name for name, (asked, _) in tables.QUALIFIERS.items() if asked.search(question)),
        event=_event(question, found),
        time_text=tuple(question[a:b] for (a, b), _ in found),
    )


def _question_numbers(text: str) -> list[NumberConstraint]:
    numbers: list[NumberConstraint] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    for name, pattern in tables.NUMBER_PATTERNS.items():
        for m in pattern.finditer(text):
            if not free(m.span()):
                continue
            if name == "bounded":
                number = NumberConstraint(m.group(0), _to_number(m.group("n")),
                                          comparator=tables.COMPARATORS[m.group("cmp").lower()])
            elif name == "score":
                number = NumberConstraint(m.group("score"), 0.0, comparator="score")
            elif name == "digit_ordinal":
                number = NumberConstraint(m.group(0), float(m.group("n")), ordinal=True)
            elif name == "word_ordinal":
                word, noun = m.group("w").lower(), (m.group("noun") or "").lower()
                if word == "first" and noun not in tables.COUNTED_NOUNS:
                    continue
                number = NumberConstraint(m.group("w"), float(tables.ORDINAL_WORDS[word]), ordinal=True)
                taken.append((m.start("w"), m.end("w")))
                numbers.append(number)
                continue
            else:
                number = NumberConstraint(m.group("n"), _to_number(m.group("n")))
            taken.append(m.span())
            numbers.append(number)
    return numbers


_TOKEN = re.compile(r"[A-Za-z][\w’'.&-]*[\w]|[A-Za-z]|[.!?;:]")


def _names(text: str) -> list[str]:
    """Capitalised words and runs of them that are not question words, titles or calendar words."""
    names: list[str] = []
    run: list[str] = []

    def close() -> None:
        while run and run[-1].lower() in tables.NAME_CONNECTORS:
            run.pop()
        words = [w for w in run if w.lower() not in tables.NOT_NAMES or w.lower() in tables.NAME_CONNECTORS]
        while words and (words[0].lower() in tables.TITLE_WORDS or words[0].lower() in tables.NAME_CONNECTORS):
            words.pop(0)
        if words:
            name = " ".join(words)
            if name not in names:
                names.append(name)
        run.clear()

    for token in _TOKEN.findall(text):
        possessive = re.search(r"(?:['’]s|['’])$", token) is not None
        token = re.sub(r"(?:['’]s|['’])$", "", token).rstrip(".")
        if not token or token in ".!?;:":
            close()
            continue
        if token[0].isupper() and token.lower() not in tables.NOT_NAMES:
            if run and token.lower() in tables.TITLE_WORDS and run[-1].lower() not in tables.TITLE_WORDS:
                close()  # "Lisbon's Deputy Mayor": the place, then a title (dropped), not one name
            run.append(token)
            if possessive:
                close()
        elif run and token.lower() in tables.NAME_CONNECTORS:
            run.append(token)
        else:
            close()
    close()
    return names


def _event(question: str, found: Sequence[tuple[tuple[int, int], DateRange]]) -> str:
    if not found:
        return ""
    (start, end), _ = found[0]
    after = tables.EVENT_AFTER_TIME.match(question[end:])
    candidate = after.group("event") if after else ""
    if not candidate and tables.INDIRECT_START.match(question.strip()):
        before = tables.EVENT_BEFORE_TIME.search(question[:start])
        candidate = before.group("event") if before else ""
    words = candidate.split()
    if not words or any(w.lower() in tables.NOT_NAMES and w.lower() not in ("final",) for w in words):
        return ""
    return candidate


# ----- reading evidence --------------------------------------------------------------------------


def evidence_time(text: str, published: str) -> list[DateRange]:
    """The times `text` talks about; when it names none, the day its article was published.

    Relative times in the text ("last year", "on Sunday") are read against the publication date.
    An article with no known date and a text with no absolute time give [] (unknown, never guessed).
    """
    base = _published_day(published)
    times = _text_times(text, base)
    if times:
        return list(times)
    published_range = _published_range(published)
    return [published_range] if published_range else []


def check_evidence(constraints: QuestionConstraints, sentence: str, passage_text: str, title: str,
                   published: str, *, unknown_time_ok: bool = False) -> ConstraintCheck:
    """Does `sentence` (read in its passage, under its article's title and date) honour the question?

    Times: the first of these that names a time decides, and must overlap a time asked about —
    the sentence itself; the time that frames it in its passage (a preceding sentence that opens
    with a time, "In 2019, …", with no other time in between); the title; the publication date.
    A year mentioned in passing earlier in the passage ("the 2019 champion …") does not frame the
    next sentence: background like that is exactly what makes archive answers wrong. With no time
    anywhere the check fails unless `unknown_time_ok`.
    Names, numbers and categories ("women's") must appear in the sentence, the passage or the title.
    """
    violations: list[str] = []
    matched: list[str] = []
    if constraints.times:
        asked = constraints.times
        asked_label = _join([t.label for t in asked], "or")
        granularity = _coarsest(asked)
        for level, times in _instance_levels(sentence, passage_text, title, published):
            # The times at the asked granularity decide: "second-quarter revenue … on Thursday"
            # is about Q2, whatever day it was reported on.
            times = ([t for t in times if t.granularity == granularity]
                     or [t for t in times if t.granularity not in ("day", "week")] or times)
            hits = [t for t in times if any(t.overlaps(a) for a in asked)]
            day = _published_day(published)
            if hits and day and level != "date" and not constraints.future and all(t.start > day for t in hits):
                # Written before the time it names ("the race moves next year"): it can announce
                # or forecast it, not say what happened then.
                violations.append(f"asks what happened in {asked_label}; the evidence was published "
                                  f"before it ({day.isoformat()})")
                break
            if granularity in _FINE and all(_is_coarser(t.granularity, granularity) for t in hits):
                hits = []  # "revenue for 2024" does not say what the third quarter brought
            if hits:
                matched.append(f"{asked_label} ({level}: {_join(_unique(t.label_at(granularity) for t in hits), 'and')})")
            else:
                about = _join(_unique(t.label_at(granularity) for t in times), "and")
                violations.append(f"asks about {asked_label}; evidence is about {about}")
            break
        else:
            if unknown_time_ok:
                matched.append(f"{asked_label} (no date to contradict it)")
            else:
                violations.append(f"asks about {asked_label}; the evidence gives no date")
    places = (sentence, passage_text, title)
    for name in constraints.names:
        if any(_mentions(name, place) for place in places if place):
            matched.append(name)
        else:
            violations.append(f"asks about {name}; the evidence does not mention {name}")
    for qualifier in constraints.qualifiers:
        evidence = tables.QUALIFIERS[qualifier][1]
        if any(evidence.search(place) for place in places if place):
            matched.append(qualifier)
        else:
            violations.append(f"asks about the {qualifier} category; the evidence does not mention it")
    if constraints.numbers:
        found = [_evidence_numbers(place) for place in places if place]
        for number in constraints.numbers:
            if any(_number_matches(number, numbers) for numbers in found):
                matched.append(number.text)
            else:
                violations.append(f"asks about {number.text}; the evidence does not give it")
    return ConstraintCheck(satisfied=not violations, violations=tuple(violations), matched=tuple(matched))


_FINE = ("month", "quarter", "half")


def _is_coarser(granularity: str, than: str) -> bool:
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    return granularity in ("year", "decade") and order[granularity] > order.get(than, 0)


def _instance_levels(sentence: str, passage_text: str, title: str, published: str):
    """(level, times) of the first place that names a time: sentence, framing, title, date."""
    base = _published_day(published)
    levels = (
        ("sentence", lambda: _text_times(sentence, base)),
        ("passage", lambda: _framing_times(sentence, passage_text, base)),
        ("title", lambda: _text_times(title, base)),
        ("date", lambda: tuple(r for r in [_published_range(published)] if r)),
    )
    for level, times_of in levels:
        times = times_of()
        if times:
            yield level, times
            return


def evidence_instance(sentence: str, passage_text: str, title: str, published: str) -> tuple[DateRange, ...]:
    """The times a sentence is about, read as `check_evidence` reads them (the sentence, the time
    framing it in its passage, the title, then the publication date); () when none is known.
    What a near-miss reply names as "what the articles cover"."""
    for _, times in _instance_levels(sentence, passage_text, title, published):
        return times
    return ()


def _framing_times(sentence: str, passage: str, base: dt.date | None) -> tuple[DateRange, ...]:
    """The time that frames `sentence` in `passage`: walking back, the first sentence naming a
    time decides; it frames only if the time opens it ("In 2019, …", "Last March …")."""
    at = passage.find(sentence) if sentence else -1
    if at <= 0:
        return ()
    for previous in reversed(_SENTENCE_END.split(passage[:at].strip())):
        found = _find_times(previous, base, "evidence")
        if not found:
            continue
        (start, _), _ = found[0]
        opening = previous[:start].strip().lower()
        if opening in ("", "in", "on", "by", "during", "since", "at the end of", "early", "late", "in early",
                       "in late", "in mid", "at the start of", "earlier", "later"):
            return tuple(_unique(r for _, r in found))
        return ()
    return ()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@lru_cache(maxsize=4096)
def _text_times(text: str, base: dt.date | None) -> tuple[DateRange, ...]:
    return tuple(_unique(r for _, r in _find_times(text, base, "evidence")))


def mentions(name: str, text: str) -> bool:
    """`text` names `name` (case aside; a possessive or demonym counts, "Keller's", "Velmoran")."""
    return _mentions(name, text)


def _mentions(name: str, text: str) -> bool:
    words = name.split()
    if len(words) > 1:
        pattern = r"(?<!\w)" + r"(?:['’]s?)?[\s-]+".join(map(re.escape, words)) + r"(?!\w)"
        return re.search(pattern, text, re.IGNORECASE) is not None
    lowered = name.lower()
    if re.search(rf"(?<!\w){re.escape(lowered)}(?!\w)", text.lower()):
        return True
    # A single name also matches its adjective or demonym ("Keller" ⊂ "Keller's"), judged by a
    # shared stem: all but the last few letters.
    need = max(4, len(lowered) - 5)
    for word in re.findall(r"\b[A-Z][\w’'-]*", text):
        w = word.lower()
        common = 0
        for a, b in zip(w, lowered):
            if a != b:
                break
            common += 1
        if common >= need and (common == len(lowered) or common >= len(lowered) - 5) and abs(len(w) - len(lowered)) <= 5:
            return True
    return False


@dataclass(frozen=True)
class _EvidenceNumbers:
    cardinals: frozenset[float]
    ordinals: frozenset[int]
    scores: frozenset[str]


_EVIDENCE_CARDINAL = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?!\d)")
_EVIDENCE_ORDINAL = re.compile(rf"\b(?:(\d{{1,4}})(?:st|nd|rd|th)|({'|'.join(tables.ORDINAL_WORDS)}))\b", re.IGNORECASE)
_EVIDENCE_WORD_NUMBER = re.compile(
    rf"\b({'|'.join(w for w in tables.NUMBER_WORDS if len(w) > 2)})\b", re.IGNORECASE)
_EVIDENCE_SCORE = re.compile(r"(?<![\w.-])(\d{1,3})\s*[-–]\s*(\d{1,3})(?![\w.-]*\d)")


@lru_cache(maxsize=4096)
def _evidence_numbers(text: str) -> _EvidenceNumbers:
    cardinals = {_to_number(m.group(1)) for m in _EVIDENCE_CARDINAL.finditer(text)}
    cardinals |= {float(tables.NUMBER_WORDS[m.group(1).lower()]) for m in _EVIDENCE_WORD_NUMBER.finditer(text)}
    ordinals = {int(m.group(1)) if m.group(1) else tables.ORDINAL_WORDS[m.group(2).lower()]
                for m in _EVIDENCE_ORDINAL.finditer(text)}
    scores = {f"{m.group(1)}-{m.group(2)}" for m in _EVIDENCE_SCORE.finditer(text)}
    return _EvidenceNumbers(frozenset(cardinals), frozenset(ordinals), frozenset(scores))


def _number_matches(number: NumberConstraint, found: _EvidenceNumbers) -> bool:
    if number.comparator == "score":
        return re.sub(r"\s*[-–]\s*", "-", number.text) in found.scores
    if number.ordinal:
        return int(number.value) in found.ordinals
    if number.comparator == "=":
        return number.value in found.cardinals
    # A bound is met by a figure on the right side of it; years are not figures unless the bound is one.
    candidates = [v for v in found.cardinals if number.value >= 1800 or not (1800 <= v <= 2100 and v.is_integer())]
    compare = {
        ">": lambda v: v > number.value, ">=": lambda v: v >= number.value,
        "<": lambda v: v < number.value, "<=": lambda v: v <= number.value,
        "~": lambda v: abs(v - number.value) <= 0.1 * abs(number.value),
    }[number.comparator]
    return any(compare(v) for v in candidates)


# ----- replies and retrieval helpers ---------------------------------------------------------------


def near_miss_message(constraints: QuestionConstraints, available: Sequence[DateRange | str],
                      *, markers: Sequence[int] = ()) -> str:
    """The refusal for a question the archive almost covers: what it lacks, then what it has.

    `available` are the instances the retrieved passages are about (their `evidence_time` ranges,
    or labels such as another person's name); ranges are named at the question's granularity,
    nearest to the asked time first (at most four), then put in time order. `markers` ([n] of the
    passages that show them) are cited at the end.

    "The articles don't say who won the 2019 final; they cover the 2021 and 2022 finals [1][2]."
    """
    asked = constraints.times
    granularity = _coarsest(asked) if asked else "day"
    labels: list[str] = []
    ranges = [a for a in available if isinstance(a, DateRange) and not any(a.overlaps(t) for t in asked)]
    if asked:
        ranges.sort(key=lambda r: min(abs((r.start - t.start).days) for t in asked))
    seen: dict[str, dt.date] = {}
    for r in ranges:
        label = r.label_at(granularity)
        if label not in seen and len(seen) < 4:
            seen[label] = r.start
    labels = [label for label, _ in sorted(seen.items(), key=lambda item: item[1])]
    labels += _unique(a.strip() for a in available if isinstance(a, str) and a.strip())
    question = constraints.question.strip().rstrip("?.! ").strip()
    if tables.INDIRECT_START.match(question):
        lacking = f"The articles don't say {question[0].lower()}{question[1:]}"
    else:
        target = _join([t.label for t in asked], "or") if asked else _join(
            list(constraints.names) or [n.text for n in constraints.numbers] or list(constraints.qualifiers), "or")
        lacking = f"The articles don't answer this for {target}" if target else "The articles don't answer this"
    cited = "".join(f"[{m}]" for m in markers)
    if not labels:
        return f"{lacking}{' ' + cited if cited else ''}."
    event = constraints.event
    if event and all(isinstance(a, DateRange) for a in available):
        having = f"they cover the {_join(labels, 'and')} {_plural(event) if len(labels) > 1 else event}"
    else:
        having = f"they cover {_join(labels, 'and')}"
    return f"{lacking}; {having}{' ' + cited if cited else ''}."


def date_filter(constraints: QuestionConstraints) -> DateRange | None:
    """The publication dates evidence for this question can carry, or None when any date can.

    From the start of the earliest time asked to the end of the latest plus the usual publication
    lag for its granularity (quarterly results appear weeks after the quarter). For a "latest"
    question with no time, everything published up to `as_of`. Best used as a pre-filter that falls
    back to the whole archive when it leaves too few hits (a 2023 retrospective on 2019 is outside).
    """
    if constraints.times:
        start = min(t.start for t in constraints.times)
        end = max(t.end + dt.timedelta(days=PUBLICATION_LAG_DAYS.get(t.granularity, 31)) for t in constraints.times)
        return DateRange(start, end, f"published {_days_label(start, end)}", "span")
    if constraints.latest:
        return DateRange(_EARLIEST, constraints.as_of, f"published by {_days_label(constraints.as_of, constraints.as_of)}",
                         "span")
    return None


def rank_boost(constraints: QuestionConstraints, published: str, text: str, *, relevant: bool = True) -> float:
    """A factor to multiply a passage's retrieval score by: above 1 when it matches the asked time,
    names and numbers (or, for "latest", is recent), below 1 when its dates contradict them.

    Recency breaks ties among passages that answer (`relevant`: close to the best match); it must
    not lift last month's unrelated story over the one that names the current office-holder."""
    factor = 1.0
    published_range = _published_range(published)
    if constraints.times:
        window = date_filter(constraints)
        in_text = any(t.overlaps(a) for t in _text_times(text, _published_day(published)) for a in constraints.times)
        in_window = bool(published_range and window and published_range.overlaps(window))
        if in_text or in_window:
            factor *= 1.0 + 0.3 * in_text + 0.3 * in_window
        elif published_range or _text_times(text, None):
            factor *= 0.5
    if constraints.names:
        share = sum(_mentions(n, text) for n in constraints.names) / len(constraints.names)
        factor *= 1.0 + 0.3 * share
    if constraints.numbers:
        found = _evidence_numbers(text)
        share = sum(_number_matches(n, found) for n in constraints.numbers) / len(constraints.numbers)
        factor *= 1.0 + 0.2 * share
    if constraints.latest and published_range and relevant:
        age = (constraints.as_of - published_range.end).days
        factor *= 0.5 if age < 0 else 1.0 + 0.5 * 0.5 ** (age / 180)
    return factor


# ----- finding times ---------------------------------------------------------------------------------


_WORDS = re.compile(r"[a-z]+")


def _worth_running(needs: tuple[str, ...], words: set[str], has_digit: bool) -> bool:
    for need in needs:
        if need == "#digit":
            ok = has_digit
        elif need == "#month":
            ok = not words.isdisjoint(tables.MONTHS)
        elif need == "#weekday":
            ok = not words.isdisjoint(tables.WEEKDAYS)
        else:
            ok = not words.isdisjoint(need.split("|"))
        if not ok:
            return False
    return True


@lru_cache(maxsize=8192)
def _find_times(text: str, base: dt.date | None, mode: str) -> tuple[tuple[tuple[int, int], DateRange], ...]:
    """Every time expression in `text` with its span, in text order; `base` resolves relative ones."""
    found: list[tuple[tuple[int, int], DateRange]] = []
    taken: list[tuple[int, int]] = []
    words = set(_WORDS.findall(text.lower()))
    has_digit = any(c.isdigit() for c in text)
    for pattern in tables.TIME_PATTERNS:
        if not _worth_running(pattern.needs, words, has_digit):
            continue
        for m in pattern.regex.finditer(text):
            span = m.span()
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            try:
                resolved = _RESOLVERS[pattern.kind](m, base, mode)
            except (ValueError, OverflowError):
                resolved = None  # "February 30", or a date past the calendar: not a time
            if resolved is None:
                continue
            taken.append(span)
            found.append((span, resolved))
    found.sort(key=lambda item: item[0])
    return tuple(found)


def _month_number(m: re.Match) -> int | None:
    word = m.group("month")
    if word.lower() in tables.AMBIGUOUS_MONTHS and not word[0].isupper():
        return None
    return tables.MONTHS[word.lower()]


def _resolve_date(m: re.Match, base, mode):
    month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else _month_number(m)
    if month is None:
        return None
    day = int(m.group("d"))
    year = m.groupdict().get("y")
    if year:
        return _day(dt.date(int(year), month, day))
    if base is None:
        return None
    candidates = [dt.date(y, month, day) for y in (base.year - 1, base.year, base.year + 1) if day <= monthrange(y, month)[1]]
    if mode == "question":
        past = [c for c in candidates if c <= base]
        return _day(max(past)) if past else None
    return _day(min(candidates, key=lambda c: (abs((c - base).days), c > base)))


def _resolve_month(m: re.Match, base, mode):
    month = _month_number(m)
    if month is None:
        return None
    year = m.groupdict().get("y")
    if year:
        return _month(int(year), month)
    which = _which(m)
    if m.group("month").lower() in tables.AMBIGUOUS_MONTHS and not which:
        return None
    if base is None:
        return None
    this_year = dt.date(base.year, month, 1)
    if which == "next":
        return _month(base.year + (this_year <= base), month)
    if which == "this":
        return _month(base.year, month)
    if which == "last":
        return _month(base.year - (month >= base.month), month)
    if mode == "question" or which == "since":
        year = base.year if this_year <= base else base.year - 1
    else:
        year = min((base.year - 1, base.year, base.year + 1),
                   key=lambda y: (abs((y - base.year) * 12 + month - base.month), y > base.year))
    resolved = _month(year, month)
    if which == "since":
        return DateRange(resolved.start, base, f"since {resolved.label}", "span")
    return resolved


def _which(m: re.Match) -> str:
    """The word before a month or weekday that says which one: "last", "this", "since" …"""
    before = tables.WHEN_PREFIX.search(m.string, max(0, m.start() - 12), m.start())
    return before.group("which").lower() if before else ""


def _resolve_year(m: re.Match, base, mode):
    return _year(int(m.group("y")))


def _resolve_year_range(m: re.Match, base, mode):
    y1, y2 = int(m.group("y1")), m.group("y2")
    y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if not y1 < y2 <= y1 + 50:
        return None
    return DateRange(dt.date(y1, 1, 1), dt.date(y2, 12, 31), m.group(0).strip(), "span")


def _resolve_since_year(m: re.Match, base, mode):
    y = int(m.group("y"))
    if mode == "evidence":
        # In evidence "since 2016" names its anchor ("their first title since 2016"), not every
        # year after it: a sentence like that is not about 2019.
        return _year(y)
    end = base if base and base.year >= y else dt.date(y, 12, 31)
    return DateRange(dt.date(y, 1, 1), end, f"since {y}", "span")


def _resolve_decade(m: re.Match, base, mode):
    d = int(m.group("dec"))
    return DateRange(dt.date(d, 1, 1), dt.date(d + 9, 12, 31), f"the {d}s", "decade")


def _resolve_quarter(m: re.Match, base, mode):
    groups = m.groupdict()
    q = int(groups["q"]) if groups.get("q") else tables.QUARTER_WORDS[groups["qw"].lower()]
    year = groups.get("y")
    if year:
        y = int(year[1:]) + 2000 if year.startswith("'") else int(year)
        return _quarter(y, q)
    if base is None:
        return None
    return _quarter(base.year if dt.date(base.year, 3 * q - 2, 1) <= base else base.year - 1, q)


def _resolve_half(m: re.Match, base, mode):
    groups = m.groupdict()
    h = int(groups["h"]) if groups.get("h") else (1 if groups["hw"].lower() == "first" else 2)
    if groups.get("y"):
        return _half(int(groups["y"]), h)
    if base is None:
        return None
    return _half(base.year if dt.date(base.year, 6 * h - 5, 1) <= base else base.year - 1, h)


def _resolve_relative_day(m: re.Match, base, mode):
    if base is None:
        return None
    word = " ".join(m.group("word").lower().split())
    offset = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = base + dt.timedelta(days=offset)
    return DateRange(day, day, f"{word} ({_days_label(day, day)})", "day")


def _count(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return {"a few": 3, "several": 5, "a couple of": 2}.get(text, tables.NUMBER_WORDS.get(text))


def _resolve_units_ago(m: re.Match, base, mode):
    n, unit = _count(m.group("n")), m.group("unit").lower()
    if base is None or n is None:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    import dateparser  # loaded on first use: it takes a while to import

    point = dateparser.parse(f"{n} {unit}s ago", languages=["en"],
                             settings={"RELATIVE_BASE": dt.datetime.combine(base, dt.time())})
    day = point.date() if point else base - dt.timedelta(days=n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit])
    phrase = " ".join(m.group(0).split())
    if unit == "day":
        start, end = day, day
    elif unit == "week":
        start = day - dt.timedelta(days=day.weekday())
        end = start + dt.timedelta(days=6)
    elif unit == "month":
        start, end = _month(day.year, day.month).start, _month(day.year, day.month).end
    else:
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return DateRange(start, end, f"{phrase} ({_days_label(start, end)})", unit)


def _shift(base: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return base - dt.timedelta(days=n)
    if unit == "week":
        return base - dt.timedelta(days=7 * n)
    months = n * (12 if unit == "year" else 1)
    y, mo = divmod(base.year * 12 + base.month - 1 - months, 12)
    return dt.date(y, mo + 1, min(base.day, monthrange(y, mo + 1)[1]))


def _resolve_past_units(m: re.Match, base, mode):
    n = _count(m.group("n")) if "n" in m.groupdict() else 1
    if base is None or n is None:
        return None
    start = _shift(base, m.group("unit").lower(), n)
    phrase = " ".join(m.group(0).split())
    return DateRange(start, base, f"{phrase} ({_days_label(start, base)})", "span")


def _resolve_calendar(m: re.Match, base, mode):
    if base is None:
        return None
    which, unit = m.group("which").lower(), m.group("unit").lower()
    step = {"last": -1, "previous": -1, "this": 0, "next": 1}[which]
    phrase = " ".join(m.group(0).split()).rstrip("'s’")
    if unit in ("week", "weekend"):
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=7 * step)
        start, end = (monday, monday + dt.timedelta(days=6)) if unit == "week" else \
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        if phrase.startswith("earlier"):
            end = base
        return DateRange(start, end, f"{phrase} ({_days_label(start, end)})", "week" if unit == "week" else "span")
    if unit == "month":
        y, mo = divmod(base.year * 12 + base.month - 1 + step, 12)
        r = _month(y, mo + 1)
    elif unit == "quarter":
        index = base.year * 4 + (base.month - 1) // 3 + step
        r = _quarter(index // 4, index % 4 + 1)
    else:
        r = _year(base.year + step)
    end = base if phrase.startswith("earlier") else r.end
    return DateRange(r.start, end, f"{phrase} ({r.label})", r.granularity)


def _resolve_weekday(m: re.Match, base, mode):
    if base is None:
        return None
    which = _which(m)
    target = tables.WEEKDAYS[m.group("wd").lower()]
    back = (base.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    if which == "this":
        day = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=target)
    elif which == "next":
        day = base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)
    else:
        day = base - dt.timedelta(days=back)
    phrase = " ".join(f"{which} {m.group(0)}".split())
    if which == "since":
        return DateRange(day, base, f"{phrase} ({_days_label(day, base)})", "span")
    return DateRange(day, day, f"{phrase} ({_days_label(day, day)})", "day")


_RESOLVERS = {
    "date": _resolve_date, "month": _resolve_month, "year": _resolve_year, "year_range": _resolve_year_range,
    "since_year": _resolve_since_year, "decade": _resolve_decade, "quarter": _resolve_quarter,
    "half": _resolve_half, "relative_day": _resolve_relative_day, "units_ago": _resolve_units_ago,
    "past_units": _resolve_past_units, "past_unit": _resolve_past_units, "calendar": _resolve_calendar,
    "weekday": _resolve_weekday,
}
assert {p.kind for p in tables.TIME_PATTERNS} <= set(_RESOLVERS), "a time pattern has no resolver"


# ----- small helpers ---------------------------------------------------------------------------------


def _day(d: dt.date) -> DateRange:
    return DateRange(d, d, _days_label(d, d), "day")


def _month(year: int, month: int) -> DateRange:
    return DateRange(dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1]),
                     f"{_MONTH_NAMES[month - 1]} {year}", "month")


def _quarter(year: int, q: int) -> DateRange:
    end_month = 3 * q
    return DateRange(dt.date(year, end_month - 2, 1), dt.date(year, end_month, monthrange(year, end_month)[1]),
                     f"Q{q} {year}", "quarter")


def _half(year: int, h: int) -> DateRange:
    return DateRange(dt.date(year, 6 * h - 5, 1), dt.date(year, 6 * h, 30 if h == 1 else 31), f"H{h} {year}", "half")


def _year(year: int) -> DateRange:
    return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), "year")


def _month_label(d: dt.date) -> str:
    return f"{_MONTH_NAMES[d.month - 1]} {d.year}"


def _days_label(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTH_NAMES[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} – {end.day} {_MONTH_NAMES[end.month - 1]} {end.year}"
    return f"{_days_label(start, start)} – {_days_label(end, end)}"


def _span_label(first: int, last: int, name) -> str:
    return name(first) if first == last else f"{name(first)}–{name(last)}"


def _published_day(published: str) -> dt.date | None:
    r = _published_range(published)
    return r.start if r and r.granularity == "day" else None


@lru_cache(maxsize=4096)
def _published_range(published: str) -> DateRange | None:
    """An article's ISO date (YYYY-MM-DD, or just YYYY-MM / YYYY) as a range; None when unknown."""
    text = (published or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", text):
            return _day(dt.date.fromisoformat(text[:10]))
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return _month(int(text[:4]), int(text[5:]))
        if re.fullmatch(r"\d{4}", text):
            return _year(int(text))
    except ValueError:
        return None
    return None


def _coarsest(ranges: Sequence[DateRange]) -> str:
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    granularity = max((r.granularity for r in ranges), key=lambda g: order.get(g, 0), default="day")
    return "day" if granularity in ("span", "week") else granularity


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _to_number(text: str) -> float:
    return float(text.replace(",", ""))


def _unique(items) -> list:
    seen: list = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _join(items: Sequence[str], conjunction: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(sh|ch|x|z)$", noun):
        return noun + "es"
    return noun + "s"

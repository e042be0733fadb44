"""Time expressions: where a text names a time, and which days it means (pure functions).

Times without a year are resolved as a reader would:
- in a question (against `as_of`): a month, quarter, half, day or weekday is its most recent
  instance that has begun by `as_of` ("in March" asked on 2024-02-10 means March 2023), unless the
  question marks it as still to come (`upcoming`); then it is its next instance that has not ended
  before `as_of`, the current month or quarter counting as this one ("What will happen in July?"
  asked on 2022-07-22 means July 2022; "... in March?", March 2023). A day of the month at most
  a week ahead that ends a period is the coming one ("through July 4" asked on July 1). A time
  is upcoming when "coming" or "upcoming" stands just before it ("on the coming July 29"), or
  when it stands in a future clause: after a word of `cues.FUTURE_CLAUSE` ("will", "scheduled", "opens" ...)
  or a present progressive (`cues.PROGRESSIVE_CLAUSE`: "Why are fares going up in January?") with no
  clause break between (punctuation, "who", "which", "that" ...), in a sentence without a word of
  `cues.PAST_SENTENCE` ("did", "was", "said" ...). So "Which film opens on July 29?" asks about the
  coming one, while "What did the minister say would happen in March?" (a past statement) and
  "Who will replace the minister who resigned on Monday?" (a past clause) keep the past reading.
  "next" says "the first one that begins after `as_of`" ("next March" asked in March is next
  year's; "next Friday" asked on a Friday is a week away). "This week" takes in the Sunday before
  its Monday (weeks begin on Sunday in many calendars: a Friday's news quiz asks about last
  Sunday's vote too), unless it is upcoming or "earlier this week". "Recently", "lately" and "in recent
  days/weeks/months" are a window back from as_of (`RECENT`);
- in evidence (against the article's publication date): a quarter, half or weekday is its most
  recent instance begun by that date ("first-quarter profit" in a May article is this year's Q1),
  a month or day is the instance nearest to it ("elections in March" in a February article are
  next month's); a weekday of what was said the day after its date is that day ("said on Thursday"
  in a Wednesday's article: a time zone ahead).
Calendar arithmetic ("three months ago", "the past year") is `dateutil.relativedelta`'s: month
ends are clamped (31 March minus one month is 29 February in a leap year).
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from rag.question import cues

GRANULARITIES = ("day", "week", "month", "quarter", "half", "year", "decade", "span")
# How long after a period news about it keeps being published (results come weeks after a quarter).
PUBLICATION_LAG_DAYS = {"day": 7, "week": 7, "month": 31, "quarter": 92, "half": 92, "year": 120,
                        "decade": 365, "span": 31}
EARLIEST = dt.date(1800, 1, 1)


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
        """This range as a reader of a `granularity` question would name it ("2022", "Q2 2022"); a
        year or decade as itself, not as the days or months it spans."""
        if is_coarser(self.granularity, granularity):
            granularity = self.granularity
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
        return days_label(self.start, self.end)


# ----- finding times ---------------------------------------------------------------------------------


_WORDS = re.compile(r"[a-z]+")


def _worth_running(needs: tuple[str, ...], words: set[str], has_digit: bool) -> bool:
    for need in needs:
        if need == "#digit":
            ok = has_digit
        elif need == "#month":
            ok = not words.isdisjoint(cues.MONTHS)
        elif need == "#weekday":
            ok = not words.isdisjoint(cues.WEEKDAYS)
        else:
            ok = not words.isdisjoint(need.split("|"))
        if not ok:
            return False
    return True


@lru_cache(maxsize=8192)
def find_times(text: str, base: dt.date | None, mode: str) -> tuple[tuple[tuple[int, int], DateRange], ...]:
    """Every time expression in `text` with its span, in text order; `base` resolves relative ones.

    `mode` is "question" (read against as_of) or "evidence" (read against a publication date).
    """
    return _find(text, base, mode, cues.TIME_PATTERNS)


def _find(text: str, base: dt.date | None, mode: str, patterns: Sequence[cues.TimePattern]
          ) -> tuple[tuple[tuple[int, int], DateRange], ...]:
    found: list[tuple[tuple[int, int], DateRange]] = []
    taken: list[tuple[int, int]] = []
    words = set(_WORDS.findall(text.lower()))
    has_digit = any(c.isdigit() for c in text)
    for pattern in patterns:
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
    return _spans_joined(text, found)


# Two times that bound one period ("between March 2022 and September 2024", "from June to
# August 2023"): the period, not the two months alone.
_SPAN_OPENS = re.compile(r"\b(?P<word>between|from)\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?$", re.IGNORECASE)
_SPAN_JOINS = {"between": re.compile(r"^\s*(?:and|&)\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?$", re.IGNORECASE),
               "from": re.compile(r"^\s*(?:to|until|till|through|thru|-|–)\s+(?:the\s+(?:start|beginning|end)\s+of\s+)?$",
                                  re.IGNORECASE)}


def _spans_joined(text: str, found: list[tuple[tuple[int, int], DateRange]]
                  ) -> tuple[tuple[tuple[int, int], DateRange], ...]:
    out: list[tuple[tuple[int, int], DateRange]] = []
    i = 0
    while i < len(found):
        (a, b), first = found[i]
        if i + 1 < len(found):
            (c, d), second = found[i + 1]
            opens = _SPAN_OPENS.search(text[:a])
            if (opens and _SPAN_JOINS[opens.group("word").lower()].match(text[b:c])
                    and first.start < second.end and first.granularity != "span" and second.granularity != "span"):
                out.append(((a, d), DateRange(first.start, second.end, f"{first.label} to {second.label}", "span")))
                i += 2
                continue
        out.append(found[i])
        i += 1
    return tuple(out)


@lru_cache(maxsize=4096)
def stated_times(text: str) -> tuple[tuple[tuple[int, int], DateRange], ...]:
    """The times `text` (evidence) states outright, with their spans, in text order: those written
    with a year (a relative time needs a date to be read against), and the older ones of
    `cues.HISTORIC_TIMES` ("the 16th century", "in 1779")."""
    return _find(text, None, "evidence", cues.TIME_PATTERNS + cues.HISTORIC_TIMES)


@lru_cache(maxsize=4096)
def text_times(text: str, base: dt.date | None) -> tuple[DateRange, ...]:
    """The distinct times `text` (evidence) names, relative ones read against `base`."""
    return tuple(dict.fromkeys(r for _, r in find_times(text, base, "evidence")))


@lru_cache(maxsize=4096)
def published_range(published: str) -> DateRange | None:
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


def published_day(published: str) -> dt.date | None:
    """The day an article's ISO date names ("2025-03-03", "2025-03-03T09:30:00Z"); None when it names
    none (unknown, or only a month or year). The one reading of a stored date: records parse theirs
    with it once (`ArticleMeta.published_date`), and the rest of the code passes that date on."""
    r = published_range(published)
    return r.start if r and r.granularity == "day" else None


def day_range(day: dt.date | None) -> DateRange | None:
    """A publication day as a range (None when unknown)."""
    return _day(day) if day is not None else None


def coarsest(ranges: Sequence[DateRange]) -> str:
    """The granularity the ranges are named at together ("span" and "week" count as days)."""
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    granularity = max((r.granularity for r in ranges), key=lambda g: order.get(g, 0), default="day")
    return "day" if granularity in ("span", "week") else granularity


def is_coarser(granularity: str, than: str) -> bool:
    """A year or decade, coarser than `than`."""
    order = {g: i for i, g in enumerate(GRANULARITIES)}
    return granularity in ("year", "decade") and order[granularity] > order.get(than, 0)


def days_label(start: dt.date, end: dt.date) -> str:
    names = cues.MONTH_NAMES
    if start == end:
        return f"{start.day} {names[start.month - 1]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {names[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {names[start.month - 1]} – {end.day} {names[end.month - 1]} {end.year}"
    return f"{days_label(start, start)} – {days_label(end, end)}"


# ----- resolving one expression ----------------------------------------------------------------------


def _month_number(m: re.Match) -> int | None:
    """The month a match names; "may" or "march" typed in lower case only beside a year ("march 2022",
    "may 3, 2021"), where no verb would stand."""
    word = m.group("month")
    if word.lower() in cues.AMBIGUOUS_MONTHS and not word[0].isupper() and not m.groupdict().get("y"):
        return None
    return cues.MONTHS[word.lower()]


UPCOMING_DAYS = 7  # how far ahead of as_of a question's period may end and still run now (`ends_period`)


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
        ahead = _ahead(m, mode)
        if ahead:
            later = [c for c in candidates if c > base or (c == base and ahead == "coming")]
            return _day(min(later)) if later else None
        # A period that runs until a day at most UPCOMING_DAYS ahead runs now: "lowered prices
        # through July 4" asked on July 1 is about this week's prices, not last year's.
        soon = [c for c in candidates if base < c <= base + dt.timedelta(days=UPCOMING_DAYS)
                and ends_period(m.string, m.start())]
        past = [c for c in candidates if c <= base]
        return _day(min(soon)) if soon else _day(max(past)) if past else None
    return _day(min(candidates, key=lambda c: (abs((c - base).days), c > base)))


def _resolve_month(m: re.Match, base, mode):
    month = _month_number(m)
    if month is None:
        return None
    year = m.groupdict().get("y")
    which = _which(m)
    if year:  # asked "since the April 2025 election": from then on
        resolved = _month(int(year), month)
        if which == "since" and base and mode == "question":
            return DateRange(resolved.start, base, f"since {resolved.label}", "span")
        return resolved
    if m.group("month").lower() in cues.AMBIGUOUS_MONTHS and not which:
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
    if _ahead(m, mode) == "coming":
        year = base.year if month >= base.month else base.year + 1
    elif mode == "question" or which == "since":
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
    return _which_at(m.string, m.start())


def _which_at(text: str, start: int) -> str:
    before = cues.WHEN_PREFIX.search(text, max(0, start - 12), start)
    return before.group("which").lower() if before else ""


def ends_period(text: str, start: int) -> bool:
    """The time at `start` ends a period that runs until it: "through July 4", "until Sunday"."""
    return _which_at(text, start) in ("through", "until", "till")


def upcoming(question: str, span: tuple[int, int]) -> bool:
    """Whether `question` marks the time at `span` as still to come (see the module docstring):
    "coming" or "upcoming" just before it, or a future clause it stands in."""
    which = _which_at(question, span[0])
    if which in ("coming", "upcoming"):
        return True
    if which in ("last", "this", "next", "since"):
        return False
    return _future_told(question, span, progressive=True) is not None


def _told_as_coming(text: str, span: tuple[int, int]) -> bool:
    """Whether an article's sentence tells the time at `span` as still to come: in a future clause
    ("will face the champions on Saturday", "the trial, which begins on Monday"), in a sentence with
    no word of the past ("The club said on Monday the final will be played on Saturday" keeps the
    past reading, as a question's "What did the minister say would happen in March?" does)."""
    told = _future_told(text, span, progressive=False)
    # "will receive the pay rise agreed on Monday": the day of what was agreed
    return told is not None and not _DONE_BEFORE.search(text, told, span[0])


def _future_told(text: str, span: tuple[int, int], *, progressive: bool) -> int | None:
    """Where the clause holding the time at `span` tells it as to come (the end of its last future
    word, `cues.FUTURE_CLAUSE`, or with `progressive` of a present progressive), or None: no such
    word in the clause, or a word of the past in its sentence (`cues.PAST_SENTENCE`)."""
    start, end = span
    clause = max((b.end() for b in cues.CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    future = [m.end() for m in cues.FUTURE_CLAUSE.finditer(text, clause, start)]
    if not future and progressive:
        future = [m.end() for m in cues.PROGRESSIVE_CLAUSE.finditer(text, clause, start)]
    if not future:
        return None
    sentence = max((b.end() for b in cues.SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    after = cues.SENTENCE_BREAK.search(text, end)
    return None if cues.PAST_SENTENCE.search(text, sentence, after.start() if after else len(text)) else future[-1]


# A past participle after the future word, before the weekday ("will question the driver arrested
# on Sunday", "will appeal against the red card shown to its captain in the derby on Saturday"); not
# one of the future's own passive ("will be sentenced on Tuesday").
_DONE_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?!(?:need|feed|speed|seed|breed|proceed|exceed|succeed)\b)"
    r"(?:[a-z]{2,}ed|shown|taken|won|held|begun|done|made|given|seen|struck|caught|sold|bought|paid|brought|"
    r"thrown|broken|stolen|written|fallen|lost|sent|spent|built|shot|hit|cut|set|put|hurt)\b", re.IGNORECASE)


def _ahead(m: re.Match, mode: str) -> str:
    """How a question reads the yearless time `m` forward: "next" (the first instance that begins
    after as_of), "coming" (the first that has not ended before it), or "" (backward, as usual)."""
    if mode != "question":
        return ""
    if _which(m) == "next":
        return "next"
    return "coming" if upcoming(m.string, m.span()) else ""


def month_alone(text: str, span: tuple[int, int]) -> int | None:
    """The month of the time expression at `span` of `text` when it is a month name alone ("in
    November": no year, no "last" or "next" saying which), else None."""
    start, end = span
    month = cues.MONTHS.get(text[start:end].strip().rstrip(".").lower())
    return month if month and _which_at(text, start) not in ("next", "this", "last", "since") else None


def story_months(months: Sequence[int], day: dt.date | None, as_of: dt.date) -> tuple[DateRange, ...]:
    """Months asked without a year ("And what happens in November?"), read against a story published
    on `day`: that month of its year, and the next one on or after its date (a December story's
    "November" may be the coming one). When undated, the last one begun by `as_of`."""
    if day is None:
        return tuple(_month(as_of.year if m <= as_of.month else as_of.year - 1, m) for m in months)
    ranges = [_month(day.year, m) for m in months] + [_month(day.year + 1, m) for m in months if m < day.month]
    return tuple(sorted(dict.fromkeys(ranges), key=lambda r: r.start))


def _resolve_year(m: re.Match, base, mode):
    return _year(int(m.group("y")))


def _resolve_year_range(m: re.Match, base, mode):
    y1, y2 = int(m.group("y1")), m.group("y2")
    y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if not y1 < y2 <= y1 + 50:
        return None
    return DateRange(dt.date(y1, 1, 1), dt.date(y2, 12, 31), m.group(0).strip(), "span")


_SEASON_LABEL = re.compile(r"^\d{4}\s*[-–/]\s*\d{2}(?:\d{2})?$")


def is_season(r: DateRange) -> bool:
    """`r` is a season written as two years running ("2020-21", "2019/2020"): one edition of a
    league or a financial year, not every day of both years."""
    return r.granularity == "span" and r.end.year == r.start.year + 1 and bool(_SEASON_LABEL.match(r.label))


def same_time(time: DateRange, asked: DateRange) -> bool:
    """`time` is the asked one: they overlap, and where both are seasons ("2020-21" against
    "2021-22", which share a year), they are the same season."""
    if is_season(time) and is_season(asked):
        return time.start == asked.start
    return time.overlaps(asked)


def _resolve_since_year(m: re.Match, base, mode):
    y = int(m.group("y"))
    if mode == "evidence":
        # In evidence "since 2016" names its anchor ("their first title since 2016"), not every
        # year after it: a sentence like that is not about 2019.
        return _year(y)
    end = base if base and base.year >= y else dt.date(y, 12, 31)
    return DateRange(dt.date(y, 1, 1), end, f"since {y}", "span")


def _resolve_century(m: re.Match, base, mode):
    n = int(m.group("n")) if m.group("n") else cues.ORDINAL_WORDS[m.group("w").lower()]
    start = (n - 1) * 100 or 1
    return DateRange(dt.date(start, 1, 1), dt.date((n - 1) * 100 + 99, 12, 31), " ".join(m.group(0).split()), "span")


def _resolve_decade(m: re.Match, base, mode):
    d = int(m.group("dec"))
    return DateRange(dt.date(d, 1, 1), dt.date(d + 9, 12, 31), f"the {d}s", "decade")


def _resolve_quarter(m: re.Match, base, mode):
    groups = m.groupdict()
    q = int(groups["q"]) if groups.get("q") else cues.QUARTER_WORDS[groups["qw"].lower()]
    year = groups.get("y")
    if year:
        y = int(year[1:]) + 2000 if year.startswith("'") else int(year)
        return _quarter(y, q)
    if base is None:
        return None
    return _quarter(_year_of(m, mode, base, dt.date(base.year, 3 * q - 2, 1), _quarter(base.year, q).end), q)


_PERIOD_MONTHS = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "quarter": 3, "half": 6, "half year": 6,
                  "half-year": 6, "year": 12}


def _resolve_period_to(m: re.Match, base, mode):
    """The months up to a day ("the three months ending June 30"): a calendar quarter, half or year
    where it is one, else the span of months."""
    last = _resolve_date(m, base, mode)
    if last is None:
        return None
    end = last.end
    months = int(m.group("n")) if (m.group("n") or "").isdigit() else _PERIOD_MONTHS[(m.group("n") or m.group("period")).lower()]
    first = end.year * 12 + end.month - months  # the first month, counted from year 0
    start = dt.date(first // 12, first % 12 + 1, 1)
    if end.day == monthrange(end.year, end.month)[1] and end.month % months == 0 and months in (3, 6):
        return (_quarter if months == 3 else _half)(end.year, end.month // months)
    if end.day == monthrange(end.year, end.month)[1] and end.month == 12 and months == 12:
        return _year(end.year)
    granularity = "quarter" if months <= 3 else "half" if months <= 6 else "year"
    return DateRange(start, end, f"the {months} months to {days_label(end, end)}", granularity)


def _resolve_half(m: re.Match, base, mode):
    groups = m.groupdict()
    h = int(groups["h"]) if groups.get("h") else (1 if groups["hw"].lower() == "first" else 2)
    if groups.get("y"):
        return _half(int(groups["y"]), h)
    if base is None:
        return None
    return _half(_year_of(m, mode, base, dt.date(base.year, 6 * h - 5, 1), _half(base.year, h).end), h)


def _year_of(m: re.Match, mode: str, base: dt.date, start: dt.date, end: dt.date) -> int:
    """The year of a yearless quarter or half that runs from `start` to `end` in `base`'s year."""
    ahead = _ahead(m, mode)
    if ahead == "next":
        return base.year if start > base else base.year + 1
    if ahead == "coming":
        return base.year if end >= base else base.year + 1
    return base.year if start <= base else base.year - 1


def _resolve_relative_day(m: re.Match, base, mode):
    if base is None or m.group("word").isupper() and not m.string.isupper():
        return None  # "USA TODAY", "the TODAY show": a name in capitals, not a day
    word = " ".join(m.group("word").lower().split())
    offset = {"the day before yesterday": -2, "yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = base + dt.timedelta(days=offset)
    return DateRange(day, day, f"{word} ({days_label(day, day)})", "day")


def _count(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return {"a few": 3, "several": 5, "a couple of": 2}.get(text, cues.NUMBER_WORDS.get(text))


def _back(base: dt.date, unit: str, n: int) -> dt.date:
    """`n` days, weeks, months or years before `base` (month ends clamped)."""
    return base - relativedelta(**{f"{unit}s": n})


def _resolve_units_ago(m: re.Match, base, mode):
    n, unit = _count(m.group("n")), m.group("unit").lower()
    if base is None or n is None:
        return None
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    day = _back(base, unit, n)
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
    return DateRange(start, end, f"{phrase} ({days_label(start, end)})", unit)


def _resolve_past_units(m: re.Match, base, mode):
    n = _count(m.group("n")) if "n" in m.groupdict() else 1
    if base is None or n is None:
        return None
    start = _back(base, m.group("unit").lower(), n)
    phrase = " ".join(m.group(0).split())
    return DateRange(start, base, f"{phrase} ({days_label(start, base)})", "span")


# How far back from as_of a question's "recently" reaches, by the unit it names (none: "recently",
# "lately"). A reader accepts a report of a few months back as "recent" (an acquisition announced in
# April, asked about in June), not one of years back: a season keeps the years-old stories of a long
# archive out without turning away this season's.
RECENT = {"": (3, "month"), "days": (2, "week"), "weeks": (2, "month"), "months": (6, "month")}


def _resolve_recent(m: re.Match, base, mode):
    if base is None or mode != "question":
        return None  # an article's "recently" says no more than its date does
    n, unit = RECENT[(m.group("unit") or "").lower()]
    start = _back(base, unit, n)
    phrase = " ".join(m.group(0).split())
    if phrase.lower() in ("recently", "lately"):
        phrase = "the recent past"  # "they don't answer this for the recent past (…)", not "for recently"
    return DateRange(start, base, f"{phrase} ({days_label(start, base)})", "span")


def _resolve_calendar(m: re.Match, base, mode):
    if base is None:
        return None
    which, unit = m.group("which").lower(), m.group("unit").lower()
    step = {"last": -1, "previous": -1, "this": 0, "next": 1}[which]
    phrase = " ".join(m.group(0).split()).rstrip("'s’")
    if unit in ("week", "weekend"):
        if unit == "weekend" and step == 0 and mode == "evidence" and base.weekday() <= 1:
            step = -1  # a Monday's or Tuesday's report of "this weekend" tells the one just past
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=7 * step)
        start, end = (monday, monday + dt.timedelta(days=6)) if unit == "week" else \
            (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        if (unit == "week" and step == 0 and mode == "question" and not _ahead(m, mode)
                and not phrase.lower().startswith("earlier")):
            # A question's "this week" takes in the Sunday before its Monday, where weeks begin
            # on Sunday ("What country elected its leader this week?" asked on a Friday means last
            # Sunday's vote too); not last Thursday's, asked on a Monday. "Earlier this week" and
            # what is still to come keep the calendar week.
            start -= dt.timedelta(days=1)
        if phrase.lower().startswith("earlier"):
            end = base
        return DateRange(start, end, f"{phrase} ({days_label(start, end)})", "week" if unit == "week" else "span")
    if unit == "month":
        month = base + relativedelta(months=step)
        r = _month(month.year, month.month)
    elif unit == "quarter":
        index = base.year * 4 + (base.month - 1) // 3 + step
        r = _quarter(index // 4, index % 4 + 1)
    else:
        r = _year(base.year + step)
    end = base if phrase.lower().startswith("earlier") else r.end
    return DateRange(r.start, end, f"{phrase} ({r.label})", r.granularity)


_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _resolve_season(m: re.Match, base, mode):
    name = (m.group("season") or m.group("named")).lower()

    def season(year: int) -> DateRange:
        start = dt.date(year, _SEASON_STARTS[name], 1)
        end = start + relativedelta(months=3) - dt.timedelta(days=1)
        return DateRange(start, end, f"{name} {year}" + (f"–{str(end.year)[2:]}" if end.year != year else ""), "month")

    if m.group("y"):
        return season(int(m.group("y")))
    if base is None:
        return None
    which = " ".join(m.group("which").lower().split())
    instances = [season(y) for y in range(base.year - 2, base.year + 2)]
    # "This winter" is the one under way, else one ended up to four months before (said in March or
    # June), else the coming one (said in October); "last winter" the one before it, "next winter"
    # the one after it.
    current = next((i for i in instances if i.start <= base <= i.end), None)
    ended = max((i for i in instances if i.end < base), key=lambda i: i.end)
    this = current or (ended if (base - ended.end).days <= 123 else min((i for i in instances if i.start > base),
                                                                       key=lambda i: i.start))
    if which in ("last", "past"):
        r = max((i for i in instances if i.end < this.start), key=lambda i: i.end)
    elif which == "next":
        r = min((i for i in instances if i.start > this.end), key=lambda i: i.start)
    else:
        r = this
    end = base if which.startswith("earlier") else r.end
    phrase = " ".join(m.group(0).split())
    return DateRange(r.start, end, f"{phrase} ({r.label_at('month')})", "month")


# "the Saturday" is a day of some event the question names, not the last Saturday before it was asked.
_AN_EVENTS_DAY = re.compile(r"\bthe\s+$", re.IGNORECASE)

_REPORTED_ON = re.compile(r"\b(?:said|says|reported|announced|confirmed|told|added|stated|according to \w+(?: \w+)?)"
                          r"\s+(?:on\s+)?$", re.IGNORECASE)


def _resolve_weekday(m: re.Match, base, mode):
    if base is None:
        return None
    if mode == "question" and _AN_EVENTS_DAY.search(m.string, 0, m.start()):
        return None  # "the Saturday night of the 51st festival", "closed it on the Sunday": no calendar day
    which = _which(m)
    target = cues.WEEKDAYS[m.group("wd").lower()]
    back = (base.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    if which == "this":
        day = base - dt.timedelta(days=base.weekday()) + dt.timedelta(days=target)
    elif which == "next" or which in ("coming", "upcoming") and mode == "evidence":
        # An article's "next Friday" or "the coming Friday" is after its publication day.
        day = base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)
    elif _ahead(m, mode) == "coming":
        day = base + dt.timedelta(days=(target - base.weekday()) % 7)
    elif mode == "evidence" and which in ("", "on") and _told_as_coming(m.string, m.span()):
        # "United will face the champions on Saturday" in a Wednesday's article: the coming Saturday.
        day = base + dt.timedelta(days=(target - base.weekday()) % 7)
    elif mode == "evidence" and back == 6 and which in ("", "on") and _REPORTED_ON.search(m.string, 0, m.start()):
        # "State media said on Thursday …" in a Wednesday's article: the report came from a time
        # zone ahead of where the article was dated, the day after; a bare weekday of what was
        # done ("cut its rate on Thursday") is the past week's.
        day = base + dt.timedelta(days=1)
    else:
        day = base - dt.timedelta(days=back)
    # "last Friday", "since Monday"; not "of Tuesday's" ("the broadcast of Tuesday's debate").
    said = which if which in ("last", "this", "next", "since", "coming", "upcoming") else ""
    phrase = re.sub(r"['’]s$", "", " ".join(f"{said} {m.group(0)}".split()))
    if which == "since":
        return DateRange(day, base, f"{phrase} ({days_label(day, base)})", "span")
    return DateRange(day, day, f"{phrase} ({days_label(day, day)})", "day")


def _resolve_year_part(m: re.Match, base, mode):
    year = int(m.group("y"))
    if mode == "evidence":  # "pushed back to 2024 from the end of 2023": read as its year, as ever
        return _year(year)
    part = (m.group("part") or m.group("rough")).lower()
    months = (1, 1) if part in ("start", "beginning") else (12, 12) if part in ("end", "close") else \
        (1, 3) if part == "early" else (10, 12)
    return DateRange(dt.date(year, months[0], 1), dt.date(year, months[1], monthrange(year, months[1])[1]),
                     " ".join(m.group(0).split()), "month" if months[0] == months[1] else "quarter")


def _resolve_month_part(m: re.Match, base, mode):
    month = _month_number(m)
    if month is None:
        return None
    whole = _month(int(m.group("y")), month)
    if mode == "evidence":  # what is said of a month's start is read as of its month, as ever
        return whole
    part = (m.group("part") or m.group("rough")).lower()
    last = whole.end.day
    days = (1, 10) if part in ("start", "beginning", "early") else (21, last) if part in ("end", "close", "late") \
        else (11, 20)
    return DateRange(whole.start.replace(day=days[0]), whole.start.replace(day=days[1]), " ".join(m.group(0).split()),
                     "span")


def of_its_whole(time: DateRange) -> DateRange:
    """A part of a year ("the start of 2023", "late 2022", `TIME_PATTERNS` "year_part") as its whole
    year, a part of a month ("the beginning of September 2024", "month_part") as its whole month,
    other times as they are: what is said of a period's start is often told later in it ("Lee, who
    had been finance minister since 2019", in a report of her successor), so evidence is asked of the
    whole; the day a holder or level is asked of is the part's (`QuestionConstraints.held_at`,
    `level_at`)."""
    if _MONTH_PART.fullmatch(time.label):
        whole = _month(time.start.year, time.start.month)
        return DateRange(whole.start, whole.end, time.label, "month")
    if _YEAR_PART.fullmatch(time.label):
        return DateRange(dt.date(time.start.year, 1, 1), dt.date(time.start.year, 12, 31), time.label, "year")
    return time


_YEAR_PART = re.compile(r"(?:the\s+(?:start|beginning|end|close)\s+of|early|late)[\s-]+\d{4}", re.IGNORECASE)
_MONTH_PART = re.compile(r"(?:the\s+(?:start|beginning|end|close|middle)\s+of|early|late|mid)[\s-]+[a-z]+\.?,?\s+(?:of\s+)?\d{4}",
                         re.IGNORECASE)


def is_period_part(time: DateRange) -> bool:
    """A part of a year or of a month asked as its whole (`of_its_whole`): "the start of 2024", "late
    2022", "the beginning of September 2024"."""
    return _YEAR_PART.fullmatch(time.label) is not None or _MONTH_PART.fullmatch(time.label) is not None


_RESOLVERS = {
    "date": _resolve_date, "month": _resolve_month, "year": _resolve_year, "year_range": _resolve_year_range,
    "since_year": _resolve_since_year, "decade": _resolve_decade, "century": _resolve_century, "quarter": _resolve_quarter,
    "half": _resolve_half, "period_to": _resolve_period_to, "season": _resolve_season, "relative_day": _resolve_relative_day, "units_ago": _resolve_units_ago,
    "past_units": _resolve_past_units, "past_unit": _resolve_past_units, "calendar": _resolve_calendar, "recent": _resolve_recent,
    "weekday": _resolve_weekday, "year_part": _resolve_year_part, "month_part": _resolve_month_part,
}
assert {p.kind for p in cues.TIME_PATTERNS + cues.HISTORIC_TIMES} <= set(_RESOLVERS), "a time pattern has no resolver"


# ----- ranges and their labels -----------------------------------------------------------------------


def _day(d: dt.date) -> DateRange:
    return DateRange(d, d, days_label(d, d), "day")


def _month(year: int, month: int) -> DateRange:
    return DateRange(dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1]),
                     f"{cues.MONTH_NAMES[month - 1]} {year}", "month")


def _quarter(year: int, q: int) -> DateRange:
    end_month = 3 * q
    return DateRange(dt.date(year, end_month - 2, 1), dt.date(year, end_month, monthrange(year, end_month)[1]),
                     f"Q{q} {year}", "quarter")


def _half(year: int, h: int) -> DateRange:
    return DateRange(dt.date(year, 6 * h - 5, 1), dt.date(year, 6 * h, 30 if h == 1 else 31), f"H{h} {year}", "half")


def _year(year: int) -> DateRange:
    return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year), "year")


def _month_label(d: dt.date) -> str:
    return f"{cues.MONTH_NAMES[d.month - 1]} {d.year}"


def _span_label(first: int, last: int, name) -> str:
    return name(first) if first == last else f"{name(first)}–{name(last)}"

"""The cue words and patterns a question (and the evidence checked against it) is read with, as data.

Written for news in general: calendar words, generic time codes ("Q1", "H2"), function words and
personal titles only; no name of any place, person or outlet. Every row of every table has a test
in `tests/test_question_tables.py` (a row without one fails the suite). The calendar's names are
defined here once; every other module that needs a month or weekday name takes it from here.

Time patterns are tried in order; a later pattern never re-reads text an earlier one consumed, so
"3 March 2024" is one day, not also a month and a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _char_class(test, top: int = 0xFFFF) -> str:
    """The body of a regex character class holding every character up to `top` (the Basic
    Multilingual Plane: every script's letters) that `test` accepts, as ranges."""
    parts, start = [], None
    for code in range(top + 2):
        ok = code <= top and test(chr(code))
        if ok and start is None:
            start = code
        elif not ok and start is not None:
            first, last = re.escape(chr(start)), re.escape(chr(code - 1))
            parts.append(first if start == code - 1 else f"{first}-{last}")
            start = None
    return "".join(parts)


# Any capital letter, not only A-Z: names begin with "Ø", "É" or "Ł" as well ("Øresund Bridge").
# Patterns that look for a name use it where they would write [A-Z] (inside `(?-i:…)` when the
# pattern ignores case).
UPPER = f"[{_char_class(str.isupper)}]"

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Every way a month is written (full names and short forms, lower case) → its number.
MONTHS: dict[str, int] = {
    **{name.lower(): n for n, name in enumerate(MONTH_NAMES, start=1)},
    **{short: n for short, n in (("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
                                 ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12))},
}
# Month names that are also everyday words ("may", "march"), plus the short forms: alone they count
# as a month only when capitalised and next to a time preposition or a day/year.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "jul", "aug", "sep", "sept", "oct",
                              "nov", "dec", "feb", "apr"})
WEEKDAYS: dict[str, int] = {name.lower(): n for n, name in enumerate(WEEKDAY_NAMES)}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
# Tens a question's figures are not read in, but an article's figures in words are ("sixty-two").
LATER_TENS: dict[str, int] = {"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}
QUARTER_WORDS: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                                 "fourth": 4, "4th": 4, "final": 4}

# "first" is so often "for the first time" / "first began" that it constrains only when it counts
# one of these (a round, a leg, a term …); the other ordinals constrain wherever they appear.
COUNTED_NOUNS = frozenset("""
    round rounds leg legs game games match matches test tests stage stages set sets term terms day
    days week weeks innings race races heat heats phase phases wave waves reading readings vote votes
    ballot ballots debate debates half season seasons edition editions semi-final semifinal
    quarter-final quarterfinal final tier level place time times lap laps episode episodes
""".split())

# Capitalised words that are not names: question words, auxiliaries, pronouns, determiners and the
# other function words a question may start with or capitalise.
NOT_NAMES = frozenset("""
    who whom whose what which when where why how did does do done is are was were be been being has
    have had will would can could should shall may might must the a an in on at of for and or but
    if to from with by about as into over after before since during between until than then there
    this that these those it its they them their he she him his her hers i me my we us our you your
    tell list name give show describe explain summarise summarize compare according please ok okay
    yes no not any some all each every both either neither other another also just only so such
    here now today yesterday tomorrow last next latest recent current currently still new old
    gdp cpi ceo cfo coo cto ceos cfos ai tv pm am faq
""".split()) | {name.lower() for name in MONTH_NAMES + WEEKDAY_NAMES}

# Personal titles dropped from the front of a name: "President Keller" is matched as "Keller",
# and "the Prime Minister" alone is no name at all.
TITLE_WORDS = frozenset("""
    president vice prime minister chancellor premier king queen prince princess sir dame lord lady
    dr doctor mr mrs ms miss mx prof professor general gen colonel col captain capt major lieutenant
    lt sergeant sgt commander admiral coach judge justice senator sen representative rep governor
    gov mayor secretary chief chairman chairwoman chair spokesman spokeswoman spokesperson
    ambassador pope cardinal bishop archbishop rabbi imam sheikh emir sultan
    deputy foreign interior defence defense finance health home state
    mp mps mep meps msp mla congressman congresswoman peer
""".split())

# Callings that open a question's sentence before a name ("Actor Tom Hale, who …"): dropped only
# there, as many are surnames or words of names too ("Bryan Singer", "the Producer Price Index").
CALLINGS = frozenset("""
    actor actress singer rapper author novelist poet director filmmaker producer comedian chef designer
    artist musician composer journalist presenter broadcaster billionaire businessman businesswoman
    entrepreneur founder ceo striker goalkeeper midfielder defender quarterback pitcher
""".split())

# Words written with a full stop that ends no sentence ("Mr. Okoro", "Rep. Lee", "Jan. 6").
ABBREVIATIONS = frozenset("""
    mr mrs ms dr st jr sr mt no vs rep sen gov gen col lt sgt capt prof inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Lower-case words that may sit inside a name: "Bank of England"-style names keep their "of".
NAME_CONNECTORS = frozenset("of de del della da di du van von der den la le al el bin bint ibn y".split())

MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_ALT = "|".join(WEEKDAYS)
# A year of news, 1800–2099 (also what a figure question reads as no count: `tables.kinds`, `extractive`).
YEAR = r"(?:1[89]\d\d|20\d\d)"
# In a full date ("7 October 1571") a year of any century is a year, not a count.
_DATE_YEAR = r"(?:1\d\d\d|20\d\d)"
_NUMBER_WORD_ALT = "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))
_COUNT = rf"(?:\d{{1,3}}|a|an|{_NUMBER_WORD_ALT}|a\s+few|several|a\s+couple\s+of)"


@dataclass(frozen=True)
class TimePattern:
    """One way a time is written; `kind` names how `rag.question.times` turns a match into dates."""

    name: str
    kind: str
    regex: re.Pattern
    # What a text must contain for the pattern to be worth running (a cheap word-set test, so a
    # sentence costs microseconds): "#digit", "#month", "#weekday", or words joined by "|".
    needs: tuple[str, ...] = ()


def _time(name: str, kind: str, pattern: str, flags: int = re.IGNORECASE, needs: tuple[str, ...] = ()) -> TimePattern:
    return TimePattern(name, kind, re.compile(pattern, flags), needs)


# A question's "recently" (not "most recently": the latest), "lately", "in recent weeks": a window
# back from as_of (`rag.question.times.RECENT`); in evidence no time of its own. An adverb: no event
# follows it ("recently announced" names no "announced" event).
RECENTLY = re.compile(r"(?<!\bmost\s)\b(?:recently|lately|(?:in|over)\s+recent\s+(?P<unit>days|weeks|months))\b",
                      re.IGNORECASE)

TIME_PATTERNS: tuple[TimePattern, ...] = (
    # "the three months ending June 30", "the quarter ended Sept. 30": the period, not its last day.
    _time("period_to", "period_to",
          rf"\b(?:(?P<n>three|six|nine|twelve|3|6|9|12)\s+months|(?:fiscal\s+|financial\s+)?(?P<period>quarter|half[-\s]year|"
          rf"half|year))\s+(?:ending|ended|to|through)\s+(?=[adfjmnos])(?P<month>{MONTH_ALT})\.?\s+"
          rf"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_DATE_YEAR}))?\b", needs=('#digit', '#month')),
    _time("iso_date", "date", rf"\b(?P<y>{_DATE_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b", needs=('#digit',)),
    _time("month_day_year", "date",
          rf"\b(?=[adfjmnos])(?P<month>{MONTH_ALT})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+(?P<y>{_DATE_YEAR})\b", needs=('#digit', '#month')),
    _time("day_month_year", "date",
          rf"\b(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_ALT})\.?,?\s+(?P<y>{_DATE_YEAR})\b", needs=('#digit', '#month')),
    _time("year_range", "year_range",
          rf"\b(?P<y1>{YEAR})\s*(?:-|–|—|/|\bto\b)\s*(?P<y2>{YEAR}|\d\d)\b(?![-/]\d)", needs=('#digit',)),
    _time("between_years", "year_range", rf"\bbetween\s+(?P<y1>{YEAR})\s+and\s+(?P<y2>{YEAR})\b", needs=('#digit', 'between')),
    # "since 2020", "since the 2020 election": from that year on.
    _time("since_year", "since_year", rf"\bsince\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<y>{YEAR})\b(?!\s*[-–])", needs=('#digit', 'since')),
    _time("decade", "decade", r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b", needs=('#digit',)),
    _time("year_quarter_code", "quarter", rf"\b(?P<y>{YEAR})\s*Q(?P<q>[1-4])\b", needs=('#digit',)),
    _time("quarter_code", "quarter", rf"\bQ(?P<q>[1-4])(?:\s*(?:of\s+)?(?:FY\s*)?(?P<y>{YEAR}|'\d\d))?\b", needs=('#digit',)),
    _time("year_quarter_words", "quarter",
          rf"\b(?P<y>{YEAR})(?:'s|’s)?\s+(?P<qw>first|second|third|fourth|final|1st|2nd|3rd|4th)[-\s]quarter\b(?!-)", needs=('#digit', 'quarter')),
    _time("quarter_words", "quarter",
          rf"\b(?P<qw>first|second|third|fourth|final|1st|2nd|3rd|4th)[-\s]quarter\b(?!-)"
          rf"(?:,?\s+(?:of\s+|in\s+)?(?:fiscal\s+)?(?P<y>{YEAR}))?", needs=('quarter',)),
    _time("half_code", "half", rf"\bH(?P<h>[12])(?:\s*(?P<y>{YEAR}))?\b", 0, needs=('#digit',)),
    # Without a year "the second half" is usually a match half, so a year is required.
    _time("half_words", "half", rf"\b(?P<hw>first|second)[-\s]half\s+(?:of\s+|in\s+)?(?P<y>{YEAR})\b", needs=('#digit', 'half')),
    # "at the start of 2023" (its January), "the end of 2022" (its December), "early 2023" (its first
    # quarter), "late 2022" (its last).
    _time("year_part", "year_part",
          rf"\b(?:the\s+(?P<part>start|beginning|end|close)\s+of\s+|(?P<rough>early|late)[\s-]+)(?P<y>{YEAR})\b(?!\s*[-–/]\s*\d)",
          needs=('#digit', 'start|beginning|end|close|early|late')),
    # "at the beginning of September 2024" (its first ten days), "mid-March 2023", "late July 2022".
    _time("month_part", "month_part",
          rf"\b(?:the\s+(?P<part>start|beginning|end|close|middle)\s+of\s+|(?P<rough>early|late|mid)[\s-]+)"
          rf"(?=[adfjmnos])(?P<month>{MONTH_ALT})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})\b",
          needs=('#digit', '#month', 'start|beginning|end|close|middle|early|late|mid')),
    _time("month_year", "month", rf"\b(?=[adfjmnos])(?P<month>{MONTH_ALT})\.?,?\s+(?:of\s+)?(?P<y>{YEAR})\b", needs=('#digit', '#month')),
    _time("month_day", "date", rf"\b(?=[adfjmnos])(?P<month>{MONTH_ALT})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b(?![:.,]?\d)", needs=('#digit', '#month')),
    _time("day_month", "date", rf"\b(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_ALT})\b\.?", needs=('#digit', '#month')),
    _time("relative_day", "relative_day",
          r"\b(?P<word>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|"
          r"this\s+(?:morning|afternoon|evening))\b", needs=('yesterday|today|tonight|tomorrow|morning|afternoon|evening',)),
    _time("units_ago", "units_ago", rf"\b(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year|fortnight)s?\s+ago\b", needs=('ago',)),
    _time("past_units", "past_units",
          rf"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last|previous)\s+(?P<n>{_COUNT})\s+(?P<unit>day|week|month|year)s?\b", needs=('past|last|previous',)),
    _time("past_unit", "past_unit", r"\b(?:(?:in\s+|over\s+|during\s+)?the\s+(?:past|last)|this\s+past)\s+(?P<unit>day|week|month|year)\b",
          needs=('past|last',)),
    _time("recently", "recent", RECENTLY.pattern, needs=('recently|lately|recent',)),
    # A season, northern (meteorological): "this summer" is June–August, "winter 2023" December
    # 2023 – February 2024. Not "the last fall in prices".
    _time("season", "season",
          rf"\b(?:(?P<which>earlier\s+this|this|last|next|past)\s+(?P<season>spring|summer|autumn|winter|fall(?!\s+(?:in|of|on|to|by)\b))\b"
          rf"|(?:the\s+)?(?P<named>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>{YEAR})\b)",
          needs=('spring|summer|autumn|fall|winter',)),
    _time("earlier_this", "calendar", r"\bearlier\s+(?P<which>this)\s+(?P<unit>week|month|year)\b", needs=('earlier',)),
    _time("this_last_next", "calendar",
          r"\b(?P<which>last|this|next|previous)\s+(?P<unit>week(?:end)?|month|year|quarter)(?:'s|’s)?\b", needs=('last|this|next|previous',)),
    _time("weekday", "weekday", rf"\b(?=[fmstw])(?P<wd>{WEEKDAY_ALT})(?:'s|’s)?\b", needs=('#weekday',)),
    _time("month_alone", "month", rf"\b(?=[adfjmnos])(?P<month>{MONTH_ALT})\b(?!\.?\s*\d)", needs=('#month',)),
    _time("year", "year",
          rf"(?<![\w$£€¥.,/-])(?P<y>{YEAR})(?:'s|’s)?(?![\w%,.-]\d|\d|\s*(?:%|per\s*cent|percent))\b", needs=('#digit',)),
)

# Older times `rag.question.times.stated_times` also reads in evidence, to place an event a question's
# "before/after <event>" condition names: a century ("the early 16th century"), and a year before
# 1800 after a preposition and before punctuation or a function word ("founded in 1779, …"), where
# a bare four-digit figure is more often a count ("1500 soldiers").
_ORDINAL_ALT = "|".join(ORDINAL_WORDS)
HISTORIC_TIMES: tuple[TimePattern, ...] = (
    _time("century", "century",
          rf"\b(?:(?:early|mid|late)[\s-]+)?(?:(?P<n>[1-9]|1\d|2[01])(?:st|nd|rd|th)|(?P<w>{_ORDINAL_ALT}))[\s-]+century\b",
          needs=('century',)),
    _time("old_year", "year",
          r"\b(?:in|since|by|from|until|till|before|after|around|circa)\s+(?P<y>1[0-7]\d\d)\b(?![\w%.,-]\d|\s*[-–])"
          r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|but|when|by|to|as|at|on|in|of|with|for|until|after|before|under|the|"
          r"a|an|he|she|it|they|which|who|that|was|were|is|are)\b)", needs=('#digit',)),
)

# The word before a month or weekday that says which one ("last March", "since Monday", "the
# coming July 29").
WHEN_PREFIX = re.compile(
    r"\b(?P<which>in|during|since|by|until|till|from|through|of|early|late|mid|last|this|next|on|coming|upcoming)"
    r"[\s-]+(?:the\s+)?$", re.IGNORECASE)

# A question asks for the current state: prefer the newest evidence (relative to as_of).
LATEST_CUES: dict[str, re.Pattern] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "latest": r"\blatest\b",
        "most_recent": r"\b(?:most\s+recent(?:ly)?|newest|last\s+known)\b",
        "now": r"\b(?:now|right\s+now|as\s+of\s+now|at\s+present|presently|nowadays)\b",
        "currently": r"\b(?:current(?:ly)?)\b",
        # "Who's managing the club at the moment?", "What is a fare these days?"; not "at the moment
        # the fire broke out", "at this point last year".
        "at_the_moment": r"\b(?:(?:at\s+the\s+moment|at\s+this\s+(?:point|stage))(?!\s+(?:of|when|that|the|it|he|she|they|we|"
                         r"a|an|last|in|on)\b)|these\s+days|as\s+(?:things|it)\s+stands?|for\s+the\s+time\s+being)\b",
        "so_far": r"\b(?:so\s+far|to\s+date|as\s+of\s+(?:today|yet)|thus\s+far|up\s+to\s+now)\b",
        # "Who is the reigning national chess champion?": the title's latest holder.
        "reigning": r"\b(?:is|are)\s+(?:the\s+)?(?:reigning|defending)\s+(?:[a-z-]+\s+){0,3}?"
                    r"(?:champions?|title-?holders?|holders?)\b",
        # "What is the festival's attendance record?", "Who holds the course record?": a record stands
        # until the newest one beats it. Not "on the record", a record label or deal. The cue is the
        # verb alone (the rest a lookahead): its match's words are no part of what is asked.
        "record": r"(?:\b(?:is|are|(?:what|who|which|that|it)['’]s)|\bholds?)\b(?=\s+(?:[\w.&'’-]+\s+){0,6}?(?<!\bon\sthe\s)(?<!\boff\sthe\s)"
                  r"record\b(?![\s-]*(?:label|compan(?:y|ies)|deal|player|shop|store|collection|producer|book|keeping|"
                  r"break\w*|number|straight)))",
        "still": r"\bstill\b",
        "yet": r"\b(?:has|have)\b.*\byet\b",
        "updated": r"\b(?:updated|revised)\s+(?:[a-z-]+\s+)?(?:toll|figure|count|tally|number|estimate)s?\b",
        # "the final death toll", "the storm's final tally": the last figure reported. Not "final"
        # as a noun or in a name ("the cup final", "the Final Four").
        "final": r"(?:\b(?:the|its|their|a)|['’]s)\s+(?-i:final)\s+(?:[a-z-]+\s+)?"
                 r"(?:toll|tally|count|figures?|numbers?|results?|estimates?)\b",
    }.items()
}

# A post as a question names it after "who is/was" ("the club's manager", "Norland's finance
# minister"); not "club manager <name>": who a named person is.
_THE_POST = (
    r"(?:(?:the|its|their|[\w.&-]+(?:['’]s?)?)\s+){0,4}?(?:[\w-]+\s+){0,3}?(?:manager|coach|head\s+coach|chief\s+executive|"
    r"ceo|chief|head|president|chair(?:man|woman|person)?|mayor|governor|captain|director|editor|leader|boss|"
    r"conductor|minister|secretary|speaker|principal|commissioner|premier|chancellor|vice-chancellor)\b"
    r"(?!\s+(?-i:[A-Z][a-z]))")

# A question asking who holds a post, in the present tense and at no other time ("Who's the club's
# manager?", "Who runs the port authority?"): asked of the state as of its day, as "now" is. Not who
# did something ("Who is the manager who replaced Lee?"), was ("Who was in charge in 2022?") or is
# described ("Who is the former chief executive jailed for fraud?").
HOLDER_NOW = re.compile(
    r"^(?!.*\b(?:was|were|did|had|been|before|after|until|when|replaced|succeeded|sacked|fired|appointed|former|ex|"
    r"previous|past|first|founding|original|late|outgoing|jailed|convicted|charged|accused|arrested)\b)"
    r"\W*(?:and\s+|so\s+|ok\s+)?who(?:(?:['’]s|\s+is|\s+are)\s+(?:in\s+charge\s+(?:of|at)\b|" + _THE_POST + r")|"
    r"\s+(?:runs|leads|heads|manages|coaches|chairs|captains|governs|conducts)\b)"
    r"(?!.*\b(?:who|whom|that|which)\b)",
    re.IGNORECASE)

# A question asking who held a post at a past time ("Who was the club's manager in 2022?", "Who
# was running the port authority in January 2023?", "Who coached the side during the 2021-22
# season?", "Who was education minister when the strikes began in January 2023?"): who the changes
# reported by then left in it, as of a day within that time
# (`QuestionConstraints.held_at`). Not who took or left it then ("Who was appointed manager in
# 2022?"), a first, interim or former holder, or who a named person was.
HOLDER_THEN = re.compile(
    r"^(?!.*\b(?:before|after|until|replaced|succeeded|sacked|fired|appointed|named|elected|chosen|hired|"
    r"resigned|quit|left|first|founding|original|outgoing|former|interim|acting|caretaker|jailed|convicted|charged|"
    r"accused|arrested|between|since|from)\b)"
    r"\W*(?:and\s+|so\s+)?who(?:(?:['’]s|\s+(?:is|was|were))\s+(?:(?:running|leading|heading|managing|coaching)\b|"
    r"in\s+charge\s+(?:of|at)\b|" + _THE_POST + r")|"
    r"\s+(?:managed|coached|chaired|captained|governed)\s+(?!to\b))"  # not "led the league", "ran the race"
    r"(?!.*\b(?:who|whom|that|which)\b)",
    re.IGNORECASE)

# A question asking what a level set by decision was at a past time ("What was the central bank's
# main interest rate in March 2023?", "what was the price cap in january 2023", "how much was a
# single fare in June 2023"): the decision in force then answers, where no report of that time gives
# it (`QuestionConstraints.level_at`). Not a figure of a period, which is measured after it ("What
# was inflation in March?"), nor one that changed ("How much was the rate raised in March?", "What did
# the bank move its rate to in June?").
LEVEL_THEN = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:what\s+(?:was|were)|how\s+much\s+(?:was|were|did))\s+(?:the\s+|a\s+|an\s+)?(?:[\w.&’'-]+\s+){0,5}?(?:(?:interest|policy|base|"
    r"bank|key|lending|deposit|tax|vat|mortgage)\s+rate|rate\s+of\s+interest|price\s+cap|cap|fare|toll|tariff|levy|"
    r"fee|minimum\s+wage|(?:cost\s+)?estimate|estimated\s+(?:cost|price|bill)|budget|target|forecast|(?:pay\s+)?offer)s?\b"
    r"(?!.*\b(?:raised|cut|lowered|increased|reduced|changed|rise|fall|by\s+how\s+much)\b)"
    # an estimate asked by its verb ("What was the tunnel expected to cost at the start of 2023?")
    r"|^\W*(?:and\s+|so\s+)?(?:what|how\s+much)\s+(?:was|were)\s+(?:[\w.&’'-]+\s+){1,6}?"
    r"(?:expected|projected|estimated|forecast)\s+to\s+cost\b"
    # an offer standing then ("What were teachers being offered in March 2023?", "What was the bidder
    # offering per share at the beginning of September 2024?")
    r"|^\W*(?:and\s+|so\s+)?what\s+(?:was|were)\s+(?:[\w.&’'-]+\s+){1,4}?(?:being\s+offered|offering)\b",
    re.IGNORECASE)

# A question asks how something unfolded: answer with a dated timeline, oldest first.
TIMELINE_CUES: dict[str, re.Pattern] = {
    name: re.compile(pattern, re.IGNORECASE) for name, pattern in {
        "happened_after": r"\bwhat\s+(?:has\s+)?happened\s+(?:after|since|next|following)\b",
        "how_change": r"\bhow\s+(?:did|has|have|do|does)\b.*\b(?:change|changed|evolve|evolved|develop|developed|"
                      r"unfold|unfolded|progress|progressed|shift|shifted|widen|widened|expand|expanded|escalate|escalated|"
                      r"deepen|deepened)\b",
        # A figure's course ("How did the death toll rise?"), not the manner of an event ("How did
        # the government fall?").
        "figure_course": r"\bhow\s+(?:did|has|have|do|does)\b.*\b(?:jackpot|toll|prices?|rates?|number|count|tally|"
                         r"total|cases|deaths|costs?|inflation|unemployment|levels?|figures?|sales|revenue|profits?|"
                         r"population|turnout|debt|deficit|bottom\s+line)\b.*\b(?:grow|grew|grown|rise|rose|risen|fall|fell|fallen|"
                         r"climb|climbed|increase|increased|decrease|decreased|move|moved)\b",
        # The steps a figure was moved by ("How has the central bank raised rates this year?").
        "figure_steps": r"\bhow\s+(?:has|have)\b[^?]*\b(?:raised|hiked|lifted|cut|lowered|increased|reduced)\s+"
                        r"(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:rates?|prices?|fares?|tax(?:es)?|tariffs?|wages)\b",
        "timeline": r"\b(?:timeline|chronology|sequence\s+of\s+events|chain\s+of\s+events)\b",
        "since_then": r"\bsince\s+then\b",
        "over_time": r"\bover\s+(?:time|the\s+(?:years|months|weeks|days))\b",
        "developments": r"\b(?:developments|step\s+by\s+step|day\s+by\s+day|what\s+led\s+up\s+to)\b",
        # The steps of a story asked by name ("What were the stages of the case?", "the key dates").
        "stages": r"\b(?:stages|(?:at|in)\s+(?:each|every)\s+stage|milestones|key\s+(?:dates|moments|events|steps))\b",
        # Holders or instances listed in turn ("List the club's managers in order"); not a purpose
        # ("in order to").
        "in_order": r"\bin\s+(?:chronological\s+)?order\b(?!\s+(?:to|for|that)\b)",
        # Who has won of late ("Who has won the tour in recent years?", "over the past five seasons").
        # A title or an event won (not "won praise"), not "the most".
        "recent_winners": r"\b(?:who|which\s+[\w-]+)\s+(?:(?:has|have)\s+)?won\s+(?!(?:the\s+)?(?:most|more|praise|support|"
                          r"approval|backing|acclaim|plaudits|respect|favou?r|hearts?|votes?|seats?|over)\b)[^?]*\b"
                          r"(?:in\s+recent\s+(?:years|seasons|editions)|(?:in|over)\s+the\s+(?:last|past)\s+(?:few\s+|several\s+|\w+\s+)?"
                          r"(?:years|seasons|editions|decade)|in\s+each\s+of\s+the\s+(?:last|past)\s+\w+\s+(?:years|seasons|editions))\b",
        # Each edition's outcome since a time ("Who has won the cup each year since 2019?").
        "each_edition": r"\b(?:each|every)\s+(?:year|season|edition|time)\s+(?:since|from)\b|\b(?:year|season)\s+by\s+"
                        r"(?:year|season)\b",
        # Each instance in turn: "flight by flight", "game by game", "quarter by quarter"; not a
        # manner ("side by side", "one by one", "case by case").
        "one_by_one": r"\b(?!(?:side|one|two|little|bit|case|hand|face|head|door|word|line|point|piece|person|"
                      r"inch|drop|brick|stone)\b)([a-z]{3,})\s+by\s+\1\b",
        # The course of a thing since a time or an event ("How has the government come together since
        # the election?", "How has the club fared since May?"); not "How long/many/much …".
        "how_since": r"\bhow\s+(?:has|have)\b[^?]*\bsince\b",
        # Told to follow a course ("Trace the death toll estimates", "Walk me through the rate rises").
        "trace": r"^\W*(?:please\s+)?(?:trace|track|chart|recount|walk\s+(?:me|us)\s+through)\b",
        # What happened over a period ("What happened between March 2022 and June 2023?") or between two
        # events ("What happened at the carmaker between the recall and the new chief's appointment?");
        # not between people or parties ("What happened between the two leaders?", "between the
        # company and its workers").
        "happened_between": r"\bwhat\s+(?:has\s+)?happened\s+(?:(?:to|at|in|with)\s+[^?]{1,60}?\s+)?between\s+"
                            r"(?:(?:[a-z]+\s+){0,2}\d{4}\b|(?:the\s+|its\s+|his\s+|her\s+|their\s+)?(?:[\w’'-]+\s+){0,3}?"
                            r"(?:\w+(?:tion|sion|ment|ure)|recall|strike|deal|vote|crash|launch|merger|ban|fire|attack|raid|"
                            r"storm|war|ruling|verdict|collapse|sale|takeover|summit|final|race|election|resignation|"
                            r"appointment|approval|arrest|trial|outbreak|sacking|firing|dismissal|removal|arrival|"
                            r"departure|exit|death|victory|defeat|opening|closure|founding|debut|return)s?\s+and\b"
                            # an event told by whom it befell: "between Lee's sacking and Roe's arrival",
                            # "between Lee being charged and the verdict"
                            r"|(?-i:[A-Z])[\w-]*(?:['’]s?\s+[a-z]+|\s+being\s+[a-z]+)\s+and\b)",
        # Who has held a post since a time, or when its holder changed ("Who has led the authority
        # since 2021 and when did it change?").
        "holders_since": r"\bwho\s+(?:has|have)\s+(?:held|led|run|headed|managed|coached|chaired|captained|governed)\b"
                         r"[^?]*\bsince\b|\bwhen\s+did\s+(?:it|that|the\s+\w+)\s+change\b",
        # Every winner or holder listed ("List the Gold Cup winners", "Name the champions").
        "list_winners": r"^\W*(?:please\s+)?(?:list|name)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,4}?"
                        r"(?:winners|champions|title-?holders|holders|recipients|laureates)\b",
        # How often, and when ("How many times has the cap been cut, and when?").
        "times_and_when": r"\bhow\s+(?:many\s+times|often)\b[^?]*\band\s+when\b",
        # A story's past asked whole ("Give me the history of the firm's chief executives").
        "history": r"\b(?:the\s+|a\s+|its\s+|their\s+)?history\s+of\b(?!\s+(?:the\s+)?(?:region|country|city|town|area|building|site)\b)",
        # The steps so far, or up to a time ("price cap changes so far?", "what happened up to mid-2023",
        # "what were the numbers up to 2022?").
        # … or since a time ("What leadership changes has the broadcaster had since 2022?").
        "so_far": r"\b(?:changes|moves|steps|numbers|figures)\b[^?]*\b(?:so\s+far|up\s+to|until|to\s+date)\b"
                  r"|\bwhat\s+(?:[\w-]+\s+){0,2}(?:changes|moves|steps|revisions)\b[^?]*\bsince\b"
                  r"|\bwhat\s+(?:has\s+)?happened\b[^?]*\b(?:up\s+to|so\s+far|to\s+date)\b",
    }.items()
}

# Bodies that decide, vote or rule ("What did the council approve?"): a sentence whose subject is
# another body doing such an act ("The hospital board on Thursday approved …") and that does not
# name the asked one answers for that other body, however near its words and day. Asked by the
# body's word in the sentence that asks (a board as in "the school board", not "on board the
# ferry"); told by its word or its members ("councillors", "justices"). A body named in passing
# ("a former chair of parliament's energy committee", "settled out of court") is no rival.
BODIES: dict[str, tuple[re.Pattern, re.Pattern]] = {
    name: (re.compile(asked, re.IGNORECASE), re.compile(told, re.IGNORECASE)) for name, (asked, told) in {
        "council": (r"\bcouncil\b", r"\bcouncil(?:s|lors?|men|women|\s+members?)?\b"),
        "board": (r"\b(?:the|its|a|their)\s+(?:[\w'’-]+\s+){0,2}board\b(?!\s+(?:the|a|an)\b)",
                  r"\bboard\b(?!\s+(?:the|a|an)\b)"),
        "court": (r"\bcourt\b", r"\bcourts?\b|\bjustices\b"),  # not "judge", a verb too
        "committee": (r"\bcommittee\b", r"\bcommittees?\b"),
        "parliament": (r"\b(?:parliament|assembly|senate|legislature|lawmakers|legislators|mps)\b",
                       r"\b(?:parliament|assembly|senate|legislature|lawmakers|legislators|mps|senators)\b"),
    }.items()
}


def body_label(name: str) -> str:
    """How a reply and a violation name an asked body (`BODIES`): "the council"."""
    return f"the {name}"


# Another body as the subject of a decision: named in the sentence's first words, no preposition
# before it ("a plan for a food court" is no court), then deciding in the same clause.
BODY_ACTS: dict[str, re.Pattern] = {
    name: re.compile(rf"^\W*(?:(?!(?:for|of|in|on|at|to|from|with|by|about|over|after|against|than|into)\b)"
                     rf"[\w’'.-]+,?\s+){{0,6}}?(?:{told.pattern})[^.;:!?]{{0,80}}?\b"
                     r"(?:approv|vot|agree|decid|rul|pass|back|reject|adopt|endors|overturn|uph[eo]ld|order|appoint|"
                     r"suspend|elect)\w*\b", re.IGNORECASE)
    for name, (_, told) in BODIES.items()
}

# Categories that exclude each other: a sentence naming one and not the asked one is about the other.
RIVAL_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "women's": ("men's",), "men's": ("women's",), "girls'": ("boys'",), "boys'": ("girls'",),
    "best actor": ("best actress",), "best actress": ("best actor",),
}
# Categories news tells without naming them, beside a rival it names ("X won the marathon. In the
# women's race, …"): the men's race.
UNMARKED_QUALIFIERS = frozenset({"men's", "boys'"})

def qualifier_label(name: str) -> str:
    """How a reply names an asked qualifier (`QUALIFIERS`): "the women's category", "the Best Actor
    award", "the deputy post"."""
    if name.startswith("best "):
        return f"the {name.title()} award"
    return "the deputy post" if name == "deputy" else f"the {name} category"


# A figure's course told as the steps it was moved by: each step's figure is the answer's.
FIGURE_STEPS = TIMELINE_CUES["figure_steps"]

# A category that splits one event into several ("the women's race", "the junior title"): the
# question's qualifier (first pattern) must be matched by the evidence (second pattern), or the
# evidence is about another category of the same event. Keys name the qualifier in replies.
QUALIFIERS: dict[str, tuple[re.Pattern, re.Pattern]] = {
    name: (re.compile(asked, re.IGNORECASE), re.compile(evidence, re.IGNORECASE)) for name, (asked, evidence) in {
        # typed in a hurry without the apostrophe too ("the mens race")
        "women's": (r"\b(?:women|woman)(?:'s|’s)|\bwomens\b|\bfemale\b|\bladies(?:'|’)?\b", r"\bwomen\b|\bfemale\b|\bladies\b"),
        "men's": (r"(?<!wo)\bmen(?:'s|’s)|\bmens\b|\bmale\b", r"(?<!wo)\bmen\b|\bmale\b"),
        "girls'": (r"\bgirls(?:'|’)", r"\bgirls\b"),
        "boys'": (r"\bboys(?:'|’)", r"\bboys\b"),
        "junior": (r"\bjuniors?\b|\bunder-?\d{2}\b|\bu-?\d{2}\b", r"\bjuniors?\b|\bunder-?\d{2}\b|\bu-?\d{2}\b"),
        "youth": (r"\byouth\b", r"\byouth\b"),
        "veterans'": (r"\bveterans(?:'|’)|\bmasters\b", r"\bveterans\b|\bmasters\b"),
        "wheelchair": (r"\bwheelchair\b", r"\bwheelchair\b"),
        "paralympic": (r"\bparalympic\b", r"\bparalympic\b"),
        "doubles": (r"\bdoubles\b", r"\bdoubles\b"),
        "amateur": (r"\bamateur\b", r"\bamateur\b"),
        # An award's category for a person ("Best Actor" is not "Best Actress", nor the festival's top prize).
        "best actor": (r"\bbest\s+(?:leading\s+|supporting\s+)?actor\b", r"\bactors?\b"),
        "best actress": (r"\bbest\s+(?:leading\s+|supporting\s+)?actress\b", r"\bactress(?:es)?\b"),
        "best director": (r"\bbest\s+director\b", r"\bdirector\b"),
        # The second of a post ("the vice-chancellor", "the deputy mayor"): the post's holder is another person.
        "deputy": (r"\b(?:vice|deputy|assistant)[\s-]+(?:chancellor|president|chair\w*|mayor|principal|captain|"
                   r"manager|coach|governor|director|minister|prime\s+minister|chief\s+executive|head)\b",
                   r"\b(?:vice|deputy|assistant)[\s-]+[a-z]"),
        # A price or a rule for one group of people ("the fare for children", "student tickets").
        "children's": (r"\bfor\s+(?:children|kids)\b|\b(?:child|children(?:'s|’s)?|kids(?:'|’)?)\s+(?:fares?|tickets?|"
                       r"prices?|rates?|fees?|pass(?:es)?|admission|doses?)\b",
                       r"\bchild(?:ren)?\b|\bkids?\b|\bunder-?\d{1,2}s\b"),
        # Not "student fees": tuition, what every student pays, not a group's price among others.
        "students'": (r"\bfor\s+students\b|\bstudents?(?:'|’)?\s+(?:fares?|tickets?|prices?|rates?|pass(?:es)?|"
                      r"discounts?)\b", r"\bstudents?\b"),
        "seniors'": (r"\bfor\s+(?:pensioners|seniors|the\s+elderly|older\s+people|over-?\d{2}s)\b|"
                     r"\b(?:senior|pensioner|concession(?:ary)?)\s+(?:fares?|tickets?|prices?|rates?|pass(?:es)?)\b",
                     r"\bpensioners?\b|\bseniors?\b|\belderly\b|\bolder\s+people\b|\bover-?\d{2}s\b|\bconcession"),
        # The kind of pass a price is asked for: a single fare or a monthly pass does not give an annual pass's price.
        "annual pass": (r"\b(?:annual|yearly|year-long|season)\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b",
                        r"\b(?:annual|yearly|year-long|season)\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b"),
        "monthly pass": (r"\bmonthly\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b",
                         r"\bmonthly\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b"),
        "weekly pass": (r"\bweekly\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b",
                        r"\bweekly\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b"),
        "day pass": (r"\b(?:day|daily|24-hour)\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b",
                     r"\b(?:day|daily|24-hour)\s+(?:[\w-]+\s+)?(?:pass(?:es)?|tickets?|travelcards?)\b"),
    }.items()
}

# A question about what is planned or expected (evidence written before the time it asks about
# may answer it), not about what happened.
FUTURE_QUESTION = re.compile(
    r"\b(?:will|would|shall|going\s+to|plan(?:s|ned)?|expected|expect|forecasts?|scheduled|due\s+to|"
    r"projected|set\s+to|upcoming|next)\b", re.IGNORECASE)

# A clause of a question that speaks of what is still to come: a time without a year after one of
# these words, in the same clause, is its coming instance ("What will the bank decide on July 29?",
# "Which film opens on July 29?", "the vote scheduled for September"; `rag.question.times`).
# Narrower than FUTURE_QUESTION: "would", "next" and "due to" as often tell of the past ("said it
# would", "next-generation", "due to the storm").
FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:going|set|expected|forecast|projected|planning|plans?)\s+to|due\s+(?:to\s+be|on|in)|"
    r"scheduled|planned|(?:up|forth)?coming|opens|starts|begins|premieres|launches|debuts|kicks\s+off|"
    r"takes\s+place)\b", re.IGNORECASE)
# A present progressive asked of a time tells of what is arranged to come, as a future clause does
# ("Why are fares going up in January?", "Is the plant closing in March?"): "is"/"are", its subject,
# then a verb in -ing, not a noun in -ing ("What is the spending in March?", "Is the building open …").
PROGRESSIVE_CLAUSE = re.compile(
    r"\b(?:is|are|[’']re)\s+(?:[\w’'-]+\s+){0,5}?(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)"
    r"(?!(?:(?:some|no|any|every)?thing|king|spring|string|during|morning|evening|ceiling|wedding|"
    r"spending|funding|housing|building|training|timing|meaning|wording|earnings|savings|ruling)\b)[a-z]{2,}ing\b",
    re.IGNORECASE)
# Words of a sentence that tell of the past: its times keep their past reading even after a future
# word ("What did the minister say would happen in March?" asks about what was said).
PAST_SENTENCE = re.compile(
    r"\b(?:did|was|were|had|happened|said|told|announced|reported|revealed|confirmed|claimed|warned|"
    r"predicted|promised)\b", re.IGNORECASE)
# Where a clause ends: punctuation, or a word that opens another clause ("the minister who resigned
# on Monday"); and where a sentence ends.
CLAUSE_BREAK = re.compile(r"[,;:]|[.?!](?=\s|$)|\b(?:who|whom|whose|which|that|because|although|though|whereas)\b",
                          re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[;:]|[.?!](?=\s|$)")

# Words before a number that make it a bound rather than an exact figure.
COMPARATORS: dict[str, str] = {
    "more than": ">", "over": ">", "above": ">", "greater than": ">", "upwards of": ">",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=",
    "fewer than": "<", "less than": "<", "under": "<", "below": "<",
    "at most": "<=", "up to": "<=", "no more than": "<=",
    "nearly": "~", "almost": "~", "about": "~", "around": "~", "roughly": "~", "approximately": "~",
    "some": "~", "exactly": "=",
}
COMPARATOR_ALT = "|".join(sorted((re.escape(c) for c in COMPARATORS), key=len, reverse=True))

NUMBER_PATTERNS: dict[str, re.Pattern] = {
    "bounded": re.compile(rf"\b(?P<cmp>{COMPARATOR_ALT})\s+(?P<n>\d[\d,]*(?:\.\d+)?)(?!\d)", re.IGNORECASE),
    "score": re.compile(r"(?<![\w.-])(?P<score>\d{1,3}\s*[-–]\s*\d{1,3})(?![\w.-]*\d)"),
    "digit_ordinal": re.compile(r"\b(?P<n>\d{1,4})(?:st|nd|rd|th)\b", re.IGNORECASE),
    "word_ordinal": re.compile(rf"\b(?P<w>{'|'.join(ORDINAL_WORDS)})\b(?:[\s-]+(?P<noun>[a-z-]+))?", re.IGNORECASE),
    # An edition or instalment: "series 4", "season 2", "week 3": the evidence may count it either
    # way ("series 4", "the fourth series").
    "edition": re.compile(r"\b(?P<label>series|season|episode|part|phase|stage|chapter|volume|round|game|leg|"
                          r"edition|week|act|book|level|tier|division|heat|set|gen(?:eration)?)\s+(?P<n>\d{1,3})\b"
                          r"(?![.,]\d)", re.IGNORECASE),
    # A figure that is part of a name, not a count: "Model 3", "Windows 11", "iPhone 14", "Covid 19"
    # (the word before it capitalised, and not a question or function word: see `NOT_NAMES`), with
    # a letter or two on the figure and the capitalised words or figures after it: "Model 3S",
    # "iPhone 14 Pro", "Boeing 737 Max 8".
    "named": re.compile(rf"(?<![\w'’-])(?P<name>{UPPER}[\w-]*|[a-z]+{UPPER}[\w-]*)\s(?P<n>\d{{1,4}}[A-Za-z]{{0,2}})\b"
                        rf"(?![.,]\d)(?P<tail>(?:\s(?:{UPPER}[\w-]*|\d{{1,4}}[A-Za-z]{{0,2}}\b(?![.,]\d)))*)"),
    "cardinal": re.compile(r"(?<![\w.,$£€¥-])(?P<n>\d[\d,]*(?:\.\d+)?)(?![\w-]*\d)", re.IGNORECASE),
}

# Words that, after a numbered name, name another model of it ("iPhone 14 Pro", "Galaxy S23 Ultra",
# "Model 3 Performance"): a sentence naming only the "iPhone 14" gives another product's figures,
# and one naming only the "iPhone 14 Pro" does not give the plain model's.
MODEL_VARIANTS = ("Pro", "Max", "Plus", "Ultra", "Mini", "Performance", "Lite")
MODEL_VARIANT = "|".join(MODEL_VARIANTS)
# A trailing aside that names what the question is not about ("the plain S5, not the Pro?", "the
# men's final, rather than the women's?"): no negation of what is asked, and no name it asks about.
EXCLUDED_ASIDE = re.compile(r",\s*(?:and\s+|but\s+)?(?:not|rather\s+than|as\s+opposed\s+to)\s+(?:the\s+|an?\s+)?"
                            r"[^,?.!]{1,40}?(?=\s*[?.!]*\s*$)", re.IGNORECASE)

# The event a question's time qualifies, for near-miss replies ("the 2019 final" → "final"):
# the noun right after the time, or the noun a time-qualified "the …" phrase ends on.
EVENT_AFTER_TIME = re.compile(r"^(?:'s|’s)?[\s-]+(?P<event>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*?)(?=\s*(?:[?.!,;]|$|\s+(?:of|in|for|on|at|and|was|were|is|are|did|by|between|against|to)\b))")
EVENT_BEFORE_TIME = re.compile(r"\bthe\s+(?P<event>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s+(?:in|of|for|during|on)\s*$", re.IGNORECASE)

# Start of a question whose wording already reads as an indirect question ("who won …").
_AUX = r"(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could|should)"
INDIRECT_START = re.compile(
    rf"^(?!(?:what|which|whose|how\s+many|how\s+much)(?:\s+\w+){{0,2}}\s+{_AUX}\b)"
    rf"(?P<wh>who|what|which\s+\w+|how\s+many\s+\w+|how\s+much(?:\s+(?!{_AUX}\b)\w+)?)\s+(?!{_AUX}\b)\w+",
    re.IGNORECASE)

# ----- follow-up questions ------------------------------------------------------------------------

# An elliptical question leans on the previous turn: it opens like a continuation ("And …",
# "What about …"), or points back at something ("it", "they", "the same").
FOLLOW_UP_START = re.compile(r"^(and|but|so|also|then|what about|how about)\b[,\s]*", re.I)
# A bare request for more of the same subject ("Tell me more.", "Go on", "What else?"): it is
# answered with what the earlier answers did not quote.
MORE = re.compile(
    r"^(?:(?:and|so|ok|okay|please)[,\s]+)?(?:(?:please\s+)?(?:tell|give|show)\s+me\s+more|go\s+on|more|"
    r"what\s+else|anything\s+else|continue|keep\s+going|say\s+more)"
    r"(?:[,\s]+(?:please|about\s+(?:it|that|this|them)|on\s+(?:it|that|this|them)))?[\s?.!…]*$", re.I)
BACK_REFERENCE = re.compile(
    r"\b(it|its|they|them|their|that|this|those|these|he|she|him|her|his|there|then|the same)\b", re.I
)
# The noun phrase a question ends on ("…triggered the strikes?" → "the strikes"), and a pronoun
# ending a follow-up that it stands in for ("…say about it?").
TOPIC = re.compile(r"\b((?:the|a|an|these|those|this|that)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+)\s*[?.!]*\s*$", re.I)
END_PRONOUN = re.compile(r"\b(it|them|that|this)\b(?=\s*[?.!]*\s*$)", re.I)
# "What about the cyclists?": the same question asked of another subject; and the question it is asked
# again of ("What did the mayor say about | tolls?": everything up to the last "about/on/…" object).
WHAT_ABOUT = re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*[?.!]*$", re.I)
ASKED_ABOUT = re.compile(r"^(.*\b(?:about|on|of|for|with|against|towards?))\s+[^?]+?\s*\?\s*$", re.I)

# A time written with a year or a month name is absolute; without either it is relative to as_of.
ABSOLUTE_TIME = re.compile(rf"\d{{4}}|'\d\d|\b(?:{MONTH_ALT})\b", re.I)

"""Whether a sentence can hold the kind of answer a question asks for (`holds_answer`)."""

from __future__ import annotations

import re
from functools import lru_cache

from rag import lexical
from rag.answering.tables import _WORD, _re
from rag.answering.tables.figures import (
    AGE,
    AGE_APPOSITION,
    AGE_QUESTION,
    ASKS_ESTIMATE,
    CHANGE_FIGURE,
    COUNT_OF_TIMES,
    FORECAST_FIGURE,
    FORECASTABLE,
    HOW_OLD,
    LEVELS,
    NORM_FIGURE,
    NORM_WORD,
    NTH_TIME,
    TIME_SPAN,
    TIMES_QUESTION,
)
from rag.answering.tables.statements import ASKS_CHANGE
from rag.dates import DAY_MONTH, strip_dateline
from rag.question.answer_types import TIME_KINDS, AnswerType, Cue
from rag.question.constraints import preamble_split
from rag.question.cues import FUTURE_QUESTION, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, YEAR


def holds_answer(kind: AnswerType, sentence: str, question: str, context: str = "") -> bool:
    """Whether `sentence` can hold the kind of answer `question` asks for.

    With `beyond_question`, what it holds must be new: a name or agent the question does not
    already give. A capitalised word opening the sentence counts as a name only when `context`
    (its passage) also capitalises it mid-sentence, or another capitalised word follows it
    ("Riverside United won", not "Without that, …"). A wire dateline is not part of the sentence, nor
    is the outlet in brackets that opens a story ("(Wire Service) …").
    """
    if kind.name in LEVELS and not ASKS_CHANGE.search(question):
        # "What is the interest rate now?" asks a level: "raised rates by 0.5 percentage point"
        # gives a change.
        sentence = CHANGE_FIGURE.pattern.sub(" ", sentence)
    if kind.name in FORECASTABLE and not FUTURE_QUESTION.search(question) and not ASKS_ESTIMATE.search(question):
        # Nor does "is expected to hit $5 a gallon" say what the price is, nor "predicted a loss of 2
        # million subscribers" how many were lost; unless an estimate is asked ("How did the cost
        # estimate change?": "The line is expected to cost 4.2 billion" is the estimate).
        unforecast = FORECAST_FIGURE.pattern.sub(" ", sentence)
        if unforecast != sentence:
            # What is left holds the answer only by a figure of its own, not by one the question
            # says ("… a loss of 2 million in the three months ending June 30").
            said = _said(question)
            if all(said(m.group(0)) for m in kind.holds.pattern.finditer(unforecast)):
                return False
        sentence = unforecast
    if kind.name == "quantity" and TIMES_QUESTION.search(question):
        # "How many times …?" is told by a count of times or an ordinal ("twice", "three times",
        # "what will be his fourth divorce"), not by another count ("three children").
        return bool(NTH_TIME.search(sentence) or COUNT_OF_TIMES.search(sentence))
    if kind.name == "quantity" and HOW_OLD.search(question):
        # "How old is …?" is told by an age ("45 years old", "Lee, 45,") or when a thing began
        # ("in service since 2014"), not by any figure ("a 3-0 defeat").
        return AGE.search(DAY_MONTH.sub(" ", sentence)) is not None
    if kind.name == "quantity" and not AGE_QUESTION.search(question):
        # A count is no day of a month ("July 7 Johnson announces …"), nor a span of time the
        # question does not count ("after less than three years" for "How many ministers quit?"),
        # nor someone's age ("Lee, 91, said …").
        sentence = DAY_MONTH.sub(" ", sentence)
        sentence = TIME_SPAN.pattern.sub(lambda m: m.group(0) if _said_unit(question, m.group("unit")) else " ", sentence)
        sentence = AGE_APPOSITION.pattern.sub(" ", sentence)
    if kind.name in LEVELS and NORM_WORD.search(sentence) and not NORM_WORD.search(question):
        # Nor a target or a normal range ("its goal of around 2%", "the normal 2%-to-4% range").
        sentence = NORM_FIGURE.pattern.sub(" ", sentence)
    if kind.name == "money" and context and not kind.holds.search(sentence):
        # A sum in a currency the table does not know (a small country's, a made-up one's) is read
        # by how the passages write prices: "priced at 59 marka".
        if sums_in(sentence, context_currencies(context)):
            return True
    if not kind.beyond_question:
        # A name or a time the question itself says is not its answer: "Mega Millions" holds no
        # quantity for "How big is the Mega Millions jackpot?", nor "2022" a date for "When did the
        # 2022 floods peak?". A count it says may be ("How many of the 33 miners were rescued?" —
        # "All 33 …").
        # Nor does a year the question says count anything ("won re-election in 2019" for "What was
        # his winning margin in 2019?").
        said = _said(question)
        return any(not (said(match.group(0)) and (kind.name in TIME_KINDS or match.group(0)[:1].isupper()
                                                  or _YEAR.fullmatch(match.group(0))))
                   for match in kind.holds.pattern.finditer(sentence))
    sentence = _OUTLET_OPENING.sub("", strip_dateline(sentence))
    asked = _terms(question)
    for match in kind.holds.pattern.finditer(sentence):
        word = match.group(0)
        found = lexical.terms(word)
        if not found or all(_in_question(t, asked) for t in found) or word.lower() in _NOT_NAMES:
            continue
        if kind.name == "agent" and _no_agent(sentence[:match.start()], asked, question):
            continue
        if word[0].isupper() and match.start() == 0:
            rest = sentence[match.end():].lstrip(" ,")
            following = _WORD.match(rest)
            after = word.partition(" ")[2]
            # "Councillor Ann Lee was sworn in", "Ann Lee, mayor of …": a name of its own after
            # the opening word, or one capitalised word that is no month or weekday ("In March …").
            named_after = bool(after) and (
                kind.holds.pattern.fullmatch(after.strip()) is not None
                or " " not in after.strip() and _POSSESSIVE.sub("", after.strip()).lower() not in _NOT_NAMES
            ) and not all(_in_question(t, asked) for t in lexical.terms(after))
            # "Soldiers detained …": a role or group the kind holds in lower case too is no name, yet an agent.
            held_lower = kind.holds.pattern.fullmatch(word.lower()) is not None
            if not ((following and following.group(0)[0].isupper()) or named_after or held_lower
                    or mid_sentence(word, context)):
                continue
        return True
    if kind.name == "name" and context:
        # A name told by its last word alone, as reports do after its first mention ("Vogt, 55, will
        # take over on 1 June" after "… by hiring Anselm Vogt"): a surname the passages give whole.
        for word in re.findall(r"(?<![\w’'-])(?-i:[A-Z][a-z][\w’'-]*)", sentence):
            word = _POSSESSIVE.sub("", word)
            if (word.lower() not in _NOT_NAMES and not all(_in_question(t, asked) for t in lexical.terms(word))
                    and re.search(rf"(?-i:[A-Z][\w’'-]+)\s+{re.escape(word)}\b", context)):
                return True
    if kind.name == "agent" and ASKS_GROUP.search(question):
        # "Who will travel free …?" is answered by a group of people: "Pensioners and under-16s will …".
        return any(not all(_in_question(t, asked) for t in lexical.terms(m.group(0)))
                   for m in GROUP_OF_PEOPLE.pattern.finditer(sentence))
    return False


_YEAR = re.compile(YEAR)

# A word the passages write as a price's unit: after a figure that something costs, is priced at,
# is worth or was paid ("costs 2.20 kesta", "priced at 59 marka a month"); not after a figure that
# rose or was cut to, which may count anything ("cut to 120 flights").
_PRICED = re.compile(r"\b(?:(?:costs?|costing)(?:\s+(?!\d)[\w'’-]+){0,4}?|priced\s+at|price\s+of|worth|paid|pay|"
                     # a cost may name what it fell on: "cost the economy an estimated 210 million marka"
                     r"paying|fees?\s+of|fares?\s+of|fines?\s+of)\s+(?:an\s+estimated\s+|about\s+|around\s+|some\s+|"
                     r"just\s+|nearly\s+|almost\s+|roughly\s+)?\d[\d,.]*\s*(?:million\s+|billion\s+|bn\s+|m\s+)?"
                     r"(?P<unit>[a-z]{3,})\b", re.IGNORECASE)
# What a price is counted in besides money.
_NOT_CURRENCY = frozenset(
    "percent per cent points people persons years months days weeks hours minutes seconds times votes jobs staff "
    "workers homes houses units shares tonnes tons kilometres kilometers miles metres meters passengers subscribers "
    "customers members patients cases deaths seats copies cars vehicles degrees percentage million billion more "
    "less than lives victims casualties troops soldiers animals hectares acres barrels litres liters".split())


# A pay told by its period ("will be paid 245,000 marks a year", "earns 9,000 kesta a month"): its
# unit is a currency where it stands once.
_PAID_BY_PERIOD = re.compile(r"\b(?:paid|pay|paying|earns?|earning|salary\s+of|wages?\s+of)\s+(?:about\s+|around\s+|some\s+|"
                             r"nearly\s+|almost\s+|roughly\s+)?\d[\d,.]*\s*(?:million\s+|m\s+)?(?P<unit>[a-z]{3,})\s+"
                             r"(?:a|an|per|each)\s+(?:year|month|week|day|hour)\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def context_currencies(context: str) -> frozenset[str]:
    """The units the passages give prices in that the currency table does not know: a word written
    as a price's unit (`_PRICED`), and after a figure at least twice, or as a pay's by its period
    (`_PAID_BY_PERIOD`)."""
    found = {m.group("unit").lower() for m in _PRICED.finditer(context)} - _NOT_CURRENCY
    paid = {m.group("unit").lower() for m in _PAID_BY_PERIOD.finditer(context)} - _NOT_CURRENCY
    return frozenset(u for u in found if u in paid or len(re.findall(
        rf"\d\s*(?:million\s+|billion\s+|bn\s+|m\s+)?{u}\b", context, re.IGNORECASE)) >= 2)


def sums_in(sentence: str, units: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of `sentence`'s sums in `units` (a currency the passages price in)."""
    if not units:
        return []
    pattern = rf"\b\d[\d,.]*\s*(?:million\s+|billion\s+|bn\s+|m\s+)?(?:{'|'.join(map(re.escape, sorted(units)))})\b"
    return [m.span() for m in re.finditer(pattern, sentence, re.IGNORECASE)]


# "Who will travel free …?", "Who qualifies …?": an act a group of people may be the answer to, not
# one only a person or a body does ("Who runs the company?").
ASKS_GROUP = Cue(
    "asks which people something is for",
    _re(r"\bwho\b(?:[^?]*\b(?:travel|ride|get|gets|receive|qualif\w*|benefit\w*|eligible|affected|exempt\w*|entitled|"
        r"covered|offered|allowed|able|vaccinated|evacuated|pay|pays|need|needs|lose|loses|gain|gains|use|uses|"
        r"apply|applies|hit|hardest)\b)"),
    ("Who will travel free on the buses from March?", "Who qualifies for the grant?", "Who will be hit hardest by the tax?",
     "Who is eligible for the new vaccine?"),
    ("Who currently runs the company?", "Who won the final?", "Who will lead the inquiry?"),
)

# A group of people named by what they are, not by a name: who a measure is for.
GROUP_OF_PEOPLE = Cue(
    "names a group of people",
    _re(r"\b(?:pensioners|retirees|seniors|the elderly|(?:young|older|elderly|disabled|local|homeless) people|"
        r"(?:under|over)-\d+s|people (?:under|over|aged)|adults|minors|youngsters|children|pupils|students|infants|"
        r"babies|toddlers|veterans|carers|refugees|migrants|asylum seekers|employees|staff|members|customers|"
        r"consumers|shoppers|commuters|tourists|visitors|travell?ers|citizens|residents|households|families|tenants|"
        r"renters|homeowners|taxpayers|claimants|applicants|cyclists|motorists|drivers|riders|passengers|"
        r"patients|workers|women|men)\b"),
    ("Pensioners and under-16s will ride free on all routes from April.", "Commuters will travel free on the first day.",
     "People over 65 can get the jab."),
    ("Single fares will go up by 20 cents from April.", "The council said the rise would pay for ten new buses."),
)


# A story's first sentence may open with its outlet in brackets, "(Wire Service) The port …": who
# reports it, not a name the sentence gives.
_OUTLET_OPENING = re.compile(r"^\s*\([A-Z][\w .&'’-]{0,30}\)\s*")


def _in_question(term: str, asked: frozenset[str]) -> bool:
    """The question holds the term, or the name it is formed from: a people's adjective is no new
    name in a question naming their country (a stem of four letters at least, up to three letters
    shorter: "…ian" after "…ia")."""
    return term in asked or any(len(t) >= 4 and len(term) - len(t) <= 3 and term.startswith(t) for t in asked)


@lru_cache(maxsize=256)
def _said(question: str):
    """A test of whether a phrase is in `question` as a whole word or words, made once per question."""
    asked = question.lower()
    return lambda phrase: re.search(rf"(?<!\w){re.escape(phrase.lower().strip())}(?!\w)", asked) is not None


@lru_cache(maxsize=256)
def _terms(question: str) -> frozenset[str]:
    """The question's terms, computed once for all the sentences judged against it."""
    return frozenset(lexical.terms(question))


def mid_sentence(word: str, text: str) -> bool:
    """`word` occurs in `text` somewhere other than at the start of a sentence."""
    for match in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[:match.start()].rstrip(" \t\"“‘'(")
        if before and before[-1] not in ".!?\n:—":
            return True
    return False


# Capitalised words that are no one's name: a month or weekday (or its short form, "Feb."), and
# what stands for a name the sentence does not give: a pronoun or determiner opening it ("Her son …"
# is named by "son"), an honorific ("Her Majesty": whoever the story is about).
_NOT_NAMES = frozenset({"i"} | {name.lower() for name in MONTH_NAMES + WEEKDAY_NAMES} | set(MONTHS) | set("""
    he she it they we you his her its their our your this that these those the a an
    majesty highness excellency holiness lordship ladyship
""".split()))

_POSSESSIVE = re.compile(r"[’']s?$")

# Where a capitalised word is no one who acts: the place of one the question names ("Queen Mira of
# Ostland" for a question naming Queen Mira), or, for a "Who …?", a place after a preposition of
# place ("gathered outside the palace in Varnholm").
_OF_ASKED = re.compile(r"(?-i:(?P<word>[A-Z][\w’'-]*))\s+of\s+(?:the\s+)?$", re.I)
_IN_PLACE = re.compile(r"\b(?:in|near|outside|inside|across|throughout)\s+(?:the\s+)?$", re.I)
_ASKS_WHO = re.compile(r"\bwho(?:m)?\b", re.I)


def _no_agent(before: str, asked: frozenset[str], question: str) -> bool:
    """The capitalised word after `before` names no one the "Who …?" `question` may ask for."""
    owner = _OF_ASKED.search(before)
    if owner and all(_in_question(t, asked) for t in lexical.terms(owner.group("word"))):
        return True
    return bool(_IN_PLACE.search(before)) and bool(_ASKS_WHO.search(question[preamble_split(question):]))


def _said_unit(question: str, unit: str) -> bool:
    """The question counts `unit` ("How many days …?" for "10 days", "how long … in days"); not a
    time it names ("in 2019, the year of its record")."""
    stem = unit.lower().rstrip("s")
    stem = "centur" if stem.startswith("centur") else stem
    return re.search(rf"\b{stem}", question, re.I) is not None and (
        re.search(rf"\bhow\s+(?:many|much)\s+(?:\w+\s+)?{stem}|\bhow\s+long\b|\bin\s+{stem}", question, re.I) is not None
        or re.search(rf"\bthe\s+{stem}\s+(?:of|when|in\s+which)\b|\b(?:this|last|next|that|each|every|a)\s+{stem}\b",
                     question, re.I) is None)

"""What figure a question measures (a share, a sum of money, a count of what) and whether a sentence gives it."""

from __future__ import annotations

import re

from rag.answering.tables import _re
from rag.answering.tables.kinds import holds_answer
from rag.dates import DAY_MONTH
from rag.question import answer_types
from rag.question.answer_types import FEE_TOLL_AFTER, FEE_TOLL_BEFORE, Cue
from rag.question.cues import TIMELINE_CUES

# What a figure asked "now" or over time measures, read from the question's own words: a rate or
# inflation is a share ("9.1%"), a price or a jackpot a sum of money ("$4.87 a gallon"), cases or a
# toll a count. The first of these words in the question names it ("How have gas prices changed as
# rates rose?" asks a price). A report whose sentence gives another kind of figure ("Gas prices are
# up about 25%", "30-year mortgage rates follow the 10-year yield") does not tell the asked figure.
MEASURES: tuple[tuple[str, Cue], ...] = (
    ("share", Cue("measures a share",
                  _re(r"\b(?:rates?|inflation|unemployment|yields?)\b"),
                  ("How have 30-year mortgage rates moved since May?", "How has inflation changed this year?",
                   "What is the jobless rate now?"),
                  ("How have gas prices changed since May?", "How many cases are there now?"))),
    ("money", Cue("measures a sum of money",
                  _re(r"\b(?:prices?|jackpots?|costs?|fares?|wages?|salar(?:y|ies)|debts?|deficits?|revenues?|profits?|"
                      r"bottom[\s-]lines?|budgets?|money)\b"),
                  ("How have gas prices changed since May?", "How did the jackpot grow in July?",
                   "How did the prize money change over the years?", "How has the firm's bottom line moved?"),
                  ("How has inflation changed this year?", "How has the number of cases grown?"))),
    ("count", Cue("measures a count",
                  # not a toll that is a fee, nor its rates or prices ("the canal toll per net tonne")
                  _re(rf"\b(?:how many|number of|counts?|tall(?:y|ies)|"
                      rf"{FEE_TOLL_BEFORE}tolls?(?!\s+(?:{FEE_TOLL_AFTER}|rates?|prices?))|"
                      r"cases|deaths|infections|attendance|population)\b"),
                  ("How has the number of cases grown?", "How did the death toll rise?",
                   "How many cases are there in the country now?", "How has the global case count grown?",
                   "How has attendance at the fair changed since 2022?", "What is the latest toll?"),
                  ("How have gas prices changed since May?", "What is the jobless rate now?",
                   "What is the current canal toll per net tonne?", "How has the bridge toll changed?"))),
)

# What a count counts, in the question's words: "How many monkeypox cases …", "the number of
# cases", "the global case count" → "case". A toll counts the dead in whatever words.
_COUNTED = re.compile(r"\bhow many\s+(?:[\w’'-]+\s+){0,2}?([a-z]+)\s+(?=(?:are|were|is|was|have|has|had|did|do|does|will|"
                      r"would|in|of|so|now|at|across|around|worldwide|globally)\b)|"
                      r"\bnumber of\s+(?:[\w’'-]+\s+){0,2}?([a-z]+)(?=\s+(?:in|of|across|around|at|worldwide|globally|"
                      r"have|has|had|grown|grew|risen|rose|changed|fallen|fell|because|due|after|following|during|since|"
                      r"by)\b|\s*[?.]|\s*$)|"
                      r"\b([a-z]+)\s+(?:count|tally)\b|\b(attendance)\b|"
                      # a place's population ("the population of Varn", "Varn's population"), not a herd's
                      r"(?:\bthe\s+|['’]s\s+)(population)\b", re.I)
# What a count is told in when the question names it by one word: attendance is a count of
# visitors ("drew 18,000 visitors", "Attendance rose to 21,500"); jobs are counted as posts or
# positions too ("Job-cut programme: 1,100 posts").
COUNTED_AS = {"attendance": r"(?:visitors?|attendees?|spectators?|attendance|crowds?|fans|[\w-]*goers|attended)\b",
              "job": r"(?:jobs?|posts|positions|roles)\b",
              # a place's population counts its people, not whatever it counts ("2.48 million containers")
              "population": r"(?:people|residents|inhabitants|population|citizens|souls)\b"}
# A count in figures or in exact words: "1,814", "nine"; not "thousands of cases", "dozens", a
# share, a sum of money, a compound's number ("10-year") or a multiple ("three times last year's").
_COUNT = (r"(?<![\w$£€¥.,])(?!(?:1[89]|20)\d\d\b)(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million))?|one|two|three|four|five|six|seven|eight|"
          r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
          r"fifty|sixty|seventy|eighty|ninety)(?![\w%-])(?!\s*(?:percent|per cent|times\b))")
# Words that count people.
_PEOPLE = r"(?:people|persons|residents|villagers|inhabitants|evacuees|families|households|civilians)"
# People driven from their homes, however it is worded: a count of them answers "the number of
# people evacuated".
DISPLACED = Cue(
    "says people left their homes",
    _re(r"\b(?:evacuat\w*|displac\w*|fled|flee\w*|homeless|shelters?|(?:told|ordered|forced)\s+to\s+leave|"
        r"(?:from|leave|left)\s+their\s+homes)\b"),
    ("evacuated", "The fire forced 800 people to leave their homes.", "Three thousand residents were told to leave.",
     "At its height the fire had forced 7,100 people from their homes.", "About 420 people are in emergency shelters."),
    ("arrested", "At least 12 people were killed when the river burst its banks.",
     "More than 5,000 people were moved to safety.", "The council cleared the streets."),
)
# A count of people next to the words that say they left their homes, no other figure between:
# "forced 800 people from their homes", "evacuated 3,000 residents"; not "12 people were killed in
# the flood, which has forced residents from their homes".
_WORDS_NO_FIGURE = r"(?:[^\W\d][\w’'-]*[\s,]+)"
_DISPLACED_COUNT = re.compile(
    rf"{_COUNT}\s+(?:[\w’'-]+\s+){{0,2}}?{_PEOPLE}\b[\s,]*{_WORDS_NO_FIGURE}{{0,5}}?(?:{DISPLACED.pattern.pattern})|"
    rf"(?:{DISPLACED.pattern.pattern})\s+{_WORDS_NO_FIGURE}{{0,3}}?{_COUNT}\s+(?:[\w’'-]+\s+){{0,2}}?{_PEOPLE}\b", re.I)
# People counted by an act done to them that reports count in its own words ("How many people were
# vaccinated?"): a count of something else in the same story (cases, deaths, clinics) does not
# answer it, only a count of people next to the act ("3,000 people have been vaccinated").
COUNTED_BY_ACT = Cue(
    "counts people by an act done to them",
    _re(r"\bhow many\s+(?:[\w’'-]+\s+){0,3}?(?:people|persons|residents|children|adults|patients|workers|pupils|"
        r"students|staff)\b[^?]*?\b(?:were|was|have been|has been|had been|got|are|will be)\s+(?:already\s+)?"
        r"(?P<act>vaccinated|inoculated|immuni[sz]ed|jabbed|boosted|tested|screened|hospitali[sz]ed)\b"),
    ("How many people in the province were vaccinated against the fever?", "How many children have been tested?",
     "How many patients were hospitalised with the virus?"),
    ("How many people were killed?", "How many cases have been confirmed?", "How many people were arrested?",
     "How many clinics were opened?"),
)


def counted_by_act(question: str) -> str:
    """The act that counts the people asked about (`COUNTED_BY_ACT`: "vaccinated"), or ""."""
    m = COUNTED_BY_ACT.search(question)
    return m.group("act").lower() if m else ""


# A count of one group among those counted ("eight cases … among women", "two cases in children")
# is a part's, not the whole count.
_GROUP_COUNT = re.compile(r"\b(?:among|in)\s+(?:[\w’'-]+\s+){0,2}?(?:children|women|men|individuals|adults|teens?|"
                          r"teenagers|infants|patients|females?|males?)\b", re.I)


def asked_measure(question: str) -> tuple[str, str] | None:
    """(what the asked figure measures: "share", "money" or "count"; for a count, the stem of what it
    counts, "" when any count will do), or None when the question names no such figure."""
    found = [(m.start(), name) for name, cue in MEASURES if (m := cue.search(question))]
    if not found:
        return None
    name = min(found)[1]
    if name != "count":
        return name, ""
    m = _COUNTED.search(question)
    counted = next((g for g in m.groups() if g), "").lower() if m else ""
    if counted in ("death", "toll", "people") or len(counted) < 3:
        counted = ""
    return name, counted[:-1] if counted.endswith("s") and not counted.endswith("ss") else counted


def gives_measure(measure: tuple[str, str], sentence: str, question: str) -> bool:
    """`sentence` gives a figure of what the question measures (`asked_measure`): a share or sum
    of money as `holds_answer` reads one (a forecast is none), or a count of what is counted, in
    figures or exact words, next to it ("at least 1,814 probable or confirmed cases", "cases have
    surpassed 26,800"), not one group's count."""
    name, counted = measure
    if name != "count":
        kind = next(t for t in answer_types.ANSWER_TYPES if t.name == name)
        return holds_answer(kind, sentence, question)
    if _GROUP_COUNT.search(sentence):
        return False
    if not counted:
        return re.search(_COUNT, DAY_MONTH.sub(" ", sentence), re.I) is not None
    if counted in COUNTED_AS:
        noun, after_verb = COUNTED_AS[counted], ""
    elif counted.endswith("ed"):
        # People counted by what befell them ("the number of people evacuated"): for people driven
        # from their homes, a count of people in whatever words (`DISPLACED`: "forced 800 people
        # from their homes", "three thousand residents were told to leave"); else a count next to
        # the verb's other forms ("6,400 people are under evacuation orders").
        if (re.search(rf"\b{_PEOPLE}\s+{re.escape(counted)}\b", question, re.I) and DISPLACED.search(counted)
                and _DISPLACED_COUNT.search(sentence)):
            return True
        noun = rf"{re.escape(counted[:-2])}\w{{0,4}}\b"
        after_verb = rf"|\b{noun}\s+(?:about |nearly |almost |around |more than |at least |over |some )?{_COUNT}"  # "arrested 45"
    else:
        noun, after_verb = rf"{re.escape(counted)}\w{{0,3}}\b", ""
    return re.search(rf"{_COUNT}\s+(?:[\w’'-]+\s+){{0,4}}?{noun}{after_verb}|\b{noun}\s+(?:[\w’'-]+\s+){{0,5}}?"
                     rf"(?:to|at|of|surpassed|topped|reached|exceeded|hit|passed|past|than|totals?|totalled|stood at)\s+"
                     rf"(?:about |nearly |almost |around |more than |at least |over )?{_COUNT}", sentence, re.I) is not None


# Measures a report often gives side by side, each a family of the words that name it: revenue and
# profit, sales and earnings, passengers and flights, cases and deaths, petrol and diesel. Asked one ("How has the
# quarterly revenue changed?"), a line naming another of them and not the asked one ("reported a
# 9 percent rise in net profit to 181 million") gives the other's figure, not the asked one's.
MEASURE_FAMILIES: tuple[Cue, ...] = (
    Cue("names revenue or sales",
        _re(r"\b(?:revenues?|sales|turnover)\b"),
        ("How has the company's quarterly revenue changed?", "Revenue for the quarter was 2.14 billion euros.",
         "Sales rose 4 percent to 880 million.", "Turnover reached 3 billion."),
        ("Net profit rose 9 percent to 181 million.", "The shares fell 2 percent.", "It sold 40,000 cars.")),
    Cue("names profit or earnings",
        _re(r"\b(?:(?:net|pre-tax|pretax|operating|quarterly|annual)\s+)?(?:profits?|earnings|net\s+income|bottom[\s-]line|"
            r"(?:net|pre-tax|pretax|operating|quarterly|annual)\s+loss(?:es)?)\b"),
        ("How have the bank's earnings changed?", "It reported a 9 percent rise in net profit to 181 million.",
         "How has the firm's quarterly bottom line moved this year?",
         "Net income fell to 40 million.", "The airline posted a quarterly loss of 20 million."),
        ("Revenue for the quarter was 2.14 billion euros.", "The team lost 2-1.", "Sales rose 4 percent.")),
    Cue("names passengers",
        _re(r"\b(?:passengers?|travell?ers?)\b"),
        ("How many passengers used the airport last month?", "The airport handled 2.3 million passengers in May."),
        ("The airport handled 14,200 flights in May.", "Cargo rose 3 percent.")),
    Cue("names flights",
        _re(r"\b(?:flights?|take-?offs?|landings?)\b"),
        ("How has the number of flights at the airport changed?", "Flights rose to 14,200 in May."),
        ("Passenger numbers rose to 2.3 million.", "The number of travellers rose.")),
    Cue("names cases or infections",
        _re(r"\b(?:cases|infections?|infected|case\s+(?:counts?|numbers|tally|tallies))\b"),
        ("How many measles cases are there now?", "Officials confirmed 605 cases on Sunday.",
         "Infections rose to 1,200."),
        ("The outbreak has killed 14 people.", "Deaths rose to 40.", "The case against him was dropped.")),
    Cue("names deaths",
        _re(r"\b(?:deaths?|dead|died|killed|fatalit(?:y|ies))\b"),
        ("How many deaths has the outbreak caused?", "The outbreak has killed 14 people.",
         "The death toll reached 12.", "Forty people have died."),
        ("Officials confirmed 605 cases on Sunday.", "The congestion toll is four euros.",
         "The hospital admitted 30 patients.")),
    Cue("names inflation",
        _re(r"\b(?:inflation|consumer\s+price(?:s|\s+index)|CPI)\b"),
        ("How has inflation in the country changed this summer?", "Inflation hit 9.4% in June.",
         "The Consumer Price Index was up 8.3% in the 12 months ended in April."),
        ("Rent increased 0.4% from the prior month.", "The average 30-year mortgage rate rose to 5.78%.",
         "The price of a used vehicle rose 28%.")),
    Cue("names petrol",
        _re(r"\b(?:petrol|gasoline|gas\s+prices?|unleaded)\b"),
        ("How much is petrol now?", "Petrol fell to an average of 1.64 euros a litre.",
         "The average price of gasoline is $5 a gallon."),
        ("Diesel fell to 1.55 euros a litre.", "Heating oil rose 3 percent.")),
    Cue("names diesel",
        _re(r"\bdiesel\b"),
        ("How much is diesel at the moment?", "Diesel fell to 1.55 euros a litre."),
        ("Petrol fell to an average of 1.64 euros a litre.", "The average price of gasoline is $5 a gallon.")),
    Cue("names mortgage rates",
        _re(r"\bmortgages?\b"),
        ("How have 30-year mortgage rates moved since May?", "Fixed, 30-year mortgages have climbed to 5.23%."),
        ("The central bank raised its key rate to 1.75%.", "Inflation hit 9.4% in June.")),
    Cue("names unemployment",
        _re(r"\b(?:unemploy\w*|jobless\w*|out\s+of\s+work)\b"),
        ("What is the country's current unemployment rate?", "Unemployment fell to 5.1% in March.",
         "The jobless rate held at 4%."),
        ("The institute expects growth of 1.4% next year.", "Inflation hit 9.4% in June.",
         "The company will create 300 jobs.")),
    Cue("names economic growth",
        _re(r"\b(?:GDP|gross\s+domestic\s+product|economic\s+growth|(?:economy|output)\s+(?:is\s+)?(?:grew|grows?|growing|"
            r"shrank|shrinking|contracted|contracting|expanded|expanding)|growth\s+(?:of|forecast|rate)|recession)\b"),
        ("How fast is the economy growing now?", "The institute expects growth of 1.4% in 2025.",
         "GDP rose 0.3% in the third quarter.", "The economy grew 2.1% last year."),
        ("Unemployment fell to 5.1% in March.", "Sales growth slowed.", "Inflation hit 9.4% in June.")),
    Cue("names turnout",
        _re(r"\bturnout\b"),
        ("What was turnout in the by-election?", "Turnout was 34.6%, up from 31.2% four years ago."),
        ("The party won 52.6% of the vote.", "The party took the seat with a majority of 1,204.")),
    Cue("names a central bank's rate",
        _re(r"\b(?:key|policy|base|benchmark|bank|official|cash|main)\s+(?:interest\s+|lending\s+)?rates?\b|"
            r"\binterest\s+rates?\b"),
        ("What is the central bank's key rate now?", "The bank cut its key interest rate to 3.75%.",
         "Interest rates are at their highest since 2008."),
        ("Unemployment fell to 5.1% in March.", "The jobless rate held at 4%.", "Inflation hit 9.4% in June.")),
)


def asked_family(question: str) -> Cue | None:
    """The one family of `MEASURE_FAMILIES` the question names ("quarterly revenue": revenue and
    sales); None when it names none or several ("How have revenue and profit changed?"). "Flight by
    flight" tells the steps a course is told in, not a measure (`cues.TIMELINE_CUES["one_by_one"]`)."""
    question = TIMELINE_CUES["one_by_one"].sub(" ", question)
    named = [family for family in MEASURE_FAMILIES if family.search(question)]
    return named[0] if len(named) == 1 else None


def of_another_measure(family: Cue, sentence: str) -> bool:
    """`sentence` names another family of measures than the asked `family` and not the asked one:
    it gives the other measure's figure ("net profit rose to 181 million" for a revenue question)."""
    return not family.search(sentence) and any(other is not family and other.search(sentence)
                                               for other in MEASURE_FAMILIES)

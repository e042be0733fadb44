"""Figures in article sentences: levels and changes, forecasts, counts of times, shares of a whole, spans and ages."""

from __future__ import annotations

from rag.answering.tables import _NUMBER_WORD, _re
from rag.question.answer_types import Cue

# Answer types whose figure is a level (a price, a rate), which a change "by" a figure does not give.
LEVELS = frozenset({"money", "share"})
# Answer types whose figure a forecast does not give (`FORECAST_FIGURE`): a level, or a count.
FORECASTABLE = LEVELS | {"quantity", "temperature"}

# A change by a figure after a verb of change ("raised rates by 0.75 percentage point", "cut by
# half a point", "prices rose by about 7 cents"); not a level after a passive "by" ("backed by 52%
# of voters", "funded by $200 million").
CHANGE_FIGURE = Cue(
    "a change by a figure",
    _re(r"\b(?:rais|cut|lift|lower|ris|rose|fell|fall|drop|increas|decreas|grew|grow|slash|hik|jump|climb|declin|"
        r"boost|reduc|shr[ai]nk|gain|lost|los|add|edg|inch|sank|sink|surg|soar|plung|tumbl|up|down)\w*\s+"
        r"(?:[\w’'-]+\s+){0,6}?by (?:about |around |roughly |nearly |almost |more than |less than |over |under |another |"
        r"a further )?(?:(?:[$£€¥]\s?)?\d[\d,.]*\s*(?:%|percent(?:age points?)?|per cent|points?|basis points|bps|cents?|"
        r"pence|p|bn|m|k|million|billion|dollars?|euros?|pounds?)?|(?:a |an )?(?:quarter|half|three-quarters)(?: of a)?"
        r"(?: (?:percentage )?points?)?|half a (?:percentage )?point)(?!\s+of\b)"),
    ("The central bank raised rates by 0.75 percentage point.", "It raised its benchmark rate by half a percentage point.",
     "Prices rose by about 7 cents a gallon.", "Shares fell by 4% in early trading."),
    ("The benchmark rate now stands at 1.75%.", "Inflation reached 9.1% in June.",
     "The levy was backed by 52% of voters.", "The stadium was funded by $200 million in public money.",
     "The vaccine has been taken by 70% of adults."),
)

# A figure forecast, not reached: "is expected to hit $5 a gallon", "could top 10%", "economists
# expect the bank to lift the rate to 2.5%", "it predicted a loss of 2 million subscribers".
_ONE_FIGURE = (r"(?:[$£€¥]\s?)?\d[\d,.]*\s*(?:%|percent|per cent|cents?|pence|bn|m|k|million|billion|trillion|"
               r"dollars?|euros?|pounds?)?")
_FIGURE = rf"{_ONE_FIGURE}(?:\s*(?:-to-|to|-|–|and)\s*{_ONE_FIGURE})?"  # or a range: "2.25% to 2.5%"
# Up to the forecast's figure, not past a clause about what already happened ("after hitting $4.58").
_UNTIL_FIGURE = r"(?:(?!\b(?:after|since|having|following|from|when)\b)[^.;])"
# "… will rise to 4.20 euros from February", "… will fall to 0.39 on January 1": a change announced
# for a day, not a forecast.
_NOT_SCHEDULED = (r"(?!(?:[^.;]|\.\d){0,40}?\b(?:(?:from|starting|effective|beginning|as of|as from)\s+(?:\d|(?-i:[A-Z])|next\b|this\b|"
                  r"today\b|tomorrow\b)|on\s+(?:\d{1,2}\s+(?-i:[A-Z])[a-z]+|(?-i:[A-Z])[a-z]+\s+\d{1,2}\b)))")

# A figure set from a day, named before it ("the toll from 1 January would be $4.95"): a decision
# announced, not a forecast (`_NOT_SCHEDULED` reads the day named after the figure).
SCHEDULED_FIGURE = _re(r"\b(?:from|starting|effective|as of|as from)\s+(?:\d|(?-i:[A-Z]))[^.;]{0,40}?\b(?:will|would)\s+be\b")

# A question asking what is expected ("the latest cost estimate", "the forecast", "the projected
# deficit"): a line saying what something is expected to be answers it.
ASKS_ESTIMATE = _re(r"\b(?:estimated?|estimates|forecasts?|projected|projections?|expected|outlook|target)\b")

FORECAST_FIGURE = Cue(
    "a forecast figure",
    _re(rf"\b(?:expected|forecast|projected|predicted|likely|poised|tipped|on (?:track|course))\s+to\b{_UNTIL_FIGURE}{{0,80}}?{_FIGURE}|"
        rf"\b(?:could|will|would|may|might)\s+(?:\w+\s+){{0,3}}?(?:hit|reach|top|exceed|surpass|rise|climb|fall|drop|"
        rf"be(?!(?<=will be)\s+(?:paid|charged|priced|offered|awarded|given|fined)\b)|bring|take|push|lift|raise)\b"
        rf"{_UNTIL_FIGURE}{{0,40}}?{_FIGURE}{_NOT_SCHEDULED}|"
        rf"\bexpect(?:s|ed|ing)?\b{_UNTIL_FIGURE}{{0,60}}?\bto\b{_UNTIL_FIGURE}{{0,60}}?{_FIGURE}|"
        # what the market had looked for: "Economists had expected inflation of 3.9%"
        rf"\b(?:economists|analysts|markets?|forecasters|investors|traders)\s+(?:had\s+|were\s+)?(?:expected|expecting|"
        rf"forecast|predicted|anticipated|pencilled in)\s+(?:[\w-]+\s+){{0,3}}?(?:of\s+|at\s+|around\s+|about\s+)?{_FIGURE}|"
        rf"\b(?:predict(?:s|ed)?|forecast(?:s|ed)?|project(?:s|ed)|expect(?:s|ed)?|anticipat(?:es|ed))\s+an?\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:loss|gain|drop|decline|rise|increase|fall|deficit|surplus|profit|shortfall)\s+of\s+(?:about |around |some |roughly )?{_FIGURE}"),
    ("The national average is expected to hit $5 a gallon within two weeks.", "Inflation could top 10% this autumn.",
     "The firm could be fined up to 2 million euros, regulators warned.",
     "Economists expect the bank to lift the rate to a range of 2.25% to 2.5% by the end of the year.",
     "That would bring the rate to about 0.9% by year's end.", "Prices will rise to $5 by the summer, analysts say.",
     "The club then predicted a loss of 40,000 members over the summer.",
     "The ministry forecast a further drop of about 12% in exports.",
     "Economists had expected inflation to stay at 3.6%.", "Economists had expected inflation of 3.9%."),
    ("The national average reached $4.87 a gallon on Monday.", "Inflation hit 9.1% in June, the highest in 40 years.",
     "Prices are expected to keep rising after hitting $4.58 on Monday.",
     "The club lost 12,000 members over the summer, fewer than the loss of 40,000 it had predicted.",
     "The company reported a loss of $3 million for the quarter.",
     # A change set for a day is a schedule, not a forecast: once the day has come, it is the level.
     "Fares will rise to 4.20 euros for adults from February, the operator said.",
     "The minimum wage will rise to $15 an hour starting Jan. 1.",
     # A sum set by decision is no forecast: "will be paid …", "will be priced at …".
     "The new chief will be paid 245,000 marks a year, the trust confirmed.", "The phone will be priced at $799.",
     "Inflation rose to 3.9% in April, higher than economists had expected."),
)

# A span of time ("three years", "10 days", "a 20-year"), which counts the time, not what a
# "How many …?" question counts (unless it counts that unit: "How many days …?").
TIME_SPAN = Cue(
    "a span of time",
    _re(rf"\b(?:\d[\d,.]*|{_NUMBER_WORD})(?:\s+|-)(?:(?:more|full|straight|consecutive)\s+)?"
        r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b"),
    ("It ended after less than three years.", "The strike lasted 10 days.", "a 20-year career",
     "six more weeks of talks"),
    ("Three ministers resigned.", "At least 12 people died.", "It was his second year in office."),
)
# Someone's age beside their name: "Lee, 91, said", "Hall, 65."
AGE_APPOSITION = Cue(
    "an age beside a name",
    _re(r"(?<=[A-Za-z’']),\s+\d{1,3}(?=\s*[,.;)]|\s+(?:and|said|was|is|has)\b)"),
    ("People close to Lee, 91, were surprised.", "He split from Hall, 65.", "Ann Lee, 34, won the title."),
    ("The vote was 91, 65 and 12 in the three rounds.", "Of the 140 routes, 30 ran.", "It cost $4, 12 less than before."),
)
# "How many times …?", which an ordinal answers ("his fourth divorce", "the 5th title").
TIMES_QUESTION = _re(r"\bhow many times\b")
NTH_TIME = Cue(
    "an ordinal count",
    _re(r"\b(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:rd|th))\b"
        # not a rank ("third-largest", "third best-selling") or a part of a time or a place
        r"(?![\s-]+(?:of\s+)?(?:\w+est|best|worst|most|least|century|quarter|round|place|anniversary|birthday|"
        r"floor|grade|consecutive|straight|day|week|month|year)\b)"),
    ("It will be his fourth divorce.", "She won her 5th title on Sunday.", "It is the third time the bridge has shut."),
    ("It is the third largest jackpot.", "He finished in fourth place.", "The 19th century house burned.",
     "Sales rose in the third quarter.", "She is the third best-selling artist.", "It is the fourth-biggest bank."),
)
COUNT_OF_TIMES = Cue(
    "a count of times",
    _re(rf"\b(?:once|twice|thrice|(?:\d+|{_NUMBER_WORD})\s+(?:more\s+)?times)\b"),
    ("She has been married twice.", "The bridge has shut three times this year.", "He won it 5 times."),
    ("He has three children.", "Prices rose three-fold.", "At times the bridge shut."),
)
# A question about someone's age, which a span of years answers ("How old is the coach?" — "45 years old").
AGE_QUESTION = _re(r"\bhow old\b|\bages?\b|\bold\b|\baged\b")
HOW_OLD = _re(r"\bhow old\b|\bwhat (?:is|was|are|were) (?:the |his |her |their |its )?(?:[\w’'-]+ )?ages?\b|\bat what age\b")

# An age, or when a thing began: what "How old …?" asks.
AGE = Cue(
    "an age",
    _re(rf"\b(?:\d{{1,3}}|{_NUMBER_WORD})(?:-[a-z]+)?[- ](?:years?|months?|decades?|centur(?:y|ies))[- ]old\b|"
        r"\b(?:aged?|age of)\s+\d{1,3}\b|,\s*\d{1,3}\s*,|\(\d{1,3}\)|\b\d{1,3}(?:st|nd|rd|th) birthday\b|"
        r"\bturn(?:s|ed|ing)? \d{1,3}\b|\bborn\b|\b(?:built|founded|opened|established|launched|completed|"
        r"dat(?:es|ing) (?:back )?(?:from|to)|in service|in use|since)\b[^.;]{0,30}?\b(?:1[0-9]|20)\d\d\b"),
    ("The coach is 45 years old.", "The new coach, 45, was hired on Monday.", "the 101-year-old former guard",
     "It will replace the old satellite, which has been in service since 2014.", "She was born in Leeds in 1960.",
     "The forty-five-year-old coach was hired.", "The bridge was built in 1932."),
    ("The club sacked its coach two days after a 3-0 defeat.", "He took charge of the club in the summer of 2023.",
     "The coach was hired on July 7."),
)


# A target or a normal level, not the level reached: "its goal of around 2%", "the normal 2%-to-4%
# range", "the bank's 2% target" (unless the question asks for the target itself, `NORM_WORD`).
_NORM = r"(?:target|goal|aim|objective|normal|usual|typical)"
NORM_WORD = _re(rf"\b{_NORM}s?\b|\brange\b")
NORM_FIGURE = Cue(
    "a target or normal figure",
    _re(rf"\b{_NORM}s?\s+(?:of\s+)?(?:about |around |roughly |near |close to )?{_FIGURE}|"
        rf"(?:\b{_NORM}\s+|['’]s\s+){_FIGURE}\s+(?:range|target|goal|level|mark)\b|"
        rf"{_FIGURE}\s+(?:target|goal)\b"),
    ("The central bank is raising rates to bring inflation from 8.3% to its goal of around 2%.",
     "Inflation has been out of the normal 2%-to-4% range for a full year.",
     "Inflation is far above the bank's 2% target."),
    ("Inflation rose to 9.1% in June.", "The rate now stands in a range of 1.5% to 1.75%.",
     "Inflation reached 8.6%, the highest in 40 years."),
)


# A figure said of a part of a place, not of the whole: "every state averaging at least $4", "10
# states where the average is $5 or higher", "the cheapest statewide average". A count spread over
# parts ("nine cases in seven states") is the whole's; so is a sentence that names the national figure.
# Not "the United States", nor a union's "member states" (their average is the union's).
_PART = r"(?<!United )(?<!member )(?:states?|count(?:y|ies)|cit(?:y|ies)|provinces?|regions?|districts?|metro(?:politan)? areas?)"
_PLURAL_PART = r"(?<!United )(?<!member )(?:states|counties|cities|provinces|regions|districts|metro(?:politan)? areas)"
PART_WORD = Cue(
    "names a part of a place",
    _re(rf"\b{_PART}\b|\bstatewide\b|\bmetro\b"),
    ("What is the average gas price in each state?", "Which county has the most cases?"),
    ("What is the average price of gas in the US now?", "How many cases are there nationwide?"),
)
PART_FIGURE = Cue(
    "a part's figure",
    _re(rf"^(?!.*\b(?:national(?:ly)?|nationwide|countrywide)\b).*?(?P<part>"
        rf"\b(?:{_PART}|statewide)\s+(?:averages?|rates?|levels?|figures?|totals?)\b|"
        rf"\b{_PLURAL_PART}(?:,[^,.;]{{1,40}},)?\s+where\b|"
        rf"\b{_PART}(?:,[^,.;]{{1,40}},)?\s+(?:averag\w*|reporting|"
        rf"with\s+(?:an?\s+|the\s+)?(?:average|highest|lowest))\b|"
        rf"\b(?:highest|lowest|cheapest|priciest|most expensive)\s+(?:\w+\s+)?{_PART}|"
        rf"\bin\s+(?:metro|some\s+parts\s+of)\b)"),
    ("The average U.S. gas price continues to reach record highs, with every state averaging at least $4 a gallon.",
     "There are now 10 states where the average price of gasoline is $5 a gallon or higher.",
     "The average price is inflated in some high-priced states, such as California, where the average is $5.37.",
     "According to the AAA, the state reporting the highest gas prices on Saturday was California.",
     "Georgia is the only state with an average below $4.30 a gallon.",
     "The lowest state average is currently in Mississippi, with a price of $4.52 a gallon.",
     "In metro Detroit, the average price for a gallon of gas was $3.22 on Wednesday."),
    ("The national average jumped to $4.87 a gallon on Monday, according to AAA.",
     "Gas prices in the United States averaged $3.91 a gallon on Monday.",
     "Inflation across the union's member states averaged 2.4 percent in May.",
     "The city reported the deaths of 14 more people, bringing the toll to 63.",
     "The toll rose to 42, most of them in the old town, a city where the river burst its banks.",
     "The CDC has identified nine monkeypox cases in seven states as of Wednesday.",
     "There are 1,814 cases across 44 states and Washington, DC.",
     "The state of emergency was extended as the toll rose to 37.",
     "Although the national average has been above $4 since February, some states where gas is cheapest stayed below it."),
)

# A figure of the whole world ("more than 6,000 cases recorded in 58 countries", "cases worldwide")
# does not give one country's, which a question naming that country asks for; nor the other way
# round, which the question's own words say ("the global case count", "worldwide").
WORLD_FIGURE = Cue(
    "a figure of the whole world",
    _re(r"\b(?:worldwide|globally|global|(?:across|around) the (?:world|globe)|in (?:more than |over |nearly |about |at "
        r"least )?\d[\d,]* (?:countries|nations))\b"),
    ("Across the world, there has now been more than 6,000 cases recorded in 58 countries.",
     "The outbreak has ballooned to more than 16,000 reported cases in more than 70 countries.",
     "Confirmed cases have now surpassed 26,800 worldwide."),
    ("In the U.S., 306 cases have been reported in more than 26 states.", "The toll in the country rose to 37."),
)


# A move given in percent ("jumped 6%", "fell 4 percent in May"): over time, a report's step when
# it gives no figure of the measure itself.
PERCENT_MOVE = Cue(
    "a move in percent",
    _re(r"\b(?:rose|rise[sn]?|jump(?:ed|s)?|fell|falls?|drop(?:ped|s)?|climb(?:ed|s)?|increased|"
        r"decreased|declined|slipped|surged|soared|plunged|gained|edged|up|down)\s+(?:by\s+)?"
        r"(?:about\s+|nearly\s+|almost\s+|more than\s+)?\d[\d.,]*\s*(?:%|percent|per cent)"),
    ("Petrol prices jumped 6% in March.", "Sales fell 4 percent in May.", "Rents rose by about 3.5 per cent."),
    ("Petrol prices jumped to $4.20 a gallon.", "The share of renters is 36%.", "Sales fell sharply in May."),
)

# A question asked over years ("How has the toll changed over the years?", "across the decades").
OVER_THE_YEARS = Cue(
    "asks over the years",
    _re(r"\b(?:over|in|across|through(?:out)?)\s+(?:the\s+)?(?:years|decades)\b|\bover\s+time\b"),
    ("How has the price changed over the years?", "How did the club fare across the decades?",
     "What has the team won throughout the years?", "How did the cost estimate change over time?"),
    ("How has the price changed this year?", "What changed in the last five years?", "Who won ten years ago?"),
)
ASKS_FIGURE = Cue(
    "asks for a figure",
    _re(r"\bhow\s+(?:many|much)\b|\b(?:figures?|numbers?|counts?|totals?|tally|toll|attendance|turnout)\b"),
    ("What is the latest attendance figure for the festival?", "How many visitors did the festival draw?",
     "What is the latest toll?"),
    ("Who is the latest winner of the prize?", "What is the latest news about the festival?"),
)


# When a scheduled change takes effect ("Takes effect: 5 January 2026", "comes into force on 1
# March", "effective from Monday"): the day from which a figure a report announces holds.
IN_FORCE = Cue(
    "says when a change takes effect",
    _re(r"\b(?:takes?|took|taking|take)\s+effect\b|\b(?:comes?|came|coming)\s+into\s+(?:force|effect)\b|"
        r"\b(?:in\s+(?:force|effect)|effective)\s+(?:from|on|as\s+of)\b|\beffective\s+(?:date\b|\d|(?-i:[A-Z]))"),
    ("- Takes effect: 5 January 2026", "The new fares come into force on 1 March.",
     "The rise, effective from Monday, adds 30 cents.", "The rise will take effect in April.",
     "The rule is in force from today.", "Effective date: 1 July"),
    ("The strike had an effect on exports.", "The new fares are effective at cutting congestion.",
     "The law remains in force.", "The talks came into focus."),
)

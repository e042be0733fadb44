"""The kinds of answer a question may ask for, and what a sentence must hold to give one, as data.

Also the "What did <party> say …?" cue and the "before/after <event>" condition. Written for news
in general (no place, party or person of any one corpus). Every row carries examples it must match
and examples it must not, and tests/test_answers.py checks each row against them, so a change to a
pattern is a change to data with its own evidence. The question is read with the `asks` side
(`rag.question.read`); the answerers test sentences with the `holds` side
(`rag.answering.tables.kinds.holds_answer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.question.cues import MONTH_NAMES, UPPER, WEEKDAY_NAMES


@dataclass(frozen=True)
class Cue:
    """A pattern with the evidence for it: `matches` must match, `misses` must not."""

    name: str
    pattern: re.Pattern
    matches: tuple[str, ...]
    misses: tuple[str, ...] = ()

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text)


@dataclass(frozen=True)
class AnswerType:
    """What kind of answer a question asks for (`asks`), and what a sentence must hold to give one.

    Classic answer typing: a "How many…?" question is not answered by a sentence with no quantity.
    """

    name: str
    asks: Cue  # matched against the question
    holds: Cue  # matched against a candidate answer sentence
    # The answer must be something the question does not already say: "Who won the Harlow Shield?"
    # is not answered by a sentence whose only names are "Harlow Shield" (see `holds_answer`).
    beyond_question: bool = False


_NUMBER_WORDS_BUT_ONE = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|scores of"
)
_NUMBER_WORDS = rf"one|{_NUMBER_WORDS_BUT_ONE}"
_MONTHS = "|".join(MONTH_NAMES)
_DAYS = "|".join(WEEKDAY_NAMES)
_CURRENCIES = (r"dollars?|euros?|pounds?|pence|cents?|yen|yuan|renminbi|rupees?|crore|lakh|francs?|pesos?|rand|"
               r"naira|shillings?|dirhams?|riyals?|lira|roubles?|rubles?|kronor|krona|kroner|krone|zloty|crowns?|koruna|"
               r"baht|ringgit|rupiah|shekels?|dinars?|forint|hryvnias?|lei|leva|kwacha|cedis?|taka|tenge|lari|"
               r"marks|reais|dong|kyat|manat|birr|kina|quetzal(?:es)?|colones|bol[ií]vars?|soles|rials?|"
               r"c[oó]rdobas?|lempiras?|guaran[ií]es?|pula|som|kuna|(?-i:lev|leu)|tugriks?|riels?|somoni|"
               r"kwanzas?|meticais|ariary|leones?|dalasis?|bitcoins?|(?<=illion\s)won")
# Currencies by their ISO codes, as business wires write them: "CHF 3.2 billion", "2.1bn NOK" (not those
# that name other things beside a number: COP 28, RON 95 petrol, PHP 8).
_CURRENCY_CODES = (r"USD|EUR|GBP|JPY|CNY|RMB|INR|AUD|CAD|CHF|SEK|NOK|DKK|HKD|SGD|NZD|ZAR|KES|NGN|GHS|EGP|BRL|MXN|ARS|"
                   r"CLP|PEN|TRY|PLN|CZK|HUF|UAH|RUB|KRW|TWD|IDR|THB|MYR|VND|PKR|BDT|LKR|ILS|AED|SAR|"
                   r"QAR|KWD")
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_UNITS = (r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|ft|foot|inch(?:es)?|cm|centimet(?:re|er)s?|mm|yards?|"
          r"storeys?|stor(?:y|ies)|floors?|light[- ]years|square|acres?|hectares?|m(?![\w.])")
_MASS_UNITS = r"kg|kilo(?:gram(?:me)?)?s?|tonnes?|tons?|grams?|grammes?|lbs?|ounces?|oz|stone"
_SPEED_UNITS = (r"km/h|kmh|kph|mph|(?:miles|kilomet(?:re|er)s|km|met(?:re|er)s) (?:an|per) (?:hour|second)|knots|m/s|km/s|"
                # a connection's speed: "25-gigabits-per-second", "1 Gbps", "a 10-gig service", "500 megabits"
                r"[kmgt]bps|[kmgt]b/s|(?:kilo|mega|giga|tera)bits?(?:[-\s]per[-\s]second)?|gigs?\b")
# A share of a whole: "82 percent", "one in five", "half of".
_SHARE_FIGURE = (rf"\d\s*(?:%|percent\b|per cent\b|percentage points?\b|pct\b|pc\b)|\b(?:{_SMALL}|\d+) (?:in|out of) "
                 rf"(?:{_SMALL}|\d+)\b|\b(?:half|a third|two-thirds|a quarter|three-quarters|a fifth) of\b")
# What a figure asked of a thing's height or distance must not be about: "How high will inflation
# climb?" asks a level, "How far have prices fallen?" a change.
_NOT_A_LENGTH = (r"(?![^?]*\b(?:inflation|prices?|rates?|costs?|bills?|tax(?:es)?|wages|pay|unemployment|stakes|risks?|"
                 r"demand|debts?|fares?|rents?|shares?|stocks?|markets?|sales|profits?|growth|support|ratings?|polls?)\b)")
_DURATION = rf"\d|{_NUMBER_WORDS}|decades?|years?|months?|weeks?|days?|hours?|centur(?:y|ies)|since|era"
# Roles a "which …" question may ask a name for.
_ROLES = (
    r"general|minister|commander|spokes\w+|president|leader|official|hospital|newspaper|company|team|"
    r"player|coach|party|candidate|city|country|agency|court|judge|governor|mayor|ceo|chief|club"
)

# Kinds of things a "Which …?" question may ask for that no name or agent gives.
_THINGS = (
    r"items?|goods|products?|foods?|measures?|provisions?|reforms?|changes?|features?|symptoms?|ingredients?|"
    r"parts?|steps?|polic(?:y|ies)|rules?"
)


# A toll that is a fee, not a count of the dead: named after what it is paid for ("the canal toll",
# "the bridge toll") or followed by what it is charged by ("toll per net tonne", "toll for lorries").
FEE_TOLL_BEFORE = r"(?<!canal )(?<!road )(?<!bridge )(?<!motorway )(?<!tunnel )(?<!highway )(?<!transit )"
FEE_TOLL_AFTER = r"per|charges?|fees?|for\s+(?:cars?|lorries|trucks|vehicles|ships)"


def _re(pattern: str, flags: int = re.I) -> re.Pattern:
    return re.compile(pattern, flags)


ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        # A sum of money asked for is not given by a sentence with no currency in it ("shares rose
        # 4 percent" does not say what the share price is).
        "money",
        Cue("asks a sum of money",
            _re(r"\bhow much (?:money|cash|compensation|damages?|ransom|funding)\b|\bhow much (?:did|does|do|will|would|has|have|had|is|was|are|were) [\w’' -]{1,60}? "
                r"(?:cost|pay|paid|paying|spend|spent|spending|earn|earned|earning|charge|charged|charging|fetch|fetched|owe|"
                r"raised?(?!\s+(?:[\w’'-]+\s+){0,3}(?:rates?|shares?|prices?|tax(?:es)?|tariffs?|fares?|stakes?|limits?|"
                r"forecasts?|targets?|age|levels?)\b))\b|"
                r"\bwhat (?:is|was|are|were|will be) (?:the )?(?:[\w’'-]+ ){0,3}(?<!human )"
                r"(?:price|cost|salary|(?-i:fine)|fee|fare|wage|jackpot|bail|bonus|budget|valuation|rent|(?:price|fare|rent) cap|"
                # a household's bill, not a law ("the spending bill")
                r"(?:average|typical|monthly|household) (?:[\w’'-]+ ){0,2}?bill)s?"
                r"(?=\s*(?:[?,]|$|(?:of|for|on|to|now|today|this|in|at|after|per)\b))(?! of (?:living|lives|the war in lives))|"
                r"\b(?:at|below|above|under|over|to|from|past) what (?:price|cost|salary|fee|fare|wage|valuation)s?\b|"
                # "What toll will lorries pay?", "What fee does the club charge?" (not "What price will the
                # party pay for the scandal?")
                r"\bwhat (?:\w+ )?(?:toll|fee|fare|salary|wage|rent|premium|fine)s? (?:will|would|did|does|do|is|are|was|were|has|have) "
                r"[\w’' -]{1,60}? (?:pay|paid|paying|charge|charged|charging|cost|earn|earned|get|got)\b"
                r"(?!\s+(?:for|with)\s+(?:the\s+)?(?:scandal|crime|mistake|failure|defeat|offen[cs]e)\b)|"
                # "How big a fine did she get?", "What did the painting sell for?"
                r"\bhow (?:big|large|heavy|hefty|steep|high) an? (?:fine|fee|bonus|payout|settlement|penalty|salary|pay-?out)\b|"
                r"\bwhat (?:did|does|do|will|would) [\w’' -]{1,60}? (?:sell|sold|fetch|retail|auction(?:ed)?) for\b|"
                # "How much is a single fare these days?", "What does a bus ticket cost now?"
                r"\bhow much (?:is|was|are|were|will be) (?:the |a |an )?(?:[\w’'-]+ ){0,3}"
                r"(?:price|cost|salary|fee|fare|ticket|wage|rent|subscription)s?\b"
                r"(?!\s+(?:rising|going|increasing|falling|expected|set|due|up|down)\b)|"
                # (not what something costs someone: "What does the plan cost the town?")
                r"\bwhat (?:does|do|did|will|would) [\w’' -]{1,60}? cost\b"
                r"(?!\s+(?:him|her|them|us|me|you|the|a|an|its|their|his|our|my)\b)"),
            ("How much money has been pledged?", "What is the company's share price today?",
             "The average price fell below what price?", "At what price did the shares close?",
             "How much did the telescope cost?", "How much has the campaigner raised for charity?",
             "What was the estimated cost of the damage?", "What is the fine for speeding?",
             "How much compensation will the airline pay each passenger?", "How much damage did the storm cause?",
             "How big a fine did the former chief executive get?", "What did the phone sell for when it launched?",
             "How much is the airline paying for its new jets?",
             "What did the house sell for?", "What does an annual bus pass cost?",
             "How much is a single fare on the city's buses these days?", "What does a day ticket cost right now?",
             "what was the average water bill after the april 2022 rise", "What is the rent now?",
             "What toll will lorries pay on the new crossing?", "What fee does the club charge members?",
             "What was the household electricity price cap in December 2024?"),
            ("How much rain fell?", "What is the cost of living doing to families?", "What did the fine punish?",
             "How much did the river rise?", "How much did the Fed raise rates?", "What is the new Fine Arts Museum director's name?",
             "What was the human cost of the floods?", "What was the fine print?", "What is the bonus structure?",
             "What was the bill for?", "What is the spending bill?", "What was the government offering nurses in May 2023?",
             "What is the energy bill?", "What is the annual appropriations bill for?",
             "What were prosecutors charging him with?", "What was she paying tribute to?", "What was the city bidding to host?",
             "What price will the party pay for the scandal?", "What was the project going to cost the town in jobs?",
             "What were the prices doing?", "What price rises are expected?", "How big a crowd did the fair draw?",
             "What did the company go for in the end?", "What did the defeat cost the team?", "How big a sentence did he get?",
             "How much is the fare rising?", "What does the plan cost the town in jobs, the union asked?")),
        Cue("holds a sum of money",
            _re(rf"[$£€¥₹₩₦₪₺₽₱₴₫฿]\s?\d|\b(?:Rs\.?|(?-i:{_CURRENCY_CODES}))\s?\d|\b\d[\d,.]*\s*(?:m|bn|k|million|billion|"
                rf"trillion|thousand)?\s*(?:{_CURRENCIES}|(?-i:{_CURRENCY_CODES}))\b|\b\d+(?:\.\d+)?[pc]\b|"
                # a sum in words: "a green card costing two euros", "fifty pence"
                rf"\b(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}|hundred|thousand|million|billion))*\s+(?:{_CURRENCIES})\b"),
            ("Donors pledged $1.2 billion.", "Shares closed at 412 pence.", "Shares closed at 412p.", "The fine is 500 euros.",
             "It cost Rs 40 crore.", "Damage is put at 10 billion dollars.", "The single fare rises to 2.20 crowns.",
             "Residents carry a green card costing two euros.", "A stamp now costs seventy-five cents.",
             "The bank posted a loss of CHF 3.2 billion.", "The fund raised 2.1bn NOK.", "The deal is worth ₩5 trillion.",
             "Samsung will invest 450 trillion won.", "The ransom was paid in bitcoins: 75 bitcoins in all."),
            ("Shares rose 4 percent in afternoon trading.", "Donors pledged more aid.", "Smith, 34, won the title in 2019.",
             "Ostrova won 3 of its 5 games.", "Plug it into a USB 3 port.", "Turnout was 2 million; Ek won 3 million votes.",
             "Since 2021 it has taken in 12,000 refugees.", "At COP 28, ministers met.", "RON 95 petrol costs more.",
             "In 1998 Lev Marsh founded the firm.", "He drank 2 drams of whisky.")),
    ),
    AnswerType(
        # "What percentage …?", "What was the inflation rate?": a share, not any number.
        "share",
        Cue("asks a share",
            _re(r"\bwhat (?:percentage|percent|proportion|share|fraction)\b|\bby what (?:percentage|percent)\b|"
                r"\bwhat (?:is|was|are|were|will be) (?:the )?(?:[\w’'-]+ ){0,5}(?:(?:interest|inflation|unemployment|"
                r"jobless|mortgage|tax|growth|approval|vacancy|poverty|turnout|vaccination|positivity|occupancy|"
                r"savings|participation) rates?\b|rates? (?:on|for) (?:an? |the )?(?:[\w-]+ )?(?:mortgages?|loans?|"
                r"bonds?|savings|deposits?)\b)"),
            ("What percentage of voters backed the plan?", "What was the inflation rate in 2024?",
             "By what percentage will bills rise?", "What is the current mortgage rate?",
             "What is the central bank's benchmark interest rate now?", "What is the average rate on a 30-year mortgage?"),
            ("How many voters backed the plan?", "What is the exchange rate doing to exports?",
             "Which shares fell most?")),
        Cue("holds a share",
            _re(_SHARE_FIGURE),
            ("Inflation reached 8.9 percent.", "About 38% disapprove.", "One in five adults is behind on a bill.",
             "Unemployment was 3.6 pct in May.",
             "Half of voters backed it.", "Four out of 10 said no."),
            ("Shares rose sharply.", "About 300 people attended.", "One in the crowd shouted.",
             "The bank raised rates for a fifth time.")),
    ),
    AnswerType(
        # "How heavy was the satellite?": a mass, not the report of its launch.
        "mass",
        Cue("asks a weight",
            _re(r"\bhow heavy\b(?! (?:is|was|are|were|will be) (?:the |its |their )?(?:[\w’'-]+ )?(?:burden|toll|losses|"
                r"traffic|rain(?:fall)?|snow(?:fall)?|fighting|debts?|workload|price|penalt\w+|defeat|casualties)\b)|"
                r"\bhow much (?:\w+ ){1,6}?weigh(?:s|ed)?\b|"
                r"\bwhat (?:is|was|are|were|will be) (?:the |its |their )?(?:[\w’'-]+ ){0,3}?weights?\b"
                r"(?! (?:loss|limit|class|category|division|room|training))"),
            ("How heavy was the satellite?", "How much does the new locomotive weigh?", "What is the satellite's weight?",
             "How heavy is the largest pumpkin?"),
            ("How heavy was the fighting?", "How heavy is the burden on families?", "How much weight did she lose?",
             "What is the weight limit on the bridge?", "How much did the satellite cost?")),
        Cue("holds a weight",
            _re(rf"\b\d[\d,.]*\s*(?:-\s*)?(?:million |billion |thousand )?(?:{_MASS_UNITS})\b|"
                rf"\bweigh(?:s|ed|ing)?\s+(?:about |around |nearly |almost |more than |less than |just |under |over )?"
                rf"(?:\d|{_NUMBER_WORDS}|a tonne|a ton)"),
            ("The satellite weighs 1,250 kilograms.", "It weighs 3.2 tonnes.", "a 400kg probe was launched",
             "The whale weighed about forty tons.", "The locomotive weighs more than 90 tonnes."),
            ("The satellite was launched on Sunday.", "The launch was watched by thousands of people.",
             "The 4G network reached 40 towns.")),
    ),
    AnswerType(
        # "How effective is the vaccine?": a rate of success ("82 percent effective"), not its approval.
        "efficacy",
        Cue("asks how effective",
            _re(r"\bhow (?:effective|efficacious)\b|\bhow well (?:does|do|did|will|would|is|was) (?:[\w’'-]+ ){1,4}?"
                r"(?:work|protect|perform)\w*\b|\bwhat (?:is|was|are|were) (?:the |its |their )?(?:[\w’'-]+ ){0,3}?"
                r"(?:efficacy|effectiveness|success rate)\b"),
            ("How effective is the new flu vaccine?", "What is the vaccine's efficacy?",
             "How well does the drug protect against severe illness?", "What was the trial's success rate?"),
            ("Which vaccine was approved?", "How did the vaccine trial go?", "When will the drug be effective?")),
        Cue("holds a rate of success",
            _re(_SHARE_FIGURE + r"|\b(?:halved|(?:\d+|two|three|four|five|ten) times (?:less|more|lower|higher))\b"),
            ("The vaccine was 82 percent effective at preventing severe illness.", "It cut the risk of death by half of the cases.",
             "Vaccinated people were five times less likely to be admitted."),
            ("The regulator approved the vaccine on Monday.", "The first doses will be given in October.")),
    ),
    AnswerType(
        # "What was the top temperature in the heatwave?": degrees, not how long the heat lasted.
        "temperature",
        Cue("asks a temperature",
            _re(r"\bhow (?:hot|cold|warm)\b(?! (?:is|was|are|were) (?:the )?(?:[\w’'-]+ )?(?:market|housing|race|contest|"
                r"debate|issue|topic|stock|relations?|reception|welcome)\b)|\bwhat temperatures?\b|"
                r"\bhow (?:high|low) (?:did|do|does|will|could|might|can|is|was|are|were) (?:the )?(?:[\w’'-]+ ){0,2}"
                r"temperatures?\b|"
                r"\bwhat (?:is|was|are|were|will be) (?:the |its |their )?(?:[\w’'-]+ ){0,3}?temperatures?\b"
                r"(?! (?:checks?|controls?|rises?|targets?))"),
            ("What was the top temperature in the June heatwave?", "How hot did it get in the capital?",
             "What temperature did the thermometer reach?", "How low did temperatures fall overnight?",
             "What is the record temperature for the country?"),
            ("How hot is the housing market?", "How long did the heatwave last?", "What was the temperature rise target?",
             "How high did prices climb?")),
        Cue("holds a temperature",
            _re(r"\b\d(?:[\d.,]*\d)?\s*(?:°|º|degrees?\b)|"
                r"(?<!\bseat )(?<!\brow )(?<!\bflat )(?<!\bgate )(?<!\broom )(?<!\bunit )(?<!\bapartment )(?<!\bplatform )"
                r"\b-?\d{1,3}(?:\.\d+)?(?-i:[CF])\b|"
                rf"\b(?:{_NUMBER_WORDS})(?:[\s-]+(?:{_NUMBER_WORDS}))*\s+degrees?\b"),
            ("Temperatures reached 38.4C in the south.", "It hit 41 °C on Tuesday.", "Lows of minus 12 degrees were recorded.",
             "The mercury touched 104F.", "It was forty degrees in the shade."),
            ("The heatwave lasted three days.", "Prices rose 3c a litre.", "The storm hit on June 3.",
             "She sat in seat 14F.", "They live in apartment 4C.")),
    ),
    AnswerType(
        # "How fast can the train go?": a speed.
        "speed",
        Cue("asks a speed",
            _re(r"\bhow fast\b(?![^?]*\b(?:prices?|inflation|econom\w+|rates?|cases|sales|costs?|wages|grow\w*|grew|"
                r"ris(?:e|es|ing)|rose|fall\w*|fell|spread\w*|increas\w+|shrink\w*|sell\w*|sold)\b)|"
                r"\bwhat (?:is|was|are|were|will be) (?:the |its |their )?(?:[\w’'-]+ ){0,3}?speed(?:s| limits?)?\b"
                r"(?! (?:of (?:the )?(?:talks|reforms?|change|recovery)|bumps?|cameras?|dating))"),
            ("How fast can the new train go?", "What is the car's top speed?", "What is the speed limit in the city centre?",
             "How fast were the winds?"),
            ("How fast are prices rising?", "How fast is the virus spreading?", "What is the speed of the talks?",
             "How many speed cameras are there?")),
        Cue("holds a speed",
            _re(rf"\b\d[\d,.]*(?:\s*|-)(?:{_SPEED_UNITS})(?![\w/])|\bmach \d|\bspeed of sound\b"),
            ("The train can reach 320 km/h.", "Winds gusted at 90mph.", "It flew at Mach 2.", "The limit will be 30 km/h.",
             "The company launched a 25-gigabits-per-second internet service.", "Speeds of 1 Gbps are offered.",
             "It follows the 10-gig service of 2015.", "Download speeds reach 500 megabits."),
            ("The train left at 10:45.", "The car was recalled on Monday.", "The route is 320 km long.",
             "The plan costs 25 billion.", "The drive holds 2 gigabytes.")),
    ),
    AnswerType(
        "quantity",
        Cue("asks a quantity",
            _re(r"\b(how many|how much|how old|how (?:big|large) (?:is|was|are|were)|(what|which)(?: (?:is|was|were|are)|['’]s) "
                r"(?:the |(?:[\w.-]+ ){0,2}[\w.-]+['’]s? )(\w+ ){0,3}"
                rf"(number|{FEE_TOLL_BEFORE}toll(?!\s+(?:{FEE_TOLL_AFTER}))|count|tally|population|attendance|turnout|"
                r"margin|majority)|"
                r"what (?:size|area))\b"),
            ("How many people were killed?", "What was the death toll?", "How much did the bridge cost?",
             "How big is the jackpot now?", "How large was the fire?", "What area did the fire cover?",
             "How old is the new coach?", "what's the population of the town", "What's the death toll now?",
             "What was the attendance at the festival?", "What was the mayor's winning margin in 2019?",
             "What was the government's majority after the vote?"),
            ("Who won the election?", "Why did the talks fail?", "What is the current canal toll per net tonne?",
             "What was the mayor's plan?")),
        # "one" as a pronoun ("the one", "one another") counts nothing; "no one", "nobody", "none"
        # count zero.
        Cue("holds a quantity", _re(rf"\b(\d[\d,.]*|(?<!\bthe )(?<!\bthis )(?<!\bthat )one\b(?! another)|"
                                    rf"nobody|none|{_NUMBER_WORDS_BUT_ONE})\b"),
            ("At least 12 people died.", "Dozens of fighters were killed.", "It cost $4.5 million.",
             "One person died.", "Only one of the crew survived.", "No one was killed in the fire.",
             "Thirteen people died."),
            ("The talks collapsed without agreement.",
             "The new plan is the one the council rejected.", "Neighbours helped one another.")),
    ),
    AnswerType(
        # How a figure moved over time ("How have gas prices changed since May?"): each report in
        # the answer's timeline must give the figure, not only talk about it.
        "course",
        Cue("asks a figure's course",
            _re(r"\bhow\s+(?:did|has|have|do|does)\b[^?]*\b(?:jackpot|toll|prices?|rates?|number|count|tally|total|"
                r"cases|deaths|costs?|inflation|unemployment|levels?|figures?|sales|revenue|profits?|bottom\s+line|"
                r"population|turnout|attendance|debt|deficit)\b[^?]*\b(?:grow|grew|grown|rise|rose|risen|fall|fell|fallen|climb|climbed|"
                r"increase|increased|decrease|decreased|move|moved|change|changed|develop|developed|evolve|evolved)\b"
                # what it did itself, not what it did to something else ("changed the housing market")
                r"(?=\s*(?:[?.!]|$|(?:since|over|in|during|this|last|from|between|so|through|after|before|until|to|by|"
                r"recently|lately|each|every|week|month|year)\b))"),
            ("How have gas prices changed since May?", "How did the death toll from the floods rise?",
             "How has the number of cases grown?", "How has inflation changed over the last few months?",
             "How has attendance at the fair changed since 2022?", "How has the firm's quarterly bottom line moved?"),
            ("How did the government fall?", "How did prices affect voters?", "How many cases are there?",
             "How did the talks develop?", "How have high interest rates changed the housing market?",
             "How has inflation changed shopping habits?")),
        Cue("holds a figure",
            _re(rf"\b(?!(?:1[89]|20)\d\d\b)\d[\d,.]*+(?!st\b|nd\b|rd\b|th\b)|\b(?:{_NUMBER_WORDS_BUT_ONE})\b"),
            ("Prices rose to $4.87 a gallon.", "The toll has risen to 37.", "Dozens more cases were reported.",
             "The toll has climbed to fifteen."),
            ("Prices have risen since 2021.", "Prices kept climbing through the summer.",
             "It is the 12th largest jackpot ever.")),
    ),
    AnswerType(
        # "Where did the club finish in the league?": a place in a table or a race ("third", "runners-up"),
        # not where it played. "Where did the race finish?" asks a place on a map.
        "position",
        Cue("asks a position",
            _re(r"\bwhere (?:did|do|does|will|would|could|is|was|are|were) (?:[\w’'.-]+ ){1,5}?(?:finish|finished|end up|ended up|"
                r"place|placed|rank|ranked|come|came|sit|sits|stand|stands|lie|lies)\s+(?:in|at|on) (?:the )?(?:[\w’'-]+ ){0,3}?"
                r"(?:league|table|standings|division|season|championship|rankings?|poll|race|contest|tournament|competition|"
                r"group|conference|marathon|final|event)\b|"
                r"\b(?:what|which) (?:position|place|spot|ranking|rank) (?:did|do|does|will|would|is|was|are|were|has|have) "
                r"(?:[\w’'.-]+ ){1,5}?(?:finish|end|come|came|place|rank|sit|stand|lie)\w*\b"),
            ("Where did Hale Town finish in the 2024-25 league season?", "Where did she finish in the race?",
             "What position did the team finish in the table?", "Which place did the club end up in the standings?",
             "Where do the Tigers sit in the Western Conference standings?"),
            ("Where did the race finish?", "Where did the tour end up after the storm?",
             "Where is the club's new stadium?", "What position did she hold in government?")),
        Cue("holds a position",
            _re(rf"\b\d{{1,3}}(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
                r"runners?-up|relegat\w+|promot\w+|mid-table|podium)\b(?!-)|\b(?:top|bottom) of\b|"
                r"\bwon the (?:league|title|race|championship|division)\b"),
            ("Hale finished third, eleven points behind the champions.", "She was 12th in the race.",
             "The club were relegated on the final day.", "City finished as runners-up."),
            ("Hale Town 0-1 Kirk City", "The league resumes on Saturday.",
             "The league champions have been the better side.", "He was the league's second-highest scorer.")),
    ),
    AnswerType(
        "year",
        Cue("asks a year", _re(r"\b(what|which) year\b"),
            ("In what year was the treaty signed?", "Which year did the club last win?"),
            ("What did the minister say?",)),
        Cue("holds a year", _re(r"\b(1[89]|20)\d\d\b", 0),
            ("The treaty was signed in 1998.", "Since 2021, trade has grown."),
            ("The treaty was signed long ago.", "About 300 people attended.")),
    ),
    AnswerType(
        # "What time did the eruption start?": a time of day, not a year or a day ("last erupted in 1961").
        "clock",
        Cue("asks a time of day", _re(r"\b(?:at\s+)?what\s+time\b(?!\s+(?:of\s+(?:the\s+)?(?:year|month|season|life)|"
                                      r"periods?|frames?|zones?|limits?|scales?)\b)|\bat\s+what\s+hour\b"),
            ("What time did the eruption start?", "At what time was the alarm raised?", "what time does the match kick off"),
            ("What time of year is the festival held?", "In what time frame will the work be done?",
             "When did the eruption start?")),
        Cue("holds a time of day",
            _re(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\b\d{1,2}(?:[:.][0-5]\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|"
                r"\b(?:noon|midday|midnight|dawn|dusk|daybreak|o['’]clock)\b"),
            ("The eruption began at 03:40 local time.", "The alarm was raised at 9.15pm.", "Kick-off is at noon."),
            ("The volcano last erupted in 1961.", "The eruption began on Thursday.", "Prices rose 3.5 percent.")),
    ),
    AnswerType(
        "date",
        Cue("asks a date", _re(r"\b((what|which) (date|day|time|month)|on what|when exactly|what day)\b|"
                               r"\b(?:from|since|until|till) when\W*$"),
            ("On what day did the strike begin?", "What date was the vote?", "When exactly did it open?",
             "Barristers have voted to strike indefinitely from when?"),
            ("Where did the vote take place?",)),
        Cue("holds a date", _re(rf"\b(\d{{1,4}}|{_MONTHS}|{_DAYS}|yesterday|today|tomorrow|overnight|morning|evening|night)\b"),
            ("The vote was held on 3 March.", "It opened on Friday.", "Explosions were heard overnight."),
            ("The vote was held in the capital.",)),
    ),
    AnswerType(
        # A bare "When …?": news answers it with a date, a day or a time relative to the story
        # ("within hours", "two days later", "last week"); a sentence with none of these does not.
        "time",
        Cue("asks when", _re(r"(?:^|[.?!;:]\s)\W*(?:and |so |then |but )?when\b"
                             # "When the plant closed, what …?": a clause that sets the scene
                             r"(?![^?.!]*,\s*(?:what|who|whom|whose|which|where|why|how)\b)"),
            ("When did the strikes happen?", "And when will the bridge reopen?", "The talks stalled. When will they resume?",
             "When did the strike end, and who won?"),
            ("What did the minister say when asked?", "Where did the vote take place?",
             "When the plant closed, what happened to its workers?")),
        Cue("holds a time",
            _re(rf"\b(?:(?:1[89]|20)\d\d|{_MONTHS}|{_DAYS}|yesterday|today|tonight|tomorrow|overnight|"
                r"(?:this|that|last|next|early|late|earlier|later) (?:\w+ )?(?:morning|afternoon|evening|night|"
                r"week|weekend|month|year|season|spring|summer|autumn|fall|winter|hours)|"
                r"within (?:\w+ ){0,2}(?:minutes|hours|days|weeks|months|years)|"
                r"(?:in|after|over) (?:\w+ ){1,2}(?:minutes|hours|days|weeks|months|years)|"
                r"(?:minutes|hours|days|weeks|months|years|moments)\s+(?:later|after|before|earlier|ago)|"
                r"ago|recently|since|(?:shortly|soon|just|immediately|days|hours|weeks) (?:after|before)|"
                r"era|centur(?:y|ies)|decades?|dawn|dusk|midnight|noon|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc))\b"),
            ("Within hours, aircraft struck targets across the border.", "The vote was held on 3 March.",
             "It opened on Friday.", "Two days later, the bridge reopened.", "The talks collapsed last week.",
             "Explosions were heard overnight.", "The plant closed in 2019.",
             "The line was drawn during the colonial era.", "The road should reopen in about six weeks."),
            ("The vote was held in the capital.", "About 300 people attended.", "Talks resumed after a pause.",
             "It is the worst clash in years.")),
    ),
    AnswerType(
        "length",
        # Not "How long is she facing in prison?" or "How long is it expected to operate?": a time.
        # Not "How big is the jackpot?": a size may be a sum or a count as well as a measure.
        # "How tall", "how deep", "how high" (of a thing, not of prices or rates) and "how far from" too.
        Cue("asks a size", _re(r"\bhow (long|far|wide) (is|was|are|were)\b(?![^?]*\b(?:sentence|term|ban|suspension|contract|deal|lease|loan)s?\b)"
                               r"(?! \w+ (?:expected|going|set|due|likely|\w+ing(?= (?:in|for|to|at|on|behind|under|with)\b))\b)|\bwhat (length|distance)\b|"
                               rf"\bhow (?:tall|deep|high)\b{_NOT_A_LENGTH}|\bhow far (?:from|away)\b|"
                               r"\bwhat (?:is|was|are|were) (?:the |its |their )?(?:[\w’'-]+ ){0,3}?(?:height|depth)\b"),
            ("How long is the border?", "What distance separates the towns?", "How far is the port from the city?",
             "How tall is the new tower?", "How deep is the lake?", "How high did the river peak in the town yesterday?",
             "How far from the Sun will the probe fly?", "What is the tower's height?"),
            ("How long have they negotiated?", "How long is she facing in prison?", "How long is his prison sentence now?",
             "How long is it expected to operate in space?", "How big is the jackpot now?",
             "How long is the deal the club gave its new manager?",
             "How high will inflation likely climb this year?", "How high are interest rates now?")),
        Cue("holds a measure", _re(rf"(?<![$£€¥])\b\d[\d,.]*\s*(?:-\s*)?({_UNITS})(?![\w/])"),
            ("The border runs 2,640 km.", "The fire covered 300 hectares.", "The tower is 310m tall.",
             "The river peaked at 4.2 metres.", "a 12-storey block"),
            ("The border is long and porous.", "It lasted 3 days.", "The deal is worth £102m.", "Winds reached 90 km/h.")),
    ),
    AnswerType(
        "duration",
        Cue("asks a duration", _re(r"\bhow long (have|has|had|did|do|does|will)\b|"
                                   r"\bhow long (is|was|are|were) \w+ (?:expected|going|set|due|likely|"
                                   r"\w+ing(?= (?:in|for|to|at|on|behind|under|with)\b))\b|"
                                   r"\bhow long (is|was|are|were)\b(?=[^?]*\b(?:sentence|term|ban|suspension|contract|deal|lease|loan)s?\b)"),
            ("How long have the two sides clashed?", "How long did the siege last?", "How long is she facing in prison?",
             "How long is his prison sentence now?", "How long is the deal the club gave its new manager?"),
            ("How long is the river?", "How long is a curling sheet?")),
        Cue("holds a duration", _re(rf"\b({_DURATION})\b"),
            ("Clashes have occurred for decades.", "The siege lasted three weeks.", "Fighting has gone on since 2019."),
            ("The siege ended with a truce.",)),
    ),
    AnswerType(
        "cause",
        Cue("asks a cause", _re(r"\b(the cause|causes? of|what caused|caused the|explanation for|what started)\b"),
            ("What caused the fire?", "What is the cause of the crash?", "How did the cause of the fire change?"),
            ("What triggered the strikes?", "Who caused a stir?", "Why did the minister resign?")),
        Cue("holds a cause",
            _re(r"\b(caus\w*|blam\w*|due to|because|result of|triggered|sparked|ignited|started by|"
                r"suspected|fault|leak|linked to|traced to)\b"),
            ("Investigators said a leak ignited by welding caused the fire.", "An electrical fault was suspected.",
             "The crash was due to ice on the wings."),
            ("Eight workers were injured in the fire.", "The company suspended production.")),
    ),
    AnswerType(
        "name",
        Cue("asks a name",
            _re(rf"\b(name of|who (is|was|are|were) the\b|which ({_ROLES})\b)"),
            ("What is the name of the ship?", "Who is the new coach?", "Which minister resigned?",
             "Which company bought the port?"),
            ("Why did the minister resign?", "Who won?")),
        # A proper name: two capitalised words in a row.
        Cue("holds a proper name", _re(rf"\b{UPPER}[\w’'-]+(\s+(of|and|e|al|de|ul|van|von|da)?\s*{UPPER}[\w’'-]+)+", 0),
            ("The ship is the Ocean Star.", "Wilhelmina Quarshie was named coach."),
            ("the new coach was named on friday.",)),
        beyond_question=True,
    ),
    AnswerType(
        "agent",
        # "Who won …?", "Who will chair …?", "Which club …?": a person, group or organisation.
        # Not "Who is <Name>?" (that asks what someone is) and not "which of …". "Who" may open a
        # later sentence or clause of the question ("She joined the cast. Who is she replacing?",
        # "…, but who features on the note?") or follow a preposition ("… an affair with who?");
        # elsewhere it is a relative ("The man who won …").
        Cue("asks who",
            _re(r"\b(?:with|for|by|from|against|over|about|of|at|on)\s+(?:who|whom)\b|"
                rf"(?:[.?!]\s+|,\s+(?:and|so|then|but)\s+)who\b(?!\s+(?:is|was|are|were)\s+(?-i:{UPPER}))|"
                rf"^\W*(?:and |so |then |but )?(?:who\b(?!\s+(?:is|was|are|were)\s+(?-i:{UPPER}))"
                # "Who is Sri Lanka's president?" asks for a name, "Who is Joan Okoye?" does not.
                rf"|who\s+(?:is|was|are|were)\s+(?-i:{UPPER})[\w.-]*(?:\s+(?-i:{UPPER})[\w.-]*){{0,3}}['’]s\s"
                r"|which (?!(?:of|one|way|quarter|round|minute|percentage|number|amount|figure|date|day|"
                # "Which grocery items …?", "Which measure …?": things, not whoever did them
                rf"year|month|time)\b)(?!(?:[a-z-]+ ){{0,2}}(?:{_THINGS})\b)(?-i:[a-z])"
                # "List the Gold Cup winners year by year", "Name the champions since 2019"
                r"|(?:list|name)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:[\w’'-]+\s+){0,4}?"
                r"(?:winners|champions|title-?holders|recipients|laureates)\b)"),
            ("Who won the final?", "List the Gold Cup winners at the fair year by year", "Who will chair the inquiry?",
             "Which club lost the final?", "Who is Westmark's president now?",
             "And who designed the bridge?", "Which outlets reported the figure?", "Who is the mayor now?",
             "The singer joined the cast this week. Who is she replacing?", "The star denied an affair with who?",
             "Old notes expire soon, but who features on the new note?"),
            ("Who is Joan Okoye?", "Which Shield final drew the biggest crowd?", "Which of them won?",
             "Which grocery items rose most?", "Which measure did lawmakers leave out?",
             "Why did the mayor resign?", "Which quarter was strongest?", "The man who won the lottery said what?",
             "The singer joined the cast. Who is Joan Okoye?")),
        Cue("holds a name or an agent",
            _re(rf"(?-i:\b{UPPER}[\w’'-]*)|\b(officials?|authorities|police|army|military|government|ministry|"
                r"spokes(?:man|woman|person)|residents|witnesses|analysts|experts|critics|powers|leaders?|"
                r"lawmakers|legislators|investigators|prosecutors|judges?|courts?|unions?|workers|company|"
                r"companies|board|jury|voters|officers|troops|forces|rebels|militants|insurgents|groups?|"
                r"organi[sz]ers|regulators?|council|committee|panel|firm|club|team|party|parties|"
                # people a news answer names by role ("a teenager was killed", "the driver was arrested")
                r"man|woman|men|women|boys?|girls?|child|children|teenagers?|teens?|victims?|suspects?|"
                r"patients?|passengers?|students?|doctors?|nurses?|teachers?|journalists?|reporters?|"
                r"activists?|protesters?|demonstrators?|farmers?|fans|players?|singer|actor|actress|author|"
                r"writer|father|mother|son|daughter|wife|husband|family|owner|driver|pilot|soldiers?|"
                r"gunm[ae]n|attackers?|bombers?|director|manager|coach|president|minister|mayor|governor|"
                r"chief|chair(?:man|woman|person)?|ceo|founder|winner|champion)\b"),
            ("Riverside United won the final.", "Officials blamed a faulty valve.", "The jury chose her novel.",
             "a teenager was killed in the crash."),
            ("the attendance was the highest since 2016.",)),
        beyond_question=True,
    ),
)


TIME_KINDS = frozenset({"year", "clock", "date", "time"})  # the answer types that ask for a time


def expected_answer_type(question: str) -> AnswerType | None:
    """The first answer type the question asks for, or None when it asks for no particular kind."""
    question = spelled_out(question)
    return next((t for t in ANSWER_TYPES if t.asks.search(question)), None)


# "What's the price?" asks what "What is the price?" asks: the patterns are written for the long form.
# Typed in a hurry the apostrophe goes: "whats the population", "whos the mayor" (read so only where
# the question or one of its sentences opens: "the hows and whys" is no contraction).
_CONTRACTED = re.compile(r"\b(what|who|where|when|how|which|that|there)['’](s|re)\b|"
                         r"(?:(?<=^)|(?<=^and )|(?<=^so )|(?<=^but )|(?<=[.?!] ))(what|who|where|how)(s)\b", re.IGNORECASE)


def spelled_out(question: str) -> str:
    """`question` with its question words' contractions written out ("What's" → "What is", "whats" →
    "what is")."""
    return _CONTRACTED.sub(lambda m: f"{m.group(1) or m.group(3)} {'is' if (m.group(2) or m.group(4)).lower() == 's' else 'are'}",
                           question)


# ----- questions ---------------------------------------------------------------------------------

# "What did <party> say about …?": the answer must be what that party said. The party is the
# words between the auxiliary and the speech verb.
SPEECH_QUESTION = Cue(
    "asks what a party said",
    _re(r"\b(?:what|how) (?:did|does|do|has|have|had) (?P<party>[\w’'. -]{2,60}?)\s+"
        r"(?:say|said|claim|claimed|state|stated|argue|argued|respond|responded|reply|replied|"
        r"allege|alleged|report|reported|insist|insisted|assert|asserted|maintain|maintained|"
        r"accuse|accused|deny|denied|react|reacted|announce|announced|tell|told|describe|described|"
        r"characteri[sz]e|characteri[sz]ed|warn|warned|counter|countered|saying|claiming)\b"),
    ("What did the mayor say about the flooding?", "And what did the union claim?",
     "How did the opposition respond to the budget?", "What has the ministry said?"),
    ("What triggered the strikes?", "Who said the talks failed?", "What did the storm destroy?",
     "What is the state of the talks?"),
)


# A question that asks for one thing the answer must name (a person, place, time, number, or an
# item of a kind: "what breed", "which country"), as opposed to an explanation ("Why …?", "What
# stands in the way …?"). The sentence model judges answers that name something; explanations
# are judged by the first-stage score alone (rag.answering.extractive).
ITEM_QUESTION = Cue(
    "asks for an item",
    _re(r"\b(who|whom|whose|which|where|when|how (many|much|old|long|far|large|big|high|tall|fast|heavy|deep|wide|"
        r"often))\b|"
        r"\bwhat (percentage|percent|share|proportion|year|date|day|month|time|number|amount|age|breed|"
        r"country|countries|city|cities|state|states|team|company|companies|name|title|brand|airline|"
        r"animal|species|sport|language|price|rate|score|prize|award|film|movie|show|song|book|party|"
        r"organi[sz]ation|group|body|agency)\b|"
        # "What is the speed limit …?", "What was the final score?": a value, named in a few words.
        r"\bwhat (?:is|was|are|were) the (?:\w+ )?(?:name|number|speed|limit|size|cost|price|rate|age|height|"
        r"length|value|total|amount|score|result|title|address|population|capital|salary|fine|budget|"
        r"figure|toll|count|distance|weight|capacity|record|margin)s?\b"),
    ("Who won the final?", "Which country hosted the summit?", "Where did the launch occur?",
     "How many franks did he eat?", "What breed is the dog?", "What percentage of voters backed it?",
     "What is the speed limit in the city centre?", "How large a fine was the company given?",
     "What was the final score?"),
    ("Why did the talks fail?", "What stands in the way of a compromise?", "What triggered the strikes?",
     "How did the minister respond?"),
)


# Past forms a clause's verb may take besides "-ed" (and, after "was", "had" …, "-en").
_IRREGULAR_PAST = (
    "began|begun|became|bought|broke|brought|built|burst|bid|cut|hurt|let|put|came|caught|chose|drew|drove|fell|fled|flew|fought|found|"
    "froze|gave|got|grew|held|hit|kept|knew|laid|led|left|lost|made|met|paid|quit|ran|rang|rose|sank|saw|"
    "sent|set|shot|shut|sold|spent|split|spoke|spread|stood|stole|struck|swore|swept|took|taught|told|"
    "threw|won|wore|wrote|born|done|seen|shown|sworn|thrown|torn|worn|sunk|shrank|shrunk"
)
_CONDITION_OPENERS = "and|or|but|that|which|who|whom|whose|when|where|while|because|if|so|than|then|being|having"
_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those", "every", "each")

# A question asked under a condition on another event: "… before plastic bricks were introduced?",
# "… after the coach was sacked?", "… since talks began?". The clause needs a subject and a verb in
# a past form (`verb` or, after an auxiliary, `participle`), so "after the vote" or "before 2019"
# (times, read by `rag.question.constraints`) are no condition, nor "the planned merger", nor "after
# being shot" (no subject), nor a clause that holds what is asked ("after he sacked which minister?").
EVENT_CONDITION = Cue(
    "a condition on another event",
    _re(r"(?<!\bnamed )(?<!\blooked )(?<!\bsought )\b(?P<relation>before|after|until|till|since)\s+"
        r"(?![^?!.;,]*\b(?:what|which|who|whom|whose|how|why)\b)"  # "… after he sacked which minister?" asks it
        rf"(?P<clause>(?:(?!(?:{_CONDITION_OPENERS})\b)[\w’'-]+\s+){{1,6}}?"
        r"(?:(?:was|were|is|are|had|has|have|had been|has been|have been)\s+"
        r"(?:(?:not|first|then|finally|already|officially|formally|just|later|eventually|once)\s+)?"
        rf"(?P<participle>[a-z][a-z-]*(?:ed|en)|{_IRREGULAR_PAST})"
        + "|" + "".join(rf"(?<!\b{d}\s)" for d in _DETERMINERS)
        + rf"(?P<verb>[a-z][a-z-]*ed|{_IRREGULAR_PAST}))\b[^?!.;,]*)"),
    ("Which design did the firm patent before plastic bricks were introduced?",
     "Which mill was built before the city was founded?",
     "Whose team mapped its structure before the doctor described the enzyme?",
     "Which rules were drawn up before the game originated in the north?",
     "Who ran the club after the coach was sacked?", "What has the union won since talks began?",
     "What post did she hold before she left the country?", "What did engineers warn after the dam burst?"),
    ("What did the mayor say after the vote?", "Who led the party before 2019?", "What happened after the war?",
     "Who won the race after the planned merger?", "Which town was named after the river that flooded?",
     "How much has the price risen since 2020?", "What has the government done since then?",
     "Who testified before the committee?", "What did the bank report after the first quarter?",
     "Which minister resigned after being accused of lying?", "The leader faced criticism after he sacked which aide?",
     "Swimmers were warned this week after what happened?"),
)

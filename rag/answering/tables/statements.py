"""What a sentence says of what is asked: attribution, contrast, negation and denial, opposite
directions, name aliases, verb kin, the asked act, years on either side, and anaphora."""

from __future__ import annotations

import re
from functools import lru_cache

from rag import lexical
from rag.answering.tables import _re
from rag.answering.tables.posts import ASKS_POST, LEAVES_POST, TAKES_OVER
from rag.question.answer_types import Cue
from rag.question.constraints import preamble_split

# ----- cue words in article sentences ---------------------------------------------------------

# A sentence that pushes back on what came before it.
CONTRAST = Cue(
    "contrast",
    _re(r"\b(however|disputed?|denied|denies|rejected|countered|dismissed|contradicted|refuted)\b"),
    ("The ministry, however, disputed those figures.", "Police denied the report.", "The union rejected the offer."),
    ("The ministry published the figures.",),
)

# Verbs a question asks with, not about: "When did the strikes happen?" is about the strikes. An
# archive that never writes "happen" is not missing the subject (the unknown-term share).
ASKING_VERB = Cue(
    "verb the question asks with",
    _re(r"^(?:happen\w*|occur\w*|unfold\w*|transpir\w*|take|took|taken|taking)$"),
    ("happen", "happened", "occur", "occurred", "unfold", "take"),
    ("strike", "place", "happiness"),
)
# Words a question dates what it asks with ("since the start of October", "over the last few
# months"): its time is checked against the reports' dates, not their words. An archive that never writes "start" is not missing
# the subject.
ASKING_TIME = Cue(
    "word the question dates with",
    _re(r"^(?:sinc|start|begin\w*|end|middl\w*|mid|earli\w*|late|last|past|day|week|month|quarter|year)$"),
    ("sinc", "start", "begin", "end", "earli", "late", "last", "month", "year"),
    ("sincer", "attend", "endors", "later", "latest", "startup"),
)

# Words a question asks for the state of things or its course with, not about: "What is the latest
# status of the case?" is about the case, "How has the management changed?" about the management.
# An archive that never writes "status" is not missing the subject.
ASKING_STATE = Cue(
    "word the question asks for the state with",
    _re(r"^(?:latest|status|situat\w*|updat\w*|current\w*|now|recent\w*|newest|progress\w*|chang\w*|evolv\w*)$"),
    ("latest", "status", "situation", "update", "updat", "currently", "now", "chang", "evolv"),
    ("state", "statute", "nowhere", "late", "exchang"),
)

# A sentence that says who said something.
ATTRIBUTION = Cue(
    "attribution",
    _re(r"\b(said|says|say|stated|claimed|claims?|asserted|maintains|accused|described|"
        r"characteri[sz]ed|alleged(ly)?|according to|framed|condemned|told|announced|insisted|warned|vowed|"
        r"argued|argues|wrote|writes|added|urged|apologi[sz]ed|called (it|them|the|for|on)|calls (it|them|for|on)|"
        r"denied|denies|deny|rejected|rejects|notes?|noted|observed|believes?|believed|suggests?|suggested)\b"),
    ("Officials said the road was closed.", "According to the police, two were hurt.",
     "The opposition condemned the vote.", "The mayor vowed to rebuild.",
     'Councillor Ann Lee called it "a tax on commuters".', "The chief executive apologised for the figure.",
     "The government has repeatedly denied offering sanctuary to militants.",
     "Diplomatic observers note that neither side wants a long war."),
    ("The road was closed on Monday.",),
)

# A line that says the detail asked was not given ("It did not say what level it expected", "The price
# was not disclosed", "No figure has been published for December"): the report covers the topic, and
# says its detail is not known. (A reason withheld is `reasons.REASON_WITHHELD`.)
DETAIL_WITHHELD = Cue(
    "says a detail was not given",
    _re(r"\b(?:did not|didn't|does not|doesn't|would not|wouldn't|could not|couldn't|declined to|refused to|has not|"
        r"hasn't|have not|haven't|had not|hadn't|has yet to|have yet to|is yet to|are yet to|was yet to)\s+"
        r"(?:(?:publicly|yet|formally|officially|immediately)\s+)?(?:say|disclose|reveal|specify|put a figure on|"
        r"announce|publish|name)\b(?!\s+(?:why|the reason|a reason|any reason|whether)\b)|"
        r"\b(?:was|were|is|are|has|have|had)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:yet\s+)?"
        r"(?:disclosed|revealed|announced|published|made public|specified)\b|"
        r"\bno (?:figure|price|date|details?|name|decision|estimate|total|breakdown)s?\b[^.;]{0,40}?"
        r"\b(?:has been|have been|had been|was|were|is|are)\s+(?:yet\s+)?(?:published|given|released|announced|"
        r"disclosed|made public)\b|\bundisclosed\b|"
        r"\b(?:not|yet to|never)\s+(?:yet\s+)?put\s+a\s+(?:number|figure|price|date)\s+on\b|"
        r"\bwithout\s+an?\s+(?:offer|figure|price|date|decision)\s+(?:on\s+the\s+table|being\s+(?:made|set|given))"),
    ("It did not say what level it expected for the second half of 2025.", "The price was not disclosed.",
     "No figure has been published for December.", "Fares have not yet been announced.",
     "The club declined to name a successor.", "The airline bought the jets for an undisclosed sum.",
     "The ministry has never published a breakdown.", "The union has not yet put a number on its demand.",
     "Talks over next year's pay opened in March without an offer on the table."),
    ("The company said prices would rise 4%.", "The club did not give up its lead.",
     "She declined to say why she had resigned.", "He did not say whether he would appeal.",
     "The report was published on Monday.", "The club named its new coach on Friday."),
)

# A question asking what someone announced, said or expects ("What did the carmaker announce in March?"):
# a forecast is its answer, not a figure it takes for reached.
ASKS_STATEMENT = Cue(
    "asks what was said, announced or planned",
    _re(r"\b(?:announc\w*|say|said|says|tell|told|expect\w*|forecast\w*|predict\w*|warn\w*|plan\w*|project\w*|"
        r"promis\w*|pledg\w*|target\w*)\b"),
    ("What did the carmaker announce in March 2025?", "What did the bank say in May?", "What does the council expect in 2026?",
     "What did the minister promise last week?"),
    ("What was the waiting list at the end of April?", "How many people were evacuated in July?",
     "What was inflation in May?"),
)

# A question asking what someone told on a day of the asked time ("What did the bank report in
# February?"): the day it was told is the time asked, whatever period its news is of ("a loss for
# 2023", "the 2023 budget").
ASKS_WHAT_WAS_TOLD = Cue(
    "asks what was told then",
    _re(r"\bwhat\b[^?]*\b(?:announc\w*|report|reported|reports|present|presented|presents|unveil\w*|publish\w*|"
        r"disclos\w*|reveal\w*|say|said|says)\b"),
    ("What did the lender report in February 2024?", "What did the finance minister present in October 2022?",
     "What did the carmaker announce in January 2024?", "What did the regulator say in May?"),
    ("Who did the agency appoint in February 2025?", "What rate did the bank set in March 2024?",
     "Who reported the leak in May?", "How many fans attended the final in April 2024?"),
)

# The question asks for a change itself ("By what percentage …?", "How much did prices rise?"); a
# change it only mentions after "after", "since" or "following" does not count.
ASKS_CHANGE = Cue(
    "asks a change",
    _re(r"^(?:(?!\b(?:after|since|following)\b).)*?(?:\bby (?:what|how much|how many)\b|\b(?:rise|rose|risen|fall|fell|"
        r"fallen|increase[ds]?|decrease[ds]?|grow|grew|grown|drop(?:ped)?|cut|raise[ds]?|hike[ds]?|climb(?:ed)?|jump(?:ed)?|"
        r"decline[ds]?|change[ds]?)\b)"),
    ("By what percentage will bills rise?", "How much did the bank raise rates?", "What was the rate cut?"),
    ("What is the interest rate now?", "What is the share price today?",
     "What is the interest rate now after the latest hike?", "What is the share price after the rate cut?"),
)

# A question that asks what did NOT happen ("Which state did not join the league?") is not
# answered by a sentence stating what did: the answer must say "not", "never", "except" … itself.
NEGATED_QUESTION = Cue(
    "asks a negation",
    _re(r"^(?!\W*(?:and |so |but )?(?:why|how come)\b)(?!.*\b(?:not only|whether or not|if not|not yet known)\b)"
        # not an aside naming what is not asked about ("the plain S5, not the Pro?": `EXCLUDED_ASIDE`)
        r"(?=.*(?:(?<!,\s)\b(?:not|never|no longer)\b|n['’]t\b))"),
    ("Which state did not join the league?", "What did the company never make?", "Who didn't attend the summit?",
     "Which players are no longer in the squad?"),
    ("Why did the talks not resume?", "Which state joined the league?", "Who won not only the title but the cup?",
     "How big is the battery in the plain Model 5, not the Pro?", "Who won the men's final, not the women's?"),
)

# A question that asks which of a list it does not give is not so ("Which of these players wasn't
# traded?", "She appeared in all these films except:"): articles say who was, never which of an
# unseen list was not.
UNLISTED_EXCEPTION = Cue(
    "asks which of an unlisted set is not",
    _re(r"\b(?:of|all)\s+(?:of\s+)?(?:these|those|the following)\b(?=[^.!]*(?:\b(?:not|never|except|no longer)\b|n['’]t\b))"),
    ("Which of these players wasn't traded this week?", "She appeared in all these films except:",
     "Which one of these people was not presented with the medal?", "He was in all of these movies except:",
     "Which of the following is not one of the cereals coming back?"),
    ("Which of these shows had the most nominations?", "Which players were not traded this week?",
     "All of these players were traded. Which team did not take part?", "Which of these films won?"),
)

NEGATION = Cue(
    "says a negation or an exception",
    _re(r"\b(?:not|no|never|without|except|excluding|other than|apart from|besides|only|failed|fails|neither|nor|none|"
        r"nobody|refused|declined|absent|lacks?|lacked|yet to|instead|rather than|stayed away|withdrew|skipped|missed|"
        r"left out|dropped)\b|n['’]t\b"),
    ("Only Genoa and Venice stayed out.", "It was the first plan without a subsidy.", "The minister did not comment.",
     "Greece has yet to sign."),
    ("Spain, Venice and Genoa joined the league.", "The company made wooden toys."),
)

# Verbs of opposite direction: a question asking what went one way is not answered by a sentence
# that only says something went the other ("What increases friction?" against "Sweeping reduces
# friction"). Pairs whose two sides tell one event from two ends (win/lose, buy/sell) are not here.
OPPOSITES: tuple[tuple[Cue, Cue], ...] = (
    (Cue("goes up", _re(r"\b(?:increas|rais|rise|rose|risen|rising|grow|grew|expand|boost|climb|soar|jump)\w*"),
         ("What increases friction?", "Prices rose sharply.", "The company expanded its fleet."),
         ("Sweeping reduces friction.", "The rate was lowered.")),
     Cue("goes down", _re(r"\b(?:decreas\w*|reduc\w*|lower(?:ed|ing|s)|(?<!the )(?<!this )(?<!last )(?<!next )fall(?:s|en|ing)?|fell|drop\w*|"
             r"declin\w*|shr[ai]nk\w*|shrunk|plung\w*|slump\w*)\b"),
         ("Sweeping reduces friction.", "Prices fell.", "The rate was lowered."),
         ("What increases friction?", "Prices rose sharply.", "What happened in the fall?", "The lower house voted."))),
    (Cue("begins", _re(r"\b(?:begin\w*|began|begun|start(?:s|ed|ing)?|launch\w*|open(?:s|ed|ing))\b"),
         ("When did the collaboration begin?", "She began a collaboration.", "The bridge opened."),
         ("The collaboration ended.", "The mill closed.")),
     Cue("ends", _re(r"\b(?:end(?:s|ed|ing)?|stop(?:s|ped|ping)?|finish\w*|clos(?:ed|es|ing|ure)|halt\w*|ceas\w*)\b"),
         ("When did the collaboration end?", "The mill closed in 2004.", "Production ceased."),
         ("She began a collaboration.", "The bridge opened.", "The endemic species thrived.", "It came close to a deal."))),
    (Cue("gains", _re(r"\b(?:gain|acquir|obtain)\w*"),
         ("What did Venice gain from the treaty?", "The city acquired the port."),
         ("Venice ceded Cyprus.",)),
     Cue("gives up", _re(r"\b(?:cede|ceded|ceding|surrender|relinquish|lost|lose|loses|losing)\w*"),
         ("Venice ceded Cyprus.", "The party lost two seats."),
         ("What did Venice gain from the treaty?",))),
    (Cue("the same", _re(r"\b(?:same|identical)\b"),
         ("Which comet had the same ratio as Earth's oceans?", "The two samples were identical."),
         ("The ratio was different.", "The lakes differ in level.")),
     Cue("different", _re(r"\b(?:differ(?:s|ed|ent|ence|ing)?|distinct)\b"),
         ("The ratio was different from Earth's.", "The lakes differ in level by 18 metres."),
         ("Which comet had the same ratio?", "The two samples were identical."))),
    # Not "more"/"less": "no less", "more than 300" tell no direction.
    (Cue("the most", _re(r"\b(?:maximum|largest|biggest|highest|greatest|deepest|tallest|heaviest|"
                         r"heavier|larger|bigger)\b"),
         ("What is the maximum depth of the lake?", "Which is the largest lake?", "It is heavier than steel."),
         ("What is the minimum depth?", "It is 45 percent lighter.", "The smallest member.", "More daylight.")),
     Cue("the least", _re(r"\b(?:minimum|smallest|lowest|least|shallowest|lightest|lighter|smaller)\b"),
         ("What is the minimum depth of the lake?", "Which is the smallest lake?", "It is 45 percent lighter."),
         ("With a maximum depth of 1,642 metres", "Less daylight.", "on his birthday, no less"))),
    (Cue("the oldest", _re(r"\b(?:oldest|eldest)\b"),
         ("Who was the oldest member of the senate?", "Her eldest son took over."),
         ("The youngest member led the delegation.", "The old town hall.")),
     Cue("the youngest", _re(r"\byoungest\b"),
         ("The youngest member of the senate led the delegation.", "Who is the youngest winner?"),
         ("Who was the oldest member?", "The young team won."))),
    (Cue("early", _re(r"\b(?:earlier than|ahead of schedule|ahead of time)\b"),
         ("How many years earlier than planned was it opened?", "The line opened ahead of schedule."),
         ("It opened ten years later than planned.", "Earlier this year the line opened.")),
     Cue("late", _re(r"\b(?:later than|behind schedule|overdue)\b"),
         ("It opened ten years later than planned.", "The line is behind schedule."),
         ("How many years earlier than planned was it opened?", "Later that year the line opened."))),
    (Cue("succeeds", _re(r"\b(?:success(?:ful|fully|es)?|triumph\w*)\b"),
         ("The symphony was an immediate success.", "The launch was successful."),
         ("Where was the symphony an immediate failure?", "The launch failed.", "Who succeeded him as chief?")),
     Cue("fails", _re(r"\b(?:fail(?:s|ed|ure|ures)?|flop(?:s|ped)?|unsuccessful)\b"),
         ("Where was the symphony an immediate failure?", "The launch failed."),
         ("The symphony was an immediate success.", "The harpoons worked."))),
    (Cue("accepts", _re(r"\b(?:accept(?:s|ed|ing)?|agree(?:s|d|ing)? to|approv(?:e|es|ed|ing))\b"),
         ("What did the society publish after accepting his paper?", "The board approved the plan."),
         ("The society declined to publish his paper.", "The board rejected the plan.")),
     Cue("refuses", _re(r"\b(?:declin(?:es|ed|ing) to|reject(?:s|ed|ing)?|refus(?:es|ed|ing)|turn(?:s|ed)? down)\b"),
         ("The society declined to publish his paper.", "The board rejected the plan."),
         ("What did the society publish after accepting his paper?", "Sales declined sharply."))),
    # A post taken and a post left (`TAKES_OVER`, `LEAVES_POST`, and the verbs a question asks with):
    # "Who became interim chief?" is answered by whoever took it, not by the sentence that says only
    # who stepped down from it.
    (Cue("takes a post", _re(rf"{TAKES_OVER.pattern.pattern}|\b(?:bec[oa]me|becoming|named|appointed|elected|installed|"
                             r"promoted|t(?:ake|akes|aking|aken|ook)\s+over)\b"),
         ("Who became interim chief executive in March?", "The board named Ann Lee interim chief executive.",
          "Lee took over as chief executive.", "Who was appointed coach?", "She succeeded Park as chair."),
         ("Chief executive Jo Park stepped down in March.", "The coach was sacked.", "Who resigned as chair?")),
     Cue("leaves a post", LEAVES_POST.pattern,
         ("Chief executive Jo Park stepped down in March.", "The coach was sacked.", "Who resigned as chair?",
          "Park will retire as chief executive."),
         ("The board named Ann Lee interim chief executive.", "Who became interim chief executive?",
          "The retired judge will lead the inquiry.", "The resignation letter was dated May 1."))),
    (Cue("pleased", _re(r"\b(?:satisfied|pleased|happy|content with)\b"),
         ("Which king was satisfied with the line?", "Fans were happy with the result."),
         ("The king, dissatisfied with that line, negotiated.", "Fans were unhappy.")),
     Cue("displeased", _re(r"\b(?:dissatisfied|unsatisfied|displeased|unhappy|discontent\w*)\b"),
         ("The king, dissatisfied with that line, negotiated.", "Fans were unhappy."),
         ("Which king was satisfied with the line?", "Fans were happy with the result."))),
)


# The countries and bodies news names both in full and abbreviated: a question naming one form is
# met by evidence naming another ("the United States" — "the U.S.", "US"). A bare two-letter
# abbreviation is matched in capitals only ("US", not "us": `rag.answering.evidence.mentions`).
NAME_ALIASES: tuple[tuple[str, ...], ...] = (
    ("United States", "U.S.", "US", "USA", "U.S.A."),
    ("United Kingdom", "U.K.", "UK"),
    ("United Nations", "U.N.", "UN"),
    ("European Union", "E.U.", "EU"),
    ("United Arab Emirates", "U.A.E.", "UAE"),
)


def _alias_key(name: str) -> str:
    return re.sub(r"[.\s]", "", name).lower()


_ALIASES = {_alias_key(form): group for group in NAME_ALIASES for form in group}


def aliases(name: str) -> tuple[str, ...]:
    """The other forms of `name` in `NAME_ALIASES` (() when it has none): "U.S" → "United States", "US" …"""
    return tuple(form for form in _ALIASES.get(_alias_key(name), ()) if form != name)


# Verbs news tells one act with: a question's verb is met by its kin in a sentence ("When did she
# ascend the throne?" — "She acceded to the throne on Feb. 6, 1952"). One word each (a phrase's
# words, "step down", "take over", are too common alone); each row has a test.
VERB_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("accede", "ascend"),
    ("resign", "quit"),
    ("arrest", "detain"),
    ("acquire", "buy", "bought", "purchase"),
    ("postpone", "delay"),
    ("cancel", "scrap"),
    ("oust", "sack", "depose", "dismiss"),
    ("ban", "prohibit", "outlaw"),
)
_KIN = {t: frozenset(k for w in family for k in lexical.terms(w)) - {t}
        for family in VERB_FAMILIES for word in family for t in lexical.terms(word)}


def verb_kin(terms: set[str]) -> dict[str, frozenset[str]]:
    """Each of `terms` (a question's) that has kin in `VERB_FAMILIES`, with its kin's terms."""
    return {t: _KIN[t] for t in terms if t in _KIN}


# The act a "who" or "why" question asks of its subject: "Who will lead the inquiry?" (lead), "Why is
# Ada Kern leaving the show?" (leaving). Not a post, a person or a thing: "Who is the mayor?", "Who is
# Ada Kern?", "Why is the bridge closed?" (a "why" question's subject must be a name).
ASKED_ACT = Cue(
    "act a who or why question asks of its subject",
    _re(r"^\s*(?:who\s+(?:(?:will|would|is|are|was|were|has|have|had|did|does|do|can|could|should)\s+"
        r"(?:be\s+|been\s+|have\s+)?)?|why\s+(?:will|would|is|are|was|were|has|have|had|did|does|do)\s+"
        r"(?-i:[A-Z][\w’'.-]*\s+(?:&\s+)?){1,4})"
        r"(?!(?:the|a|an|his|her|its|their|this|that|these|those|there|not|now|currently|still|also|"
        r"will|would|is|are|was|were|has|have|had|did|does|do|can|could|should|be|been)\b)"
        r"(?P<act>(?-i:[a-z])[a-z-]+)\b"),
    ("Who will lead the inquiry into the crash?", "Who is running the company while its chief is away?",
     "Why is Ada Kern leaving the show?", "Who found the missing letters?", "Who has been named coach?"),
    ("Who is the mayor of the city now?", "Who is Ada Kern?", "Why is the bridge closed?",
     "What did the minister say?", "Who are the candidates?"),
)


# Words before an act that make it an aim or a forecast, not a deed: "is bidding to become the first
# woman to win", "is favourite to win", "could win a third title", "hopes to lead".
AIMED_ACT = Cue(
    "tells an aim or a forecast of an act, not the act",
    _re(r"(?:\b(?:bid(?:s|ding)?|hop(?:e|es|ing)|aim(?:s|ing)?|seek(?:s|ing)?|tr(?:y|ies|ying)|chas(?:e|es|ing)|"
        r"expected|favou?rites?|favou?red|tipped|poised|likely|looking|wants?|plans?|planning|going|vying)\s+"
        r"(?:[\w’'-]+\s+){0,6}?to|\b(?:will|would|could|may|might|can|shall)(?:\s+not)?)\s+$"),
    ("Roe is bidding to become the first woman to ", "She is the favourite to ", "Lee could ",
     "The club hopes to ", "Ek is expected to "),
    ("Ann Roe ", "Lee, who had hoped to defend her title, saw Ek ", "The club said it had "),
)


def asks_past_deed(question: str) -> str:
    """The act a who question asks in the past, as the question words it ("won" in "Who won the
    women's race?"); "" for a present or future act, or none."""
    m = ASKED_ACT.search(question)
    if m is None or not re.match(r"\W*who\b", question, re.IGNORECASE):
        return ""
    act = m.group("act").lower()
    aux = question[:m.start("act")].lower().split()[1:]
    past = (any(a in ("did", "was", "were", "had") for a in aux) if aux
            else act.endswith("ed") or any(act in pasts for pasts in IRREGULAR_PAST.values()))
    return act if past else ""


def told_only_as_aim(sentence: str, act: frozenset[str]) -> bool:
    """`sentence` tells the `act` (its terms) only as an aim or a forecast (`AIMED_ACT`): "Roe is
    bidding to become the first woman to win three in a row" tells no one won."""
    told = [m for m in re.finditer(r"[A-Za-z’'-]+", sentence) if act & set(lexical.terms(m.group(0)))]
    return bool(told) and all(AIMED_ACT.search(sentence[:m.start()]) for m in told)


# A who question asking for the doer of an act by its noun ("Who was the league's top scorer in
# 2022-23?", "Who was the winner of the 2023 prize?"): the act is the noun's verb ("scored", "won").
# Not a post ("Who is the mayor?", "the new director": `posts.ASKS_POST` reads those).
ASKED_DOER = Cue(
    "doer a who question asks for by the noun of the act",
    _re(r"^\s*(?:and\s+)?who\s+(?:is|was|are|were|will\s+be|has\s+been|had\s+been)\s+(?:the|this\s+year['’]s|"
        r"last\s+year['’]s|[\w-]+['’]s?)\s+(?:[\w’'-]+\s+){0,3}?"
        r"(?P<doer>(?!(?:other|member|senior|junior|father|mother|brother|sister|daughter|number|order|error|"
        r"letter|matter|corner|border|power|water|paper|chapter|quarter|minister|officer|partner|neighbour|"
        r"neighbor|doctor|actor|sector|factor|major|mayor|governor|director|editor|counsellor|chancellor)s?\b)"
        r"(?-i:[a-z])[a-z]+(?:er|or))s?\b(?!['’])"),
    ("Who was the VSL top scorer in 2022-23?", "Who was the winner of the 2023 prize?",
     "Who is the league's leading scorer?", "Who was the founder of the firm?"),
    ("Who won the 2023 prize?", "Who is the mayor's deputy?", "Who are the candidates?", "Who is Ada Kern?",
     "Who was the other man in the car?", "Who is the senior partner?", "Who is the club's oldest member?"),
)


def asked_act(question: str) -> frozenset[str]:
    """The terms of the act a who or why question asks (`ASKED_ACT`), with its irregular past forms
    and its kin (`VERB_FAMILIES`): "lead" is met by "led"; empty when it asks no act. A doer asked by
    its noun (`ASKED_DOER`, not a post) asks the noun's act: "top scorer" is met by "scored"."""
    m = ASKED_ACT.search(question)
    if m:
        act = m.group("act").lower()
        forms = {act}
    elif (doer := ASKED_DOER.search(question)) and not ASKS_POST.search(question):
        noun = doer.group("doer").lower()
        verb = noun[:-2]
        if len(verb) > 2 and verb[-1] == verb[-2] and verb[-1] not in "ls":  # "winner": "win"
            verb = verb[:-1]
        act, forms = verb, {noun, verb, noun[:-1]}  # "scorer": "score"
    else:
        return frozenset()
    for base, pasts in IRREGULAR_PAST.items():  # "running" is "run", "ran"
        if act in pasts or lexical.terms(act) == lexical.terms(base):
            forms |= {base, *pasts}
    found = {t for form in forms for t in lexical.terms(form)}
    particle = re.match(r"\s+(\w+)", question[m.end("act"):]) if m else None
    for (verbs, after), kin in PHRASAL_KIN.items():  # "Who took over …?" is met by "… succeeded by"
        if act in verbs and particle and particle.group(1).lower() == after:
            found |= {t for word in kin for t in lexical.terms(word)}
    return frozenset(found.union(*verb_kin(found).values()))


# A post taken or left told as a phrase ("take over", "step down"): the one-word verbs news tells it
# with are its kin in a question's act (`asked_act`), not kin of "take" or "step" alone.
PHRASAL_KIN: dict[tuple[frozenset[str], str], tuple[str, ...]] = {
    (frozenset({"take", "takes", "took", "taken", "taking"}), "over"): ("succeed", "successor", "replace"),
    (frozenset({"step", "steps", "stepped", "stepping"}), "down"): ("resign", "quit", "retire", "leave", "leaving"),
}


# The verb of a question that asks what its subject did, with the thing or amount it did it to or for:
# "What did the council decide on Monday?", "How much will the study cost?". A report tells the deed in
# its own words ("voted to build", "has a budget of"), so where no article has the question's verb it
# may be how the question asks, not what about (`_asked_in_own_words` in rag/answering/extractive.py).
# Not when the question asks when, where, why or how (fast) the deed was done: then the deed is what
# it is about ("When did the minister resign?", "From which year did revenue decline?").
ASKED_DEED = Cue(
    "verb of a question asking what its subject did",
    _re(r"^\s*(?:what|which|who|whom|how\s+(?:much|many))"
        r"(?!\s+(?:years?|days?|months?|dates?|times?|weeks?|decades?|centur(?:y|ies)|seasons?)\b)"
        r"(?:\s+(?-i:[a-z][\w’'-]*)){0,2}?\s+(?:did|does|do|will|would|can|could|should|might|may)\s+"
        r"(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w’'.-]+\s+){1,4}?(?P<deed>(?-i:[a-z]+))\s*"
        r"(?:[?.,]|$|\b(?:on|in|at|about|for|to|with|after|before|this|last|next|over|during|by|from|each|every)\b)"),
    ("What did the council decide on Monday?", "How much will the study cost?",
     "How much did Lorvan City pay for the striker?", "What did the minister say about the plan?",
     "What line did King John draw in 1493?", "What will the city council decide?"),
    ("Who won the election?", "What is the melting temperature of lysozyme?", "Who is the mayor of Tampere?",
     "Which king was satisfied with the line?", "How many ships are produced each year?",
     "When will the bridge over the river open?", "How fast does the Arctic tern fly?",
     "From which year did the revenue decline?", "Which year did the revenue decline?",
     "Why did the minister resign?"),
)


def asked_deed(question: str) -> frozenset[str]:
    """The terms of the verb a question asks its subject's deed with (`ASKED_DEED`); empty when none."""
    m = ASKED_DEED.search(question)
    return frozenset(lexical.terms(m.group("deed"))) if m else frozenset()


# A question bounded on one side of a year ("before 1975") is not answered by a sentence about the
# other side of it ("Since 1975 it has finished in Paris").
_BEFORE_YEAR = re.compile(r"\b(?:before|until|till|prior to)\s+(?:the\s+(?:start|end)\s+of\s+)?(\d{4})\b", re.IGNORECASE)
_AFTER_YEAR = re.compile(r"\b(?:after|since|from|beyond)\s+(?:the\s+(?:start|end)\s+of\s+)?(\d{4})\b", re.IGNORECASE)


def other_side_of_year(question: str, sentence: str) -> bool:
    """The question asks before (after) a year; the sentence speaks only of after (before) it: it
    names no year on the asked side ("from 40,000 in 1990 to 95,000 by 2020, most of it after 2000"
    does speak of before 2000)."""
    before, after = _bounding_years(question)
    if not before and not after:
        return False
    named = [int(y) for y in re.findall(r"\b(1[5-9]\d\d|20\d\d)\b", sentence)]
    for years, asked, other, on_asked_side in ((before, _BEFORE_YEAR, _AFTER_YEAR, lambda y, bound: y < bound),
                                               (after, _AFTER_YEAR, _BEFORE_YEAR, lambda y, bound: y > bound)):
        if years and any(m.group(1) in years for m in other.finditer(sentence)) and not any(
                m.group(1) in years for m in asked.finditer(sentence)) and not any(
                on_asked_side(y, int(bound)) for y in named for bound in years):
            return True
    return False


@lru_cache(maxsize=256)
def _bounding_years(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """The years the question asks before ("before 1975") and after ("since 1975"), read once per
    question (`other_side_of_year` is asked of every sentence)."""
    return (frozenset(m.group(1) for m in _BEFORE_YEAR.finditer(question)),
            frozenset(m.group(1) for m in _AFTER_YEAR.finditer(question)))


# Pairs that qualify one thing ("the same ratio", "the lowest estimate", "an immediate success"), not a
# change of the story's figure: their opposite counts only said of something the question speaks of
# ("different charges" does not contradict "detained the same day"; "Ruiz, who quit the national
# team," is no post left for "Who was named player of the year?").
_QUALIFYING = frozenset({"the same", "different", "the most", "the least", "the oldest", "the youngest", "succeeds",
                         "fails", "accepts", "refuses",
                         "pleased", "displeased", "takes a post", "leaves a post"})
assert _QUALIFYING <= {cue.name for pair in OPPOSITES for cue in pair}, "a qualifying pair names no row of OPPOSITES"
NEAR_WORDS = 3  # words either side of an opposite word that say what it qualifies
# A post is named further from the verb of taking or leaving it ("chief executive Jo Park is
# stepping down"): words either side for the post pairs.
_NEAR_POST_WORDS = {"takes a post": 5, "leaves a post": 5}


# Leaving a post in the words that also tell leaving anything ("after Lee retired", "is leaving to
# join …"): too loose to say a sentence contradicts a question, plain enough to say the question or
# sentence speaks of leaving too. "Who took over after Lee retired?" asks no one direction (it asks
# the successor of a departure), and "Lee is leaving to become president" says Lee left.
_LEAVES_LOOSELY = Cue(
    "speaks of leaving",
    # "took over from Lee", "succeeded Lee", "replaced Lee": Lee left
    _re(r"\b(?:retir(?:e|es|ed|ing)|left|leav(?:e|es|ing)|depart(?:s|ed|ing)?|departure|exit(?:s|ed)?)\b|"
        r"\bt(?:ake|akes|aking|aken|ook)\s+over\s+from\b|\b(?:succeed(?:s|ed)?|replac(?:e|es|ed|ing))\s+(?-i:[A-Z])"),
    ("Who took over after Lee retired?", "Lee is leaving to become president of the council.",
     "Who replaced the coach after his departure?", "Who took over from Colm Day at the club?",
     "Who succeeded Colm Day as manager?"),
    ("Who took over as chief executive?", "She became president of the council."),
)
_ALSO_SAID = {"leaves a post": _LEAVES_LOOSELY}


def _says(cue: Cue, text: str) -> bool:
    return bool(cue.search(text) or _says_loosely(cue, text))


def _says_loosely(cue: Cue, text: str) -> bool:
    loose = _ALSO_SAID.get(cue.name)
    return bool(loose and loose.search(text))


# A superlative asked ("the smallest tributary") is said only by a superlative, not by a comparative
# ("smaller tributaries include …").
_SUPERLATIVES = {
    "the most": Cue("the most", _re(r"\b(?:maximum|largest|biggest|highest|greatest|deepest|tallest|heaviest)\b"),
                    ("Which is the largest lake?", "The maximum depth is 40 metres."),
                    ("It is larger than the other.", "It is heavier than steel.")),
    "the least": Cue("the least", _re(r"\b(?:minimum|smallest|lowest|least|shallowest|lightest)\b"),
                     ("Which is the smallest lake?", "The minimum depth is 2 metres."),
                     ("Smaller tributaries include the Fen.", "It is 45 percent lighter.")),
}


# A start or an end named in a clause that times the question ("How has the cap moved since it
# started?") is a point in time, not what it asks began; a condition's other verbs are taken for
# granted ("What did the society publish after accepting his paper?" is denied by "declined").
_TIME_CLAUSE = re.compile(r"(?<=\w)\W+(?:since|after|before|until|once)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_TIME_POINTS = frozenset({"begins", "ends"})


def asked_directions(question: str) -> list[tuple[Cue, Cue, frozenset[str], frozenset[str]]]:
    """(asked, opposite, what it qualifies, what it is said of) for each pair of `OPPOSITES` the
    question asks one side of, read once per question; what it qualifies is empty for a verb of
    direction (any counts); what it is said of is the question's terms near the asked side."""
    out = []
    for one, other in OPPOSITES:
        for asked, opposite in ((one, other), (other, one)):
            m = next((m for m in asked.pattern.finditer(question)
                      if not (asked.name in _TIME_POINTS and _TIME_CLAUSE.search(question, 0, m.start()))), None)
            if m and not _says(opposite, question):
                near = _near_terms(question, m, asked.name)
                if asked.name in _SUPERLATIVES and _SUPERLATIVES[asked.name].search(m.group(0)):
                    asked = _SUPERLATIVES[asked.name]  # "the smallest" is not said by "smaller tributaries"
                out.append((asked, opposite, near if asked.name in _QUALIFYING else frozenset(), near))
    return out


def goes_the_other_way(directions: list[tuple[Cue, Cue, frozenset[str], frozenset[str]]], sentence: str) -> bool:
    """The question asks what went one way (`asked_directions`); the sentence says only that
    something went the other (for a qualifying pair: said of something the question speaks of). A
    sentence saying the asked way only of something else says the other way of what is asked when
    that is said of it: "Production declined after 1974, when the price of gallium rose" for "Why
    did production increase after 1974?"."""
    for asked, opposite, about, subject in directions:
        said = _says(asked, sentence)
        if said and not about and subject and not _said_of(asked, sentence, subject):
            if any(_said_near(m, sentence, opposite.name, subject) for m in opposite.pattern.finditer(sentence)):
                return True
            continue
        if said:
            continue
        for m in opposite.pattern.finditer(sentence):
            if not about or _said_near(m, sentence, opposite.name, about):
                return True
    return False


def _said_near(m: re.Match, sentence: str, pair: str, terms: frozenset[str]) -> bool:
    return any(_same_term(t, terms) for t in _near_terms(sentence, m, pair))


def _said_of(cue: Cue, sentence: str, terms: frozenset[str]) -> bool:
    """`sentence` says `cue`'s side near one of `terms` (loosely said sides count as said of them)."""
    return _says_loosely(cue, sentence) or any(_said_near(m, sentence, cue.name, terms)
                                               for m in cue.pattern.finditer(sentence))


def _near_terms(text: str, m: re.Match, pair: str = "") -> frozenset[str]:
    """The terms of the `NEAR_WORDS` words (`_NEAR_POST_WORDS` for a post pair) either side of match
    `m` in `text`."""
    near = _NEAR_POST_WORDS.get(pair, NEAR_WORDS)
    before = re.findall(r"[\w’'-]+", text[:m.start()])[-near:]
    after = re.findall(r"[\w’'-]+", text[m.end():])[:near]
    return frozenset(lexical.terms(" ".join(before + after)))


# Irregular past forms a question's verb takes in an article ("When did Marr sell …?" — "Vorst sold …"):
# the stemmer does not join them. Regular forms ("founded", "served") share the verb's stem; speech
# verbs ("wrote", "told") are no act of the subject's alone (`ATTRIBUTION`).
IRREGULAR_PAST = {
    "begin": ("began", "begun"), "break": ("broke", "broken"), "bring": ("brought",), "build": ("built",),
    "buy": ("bought",), "catch": ("caught",), "choose": ("chose", "chosen"), "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"), "fight": ("fought",), "fly": ("flew", "flown"), "get": ("got",),
    "give": ("gave", "given"), "grow": ("grew", "grown"), "hold": ("held",), "keep": ("kept",),
    "lead": ("led",), "leave": ("left",), "lose": ("lost",), "make": ("made",), "meet": ("met",),
    "pay": ("paid",), "run": ("ran",), "sell": ("sold",), "send": ("sent",), "set": ("set",),
    "shoot": ("shot",), "sing": ("sang", "sung"), "spend": ("spent",), "steal": ("stole", "stolen"), "strike": ("struck",),
    "take": ("took", "taken"), "teach": ("taught",), "throw": ("threw", "thrown"), "win": ("won",),
}


# A negator and the words it governs, up to the end of its clause: "its harpoons failed to fire",
# "was never settled", "quotes no actual folk song", "without its epilogue", "sold rather than given
# away". A question that takes for granted what the sentence denies ("What did the harpoons hold
# after they fired?") is not answered by it. "No one", "not only" deny nothing asked.
DENIAL = Cue(
    "denies what follows",
    _re(r"(?:\b(?:not(?!\s+only\b)|never|without|no(?!\s+(?:one|longer|doubt|later|more|less|fewer|sooner)\b)|nor|"
        r"fail(?:s|ed)?\s+to|declin(?:es|ed)\s+to|refus(?:es|ed)\s+to|rather\s+than|instead\s+of)\b|n['’]t\b)"
        r"(?P<scope>(?:\s+(?!(?:and|but|or|which|who|that|as|so|because|while|when|although)\b)[\w’'-]+){1,3})"),
    ("Its harpoons failed to fire.", "The position was never settled.", "The work quotes no actual folk song.",
     "It appeared without its epilogue.", "The guide was sold rather than given away.", "The board did not approve it."),
    ("No one was hurt.", "It won not only the title.", "The harpoons fired.", "It is no longer open."),
)


# "will not open until mid-2025", "won't be ready till May": when it will happen, not a denial.
_NOT_UNTIL = re.compile(r"(?:\s+[\w’'-]+){1,3}?\s+(?:until|till)\b", re.IGNORECASE)


def denied_terms(question: str, sentence: str) -> list[str]:
    """The words the question takes for granted (`_presupposed`) that `sentence` only denies
    (`DENIAL`). None for a question that denies something itself ("not", "without": it asks
    about a denial) or a denial in a name or slogan ("spray-painting "No New Oil"")."""
    asked = _presupposed(question)
    if not asked:
        return []
    denied: set[str] = set()
    spans = []
    for m in DENIAL.pattern.finditer(sentence):
        if (_denies_a_subject(sentence, m) or (m.group(0)[:1].isupper() and sentence[:m.start()].strip())
                or _NOT_UNTIL.match(sentence, m.start("scope"))):
            continue
        spans.append(m.span("scope"))
        denied |= {t for t in _denied(m) if _same_term(t, asked)}
    if not denied:
        return []
    outside = "".join(sentence[a:b] if i % 2 == 0 else " " for i, (a, b) in enumerate(
        _complement(spans, len(sentence))))
    said = set(lexical.terms(outside))
    return sorted(t for t in denied if not _same_term(t, said))


# What a question takes for granted: the kind of thing it asks for ("Which folk song does …"), and
# the event of its condition ("… after they fired?", "… when it nests twice a year?").
_ASKED_KIND = re.compile(r"\b(?i:which|what)\s+((?:[a-z][\w’'-]*\s+){1,3}?)(?:did|does|do|was|were|is|are|has|have|had|"
                         r"will|would|can|could)\b")
_CONDITION_CLAUSE = re.compile(r"\b(?:after|before|once|when|since|until)\s+([^?,;:]+)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _presupposed(question: str) -> frozenset[str]:
    """The terms of what the sentence of `question` that asks (not its preamble) takes for
    granted, its names aside; none when the question denies something itself. Read once per
    question (`denied_terms` is asked of every sentence)."""
    if NEGATED_QUESTION.search(question) or DENIAL.search(question):
        return frozenset()
    question = question[preamble_split(question):]
    parts = [m.group(1) for m in _ASKED_KIND.finditer(question)] + [
        m.group(1) for m in _CONDITION_CLAUSE.finditer(question)]
    words = [w for part in parts for w in re.findall(r"[\w’'-]+", part) if not w[:1].isupper()]
    return frozenset(lexical.terms(" ".join(words)))


# A question asking what someone or something named did before it existed or after it ceased to
# ("Which dams did the Ardan Company build before it was established?", "How many galleys did Tobin
# Rask command after he was killed?"): the condition's pronoun is the named subject.
# A person ("he", "she") is named without "the"; a possessive ("President Odum's family") makes
# another the subject; a product is launched, not founded (its "it" need not be the subject).
_DOES = r"\b(?:did|does|do|will|would|could|can)\s+(?:the\s+)?(?-i:[A-Z])[^?’']*?"
_DOES_PERSON = r"\b(?:did|does|do|will|would|could|can)\s+(?-i:[A-Z])[^?’']*?"
OUTSIDE_LIFE = Cue(
    "asks what its subject did outside its lifetime",
    _re(rf"{_DOES}\b(?:before|until)\s+(?:it|they)\s+(?:was|were|had been)\s+(?:first\s+)?"
        r"(?:founded|established|formed|set up|incorporated)\b|"
        rf"{_DOES_PERSON}\b(?:before|until)\s+(?:he|she)\s+(?:was|had been)\s+born\b|"
        rf"{_DOES}\bafter\s+(?:it|they)\s+(?:had\s+)?(?:was dissolved|were dissolved|was abolished)\b|"
        rf"{_DOES_PERSON}\bafter\s+(?:he|she|they)\s+(?:had\s+)?(?:died|was killed|were killed|been killed|"
        r"was executed|passed away)\b"),
    ("Which dams did the Ardan Company build before it was established?",
     "How many galleys did Tobin Rask command after he was killed?", "What did Orlan sell before it was founded?"),
    ("What did his family do after he died?", "What did the police find after he was killed?",
     "What did the Velmar police find after he was killed?", "What did President Odum's family ask for after he died?",
     "How many pre-orders did Orlan take for the X9 before it was launched?",
     "What did Orlan sell after it was founded?", "Who did Smith marry before he was elected?"),
)


def _denied(m: re.Match) -> list[str]:
    """What a `DENIAL` match denies: all it governs after "no", "without", "nor" ("no actual folk
    song"); after a verb's negation only its first word, the act ("did not price the car" denies the
    pricing, not the car; "rather than her hit song" one song, not songs)."""
    terms = lexical.terms(m.group("scope"))
    negator = m.group(0)[:m.start("scope") - m.start()].strip().lower()
    return terms if negator in ("no", "without", "nor") else terms[:1]


def _denies_a_subject(sentence: str, m: re.Match) -> bool:
    """ "… but no course records fell": "no" opening a clause denies what its subject did, not the
    subject; "quotes no folk song" denies the object."""
    if not re.match(r"no\b", m.group(0), re.IGNORECASE):
        return False
    before = sentence[:m.start()].rstrip()
    return not before or before[-1] in ",;:—(" or re.search(
        r"\b(?:and|but|or|yet|so|although|though|while|as|because)$", before, re.IGNORECASE) is not None


def says_the_negation(question: str, sentence: str) -> bool:
    """For a question that asks what did not happen (`NEGATED_QUESTION`): `sentence` names an
    exception ("every town except Dunmere", "Greece has yet to sign") or denies something the
    question asks about ("Phipps did not fall ill"), not merely something else ("never to return")."""
    if any(m.group(0).lower() not in _PLAIN_NEGATORS for m in NEGATION.pattern.finditer(sentence)):
        return True
    asked = set(lexical.terms(question))
    # What a negation governs runs to its clause's end: "did not make the trip to Velmar" denies the
    # travel to Velmar asked about, in other words.
    return any(_same_term(t, asked) for m in DENIAL.pattern.finditer(sentence)
               for t in lexical.terms(re.split(r"[,;:.!?]|\b(?:and|but|while|although|because)\b", sentence[m.start("scope"):])[0]))


_PLAIN_NEGATORS = frozenset({"not", "no", "never", "without", "n't", "n’t"})


def _same_term(term: str, terms: set[str] | frozenset[str]) -> bool:
    """`term` is one of `terms`, or one is the other's stem ("give" and "given")."""
    return term in terms or any(min(len(term), len(t)) >= 4 and (t.startswith(term) or term.startswith(t))
                                for t in terms)


def _complement(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Alternating (outside, inside) spans of `spans` over a text of `length` characters."""
    out, at = [], 0
    for a, b in spans:
        out += [(at, a), (a, b)]
        at = b
    return out + [(at, length)]


# A sentence that opens by pointing back at the one before it: unreadable alone.
ANAPHORA = Cue(
    "anaphora",
    _re(r"^(They|He|She|It|This|These|Those|That|Such|The group|The move|"
        r"(?:Inside|Within|Among) (?:it|them|was|were|lay|is|are))\b", 0),
    ("They claimed dozens were hurt.", "This was denied by the army.", "The move angered farmers.",
     "Inside were the missing letters.", "Among them was a former minister."),
    ("Farmers were angered by the move.", "Their claim was denied.", "Inside the hall, voters queued.",
     "Among the dead was a child."),
)

# A contrast that refers back to a claim ("… disputed those figures").
REFERS_BACK = Cue(
    "refers back",
    _re(r"\b(those|these|the) (figures|claims?|accounts?|reports?|allegations?)\b"),
    ("The ministry disputed those figures.", "The army rejected the allegations."),
    ("The ministry published new figures.",),
)

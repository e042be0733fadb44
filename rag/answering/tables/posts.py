"""People and posts: who holds, takes or leaves a post, first holders and foundings, titleholders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rag import lexical
from rag.answering.tables import _NUMBER_WORD, _WORD_VALUES, _re
from rag.question.answer_types import Cue
from rag.question.cues import MONTH_NAMES, WEEKDAY_NAMES

# A report whose news is that a figure held ("kept its forecast of 2.05 billion", "the record of
# 2:07:20 survived again"): the figure it repeats is its step of the course.
HELD = Cue(
    "says a figure held",
    _re(r"\b(?:kept|keeps|keeping|held|holds|unchanged|maintained|maintains|reaffirmed|reaffirms|stayed|stays|"
        r"remained|remains|survived|survives|steady|left|in\s+(?:force|effect|place))\b"),
    ("The chief financial officer kept the full-year forecast of about 2.05 billion dollars.",
     "The new level is up from 0.36 crowns, the cap in force since 1 October last year.",
     "The men's course record of 2:07:20 survived again.", "The bank held its rate at 4.25%."),
    ("The jackpot ballooned to $1.02 billion after no one matched all six numbers on Tuesday.",
     "The toll rose to 37."),
)


# A report that someone leaves a post ("is stepping down"), and one that names who takes it over:
# "Who runs X now?" is answered by the latter when the report gives both.
LEAVES_POST = Cue(
    "says someone leaves a post",
    _re(r"\b(?:steps?|stepping|stepped)\s+down\b|\bresign(?:s|ed|ing)?\b|\bquits?\b|\bousted\b|"
        r"\bretir(?:e|es|ed|ing)\s+(?:as|from|at\s+the\s+end\s+of)\b|"
        r"\b(?:has|have|had)\s+left\s+(?:the|his|her|their|its)\s+(?:club|company|firm|bank|party|government|board|team|"
        r"post|role|job|council|side|group|trust|university|school|paper|show)\b|"
        r"\b(?:is|was|were|been|be)\s+(?:removed|fired|sacked|dismissed)\b|\bto\s+leave\s+(?:the|his|her|their)\b|"
        # "X is leaving the broadcaster to become chief executive of …"; not "is leaving Washington on Friday"
        r"\b(?:is|was)\s+leaving\b[^.;]{1,80}?\bto\s+(?:become|join|take\s+(?:up|over)|run|lead|head|succeed)\b|"
        r"\b(?:sack(?:s|ed)?|fired|dismiss(?:es|ed)|oust(?:s|ed)?|remov(?:es|ed))\s+(?:(?:its|their|the|his|her)\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:manager|coach|chief|head|director|president|chair\w*|captain|editor|leader|mayor|"
        r"governor|boss)\b(?![’']s)|"
        # a holder's term running out: "at the last meeting chaired by Governor X, whose term ends on Dec. 31"
        r"\b(?:whose|his|her|their)\s+(?:(?:second|third|final)\s+)?term\s+(?:in\s+office\s+)?"
        r"(?:ends|expires|runs\s+out)\s+(?:on|at\s+the\s+end\s+of\s+(?:the|this)\s+(?:month|year)|this|next|later\s+this|"
        r"in\s+(?:" + "|".join(MONTH_NAMES) + r")\b|(?:" + "|".join(MONTH_NAMES) + r")\s+\d)"),
    ("The company's chief executive is stepping down, it said.",
     "The bank held rates at the last meeting chaired by Governor Ann Roe, whose term ends on Dec. 31.",
     "Governor Ann Roe, whose term expires in March, did not comment.",
     "The mayor resigned on Wednesday.", "The coach was fired after the defeat.",
     "The club have sacked manager Ivo Marsh after five defeats in a row.",
     "The board fired its chief executive on Friday.",
     "The city council removed Mayor Ann Roe from office in a no-confidence vote.",
     "He announced in January that he would retire as chief executive at the end of March.",
     "Its chief executive would retire at the end of March after eleven years in charge.",
     "Manager Colm Day has left the club after five years.",
     "Ann Roe is leaving the national broadcaster to run a streaming service."),
    ("The finance chief will serve as interim chief executive.", "She took over in 2019.",
     "The army fired rockets at the head of the valley.", "Police fired tear gas.",
     "Workers removed the mayor's statue from the square.", "The retired judge will lead the inquiry.",
     "The minister was leaving the building when protesters arrived.",
     "The president is leaving Washington on Friday for a summit.", "Fans will leave the stadium by the east gate.",
     "Chairman Ann Roe, whose term expires at the annual meeting in 2027, said the board had met."),
)
# A question asking who holds a post ("Who is in charge of the club?", "Who runs the company
# now?"), not who did something ("Who won the final?").
ASKS_POST = Cue(
    "asks who holds a post",
    _re(r"\b(?:in\s+charge|runs?|running|leads?|leading(?!\s+(?:to|up\s+to)\b)|heads?|manag(?:es|ers?|ing|ement)|"
        r"coach(?:es|ing)?|chief|chair\w*|"
        r"president|mayor|captain|director|boss|editor|governor|leader|leadership|mayoralty|presidency|premiership|"
        r"ceo|minister|premier|chancellor|secretary|commissioner|ran|headed|coached|chaired|led(?!\s+(?:to|by)\b)|"
        r"managed(?!\s+to\b))\b"),
    ("Who is currently in charge of the club?", "Who runs the company now?", "Who is the club's manager?",
     "who's the airline's ceo", "Who is the finance minister?", "Who was the country's premier in 2022?",
     "Who coached the side in 2022?", "Who led the party in 2019?",
     "Who leads the party at present?", "Who is currently leading the broadcaster?",
     "How has the leadership of the company changed since 2023?",
     "How has the mayoralty of the city changed?", "How has the club's management changed since October?"),
    ("Who won the most recent final?", "Who scored the winning goal?", "Who is the latest winner of the prize?",
     "What led to the latest strike?", "What is leading to the shortages?", "How many people managed to escape?"),
)
# What follows a person's name to say they took a post ("Lee, who was named interim coach, …",
# "Lee, the caretaker coach, …"); not a sentence naming them beside someone else's post ("Lee beat
# acting mayor Ann Roe").
TOOK_POST = Cue(
    "says the person just named took a post",
    _re(r"^,?\s*(?:who|whom)\s+(?:was|has\s+been|had\s+been|is|were)\s+(?:named|appointed|elected|installed|made|"
        r"sworn\s+in)\b|^,\s+(?:the\s+|a\s+)?(?:new\s+)?(?:interim|acting|caretaker)\b"),
    (", who was named caretaker coach after the sacking, said", ", the interim chief executive, said",
     ", who has been appointed acting mayor, will"),
    (" beat acting mayor Ann Roe, who took 31 percent", " won her first match in charge on Saturday",
     ", who was sacked last week, said"),
)
TAKES_OVER = Cue(
    "says someone takes over a post",
    # "interim" and "acting" of a post, not of a report, results or a verb ("an interim report",
    # "acting on a tip")
    _re(r"\b(?:interim|acting)\s+(?:as\s+)?(?:[\w’'-]+\s+){0,2}?(?:manager|coach|chief|ceo|head|director|president|"
        r"chair\w*|captain|editor|leader|boss|mayor|governor|minister|secretary|principal|vice-chancellor|"
        r"commissioner|executive|premier|prime)\b|\bon\s+an\s+(?:interim|acting|caretaker|temporary)\s+basis\b|"
        r"\b(?:(?<!\ba\s)(?<!\bfor\s(?:her|his|its)\s)(?<!\bfor\stheir\s)successor|succeeds?|succeeded|succeeding|replaces?|replaced|takes?\s+over|took\s+over|"
        r"(?:will|would)\s+(?:serve|act)\s+as|"
        r"(?:was|has\s+been|is|were|will\s+be)\s+(?:named|appointed|elected|sworn\s+in|(?:chosen|picked|selected)\s+(?:as|to))|"
        r"caretaker|take\s+charge|took\s+charge|taken\s+charge|will\s+be\s+in\s+charge|"
        r"will\s+(?:lead|run|manage|coach)\s+the\s+(?:team|side|club|squad|company|party|city))\b|"
        # "The club appointed its assistant as its new manager", "The board named Lee chief executive",
        # "The council elected Ann Roe, a former nurse, as the city's mayor".
        r"\b(?:appoint(?:s|ed)?|nam(?:es|ed)|hir(?:e|es|ed|ing)|install(?:s|ed)?|unveil(?:s|ed)?|elect(?:s|ed)?|"
        r"cho(?:se|sen|oses)|pick(?:s|ed)|select(?:s|ed)|tap(?:s|ped))\s+"
        r"(?:(?:[\w’'-]+\s+){1,3}?|(?:[\w’'-]+,?\s+){1,14}?as\s+)"
        r"(?:(?:its|their|the|his|her)\s+)?(?:[\w-]+[’']s\s+)?(?:(?:new|next|permanent|full-time)\s+){0,2}"
        r"(?:(?:deputy|vice|assistant|acting|interim)\s+)?(?:[a-z-]+\s+)?(?:manager|coach|chief|head|"
        r"director|president|chair\w*|captain|editor|leader|boss|mayor|governor|vice-chancellor|chancellor|rector|dean|"
        r"principal|commissioner|minister|secretary|ceo)\b(?![’']s)|"
        # "Members voted to make Ann Roe their president"
        r"\b(?:make|made|makes|making)\s+(?:[\w’'-]+\s+){1,3}?(?:its|their|the|his|her)\s+(?:new\s+)?(?:[\w-]+\s+)?"
        r"(?:manager|coach|chief|head|director|president|chair\w*|captain|editor|leader|mayor|governor|minister|"
        r"secretary|ceo)\b|"
        # "Ann Roe, a former tax official, becomes deputy finance minister" (not "the first head of …")
        r"(?<!\bwho\s)\b(?:becomes|became|will\s+become|has\s+become)\s+(?:(?:the|its|their)\s+)?(?:[\w-]+[’']s\s+)?"
        r"(?:(?:new|acting|interim)\s+)?"
        r"(?:[\w-]+\s+){0,2}?(?:manager|coach|chief\s+executive|director|president|chair\w*|captain|editor|leader|mayor|"
        r"governor|minister|secretary|ceo)\b|"
        # "promoting assistant coach Ann Roe to head coach", "was promoted to chief executive"
        r"\b(?:promot(?:e|es|ed|ing)|elevat(?:e|es|ed|ing))\s+(?:[\w’'-]+\s+){0,5}?to\s+(?:(?:its|their|the)\s+)?"
        r"(?:(?:new|permanent)\s+)?(?:[\w-]+\s+)?(?:manager|coach|chief|head|director|president|chair\w*|captain|"
        r"editor|leader|boss|mayor|governor|minister|secretary|ceo)\b"),
    ("The finance chief will serve as interim chief executive.",
     "The deputy mayor was named acting mayor.", "He succeeds the founder.",
     "Her assistant will take charge of the team until the end of the season.",
     "The club appointed its assistant as their new manager on Monday.", "The board named Ann Roe chief executive.",
     "His assistant will be in charge for Saturday's game.",
     "The youth coach will lead the team until a successor is found.",
     "The council elected Ann Roe, a former nurse, as the city's mayor on Tuesday.",
     "The carmaker named Ann Roe, a former head of a battery maker, as its chief executive on Monday.",
     "The trust said Ann Roe would lead the organisation on an interim basis.",
     "The trust has named Ann Roe as its new permanent chief executive.",
     # chosen, picked, selected, tapped as appointed
     "The authority has chosen Ann Roe, the head of the much smaller port at Eastby, as its new chief executive.",
     "The airline picks Ann Roe as chief executive.", "Ann Roe was selected as the party's leader on Sunday.",
     "The council appointed Professor Ann Roe, currently deputy rector of Ostland University, as its next vice-chancellor.",
     "She will take up the post in August, succeeding the interim vice-chancellor.",
     "The club moved quickly, promoting assistant coach Ann Roe to head coach on a two-year contract.",
     "Ann Roe was promoted to chief executive on Monday.",
     "The prime minister named Ann Roe, a former economist, as finance minister.",
     "Ann Roe, a former tax official, becomes deputy finance minister.", "She became the club's new manager in May.",
     "Members of the rowing club voted on Monday to make Ann Roe their president.",
     "The mayor said Councillor Ann Roe would serve as his deputy mayor."),
    ("The company's chief executive is stepping down, it said.", "The mayor resigned on Wednesday.",
     "The club named its new stand after a former captain.", "The manager named an unchanged side.",
     "He had been in charge since 2019.", "The striker will lead the line on Saturday.",
     "Voters elected a new council, which will choose the mayor's deputy.",
     "He resigned hours after the inspectorate published its interim report into the collapse.",
     "Police were acting on a tip from a neighbour.",
     # A successor searched for is no change yet.
     "The board said it would begin the search for a successor at once.",
     "The board has begun a search for her successor.",
     "The coach picked an unchanged side.", "Voters chose the mayor's plan.", "She was selected for the final.",
     "The club was promoted to the top division.", "The campaign promoted tourism to the region's head office.",
     "She became the first woman to run the city.", "It became the first team to win three cups in a row.",
     "The win made the club the favourites.", "It makes the coach the league's longest-serving manager."),
)

# A report that someone won a post by a vote ("won the mayoral by-election", "won the race for
# mayor"): a change of the post's holder, like a successor's appointment.
WINS_POST = Cue(
    "says someone won a post by a vote",
    _re(r"\b(?:won|wins|elected)\s+(?:[\w’'-]+\s+){0,4}?(?:elections?|by-elections?|ballot|run-?off|"
        r"leadership\s+(?:contest|vote))\b|"
        r"\b(?:won|wins)\s+the\s+race\s+(?:for|to\s+become)\b|"
        # "A recount has confirmed Ann Roe as the winner of the town's mayoral election"
        r"\b(?:confirm\w*|declar\w*)\s+(?:[\w’'-]+\s+){1,4}?as\s+(?:the\s+)?winner\s+of\s+(?:[\w’'-]+\s+){0,4}?"
        r"(?:elections?|by-elections?|ballot|run-?off|vote|contest)\b"),
    ("The teacher won the mayoral by-election on Sunday.", "The nurse won the race for mayor of the town.",
     "The party elected her in a leadership contest.",
     "A full recount has confirmed Ann Roe as the winner of the town's mayoral election."),
    ("She won the marathon on Sunday.", "Turnout in the election was 40 percent.", "He won the race by two seconds."),
)

# A question asking who holds a title ("Who is the reigning national chess champion?", "Who are
# the defending champions?"), and a line telling someone won it ("won the 73rd national chess
# championship", "took the national title"): the newest such report names the holder.
ASKS_TITLEHOLDER = Cue(
    "asks who holds a title",
    _re(r"\bwho\s+(?:is|are|was|were)\s+(?:[\w’'-]+\s+){0,5}?(?-i:champions?|title-?holders?|holders?\s+of\s+the\s+"
        r"(?:title|trophy|cup|crown))\b"),
    ("Who is the reigning national chess champion?", "who are the defending champions", "Who is the titleholder now?"),
    ("Who won the final?", "When did the champion retire?", "Which club are the champions?",
     "Who won the Champions League final?", "Who coached the defending champions?"),
)
WINS_TITLE = Cue(
    "says someone won a title",
    _re(r"\b(?:won|wins|win|winning|regain\w*|retain\w*|took|takes|clinch\w*|claim\w*|sealed|seals)\s+"
        r"(?:[\w’'-]+\s+){0,5}?(?:title|championship|crown|cup|trophy)\b(?!\s+(?:final|semi|quarter|match|tie|game))|"
        r"\b(?:was|were|is|are)\s+crowned\b"),
    ("Ann Roe won the 73rd national chess championship on Sunday.", "She took the national title in the capital.",
     "Lee regains national title at 72nd championship", "Ida Lee was crowned national champion."),
    ("The title race is wide open.", "He lost the cup final.", "The club won 2-0 on Sunday.",
     "The visitors took the cup final to extra time."),
)

# A line about an institution's first holder or its founding ("Its first winner was …", "the
# inaugural champion", "founded in 1990 by …"): a retrospective's history, not who or what it is
# now, unless the question asks for the first (`FIRST_ASKED`).
FIRST_INSTANCE = Cue(
    "tells the first holder or the founding",
    _re(r"\b(?:its|the|their)\s+(?:very\s+)?(?:first|inaugural|original|founding)\s+(?:ever\s+)?(?:winners?|champions?|"
        r"recipients?|holders?|laureates?|presidents?|chair(?:man|woman|person)?|heads?|directors?|leaders?|managers?|"
        r"coach(?:es)?|captains?|editors?|chiefs?|editions?|mayors?)\b(?!\s+(?:to|from|since|outside|of\s+(?:the|a)\s+new)\b)|"
        r"\b(?:was\s+)?(?:founded|established|set\s+up)\s+in\s+\d{4}\b"),
    ("Its first winner was a retired teacher, for a book of sea stories.",
     "The inaugural champion, in 1998, was a local amateur.",
     "The festival, founded in 1987 by two students, has grown every year."),
    ("She won the prize for her first novel.", "The club named its new manager on Monday.",
     "It was the champion's first title since 2019.",
     # A record the newest holder sets is no history: "the first X to …", "… from …".
     "Members voted to make her their president, the first president from the women's section.",
     "The prize went to the poet, the first winner to take it twice.",
     # The first holder of another, new body's post: where the departing holder goes.
     "The chief executive is to leave to become the first head of the new national agency."),
)
FIRST_ASKED = _re(r"\b(?:first|inaugural|original|found(?:ed|ing|er)|established|earliest)\b")
# The founding alone ("The festival, founded in 1987, drew a record 40,000 visitors this year"): an
# aside to a figure the line reports, which a question asking a figure (`ASKS_FIGURE`) may want.
FOUNDED = _re(r"^(?:was\s+)?(?:founded|established|set\s+up)\b")


# Someone told by a count of their titles or wins: "the 23-time champion", "a seven-time Olympic
# medallist", "the two-time winner". The count and the next word tell who among the holders.
TITLE_COUNT = Cue(
    "a count of titles",
    # not "one-time", which mostly says "former" ("a one-time ally")
    _re(rf"\b(\d{{1,3}}|(?!one\b)(?:{_NUMBER_WORD}))[- ]times?[- ]([a-z]+)"),
    ("The 23-time champion announced her retirement.", "Her sister, a seven-time grand slam champion, won later.",
     "The two time winner was back.", "a 4-time Olympic medallist"),
    ("She won it four times.", "It was the first time in two years.", "He served time in prison.",
     "The one-time ally turned critic."),
)


def another_titleholder(question: str, sentence: str) -> bool:
    """The question tells someone by a count of titles ("Which 23-time champion …?"); the sentence
    gives the same title with another count only ("her sister, a seven-time champion"): it speaks
    of someone else, whose name is not the answer."""
    asked = _title_counts(question)
    if not asked:
        return False
    given = _title_counts(sentence)
    titles = {title for _, title in asked}
    return bool({(n, t) for n, t in given if t in titles} - asked) and not given & asked


def _title_counts(text: str) -> frozenset[tuple[int, str]]:
    """(count, the word after it) of each `TITLE_COUNT` in `text`: "seven-time grand" → (7, "grand")."""
    return frozenset((int(m.group(1)) if m.group(1).isdigit() else _WORD_VALUES[m.group(1).lower()], m.group(2).lower())
                     for m in TITLE_COUNT.pattern.finditer(text))


# Who held a post before a named holder: "Who was mayor before Ann Roe?", "Who did Roe replace?",
# "Who preceded Roe as mayor?", "Roe's predecessor". `name` is the named holder.
_NOT_A_HOLDER = "|".join((*MONTH_NAMES, *WEEKDAY_NAMES))


def _holder(i: int) -> str:
    # (a name, not a time: "Who was finance minister before April?")
    return rf"(?P<name{i}>(?!(?:{_NOT_A_HOLDER})\b)(?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+)){{0,3}})"


ASKS_PREDECESSOR = _re(rf"\bwho\s+(?:was|were|had\s+been|ran|led|held|headed|coached|managed|chaired|captained|"
                       rf"governed|edited|served)\b[^?]*?\bbefore\s+{_holder(1)}\s*"
                       r"(?:(?:took\s+over|was\s+(?:appointed|named|elected)|arrived|came\s+in)\b[^?]*)?(?:[?.,]|$)|"
                       rf"\bwho\s+(?:did|does|will)\s+{_holder(2)}\s+(?:replace|succeed|take\s+over\s+from)\b|"
                       rf"\bwho\s+(?:preceded|came\s+before)\s+{_holder(3)}|\b{_holder(4)}[’']s\s+predecessor\b")


def predecessor_of(question: str) -> str:
    """The holder `question` asks the predecessor of ("Ann Roe" in "Who was mayor before Ann Roe?"),
    or ""."""
    m = ASKS_PREDECESSOR.search(question)
    return next((g for g in m.groups() if g), "") if m else ""


def tells_predecessor(text: str, holder: str) -> bool:
    """`text` says whom `holder` (or their last name) took over from: "Roe succeeds Ann Lee, who did
    not stand", "Roe, who replaced Lee in 2021, …", "…, succeeding Ann Lee", "Lee stepped down and
    was succeeded by Roe", "appointed Roe … after the sacking of Ann Lee". Not whom someone else took
    over from ("Bo Ek has been elected, defeating Roe"), nor who followed Roe ("Roe was succeeded by
    Lee")."""
    last = re.escape(holder.split()[-1])
    return bool(re.search(rf"\b{last}\b(?:[’']s)?[^.;]{{0,60}}?\b(?:succeeds|replaces|"
                          rf"(?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)(?:succeeded|replaced)|"
                          rf"(?:took|takes)\s+over\s+(?:[\w’'-]+\s+){{0,3}}?from|(?:succeeding|replacing|taking\s+over\s+from)\s+(?!{last}\b)|"
                          rf"(?:takes|took|fills|filled)\s+(?:[\w’'-]+\s+){{0,3}}?(?:vacated|left\s+vacant)\s+by|in\s+place\s+of|"
                          rf"in\s+succession\s+to)\b|"
                          # the holder's arrival told after the last one's going, anywhere in the sentence
                          rf"\b{last}\b[^.;]*?\b(?:after|following)\s+the\s+(?:sacking|dismissal|departure|resignation|"
                          rf"exit|retirement|death|ousting)\s+of\s+(?!{last}\b)(?-i:[A-Z])"
                          rf"|\b(?:was|were|will\s+be|is\s+to\s+be|has\s+been)\s+(?:succeeded|replaced)\s+(?:[\w’'-]+\s+){{0,4}}?by\s+"
                          rf"(?:[\w’'-]+\s+){{0,4}}?{last}\b"
                          rf"|\bpredecessor\b", text, re.IGNORECASE)) and re.search(rf"\b{last}\b", text) is not None


# Posts of one kind, as reports name them: a question about a club's manager is not answered by a
# change of its captain, one about a company's chief executive not by a new chair.
POST_KINDS: tuple[tuple[str, ...], ...] = (
    ("manager", "head coach", "coach", "caretaker"),  # not "boss": a club's is its manager, a firm's its chief
    ("captain", "skipper"),
    ("chief executive", "ceo", "managing director"),
    ("chair", "chairman", "chairwoman", "chairperson"),
    ("mayor",), ("governor",), ("president",), ("conductor", "music director"), ("editor",), ("speaker",),
    ("principal", "head teacher", "headteacher"), ("vice-chancellor",), ("commissioner",), ("premier",),
    ("minister",), ("secretary",), ("chancellor",), ("director",),
)
_POST_NAMES = {name: kind for kind in POST_KINDS for name in kind}
_ANY_POST = _re(r"\b(?:" + "|".join(sorted((n.replace(" ", r"\s+") for n in _POST_NAMES), key=len, reverse=True))
                + r")s?\b")


def _post_name(found: str) -> str:
    """The `POST_KINDS` name an `_ANY_POST` match writes: "Chief  Executives" → "chief executive"; a
    final "s" is a plural's only where the name without it is one ("chairs")."""
    name = " ".join(found.lower().split())
    return name if name in _POST_NAMES else name[:-1]


def asked_post_kind(question: str) -> tuple[str, ...]:
    """The kind of post a question names ("Who is the club's manager?" → manager, head coach, …), or
    () when it names none of `POST_KINDS` ("Who is in charge?")."""
    m = _ANY_POST.search(question)
    return _POST_NAMES[_post_name(m.group(0))] if m else ()


def names_a_post(text: str) -> bool:
    """`text` names a post of `POST_KINDS`."""
    return _ANY_POST.search(text) is not None


def names_another_post(text: str, kind: tuple[str, ...], question: str = "") -> bool:
    """`text` names a post of a kind other than `kind`, and none of `kind` ("named the club's new
    captain" for a question about its manager). Asked who is in charge (no kind), a captain or a
    deputy is not.
    A deputy's post is another ("returns to her role as deputy finance minister"), unless `question`
    asks a deputy; so is a post of the kind for another field than the one `question` names ("Health
    Minister Ida Lee" asked who is the finance minister)."""
    named = _named_posts(text, question)
    if not kind:  # asked who is in charge: a captain or a deputy is not
        return bool(named) and all(n in ("captain", "skipper") or n.startswith("deputy ") for n in named)
    return bool(named) and not named & set(kind)


def names_the_post(text: str, question: str) -> bool:
    """`text` names the post `question` asks about (of its kind, its field, a deputy's or not), or
    the question names no post of `POST_KINDS`."""
    kind = asked_post_kind(question)
    return not kind or bool(_named_posts(text, question) & set(kind))


def names_the_field(text: str, question: str) -> bool:
    """Where `question` asks a post of a field ("Who was transport minister in 2023?"), `text` names
    that field ("transport"): a report of the finance minister's appointment, whose acting minister
    returns to his post, tells no change of the transport minister's. True for any other question."""
    field = _asked_field(question)
    return not field or re.search(rf"\b{re.escape(field)}", text, re.IGNORECASE) is not None


def field_unnamed(question: str, texts: Sequence[str]) -> bool:
    """`question` asks a post of a field ("Who is the foreign minister?") and none of `texts` names
    that field at all, however worded ("minister of foreign affairs" names it; "Education Minister
    Ann Roe" does not): no line of them can say who holds it."""
    field = _asked_field(question)
    if not field or field.lower() in _NO_FIELD:
        return False
    spellings = [set(lexical.terms(form)) for form in _spellings(field.lower())]
    return not any(wanted and wanted <= said for said in (set(lexical.terms(text)) for text in texts)
                   for wanted in spellings)


# Words before "minister" that name no field a report must repeat ("Prime Minister" is also "Premier").
_NO_FIELD = frozenset({"prime", "first", "chief"})


def _spellings(word: str) -> set[str]:
    """`word` and its other English spelling ("defence" and "defense", "labour" and "labor")."""
    forms = {word}
    for british, american in (("ence", "ense"), ("our", "or"), ("ise", "ize"), ("tre", "ter")):
        forms |= {word.replace(british, american), word.replace(american, british)}
    return forms


def _asked_field(question: str) -> str:
    """The field of the post `question` asks about ("finance" of "the finance minister"), or "": only
    a minister's, secretary's, commissioner's or director's field tells the post apart (not the
    "head" of "head coach")."""
    asked = _ASKED_TITLE.search(question) if question else None
    return asked.group(1).lower() if asked and asked.group(1) and _post_name(asked.group(2)) in _FIELD_POSTS else ""


def _named_posts(text: str, question: str) -> set[str]:
    """The `POST_KINDS` names of the posts `text` names, a deputy's ("deputy mayor") or another
    field's ("health minister") told apart from the post `question` asks about."""
    field = _asked_field(question)
    deputy_asked = _asked_deputy(question) is not None
    named = set()
    for m in _ANY_POST.finditer(text):
        name, before = _post_name(m.group(0)), text[max(0, m.start() - 40):m.start()]
        # Another field's post ("health minister" asked of the finance minister's) …
        if field and (said := _FIELD_BEFORE.search(before)) and said.group(1).lower() != field:
            name = f"{said.group(1).lower()} {name}"
        # … or a deputy's asked, or a deputy's named, unless the deputy takes charge ("Assistant coach
        # Ida Lee will take charge on an interim basis").
        if deputy_asked != bool(_DEPUTY.search(before) and not _STANDS_IN.search(text, m.end())):
            name = ("holder's " if deputy_asked else "deputy ") + name
        named.add(name)
    return named


# A deputy's title before a post noun ("deputy finance minister", "vice chair", "assistant manager").
_DEPUTY = _re(r"(?:deputy|vice|assistant|shadow|junior|associate)(?:[\s-]+[a-z-]+)?[\s-]*$")
def _asked_deputy(question: str) -> re.Match | None:
    """The deputy's title before the post `question` names ("the deputy finance minister"); not the
    "vice-" of a post of its own ("the vice-chancellor")."""
    post = _ANY_POST.search(question)
    return _DEPUTY.search(question[:post.start()]) if post else None


_FIELD_POSTS = frozenset({"minister", "secretary", "commissioner", "director"})
_STANDS_IN = _re(r"\b(?:interim|acting|caretaker|temporar\w*|takes?\s+(?:over|charge)|step(?:s|ped)?\s+in|"
                 r"stand(?:s|ing)?\s+in|will\s+(?:run|lead|serve))\b")
# The field a post is of, in the one lowercase word before its noun ("health minister", "Transport
# Secretary"); not a determiner, an adjective of time or a name's possessive.
_FIELD_BEFORE = _re(r"(?<![\w’'-])(?!(?:the|its|their|his|her|our|a|an|current|new|former|ex|then|late|outgoing|"
                    r"previous|acting|interim|caretaker|incoming|next|first|permanent|prime|as|of|for|by|to|deputy|vice|"
                    r"assistant|shadow|junior|associate|non-party|party|cabinet|state)\b)"
                    r"([a-z-]+)\s+$")


# A post as a question asks it ("Sarnova's finance minister", "the club's head coach"): the post noun
# and the word before it when that word is no determiner or possessive ("finance", "head").
_ASKED_TITLE = _re(r"(?:(?<![\w’'])(?!(?:the|its|their|his|her|our|a|an|current|new|now|present|who|whos|is|was|"
                   r"are|were|be|been|being|become|became|as|of|for|by|to|has|have|had|named|appointed|elected)\b)"
                   r"([a-z-]+)\s+)?\b(minister|secretary|premier|chancellor|commissioner|governor|mayor|"
                   r"president|chair(?:man|woman|person)?|chief\s+executive|ceo|head\s+coach|coach|manager|captain|"
                   r"director|editor|leader|principal|speaker|conductor)\b")
# Words before a title that make it someone else's ("former finance minister X", "deputy mayor Y").
_NOT_THE_HOLDER = _re(r"\b(?:former|ex|then|late|outgoing|previous|deputy|shadow|vice|assistant|acting|interim|"
                      r"caretaker|would-be|incoming)[\s-]+(?:[\w-]+\s+)?$")


def names_holder(text: str, question: str, names: Sequence[str] = ()) -> bool:
    """`text` names someone as holding the post `question` asks about: by the title before the name
    ("Finance Minister Ann Roe welcomed the cut"), after it ("Ann Roe, mayor of Ostby since 2013,
    said …", "Ann Roe, who became the museum's director in 2022, said …") or as what the post is
    ("The club's manager is Ann Roe"): who held it on the report's day. Not a former, deputy or incoming holder ("former Finance Minister Ida Lee"), nor another
    body's holder where the question names one (`names`: "Rival chief executive Ida Lee" for the
    question's company)."""
    forms = _holder_forms(question)
    if forms is None:
        return False
    before, after, copular = forms
    for m in before.finditer(text):
        if not _NOT_THE_HOLDER.search(text[:m.start()]) and not _another_body(text[:m.start()], names):
            return True
    return any(not _NOT_THE_HOLDER.search(m.group("between") or "") and not _another_body(m.group("body") or "", names)
               for m in after.finditer(text)) or bool(copular.search(text))


_NAME = r"(?-i:[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)"
_NOT_A_BODY = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "new"})


def _another_body(before: str, names: Sequence[str]) -> bool:
    """The words before a title end on a capitalised name that is none of the asked `names`
    ("Rival chief executive …" asked about another company): another body's post."""
    if not names:
        return False
    found = re.search(r"(?-i:((?:[A-Z][\w’'.&-]*\s+)*[A-Z][\w’'.&-]*?))(?:[’']s)?\s*$", before)
    if found is None or found.group(1).lower() in _NOT_A_BODY:
        return False
    body = found.group(1).lower()
    return not any(body in n.lower() or n.lower() in body for n in names)


@lru_cache(maxsize=256)
def _holder_forms(question: str) -> tuple[re.Pattern, re.Pattern, re.Pattern] | None:
    """The post `question` asks about as a title before a name ("finance minister Ann Roe"), after a
    name ("Ann Roe, the finance minister"), and as what it is ("the finance minister is Ann Roe", "Ann
    Roe remains finance minister"); or None when the question asks about no post by name."""
    asked = _ASKED_TITLE.search(question)
    if asked is None:
        return None
    noun = " ".join(asked.group(2).lower().split())
    nouns = {noun} | (set(_POST_NAMES.get(noun, ())) if not asked.group(1) else set())
    # A deputy's post is asked by the words from "deputy" on ("the deputy finance minister").
    deputy = _asked_deputy(question)
    field = question[deputy.start():asked.start(2)].strip() if deputy else asked.group(1)
    title = "(?:" + "|".join(re.escape(f"{field} {n}" if field else n).replace(r"\ ", r"[\s-]+")
                             for n in nouns) + ")"
    return (re.compile(rf"\b{title}\s+{_NAME}", re.IGNORECASE),
            re.compile(rf"{_NAME},\s+(?P<between>(?:[\w-]+\s+){{0,2}}?){title}\b|"
                       # "Ann Roe, who became the museum's director in 2022, said …"
                       rf"{_NAME},\s+who\s+(?:became|has\s+been|was\s+(?:named|appointed|made))\s+(?:the\s+|its\s+)?"
                       rf"(?P<body>[\w-]+[’']s\s+)?(?:new\s+)?{title}\b"
                       rf"(?![^.;]*\b(?:resign\w*|quit|left|stepp\w+\s+down|sacked|ousted|fired|dismissed|removed|replaced)\b)",
                       re.IGNORECASE),
            re.compile(rf"\b{title}\s+(?:is|remains)\s+(?:now\s+|still\s+)?{_NAME}|"
                       rf"{_NAME}\s+(?:remains|stays(?:\s+on)?\s+as|continues\s+as|is\s+still)\s+(?:the\s+|its\s+|their\s+)?"
                       rf"{title}\b", re.IGNORECASE))

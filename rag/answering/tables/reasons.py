"""Why questions and the sentences that give a reason, outright or loosely (`gives_reason`)."""

from __future__ import annotations

import re

from rag import lexical
from rag.answering.tables import _re
from rag.answering.tables.statements import asked_act
from rag.question.answer_types import Cue

# ----- why questions ------------------------------------------------------------------------------

# "Why …?" asks for a reason: a sentence that gives none (the report of the event alone, a quote that
# explains nothing) does not answer it (`gives_reason`). So do questions worded as users word them
# without "why": "What reason did the firm give for …", "What made the rocket break up?", "What caused
# the fire?", "What led the club to …?", "What led to the strike?"; not "What made the headlines?" nor
# "What made up the rest?". "What led up to …?" asks for the chain of events
# (`rag.question.cues.TIMELINE_CUES`).
WHY_QUESTION = Cue(
    "asks why",
    _re(r"(?:^|[.?!;:]\s)\W*(?:and |so |but |then )?(?:why\b|how come\b|for what reasons?\b|"
        r"what (?:is|was|are|were) the (?:main )?reasons? (?:for|behind|why)\b|"
        r"what (?:reasons?|explanation|grounds|justification|motives?) (?:did|does|do|has|have|had|was|were|is|are|will)\b|"
        r"what (?:caused|causes|triggered|sparked|prompted|drove|led (?!up )(?:[\w’'-]+ ){1,4}to|led to|"
        r"(?:is|was|are|were|lay|lies) behind)\b|"
        r"what made (?!(?:the |a )?(?:headlines?|news|lists?|cut|history|it|up|waves|sense|money|"
        r"difference|mistakes?)\b))"),
    ("Why did the club sack its coach?", "And why is the plant closing?", "The talks failed. Why?",
     "How come the bridge is shut?", "What was the reason for the delay?", "For what reason was he arrested?",
     "What reason did the firm give for cutting 600 jobs?", "What made the rocket break up?",
     "What caused the fire?", "What led the club to sack its coach?", "What led to the strike?",
     "What was behind the fall in sales?", "What prompted the recall?"),
    ("Who knows why the talks failed?", "What did the minister say about the reasons?",
     "How did the club react?", "What made the headlines on Monday?", "What led up to the resignation?",
     "What made up the rest of the bill?",
     "What was the main story behind the film?"),
)

# "after" an event, not a time ("after Tuesday", "after 2019", "after midnight", "after that").
_AFTER_EVENT = (r"\bafter\s+(?!(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|midnight|noon|dark|dawn|"
                r"that|this|which|years|decades|months|weeks|days|hours|a while|all)\b)")
# "after" that tells why, not only what came first: a passive act done after an event ("had been
# dismissed after a run of …", "was arrested after …"), or after a run of events or a failing. Not
# "resigned on Wednesday, two weeks after …" (`LOOSE_REASON`), nor "after" a name ("the third mayor
# in two years, after Vell and Roe").
_CAUSAL_AFTER = (r"(?:\b(?:been|was|were|is|are|be)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en)\s+(?=after\b)|"
                 r"(?=after\s+(?:a|an)\s+(?:run|series|string|spate|succession)\s+of\b|"
                 r"after\s+(?:failing|refusing|losing|breaching|admitting|being found)\b|"
                 r"after\s+(?:he|she|they|it)\s+(?:was|were|had\s+been)\s+[a-z]+(?:ed|en)\b))"
                 + _AFTER_EVENT + r"(?!(?-i:[A-Z]))")

# A sentence that states a reason or a purpose outright: "because", "due to", "citing", "in protest
# at", "demanding", "in a dispute over", "needed to bring …", "dismissed after a run of …".
REASON = Cue(
    "gives a reason",
    _re(r"\b(?:because|due to|owing to|as a result of|on account of|on the grounds|in protest|in response to|"
        r"on (?:[\w’'-]+ ){1,2}grounds\b|for (?:health|personal|family|medical) reasons\b|"
        r"in the wake of|reasons? (?:for|behind|was|is|given)|blam(?:e|ed|es|ing)|cit(?:ing|ed)\s|"
        r"(?:the|a|an|its|main|immediate) (?:trigger|cause|motive)s? (?:for|of|was|is|behind|appears)|"
        r"given (?!(?:to|by|a|an|up|out|away|back|in|the (?:go-ahead|green light|all-clear))\b)|"
        r"demand(?:s|ed|ing)?\b|calling for|accused of|"
        r"(?:triggered|sparked|prompted|driven|fuell?ed|brought on|ignited|set off) by|started by (?:a|an)\s|"
        r"caus(?:ed|es|ing)\b|"
        r"for (?:failing|refusing|breaching|breaking|allegedly|not)\b|"
        r"\b(?:fined|jailed|sentenced|sacked|banned|punished|sued|convicted)\b[^.;]*?\bfor (?-i:[a-z]+ing)\b|"
        r"(?:walk(?:ed|s|ing)? out|(?:on|went on|going on) strike|strik(?:e|es|ing)) over\b|"
        r"made (?:[\w’'-]+ ){0,3}?(?:necessary|inevitable|unavoidable)\b|"
        # what a finding made someone do: "a survey found soft clay, forcing engineers to drive piles
        # deeper" (not what the asked act forced on others: "raised fares, forcing rivals to follow")
        r"\b(?:found|discovered|revealed|showed|uncovered)\b[^.;]*?,\s+forc(?:ing|ed) (?:[\w’'-]+ ){1,4}?to (?!(?:the|a|an|its|their)\b)|"
        r"part of (?:a|an|its|their|the|his|her) (?:[\w’'-]+ )?(?:plan|drive|effort|bid|push|strategy|programme|program) to\b|"
        r"needed (?:the |more )?(?:money|cash|funds|funding|revenue) to\b|"
        r"(?:needed|necessary|designed|intended|meant|aimed|in order|so as|(?:a|an) (?:bid|effort|attempt|move)) to\b|"
        r"so that|to make up for|to bring (?:[\w’'-]+ ){1,3}in line|"
        # a recall's reason: "recalled over fire risks" (not "over the weekend", "over 300 cars")
        r"recall(?:ed|s|ing)?\b[^.;]{0,60}?\bover\s+(?!(?:the\s+)?(?:weekend|past|last|next|coming|\d))|"
        # a post left for another, or for an end: "is leaving to become president of …", "stepped down to
        # spend more time with his family"
        r"(?:leav(?:e|es|ing)|left|quit(?:s|ting)?|step(?:s|ping|ped)? down|resign(?:s|ed|ing)?|retir(?:e|es|ed|ing)) "
        r"(?:(?:as|from) (?:[\w’'-]+ ){1,6}?)?(?:(?:at|by) the end of (?:the |this |next )?[\w’'-]+ )?(?:in order )?to "
        r"(?:become|join|take|lead|run|head|pursue|focus|spend|"
        r"care|concentrate|stand|run|work|start)\b|"
        r"(?:concerns?|fears?|worries|anger|outrage|protests?|rows?|disputes?|disagreements?|clash(?:es)?|"
        r"criticism|standoff|tensions?) (?:over|about|at)\b|"
        r"over (?:concerns?|fears?|claims?|allegations?|accusations?|worries)\b)|" + _CAUSAL_AFTER),
    ("The recall is needed because a software fault can disengage the brakes.",
     "The club said the coach had been dismissed after a run of seven games without a win.",
     "The cuts are needed to bring costs in line with falling demand.",
     "The union is demanding a 9 percent pay rise to make up for inflation.",
     "Verification remains difficult due to restricted access.", "He quit in protest at the decision.",
     "The mayor resigned, citing ill health.", "Workers walked out in a dispute over pay.",
     "She was sacked for failing to declare a gift.", "The situation is severe given the economic crisis.",
     "The immediate trigger for the strikes appears to have been a series of deadly exchanges.",
     "Officials continue to assess the damage caused by record flooding.",
     "The inquiry found that a faulty valve caused the crash.",
     "The club said higher costs for stewarding had made the rise necessary.",
     "The cuts are part of its plan to save 500 million euros.",
     "The company said it needed the money to replace old pipes.",
     "A court fined the factory 450,000 euros on Thursday for polluting the river.",
     "The nurses had walked out over pay and staff shortages.",
     "He started the fire after he was sacked by the owner, the court heard.",
     "Professor Lee is leaving to become president of the research council, the university said.",
     "He stepped down as chairman to spend more time with his family.",
     "The chancellor will step down on 30 June on health grounds, the university said.",
     "She resigned for personal reasons.",
     "He will leave as leader of the council at the end of the month to become head of the new authority.", "The fire was started by a lightning strike on 7 January.",

     "Owners of some SUVs that were recently recalled over fire risks should park them outside.",
     "A survey found a thicker layer of clay, forcing engineers to drive piles 22 metres deeper.",
     "Inspectors found cracks in the girders, forcing the council to close the bridge."),
    ("The club sacked its coach on Tuesday, two days after a 3-0 defeat.",
     "The defeat forced them to the bottom of the table.", "Police forced their way into the building.",
     "The ferry operator raised fares by 8% on Monday, forcing a rival to announce a similar increase.",
     "The company was started by two students in 1998.", "The grounds of the palace reopen on Friday.",
     "The company will cut 900 jobs over the next year.", "The strike has begun, with pickets at all gates.",
     "The talks resumed after Tuesday's break.", "After that, the minister left.",
     "She is the city's third mayor in just over two years, after Oskar Vell and Ann Roe.",
     "The by-election was called after Oskar Vell resigned.", "Three candidates will stand, the office said on "
     "Wednesday after nominations closed.",
     "Dock workers walked out on Tuesday, halting the unloading of ships.",
     "The first doses will be given to care home residents.", "The plant was given the go-ahead on Monday.",
     "The court fined the factory 450,000 euros on Thursday.", "The club made the final for the first time.",
     "She will leave at the end of November.", "He left to applause from the crowd.",
     "The carmaker recalled over 300,000 vehicles last week.", "The recall was announced over the weekend."),
)

# A delay told with what caused it ("was interrupted for five months when the judge fell ill", "held
# up by a shortage of vessels"; not by how long: "delayed by two months"): the reason only when the
# question asks about lateness (`ASKS_DELAY`); "Why was the bridge closed?" is not answered by
# "Repairs were interrupted when a crane collapsed".
DELAY_CAUSE = Cue(
    "tells what caused a delay",
    _re(r"\b(?:interrupted|delayed|held up|halted|suspended|postponed|stalled|slowed|disrupted|pushed back)\b[^.;]{0,60}?"
        r"\b(?:when|because|after|by (?!(?:about |around |almost |nearly |some |up to |more than |over |at least )?"
        r"(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a (?:year|month|week|day)|several|many|half)\b))"),
    ("It was interrupted for almost five months when the judge fell seriously ill.",
     "The project was held up by a shortage of cable-laying vessels."),
    ("The opening was delayed by two months.", "The launch was pushed back by about a year.",
     "The bridge was closed on Monday."),
)
ASKS_DELAY = Cue(
    "asks about lateness",
    _re(r"\b(?:delay\w*|late|later|so long|longer|postpon\w*|behind schedule|slow\w*|held up|overdue|pushed back|"
        r"put back|stall\w*|interrupt\w*)\b"),
    ("Why did the trial take so long?", "Why was the line delayed?", "Why is the terminal opening late?"),
    ("Why was the bridge closed?", "Why did the minister resign?"),
)

# A looser tie of an event to what came before it ("two weeks after an audit found …", "following a
# row", "amid protests"): a reason, when no sentence gives one outright.
LOOSE_REASON = Cue(
    "ties an event to another",
    _re(r"\b(?:following|amid|amidst|in the face of|prompted|triggered|sparked|led to|forced by|came after|"
        # the event's own verb: "The walkout followed a second year of frozen pay" (not "was followed by")
        r"(?<!was )(?<!were )(?<!is )(?<!be )followed (?=(?:a|an|weeks|months|years|days|decades)\b)|"
        # a judgement that explains a refusal: "the offer fell short of inflation"
        r"f[ae]lls? short|(?:was|were|is|are) not enough|too (?:low|high|little|small|few|late|slow|costly|expensive)|"
        r"insufficient|inadequate|unaffordable)\b|" + _AFTER_EVENT),
    ("He resigned on Wednesday, two weeks after an audit found he had charged private travel to the city.",
     "The plant closed following a fall in orders.", "Prices rose amid a drought.",
     "The union said the offer of a four percent rise fell short of inflation.",
     "The walkout followed a second year of frozen pay."),
    ("The club have sacked their manager, they announced on Monday.",
     "The first doses will be given to care home residents.", "He said he loved every minute at the club.",
     "The talks resumed after Tuesday's break.", "The vote was followed by a recount.",
     "Fans followed the team to Lisbon."),
)

# A report that says the reason was not given ("gave no reason for her decision", "declined to say
# why"): what it tells of a why question's answer is that the articles do not have it.
REASON_WITHHELD = Cue(
    "says no reason was given",
    _re(r"\b(?:(?:gave|give|gives|giving|offered|provided|stated) no (?:reasons?|explanation)|"
        r"without (?:giving|offering|providing|stating) (?:a |any )?(?:reasons?|explanation)|"
        r"(?:did not|didn't|does not|doesn't|declined to|refused to|would not|wouldn't) "
        r"(?:give|offer|provide|state|say|explain|disclose) (?:a |any )?(?:reasons?|explanation|why)|"
        r"no (?:reasons?|explanation) (?:was|were|has been|had been) (?:given|offered)|"
        r"(?:reasons?|explanation) (?:was|were|has been|had been) not (?:given|offered|disclosed|made public)|"
        r"(?:did not|didn't|declined to|refused to) explain)\b"),
    ("She gave no reason for her decision in a two-line statement.", "He resigned without giving a reason.",
     "The club declined to say why the coach had left.", "No reason was given for the delay.",
     "The ministry did not explain the decision."),
    ("He gave three reasons for leaving.", "She said she resigned because of ill health.",
     "The club did not give up its lead.", "Nobody explained the rules to us, she said."),
)

# "What went wrong with …?" asks for the fault, told by a sentence of what failed or broke ("the
# upper stage engine shut down early", "the satellite was lost"), not by the report of the event.
WENT_WRONG = Cue(
    "asks what went wrong",
    _re(r"\bwhat\s+(?:went|goes|has\s+gone|had\s+gone|is\s+going)\s+wrong\b|\bwhat\s+(?:was|is)\s+wrong\s+with\b"),
    ("What went wrong with yesterday's launch?", "What has gone wrong at the plant?", "What was wrong with the bridge?"),
    ("What went right for the team?", "Who said it went wrong?", "Why did it go wrong?"),
)
TELLS_FAULT = Cue(
    "tells what failed",
    _re(r"\b(?:shut\s+down|failed|broke(?:\s+(?:apart|down|up))?|lost|exploded|cracked|leak(?:ed|ing|s)?|"
        r"stalled|collapsed|froze|malfunction(?:ed)?|fault(?:y|s)?|did\s+not\s+(?:reach|work|open|fire)|fell\s+short)\b"),
    ("The upper stage engine shut down about 90 seconds early.", "The satellite has been lost.",
     "A valve stuck open and the engine failed.", "Telemetry froze four minutes into the flight."),
    ("The rocket clears the tower on a calm morning.", "The weather is green for launch.",
     "The flight has now flown three times.", "With today's failure, it has flown three times with one success."),
)

# The asked act done for a purpose: "Pell is leaving to front a new series" for "Why is Pell leaving …?".
_ACT_FOR = re.compile(r"\b([\w’'-]+)\s+to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|be|do|\d)\b)(?-i:[a-z])",
                      re.IGNORECASE)


def gives_reason(question: str, sentence: str) -> int:
    """How plainly `sentence` gives a reason for what a why question asks: 2 outright (`REASON`, or
    the asked act done "to" some end), 1 loosely (`LOOSE_REASON`), 0 not at all (what it says of a
    reason withheld, `REASON_WITHHELD`, aside)."""
    sentence = REASON_WITHHELD.pattern.sub(" ", sentence)  # "gave no reason for …" gives none
    if REASON.search(sentence) or ASKS_DELAY.search(question) and DELAY_CAUSE.search(sentence):
        return 2
    act = asked_act(question)
    if act and any(set(lexical.terms(m.group(1))) & act for m in _ACT_FOR.finditer(sentence)):
        return 2
    return 1 if LOOSE_REASON.search(sentence) else 0

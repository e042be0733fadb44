"""Whether evidence honours a question's constraints: the asked time, names, numbers and categories.

A sentence is read in its passage, under its article's title and date. Relative times in
evidence ("last year", "on Sunday") are read against the publication date (`rag.question.times`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag import lexical
from rag.answering.tables.kinds import context_currencies, sums_in
from rag.answering.tables.figures import ASKS_ESTIMATE, ASKS_FIGURE
from rag.answering.tables.posts import ASKS_POST
from rag.answering.tables.reasons import WHY_QUESTION
from rag.answering.tables.statements import ASKING_VERB, ASKS_WHAT_WAS_TOLD, ATTRIBUTION, IRREGULAR_PAST, aliases
from rag.dates import strip_dateline
from rag.question import cues
from rag.question.answer_types import AnswerType
from rag.question.constraints import EventCondition, NumberConstraint, QuestionConstraints, at_story, to_number
from rag.question.reading import asked_type
from rag.question.times import (
    PUBLICATION_LAG_DAYS, DateRange, coarsest, day_range, find_times, is_coarser, same_time, stated_times,
    text_times,
)


@dataclass(frozen=True)
class ConstraintCheck:
    """Whether one sentence, read in its passage and article, honours the question's constraints."""

    satisfied: bool
    violations: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()


def evidence_time(text: str, published: dt.date | None) -> list[DateRange]:
    """The times `text` talks about; when it names none, the day its article was published.

    Relative times in the text ("last year", "on Sunday") are read against the publication date.
    An article with no known date and a text with no absolute time give [] (unknown, never guessed).
    """
    times = text_times(text, published)
    if times:
        return list(times)
    published_as_range = day_range(published)
    return [published_as_range] if published_as_range else []


def check_evidence(constraints: QuestionConstraints, sentence: str, passage_text: str, title: str,
                   published: dt.date | None, *, unknown_time_ok: bool = False,
                   name_places: Sequence[str] = (), spelt_out: Mapping[str, str] | None = None) -> ConstraintCheck:
    """Does `sentence` (read in its passage, under its article's title and publication day, None when
    unknown) honour the question?

    Times: the first of these that names a time decides, and must overlap a time asked about —
    the sentence itself; the time that frames it in its passage (a preceding sentence that opens
    with a time, "In 2019, …", with no other time in between); the title; the publication date.
    A year mentioned in passing earlier in the passage ("the 2019 champion …") does not frame the
    next sentence: background like that is exactly what makes archive answers wrong. A question
    about a day or week ("this week", "yesterday") is met by an article published then whose
    sentence names only coarser, earlier times (years, decades: background to that day's news).
    With no time anywhere the check fails unless `unknown_time_ok`.
    A month asked without a year (`constraints.months`) is read against the article's date.
    Names, numbers and categories ("women's") must appear in the sentence, the passage or the title;
    a name may also be in `name_places` (the outlet's name, the whole article); of the preamble's
    names (`background_names`) one is enough. An edition ("the 75th", "series 4") only must not be
    contradicted by another one.
    """
    constraints = at_story(constraints, published)
    violations: list[str] = []
    matched: list[str] = []
    if constraints.times:
        asked = constraints.times
        asked_label = join_words([t.label for t in asked], "or")
        granularity = coarsest(asked)
        for level, times in _instance_levels(sentence, passage_text, title, published, asked, constraints.question):
            # The times at the asked granularity decide: "second-quarter revenue … on Thursday"
            # is about Q2, whatever day it was reported on; a week or a span of days is at a
            # day's ("next week" decides "this week?", not "in May" beside it).
            # A day inside the asked month outranks a year beside it that holds the month too
            # ("raised its rate on Thursday, its fourth increase this year"); not a quarter ("second-
            # quarter revenue"), nor another year, which tells what the news is about ("could win the
            # cup for the first time since 1988 in Saturday's final", "its loss for 2023"), unless
            # what was told that day is asked ("What did the bank report in February?").
            at_granularity = [t for t in times if coarsest((t,)) == granularity]
            coarser = [t for t in times if t.granularity not in ("day", "week")]
            if at_granularity:
                times = at_granularity
            elif (within := [t for t in times if coarsest((t,)) == "day"
                             and any(a.start <= t.start and t.end <= a.end for a in asked)]) and (
                    all(is_coarser(t.granularity, granularity) and any(t.overlaps(a) for a in asked) for t in coarser)
                    or ASKS_WHAT_WAS_TOLD.search(constraints.question)):
                times = within
            else:
                times = coarser or times
            hits = [t for t in times if any(same_time(t, a) for a in asked)]
            if (hits and published and level != "date" and not constraints.future
                    and all(t.start > published + _DATELINE_GRACE[t.granularity == "day"] for t in hits)
                    and not (level in ("sentence", "title")
                             and _told_before_then(sentence if level == "sentence" else title, published, hits,
                                                   constraints.question))):
                # Written before the time it names ("the race moves next year"): it can announce
                # or forecast it, not say what happened then, unless it names the day a change takes
                # effect, in the sentence or in the title that frames it ("Bills to rise 6.8% from
                # April"), or names a plan by its year as the question does ("the 2023 budget").
                # The day after its date is a time zone away, not ahead ("Seoul … said on
                # Thursday" in a Wednesday article).
                violations.append(f"asks what happened in {asked_label}; the evidence was published "
                                  f"before it ({published.isoformat()})")
                break
            if ((granularity in _FINE or all(a.granularity in ("day", "week") for a in asked))
                    and all(is_coarser(t.granularity, granularity) for t in hits)):
                # "revenue for 2024" does not say what the third quarter brought, nor "so far this
                # year" what happened this week (unless published this week: below).
                hits = []
            if granularity in ("day", "week"):
                # A month that reaches into the asked day or week only by ending in it before it
                # ends ("earlier this month": its first day up to the article's) does not say it:
                # what happened then came before this week's news.
                hits = [t for t in hits if not any(t.granularity in _FINE and t.start < a.start and t.end < a.end
                                                   for a in asked)]
            if not hits and level == "date":
                # An undated line of a report on the asked period, published while news of it is
                # still due ("Prices rose in March …" then "The office blamed the rise on …", in an
                # April report): its news is the report's, told earlier in the passage.
                hits = _reported_period(sentence, passage_text, published, asked)
                level = "passage" if hits else level
                if not hits and constraints.future:
                    hits = _announced_period(published, asked)
                    level = "published before it" if hits else level
            if hits:
                labels = dict.fromkeys(t.label_at(granularity) for t in hits)
                matched.append(f"{asked_label} ({level}: {join_words(labels, 'and')})")
            elif (granularity in ("day", "week") and level != "date" and published
                  and any(a.start <= published <= a.end for a in asked)
                  and all(is_coarser(t.granularity, granularity) for t in times)):
                # Published on the asked day or week, the sentence's years are background: "A jury
                # found X liable in a case over events of the 1970s" is this week's news.
                matched.append(f"{asked_label} (published {published.isoformat()}; earlier times are background)")
            elif _later_account(constraints, times, name_places, published):
                matched.append(f"{asked_label} (a later account in an article that names it)")
            else:
                about = join_words(dict.fromkeys(t.label_at(granularity) for t in times), "and")
                violations.append(f"asks about {asked_label}; evidence is about {about}")
            break
        else:
            if unknown_time_ok:
                matched.append(f"{asked_label} (no date to contradict it)")
            else:
                violations.append(f"asks about {asked_label}; the evidence gives no date")
    if constraints.story_times and published:
        # The story's time from the question's preamble: the evidence is that story's report.
        story = constraints.story_times
        if not any(t.start <= published <= t.end + dt.timedelta(days=PUBLICATION_LAG_DAYS[t.granularity])
                   for t in story):
            violations.append(f"asks about the story of {join_words([t.label for t in story], 'or')}; "
                              f"the evidence was published {published.isoformat()}")
    places = (sentence, passage_text, title)

    def named(name: str) -> bool:
        return any(mentions(form, place) for form in _forms(name, spelt_out) for place in (*places, *name_places)
                   if place)

    for name in constraints.names:
        if other := (_other_numbered(name, sentence) or _other_variant(name, sentence) or _other_titled(name, sentence)
                     or _main_event_beside(name, sentence, places)):
            violations.append(f"asks about {name}; the evidence is about {other}")
        elif named(name):
            matched.append(name)
        else:
            violations.append(f"asks about {name}; the evidence does not mention {name}")
    if constraints.background_names:
        story = constraints.background_names
        if any(named(name) for name in story):
            matched.append(join_words(story, "or"))
        else:
            violations.append(f"asks about {join_words(story, 'or')}; the evidence mentions none of them")
    if constraints.bodies:
        # "The hospital board approved …" for "What did the council approve?": another body's act,
        # read past a wire dateline ("VELDEN, June 7 — The port board on Thursday approved …").
        told = strip_dateline(sentence)
        rivals = [other for other, acts in cues.BODY_ACTS.items()
                  if other not in constraints.bodies and acts.search(told)]
        for body in constraints.bodies:
            if rivals and not cues.BODIES[body][1].search(sentence):
                violations.append(f"asks about {cues.body_label(body)}; the evidence tells of {cues.body_label(rivals[0])}")
    for qualifier in constraints.qualifiers:
        evidence = cues.QUALIFIERS[qualifier][1]
        rivals = [r for r in cues.RIVAL_QUALIFIERS.get(qualifier, ()) if cues.QUALIFIERS[r][1].search(sentence)]
        if rivals and not evidence.search(sentence):
            # "In the women's race, …" is about another category, whatever else its passage covers.
            violations.append(f"asks about {cues.qualifier_label(qualifier)}; the evidence is about "
                              f"{cues.qualifier_label(rivals[0])}")
        elif any(evidence.search(place) for place in places if place):
            matched.append(qualifier)
        elif qualifier in cues.UNMARKED_QUALIFIERS and any(
                cues.QUALIFIERS[r][1].search(place) for r in cues.RIVAL_QUALIFIERS[qualifier]
                for place in (*places, *name_places[1:]) if place):
            # "X won the marathon … In the women's race, Y …": the race told without a category,
            # beside the women's, is the men's.
            matched.append(f"{qualifier} (told unmarked beside {cues.RIVAL_QUALIFIERS[qualifier][0]})")
        else:
            violations.append(f"asks about {cues.qualifier_label(qualifier)}; the evidence does not mention it")
    if constraints.numbers:
        found = [evidence_numbers(place) for place in places if place]
        for number in constraints.numbers:
            if other := _other_edition(number, sentence, constraints.question, passage_text, title):
                violations.append(f"asks about {number.text}; the evidence is about {other}")
            elif any(number_matches(number, numbers) for numbers in found):
                matched.append(number.text)
            elif (number.ordinal or number.comparator == "edition") and not any(
                    numbers.ordinals - {1} for numbers in found):
                # An edition the evidence does not count ("the 75th festival" against "this year's
                # festival") is not contradicted: only another edition ("the 74th") is.
                matched.append(f"{number.text} (no other edition named)")
            else:
                violations.append(f"asks about {number.text}; the evidence does not give it")
    return ConstraintCheck(satisfied=not violations, violations=tuple(violations), matched=tuple(matched))


def _other_numbered(name: str, sentence: str) -> str:
    """Another of the names that differ from `name` only by its figure, when `sentence` names only
    those: "the Model 7" does not give the Model 3S's range, though its passage names the 3S."""
    numbered = re.fullmatch(r"(?P<stem>.*?[^\W\d_][\w-]*)\s(?P<n>\d[\w-]*)(?:\s.*)?", name)
    if numbered is None or mentions(name, sentence):
        return ""
    others = dict.fromkeys(m.group(0) for m in re.finditer(
        rf"\b{re.escape(numbered.group('stem'))}\s(?!{re.escape(numbered.group('n'))}\b)\d[\w-]*", sentence))
    return join_words(list(others), "and")


# A figure (not a year), and one right after a time ("last year's 41,000", "2019's record 52,000").
_FIGURE_AT = re.compile(rf"(?<![\w.])(?!{cues.YEAR}\b)\d[\d,.]*")
_FIGURE_NEXT = re.compile(r"(?:[’']s)?\s+(?:[a-z-]+\s+)?\d")


def _verb_forms(word: str) -> list[str]:
    """The stems a verb is written with: its own first letters and, for an irregular past ("won"),
    its base ("win", "wins")."""
    word = word.lower()
    return [word[:max(3, len(word) - 2)]] + [base for base, past in IRREGULAR_PAST.items() if word in past]


# The word that makes a name a category's own event or team: "Tour of Varn Femmes", "Harbour City
# Women", "Lakeside Marathon Juniors".
_CATEGORY_SUFFIX = re.compile(r"(?:Femmes|Feminin|Women|Womens|Ladies|Girls|Men|Juniors?|Youth|Reserves|Seniors|Masters|"
                              r"Veterans|U\d{2}|Under-\d{2})")


def _main_event_beside(name: str, sentence: str, places: Sequence[str]) -> str:
    """The name without its category word ("Tour of Varn" for "Tour of Varn Femmes"), where
    `sentence` does not name the asked one and it, its passage or its title names the other on its
    own: a line of a report on both may be about the men's race or the first team."""
    words = name.split()
    if (len(words) < 3 or not _CATEGORY_SUFFIX.fullmatch(words[-1]) or not words[-2][:1].isupper()
            or re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence, re.IGNORECASE)):
        return ""
    main = " ".join(words[:-1])
    # not "the women's Tour of Varn", which is the asked one by another name
    alone = re.compile(rf"(?<!\w)(?<!women's )(?<!women’s )(?<!ladies' )(?<!girls' )(?<!junior )(?<!youth )"
                       rf"{re.escape(main)}(?![\w-])(?!['’]?s?\s+{re.escape(words[-1])})", re.IGNORECASE)
    return main if any(alone.search(place) for place in places if place) else ""


def _other_titled(name: str, sentence: str) -> str:
    """Another name that shares the first word of the title-case `name` (two to four words) and
    goes on otherwise, when `sentence` names only such: "won Best Film" or "Best Supporting Actor"
    does not say who won Best Supporting Actress, though the passage names her further on. A longer
    form of a word is the same name ("South Korean" for South Korea)."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words) or re.search(
            r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", sentence, re.IGNORECASE
    ) or _ministry_by_minister(words, sentence):
        return ""

    def another(run: str) -> bool:
        told = run.split()[1:]
        return any(not (t.startswith(a) or a.startswith(t)) for t, a in zip(told, words[1:]))
    others = dict.fromkeys(m.group(0) for m in re.finditer(
        rf"\b{re.escape(words[0])}(?:\s(?-i:[A-Z])[\w-]*)+", sentence)
        if another(m.group(0)) and not _in_longer_name(sentence[:m.start()])
        and not _OWNED.search(sentence, 0, m.start()))  # "for its 2019 Valley Red": a product, no rival
    return join_words(list(others), "and")


def _in_longer_name(before: str) -> bool:
    """The words before a name end on a capitalised word: the name is part of a longer one ("Port
    Orvik United"); not a sentence's capitalised opening word ("Then Storm Kiro came …")."""
    last = re.search(r"(?-i:[A-Z])[\w’'-]*\s$", before)
    return last is not None and not (last.start() == len(before) - len(before.lstrip()) and
                                     last.group(0).strip().lower() in _OPENING_WORDS)


_OWNED = re.compile(rf"\b(?:its|their|his|her)\s+(?:{cues.YEAR}\s+)?$", re.IGNORECASE)
_OPENING_WORDS = frozenset("then the a an and but so yet when while after before as since in on at by for with "
                           "last this that these those its their his her our".split())


def _other_variant(name: str, sentence: str) -> str:
    """Another model of the numbered `name` (`cues.MODEL_VARIANTS`), when `sentence` names its
    number only with another variant word, or without the asked one: "- Phone S3: priced at 7,490"
    does not give the Phone S3 Pro's price, nor "the Phone S5 Pro has a 5,200 mAh battery" the
    plain Phone S5's battery. A figure with no letter is read only after the name's stem ("Model 3",
    not a lone "3")."""
    m = re.fullmatch(rf"(?P<stem>(?:.*\s)?)(?P<n>[^\W_]*\d[\w-]*)(?:\s(?P<v>{cues.MODEL_VARIANT}))?", name)
    if m is None:
        return ""
    stem, number, asked = m.group("stem").strip(), m.group("n"), m.group("v") or ""
    if not stem and number.isdigit():
        return ""
    before = rf"\b{re.escape(stem)}\s+" if stem else ""
    lead = before if number.isdigit() else rf"(?:{before})?"  # "the S3 Pro" names the Phone S3 Pro
    told = [(found.group(1) or "") for found in re.finditer(
        rf"{lead}(?<![\w-]){re.escape(number)}(?![\w-])(?:['’]s)?(?:\s+({cues.MODEL_VARIANT})\b)?", sentence)]
    if not told or asked in told:
        return ""
    return join_words(list(dict.fromkeys(f"{stem} {number} {v}".strip() for v in told)), "and")


def _other_edition(number: NumberConstraint, sentence: str, question: str, passage_text: str, title: str = "") -> str:
    """The edition of the asked kind that `sentence` itself names, when it names only others and its
    passage names the asked one elsewhere: "series 4" does not say who won series 3, though its
    passage goes on "Series 3 had been won by …". Where only the headline names the asked edition,
    the passage is about it ("Quill was crowned champion, a year after series 3 winner Fell"). The
    kind is the edition's label ("series 3": "series 4", "the fourth series") or the word after an
    ordinal ("the 75th festival": "the 74th festival", "the 74th edition")."""
    if number.comparator == "edition":
        kind = number.text.split()[0]
    elif number.ordinal and (after := re.search(rf"\b{re.escape(number.text)}\s+([^\W\d_][\w-]*)", question)):
        kind = after.group(1)
    else:
        return ""
    kind = f"(?:{re.escape(kind)}|edition)"  # "the 38th edition" is one of whatever is asked
    named = re.finditer(rf"\b(?:{kind}\s+(\d{{1,4}})\b(?![.,]\d)|(\d{{1,4}})(?:st|nd|rd|th)\s+{kind}\b|"
                        rf"({'|'.join(cues.ORDINAL_WORDS)})\s+{kind}\b)", sentence, re.IGNORECASE)
    named = list(named)
    editions = {int(m.group(1) or m.group(2)) if not m.group(3) else cues.ORDINAL_WORDS[m.group(3).lower()]
                for m in named}
    if not editions or int(number.value) in editions:
        return ""
    # The asked act done to another edition ("Who won the 40th Tour?" — "…, who won the 38th edition
    # in 2023, …") tells of that one, even where only the headline names the asked edition; unless
    # the headline tells the act of the asked one ("Kell wins 40th Tour"): its report's lines are.
    verb = re.search(rf"\b([a-z]+)\s+(?:the\s+)?{re.escape(number.text)}\b", question, re.IGNORECASE)
    acted = verb is not None and any(re.search(rf"\b{re.escape(verb.group(1))}\s+(?:the\s+)?$", sentence[:m.start()],
                                               re.IGNORECASE) for m in named) and not (
        re.search(rf"\b{re.escape(number.text)}\b", title, re.IGNORECASE)
        and re.search(rf"\b(?:{'|'.join(map(re.escape, _verb_forms(verb.group(1))))})", title, re.IGNORECASE))
    if not acted and not number_matches(number, evidence_numbers((passage_text or "").replace(sentence, " "))):
        return ""
    return join_words([str(e) for e in sorted(editions)], "and")


_FINE = ("month", "quarter", "half")
_DATELINE_GRACE = (dt.timedelta(0), dt.timedelta(days=1))  # (a week or longer, a day)


def condition_violations(condition: EventCondition, sentences: Sequence[str], *, undated_ok: bool = True,
                         articles: Sequence[str] = ()) -> list[str]:
    """Why each of the passages' `sentences` cannot answer a question asked under `condition`
    ("… before plastic bricks were introduced?"); "" for one that may.

    The event is dated by the sentence that states it (`_condition_time`): with `articles` (each
    sentence's article), by one of the sentence's own article when its article states it (another
    article's "construction began in 1959" is another construction), else by all the passages. A
    sentence whose own stated times (`stated_times`; in the sentence that states the event, the
    others than the event's) all lie on the wrong side of it answers another question; one that
    overlaps the event's is not ruled out, nor, with `undated_ok`, one with no time of its own.
    Nothing is when the passages do not date the event."""
    stated = [stated_times(s) for s in sentences]
    everywhere = _condition_time(condition, sentences, stated)
    own_article: dict[str, tuple[int, tuple[int, int], DateRange] | None] = {}
    for article in dict.fromkeys(articles):
        members = [i for i, a in enumerate(articles) if a == article]
        found = _condition_time(condition, [sentences[i] for i in members], [stated[i] for i in members])
        own_article[article] = (members[found[0]], found[1], found[2]) if found else None
    reasons = []
    for i, times in enumerate(stated):
        found = own_article.get(articles[i]) if articles else None
        found = found or everywhere
        if found is None:
            reasons.append("")
            continue
        at, span, event = found
        asked = f"asks what happened {condition.relation} {condition.clause} ({event.label})"
        own = [t for where, t in times if (i, where) != (at, span) and _bounds(sentences[i], where) in ("", condition.relation)]
        if own and all(condition.ruled_out(t, event) for t in own):
            reasons.append(f"{asked}; the evidence is about {join_words(dict.fromkeys(t.label for t in own), 'and')}")
        else:
            reasons.append("" if own or undated_ok else f"{asked}; the evidence gives no time of its own")
    return reasons


def _condition_time(condition: EventCondition, sentences: Sequence[str], stated: Sequence[tuple]
                    ) -> tuple[int, tuple[int, int], DateRange] | None:
    """(sentence index, span, time) of the time the passages give the condition's event: among the
    sentences that name its verb and at least half of the clause's other words, and state a time,
    those that share most words with the clause; of each one's times, the nearest to the verb
    ("Plastic bricks were introduced in 1949, and … patented in 1958": 1949). None when no
    sentence states it, or those that do equally well disagree on its time."""
    verb = lexical.terms(condition.verb)
    if not verb:
        return None
    verb = verb[0]
    others = set(lexical.terms(condition.clause)) - {verb}
    if not others:
        return None  # "before he was sacked": which sacking, the passages' words alone cannot tell
    best: list[tuple[int, tuple[int, int], DateRange]] = []
    most = -1
    for i, (sentence, times) in enumerate(zip(sentences, stated)):
        if not times:
            continue
        words = [(m.span(), lexical.terms(m.group(0))) for m in _WORD.finditer(sentence)]
        at = [span for span, stems in words if verb in stems]
        shared = len(others & {t for _, stems in words for t in stems})
        if not at or 2 * shared < len(others) or shared < most:
            continue
        if shared > most:
            best, most = [], shared
        (a, b) = at[0]
        span, time = min(times, key=lambda item: max(item[0][0] - b, a - item[0][1], 0))
        best.append((i, span, time))
    if not best or len({(t.start, t.end) for _, _, t in best}) > 1:
        return None
    return best[0]


_WORD = re.compile(r"\w+")

# A time that is not when the sentence's own event happened: inside a relative clause about
# someone ("Ruiz, who was elected in 2019, said …"), or a bound: an end point or a deadline
# ("would keep running until at least 2030", "by 2030"), or a start ("grew rapidly after 2005").
_RELATIVE_CLAUSE = re.compile(r",\s*(?:(?:the|a|an|its|their|her|his)\s+(?:[\w-]+\s+){1,2})?(?:who|whom|whose|which)\b[^,;]*$",
                              re.IGNORECASE)  # also after an apposition: ", the epidemiologist whose studies of …"
# … or in a participle that tells which things ("kettles sold between 2023 and 2024", "cars made in
# 2019"): not after an auxiliary, where it is the sentence's own verb ("was made in 2019").
_REDUCED_RELATIVE = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bhad )(?<!\bhas )(?<!\bhave )"
    r"\b(?:sold|made|built|bought|manufactured|produced|registered|issued|installed|delivered|shipped|imported|"
    r"purchased|printed|dating|dated)\s+(?:(?:only|mostly|largely|mainly)\s+)?(?:(?:in|between|from|since|during|"
    r"on|back\s+to)\s+(?:the\s+)?)?$", re.IGNORECASE)  # the time's own words may begin "between …"
# … or in a clause that recalls an earlier event the news answers or repeats ("scored the winner,
# avenging a defeat at the 2009 final", "…, a repeat of the 2016 final", "…, matching the record set
# in 1998", "won on Sunday, taking back the title he lost a year ago"): that event's time, not the news's.
_RECALLING_CLAUSE = re.compile(
    r",\s*(?:avenging|revenging|reversing|repeating|matching|equall?ing|echoing|recalling|taking\s+back|winning\s+back|"
    r"regaining|reclaiming|"
    r"(?:a|in)\s+(?:repeat|rematch|replay)\s+of|(?:in\s+)?revenge\s+for)\b[^,;]*$", re.IGNORECASE)
# … or in the comparison a figure is given with ("Turnout was 52 percent, up from 48 percent four
# years ago", "164th in the 2024 index, up from 187th last year", "compared with the same month last
# year"): the earlier figure's time, not the news's.
# … or in a clause naming the earlier event another came after or before, or began with ("a search
# that began when its chief stepped down in January"; "a search that followed the
# resignation of its chief in March"): that event's time.
# … or in an embedded question ("resigned on Monday, days after prosecutors began examining how a
# dredging contract was awarded in 2019"): the embedded event's time, not the news's.
_EMBEDDED_CLAUSE = re.compile(r"\b(?:examin\w*|investigat\w*|look\w*\s+into|explain\w*|ask\w*|question\w*|"
                              r"review\w*|probe\w*|inquir\w*|describ\w*)\s+(?:how|why|whether)\b[^,;]*$",
                              re.IGNORECASE)
# … or in a relative clause inside a clause set off by "as", "amid" or "while" ("raised its rate on
# Thursday, as it tried to tame inflation that reached 8.4 percent in September"): the time of what
# the clause is about, not of the sentence's news.
_SETTING_RELATIVE = re.compile(r",\s*(?:as|amid|while)\s[^,;]*\b(?:that|which|who)\s[^,;]*$", re.IGNORECASE)
# "the first time it has been called off since it began in 1983": the thing's founding, beside the
# sentence's own news ("this summer"); alone, or asked of its year, it is the line's time
# (`_sentence_times`).
_FOUNDING_CLAUSE = (r"\bsince\s+(?:it|they|the\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:was\s+|were\s+)?(?:began|begun|"
                    r"started|founded|launched|created|established|opened|first\s+(?:held|run|staged|awarded))\s+"
                    r"(?:in\s+)?$")
_FOUNDING = re.compile(_FOUNDING_CLAUSE, re.IGNORECASE)
_SEQUEL_CLAUSE = re.compile(r"\b(?:that|which)\s+(?:had\s+)?(?:followed|preceded|began|started|opened)\b[^,;]*$|"
                            + _FOUNDING_CLAUSE, re.IGNORECASE)
_COMPARED_CLAUSE = re.compile(r"\b(?:up|down)\s+from\s+[^,;]{0,60}$|\bcompared\s+(?:with|to)\s+[^,;]{0,30}$|"
                              # "Twenty-two thousand is well short of the crowds we had in 2019"
                              r"\b(?:short\s+of|down\s+on|up\s+on)\s+[^,;]{1,60}$|"
                              # "taking 84 seconds off her winning time from last year"
                              r"\b(?:off|than|beating|bettering|on|over)\s+(?:her|his|its|their|the)\s+"
                              r"(?:[\w-]+\s+){0,2}"
                              r"(?:time|mark|total|record|figure|result|score|tally)\s+(?:from|of|in|set\s+in)\s+$|"
                              # "56,500 attended, beating last year's 41,000 and the previous record of
                              # 52,000 set in 2018"
                              r"\b(?:beating|bettering|surpassing|topping|eclipsing)\s+$|"
                              r"\b(?:previous|old|former)\s+(?:record|high|best|mark|peak)\b(?:[^,;]|,(?=\d)){0,40}$|"
                              # "has risen to 1.45 billion euros, from 1.2 billion euros when the project
                              # was approved last year", "to 5%, from 4% in March": the earlier figure's time
                              r"\bfrom\s+(?:about\s+|around\s+|some\s+)?[$€£¥]?\d[\d,.]*\s*(?:%\s*|[a-z]+\s+){0,3}?"
                              r"(?:in|at\s+the\s+(?:end|start)\s+of|when\s+[^,;]{0,80}?)\s*$",
                              re.IGNORECASE)
# A record's anchor ("the highest since 1998", "the worst since 2012"): the last time it was
# matched, not the time of the news. Not "the first … since" ("the first team since the 1980s to
# win three cups in a row"), which as often asks whether the record will fall as says it did.
_RECORD = re.compile(r"\b(?:highest|lowest|biggest|largest|smallest|most|least|best|worst|strongest|"
                     r"weakest|fastest|slowest|hottest|coldest|wettest|driest|deadliest)\b[^,;.]{0,40}?(?:\bsince\s+)?$",
                     re.IGNORECASE)
_BOUND = re.compile(r"\b(?P<word>until|till|through|by|to|before|after)\s+(?:at\s+least\s+|the\s+end\s+of\s+|"
                    r"(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)



def _bounds(sentence: str, span: tuple[int, int]) -> str:
    """How the time at `span` bounds the sentence's own event: "" when it is its time, "before" when
    the event came after it ("after 2005": it shows the event was not before an earlier event),
    "after" when the event came by then ("until 2030", "by 2030": it shows the event was not
    after a later one), "background" when it is no time of the event (a relative clause)."""
    before = sentence[:span[0]]
    if background_clause(before):
        return "background"
    bound = _BOUND.search(before)
    if bound is None:
        return ""
    return "before" if bound.group("word").lower() == "after" else "after"


def _term_end(before: str) -> bool:
    """The words up to a time end on "until" or "till" (`_BOUND`): the end of a term that may run past
    the report ("a contract until 2028", "runs till mid-2030"); or on what something was moved to
    (`_MOVED_TO`: "delayed to 2026")."""
    bound = _BOUND.search(before)
    return bound is not None and bound.group("word").lower() in ("until", "till") or _MOVED_TO.search(before) is not None


# A time something was moved to ("delayed to 2026", "pushed back by six months to June 2026"): where
# it now stands, not when the news happened.
_MOVED_TO = re.compile(r"\b(?:delay\w*|postpon\w*|pushed\s+back|put\s+back|moved|deferr\w*|extend\w*|brought\s+forward|"
                       r"reschedul\w*)\b(?:\s+[\w,-]+){0,4}?\s+(?:to|until|till|into)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


# A clause telling what belongs to the noun before it: "…, whose first-quarter profit fell".
_WHOSE = re.compile(r"\bwhose\s+(?:\w+\s+)?$", re.IGNORECASE)


def background_clause(before: str) -> str:
    """The relative, participle, recalling or comparing clause that ends `before` (the words up to a
    time), or ""."""
    found = (_RELATIVE_CLAUSE.search(before) or _REDUCED_RELATIVE.search(before) or _RECALLING_CLAUSE.search(before)
             or _COMPARED_CLAUSE.search(before) or _SEQUEL_CLAUSE.search(before) or _EMBEDDED_CLAUSE.search(before)
             or _SETTING_RELATIVE.search(before))
    return found.group(0) if found else ""


def evidence_instance(sentence: str, passage_text: str, title: str,
                      published: dt.date | None) -> tuple[DateRange, ...]:
    """The times a sentence is about, read as `check_evidence` reads them (the sentence, the time
    framing it in its passage, the title, then the publication date); () when none is known.
    What a near-miss reply names as "what the articles cover"."""
    for _, times in _instance_levels(sentence, passage_text, title, published):
        return times
    return ()


def _instance_levels(sentence: str, passage_text: str, title: str, published: dt.date | None,
                     asked: Sequence[DateRange] | None = None, question: str = ""):
    """(level, times) of the first place that names a time: sentence, framing, title, date.

    With `asked`, a time in a relative clause or participle of the sentence ("The virus, which was
    first found three months ago, has now killed 12", "kettles sold between 2023 and 2024") is
    background to the noun it follows, not the time of the sentence's own news: it does not count,
    unless it is an asked time and the clause says what `question` asks ("Ruiz, who was elected in
    2019, …" for "Who was elected in 2019?")."""
    levels = (
        ("sentence", lambda: _sentence_times(sentence, published, asked, question, passage_text)),
        ("passage", lambda: _framing_times(sentence, passage_text, published)),
        ("title", lambda: _sentence_times(title, published, asked, question)),
        ("date", lambda: tuple(r for r in [day_range(published)] if r)),
    )
    for level, times_of in levels:
        times = times_of()
        if times:
            yield level, times
            return


def _sentence_times(sentence: str, published: dt.date | None, asked: Sequence[DateRange] | None,
                    question: str = "", passage: str = "") -> tuple[DateRange, ...]:
    if asked is None:
        return text_times(sentence, published)

    def own(span: tuple[int, int], time: DateRange) -> bool:
        before = sentence[:span[0]]
        if (before.rstrip().lower().endswith("since") or _SINCE_START.match(sentence, span[0])) and _RECORD.search(before):
            return False  # "the highest since 1998" says nothing of 1998
        if compared := _COMPARED_CLAUSE.search(before):
            # The earlier figure's time: its figure answers when that time is asked ("What was
            # turnout four years ago?" of "52 percent, up from 48 percent four years ago"), where
            # the comparison gives one ("short of the crowds we had in 2019" gives none).
            return any(time.overlaps(a) for a in asked) and (
                _FIGURE_AT.search(compared.group(0)) is not None  # "up from 48 percent four years ago"
                or _FIGURE_NEXT.match(sentence, span[1]) is not None)  # "beating last year's 41,000"
        if (published is not None and time.start > published and _term_end(before)
                and (not any(time.overlaps(a) for a in asked) or any(a.start <= published <= a.end for a in asked))):
            # "a contract until 2028" reported in 2025: how long it runs, not when it was news; nor
            # "advised against gatherings until at least October" in a June report of the asked year
            return False
        if (_NAMES_BEFORE_YEAR.search(before) and re.fullmatch(r"\d{4}", sentence[span[0]:span[1]])
                and not any(time.overlaps(a) for a in asked)):
            return False  # "for its Hill Reserve 2021": the year is part of a name (a vintage, a model)
        if (_EVENT_BY_ITS_TIME.match(sentence, span[1]) and not any(time.overlaps(a) for a in asked)
                and (_asked_figure(question) is not None or ASKS_FIGURE.search(question) or ASKS_ESTIMATE.search(question))):
            return False  # "April's earthquake caused 2.9 billion" in June: the event's time, not the figure's
        if _FOUNDING.search(before):
            return any(time.overlaps(a) for a in asked)  # "What happened to the fair in 1983?" of "since it began in 1983"
        clause = background_clause(before)
        if not clause:
            return True
        asked_terms = lexical.terms(question)
        if (_WHOSE.search(clause) and not set(lexical.terms(" ".join(sentence[span[1]:].split()[:3]))).isdisjoint(asked_terms)
                and re.search(r"\d", re.split(r"[,;]", sentence[span[1]:])[0])):
            return True  # "…, whose first-quarter net profit fell 22%": the time of the asked measure's figure
        return any(time.overlaps(a) for a in asked) and not set(lexical.terms(clause)).isdisjoint(asked_terms)

    post_asked = published is not None and ASKS_POST.search(question) is not None

    def held(span: tuple[int, int], time: DateRange) -> DateRange:
        # Asked who held a post then: "chief executive … since 2015" in a 2022 report held it from
        # 2015 to 2022, through 2021 (not "its first cup since 2016").
        if not (post_asked and time.end < published
                and (SINCE.search(sentence[:span[0]]) or _SINCE_START.match(sentence[span[0]:span[1]]))):
            return time
        clause = re.split(r"[,;]", sentence[:span[0]])[-1]  # the words the time ends: "chief executive of X"
        if ASKS_POST.search(clause) or _IN_POST.search(clause):
            return DateRange(time.start, published, f"{time.label}–{published.year}", time.granularity)
        return time

    every_time = find_times(sentence, published, "evidence")
    found = [(span, held(span, r)) for span, r in every_time if own(span, r)] or [
        (span, r) for span, r in every_time if _FOUNDING.search(sentence[:span[0]])]  # a founding alone dates the line
    bound = _figure_clause_times(sentence, found, [span for span, _ in every_time], question, passage)
    return tuple(dict.fromkeys(r for _, r in bound or found))


# Where one clause of a sentence ends and another begins: "…, and", "…, as demand recovered", "; "
# (not "…, as of March").
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|as(?!\s+(?:of|well|much|many|part|a\s+result)\b)|though|"
                           r"although|even\s+as)\b|\s+[—–]\s+", re.IGNORECASE)
# A figure that counts time ("closed for eleven weeks"), not what a figure question asks.
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b"
_TIME_UNIT = re.compile(rf"\s*(?:-\s*)?{_TIME_UNITS}", re.IGNORECASE)
_ASKS_TIME_UNIT = re.compile(rf"\b{_TIME_UNITS}", re.IGNORECASE)
# A time opening a sentence ("In 2022, as demand recovered, the airline carried …") is every clause's.
_OPENING_TIME = re.compile(r"\W*(?:(?:in|on|by|during|at\s+the\s+(?:end|start)\s+of|early|late|last)\s+)?$", re.IGNORECASE)


def _figure_clause_times(sentence: str, found: Sequence[tuple[tuple[int, int], DateRange]],
                         every_time: Sequence[tuple[int, int]], question: str, passage: str = ""
                         ) -> list[tuple[tuple[int, int], DateRange]]:
    """The times in the clauses of `sentence` that give a figure of the kind `question` asks ("How
    many passengers did it carry in 2023?" of "It carried 1.12 million passengers in 2022, and said it
    would pass its record this year": 2022, not "this year"); [] when the question asks no figure or
    no clause holding one names a time (then every time of the sentence counts). `every_time`: the
    spans of all its times, which hold no figure. Only the time nearest each figure was tried too: it
    lost a held-out answer whose figure's time stood further off."""
    kind = _asked_figure(question)
    if kind is None or len(found) < 2:
        return []
    # "129 marka": a price in a currency the passage prices in
    sums = sums_in(sentence, context_currencies(passage)) if kind.name == "money" and passage else []
    counts_time = _ASKS_TIME_UNIT.search(question) is not None
    opening = [(span, r) for span, r in found if _OPENING_TIME.fullmatch(sentence, 0, span[0])]
    bound = list(opening)
    start = 0
    for end in [m.start() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]:
        figures = [m.span() for m in kind.holds.pattern.finditer(sentence, start, end)
                   if not any(a <= m.start() < b for a, b in every_time)
                   and not (not counts_time and _TIME_UNIT.match(sentence, m.end()))]
        figures += [(a, b) for a, b in sums if start <= a < end]
        if figures:
            bound += [(span, r) for span, r in found if start <= span[0] < end and (span, r) not in bound]
        start = end
    return bound if len(bound) > len(opening) else []


@lru_cache(maxsize=256)
def _asked_figure(question: str) -> AnswerType | None:
    """The answer type of `question` when it asks a figure (a count, a sum, a share, a measure), else None."""
    kind = asked_type(question) if question else None
    return kind if kind is not None and kind.name in _FIGURE_KINDS else None


_FIGURE_KINDS = frozenset({"money", "share", "mass", "speed", "quantity", "length", "temperature"})


# A capitalised word (no month, no sentence opening) right before a bare year: the year is part of
# a name ("Hill Reserve 2020", "Expo 2020").
_NAMES_BEFORE_YEAR = re.compile(rf"(?<=\w\s)(?!(?:{'|'.join(cues.MONTH_NAMES)})\b)(?-i:[A-Z])[\w’'-]*\s$")
# A time naming an event by its possessive ("April's earthquake", "last year's floods"); not a
# period's figure ("June's passenger numbers", "May's inflation"), whose time it is.
_EVENT_BY_ITS_TIME = re.compile(r"[’']s\s+(?:[\w-]+\s+)?(?:earthquake|quake|floods?|flooding|storm|hurricane|typhoon|"
                                r"cyclone|wildfires?|fire|blaze|explosion|blast|eruption|landslide|attack|bombing|"
                                r"shooting|crash|collision|derailment|outage|election|vote|referendum|strike|walkout|"
                                r"protests?|riots?|coup|final|race|heatwave|drought|spill|leak|collapse)\b",
                                re.IGNORECASE)
# The "since" a time follows ("since July 1", "since early 2022"): from then on.
SINCE = re.compile(r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
_SINCE_START = re.compile(r"since\b", re.IGNORECASE)  # "since 2015" read as one time
_IN_POST = re.compile(r"\b(?:led|in\s+office|in\s+(?:the|that|this)\s+(?:post|job|role))\b", re.IGNORECASE)


# A sentence of this many words or fewer that names a time frames what follows it wherever the time
# stands in it ("Then came April.", "Fast forward to 2023.").
FRAMING_WORDS = 4
# A time opening a sentence this way frames what follows it ("In 2019, …", "Last March …").
_FRAMING_OPENINGS = frozenset({"", "in", "on", "by", "during", "since", "at the end of", "early", "late", "in early",
                               "in late", "in mid", "at the start of", "earlier", "later"})


def _framing_times(sentence: str, passage: str, base: dt.date | None) -> tuple[DateRange, ...]:
    """The time that frames `sentence` in `passage`: walking back, the first sentence naming a
    time decides; it frames only if the time opens it ("In 2019, …", "Last March …") or the
    sentence says little else ("Then came April.")."""
    at = passage.find(sentence) if sentence else -1
    if at <= 0:
        return ()
    for previous in reversed(_SENTENCE_END.split(passage[:at].strip())):
        found = find_times(previous, base, "evidence")
        if not found:
            continue
        (start, _), _ = found[0]
        if previous[:start].strip().lower() in _FRAMING_OPENINGS or len(previous.split()) <= FRAMING_WORDS:
            return tuple(dict.fromkeys(r for _, r in found))
        return ()
    return ()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")  # a line break ends a headline or a dateline line too


def _reported_period(sentence: str, passage: str, published: dt.date | None,
                     asked: Sequence[DateRange]) -> list[DateRange]:
    """The asked times named in `passage` before `sentence` (which names none), when the report was
    published within the period or the lag after it in which news of it comes (`PUBLICATION_LAG_DAYS`)."""
    at = passage.find(sentence) if sentence else -1
    if at <= 0 or published is None:
        return []
    due = [a for a in asked
           if a.start <= published <= a.end + dt.timedelta(days=PUBLICATION_LAG_DAYS[a.granularity])]
    return [r for _, r in find_times(passage[:at], published, "evidence") if any(r.overlaps(a) for a in due)]


def _told_before_then(text: str, published: dt.date, hits: Sequence[DateRange], question: str) -> bool:
    """`text` (a sentence or the title framing it), published before the asked times `hits`, names
    each as the day a change it announces takes effect ("will raise fares by 6.2% from 5 March
    2023"), within the weeks in which such changes are announced (`EFFECTIVE_NOTICE`): what applied
    then, not a forecast of it. Or it names each as the year of a plan ("presented a 2023 budget",
    "the 2024-25 spending plan") and the question asks about a plan so named ("What deficit did the
    2023 budget target?"): a plan for a year is told before it."""
    spans = [span for span, found in find_times(text, published, "evidence") if found in hits]
    if not spans:
        return False
    takes_effect = all(_EFFECTIVE_FROM.search(text[:start]) for start, _ in spans) and all(
        t.start <= published + EFFECTIVE_NOTICE for t in hits)
    return takes_effect or (_PLAN_AFTER_TIME.search(question) is not None
                            and all(_PLAN_NOUN.match(text, end) for _, end in spans))


# A plan named by the year it is for: "the 2023 budget", "its 2024-25 spending plan".
_PLAN_NOUN = re.compile(r"\s+(?:[\w-]+\s+)?(?:budget|spending\s+(?:plan|review)|fiscal\s+plan|financial\s+plan|"
                        r"business\s+plan|forecast|estimates)s?\b", re.IGNORECASE)
_PLAN_AFTER_TIME = re.compile(r"\b(?:\d{4}(?:[-–/]\d{2,4})?|fy\s?\d{2,4})" + _PLAN_NOUN.pattern, re.IGNORECASE)


# The day a change takes effect: "from 5 March", "with effect from 1 April", "effective January 1".
_EFFECTIVE_FROM = re.compile(r"\b(?:(?:with\s+effect\s+)?from|effective(?:\s+from)?|tak(?:e|es|ing)\s+effect\s+(?:on|from)|"
                             r"com(?:e|es|ing)\s+into\s+(?:force|effect)\s+(?:on|from))\s+(?:the\s+)?$", re.IGNORECASE)
# How long before a change takes effect it is announced, at most (fares, rates, prices, tariffs).
EFFECTIVE_NOTICE = dt.timedelta(days=92)


def _later_account(constraints: QuestionConstraints, times: Sequence[DateRange], places: Sequence[str],
                   published: dt.date | None) -> bool:
    """A why question's evidence dated after the asked time, in an article that names the asked time:
    why a thing happened is often told later ("The investigation, published in December, found that
    the July failure was caused by …"); an article that never names the asked time tells of another."""
    if WHY_QUESTION.search(constraints.question) is None or not times:
        return False
    asked = constraints.times
    if not all(t.start > max(a.end for a in asked) for t in times):
        return False
    return any(t.overlaps(a) for place in places if place for t in text_times(place, published) for a in asked)


def _announced_period(published: dt.date | None, asked: Sequence[DateRange]) -> list[DateRange]:
    """The asked times still to come when the report was published, within twice the lag of news
    (`PUBLICATION_LAG_DAYS`) before them: an undated line of such a report tells what is arranged
    for them ("The authority said the rise was needed because …", in a late November report, for
    "Why are fares going up in January?"); a report a year before tells of an earlier instance."""
    if published is None:
        return []
    return [a for a in asked
            if published < a.start <= published + dt.timedelta(days=2 * PUBLICATION_LAG_DAYS[a.granularity])]


# The generic head noun of an event's or prize's name, which articles often leave out: a name of
# two or more words before it is named by those ("the Ugliest Dog" for the "Ugliest Dog Contest").
# Not "final", "series", "race" or "games": they tell a stage or an edition apart ("the Harlow Shield
# Final" is not its semi-final).
_GENERIC_HEADS = frozenset("""
contest competition championship championships tournament award awards prize festival summit conference show
""".split())


def mentions(name: str, text: str) -> bool:
    """`text` names `name` (case aside; a possessive or demonym counts, "Keller's", "Velmoran"; so
    does the name joined by "&" or "and", "Pot & Pan" for "Pot Pan"; a
    name of several words is also named by its last word, capitalised: "Keller" names "Anna Keller";
    one ending in a generic head noun, by the words before it: `_GENERIC_HEADS`; a ministry, by its
    minister)."""
    words = name.split()
    if len(words) > 2 and words[-1].lower() in _GENERIC_HEADS and mentions(" ".join(words[:-1]), text):
        return True  # "the World's Ugliest Dog" names the "Ugliest Dog Contest"
    if len(words) == 2 and words[-1].lower() in _GENERIC_HEADS and _written_as_is(words[0], text, shortest=5):
        return True  # "the 41st Lakeside drew 60,000" names the "Lakeside Festival": its own word, capitalised
    if _ministry_by_minister(words, text):
        return True
    if len(words) > 1:
        # "Pot Pan", as a question's name is read, names "Pot & Pan" (a name joined by "&" or "and").
        pattern = r"(?<!\w)" + r"(?:['’]s?)?(?:[\s-]+|\s*&\s*|\s+and\s+)".join(map(re.escape, words)) + r"(?!\w)"
        if re.search(pattern, text, re.IGNORECASE):
            return True
        # A run of capitalised words in a question may join two names or carry a role ("Author Jane
        # Doe", "the UK Spain and France"): its last word, a surname or a head noun, names it.
        return _written_as_is(words[-1], text, shortest=4)
    if len(re.sub(r"\W", "", name)) <= 2 and name.isupper():
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None  # "US", "U.S": not "us"
    lowered = name.lower()
    if re.search(rf"(?<!\w){re.escape(lowered)}(?!\w)", text.lower()):
        return True
    # A single name also matches its adjective or demonym ("Keller" ⊂ "Keller's"), judged by a
    # shared stem: all but the last few letters.
    need = max(4, len(lowered) - 5)
    for word in re.findall(rf"\b{cues.UPPER}[\w’'-]*", text):
        w = word.lower()
        common = 0
        for a, b in zip(w, lowered):
            if a != b:
                break
            common += 1
        if common >= need and (common == len(lowered) or common >= len(lowered) - 5) and abs(len(w) - len(lowered)) <= 5:
            return True
    return False


def _written_as_is(word: str, text: str, *, shortest: int) -> bool:
    """A capitalised `word` of a name, `shortest` letters or more, stands in `text` as written: one
    word naming the whole name ("Keller" for "Anna Keller")."""
    return len(word) >= shortest and word[0].isupper() and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _ministry_by_minister(words: Sequence[str], text: str) -> bool:
    """A ministry's name (`words`) named by its minister: "Transport Minister Ann Roe" and "the
    minister of transport" name the Transport Ministry."""
    if len(words) < 2 or words[-1].lower() != "ministry":
        return False
    field = r"\s+".join(map(re.escape, words[:-1]))
    return re.search(rf"(?<!\w){field}\s+minist(?:er|ry)\b|\bminist(?:er|ry)\s+(?:of|for)\s+(?:the\s+)?{field}(?!\w)",
                     text, re.IGNORECASE) is not None


def _forms(name: str, spelt_out: Mapping[str, str] | None) -> tuple[str, ...]:
    """The ways a sentence may name `name`: itself, for an acronym its long form where the passages
    spell it out (`spelt_out`), and the forms news abbreviates it to or spells it out as (`aliases`:
    "United States", "U.S.", "US")."""
    spelt = (spelt_out[name],) if spelt_out and name in spelt_out else ()
    return tuple(dict.fromkeys((name, *spelt, *aliases(name))))


def acted_by_another(names: Sequence[str], question: str, sentence: str,
                     spelt_out: Mapping[str, str] | None = None, article: str = "") -> str:
    """Why `sentence` cannot say what a person the question names did ("" when it may): the name,
    the question's subject, is not in it, and another name does what the question asks ("When did
    Marr resign?" against "…, Vorst resigned in 1966": the passage names Marr elsewhere, in another
    role). A speech verb is no role of its own: a spokesperson speaks for whoever is asked about.
    With its `article`: whatever the sentence, when the article says the asked act only of others
    (`_done_only_by_others`)."""
    condition = next((m for m in _CONDITION_START.finditer(question) if m.start() > 0), None)
    if condition is not None:
        question = question[:condition.start()]  # "… before Fenwick described it": that name acts in the condition
    if article and (other := _done_only_by_others(tuple(names), question, article,
                                                   tuple(sorted((spelt_out or {}).items())))):
        return other
    absent = [n for n in names if not any(mentions(f, sentence) for f in _forms(n, spelt_out)) and re.search(
        rf"\b{_AUXILIARY}\s+(?:the\s+)?{re.escape(n)}\b", question, re.IGNORECASE)
        and not _WHO_IS.match(question)]  # "Who was the league's top scorer?": the doer is the answer
    if not absent:
        return ""
    words = re.findall(r"[\w’'-]+", question)
    asked = {t for t in lexical.terms(" ".join(w for i, w in enumerate(words) if i and not w[:1].isupper()))
             if not ATTRIBUTION.search(t)}
    for m in _NAME_THEN_WORD.finditer(sentence):
        other, verb = m.group("name"), m.group("word")
        if (not lexical.terms(other) or mentions(other, question) or any(mentions(other, f) for n in names for f in _forms(n, spelt_out))
                or m.start() == 0 and " " not in other  # "Engineers replaced …": capitalised by its place
                or _ACTS_FOR.search(sentence[:m.start()]) or _ACTS_FOR.search(other)):  # "Owner Jane Doe …"
            continue
        if any(t in asked or (len(t) >= 5 and any(a.startswith(t[:5]) for a in asked)) for t in lexical.terms(verb)):
            return f"asks what {absent[0]} did; the evidence says {other} did"
    return ""


# "Who was the league's top scorer?", "Who is Ada Kern?": what a named one did is not asked.
_WHO_IS = re.compile(r"\s*(?:and\s+)?who\s+(?:is|was|are|were)\b", re.IGNORECASE)

# The name a question asks what someone did is its subject, after the auxiliary: "When did Marr
# resign?", "What has Ruiz promised?"; not "Which Harlow League school announced …?" nor "Who
# scored in the Harlow Shield final?", where the name doing it is the answer.
_AUXILIARY = r"(?:did|does|do|has|have|had|was|were|is|are|will|would|could|can)"
_CONDITION_START = re.compile(r"\b(?:before|after|since|until|till|when|while|once)\b", re.IGNORECASE)

# A role just before a name: who acts for the one asked about ("Owner Jane Doe fired …",
# "Spokeswoman Jane Doe confirmed …", "Officers from the Serious Crime Unit arrested …").
_ROLES = (r"(?:chief|executive|owner|spokes(?:wo)?m[ae]n|spokesperson|officers?|officials?|director|manager|minister|"
          r"president|chair(?:man|woman|person)?|head|boss|coach|founder|leader|secretary|staff|members?|agents?|"
          r"police|lawyers?)")
_ACTS_FOR = re.compile(rf"\b(?:{_ROLES}|from)\W+(?:(?:the|its|his|her|their)\s+)?$|^{_ROLES}\s+(?-i:{cues.UPPER})", re.IGNORECASE)
# A name (capitalised words), perhaps "…, who", then what it did (a verb in the past): "Vorst
# resigned", "Aldo Fenwick, who observed".
_NAME_THEN_WORD = re.compile(rf"(?P<name>{cues.UPPER}[\w’'-]+(?:\s+{cues.UPPER}[\w’'-]+)*)(?:,\s*who)?\s+"
                             r"(?:(?:also|later|then|first|had|has|have)\s+)?(?P<word>(?-i:[a-z])[\w-]+ed)\b")


# What a question asks its subject did: "When did Marr resign?" → "resign" (the word after the name);
# "Why did the firm's chief executive resign?" → the role "chief executive" and "resign".
_ASKED_ROLE = re.compile(rf"\b(?P<aux>{_AUXILIARY})\s+(?:(?:the|its|his|her|their)\s+|(?:the\s+)?{cues.UPPER}[\w-]*(?:\s+{cues.UPPER}[\w-]*)*['’]s?\s+)?"
                         rf"(?P<role>(?:(?-i:[a-z])[\w-]*\s+)?{_ROLES})\s+(?P<verb>(?-i:[a-z])[\w-]+)\b", re.IGNORECASE)
# A name in an article: capitalised words, with the particles names carry ("Ferdinand de Lesseps").
_NAME = (rf"{cues.UPPER}[\w’'-]*(?:\s+(?:(?:de|da|del|der|van|von|al|bin|the|of)\s+)?{cues.UPPER}[\w’'-]*)*")
# Before a verb, the words that keep its subject ("Vorst, who was later …", "Vorst had also …").
_BETWEEN = re.compile(r"(?:\b(?:also|later|then|first|had|has|have|was|were|is|are|been|jointly|eventually|"
                      r"formally|officially|subsequently|finally|recently)\s+)*$", re.IGNORECASE)
# Who does it: "Vorst resigned"; "Vorst, who resigned"; "Vorst, the club's owner, resigned" (an insertion
# after the name); "The club's owner, Vorst, resigned" (the name in apposition, after its description).
_ACTOR = (re.compile(rf"(?P<name>{_NAME}),?\s+who\s*$"),
          re.compile(rf"(?P<desc>[^,;]*),\s*(?P<name>{_NAME}),\s*$"),
          re.compile(rf"(?P<name>{_NAME}),\s+[^,;()]{{1,80}},\s*$"),
          re.compile(rf"(?P<name>{_NAME})\s*$"))
_LISTED = re.compile(r"(?:\b(?:and|or|nor|with)|&|,)\s*$")  # "Marr and Vorst resigned": Marr acts too
# A passive's agent: "founded by the diplomat Ferdinand de Lesseps" (up to a preposition or a comma).
_AGENT = re.compile(rf"^\s+by\s+(?P<phrase>[^,;.():\n]*?)(?=\s+(?:in|on|at|for|after|before|during|from|with|to|as|and)\b|[,;.():\n]|$)")


@lru_cache(maxsize=4096)
def _done_only_by_others(names: tuple[str, ...], question: str, article: str,
                         spelt_out: tuple[tuple[str, str], ...]) -> str:
    """Why `article` cannot say what the question asks of its subject ("" when it may): what it asks
    about is, in the article, another's only (`_detail_of_others`, `_act_of_others`)."""
    forms = [f for n in names for f in _forms(n, dict(spelt_out))]
    return _detail_of_others(names, question, article, forms) or _act_of_others(names, question, article, forms)


def _act_of_others(names: tuple[str, ...], question: str, article: str, forms: Sequence[str]) -> str:
    """Each time `article` says the asked act ("served", "sold", "was monitoring"; the question's verb
    right after its subject), it says it of another named one, and never of the subject ("When did
    Marr serve as interim chief?" against "Its chairman, Vorst, also served as interim chief"). A
    subject asked by its role ("Why did the firm's chief executive resign?") is not met by one the
    article gives another role ("The finance director, Ada Kern, resigned"). Any doer it cannot tell
    (a pronoun, a common noun, a list) may be the subject: then "". Someone in a role may act for the
    subject ("Owner Jane Doe fired …"), unless the subject holds a role of its own in the article or
    the role is another name's ("the Velmar mayor")."""
    subject = verb = role = ""
    for name in names:
        m = re.search(rf"\b(?P<aux>{_AUXILIARY})\s+(?:the\s+)?{re.escape(name)}\s+(?P<verb>(?-i:[a-z])[\w-]+)\b",
                      question, re.IGNORECASE)
        if m:
            subject, verb = name, m.group("verb")
            break
    else:
        m = _ASKED_ROLE.search(question)
        if m is None:
            return ""
        role, verb = m.group("role"), m.group("verb")
        subject = f"the {role}"
    if re.fullmatch(r"was|were|is|are", m.group("aux"), re.IGNORECASE) and not verb.endswith("ing"):
        return ""  # "When was Tarvo founded?": the subject is what the act was done to
    stem = lexical.terms(verb)
    if len(stem) != 1 or ATTRIBUTION.search(verb) or verb.lower() in _NOT_ACTS:
        return ""
    base = verb.lower()
    irregular = IRREGULAR_PAST.get(base, ())
    role_terms = set(lexical.terms(role))
    # The subject holds a role of its own ("chief executive Ada Kern", "Kern, the chief executive"):
    # a person, for whom no one else in a role acts.
    with_role = bool(role) or any(
        _ACTS_FOR.search(article[:at.start()]) or re.match(rf",\s*(?:the|its|his|her|their)\s+{_ROLES}\b",
                                                          article[at.end():], re.I)
        for f in forms for at in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", article))
    alternatives = "|".join(map(re.escape, forms))
    said_of = re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE) if forms else None
    and_by = re.compile(rf"[^,;]*?\b(?:and|or)\s+(?:by\s+)?(?:the\s+)?(?:{alternatives})\b", re.IGNORECASE)
    others = []
    for word, terms in _article_words(article):
        w = word.group(0)
        past = w.lower() in irregular
        if not past and not (w.endswith(("ed", "ing")) and terms == set(stem)):
            continue
        if ATTRIBUTION.search(w):
            return ""  # a speech verb ("describe" → "described"): a spokesperson speaks for the subject
        if w.endswith("ing") and not re.search(r"\b(?:was|were|is|are|been)\s+$", article[:word.start()], re.I):
            continue  # "the founding members": no act of anyone's
        start = max(article.rfind(". ", 0, word.start()), article.rfind("; ", 0, word.start()))
        before = article[start + 1:word.start()].lstrip()
        before = before[:_BETWEEN.search(before).start()]
        agent = _AGENT.match(article[word.end():])
        actor = desc = ""
        listed = False
        if agent and (runs := re.findall(_NAME, agent.group("phrase"))):
            actor, desc = runs[-1], agent.group("phrase")
        else:
            for pattern in _ACTOR:
                if (found := pattern.search(before)) is not None:
                    actor = found.group("name")
                    desc = found.group("desc") if "desc" in pattern.groupindex else before[:found.start()]
                    listed = pattern is _ACTOR[-1] and bool(_LISTED.search(desc))
                    break
        if not actor or listed or (before.startswith(actor) and " " not in actor
                                   and not re.search(rf"[\w,;:]\s+{re.escape(actor)}\b", article)):
            return ""  # "Engineers served …": capitalised by its place, not a name written so elsewhere
        if any(mentions(f, actor) or mentions(actor, f) for f in forms):
            return ""
        end = article.find(". ", word.end())
        after = article[word.end():end if end > 0 else None]
        if said_of and (said_of.search(before) and re.search(r"\b(?:and|with)\b", before) or and_by.match(after)):
            return ""  # "Marr and her nephew Vorst resigned", "ratified by Castile and by Portugal": it acts too
        tail = desc[-60:]
        acts_for = _ACTS_FOR.search(tail)
        if role:
            if role_terms <= set(lexical.terms(desc)) or role_terms <= set(lexical.terms(_described(actor, article))):
                return ""  # said of the one in the asked role
            if not (acts_for or re.search(rf"\b{_ROLES}\b", tail, re.I)):
                return ""  # no other role given: it may be the asked one
        elif acts_for and not with_role and not re.search(rf"\s(?-i:{cues.UPPER})[\w’'-]*\s+(?:\w+\s+)?{_ROLES}\W*$",
                                                           tail.strip(" ,"), re.I):
            return ""  # someone acting for the subject, unless another's ("the Velmar mayor")
        others.append(actor)
    if not others or (forms and _told_of_subject(base, forms, article)):
        return ""
    return f"asks what {subject} did; the article says {join_words(dict.fromkeys(others), 'and')} did"


def _told_of_subject(verb: str, forms: Sequence[str], article: str) -> bool:
    """Whether `article` tells the subject (one of `forms`) doing the asked act in another form than
    the past: a headline's present right after its name ("<Name>, 22, wins 38th tour"), its doer's
    noun ("<Name> became the youngest winner"), its act's noun ("<Name>'s resignation"); not the
    act only named near it ("<Name> refused to resign", "<Name> presented the winner's trophy")."""
    if len(verb) < 3:
        return False
    subject = rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})"
    act = re.escape(verb)
    return re.search(rf"{subject}(?:,[^,.;]{{1,30}},)?\s+{act}(?:s|es)\b"
                     rf"|{subject}\s+(?:became|becomes|is|was|has\s+been|was\s+named|was\s+crowned)\s+(?:the\s+)?"
                     rf"(?:[\w-]+\s+){{0,2}}?{act}n?ers?\b"
                     rf"|{subject}['’]s\s+(?:[\w-]+\s+)?{act}(?:ation|ment)\b", article, re.IGNORECASE) is not None


# Whose a word is, by where it stands: in the apposition after a name ("Harry Rask, an 83-year-old
# farmer"), in the "of" phrase after it ("Ada Kern of the University of Oslo"), or in what two
# names shared ("a match between Ada Kern and Lia Berg"). Not after a possessive: "the city's charge"
# is what a question about a writer's view of it asks about.
_APPOSITION_OF = re.compile(rf"(?<!\bin )(?<!\bon )(?<!\bat )(?<!\bsince )(?<!\buntil )(?<!\bduring )"
                            rf"(?P<name>{_NAME}),\s+(?:a|an|the|its|his|her|their)\b[^,;()]*$")  # not "in May, the …"
_OF_PHRASE_OF = re.compile(rf"(?P<name>{_NAME})\s+(?:of|from|at)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}$")
_BETWEEN_NAMES = re.compile(rf"[\w’'-]*\s+between\s+(?P<name>{_NAME})\s+and\s+(?P<other>{_NAME})")
_NO_OWNERS = frozenset(cues.MONTH_NAMES + cues.WEEKDAY_NAMES)
# A sentence's opening adverb before its comma is no name in apposition ("Separately, the authority …").
_CONNECTIVE = re.compile(r"(?:Separate|Similar|Final|Ultimate|Current|Recent|Initial|Additional|Previous|Original|"
                         r"Eventual|"
                         r"Consequent|According|Subsequent|Important|Notab|Crucial|Public|Official|Reported|Apparent|"
                         r"Clear|Fortunate|Unfortunate|Specifical|General|Actual|Critical)ly|However|Meanwhile|Instead|"
                         r"Still|Earlier|Later|Also|Yet|Indeed|Nevertheless|"
                         r"Overall|Today|Now|Then|Elsewhere|Likewise|Otherwise|Besides|Moreover|Furthermore|Nonetheless")
# Words too common in questions to tell whose a detail is.
_ANY_DETAIL = frozenset(lexical.terms("year time day first last new one two"))


def _detail_of_others(names: tuple[str, ...], question: str, article: str, forms: Sequence[str]) -> str:
    """Why `article` cannot give what the question asks of its subject ("" when it may): a word the
    question asks about stands, wherever the article has it, beside another name only ("Which
    university did Lia Berg attend?" against "… Ada Kern of the University of Oslo and Lia Berg";
    "How old was Berg?" against "Harry Rask, an 83-year-old farmer")."""
    found = next((m for n in names if (m := re.search(rf"\b{_AUXILIARY}\s+(?:the\s+)?(?P<subject>{re.escape(n)})\b"
                                                      rf"(?:\s+(?P<act>[\w-]+))?", question, re.IGNORECASE))), None)
    if found is None:
        return ""
    subject = found.group("subject")
    # Not its act ("When was Tarvo founded?" against "Kern, who founded it …"): `_act_of_others` reads that.
    # Nor a word of its name ("7" of "Berth 7").
    own_words = {w.lower() for n in names for w in re.findall(r"[\w’'-]+", n)}
    asked = {t: w for w in re.findall(r"[\w’'-]+", question) if not w[:1].isupper() and not ASKING_VERB.search(w)
             and w != found.group("act") and w.lower() not in own_words
             for t in lexical.terms(w) if t not in _ANY_DETAIL}
    own = re.compile(rf"\b(?:{'|'.join(map(re.escape, forms))})\b", re.IGNORECASE)
    words = _article_words(article)
    for term in sorted(asked):
        owners = []
        for word, terms in words:
            if term not in terms:
                continue
            start = max(article.rfind(". ", 0, word.start()), article.rfind("; ", 0, word.start())) + 1
            before = article[start:word.start()]
            beside = [m.group("name") for m in (_APPOSITION_OF.search(before), _OF_PHRASE_OF.search(before)) if m]
            if between := _BETWEEN_NAMES.match(article, word.start()):
                beside += [between.group("name"), between.group("other")]
            beside = [name for name in beside if name not in _NO_OWNERS and not _CONNECTIVE.fullmatch(name)]
            if not beside or any(own.search(name) or any(mentions(name, f) for f in forms) for name in beside):
                break  # whose it is cannot be told, or it is the subject's
            owners.extend(beside)
        else:
            if owners:
                return (f"asks about “{asked[term]}” of {subject}; the article says it of "
                        f"{join_words(dict.fromkeys(owners), 'and')}")
    return ""


@lru_cache(maxsize=256)
def _article_words(article: str) -> tuple[tuple[re.Match, frozenset[str]], ...]:
    """The article's words with their terms, read once for all the questions asked of it."""
    return tuple((m, frozenset(lexical.terms(m.group(0)))) for m in re.finditer(r"[\w’'-]+", article))


def _described(name: str, article: str) -> str:
    """The words around each mention of `name` in `article`: the role an article gives it
    ("chief executive Mira Oksen", "Oksen, the chief executive,")."""
    return " ".join(article[max(0, m.start() - 40):m.end() + 40]
                    for m in re.finditer(rf"(?<!\w){re.escape(name.split()[-1])}(?!\w)", article))


# Words after a question's subject that are no act of its: "How old was Marr when …", "Is Marr still …".
_NOT_ACTS = frozenset({"still", "now", "ever", "really", "currently", "actually", "born", "known", "called", "named"})


@dataclass(frozen=True)
class EvidenceNumbers:
    """The figures a text gives: cardinals, ordinals, scores ("3-1") and bounds ("more than 60", as
    (comparator, value) pairs: `cues.COMPARATORS`)."""

    cardinals: frozenset[float]
    ordinals: frozenset[int]
    scores: frozenset[str]
    bounds: frozenset[tuple[str, float]] = frozenset()


_EVIDENCE_CARDINAL = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?!\d)")
_EVIDENCE_ORDINAL = re.compile(rf"\b(?:(\d{{1,4}})(?:st|nd|rd|th)|({'|'.join(cues.ORDINAL_WORDS)}))\b", re.IGNORECASE)
_EVIDENCE_WORD_NUMBER = re.compile(
    rf"\b({'|'.join(w for w in cues.NUMBER_WORDS if len(w) > 2)})\b", re.IGNORECASE)
_EVIDENCE_SCORE = re.compile(r"(?<![\w.-])(\d{1,3})\s*[-–]\s*(\d{1,3})(?![\w.-]*\d)")


@lru_cache(maxsize=4096)
def evidence_numbers(text: str) -> EvidenceNumbers:
    cardinals = {to_number(m.group(1)) for m in _EVIDENCE_CARDINAL.finditer(text)}
    cardinals |= {float(cues.NUMBER_WORDS[m.group(1).lower()]) for m in _EVIDENCE_WORD_NUMBER.finditer(text)}
    ordinals = {int(m.group(1)) if m.group(1) else cues.ORDINAL_WORDS[m.group(2).lower()]
                for m in _EVIDENCE_ORDINAL.finditer(text)}
    ordinals |= {int(m.group("n")) for m in cues.NUMBER_PATTERNS["edition"].finditer(text)}  # "series 4"
    scores = {f"{m.group(1)}-{m.group(2)}" for m in _EVIDENCE_SCORE.finditer(text)}
    bounds = {(cues.COMPARATORS[m.group("cmp").lower()], to_number(m.group("n")))
              for m in cues.NUMBER_PATTERNS["bounded"].finditer(text)}
    return EvidenceNumbers(frozenset(cardinals), frozenset(ordinals), frozenset(scores), frozenset(bounds))


def number_matches(number: NumberConstraint, found: EvidenceNumbers) -> bool:
    if number.comparator == "score":
        return re.sub(r"\s*[-–]\s*", "-", number.text) in found.scores
    if number.ordinal:
        return int(number.value) in found.ordinals
    if number.comparator == "edition":
        return int(number.value) in found.ordinals or number.value in found.cardinals
    if number.comparator == "=":
        return number.value in found.cardinals
    if (number.comparator, number.value) in found.bounds:
        return True  # the evidence states the same bound: "after more than 60 years"
    # A bound is met by a figure on the right side of it; years are not figures unless the bound is one.
    candidates = [v for v in found.cardinals if number.value >= 1800 or not (1800 <= v <= 2100 and v.is_integer())]
    compare = {
        ">": lambda v: v > number.value, ">=": lambda v: v >= number.value,
        "<": lambda v: v < number.value, "<=": lambda v: v <= number.value,
        "~": lambda v: abs(v - number.value) <= 0.1 * abs(number.value),
    }[number.comparator]
    return any(compare(v) for v in candidates)


def join_words(items: Sequence[str], conjunction: str) -> str:
    """ "a", "a or b", "a, b or c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"

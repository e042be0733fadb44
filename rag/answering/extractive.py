"""The extractive answerer (the default, no LLM): the passage sentences that answer, quoted verbatim.

It picks the sentences that answer the question, quotes them with their `[n]` markers, keeps the
sentence that states the other side where sources disagree, prefers what the party asked about
said when the question asks what someone said, and refuses when nothing is relevant enough.
Sentences addressed to a model or reader (prompt injection) are never answer material.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from dataclasses import dataclass, field, replace

import numpy as np

from rag import lexical
from rag.answering.base import StreamsFromAnswer
from rag.answering.evidence import (
    SINCE, acted_by_another, background_clause, check_evidence, condition_violations, evidence_instance, mentions,
)
from rag.answering.injection import addressed_to_model
from rag.answering.near_miss import near_miss_message, no_reason_message, withheld_message
from rag.answering.refusal import nothing_more, refusal, unlisted_choices
from rag.answering.sentence_model import Candidate, committed_model, features
from rag.answering.tables import _NUMBER_WORD
from rag.answering.tables.figures import (
    AGE, ASKS_ESTIMATE, ASKS_FIGURE, FORECAST_FIGURE, HOW_OLD, IN_FORCE, OVER_THE_YEARS, PART_FIGURE, PART_WORD, PERCENT_MOVE,
    SCHEDULED_FIGURE, WORLD_FIGURE,
)
from rag.answering.tables.furniture import CORRECTED_INLINE, RETRACTED, is_boilerplate
from rag.answering.tables.kinds import holds_answer, mid_sentence
from rag.answering.tables.measures import (
    COUNTED_AS, MEASURES, asked_family, asked_measure, counted_by_act, gives_measure, of_another_measure,
)
from rag.answering.tables.posts import (
    ASKS_POST, ASKS_TITLEHOLDER, FIRST_ASKED, FIRST_INSTANCE, FOUNDED, HELD, LEAVES_POST, TAKES_OVER, TOOK_POST,
    WINS_POST, WINS_TITLE,
    another_titleholder, asked_post_kind, field_unnamed, names_a_post, names_another_post, names_holder,
    names_the_field, names_the_post, predecessor_of, tells_predecessor,
)
from rag.answering.tables.reasons import REASON_WITHHELD, TELLS_FAULT, WENT_WRONG, WHY_QUESTION, gives_reason
from rag.answering.tables.statements import (
    ANAPHORA, ASKING_STATE, ASKING_TIME, ASKING_VERB, ASKS_STATEMENT, ATTRIBUTION, CONTRAST, DETAIL_WITHHELD,
    NEGATED_QUESTION, OUTSIDE_LIFE, REFERS_BACK, asked_act, asked_deed, asked_directions, asks_past_deed, denied_terms,
    goes_the_other_way, other_side_of_year, says_the_negation, told_only_as_aim, verb_kin,
)
from rag.citations import add_marker, check_sentences, cite, renumber, source_line
from rag.config import Settings
from rag.dates import split_dateline, strip_dateline
from rag.dates import DAY_MONTH
from rag.embedding import Embedder
from rag.question import Query, QuestionConstraints, as_query, cues
from rag.question.answer_types import TIME_KINDS, AnswerType, Cue
from rag.question.constraints import at_story, named_numbers, preamble_split
from rag.question.reading import followed_up
from rag.question.times import PUBLICATION_LAG_DAYS, find_times, is_period_part, text_times
from rag.records import Answer, CorpusStats, Passage

# Weight of lexical evidence (idf-weighted share of question terms) beside embedding similarity.
LEXICAL_WEIGHT = 0.3

# An earlier report is a revision of the newest (shown beside it) when published within this many days.
REVISION_DAYS = 31

# The sentence model chooses among the sentences this close to the best score: wider, it picks
# better on real news weeks and worse on our archive's calibration questions (scripts/fit_answering.py).
RERANK_MARGIN = 0.12

# A report's lead is its first sentence of at least this many words (not a byline or "Updated 22:14").
LEAD_WORDS = 8
# … in a passage starting this near the article's beginning: after at most its headline, a byline
# and a time stamp (the body's first passage follows the headline's; the first is the headline's).
OPENING_CHARS = 300
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*$")


def _may_lead(s: "_Sentence") -> bool:
    """`s` may be its article's lead: a whole sentence (not a headline in capitals or without a full
    stop, a byline, a time stamp) in a passage at the article's opening."""
    text = s.text.strip()
    return (s.passage.chunk.start <= OPENING_CHARS and len(text.split()) >= LEAD_WORDS and not text.isupper()
            and _ENDS_SENTENCE.search(text) is not None and not is_boilerplate(text))


# How many of the best sentences are re-embedded on their own in the second stage.
STANDALONE_CANDIDATES = 3

# Why a sentence may not answer a "Why …?" question; it still tells whether the event is covered.
NO_REASON = "asks why; the sentence gives no reason"
# A reason that leads a "Why …?" answer may score this many answer margins below the best sentence.
REASON_MARGINS = 4
# A line of the lead's own report telling the asked act ("The inquiry will be led by …") may score
# this many answer margins below the lead and still lead (`_doing_the_asked`). At two, 0.24, the
# passive line of a report whose opening names someone else sat 0.25 below it with one CPU's int8
# embeddings and within it with another's.
ACT_MARGINS = 3
_QUESTION_WORDS = frozenset({"why", "how", "what", "for"})
# What a "How many …?" question counts, when it names it: "How many recommendations did …", "how
# many new homes were built" (not people, whom reports count without the word: "Eleven died"), and the
# words before it ("K4" in "how many K4 cars").
_COUNTED_THING = re.compile(r"\bhow\s+many\s+(?P<modifiers>(?:(?!(?:did|do|does|have|has|had|were|was|are|is|will|would|"
                            r"can|could|the|a|an|of)\b)[\w-]+\s+){0,2}?)"
                            r"(?P<thing>(?!(?:people|persons|times|more|less|this|thus|of)\b)[a-z-]{3,}s)\b",
                            re.IGNORECASE)
# A modifier that names the counted things on its own, whatever a report calls them: a model's name
# of letters and digits ("K4", "A320neo"). "38,400 Model K4 hatchbacks" counts "K4 cars".
_NAMING_MODIFIER = re.compile(r"(?![QH]\d\b)(?=[\w-]*[a-z])(?=[\w-]*\d)\w[\w-]*", re.IGNORECASE)  # not "Q3", "H1"


# What a "How long/tall/deep … is X?" question measures: the head noun of X ("tunnel" in "How long is
# the tunnel part of the crossing?", "tower" in "How tall is the new tower?").
_MEASURED_THING = re.compile(r"\bhow\s+(?:long|tall|high|deep|wide|far)\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+|its\s+|their\s+)?"
                             r"(?P<phrase>(?:[a-z][\w-]*\s+){0,3}?[a-z][\w-]*)(?=\s+(?:part|section|stretch|portion|span|of|on|"
                             r"in|at|across|under|over|that|which|between|from)\b|\s*[?.]|\s*$)", re.IGNORECASE)
_LENGTH_UNIT = r"(?:kilomet(?:re|er)s?|km|met(?:re|er)s?|m|miles?|f(?:oo|ee)t|ft|yards?)"


@lru_cache(maxsize=256)
def _measuring(question: str) -> re.Pattern | None:
    """What gives the length, height or depth of the thing a "How long/tall/deep is X?" question
    names: a figure in a unit of length bound to its noun ("a 3.4-kilometre immersed tunnel", "the
    tunnel will be 3.4 km long"), or None when the question asks no such thing."""
    asked = _MEASURED_THING.search(question)
    if asked is None:
        return None
    head = re.escape(asked.group("phrase").split()[-1].lower())
    figure = rf"\d[\d.,]*\s*(?:-\s*)?{_LENGTH_UNIT}"
    return re.compile(rf"\b{figure}(?:[\s-]+(?:long|high|tall|deep|wide))?\s+(?:[\w-]+\s+){{0,2}}?{head}s?\b"
                      rf"|\b{head}s?\b[^.;]{{0,60}}?\b{figure}\s+(?:long|high|tall|deep|wide)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _counting(question: str) -> re.Pattern | None:
    """What counts the things a "How many <things> …?" question names ("101 producers", "twelve
    firm orders"), or None when it names none (`_COUNTED_THING`)."""
    counted = _COUNTED_THING.search(question)
    if counted is None:
        return None
    thing = counted.group("thing").lower()
    # a short word whole, with or without its "s" ("cars", not "cargo" or "carers"); a longer one by its stem
    things = rf"{re.escape(thing[:-1])}s?\b" if len(thing) <= 5 else rf"{re.escape(thing[:max(4, len(thing) - 2)])}\w*"
    names = [m for m in counted.group("modifiers").split() if _NAMING_MODIFIER.fullmatch(m)]
    named = "".join(rf"|{re.escape(name)}\b(?:\s+[\w-]+)?" for name in names)
    return re.compile(rf"(?<![\d,.])\b(?!{cues.YEAR}\b)(?:\d[\d,.]*|{_NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{things}{named})", re.IGNORECASE)


@dataclass(frozen=True)
class Answerability:
    """Why the answerer answered or refused.

    best: best sentence score (contextual sentence vector · question + weighted term overlap);
    standalone: best similarity of the top sentences embedded on their own (second stage only);
    unknown: idf-weighted share of question terms found nowhere in the index (second stage only);
    z: the fitted model's score, answer when z >= 0 (second stage only).
    """

    best: float
    standalone: float | None
    unknown: float | None
    answerable: bool
    z: float | None = None


def _resolved_day(lines: Sequence[_Sentence], question: str) -> str:
    """"On what date …?" answered by lines that date it only by their report's day ("the court on
    Tuesday rejected …", "told the board last Thursday"): that day's date, worked out from the
    report's ("Tuesday 19 November 2024 ("Tuesday", in a report of 20 November 2024)"). The day is
    the one nearest the question's words, within `DAY_REACH` characters ("told the board last
    Thursday …, the authority said yesterday"); "" when that day is given by its date (the answer
    shows it), or no day stands near the question's words ("The strike began in March …, the union
    said on Monday")."""
    asked = set(lexical.terms(question))
    found = []
    for line in lines:
        published = line.passage.published_date
        text = strip_dateline(line.text)  # "KARVENA, Sept 19 (Wire) - …": the report's day, not the event's
        near = [m.start() for m in re.finditer(r"[\w’'-]+", text) if asked & set(lexical.terms(m.group(0)))]
        found += [(min(abs(span[0] - at) for at in near), text[span[0]:span[1]].strip(" .,;"), day, published,
                   _ABSOLUTE_DAY.search(text, *span) is not None)
                  for span, day in find_times(text, published, "evidence") if near and day.granularity == "day"]
    reach, said, day, published, dated = min(found, key=lambda f: f[0], default=(DAY_REACH + 1, "", None, None, True))
    if reach > DAY_REACH or dated or published is None:
        return ""
    return (f"{day.start:%A} {day.start.day} {day.start:%B %Y} (“{said}”, in a report of "
            f"{published.day} {published:%B %Y})")


# How far (in characters) a day told by its report's date may stand from the question's words.
DAY_REACH = 40
# A day named by its date, not by its report's ("19 November", "Nov. 19", "2024-11-19").
_ABSOLUTE_DAY = re.compile(r"\d|\b(?:" + "|".join(cues.MONTH_NAMES) + r")\b", re.IGNORECASE)


def _without_dateline(sentence: str, asked: AnswerType | None) -> str:
    """`sentence` as quoted: without the dateline that opens it ("PARIS, May 3 (Wire) — …") when the
    dateline tells nothing the rest does not (the rest names its place, and no time is asked)."""
    place, body = split_dateline(sentence)
    if not place or not body or asked is not None and asked.name in TIME_KINDS:
        return sentence
    return body if place.lower() in body.lower() else sentence


@dataclass(frozen=True)
class _Sentence:
    passage: Passage
    start: int  # article offsets
    end: int
    text: str
    score: float
    position: int  # index within its chunk
    eligible: bool = True  # may be chosen as an answer (else only quoted as context)
    violation: str = ""  # why it may not answer this question (another year, person …)
    dense: float = 0.0  # the score's parts: sentence vector · question,
    lexical: float = 0.0  # and the idf-weighted share of the question's terms it holds
    typed: bool = True  # holds the kind of answer the question asks for (True when it asks for none)
    # "opposite" when it says the opposite of what the question asks or takes for granted, "unnegated"
    # when it lacks the negation the question asks about, "another" when it speaks of another holder
    # of a title the question counts, "" otherwise (`_contrary`)
    contrary: str = ""
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # its contextual vector

    def candidate(self) -> Candidate:
        p = self.passage
        return Candidate(self.text, self.start, self.position, self.score, self.dense, self.lexical,
                         p.rank, p.chunk.article_id, p.published_date)


class ExtractiveAnswerer(StreamsFromAnswer):
    name = "extractive"

    def __init__(self, embedder: Embedder, settings: Settings):
        self.embedder = embedder
        self.settings = settings

    def answer(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None, *,
               assessed: tuple[list[_Sentence], Answerability] | None = None) -> Answer:
        """Answer `query` (a read question, see `rag.question`, or a bare string) from `passages`.

        The query's constraints (from the user's own words): a sentence about another year,
        quarter or person is context only, never the answer; "latest" questions lead with the
        newest report, "how did it change" questions get a dated timeline. `stats`: what the corpus
        says of the question's terms and the passages' articles (`Retriever.corpus_stats`); without
        them only the passages are known. `assessed`: what `assess` gave for this query, passages
        and stats, so the sentences are not scored again."""
        return self._answer(as_query(query), list(passages), stats, assessed)

    def _answer(self, query: Query, passages: list[Passage], stats: CorpusStats | None,
                assessed: tuple[list[_Sentence], Answerability] | None) -> Answer:
        # "Tell me more." is answered as more on the conversation's subject.
        expanded = expand_acronyms(query.more_of or query.text, [p.chunk.text for p in passages])
        sentences, assessment = assessed or self._assess(expanded, query.answer_type, passages, stats)
        if query.exclude:
            sentences, assessment = self._not_quoted(sentences, query, passages, stats)
            if not assessment.answerable:
                return nothing_more(query, passages, self.name)
        unlisted = unlisted_choices(query, passages, self.name)
        if unlisted is not None:
            return unlisted
        if ASKS_WHO.search(query.text) and ASKS_POST.search(query.text) and field_unnamed(
                query.text, [f"{p.chunk.title}\n{p.chunk.text}" for p in passages]):
            # "Who is the foreign minister?" over reports naming only the education minister.
            return refusal(query.question, passages, self.name)
        constraints = query.constraints
        then_held = self._held_then(sentences, query)
        if not then_held and constraints is not None and constraints.level_at and any(
                is_period_part(t) for t in constraints.times):
            # "What was the crossing expected to cost at the start of 2024?": the year's later
            # reports give later decisions; the one in force then is the last reported by then.
            then_held = self._level_then(sentences, query, passages, stats)
        if not assessment.answerable and not then_held:
            # Who held a post then is answered by the last change of its holders reported by then,
            # and what a level set by decision was by the last decision reported by then, however
            # far the report's wording is from the question's (`_held_then`, `_level_then`).
            then_held = self._level_then(sentences, query, passages, stats)
            if not then_held:
                return refusal(query.question, passages, self.name)
        if (reasonless := self._no_reason(query, sentences, passages)) is not None:
            return reasonless
        unbound = sentences  # as read before the asked time and names bound them
        if not then_held and _binds(query):
            before = next((s for s in sentences if s.eligible), None)
            instance = (_reported(self._instance(sentences, constraints, passages, stats, query.story), query)
                        if constraints is not None and constraints.constrained else sentences)
            sentences = self._under_condition(instance, query)
            after = next((s for s in sentences if s.eligible), None)
            if after is not None and _act_told_of_others(query.text, sentences, after):
                return self._near_miss(query.question, sentences, passages, constraints)
            # Re-decided only when the best sentence was ruled out (another year, person, or a time
            # on the wrong side of the question's "before/after" event), unless the best one left
            # names the asked time itself and is as close to the question (within the margin):
            # "talks begin in November" answers "And what happens in November?"; or says who held
            # the asked post since before then (`_in_post_through`).
            if after is None or (after is not before and not _names_asked_time(after, constraints, before, self.settings)
                                 and not _in_post_through(after, constraints)
                                 and not _steps_left(sentences, constraints)
                                 and not self._decide(expanded, sentences, stats)[1].answerable):
                # A level set by decision asked at a time no report of it gives: the decision in
                # force then. Else a near miss names the instances the articles cover; not when the
                # condition ruled out what honours the asked instance.
                then_held = self._level_then(unbound, query, passages, stats)
                if not then_held:
                    best = next((i for i, s in enumerate(instance) if s.eligible), None)
                    if not constraints.constrained or best is not None and not sentences[best].eligible:
                        return refusal(query.question, passages, self.name)
                    return self._near_miss(query.question, sentences, passages, constraints)
        sentences = _not_corrected(sentences)
        likelihood = self._likelihood(query, sentences, stats)
        if (not then_held and likelihood and query.asks_item and not query.exclude
                and max(likelihood.values()) < self.settings.min_answer_likelihood
                and _successor_named(query.text, sentences) is None and not _holders_told_now(sentences, query)):
            # Close to the question, yet no sentence reads like it names what was asked: the topic
            # is there, the detail asked for is not (see `rag.answering.sentence_model`); unless a
            # level set by decision was asked, which the last decision reported by then gives.
            then_held = self._level_then(unbound, query, passages, stats)
            if not then_held:
                return refusal(query.question, passages, self.name)
        mode = ""
        if then_held:
            chosen, mode = then_held, "latest"
        # Dated answers read the whole's figures of each report's own day first; where that leaves
        # fewer than two dated reports, all the sentences (a dated answer beats an undated one).
        # Each report is quoted first by a sentence giving the asked measure's figure (a share, a sum
        # of money, a count of what is counted), then by any figure of the whole, then by any sentence.
        elif constraints is not None and constraints.timeline:
            if constraints.times:  # "since 2024": the founding or the first holder is before it
                sentences = _not_the_first(sentences, query)
            sentences = _of_the_holders(_of_the_asked_family(_reported(sentences, query), query), query)
            whole = _of_their_day(_whole_figures(sentences, query), constraints.as_of)
            measured = _of_the_measure(whole, query)
            spanned = _over_a_span(query)
            # A change of a post's holders is a step however it is worded ("X has resigned as
            # director-general" for "the people who have run it"): lines that tell none are context.
            holders = ASKS_POST.search(query.text) is not None
            chosen = (measured is not whole
                      and self._timeline(measured, measured=True, spanned=spanned, relevant=sentences)
                      or self._timeline(whole, names=constraints.names, wide=holders)
                      or self._timeline(sentences, names=constraints.names))
            if holders:  # "How has the leadership … changed?"
                chosen = _with_successors(chosen, sentences)
            mode = "timeline"
        elif constraints is not None and constraints.latest:
            asks_figure = _asks_a_figure(query)
            figure = query.answer_type is not None and query.answer_type.name in FIGURE_ANSWERS or asks_figure
            if asks_figure:  # a forecast of the figure asked is none, nor is a line without a figure
                sentences = _giving_figures(_reported(sentences, query, latest_figure=True), constraints.names)
            sentences = _of_the_asked_family(_not_the_first(sentences, query), query)
            if cues.LATEST_CUES["record"].search(query.text) and any(
                    s.eligible and _TELLS_RECORD.search(s.text) for s in sentences):
                # "What is the festival's attendance record?": the newest line that tells a record,
                # not the newest report's lead ("The 41st festival ended on Sunday").
                sentences = [s if not s.eligible or _TELLS_RECORD.search(s.text)
                             else replace(s, eligible=False, violation="tells no record") for s in sentences]
            # "Five storms - Hal, Ilse and Juna - caused 2.1 billion" gives the group's figure, not Ilse's.
            sentences = [replace(s, eligible=False, violation="gives the figure of a group the asked name is one of")
                         if s.eligible and _figures(s.text) and _listed_among_others(s.text, constraints.names) else s
                         for s in sentences]
            held = _of_the_holders(sentences, query)
            # Asked who holds a post: the newest report of a change of its holder answers, the only
            # one if need be (`_of_the_holders`).
            sentences, alone = held, held is not sentences
            whole = _of_their_day(_whole_figures(sentences, query), constraints.as_of)
            if query.answer_type is not None and query.answer_type.name == "money":
                whole = self._placed_by_their_news(whole)
            pick = {"names": constraints.names, "level": not ASKS_CHANGE.search(query.text),
                    "post": query.text if alone else "", "asked": frozenset(lexical.terms(query.text)) - _LATEST_TERMS
                    - {t for n in constraints.names for t in lexical.terms(n)}}
            chosen = (self._latest(_of_the_measure(whole, query), figure=figure, **pick)
                      or self._latest(whole, figure=figure, **pick)
                      or self._latest(sentences, figure=figure, alone=alone, **pick))
            if chosen and ASKS_WHO.search(query.text):
                leaving, chosen[0] = chosen[0], _taken_over(chosen[0], sentences, query.text)
                if chosen[0] is not leaving and _starts_after(chosen[0], constraints.as_of):
                    # Who takes over "from April 1", asked before then: the one leaving still holds it.
                    chosen[:1] = [leaving, chosen[0]]
                chosen = _with_name_whole(chosen, sentences) if alone else chosen
                if not _names_someone_new(query.text, chosen[0].text, chosen[0].passage.chunk.text):
                    # "Officials describe a minister who reads everything" says who no one is.
                    return refusal(query.question, passages, self.name)
            mode = "latest"
        elif len(query.parties) > 1:
            chosen, mode = self._each_party(sentences, query.parties), "parties"
        else:
            chosen = []
        if not chosen:
            sentences = _of_the_predecessor(sentences, query.text)
            sentences = _deeds_over_aims(sentences, query)
            if _asks_a_figure(query) and asked_family(query.text) is not None:
                sentences = _of_the_asked_family(sentences, query)  # "What is the unemployment rate?": not the key rate's line
            # One figure asked for, not a change over a span ("between 2021 and 2025").
            one_figure = query.answer_type if constraints is None or (
                len(constraints.times) + len(constraints.months) <= 1
                and all(t.granularity != "span" for t in constraints.times)) else None
            chosen, mode = self._choose(sentences, question=query.text, speaker=query.speaker, expected=one_figure,
                                        said_about=query.said_about, likelihood=likelihood), ""
            if chosen and ASKS_WHO.search(query.text) and (
                    TAKES_OVER.search(query.text) or constraints is not None and constraints.latest
                    or ASKS_POST.search(query.text) and _DEPARTED.search(query.text)):
                # "Who took over after X was sacked?" led by the report of the sacking; "Who is the
                # mayor now?" led by the one report so far, of the mayor's resignation.
                chosen[0] = _taken_over(chosen[0], sentences, query.text)
                chosen = [chosen[0]] + [s for s in chosen[1:] if (s.passage.chunk.article_id, s.start)
                                        != (chosen[0].passage.chunk.article_id, chosen[0].start)]
            if not chosen and constraints is not None and constraints.constrained:
                then_held = self._level_then(unbound, query, passages, stats)
                if not then_held:
                    return self._near_miss(query.question, sentences, passages, constraints)
                chosen, mode = then_held, "latest"
            elif chosen and not then_held and _withheld(lead := max(chosen, key=lambda s: (s.eligible, s.score)), query):
                return self._near_miss_answer(withheld_message([lead.passage.rank]), query.question, passages)
        lines, citations = [], []
        for sentence in chosen:
            marker = sentence.passage.rank
            quoted = _without_dateline(sentence.text, query.answer_type)
            lines.append(add_marker(quoted, marker))
            citations.append(cite(marker, sentence.passage, sentence.end - len(quoted), sentence.end))
        kept, _ = check_sentences(lines, passages)  # verbatim quotes: a no-op unless a bug slipped in
        if not kept:
            return refusal(query.question, passages, self.name)
        if mode in ("timeline", "latest"):
            # Dated lines: when and who reported each (the dates are the citations' own metadata).
            shown = []
            # Asked who held a post, or what a level was, then ("in January 2023"): the latest report
            # as of that time.
            held_then = " or ".join(constraints.time_text) if then_held else ""
            asked_day = (constraints.level_at or constraints.held_at) if held_then else None
            for i, (line, sentence) in enumerate(zip(lines, chosen)):
                if line not in kept:
                    continue
                where = source_line(sentence.passage)
                if i and sentence.passage.chunk.article_id == chosen[i - 1].passage.chunk.article_id and lines[i - 1] in kept:
                    shown.append(line)  # the same report's next line ("Takes effect: 5 January"), its label said once
                elif mode == "latest":
                    later = asked_day is not None and sentence.passage.published_date is not None \
                        and sentence.passage.published_date > asked_day
                    lead = ((f"Later report on {held_then}" if later else "Latest report" if i == 0 else "Earlier report")
                            + (f" as of {held_then}" if held_then and not later else "")) + (
                        f" ({where})" if where else "")
                    shown.append(f"{lead}: {line}")
                else:
                    shown.append(f"{where or 'Undated'}: {line}")
            text = " ".join(shown)
        else:
            text = " ".join(kept)
            shown = [s for line, s in zip(lines, chosen) if line in kept]
            if query.answer_type is not None and query.answer_type.name in ("date", "time"):
                day = _resolved_day(shown[:1], query.text)  # the answer's own day, not a context line's
                text = f"{day}: {text}" if day else text
            elif query.asks_item and (query.answer_type is None or query.answer_type.name in _NAMED_KINDS) and (
                    headline := _telling_headline(query, shown)):
                text = f"{headline}: {text}"
        return renumber(Answer(
            text=text,
            citations=tuple(c for line, c in zip(lines, citations) if line in kept),
            passages=tuple(passages), refused=False, question=query.question, answerers=(self.name,),
        ))

    def _held_then(self, sentences: list[_Sentence], query: Query) -> list[_Sentence]:
        """Asked who held a post at a past time ("Who was running X in January 2023?", `held_at`):
        the newest change of its holders reported by then (`_of_the_holders`: a resignation naming
        an interim chief, an appointment, a line naming the holder by the post), told as the latest
        report by then is; [] when no report by then tells one, and the asked time is an instance
        for later reports to give ("chief executive since 2015" in a 2022 report, for 2021)."""
        constraints = query.constraints
        if constraints is None or constraints.held_at is None:
            return []
        then = _reported_by(sentences, constraints.held_at)
        held = _of_the_holders(then, query)
        if held is then:  # no report by then tells a change of the post's holders
            return []
        # Of the asked post and body: "Wendt succeeds Drummond" in a report of a mayor's election
        # tells nothing of a finance minister.
        held = [s if not s.eligible or _of_the_asked_post(s, query)
                else replace(s, eligible=False, violation="a report of another post's holders") for s in held]
        chosen = self._latest(held, names=constraints.names, alone=True, post=query.text)
        if chosen and ASKS_WHO.search(query.text):
            chosen[0] = _taken_over(chosen[0], held, query.text)
            chosen = _with_name_whole(chosen, held)
        return chosen

    def _level_then(self, sentences: list[_Sentence], query: Query, passages: Sequence[Passage],
                    stats: CorpusStats | None) -> list[_Sentence]:
        """Asked a level set by decision at a past time no report of which gives it ("What was the
        bank's rate in March 2023?", `level_at`): the newest report by then giving the asked
        measure's figure (the decision in force), of the asked names; [] when none does."""
        constraints = query.constraints
        if constraints is None or constraints.level_at is None:
            return []
        then = _reported_by(sentences, constraints.level_at)
        untimed = replace(constraints, times=(), time_text=(), level_at=None)
        if untimed.constrained:  # the asked body's level, not another's
            then = self._instance(then, untimed, passages, stats, query.story)
        then = _giving_figures(_reported(then, query, latest_figure=True), constraints.names)
        then = _of_the_asked_family(then, query)
        # A later report saying the level had held since before then ("The rate had been held at 3.5
        # percent since February", in October) gives it, where no report of that decision is indexed.
        # The sentences are checked again, untimed, only where a later line says a figure held.
        through = []
        if any(s.passage.published_date and s.passage.published_date > constraints.level_at and HELD.search(s.text)
               for s in sentences):
            every = self._instance(sentences, untimed, passages, stats, query.story) if untimed.constrained else sentences
            through = [(s, since) for s in _of_the_measure(_of_the_asked_family(
                           _giving_figures(every, constraints.names), query), query)
                       if s.eligible and (since := _held_since(s, constraints.level_at)) is not None]
        newest = self._latest(_of_the_measure(then, query), figure=True, alone=True, names=constraints.names, level=True) \
            or self._latest(then, figure=True, alone=True, names=constraints.names, level=True)
        decided = newest[0].passage.published_date if newest else None
        if through and not (decided and decided > through[0][1]):
            return [through[0][0]]  # no report by then of a decision after the level began to hold
        return newest

    def _not_quoted(self, sentences: list[_Sentence], query: Query, passages: Sequence[Passage],
                    stats: CorpusStats | None) -> tuple[list[_Sentence], Answerability]:
        """ "Tell me more.": only the sentences the earlier answers did not quote (neither answer nor
        context: what was shown is not shown again), those that contradict the subject's constraints
        (its year, the person it names) made context only. More is asked of a subject already
        answered: what is left need not answer it on its own, only be near it (not below the floor
        under which nothing is)."""
        rest = [s for s in sentences if not query.shown(s.passage.chunk.article_id, s.start, s.end)]
        if _binds(query):
            rest = self._honouring(rest, query, passages, stats)
        best = next((s.score for s in rest if s.eligible), 0.0)
        return rest, Answerability(best, None, None, answerable=best >= self.settings.refuse_below)

    # ----- constraints ---------------------------------------------------------------------

    def _honouring(self, sentences: list[_Sentence], query: Query, passages: Sequence[Passage],
                   stats: CorpusStats | None) -> list[_Sentence]:
        """The sentences, those that contradict the question's time, names or numbers, or its
        "before/after <event>" condition (`Query.condition`), made context only.

        Times and numbers are read in the sentence, its passage and its article's title and date;
        a name may be anywhere in the article or its outlet's name ("the Ledger's editorial"). A
        follow-up's month alone is its `story`'s (`Query.story`): other articles are context only.
        The condition's event is dated by whichever of the sentences states it.
        """
        if query.constraints is not None and query.constraints.constrained:
            sentences = self._instance(sentences, query.constraints, passages, stats, query.story)
        return self._under_condition(sentences, query)

    def _under_condition(self, sentences: list[_Sentence], query: Query) -> list[_Sentence]:
        """The sentences, those on the wrong side of the question's "before/after" event made context only."""
        condition = query.condition
        if condition is None:
            return sentences
        if OUTSIDE_LIFE.search(query.text):
            # "What did Admiral Rask command after he was killed?": nothing answers it.
            return [replace(s, eligible=False, violation="asks what its subject did outside its own lifetime")
                    if s.eligible else s for s in sentences]
        texts = [s.text for s in sentences]
        articles = [s.passage.chunk.article_id for s in sentences]
        reasons = condition_violations(condition, texts, articles=articles)
        best = next((i for i, s in enumerate(sentences) if s.eligible), None)
        if best is not None and reasons[best]:
            # The best answer is on the wrong side of the event: another answers only if its own
            # time shows it is on the right one, and it says as much of what is asked (the words
            # beyond the condition's) as the best: not any sentence of the right years.
            reasons = condition_violations(condition, texts, undated_ok=False, articles=articles)
            asked = set(lexical.terms(query.text)) - set(lexical.terms(condition.clause))
            said = len(asked & set(lexical.terms(texts[best])))
            reasons = [reason or ("" if len(asked & set(lexical.terms(text))) >= said
                                  else "says less of what is asked than the answer on the wrong side of the event")
                       for reason, text in zip(reasons, texts)]
        return [replace(s, eligible=False, violation=reason) if reason and s.eligible else s
                for s, reason in zip(sentences, reasons)]

    def _instance(self, sentences: list[_Sentence], constraints: QuestionConstraints, passages: Sequence[Passage],
                  stats: CorpusStats | None, story: frozenset[str]) -> list[_Sentence]:
        """The sentences, those about another instance than the one asked for made context only."""
        spelt_out = _spelt_out(constraints, [p.chunk.text for p in passages])
        articles = stats.article_texts if stats is not None else {}
        out = []
        for s in sentences:
            if s.eligible:
                chunk = s.passage.chunk
                check = check_evidence(constraints, s.text, chunk.text, chunk.title, s.passage.published_date,
                                       name_places=(s.passage.source, articles.get(chunk.article_id, "")),
                                       spelt_out=spelt_out)
                violations = list(check.violations)
                if not violations and (other := acted_by_another(constraints.names, constraints.question, s.text,
                                                                 spelt_out, articles.get(chunk.article_id, chunk.text))):
                    violations.append(other)
                if constraints.months and story and chunk.article_id not in story:
                    violations.append("asks about the story followed up on; the evidence is another story")
                if violations:
                    s = replace(s, eligible=False, violation="; ".join(violations))
            out.append(s)
        return out

    def _no_reason(self, query: Query, sentences: list[_Sentence], passages: list[Passage]) -> Answer | None:
        """ "Why …?" of an event the articles report without a reason: a near miss that says so, citing
        the report. None when a sentence of the event's reports (an article whose best sentence is
        within the answer margin of the best), or one within twice the margin, gives a reason; only
        one that gives it outright when a report says none was given ("She gave no reason for her
        decision": `REASON_WITHHELD`; "eight months after the coalition took office" is no reason)."""
        if not _asks_why(query.text) or not sentences:
            return None
        best = sentences[0].score
        reports = {s.passage.chunk.article_id for s in sentences if s.score >= best - self.settings.answer_margin}
        withheld = any(s.passage.chunk.article_id in reports and REASON_WITHHELD.search(s.text) for s in sentences)
        if any(s.eligible and s.score >= self.settings.refuse_below
               and (s.passage.chunk.article_id in reports or s.score >= best - 2 * self.settings.answer_margin)
               and (not withheld or gives_reason(query.text, s.text) == 2)
               for s in sentences):
            return None
        # A later report that gives the reason outright (an inquiry's findings) is worded less like the
        # question than the first reports of the event: within the margins `_giving_the_reason` reads
        # reasons in, when its passage names what the question names.
        names = _names(query.text) - _QUESTION_WORDS
        floor = best - REASON_MARGINS * self.settings.answer_margin
        if not withheld and names and any(
                s.eligible and s.score >= max(floor, self.settings.refuse_below) and gives_reason(query.text, s.text) == 2
                and names & _names(s.passage.chunk.text) for s in sentences):
            return None
        cited = sorted({s.passage.rank for s in sentences if s.passage.chunk.article_id in reports})[:2]
        return self._near_miss_answer(no_reason_message(cited), query.question, passages)

    def _near_miss(self, question: str, sentences: list[_Sentence], passages: list[Passage],
                   constraints: QuestionConstraints) -> Answer:
        """The archive covers the event but not the instance asked for: refuse, naming what it has."""
        relevant = [s for s in sentences if s.score >= self.settings.refuse_below]
        best_of: dict[str, _Sentence] = {}
        for s in relevant:  # sorted best first: each article's best sentence
            best_of.setdefault(s.passage.chunk.article_id, s)
        floor = (relevant[0].score - 2 * self.settings.answer_margin) if relevant else 0.0
        shown = sorted((s for s in best_of.values() if s.score >= floor), key=lambda s: s.passage.rank)[:4]
        available, cited = [], []
        # What the passages cover is said in times only when a time was asked: for a missing name or
        # figure, their dates would read as the reason.
        for s in (shown if constraints.times or constraints.months else ()):
            chunk = s.passage.chunk
            times = evidence_instance(s.text, chunk.text, chunk.title, s.passage.published_date)
            if times and not any(t.overlaps(a) for t in times for a in constraints.times):
                available.extend(times)
                cited.append(s.passage.rank)
        if not constraints.times:
            cited = [s.passage.rank for s in shown[:2]]
        text = near_miss_message(constraints, available, markers=sorted(set(cited)),
                                 violations=[s.violation for s in shown[:2]])
        return self._near_miss_answer(text, question, passages)

    def _near_miss_answer(self, text: str, question: str, passages: Sequence[Passage]) -> Answer:
        """A refusal of a near miss: `text` says what the articles lack, citing the passages it names."""
        return renumber_refusal(Answer(text=text, citations=(), passages=tuple(passages), refused=True,
                                       question=question, answerers=(self.name,), kind="near_miss"))

    def _relevant_by_article(self, sentences: list[_Sentence], margin: float, *,
                             confident: bool = False) -> list[_Sentence]:
        """Each article's best eligible sentence, when it is within `margin` of the best overall
        (or, with `confident`, good enough to answer on its own: an older instance of a recurring
        event may match the question's wording better than the newest one does). Best first."""
        ranked = [s for s in sentences if s.eligible]
        if not ranked:
            return []
        floor = self._floor(ranked[0].score, margin, confident=confident)
        best_of: dict[str, _Sentence] = {}
        for s in ranked:
            if s.score >= floor:
                best_of.setdefault(s.passage.chunk.article_id, s)
        return list(best_of.values())

    def _floor(self, best: float, margin: float, *, confident: bool = False) -> float:
        floor = best - margin
        if confident:
            floor = min(floor, self.settings.answer_above)
        return max(floor, self.settings.refuse_below)

    def _latest(self, sentences: list[_Sentence], *, figure: bool = False, alone: bool = False,
                names: Sequence[str] = (), level: bool = False, post: str = "",
                asked: frozenset[str] = frozenset()) -> list[_Sentence]:
        """Newest report first; an earlier report that gives other figures follows it, briefly.
        `figure`: the question asks for a figure, which a newer report worded further from the
        question may give. `alone`: one dated report may answer on its own (else two are needed).
        Of the newest report's sentences within twice the answer margin of its best, one that names
        an asked name (`names`) alone leads one that lists it among others ("Three storms - A, B and C - caused
        €672 million": the group's figure); asked a `level` ("What is the average bill now?"), one
        giving a figure leads one giving only a move ("will rise by 9.4%"); then the closer one.
        `post`: the question, whose sentences are reports of a post's changes (`_of_the_holders`). `asked`: the
        question's terms besides its names and its "latest" ("cost", "estim"), one of which a newer
        report's line must hold to give the asked figure however far it is worded from the question."""
        candidates = self._relevant_by_article(sentences, self.settings.answer_margin, confident=True)
        close_floor = self._floor(candidates[0].score, self.settings.answer_margin) if candidates else 0.0
        found = [s for s in candidates if s.score >= close_floor and s.passage.published_date]
        new_figure_lines: list[_Sentence] = []
        if found:
            # Another instance of a recurring event (last year's final, a later quarter) may be worded
            # less like the question than the best match and still answer it on its own; so may a
            # report newer than all of them that gives a figure none of them gave ("flooding that
            # killed at least 37" a week after "At least 28 people have died due to flooding"), not
            # one repeating an earlier count. Another report of the same story (days apart) must be
            # as close as the rest to count.
            top = found[0].passage.published_date
            newest = max(s.passage.published_date for s in found)
            given = frozenset().union(*(_figures(s.text) for s in sentences
                                        if s.passage.published_date and s.passage.published_date <= newest))
            # A newer report with a new figure may be worded further from the question still (within
            # twice the margin, when a figure is asked): "the number of dead had reached forty-four".
            wider = self._relevant_by_article(sentences, (1 + figure) * self.settings.answer_margin, confident=True)
            found += [s for s in candidates
                      if s.score < close_floor and s.passage.published_date
                      and abs((s.passage.published_date - top).days) > REVISION_DAYS]
            found += [s for s in wider
                      if s.score < close_floor and s.passage.published_date and s not in found
                      and s.passage.published_date > newest and _gives_newer_figure(s.text, given)]
            if post or figure and names:
                # Who holds a post now, where reports tell its changes (`_of_the_holders`): the newest
                # change in a report of the named body (of any, where the question names none: "who
                # was the finance minister in 2022") answers, however differently it is worded from
                # the older ones ("Its deputy will become interim chief executive" after "X has
                # resigned as chief executive of Y"), if relevant at all (`Settings.refuse_below`).
                passages = {id(s.passage): s.passage for s in sentences}.values()  # each read once
                named = {p.chunk.article_id for p in passages  # or by its outlet's name ("Veldoria Daily")
                         if all(mentions(n, f"{p.chunk.title}\n{p.chunk.text}\n{p.source}") for n in names)}
                # So does, asked a figure of a named thing ("the latest cost estimate for Berth 9"), a
                # newer report of it giving a figure none of the closer ones gave ("now expects … to cost
                # 210 million crowns" after "revised to 165 million").
                taken = {id(s) for s in found}
                newer = [s for s in sentences if id(s) not in taken and s.passage.published_date
                         and s.passage.published_date > newest and s.passage.chunk.article_id in named]
                is_newer = {id(s) for s in newer}
                best = [s for s in self._relevant_by_article(sentences, float("inf")) if id(s) in is_newer]
                if post:
                    found += best
                else:
                    def gives(s: _Sentence, share: float) -> bool:
                        # by a line or a report about the named thing: a report on another
                        # storm that mentions the asked one gives its own figures
                        held = asked & set(lexical.terms(s.text))
                        return (_gives_newer_figure(s.text, given) and len(held) >= max(1, share * len(asked))
                                and all(mentions(n, f"{s.passage.chunk.title}\n{s.text}") for n in names))
                    found += [s for s in best if gives(s, 0)]
                    # The line giving it need not be its report's closest to the question ("has
                    # appointed a chief executive, and disclosed that the cost … has risen again, to
                    # 2.75 billion"), if it holds half the question's terms besides the names.
                    reports = {s.passage.chunk.article_id for s in found}
                    new_figure_lines = self._relevant_by_article(
                        [s for s in newer if s.passage.chunk.article_id not in reports and gives(s, 0.5)], float("inf"))
                    found += new_figure_lines
        if len({s.passage.published_date for s in found}) < (1 if alone else 2):
            return []
        found.sort(key=lambda s: (s.passage.published_date, s.score), reverse=True)
        article, best_of_report = found[0].passage.chunk.article_id, found[0].score
        of_report = [s for s in sentences if s.eligible and s.passage.chunk.article_id == article
                     and s.score >= best_of_report - 2 * self.settings.answer_margin] or found[:1]
        if found[0] in new_figure_lines:
            of_report = [found[0]]  # the report was taken for this line's new figure
        found[0] = max(of_report, key=lambda s: (not _listed_among_others(s.text, names),
                                                 not (level and _only_a_move(s.text)), s.score))
        if figure:
            found[0] = _fresh_figure(found[0], of_report, sentences)
        if post and not (_CURRENT.search(found[0].text) and names_holder(found[0].text, post, names)):
            # The report's lead tells its change ("X has appointed Y as its new chief"), not an aside;
            # a line naming the current holder by the post ("Ann Roe, the current energy minister") tells it.
            found[0] = self._lead(found[0], sentences, 2 * self.settings.answer_margin, figures=False)
        newest = found[0]
        chosen = [newest]
        if (ANAPHORA.search(newest.text) and (not _names(newest.text) - _names(" ".join(names))
                                              or post and _PERSON_SUBJECT.match(newest.text))
                and (before := _previous_sentence(newest, sentences)) is not None):
            # "She will take up the post …", naming no one (or, of a post, only whom she succeeds), after
            # the line that names her
            chosen.insert(0, before)
        figures = _figures(newest.text)
        for s in found[1:]:
            if s.passage.published_date == newest.passage.published_date:
                continue
            other = _figures(s.text)
            # A revision of the same story (days or weeks apart), not last year's instance of the event.
            same_story = abs((newest.passage.published_date - s.passage.published_date).days) <= REVISION_DAYS
            if same_story and figures and other and other != figures:
                chosen.append(s)  # the earlier figure, with its date and source
            break
        if figure and (in_force := _in_force(newest, sentences)) is not None:
            chosen.insert(chosen.index(newest) + 1, in_force)
        return chosen

    def _placed_by_their_news(self, sentences: list[_Sentence]) -> list[_Sentence]:
        """A price asked now: a report whose closest line tells its news in words without the figure
        ("will raise its single bus fare for the second year running") keeps that line's place among
        the others (its score) by its best line giving the figure ("Single fare: up from 2.50 crowns
        to 2.80 crowns"), when that is within twice the answer margin of it: a key-facts line is
        worded further from the question than the news it gives. Not a rate or a share, whose
        reports give many figures besides the asked one."""
        news = _best_by_article(s for s in sentences if (s.eligible or not s.typed and not s.violation
                                                         and not s.contrary) and not is_boilerplate(s.text))
        placed: set[str] = set()
        out = []
        for s in sorted(sentences, key=lambda s: -s.score):
            article = s.passage.chunk.article_id
            if s.eligible and article not in placed:
                placed.add(article)
                if s.score < news[article] <= s.score + 2 * self.settings.answer_margin:
                    s = replace(s, score=news[article])
            out.append(s)
        return sorted(out, key=lambda s: -s.score)

    def _timeline(self, sentences: list[_Sentence], *, measured: bool = False, spanned: bool = False,
                  relevant: list[_Sentence] | None = None, names: Sequence[str] = (), wide: bool = False
                  ) -> list[_Sentence]:
        """A short dated timeline, oldest first: each dated report's best sentence, one report a day
        (a second report of the same day, or a copy of a report already quoted, tells no new step).
        `measured`: the eligible sentences give the figure the question measures (`_of_the_measure`),
        so a report's line may be swapped for one giving a new figure (`_new_figures`) and reports
        long before the rest are left out unless the question asks over a span (`spanned`); else it is
        the report's lead when nearly as close (`_lead`), and a recap gives way to it (`_not_retold`).
        With `relevant` (the same sentences before the measure's filter), a report is also a step when
        its closest sentence of all is close enough, and is told by its closest line giving the figure,
        however far that line is worded from the question ("Organisers counted 56,500" in the report
        whose closest line is "The festival celebrated its 40th edition with its biggest crowd").
        `names`: the question's; a lead that leaves out one the closest line names does not tell it
        ("The 27th fair drew 41,000 visitors" for the Gold Cup's winners). `wide`: every eligible line
        tells a step (a change of holders), so a report is one within twice the usual margin."""
        margin = (4 if wide else 2) * self.settings.answer_margin
        if measured and relevant is not None:
            # Closeness of any line that honours the question, whatever kind of answer it holds.
            near = [s for s in relevant if s.eligible or not s.typed and not s.violation]
            floor = self._floor(max((s.score for s in near), default=0.0), margin)
            steps = {s.passage.chunk.article_id for s in near if s.score >= floor} | {
                s.passage.chunk.article_id for s in self._relevant_by_article(sentences, margin)}
            # A line far from the question tells the report's step only by a word of the question
            # ("56,500 people attended" for the attendance): an analysis of several stories gives
            # another story's figure too ("the tunnel's figure was 3.4 billion").
            closest: dict[str, float] = {}
            for s in near:
                if s.score >= floor:
                    closest[s.passage.chunk.article_id] = max(closest.get(s.passage.chunk.article_id, 0.0), s.score)
            line: dict[str, _Sentence] = {}
            for s in sentences:
                article = s.passage.chunk.article_id
                if (s.eligible and s.passage.published_date and article in steps
                        and (s.lexical > 0 or s.score >= closest.get(article, 0.0) - margin)):
                    line.setdefault(article, s)
            found = list(line.values())
        else:
            found = [s if measured else self._lead(s, sentences, margin, names=names)
                     for s in self._relevant_by_article(sentences, margin) if s.passage.published_date]
        if len({s.passage.published_date for s in found}) < 2:
            return []
        found = self._new_figures(found if spanned else _of_the_story(found), sentences) if measured else self._not_retold(found, sentences)
        chosen: list[_Sentence] = []
        # Where more reports than the answer holds tell steps, the newest is one of them (where the
        # story stands), then the closest ones.
        newest = max(found, key=lambda s: (s.passage.published_date, s.score))
        for s in [newest] + sorted((s for s in found if s is not newest), key=lambda s: -s.score):
            figures = _figures(s.text)
            # A copy tells no new step unless its figure is new ("risen to 19" after "risen to 12",
            # in the same wire wording).
            if len(chosen) < 2 * self.settings.max_answer_sentences and not any(
                    c.passage.published_date == s.passage.published_date
                    or _same_words(s.text, c.text, self.settings.duplicate_jaccard) and figures <= _figures(c.text)
                    for c in chosen):
                chosen.append(s)
        return sorted(chosen, key=lambda s: (s.passage.published_date, s.start))

    def _lead(self, best: _Sentence, sentences: list[_Sentence], margin: float | None = None, *,
              figures: bool = True, names: Sequence[str] = ()) -> _Sentence:
        """A dated report's line: its lead (its article's first sentence, which tells the report's own
        news) when it may answer, is within `margin` (the answer margin) of `best`, the report's
        closest sentence, and keeps a figure `best` gives (unless not `figures`: asked who holds a
        post, "since 1 January" is no figure asked) and names each of `names` `best` names; an aside
        or a quote may be worded closer to the question than the news, a figure asked over time is
        told by the line giving it."""
        margin = self.settings.answer_margin if margin is None else margin
        article = best.passage.chunk.article_id
        lead = min((s for s in sentences if s.passage.chunk.article_id == article and _may_lead(s)),
                   key=lambda s: s.start, default=None)
        if (lead is None or not lead.eligible or lead.score < best.score - margin
                or figures and _figures(best.text) and not _figures(lead.text)
                or any(mentions(n, best.text) and not mentions(n, lead.text) for n in names)):
            return best
        return replace(lead, score=best.score)  # the report keeps its place among the others

    def _not_retold(self, found: list[_Sentence], sentences: list[_Sentence]) -> list[_Sentence]:
        """Each report's line (`found`), a later report's line that only retells figures an earlier
        report gave ("The board had first offered 4 percent" in the report of the deal) swapped for
        its lead when the lead gives a figure none gave: a recap tells no new step."""
        def numbers(text: str) -> set[str]:  # "12 percent" and a later "12" are one figure
            return {re.match(r"[\d.]+", f).group(0) for f in _figures(text)}
        told: set[str] = set()
        out = []
        for line in sorted(found, key=lambda s: s.passage.published_date):
            figures = numbers(line.text)
            if figures and figures <= told and not HELD.search(line.text):
                lead = self._lead(line, sentences, 2 * self.settings.answer_margin)
                if numbers(lead.text) - told:
                    line = replace(lead, score=line.score)
            told |= numbers(line.text)
            out.append(line)
        return out

    def _new_figures(self, found: list[_Sentence], sentences: list[_Sentence]) -> list[_Sentence]:
        """Each report's line (`found`: its best sentence), oldest report first, swapped for another
        of its sentences nearly as close to the question (within the answer margin) when the best
        ends on a figure an earlier report gave and the other gives only figures none gave: a report
        that retells "the jackpot ballooned to $1.02 billion Tuesday" and adds "Tonight's jackpot is
        $1.1 billion" tells its step by the latter; one that ends on a new figure ("…, which rose to
        120 million on Tuesday, now stands at 135 million") keeps its line. Not a report whose news
        is that the figure held ("kept its forecast of 2.05 billion", `HELD`)."""
        told: set[str] = set()
        out = []
        for best in sorted(found, key=lambda s: s.passage.published_date):
            line = best
            if _last_figure(best.text) in told and not HELD.search(best.text):
                article = best.passage.chunk.article_id
                floor = self._floor(best.score, self.settings.answer_margin)
                line = next((s for s in sentences if s.eligible and s.score >= floor
                             and s.passage.chunk.article_id == article and _figures(s.text)
                             and not _figures(s.text) & told), best)
                line = replace(line, score=best.score)  # the report keeps its place among the others
            told |= _figures(line.text)
            out.append(line)
        return sorted(out, key=lambda s: -s.score)

    def _each_party(self, sentences: list[_Sentence], parties: Sequence[frozenset[str]]) -> list[_Sentence]:
        """"What did X and Y each say …": each side's best attributed sentence, from whichever
        article carries it, side by side (never merged)."""
        ranked = [s for s in sentences if s.eligible and s.score >= self.settings.refuse_below]
        chosen = []
        for party in parties:
            # Best: the party is who speaks ("The union said …"); else a sentence naming it that says something.
            said = (next((s for s in ranked if _speaker_is(s.text, party) and s not in chosen), None)
                    or next((s for s in ranked if _speaks(s.text, party) and s not in chosen), None))
            if said is None:
                return []
            chosen.append(said)
        return chosen

    def candidates(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None
                   ) -> list[_Sentence]:
        """Every sentence of the passages, best score first; those that cannot answer the question
        (no answer of the kind asked for, page furniture, another year or person) marked ineligible."""
        query = as_query(query)
        expanded = expand_acronyms(query.text, [p.chunk.text for p in passages])
        sentences = sorted(self._score_sentences(expanded, query.answer_type, list(passages), stats), key=lambda s: -s.score)
        sentences = self._beside_contrary(expanded, sentences)
        if _binds(query):
            sentences = self._honouring(sentences, query, passages, stats)
        return sentences

    def assess(self, query: Query | str, passages: Sequence[Passage], stats: CorpusStats | None = None, *,
               full: bool = False) -> tuple[list[_Sentence], "Answerability"]:
        """Score the passages' sentences (best first) and decide whether they answer the question.

        Two stages: the best sentence score (contextual sentence vector + term overlap) settles
        clear cases; in between, the few best sentences are embedded on their own and a small
        fitted model (see `Answerability`) decides. `full` computes every feature (calibration).
        """
        query = as_query(query)
        expanded = expand_acronyms(query.text, [p.chunk.text for p in passages])
        return self._assess(expanded, query.answer_type, passages, stats, full=full)

    def _assess(self, question: str, expected: AnswerType | None, passages: Sequence[Passage],
                stats: CorpusStats | None, *, full: bool = False) -> tuple[list[_Sentence], "Answerability"]:
        """`assess` for the question as the passages spell it (`expand_acronyms`), which asks for
        an answer of kind `expected`."""
        sentences = sorted(self._score_sentences(question, expected, list(passages), stats), key=lambda s: -s.score)
        return self._decide(question, self._beside_contrary(question, sentences), stats, full=full)

    def _decide(self, question: str, sentences: list[_Sentence], stats: CorpusStats | None, *, full: bool = False
                ) -> tuple[list[_Sentence], "Answerability"]:
        """Whether the eligible ones among `sentences` (best first) answer the question. For "Why …?",
        whether the event is covered: a sentence that gives no reason still tells that (`_no_reason`
        then asks for a reason)."""
        candidates = [s for s in sentences if s.eligible or s.violation == NO_REASON]
        best = candidates[0].score if candidates else 0.0
        settings = self.settings
        if not full and (not candidates or best >= settings.answer_above or best < settings.refuse_below):
            return sentences, Answerability(best, None, None, answerable=bool(candidates) and best >= settings.answer_above)
        top = candidates[:STANDALONE_CANDIDATES]
        query = self.embedder.embed_query(question)
        standalone = float(np.max(self.embedder.embed_sentences([s.text for s in top]) @ query)) if top else 0.0
        unknown = unknown_share(question, stats, _asked_in_own_words(question, top))
        w_best, w_standalone, w_unknown = settings.answerability_weights
        z = w_best * best + w_standalone * standalone + w_unknown * unknown + settings.answerability_bias
        if _successor_named(question, sentences) is not None:
            z = max(z, 0.0)  # the report of the departure asked about names who takes over
        if full:
            answerable = bool(candidates) and (best >= settings.answer_above or (best >= settings.refuse_below and z >= 0))
        else:
            answerable = z >= 0
        return sentences, Answerability(best, standalone, unknown, answerable=answerable, z=z)

    # ----- internals -----------------------------------------------------------------------

    def _score_sentences(self, question: str, expected: AnswerType | None, passages: list[Passage],
                         stats: CorpusStats | None) -> list[_Sentence]:
        if not passages:
            return []
        query = self.embedder.embed_query(question)
        question_terms = set(lexical.terms(question))
        kin = verb_kin(question_terms)  # "ascend" is met by "acceded"
        act = asked_act(question)  # "Who will lead …?" is met by "… will be led by"
        kin |= {t: kin.get(t, frozenset()) | act - {t} for t in act & question_terms if act - {t}}
        idf = stats.idf if stats is not None else {}
        weights = {t: idf.get(t, 1.0) for t in question_terms}
        total = sum(weights.values())
        context = "\n".join(p.chunk.text for p in passages)  # where a name is seen mid-sentence
        negated = NEGATED_QUESTION.search(question) is not None
        directions = asked_directions(question)
        why = _asks_why(question)
        # "How many people were vaccinated?": only a count of people vaccinated answers it.
        quantity = expected is not None and expected.name == "quantity"
        counted = counted_by_act(question) if quantity else ""
        # "What was the attendance?": a count of those who attended, not any count (`COUNTED_AS`).
        measure = asked_measure(question) if quantity and not counted else None
        named_count = measure[1] if measure and measure[0] == "count" and measure[1] in COUNTED_AS else ""
        seen: set[tuple[str, int]] = set()
        out = []
        for passage in passages:  # in rank order, so a repeated sentence keeps its best rank
            chunk = passage.chunk
            spans = list(chunk.sentences) or [(chunk.start, chunk.end)]
            vectors = passage.sentence_vectors
            if vectors is None or len(vectors) != len(spans):
                texts = [chunk.text[s - chunk.start:e - chunk.start] for s, e in spans]
                vectors = self.embedder.embed_documents(texts)
            for position, ((start, end), vector) in enumerate(zip(spans, vectors)):
                if (chunk.article_id, start) in seen:
                    continue
                seen.add((chunk.article_id, start))
                text = chunk.text[start - chunk.start:end - chunk.start]
                said = set(lexical.terms(text))
                overlap = question_terms & said | {t for t, family in kin.items() if family & said}
                lexical_share = sum(weights[t] for t in overlap) / total if total else 0.0
                score = float(np.dot(vector, query)) + LEXICAL_WEIGHT * lexical_share
                if addressed_to_model(text):  # prompt injection: neither answer nor context
                    continue
                # A sentence that cannot hold the kind of answer asked for, or page furniture
                # (a byline, a caption, a cut-off snippet), is context only.
                contrary, violation = _contrary(question, text, negated, directions)
                typed = (not expected or holds_answer(expected, text, question, context)) and not contrary
                if why and typed and not gives_reason(question, text):  # "Why …?" is not answered by the event alone
                    typed, violation = False, NO_REASON
                if counted and typed and not gives_measure(("count", counted), text, question):
                    typed, violation = False, f"counts no people {counted}"
                if named_count and typed and not gives_measure(("count", named_count), text, question):
                    typed, violation = False, f"gives no {named_count} figure"
                eligible = typed and not is_boilerplate(text)
                out.append(_Sentence(passage, start, end, text, score, position, eligible, violation=violation,
                                     dense=float(np.dot(vector, query)), lexical=lexical_share, typed=typed,
                                     contrary=contrary, vector=vector))
        return out

    def _beside_contrary(self, question: str, sentences: list[_Sentence]) -> list[_Sentence]:
        """`sentences` (best first), those that say less of what is asked than one that contradicts
        the question (`_contrary`) made context only.

        "When did its reputation fall?" against "Its reputation rose in the 1920s": the sentence
        that says what the question is about says it went the other way, and the article's opening
        sentence, which says nothing of a reputation, is no answer either. Of what is asked, names
        aside (the article's subject is in many sentences), another answers only if it says as much.
        A sentence that says the opposite or denies what is taken for granted counts within the
        answer margin of the best; one that lacks the negation a negated question asks for only as
        the best (most sentences of any article lack it)."""
        if any(cue.search(question) for cue in (*cues.LATEST_CUES.values(), *cues.TIMELINE_CUES.values())):
            return sentences  # many reports make the answer: one that contradicts the question is left out alone
        if not sentences:
            return sentences
        near = max(sentences[0].score - self.settings.answer_margin, self.settings.refuse_below)
        asked = _predicate_terms(question)
        most = max((len(asked & set(lexical.terms(s.text))) for i, s in enumerate(sentences)
                    if s.score >= near and (s.contrary == "opposite" or s.contrary == "unnegated" and i == 0)), default=0)
        if not most:
            return sentences
        return [replace(s, eligible=False, violation="says less of what is asked than a sentence that contradicts it")
                if s.eligible and len(asked & set(lexical.terms(s.text))) < most else s for s in sentences]

    def _likelihood(self, query: Query, sentences: list[_Sentence], stats: CorpusStats | None) -> dict:
        """Each eligible sentence's probability of answering (`rag.answering.sentence_model`), by span;
        empty when no model is committed."""
        model = committed_model()
        eligible = [s for s in sentences if s.eligible]
        if model is None or not eligible:
            return {}
        x = features([s.candidate() for s in eligible], query, [s.typed for s in eligible],
                     stats.present if stats is not None else None)
        return {(s.passage.chunk.article_id, s.start): float(p) for s, p in zip(eligible, model.probabilities(x))}

    def _beyond_premise(self, ranked: list[_Sentence], question: str, likelihood: dict) -> list[_Sentence]:
        """`ranked`, with a sentence that says what the question asks of its premise ahead of a lead
        that only restates the premise.

        "A 1,850-year-old zodiac coin was found off Israel's coast. What sign did it bear?": the
        report of the find matches the question best, yet only "The coin bears the image of the zodiac
        sign Cancer" says what is asked. When the lead holds at least half of the premise's terms and
        none of the asking sentence's own (those the premise does not hold, `_ASKING_WORDS` aside),
        the likeliest sentence that holds half of those or more ("will take the seat held by …" for
        "Whose seat is she filling?") leads instead, if it scores within twice the answer margin of the
        lead and reads like an answer (`min_answer_likelihood`)."""
        split = preamble_split(question)
        if not ranked or not split:
            return ranked
        premise = set(lexical.terms(question[:split]))
        asked = {t for t in _predicate_terms(question) - premise - _ASKING_WORDS if not ASKING_VERB.search(t)}
        lead = set(lexical.terms(ranked[0].text))
        if not asked or asked & lead or 2 * len(premise & lead) < len(premise):
            return ranked

        def likely(s: _Sentence) -> float:
            return likelihood.get((s.passage.chunk.article_id, s.start), 1.0)
        floor = ranked[0].score - 2 * self.settings.answer_margin
        better = max((s for s in ranked
                      if s.score >= floor and 2 * len(asked & set(lexical.terms(s.text))) >= len(asked)
                      and likely(s) >= self.settings.min_answer_likelihood), key=likely, default=None)
        return ranked if better is None else [better] + [s for s in ranked if s is not better]

    def _doing_the_asked(self, ranked: list[_Sentence], question: str) -> list[_Sentence]:
        """`ranked`, with the closest sentence of the lead's own report that tells the act a who or
        why question asks (`asked_act`) ahead of a lead that does not tell it.

        "Who will lead the inquiry into the collapse?": the report's opening, that an inquiry was
        ordered, matches the question best, yet only its "The inquiry will be led by a retired judge,
        Ann Roe" says who leads it. The other must score within `ACT_MARGINS` answer margins of the lead;
        for "why", it must also name the subject ("Why is Ada Kern leaving?" — "Kern is leaving to …").
        Another report's sentence with the act may tell another instance ("her song of the year win"
        for "Who won artist of the year?")."""
        act = asked_act(question)
        if not ranked or not act or act & set(lexical.terms(ranked[0].text)):
            return ranked
        subject = set(lexical.terms(" ".join(re.findall(r"\b[A-Z][\w’'-]*", question[3:])))) \
            if re.match(r"\s*why\b", question, re.I) else set()
        floor = ranked[0].score - ACT_MARGINS * self.settings.answer_margin
        article = ranked[0].passage.chunk.article_id
        better = max((s for s in ranked if s.score >= floor and s.passage.chunk.article_id == article
                      and act & set(lexical.terms(s.text))
                      and (not subject or subject & set(lexical.terms(s.text)))), key=lambda s: s.score, default=None)
        return ranked if better is None else [better] + [s for s in ranked if s is not better]

    def _counting_the_asked(self, ranked: list[_Sentence], question: str) -> list[_Sentence]:
        """`ranked`, led by the closest sentence that counts what a "How many <things> …?" question
        names ("The trial enrolled 1,420 patients" for "how many patients were in the trial"), where
        the lead counts something else ("cut attacks by 38 percent"); unlike a line telling the asked
        act it may be another report's (held to the lead's report, a real-news count of grand slams
        was lost to a line counting doubles titles)."""
        return self._led_by(ranked, _counting(question))

    def _measuring_the_asked(self, ranked: list[_Sentence], question: str) -> list[_Sentence]:
        """`ranked`, led by the closest sentence giving the length of the thing a "How long is X?"
        question names (`_measuring`: "a 3.4-kilometre immersed tunnel" for the tunnel), where the
        lead gives another's ("The crossing will be 11.2 kilometres long")."""
        return self._led_by(ranked, _measuring(question))

    def _led_by(self, ranked: list[_Sentence], gives: re.Pattern | None) -> list[_Sentence]:
        """`ranked`, led by its closest sentence `gives` matches, where the lead does not and that
        sentence scores within `ACT_MARGINS` answer margins of it (as a line telling the asked act
        must); `ranked` as it is otherwise."""
        if not ranked or gives is None or gives.search(ranked[0].text):
            return ranked
        floor = ranked[0].score - ACT_MARGINS * self.settings.answer_margin
        better = next((s for s in ranked if s.score >= floor and gives.search(s.text)), None)
        return ranked if better is None else [better] + [s for s in ranked if s is not better]

    def _giving_the_reason(self, ranked: list[_Sentence], question: str, event: _Sentence | None = None
                           ) -> list[_Sentence]:
        """`ranked`, a "Why …?" answer led by the sentence that best gives the reason: one about what is
        asked (of the lead's own report, naming what the question names, or telling the asked act:
        "dismissed" for "Why did … sack …?") before one about something else, then one that gives the reason outright
        (`gives_reason`) before one that only ties the event to another ("sacked the coach on
        Tuesday, two days after a 3-0 defeat" before "The club said he had been dismissed after a
        run of seven games without a win"), then the ranking's order. A reason is worded less like
        the question than the event it explains: it may score up to `REASON_MARGINS` answer margins
        below the lead. Another report's sentence must be about what is asked (its reasons may be
        another story's). "What went wrong with …?" (`WENT_WRONG`) is led alike by the sentence that
        tells what failed (`TELLS_FAULT`). The report of the best sentence of all (`event`, which may tell
        the event without a reason: "The trial lasted 19 months") is about what is asked too."""
        why, wrong = _asks_why(question), WENT_WRONG.search(question) is not None
        if not ranked or not (why or wrong):
            return ranked
        names = _names(question) - _QUESTION_WORDS
        act = asked_act(question)

        articles = {ranked[0].passage.chunk.article_id} | ({event.passage.chunk.article_id} if event else set())

        def about(s: _Sentence) -> bool:
            return bool(s.passage.chunk.article_id in articles or names & _names(s.text)
                        or act & set(lexical.terms(s.text)))
        floor = max(ranked[0].score - REASON_MARGINS * self.settings.answer_margin, self.settings.refuse_below)
        if wrong and not why:  # each close sentence of the report that tells what failed, in rank order
            faults = [s for s in ranked if s.score >= floor and about(s) and TELLS_FAULT.search(s.text)]
            return faults + [s for s in ranked if s not in faults]
        after_event = _adjacent_start(event, 1) if event is not None and not event.eligible else None

        def explains_event(s: _Sentence) -> bool:  # "The trial lasted 19 months. It was interrupted when …"
            return after_event is not None and (s.passage.chunk.article_id, s.start) == after_event

        best = max((i for i, s in enumerate(ranked)
                    if i == 0 or s.score >= floor and about(s)),
                   key=lambda i: (about(ranked[i]), gives_reason(question, ranked[i].text), explains_event(ranked[i]), -i))
        return [ranked[best]] + ranked[:best] + ranked[best + 1:]

    def _choose(self, sentences: list[_Sentence], *, question: str = "", speaker: frozenset[str] = frozenset(),
                said_about: str = "", likelihood: dict | None = None,
                expected: AnswerType | None = None) -> list[_Sentence]:
        """The best sentences, each with the neighbours it needs to be read right, in article order.

        The best is the likeliest to answer (`likelihood`, by span; the score when there is none);
        others within the score margin of it follow. For "What did <party> say…?" (`speaker`: the
        party's terms), the sentences that attribute something to that party are preferred when
        there are any relevant ones.
        """
        likelihood = likelihood or {}
        asked = set(lexical.terms(question))
        eligible = [s for s in sentences if s.eligible]
        if not eligible:  # a latest or timeline reading ruled out every sentence (`_not_the_first`)
            return []
        by_span = {(s.passage.chunk.article_id, s.start): s for s in sentences}
        previous, following = {}, {}
        for s in sentences:
            chunk = s.passage.chunk
            for (a, _), (b, _) in zip(chunk.sentences, chunk.sentences[1:]):
                previous[(chunk.article_id, b)] = (chunk.article_id, a)
                following[(chunk.article_id, a)] = (chunk.article_id, b)

        def neighbour(s: _Sentence, links: dict) -> _Sentence | None:
            return by_span.get(links.get((s.passage.chunk.article_id, s.start)))

        # "What did <party> say about <subject>?": how close a sentence is to the subject.
        about = self.embedder.embed_query(said_about) if speaker and said_about else None

        def nearness(x: _Sentence) -> float:
            return float(np.dot(x.vector, about))
        # A sentence that calls the asked-for thing by its kind ("The show, which follows …" for
        # "Which show …?") names it only with the sentence before it: without that one at hand it
        # cannot answer, nor can one that only introduces a thing of that kind ("A 76 million-year-old
        # dinosaur skeleton will be auctioned" for "… which dinosaur?"); the others choose (they
        # stay when they are all there is).
        kind = _asked_kind(question)
        readable = [s for s in eligible if not (_names_the_asked_kind(s.text, kind) and neighbour(s, previous) is None
                                                or _introduces_the_asked_kind(s.text, kind))]
        eligible = readable or eligible
        # The model re-ranks the sentences close to the best score (RERANK_MARGIN, fitted with it).
        close = max((s.score for s in eligible), default=0.0) - RERANK_MARGIN
        ranked = sorted(eligible, key=lambda s: (s.score < close,
                                                 -likelihood.get((s.passage.chunk.article_id, s.start), 0.0), -s.score))
        ranked = self._giving_the_reason(
            self._measuring_the_asked(self._counting_the_asked(
                self._doing_the_asked(self._beyond_premise(ranked, question, likelihood), question), question), question),
            question, sentences[0] if sentences else None)
        if speaker:
            spoken = [s for s in ranked if s.score >= self.settings.refuse_below and (
                _speaks(s.text, speaker) or _speaks_as_pronoun(s.text) and _speaks(s.passage.chunk.text, speaker))]
            # "… say about the cyclists?": what the party said about that leads, when it said anything.
            subject = {t for t in asked - speaker if not ATTRIBUTION.search(t)}
            on_subject = [s for s in spoken if subject & set(lexical.terms(s.text))]
            if spoken and not on_subject and about is not None:
                # Said in other words ("the bombardment" for "the strikes"), or of "it" right after
                # the sentence that names it: as close to the subject as the closest sentence of
                # all. A party that said nothing on it is not quoted on something else.
                closest = max((nearness(s) for s in sentences if s.vector is not None), default=0.0)

                def near(x: _Sentence | None) -> bool:
                    return x is not None and x.vector is not None and nearness(x) >= closest - self.settings.answer_margin

                on_subject = [s for s in spoken
                              if near(s) or ANAPHORA_OBJECT.search(s.text) and near(neighbour(s, previous))]
                if not on_subject:
                    return []
            ranked = on_subject + [s for s in spoken if s not in on_subject] or ranked
        # Copies of one sentence (another outlet's, near word for word) read alike to the model: the
        # copy closest to the question leads (a misspelt name scores lower).
        copies = [s for s in ranked if _same_words(s.text, ranked[0].text, self.settings.duplicate_jaccard)]
        ranked.insert(0, ranked.pop(ranked.index(max(copies, key=lambda s: s.score))))
        floor = max(s.score for s in ranked) - self.settings.answer_margin
        # The model picks the lead; the others close to the best score follow in score order.
        others = sorted((s for s in ranked[1:] if s.score >= floor), key=lambda s: -s.score)
        if about is not None and ranked[0].vector is not None:
            # What else the party said follows only when it is about the same subject: "the
            # cyclists", not the tolls its name also matches.
            floor_about = nearness(ranked[0]) - self.settings.answer_margin
            others = [s for s in others if s.vector is None or nearness(s) >= floor_about]
        chosen = [ranked[0]]
        # The figures the question itself states ("3,518 counts of murder") are not the answer's:
        # two sentences sharing only those give the asked figure differently.
        given = _figures(question)
        lead_figures = _figures(ranked[0].text) - given
        if expected is not None and expected.name in FIGURE_ANSWERS and lead_figures:
            # A figure asked for: another article's sentence giving other figures is another
            # instance or an older count ("a 100-year-old man" beside "a 101-year-old man").
            lead = ranked[0]
            others = [s for s in others if s.passage.chunk.article_id == lead.passage.chunk.article_id
                      or not _figures(s.text) - given or _figures(s.text) & lead_figures
                      or _later(s, lead)]  # a later report's revised count ("has risen to 19") stays
        for s in others:  # a sentence another outlet wrote near word for word is said once
            if len(chosen) < self.settings.max_answer_sentences and not any(
                    _same_words(s.text, c.text, self.settings.duplicate_jaccard) for c in chosen):
                chosen.append(s)
        limit = self.settings.max_answer_sentences + 1
        picked: dict[tuple[str, int], _Sentence] = {}
        lead: dict[tuple[str, int], int] = {}  # each picked sentence → the chosen one it came with
        for n, s in enumerate(chosen):
            group = [s]
            after = neighbour(s, following)
            # A claim followed by its rebuttal: show both sides.
            if after and ATTRIBUTION.search(s.text) and CONTRAST.search(after.text):
                group.append(after)
            # A sentence that only announces its answer ("The strike ended with a pay deal.", "…
            # agreed the following:") is followed by the one that gives it.
            elif after and _announces(s.text, asked) and set(lexical.terms(after.text)) - asked:
                group.append(after)
            # A sentence that leans on the one before it ("They claimed…", "…disputed those
            # figures") is unreadable alone: bring in what it leans on, two steps back at most.
            # Not when it is the asked-about speaker's words ("She said …"): the question says who.
            current = s
            for _ in range(0 if speaker and _speaks_as_pronoun(s.text) else 2):
                before = neighbour(current, previous)
                leans = ANAPHORA.search(current.text) or (
                    CONTRAST.search(current.text) and REFERS_BACK.search(current.text)
                ) or _names_the_asked_kind(current.text, kind)
                if not (before and leans):
                    break
                group.append(before)
                current = before
            new = {(g.passage.chunk.article_id, g.start): g for g in group}
            if picked and len(picked | new) > limit:
                break
            for key in new:
                lead.setdefault(key, n)
            picked |= new
        # The best sentence opens the answer: each chosen sentence with what it needs, in that
        # order; within a group, article order ("They claimed …" after what it leans on).
        return sorted(picked.values(), key=lambda s: (lead[(s.passage.chunk.article_id, s.start)], s.start))


# Answer types whose answer is a figure (`rag.question.answer_types`).
FIGURE_ANSWERS = frozenset({"quantity", "money", "share", "length", "duration", "mass", "efficacy", "speed",
                            "temperature"})

_ACRONYM = re.compile(r"\b([A-Z]{2,5})\b")


def expand_acronyms(question: str, texts: Sequence[str]) -> str:
    """'What did the UN urge?' → 'What did the United Nations urge?' when the passages spell it out.

    The expansion is found in the passages themselves: a run of capitalised words whose
    initials are the acronym; of several, one the passages introduce it by ("the European Union
    (EU)"), else the one they write most often. Both the embedding and the term overlap then see
    the long form.
    """
    expansions = {}
    for acronym in set(_ACRONYM.findall(question)):
        words = r"\s+(?:of\s+|and\s+|the\s+)?".join(rf"{letter}[a-z’'-]+" for letter in acronym)
        found = Counter()
        for text in texts:
            for m in re.finditer(rf"\b(?P<long>{words})\b(?P<introduced>\s*\({acronym}\))?", text):
                long_form = re.sub(r"[’']s?$", "", m.group("long"))  # "the UK's": "the United Kingdom's", not "…'s's"
                if acronym not in long_form:
                    found[long_form] += 1000 if m.group("introduced") else 1  # "the European Union (EU)" decides
        if found:
            expansions[acronym] = found.most_common(1)[0][0]
    for acronym, long_form in expansions.items():
        question = re.sub(rf"\b{acronym}\b", long_form, question)
    return question


# A sentence that speaks of something named just before it: "… called it a tax", "… opposed them".
ANAPHORA_OBJECT = re.compile(r"\b(it|them|this|that|the (plan|move|decision|proposal|measure|idea|charge|deal))\b", re.I)


def _same_words(a: str, b: str, threshold: float) -> bool:
    """Two sentences share at least `threshold` of their terms (Jaccard): syndicated or rewritten copies."""
    return lexical.jaccard(set(lexical.terms(a)), set(lexical.terms(b))) >= threshold


# "Which show …?", "What kind of company …?": the kind of thing whose name is asked for.
# The kind a "Which …?" question asks for: "show" in "Which TV show …?" (an acronym before it modifies it).
_ASKED_KIND = re.compile(r"\b(?:which|what)\s+(?:(?:kind|type|sort)s?\s+of\s+)?(?:(?-i:[A-Z]{2,5})\s+)?([a-z]+)\b", re.I)
_NOT_A_KIND = frozenset("""
of one ones is was are were do does did has have had will would can could should may might the a an this that these
those if about new other happened happens caused causes led leads made makes kind type sort else
""".split())


def _asked_kind(question: str) -> str:
    match = _ASKED_KIND.search(question)
    word = match.group(1).lower() if match else ""
    if word in _NOT_A_KIND:
        return ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word  # "Which shows …?" → "show"


def _names_the_asked_kind(text: str, kind: str) -> bool:
    """ "The show, which follows …" answers "Which show …?" only with the sentence before it, which
    names the show; so does "… claims that the company cut …" for "Which company …?", unless a name
    stands before it as what the sentence is about ("Officials said Acme had won …, and that the
    company …"; not the source in "A report from Acme Securities claims that the company …")."""
    m = kind and re.search(rf"(?:^|\bthat )(?:[Tt]he|[Tt]his|[Tt]hat) {re.escape(kind)}s?\b", text)
    return bool(m) and not _names_before(text[:m.start()])


def _names_before(text: str) -> bool:
    """`text` names something other than a source: a run of capitalised words opening it ("Acme
    Holdings said …") or one not after "from", "by", "according to" … ("said Acme had won")."""
    if re.match(r"[A-Z][\w’'-]*\s+[A-Z]", text):
        return True
    return any(not before[0].isupper() and before.lower() not in _SOURCE_WORDS
               for before in re.findall(r"([\w’'-]+)\s+(?=[A-Z])", text))


_SOURCE_WORDS = frozenset({"from", "by", "of", "at", "in", "for", "to", "with", "according"})


def _introduces_the_asked_kind(text: str, kind: str) -> bool:
    """ "A 76 million-year-old dinosaur skeleton …": the sentence opens on a thing of the asked kind
    without naming it (no capitalised word before the kind, no name right after it: "A local firm,
    Acme Steel, will …" names it)."""
    return bool(kind) and re.match(rf"(?:An?|One) (?:[a-z0-9][\w,’'-]*\s+){{0,4}}{re.escape(kind)}s?\b(?!,?\s+[A-Z])",
                                   text) is not None


def _announces(text: str, asked: set[str]) -> bool:
    """The sentence says there is an answer without giving it: it ends on a colon, or says nothing
    the question does not already say."""
    return text.rstrip().endswith(":") or bool(asked) and set(lexical.terms(text)) <= asked


def _speaks(text: str, speaker: frozenset[str]) -> bool:
    """The sentence attributes something and names the party (stems compared by prefix, so
    a country's name also finds its adjective)."""
    if not ATTRIBUTION.search(text):
        return False
    words = lexical.terms(text)
    return any(w.startswith(t) or t.startswith(w) for t in speaker for w in words if min(len(w), len(t)) >= 4)


_FIGURE = re.compile(r"(?<![\w.:])\d[\d,]*(?:\.\d+)?(?![\d,]*:\d)(?:\s*(?:million|billion|thousand|percent|per cent|%))?")


def _later(s: _Sentence, than: _Sentence) -> bool:
    a, b = s.passage.published_date, than.passage.published_date
    return a is not None and b is not None and a > b


# A number that names a kind of thing ("a 30-year mortgage", "the 10-year yield"), not an age ("a 101-year-old").
_TERM = re.compile(r"-(?:year|month|week|day)s?\b(?!-old)", re.I)


# A figure written in words: from eleven up, or a compound ("forty-four"); "two" or "one" is as often
# no figure at all ("the two sides", "one official said").
_TENS = {w: cues.NUMBER_WORDS[w] for w in ("twenty", "thirty", "forty", "fifty")} | cues.LATER_TENS
_UNITS = {w: n for w, n in cues.NUMBER_WORDS.items() if 1 <= n <= 9 and w not in ("a", "an")}
_TEENS = {w: n for w, n in cues.NUMBER_WORDS.items() if 11 <= n <= 19}
_SCALES = {"hundred": 100, "thousand": 1000}
# "forty-four", "fifteen", "two thousand", "forty thousand" (a unit alone, "two", is too often no figure).
_WORD_FIGURE = re.compile(rf"\b(?:(?:({'|'.join(_TENS)})(?:[-\s]({'|'.join(_UNITS)}))?|({'|'.join(_TEENS)}))"
                          rf"(?:\s+({'|'.join(_SCALES)}))?|({'|'.join(_UNITS)})\s+({'|'.join(_SCALES)}))\b", re.I)


def _word_figure(m: re.Match) -> str:
    tens, unit, teen, scale, alone, alone_scale = (g.lower() if g else g for g in m.groups())
    if alone:
        return str(_UNITS[alone] * _SCALES[alone_scale])
    return str((_TEENS[teen] if teen else _TENS[tens] + (_UNITS[unit] if unit else 0)) * _SCALES.get(scale, 1))


def _figures(text: str) -> frozenset[str]:
    """The figures a sentence states, in digits or in words ("forty-four" is 44; years, days of the
    month, times of day and a term's number, "30-year", aside), to tell a revised figure from the same one."""
    return frozenset(figure for _, figure, _ in _figures_at(text))


@lru_cache(maxsize=4096)  # a sentence's figures are read by several filters of one answer
def _figures_at(text: str) -> tuple[tuple[int, str, bool], ...]:
    """`_figures` in text order, each with where it stands and whether it is a figure moved from
    ("up from thirty-seven", "from $810 million to …")."""
    text = DAY_MONTH.sub(" ", text)  # "July 12" is a date, not a figure
    found = [(m.start(), m.group(0).replace(",", "")) for m in _FIGURE.finditer(text)
             if not re.fullmatch(r"(1[89]|20)\d\d", m.group(0).rstrip(",")) and not _TERM.match(text, m.end())]
    found += [(m.start(), _word_figure(m)) for m in _WORD_FIGURE.finditer(text) if not _TERM.match(text, m.end())]
    return tuple((at, figure, _MOVED_FROM.search(text, max(0, at - 20), at) is not None) for at, figure in sorted(found))


_MOVED_FROM = re.compile(r"\b(?:from|compared with|against|versus)\s*[$£€]?\s*$", re.IGNORECASE)


def _last_figure(text: str) -> str:
    """The figure a sentence ends on ("ballooned from $810 million to $1.02 billion": 1.02 billion;
    "fifty-two, up from thirty-seven": 52); "" when it gives none."""
    reached = [figure for _, figure, moved_from in _figures_at(text) if not moved_from]
    return reached[-1] if reached else ""


def _in_force(line: _Sentence, sentences: list[_Sentence]) -> _Sentence | None:
    """A newest report's line moving a figure ("Single fare: up from 2.50 crowns to 2.80 crowns")
    that does not say when the change holds from: its report's line that does (`IN_FORCE`: "Takes
    effect: 5 January 2026"), so the reader knows whether the new figure is in force yet."""
    if IN_FORCE.search(line.text) or not any(moved_from for _, _, moved_from in _figures_at(line.text)):
        return None
    article = line.passage.chunk.article_id
    return next((s for s in sorted(sentences, key=lambda s: s.start)
                 if s.passage.chunk.article_id == article and s is not line and IN_FORCE.search(s.text)
                 and not is_boilerplate(s.text)), None)


def _not_corrected(sentences: list[_Sentence]) -> list[_Sentence]:
    """A correction notice's retelling of what an article wrongly said (`RETRACTED`: "Correction:
    An article published on August 19 stated that 158 cases had been confirmed") is page furniture;
    a line of a report published up to REVISION_DAYS before the notice giving a figure it corrects
    ("The ministry said 158 cases had now been confirmed") is context only too: the notice's
    corrected figure answers ("The correct figure is 185 confirmed cases"), as close to the question
    as the retelling that names what it corrects ("… stated that petrol cost 1.64 euros a litre.
    The correct figure is 1.68 euros a litre.")."""
    inline = [(s, m) for s in sentences if s.passage.published_date is not None and (m := CORRECTED_INLINE.search(s.text))]
    if inline:  # "… to 900,000 crowns, not 1.9 million crowns as we reported": the line answers
        sentences = _corrected_by(sentences, [(s.passage.published_date, _figures(m.group("wrong"))) for s, m in inline],
                                  {id(s) for s, _ in inline})
    notices = [s for s in sentences if s.passage.published_date is not None and RETRACTED.search(s.text)]
    if not notices:
        return sentences
    named = {s.passage.chunk.article_id: s.score for s in notices}
    sentences = [replace(s, score=named[s.passage.chunk.article_id])
                 if s.eligible and s not in notices and s.score < named.get(s.passage.chunk.article_id, s.score)
                 and _figures(s.text) and not is_boilerplate(s.text) else s for s in sentences]
    # A notice none of whose lines may answer (it does not name the place asked about) leaves the
    # corrected report to answer: else nothing would give the figure at all.
    answering = {s.passage.chunk.article_id for s in sentences
                 if s.passage.chunk.article_id in named and s.eligible and _figures(s.text)}
    corrections = [(s.passage.published_date, _figures(s.text[RETRACTED.search(s.text).end():])) for s in notices
                   if s.passage.chunk.article_id in answering]
    return _corrected_by(sentences, corrections)


def _corrected_by(sentences: list[_Sentence], corrections: list[tuple[dt.date, frozenset[str]]],
                  correcting: frozenset[int] | set[int] = frozenset()) -> list[_Sentence]:
    """`sentences`, each line of a report published up to REVISION_DAYS before a correction giving
    a figure it says was wrong made context only; not the correcting lines themselves (`correcting`,
    by id), which retell the wrong figure beside the right one."""
    def corrected(s: _Sentence) -> bool:
        day = s.passage.published_date
        return day is not None and id(s) not in correcting and any(
            wrong & _figures(s.text) and 0 <= (noticed - day).days <= REVISION_DAYS for noticed, wrong in corrections)
    return [replace(s, eligible=False, violation="gives a figure a correction says was wrong")
            if s.eligible and corrected(s) else s for s in sentences]


def _gives_newer_figure(text: str, given: frozenset[str]) -> bool:
    """A newer report's line tells the figure as of its own day: it reaches one no earlier report
    gave ("up from 2.50 crowns to 2.80 crowns" after reports of 2.50), or says one they gave still
    holds (`HELD`: "the single fare remains 2.50 crowns", "1,100 posts, unchanged"); not a line
    that only retells an earlier count."""
    figures = _figures(text)
    reached = {figure for _, figure, moved_from in _figures_at(text) if not moved_from}
    return bool(figures) and (not reached & given or HELD.search(text) is not None and bool(figures & given))


def _since_before(line: _Sentence, day: dt.date) -> dt.date | None:
    """When the state `line` tells began, where `line`, of a report after `day`, tells it since
    before `day` up to the report ("since February", "since July 1"); else None."""
    published = line.passage.published_date
    if published is None or published <= day:
        return None
    return next((t.start for (start, _), t in find_times(line.text, published, "evidence")
                 if t.start <= day <= (t.end if t.granularity == "span" else published)
                 and (t.granularity == "span" or SINCE.search(line.text, 0, start) is not None)), None)


def _in_post_through(line: _Sentence, constraints: QuestionConstraints) -> bool:
    """Asked who held a post at a past time (`held_at`): `line`, of a later report, says who has held
    it since before then ("Ann Roe has led the agency as acting director-general since July 1",
    asked of August), however far it is worded from the question."""
    day = constraints.held_at
    return (day is not None and line.typed and ASKS_POST.search(line.text) is not None
            and _since_before(line, day) is not None)


def _held_since(line: _Sentence, day: dt.date) -> dt.date | None:
    """When the figure `line` gives began to hold, where `line`, of a report after `day`, says it had
    held since before `day` ("had been held at 3.5 percent since February"): it gives the level on
    `day`. Else None."""
    return _since_before(line, day) if HELD.search(line.text) is not None else None


def _reported_by(sentences: list[_Sentence], day: dt.date) -> list[_Sentence]:
    """`sentences` of the reports published by `day`, corrections applied (`_not_corrected`)."""
    return [s for s in _not_corrected(sentences) if s.passage.published_date and s.passage.published_date <= day]


def _opens_with(text: str, names: set[str]) -> bool:
    """`text` opens with one of `names` (or its last word: "Lee" for "Ann Lee")."""
    first = re.match(r"\W*([\w’'-]+)", text)
    return first is not None and any(first.group(1) == n.split()[-1] or first.group(1) == n for n in names)


def _of_the_asked_post(line: _Sentence, query: Query) -> bool:
    """`line`'s passage names the asked post and every name the question gives ("Ostberg" for "Who
    was mayor of Ostberg in 2022?"): a report of another body's or another post's change does not
    answer for it."""
    names = query.constraints.names if query.constraints is not None else ()
    text = f"{line.passage.chunk.title}\n{line.passage.chunk.text}"
    return names_the_post(text, query.text) and all(mentions(n, text) for n in names)


_NAME_RUN = r"(?-i:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)"
_RELATIVE_ASIDE = re.compile(r",\s*(?:who|which)\b[^,;]*,")
# Words quoted: what someone said of the past ("the communities I was appointed to serve"), no report of a change.
_QUOTED = re.compile(r"[“\"][^”\"]{3,}[”\"]")


def _starts_after(line: _Sentence, day: dt.date) -> bool:
    """`line` names a day after `day` that its report looks ahead to ("will serve as acting chief
    from April 1", asked on March 10)."""
    published = line.passage.published_date
    return published is not None and any(r.granularity == "day" and r.start > max(day, published)
                                         for _, r in find_times(line.text, published, "evidence"))


def _taken_over(lead: _Sentence, sentences: list[_Sentence], question: str) -> _Sentence:
    """"Who runs X now?" led by a report that its head leaves ("the chief executive is stepping
    down"): the report's later sentence naming who takes over ("… will serve as interim chief
    executive"), when it gives one. Asked who holds a post (`ASKS_POST`) and led by a line that names
    someone without it ("Lee won her first game in charge"): the report's sentence saying that
    person took it ("Lee, who was named interim coach, …", `TOOK_POST`), when it gives one."""
    # (Not "X, who has run it on an interim basis, will return to her role": that aside is no change.)
    if TAKES_OVER.search(_RELATIVE_ASIDE.sub(",", lead.text)):
        return lead
    article = lead.passage.chunk.article_id
    same = [s for s in sorted(sentences, key=lambda s: s.start) if s.eligible and s is not lead
            and s.passage.chunk.article_id == article and TAKES_OVER.search(_QUOTED.sub(" ", s.text))]
    if LEAVES_POST.search(lead.text):
        # Not the one who leaves, taking a post elsewhere ("Lee has left the club to coach the national
        # team. … Lee replaces Ann Roe, …"): who takes the post left.
        opening = re.match(rf"\W*({_NAME_RUN})", lead.text)  # who leaves: the name the lead opens with
        leaving = {opening.group(1)} if opening else set()
        others = [s for s in same if not _opens_with(s.text, leaving)]
        # After the departure, or else before it ("X will take over on 1 June. … The interim chief
        # will return to her role as finance chief.").
        found = next((s for s in others if s.start > lead.start), None) or next(
            (s for s in reversed(others) if s.start < lead.start), None)
    elif ASKS_POST.search(question):
        named = _names(lead.text) - _names(question)
        found = next((s for s in same if any(TOOK_POST.search(s.text[m.end():])
                                             for n in named for m in re.finditer(rf"\b{re.escape(n)}\b", s.text, re.I))),
                     None)
    else:
        found = None
    return lead if found is None else replace(found, score=lead.score)


_FIGURE_NOUN = re.compile(r"\b(?:rates?|prices?|levels?|index|estimates?|costs?)\b", re.I)


def _asks_a_figure(query: Query) -> bool:
    """The question asks for a figure: by its answer type, or by naming one ("the latest inflation
    figure", "the unemployment rate"), or by asking what a measure was ("What was the miner's net
    profit for 2023?"); "Who will look after them?" after "she died" asks none."""
    return bool(query.answer_type is not None and query.answer_type.name in FIGURE_ANSWERS
                or ASKS_FIGURE.search(query.text) or _FIGURE_NOUN.search(query.text)
                or _ASKS_WHAT_IT_WAS.search(query.text[preamble_split(query.text):])
                and asked_family(query.text) is not None)


# "What was …", "What is …": with a measure named (`asked_family`), its figure is asked.
_ASKS_WHAT_IT_WAS = re.compile(r"^\s*(?:what|how\s+much)\s+(?:is|was|were|are|will\s+be|has\s+been|had\s+been)\b", re.I)


# A question asking how much something changed, not what it is now.
ASKS_CHANGE = re.compile(r"\b(?:by how much|how much (?:did|has|have|will|does|is)\b[^?]*\b(?:ris\w*|rose|fall\w*|fell|"
                         r"increas\w*|go(?:ne)? up|drop\w*|climb\w*)|percent|per cent|%|chang\w*|increase|rise)\b", re.I)


def _only_a_move(text: str) -> bool:
    """`text` gives no figure but a move in percent ("bills will rise by 9.4% from April")."""
    return PERCENT_MOVE.search(text) is not None and not _figures(PERCENT_MOVE.pattern.sub(" ", text))


def _listed_among_others(text: str, names: Sequence[str]) -> bool:
    """`text` names one of `names` only in a list of three or more names ("Adela, Brannock and
    Cressida"): what it says of them is said of the group."""
    for name in names:
        last = re.escape(name.split()[-1])
        cap = r"(?-i:[A-Z])[\w’'-]*"
        if re.search(rf"\b{cap},\s+(?:{cap},\s+)*{cap},?\s+and\s+{last}\b|\b{last},\s+(?:{cap},\s+)*{cap},?\s+and\s+{cap}",
                     text):
            return True
    return False


def _adjacent_start(s: _Sentence, step: int) -> tuple[str, int] | None:
    """(article, start) of the sentence `step` (-1 or 1) from `s` in its passage, None at its edge."""
    starts = sorted(start for start, _ in s.passage.chunk.sentences)
    at = starts.index(s.start) + step if s.start in starts else -1
    return (s.passage.chunk.article_id, starts[at]) if 0 <= at < len(starts) else None


def _with_name_whole(chosen: list[_Sentence], sentences: list[_Sentence]) -> list[_Sentence]:
    """`chosen`, led by a line naming a holder by last name alone ("Vogt, 55, will take over on 1
    June"), after the earlier line of its report that names them whole."""
    whole = _named_whole(chosen[0], sentences)
    return [whole, *chosen] if whole is not None and whole not in chosen else chosen


def _named_whole(line: _Sentence, sentences: list[_Sentence]) -> _Sentence | None:
    """The earlier sentence of `line`'s report (among `sentences`) that names in full someone `line`
    names by last name alone ("… by hiring Anselm Vogt" for "Vogt, 55, will take over"; "Earlier
    this month Marsh became chief executive"), or None."""
    article = line.passage.chunk.article_id
    earlier = [s for s in sorted(sentences, key=lambda s: s.start)
               if s.passage.chunk.article_id == article and s.start < line.start and not is_boilerplate(s.text)]
    # The person the line opens with, by a capitalised word standing alone among its first words
    # ("Vogt, 55, will take over …", "Earlier this month Marsh became …"; not "University of …").
    alone = r"(?<![\w’'-])(?-i:([A-Z][a-z][\w’'-]*))\b(?![\w’'-]*\s+(?-i:[A-Z]))"
    for m in re.finditer(alone, line.text[:_OPENING]):
        word = re.sub(r"[’']s$", "", m.group(1))
        before = line.text[:m.start()].split()
        if _SPEAKS.match(line.text, m.end()):
            return None  # "Lind said Councillor Ann Roe would serve as his deputy": who speaks, not who holds it
        whole = re.compile(rf"(?-i:[A-Z][\w’'-]+)\s+{re.escape(word)}\b")  # the name in full
        if word.lower() in _NOT_A_SURNAME or before and before[-1][:1].isupper() or whole.search(line.text):
            continue
        return next((s for s in earlier if whole.search(s.text)), None)
    return None


# Capitalised words that name no one: question and function words, months and weekdays (lower case).
_MONTHS_AND_DAYS = frozenset(m.lower() for m in (*cues.MONTH_NAMES, *cues.WEEKDAY_NAMES))
_NOT_A_NAME = cues.NOT_NAMES | _MONTHS_AND_DAYS

_OPENING = 30  # characters: where a line names whom it is about
_SPEAKS = re.compile(r"\s+(?:said|says|told|added|announced|confirmed|stated)\b")
_NOT_A_SURNAME = (frozenset("the a an he she it they we his her its their this that these those in on at by for "
                            "earlier later meanwhile however".split())
                  | _MONTHS_AND_DAYS)


def _previous_sentence(s: _Sentence, sentences: list[_Sentence]) -> _Sentence | None:
    """The sentence before `s` in its passage, when it is among `sentences` and no page furniture."""
    before = _adjacent_start(s, -1)
    return next((x for x in sentences if (x.passage.chunk.article_id, x.start) == before
                 and not is_boilerplate(x.text)), None) if before else None


# A departure a question takes for granted: "Who is running the firm since Lee quit?"
_DEPARTED = re.compile(r"\b(?:since|after|now that|following)\b[^?]*\b(?:quit|left|resigned|retired|stepped down|"
                       r"was (?:sacked|fired|ousted|dismissed)|departed|died)\b", re.I)


_PRONOUN_SUBJECT = re.compile(r"\W*(?:he|she)\s", re.IGNORECASE)


def _deeds_over_aims(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """Asked who did a thing ("Who won the women's race in 2024?", `asks_past_deed`): a line telling
    it only as an aim or a forecast ("Roe is bidding to become the first woman to win three in a
    row") is context only where another line tells the deed in the question's word ("Lee won the
    women's race"). Where none does, it stays: a 2024 preview's "bidding for a third title in a
    row" says who won in 2023, and a preview's line may be all that tells who played ("X will close
    the festival")."""
    word = asks_past_deed(query.text)
    if not word:
        return sentences
    deed = asked_act(query.text)
    aims = [s.eligible and told_only_as_aim(s.text, deed) for s in sentences]
    if not any(aims):
        return sentences
    done = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)  # "won", not "the win"
    if not any(s.eligible and not aim and done.search(s.text) for s, aim in zip(sentences, aims)):
        return sentences
    return [replace(s, eligible=False, violation="tells an aim or a forecast, not the deed asked")
            if aim else s for s, aim in zip(sentences, aims)]


def _of_the_predecessor(sentences: list[_Sentence], question: str) -> list[_Sentence]:
    """Asked whom a named holder took over from ("Who was mayor before Ann Roe?", `ASKS_PREDECESSOR`):
    where a sentence says so ("Roe succeeds Ann Lee, …"), the others are context only: the report of
    who later beat Roe is closer in words and the wrong way round."""
    holder = predecessor_of(question)
    if not holder:
        return sentences

    def tells(s: _Sentence) -> bool:
        if tells_predecessor(s.text, holder):
            return True
        # "Ann Roe has left the club to coach the national team. She replaces Ida Lee, …"
        before = _PRONOUN_SUBJECT.match(s.text) and _previous_sentence(s, sentences)
        return bool(before) and tells_predecessor(f"{before.text.split()[0]} {s.text}", holder) and bool(
            re.search(rf"\b{re.escape(holder.split()[-1])}\b", before.text))
    told = [s.eligible and tells(s) for s in sentences]
    if not any(told):
        return sentences
    return [replace(s, eligible=False, violation="does not say whom the asked holder took over from")
            if s.eligible and not t else s for s, t in zip(sentences, told)]


def _holders_told_now(sentences: list[_Sentence], query: Query) -> bool:
    """"Who is currently leading X?" where reports of X tell changes of its head (`_of_the_holders`,
    a report naming every asked name, where it names one): the newest change names who leads it now,
    however little its wording ("Y will serve as acting director-general from April 1") reads like an
    answer. So does, asked who holds a title (`ASKS_TITLEHOLDER`), the newest report of that title
    won (`WINS_TITLE`, naming a word of the title: "chess")."""
    constraints = query.constraints
    if constraints is None or not constraints.latest or not ASKS_WHO.search(query.text):
        return False
    if asked := ASKS_TITLEHOLDER.search(query.text):  # "Who is the reigning chess champion?": that title's newest win
        title = set(lexical.terms(asked.group(0))) - _TITLE_WORDS
        return bool(title) and any(s.eligible and WINS_TITLE.search(s.text) and title & set(lexical.terms(s.text))
                                   for s in sentences)
    held = _of_the_holders(sentences, query)
    return bool(constraints.names) and held is not sentences and any(
        s.eligible and all(mentions(n, f"{s.passage.chunk.title}\n{s.passage.chunk.text}") for n in constraints.names)
        for s in held)


# The words of a title question that do not say which title ("Who is the reigning champion?").
_TITLE_WORDS = frozenset(lexical.terms("who is are was were the reigning defending current currently now still "
                                       "champion champions title titleholder holder holders of"))


def _successor_named(question: str, sentences: list[_Sentence]) -> _Sentence | None:
    """"Who took over after X retired?" (or replaced, succeeded X), when the best sentence is the
    report of the departure ("X announced he would retire as chief executive"): that report's
    eligible sentence naming who takes over ("He will be succeeded by …"), None when it names none.
    Such a sentence shares few words with the question, yet it is what the question asks."""
    if not sentences or not (ASKS_WHO.search(question) and (TAKES_OVER.search(question) or ASKS_POST.search(question)
                                                            and _DEPARTED.search(question))):
        return None
    lead = sentences[0]
    if not LEAVES_POST.search(lead.text):
        return None
    article = lead.passage.chunk.article_id
    return next((s for s in sentences if s.eligible and s.passage.chunk.article_id == article
                 and TAKES_OVER.search(s.text) and _names(s.text) - _names(question)), None)


def _with_successors(steps: list[_Sentence], sentences: list[_Sentence]) -> list[_Sentence]:
    """A timeline of a post's holders (`steps`), each step that says someone left it (`LEAVES_POST`:
    "The mayor resigned on Thursday") followed by its report's next sentence saying who takes it over
    ("Deputy mayor Ann Roe becomes acting mayor"), when it gives one: one step, told with its successor."""
    out = []
    for step in steps:
        out.append(step)
        if LEAVES_POST.search(step.text) and not TAKES_OVER.search(step.text):
            successor = _taken_over(step, sentences, "")
            if successor is not step and successor not in steps:
                out.append(successor)
    return out


def _telling_headline(query: Query, shown: Sequence[_Sentence]) -> str:
    """ "“<headline>” (<outlet, day>)": the lead line's article headline, where it names someone or
    something that neither the question nor the quoted lines name, and tells what the question asks.

    News writes its lines about whom the headline names by description ("the three-time champion",
    "both candidates", "the shipbuilder"): asked who or which, the line alone does not say it, its
    headline does ("Ostby Marine wins bridge contract"). Shown as the line's label, as a dated line's
    outlet and day are (`rag.citations.DATED_LINE`): the article's metadata, not a claim. "" where
    the headline adds no name; shares fewer than two of the question's own words besides its names
    (a headline of another act names another role: "Roe quits as chief" asked who will run the
    firm, "Zell bid rejected as county picks rival" asked who won); lists a digest's stories; gives
    a year or figure the passage does not; reads as page furniture; or the article is undated."""
    if not shown or not _ASKS_WHO_OR_WHICH.search(query.text):
        return ""
    lead = shown[0].passage
    where = source_line(lead)
    if lead.published_date is None or not where:
        return ""
    headline, cut = _headline(lead.chunk.title, lead.source)
    if not headline or is_boilerplate(headline) or addressed_to_model(headline) or _DIGEST.search(headline):
        return ""
    words = re.findall(r"[\w’'-]+", headline)
    capitalised = [w for w in words[1:] if w[:1].isupper()]
    if len(capitalised) > 0.6 * (len(words) - 1):
        return ""  # Title Case: which words are names is not written
    said = f"{query.text} " + " ".join(s.text for s in shown)
    said_words = {w.lower() for w in re.findall(r"[\w’'-]+", said)}
    new = {w.lower() for w in capitalised} - said_words - _NOT_A_NAME
    if not new or len(_predicate_terms(query.text) & set(lexical.terms(headline))) < _HEADLINE_ON_SUBJECT:
        return ""
    if set(re.findall(r"\d+", headline)) - set(re.findall(r"\d+", f"{said} {lead.chunk.text}")):
        return ""  # another year ("2019 design prize"), or a figure the shown passage does not give
    return f"“{headline}{' …' if cut else ''}” ({where})"


_HEADLINE_ON_SUBJECT = 2  # the question's own words (not its names) a headline must share
# The answer types a headline's name may give: who, what name; not a figure, a time or a cause.
_NAMED_KINDS = frozenset({"agent", "name"})
_ASKS_WHO_OR_WHICH = re.compile(r"\b(?:who|whom|whose|which|what)\b", re.I)
# A digest's headline lists its stories: "Morning briefing: Floods, strikes, the cup final", "What you
# need to know today: the port deal and the fares rise".
_DIGEST = re.compile(r"(?:[^,]*,){3}|:[^:,]*,[^,]*,|\b(?:things|what) (?:you )?(?:need )?to know\b|\bbriefing\b|"
                     r"^\W*live\b|\blive (?:updates|blog|coverage)\b|\bround-?up\b|\bas it happened\b", re.I)


def _headline(title: str, outlet: str = "") -> tuple[str, bool]:
    """An article title as a headline, and whether it was cut off ("…"): without its outlet's
    name after a dash or bar (" - Daily Record" by dailyrecord.example, or a cut-off " | The …"),
    nor the cut-off mark; inner double quotes as single ones. A dash before other words is the
    headline's own ("… picked by the board – Zell Lines beats Vorn")."""
    title = re.sub(r"\s+", " ", title).strip()
    cut = bool(re.search(r"(?:\.\.\.|…)\s*$", title))
    title = re.sub(r"\s*(?:\.\.\.|…)\s*$", "", title)
    suffix = re.search(r"\s+[|–—-]\s+([^|–—-]{2,40})$", title)
    if suffix and len(title[:suffix.start()].split()) >= 4:
        name = re.sub(r"[^a-z0-9]", "", suffix.group(1).lower())
        site = re.sub(r"[^a-z0-9]", "", re.sub(r"^(?:https?://)?(?:www\.)?", "", outlet.lower()).split(".")[0])
        if (name and site and (name in site or site in name)) or (cut and len(suffix.group(1).split()) <= 2):
            title = title[:suffix.start()]
    return title.replace("“", "‘").replace("”", "’").replace('"', "'").strip(), cut


def _names(text: str) -> set[str]:
    """The capitalised words of `text` (its dateline left out), lower case: who or what it names."""
    return {w.lower() for w in re.findall(r"[\w’'-]+", strip_dateline(text)) if w[:1].isupper()} - _NOT_A_NAME



def _reported(sentences: list[_Sentence], query: Query, *, latest_figure: bool = False) -> list[_Sentence]:
    """"What was the list at the end of June?", "What is the latest inflation figure?", "How many
    visitors attended the 39th festival?": a sentence whose every figure is forecast ("expects
    the list to fall below 40,000 by the end of the summer") does not say what it was then; nor is
    it a step of a figure's course ("could reach 20,000 hectares if the winds return"). It does say
    what was announced or expected (`ASKS_STATEMENT`: "What did the carmaker announce in March?"), or
    estimated (`ASKS_ESTIMATE`: "What is the latest cost estimate?" of "now expects it to cost …")."""
    constraints = query.constraints
    edition = constraints is not None and any(n.ordinal for n in constraints.numbers)  # "the 39th festival"
    if (constraints is None or not (constraints.times or constraints.timeline or latest_figure or edition)
            or constraints.future or ASKS_STATEMENT.search(query.text) or ASKS_ESTIMATE.search(query.text)):
        return sentences
    return [replace(s, eligible=False, violation="forecasts the figure; it does not report it")
            if s.eligible and FORECAST_FIGURE.search(s.text)
            and not _figures(FORECAST_FIGURE.pattern.sub(" ", s.text)) - _ordinals(s.text)
            and not SCHEDULED_FIGURE.search(s.text)
            else s for s in sentences]


def _ordinals(text: str) -> frozenset[str]:
    """The numbers of a sentence's ordinals ("the 39th festival": 39): an edition, not a figure it gives."""
    return frozenset(m.group("n") for m in cues.NUMBER_PATTERNS["digit_ordinal"].finditer(text))


_PERSON_SUBJECT = re.compile(r"(?:He|She|They)\b")
# The words that ask for the latest, no part of what is asked ("the latest cost estimate": "cost", "estim").
_LATEST_TERMS = frozenset(lexical.terms("latest newest most recent current currently now today"))
# A line that tells a record: what a record asked as it stands is answered by (`LATEST_CUES["record"]`).
_TELLS_RECORD = re.compile(r"\brecords?\b", re.IGNORECASE)


def _fresh_figure(line: _Sentence, of_report: list[_Sentence], sentences: list[_Sentence]) -> _Sentence:
    """The newest report's `line` for a figure asked now, or, when it only retells figures earlier
    reports gave ("The ministry had reported 38 deaths on July 21"), the report's close line (in
    `of_report`) that gives a figure none gave ("… caused an estimated 112 excess deaths"): its news,
    told by its lead where the lead is one of them."""
    day = line.passage.published_date
    earlier = frozenset().union(*(_figures(s.text) for s in sentences
                                  if s.passage.published_date and s.passage.published_date < day))
    given = _figures_not_named(line.text)
    if not given or not given <= earlier:
        return line
    # Of the figures' own scale where they have one: "raised that estimate to 1.9 billion" for "a
    # cost of 1.4 billion", not "Lee, 57, had stepped down".
    scale = {_scale(f) for f in given} - {""}
    fresh = [s for s in of_report if (figures := _figures_not_named(s.text)) and not figures <= earlier
             and (not scale or scale & {_scale(f) for f in figures})]
    return max(fresh, key=lambda s: (_may_lead(s), s.score)) if fresh else line  # its lead first


def _scale(figure: str) -> str:
    """The word or sign a `_figures` figure is scaled by ("billion" of "1.4 billion", "%" of "5%")."""
    return "%" if figure.endswith("%") else figure.rpartition(" ")[2] if " " in figure else ""


def _figures_not_named(text: str) -> frozenset[str]:
    """`_figures` of `text` but a name's number ("Berth 9", "Model 3"): the thing a figure is of is no
    figure a report gives."""
    named = {re.sub(r"\D", "", found.split()[-1]) for _, found in named_numbers(text)}
    return frozenset(f for f in _figures(text) if f not in named)


def _giving_figures(sentences: list[_Sentence], names: Sequence[str] = ()) -> list[_Sentence]:
    """Asked a figure now ("What's the latest cost estimate for Quay 7?"): a line giving none ("Quay 7
    will not earn a single crown until next year": the asked name's number is no figure) is context
    only, where some line gives one."""
    named = [re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) for n in names if any(c.isdigit() for c in n)]

    def gives(text: str) -> bool:
        for name in named:
            text = name.sub(" ", text)
        return bool(_figures(text))
    if not any(s.eligible and gives(s.text) for s in sentences):
        return sentences
    return [replace(s, eligible=False, violation="gives no figure") if s.eligible and not gives(s.text) else s
            for s in sentences]


def _not_the_first(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """"Who is the most recent winner?": a retrospective's line about the first winner or the
    founding (`FIRST_INSTANCE`) is context only, unless the question asks for the first. Asked for a
    figure, a line giving one beside its founding (`FOUNDED`: "The festival, founded in 1987, drew a
    record 40,000 visitors this year") still answers."""
    if FIRST_ASKED.search(query.text):
        return sentences
    figure = (query.answer_type is not None and query.answer_type.name in FIGURE_ANSWERS | {"course"}
              or ASKS_FIGURE.search(query.text) is not None)

    def first(text: str) -> bool:
        found = list(FIRST_INSTANCE.pattern.finditer(text))
        return bool(found) and not (figure and all(FOUNDED.search(m.group(0)) for m in found)
                                    and _figures(FIRST_INSTANCE.pattern.sub(" ", text)))

    return [replace(s, eligible=False, violation="tells the first holder or the founding, not the latest")
            if s.eligible and first(s.text) else s for s in sentences]


def _of_the_asked_family(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """A measure asked now or over time that reports give beside others (`asked_family`: "How has
    the quarterly revenue changed?" in reports led by the net profit): a line naming another of
    them and not the asked one ("reported a 9 percent rise in net profit to 181 million") is context
    only; where some reports name the asked measure, a report that does not tells no step of it. A
    report keeps its place among the others (its best line's score) by its best line of the asked
    measure, however far that is worded from the question ("Nine people have died of the disease")."""
    family = asked_family(query.text)
    if family is None:
        return sentences
    # A correction notice names the measure in its retelling of the wrong figure (furniture).
    naming = {s.passage.chunk.article_id for s in sentences
              if (s.eligible or RETRACTED.search(s.text)) and family.search(s.text)}
    # A report that gives the asked measure's figure gives it in a line naming it: its other
    # figures, in lines naming nothing else the question asks of ("kept the full-year forecast"
    # for "the revenue forecast"), are of other things ("rents rose 7 percent" beside "inflation
    # was 5.1 percent").
    if not naming:
        # No report names the measure asked ("the unemployment rate" where they give growth and the
        # key rate, "turnout" where they give the seats won): no line of theirs gives its figure.
        return [replace(s, eligible=False, violation="no report names the asked measure")
                if s.eligible else s for s in sentences]
    figured = {s.passage.chunk.article_id for s in sentences
               if s.eligible and family.search(s.text) and _figures(s.text)}
    besides = _asked_besides(query.text, family)
    top = _best_by_article((s for s in sentences if s.eligible), floor=0.0)
    # The measure's head noun as the question words it ("rate" of "policy rate"): "The rate had been
    # held at 3.5 percent", in a report naming the policy rate, gives it.
    asked = family.search(query.text)
    head = re.compile(rf"\b(?:the|its|that|this)\s+{re.escape(asked.group(0).split()[-1])}\b", re.IGNORECASE) \
        if asked else None
    out, placed = [], set()
    for s in sentences:
        article = s.passage.chunk.article_id
        if s.eligible and (of_another_measure(family, s.text) or article in figured and not family.search(s.text)
                           and _figures(s.text) and not besides & set(lexical.terms(s.text))
                           and not (head is not None and head.search(s.text))):
            s = replace(s, eligible=False, violation="gives another measure's figure, not the asked one's")
        elif s.eligible and naming and article not in naming:
            s = replace(s, eligible=False, violation="its report does not name the asked measure")
        elif s.eligible and family.search(s.text) and article not in placed:
            placed.add(article)
            s = replace(s, score=max(s.score, top[article]))
        out.append(s)
    return sorted(out, key=lambda s: -s.score)


def _best_by_article(sentences: Iterable[_Sentence], floor: float = -1.0) -> dict[str, float]:
    """Each article's best score among `sentences`, at least `floor`: the place its report keeps
    among the others."""
    best: dict[str, float] = {}
    for s in sentences:
        article = s.passage.chunk.article_id
        best[article] = max(best.get(article, floor), s.score)
    return best


def _asked_besides(question: str, family: Cue) -> set[str]:
    """The terms `question` asks of besides its measure (`family`), whom it names and how and when
    it asks: "forecast" in "How did the firm's full-year revenue forecast change during the year?"."""
    names = {t for w in re.findall(r"[\w’'-]+", question)[1:] if w[:1].isupper() for t in lexical.terms(w)}
    measure = {t for m in family.pattern.finditer(question) for t in lexical.terms(m.group(0))}
    return {t for t in lexical.terms(question) if t not in names | measure | _time_terms(question)
            and not (ASKING_STATE.search(t) or ASKING_TIME.search(t) or ASKING_VERB.search(t))}


def _time_terms(question: str) -> set[str]:
    """The terms of the times `question` names ("October" in "since the start of October")."""
    # Where the times are is all that is read: any day resolves them.
    return {t for (start, end), _ in find_times(question, dt.date.today(), "question")
            for t in lexical.terms(question[start:end])}


def _of_the_holders(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """Asked who holds a post now or how its holders changed (`ASKS_POST`): where reports say that
    someone left it or took it (`LEAVES_POST`, `TAKES_OVER`, `WINS_POST`), a line that says neither
    (a match report: "The club drew 1-1 on Saturday"; "The port director said …") tells no
    change of its holders and is context only: the newest change names who holds it now. A change
    of another kind of post (`names_another_post`: the captain's, asked about the manager) is none.
    A line naming someone by the post as their title (`names_holder`: "Finance Minister Ann Roe
    said …") tells who held it on its report's day, as a change does."""
    if not ASKS_POST.search(query.text):
        return sentences
    kind = asked_post_kind(query.text)
    names = query.constraints.names if query.constraints is not None else ()

    @lru_cache(maxsize=None)  # a passage is read once, however many of its lines are
    def another_post(text: str) -> bool:
        return names_another_post(text, kind, query.text)

    @lru_cache(maxsize=None)
    def in_the_field(text: str) -> bool:
        return names_the_field(text, query.text)

    @lru_cache(maxsize=None)
    def the_post(text: str) -> bool:
        return names_the_post(text, query.text)

    def change(s: _Sentence) -> bool:  # of the asked post: not the captain's for the manager's
        # A line that names no post is of its passage's ("Lee replaces Ann Roe" in a report of a
        # national coach's appointment tells no minister's change), and its passage must name the
        # asked post (a footballer's "I was mad to leave the city" tells no mayor's change). Words
        # quoted tell what someone said, not a change.
        passage = f"{s.passage.chunk.title}\n{s.passage.chunk.text}"
        told = _QUOTED.sub(" ", s.text)
        return bool(LEAVES_POST.search(told) or TAKES_OVER.search(told) or WINS_POST.search(told)) and not (
            another_post(s.text) or not names_a_post(s.text) and (another_post(passage) or not the_post(passage))
        ) and in_the_field(passage) or names_holder(s.text, query.text, names)
    changes = [s.eligible and change(s) for s in sentences]  # each eligible line read once
    if not any(changes):
        return sentences
    return [replace(s, eligible=False, violation="tells nothing of the post's holders")
            if s.eligible and not changed else s for s, changed in zip(sentences, changes)]


def _whole_figures(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """A figure asked of a place now or over time ("the average price of gas in the US") is the
    whole's: a sentence giving a part's ("every state averaging at least $4", "California, where the
    average is $5.37") is context only, unless the question asks of a part or names the one whose
    figure the sentence gives."""
    kind = query.answer_type
    if kind is None or kind.name not in FIGURE_ANSWERS | {"course"} or PART_WORD.search(query.text):
        return sentences
    names = query.constraints.names if query.constraints is not None else ()

    def of_a_part(text: str) -> bool:
        # A figure given before the part is named is the whole's ("fell to 5.1 percent, with regions
        # with the highest unemployment in the south").
        part = PART_FIGURE.search(text)
        return (part is not None and not any(mentions(n, part.group("part")) for n in names)
                and not holds_answer(kind, text[:part.start("part")], query.text))
    # A question that names a country or place and asks no world figure: a world figure that does
    # not name the place is another whole's.
    places = [] if WORLD_FIGURE.search(query.text) else _places(query.text)

    def of_another_whole(text: str) -> bool:
        return bool(places) and WORLD_FIGURE.search(text) is not None and not any(
            re.search(rf"\b{re.escape(p)}\b", text.replace(".", "")) for p in places)
    return [replace(s, eligible=False, violation="gives a part's figure, not the whole's") if s.eligible and of_a_part(s.text)
            else replace(s, eligible=False, violation="gives the world's figure, not the asked place's")
            if s.eligible and of_another_whole(s.text) else s for s in sentences]


def _places(question: str) -> list[str]:
    """The capitalised words a question names after its first word ("US" in "How many cases are
    there in the US now?"), dots dropped ("U.S." → "US")."""
    words = re.findall(r"[\w’'.-]+", question)[1:]
    return [re.sub(r"[’']s?$", "", w.replace(".", "")) for w in words if w[:1].isupper()]


def _of_the_measure(sentences: list[_Sentence], query: Query) -> list[_Sentence]:
    """A figure asked now or over time: a sentence giving no figure of what the question measures
    (`asked_measure`: "How have gas prices changed?" a sum of money, "How many cases …?" a count of
    cases) is context only ("Gas prices are up about 25%", "there may be thousands of cases"). The
    same list when the question measures nothing."""
    kind = query.answer_type.name if query.answer_type is not None else ""
    course = kind == "course" or cues.FIGURE_STEPS.search(query.text) is not None
    if not (course or kind == "quantity"):
        return sentences  # a share or a sum of money asked for now: its answer type holds it already
    measure = asked_measure(query.text)
    if measure is None or not course and measure[0] != "count":
        return sentences
    gives = {id(s) for s in sentences if s.eligible and gives_measure(measure, s.text, query.text)}
    # Over time, a report giving no figure of the measure may tell its step as a move in percent
    # ("Petrol prices jumped 6% in March").
    measured = {s.passage.chunk.article_id for s in sentences if id(s) in gives}
    return [s if not s.eligible or id(s) in gives
            or course and s.passage.chunk.article_id not in measured and PERCENT_MOVE.search(s.text)
            else replace(s, eligible=False, violation=f"gives no {measure[1] or measure[0]} figure")
            for s in sentences]


# A figure's course told by reports weeks apart is not begun by reports long before them (the 1937
# flood's rainfall in a course of this week's flood toll): reports before a gap of more than
# STRAY_DAYS, and STRAY_GAPS times the usual gap after it (and before it, where older reports have
# gaps of their own), are of another instance of the story.
STRAY_DAYS = 180
STRAY_GAPS = 4


def _over_a_span(query: Query) -> bool:
    """The question asks over years ("over the years", "since 2019", "in the 2010s")."""
    return OVER_THE_YEARS.search(query.text) is not None or query.constraints is not None and any(
        t.granularity in ("span", "decade") for t in query.constraints.times)


def _of_the_story(found: list[_Sentence]) -> list[_Sentence]:
    """`found` (dated reports' lines) without the older ones that stand far apart from the rest."""
    dated = sorted(found, key=lambda s: s.passage.published_date)
    gaps = [(b.passage.published_date - a.passage.published_date).days for a, b in zip(dated, dated[1:])]
    for i in range(len(gaps) - 2, -1, -1):  # the newest such gap, with two reports after it at least
        later, earlier = sorted(gaps[i + 1:]), sorted(gaps[:i])
        # Reports told at the same pace before it are the story's own course (a cap reset every six
        # months, then a year's pause), not a stray.
        if gaps[i] > max(STRAY_DAYS, STRAY_GAPS * later[len(later) // 2]) and (
                not earlier or gaps[i] > STRAY_GAPS * earlier[len(earlier) // 2]):
            kept = {id(s) for s in dated[i + 1:]}
            return [s for s in found if id(s) in kept]
    return found


# A sentence whose own time ended this many days before its report was published tells the past
# ("It was back in March that prices first broke the record", reported in June), not the report's now;
# a month's or a quarter's figure is reported within weeks of its end.
PAST_DAYS = 60
# Only these times date a figure: a year often names an edition ("the 2023 title", "the 2011 census").
_DATED = frozenset({"day", "week", "month"})
# A time named as a reference point ("since 2008", "up from 8 in July", "the figure published in
# January") is not the sentence's own.
# So is a time that names an event ("the March 3 earthquake", "the 2021 census") or when something
# began or ended ("the war, which began in February 2024", "the fiscal year that ended in March").
_REFERENCE_TIME = re.compile(r"(?:\b(?:since|from|after|following|before|than|compared (?:with|to))\s+(?:\w+\s+){0,2}"
                             r"|\b(?:the|an?)\s+"
                             r"|\b(?:began|begun|started|ended|erupted|struck|broke out|launched)\s+(?:in\s+|on\s+)?"
                             # an earlier figure's own day ("up from the €310 million published in January"),
                             # an event's date as its label ("Storm Cressida (18 January): damage …")
                             r"|\b(?:published|announced|given|reported|issued|released|offered|estimated)\s+(?:in|on|last)\s+"
                             r"|\(\s*)$", re.I)
# A year is the sentence's own time when it closes "in …" ("climbed to a peak of 5 percent in
# 2023"), not when it names an edition ("the 2023 title").
_IN_YEAR = re.compile(r"\bin\s+$", re.I)
_REFERENCE_WORD = re.compile(r"(?:since|from)\b", re.I)  # the time's own first word: "since 2008"


def _of_their_day(sentences: list[_Sentence], as_of: dt.date | None = None) -> list[_Sentence]:
    """"What is X now?": a sentence about a time long before its report was published is context only.
    A time in a clause about someone or something else (`background_clause`: "Lee, who took over in
    2022, …", "a search that followed the resignation of its chief in March") is not the sentence's.
    Nor is it long before when the sentence says what is current ("what Ann Roe, the current energy
    minister, still calls 'the winter of 2022'"), or names a day after its report's, by the
    question's day (`as_of`), outside such a clause ("will serve as acting director-general from
    April 1, as she did after X resigned in January 2022"): it tells what holds from then on."""
    out = []
    for s in sentences:
        published = s.passage.published_date
        if s.eligible and published is not None and not _CURRENT.search(s.text):
            times = find_times(s.text, published, "evidence")
            if any(r.granularity == "day" and published < r.start <= (as_of or r.start)
                   and not background_clause(s.text[:start]) for (start, _), r in times):
                out.append(s)
                continue
            own = [(r, start) for (start, _), r in times
                   if not (_REFERENCE_TIME.search(s.text[:start]) or _REFERENCE_WORD.match(s.text[start:])
                           or background_clause(s.text[:start]))]
            dates = [r.granularity in _DATED or r.granularity == "year" and _IN_YEAR.search(s.text[:start])
                     for r, start in own]
            own = [r for r, _ in own] if all(dates) else []
            if own and all((published - r.end).days > max(PAST_DAYS, PUBLICATION_LAG_DAYS[r.granularity]) for r in own):
                s = replace(s, eligible=False, violation="tells a time long before its report")
        out.append(s)
    return out


_CURRENT = re.compile(r"\b(?:current|currently|incumbent|sitting)\b", re.IGNORECASE)


def _spelt_out(constraints: QuestionConstraints, texts: Sequence[str]) -> dict[str, str]:
    """An acronym the question uses ("UN") and its spelled-out form where the passages give it: a
    sentence naming either names it."""
    names = (*constraints.names, *constraints.background_names)
    return {n: long for n in names if n.isupper() and (long := expand_acronyms(n, texts)) != n}


def _contrary(question: str, text: str, negated: bool, directions: list) -> tuple[str, str]:
    """(kind, why) `text` contradicts `question`, ("", "") when it does not: "unnegated" when the
    question asks what did not happen and the text does not say it (`says_the_negation`);
    "opposite" when it says something went the other way (`asked_directions`) or denies what the
    question takes for granted (`denied_terms`); "another" when it speaks of another holder of the
    title the question counts (`another_titleholder`)."""
    if negated and not says_the_negation(question, text):
        return "unnegated", "asks what did not happen; the sentence does not say it"
    if goes_the_other_way(directions, text):
        return "opposite", "asks what went one way; the sentence says it went the other"
    if other_side_of_year(question, text):
        return "opposite", "asks about one side of a year; the sentence speaks of the other"
    denied = denied_terms(question, text)
    if denied:
        return "opposite", f"takes for granted what the sentence denies ({', '.join(denied)})"
    if another_titleholder(question, text):
        return "another", "asks about one count of titles; the sentence speaks of someone with another"
    return "", ""


# Terms of the asking sentence that say what kind of answer it wants, not what about: a sentence
# giving "2015" need not say "year".
_ASKING_WORDS = frozenset(lexical.terms("many much year date day month time long old far kind type sort name whose"))


def unknown_share(question: str, stats: CorpusStats | None, asked_with: frozenset[str] = frozenset()) -> float:
    """Share (idf-weighted) of the question's terms that occur nowhere in the index: a subject the
    archive never mentions. Left out, the words that say how the question asks, not what about: the
    verb of a "What did X say …?" question (`ATTRIBUTION`), "happen" (`ASKING_VERB`), and, only where
    no article has them, "status" or "changed" (`ASKING_STATE`), the words of the question's time
    ("since the start of October": `ASKING_TIME` and the times themselves, which the reports' dates
    answer; "latest", "now"), "whats" typed for "what's", and `asked_with` (`_asked_in_own_words`);
    so are the words of a follow-up's note ("following up on:"), which the user did not type."""
    if stats is None:
        return 0.0
    question = " ".join(followed_up(question))
    idf, known = stats.idf, stats.known
    dated = _time_terms(question) | {t for cue in cues.LATEST_CUES.values() for m in cue.finditer(question)
                                     for t in lexical.terms(m.group())} | {
        t for typed in _TYPED_ASKING.findall(question.lower()) for t in lexical.terms(typed)}
    terms = {t for t in lexical.terms(question)
             if not (ATTRIBUTION.search(t) or ASKING_VERB.search(t)
                     or (ASKING_STATE.search(t) or ASKING_TIME.search(t) or t in dated or t in asked_with)
                     and t not in known)} or set(lexical.terms(question))
    if not terms:
        return 1.0
    total = sum(idf.get(t, 1.0) for t in terms)
    return sum(idf.get(t, 1.0) for t in terms if t not in known) / total if total else 0.0


# Asking words typed without their apostrophe ("whats the latest …"); lexical terms keep them whole.
_TYPED_ASKING = re.compile(r"\b(?:whats|hows|whos|wheres|whens|whys|whatre|whatll)\b")
# Words asking for a figure of any measure ("the latest inflation figure"): a report gives the figure.
_FIGURE_WORDS = frozenset(lexical.terms("figure figures number numbers amount level total statistic statistics reading"))


def _asked_in_own_words(question: str, candidates: Sequence[_Sentence]) -> frozenset[str]:
    """The question's terms that a report answering it says in its own words: the words asking a
    figure ("How much will the study cost?") when one of `candidates` gives a figure of the measure
    asked (`gives_measure`: "The project has a budget of 2.4 million euros"), and the verb of the
    deed asked (`asked_deed`) when one of them holds all the question's other terms: "What did the
    council decide on Monday?" — "The city council voted on Monday to build a tram line"; the words
    asking an age when one of them gives one."""
    terms = frozenset()
    measure = asked_measure(question)
    if measure is not None and any(gives_measure(measure, s.text, question) for s in candidates):
        asking = (ASKS_FIGURE.search(question), dict(MEASURES)[measure[0]].search(question))
        terms |= {t for m in asking if m for t in lexical.terms(m.group())}
    if any(_figures(s.text) for s in candidates):
        terms |= _FIGURE_WORDS & set(lexical.terms(question))  # "What is the latest inflation figure?"
    if (old := HOW_OLD.search(question)) and any(AGE.search(s.text) for s in candidates):
        terms |= set(lexical.terms(old.group()))  # "How old is she?" — "Dunn, 41, …"
    deed = asked_deed(question)
    rest = set(lexical.terms(question)) - deed - terms
    if deed and any(rest <= set(lexical.terms(s.text)) for s in candidates):
        terms |= deed
    return terms


def _predicate_terms(question: str) -> set[str]:
    """The terms of the sentence of `question` that asks (not its preamble), but those of its
    capitalised words (names): what it asks about them."""
    words = re.findall(r"[\w’'-]+", question[preamble_split(question):])
    return set(lexical.terms(" ".join(w for i, w in enumerate(words) if i == 0 or not w[:1].isupper())))


def renumber_refusal(answer: Answer) -> Answer:
    """A near-miss refusal cites the passages it names: they become [1], [2] … in that order."""
    from rag.citations import Renumbering

    numbering = Renumbering(answer.passages)
    text = numbering.sentence(answer.text)
    return replace(answer, text=text, passages=numbering.passages())


_PRONOUN_SPEAKS = re.compile(r"\b(?:he|she|they)\s+(?:also\s+)?(?:said|says|told|added|argued|warned|insisted)\b"
                             r"|\b(?:said|says|added) (?:he|she)\b", re.I)


def _speaks_as_pronoun(text: str) -> bool:
    """"She said cyclists would get a lane.": the speaker named earlier in the passage speaks."""
    return _PRONOUN_SPEAKS.search(text) is not None


# The question asks who, in its first sentence or a later one ("The club sacked its manager
# yesterday. Who is taking the team for now?").
ASKS_WHO = re.compile(r"(?:^|[.?!]\s+)\W*(?:(?:and|so|then|but)\s+)?who(?:['’]s)?\b", re.I)


def _asks_why(question: str) -> bool:
    """The asking sentence asks why (not the question a follow-up's note names)."""
    return WHY_QUESTION.search(followed_up(question)[0]) is not None


def _binds(query: Query) -> bool:
    """The question says something evidence can contradict: a constraint, or a "before/after" condition."""
    return query.constraints is not None and query.constraints.constrained or query.condition is not None


def _act_told_of_others(question: str, sentences: Sequence[_Sentence], answer: _Sentence) -> bool:
    """The act a who question asks of an instance ("Who won the 2019 marathon?") is told only of
    others: `answer`, the best sentence left for the asked instance, does not tell it ("9,500
    runners started, fewer than in 2019"), while a better-scored one ruled out for another instance
    does ("Orrin won the 2024 edition"). The asked instance's act is not reported: a near miss.
    Not when `answer` names someone the question does not: it may tell the act in other words
    ("Last year's prize went to the chemist Ann Roe")."""
    act = asked_act(question) if ASKS_WHO.search(question) else frozenset()
    if not act or act & set(lexical.terms(answer.text)):
        return False
    if _names_someone_new(question, answer.text, answer.passage.chunk.text):
        return False
    return any(not s.eligible and s.violation and s.score > answer.score and act & set(lexical.terms(s.text))
               for s in sentences)


def _steps_left(sentences: Sequence[_Sentence], constraints: QuestionConstraints) -> bool:
    """A timeline asked of a time still has reports of two days or more that honour it: its steps,
    however far the best of them is worded from the question ("how many times did the minister
    change in 2022, and when?": the resignation's and the appointment's reports)."""
    return constraints.timeline and len({s.passage.published_date for s in sentences
                                         if s.eligible and s.passage.published_date}) >= 2


def _withheld(lead: _Sentence, query: Query) -> bool:
    """The answer's lead says the asked detail was not given, and gives none of the kind asked: the
    report covers the topic and says the detail is not known. Asked for an item, a thing of a kind
    ("What pay rise have teachers been offered?") or a value ("What will the price cap be from
    July 2025?" of "It did not say what level it expected"). What it withholds must be what is asked: a
    kind the lead does not hold ("How much did it pay?" of "bought for an undisclosed sum"), or words
    of the question ("did not disclose the price" for "What price did it pay?"), not another detail
    ("signed a kit deal …, but did not disclose the value" answers "What deal did it sign?")."""
    if not ((query.asks_item or _WHAT_THING.match(query.text) or _WHAT_VALUE.match(query.text))
            and not _asks_why(query.text)):
        return False
    withheld = DETAIL_WITHHELD.search(lead.text)
    if withheld is None:
        return False
    if query.answer_type is not None:
        return not lead.typed
    what = lead.text[withheld.start():withheld.end() + 60].split(".")[0]
    return bool(set(lexical.terms(what)) & (set(lexical.terms(query.text)) - _names(query.text)))


# "What will the price cap be from July?": a value asked.
_WHAT_VALUE = re.compile(r"\W*what\s+(?:will|would|is|was|are|were)\s+(?:[\w’'-]+\s+){1,6}?be\b", re.IGNORECASE)
# "What pay rise have teachers been offered?", "What deal did the club sign?": a thing of a kind.
_WHAT_THING = re.compile(r"\W*what\s+(?:[a-z-]+\s+){1,2}(?:has|have|had|did|does|do|is|was|are|were|will|would)\b",
                         re.IGNORECASE)


def _names_someone_new(question: str, text: str, context: str = "") -> bool:
    """`text` names a capitalised word `question` does not hold: someone or something a who question
    may be answered by ("went to the chemist Ann Roe"). Its first word counts only where `context`
    (its passage) capitalises it mid-sentence too ("Roe took over", not "Officials said")."""
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    names = re.findall(r"(?<=\s)[A-Z][\w’'-]+", text)
    first = re.match(r"\W*([A-Z][\w’'-]+)", text)
    if first and mid_sentence(first.group(1), context):
        names.append(first.group(1))
    return any(w.lower() not in asked for w in names)


def _names_asked_time(s: _Sentence, constraints: QuestionConstraints, best: _Sentence, settings: Settings) -> bool:
    """`s` itself names a time the question asks about, and scores within the margin of `best`."""
    if s.score < best.score - settings.answer_margin:
        return False
    published = s.passage.published_date
    asked = at_story(constraints, published).times
    return any(t.overlaps(a) for t in text_times(s.text, published) for a in asked)


def _speaker_is(text: str, party: frozenset[str]) -> bool:
    """The party is the one speaking: it is named before the sentence's first speech verb."""
    said = ATTRIBUTION.search(text)
    if not said:
        return False
    words = lexical.terms(text[:said.start()])
    return any(w.startswith(t) or t.startswith(w) for t in party for w in words if min(len(w), len(t)) >= 4)

"""Dense (FAISS) + lexical (BM25) retrieval fused by reciprocal rank, near-duplicates collapsed.

`Retriever` works on our records; its LangChain face is `rag.langchain.as_retriever` (which
imports this module, never the other way round).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rag import lexical
from rag.lexical import jaccard
from rag.answering.evidence import evidence_numbers, mentions, number_matches
from rag.answering.extractive import expand_acronyms
from rag.answering.tables.kinds import holds_answer
from rag.answering.tables.reasons import REASON, WHY_QUESTION
from rag.citations import day_label
from rag.config import Settings
from rag.embedding import Embedder
from rag.errors import RagError
from rag.question import Query, QuestionConstraints, as_query, read
from rag.question.answer_types import AnswerType
from rag.question.constraints import events_between
from rag.question.casing import recase, uninformative_case
from rag.question.times import EARLIEST, PUBLICATION_LAG_DAYS, DateRange, day_range, days_label, text_times
from rag.records import CorpusStats, Passage
from rag.store import ArticleInfo, Store, StoredChunk

_WORD = re.compile(r"\w+")


# For "latest" questions, recency lifts only passages whose dense score is this close to the best
# shown one (cosine): the newest instance of what was asked, not the newest article.
RECENT_MARGIN = 0.15
# "What is X now?" also ranks the passages of the archive's last RECENT_DAYS days among RECENT_DEPTH
# deeper hits of each search.
RECENT_DAYS = 31
RECENT_DEPTH = 150
# A why question's passages that give a reason (`REASON`: "caused by", "because") rank this many
# times higher: the reason of a long analysis sits deep in it, worded less like the question than
# its retelling of the event.
WHY_REASON_BOOST = 1.2
# A typed question's passages that hold the kind of answer asked for (a sum for "What fine …?", a
# count for "How many …?") rank this many times higher: the one line giving the figure may sit deep
# in an analysis of several stories, below the event's own reports, which fill the best passages with
# the question's words and no figure. Names and agents are not weighed: nearly every passage holds
# one. Chosen on the archive we read and RealTimeQA's calibration weeks (1.15 and 1.3 found one
# answer fewer there, no answer lost at any).
ANSWER_KIND_BOOST = 1.5
UNWEIGHED_KINDS = frozenset({"name", "agent"})
# A question asked of a day or a week ("this week", "on 3 May") re-ranks this many times the fused
# candidates of other constrained questions: a yearly event's reports of thirty years are worded
# alike, and the asked week's report, worded less like the question, is found among them only when
# its date lifts it (calibration weeks of RealTimeQA: 2x found no more, 3x and 5x one more).
DAY_OR_WEEK_DEPTH = 3
# "How did … develop?" and "What is X now?" read this many times the passages of other questions.
MORE_READS = 2
# The first of two events a timeline runs between is dated by the earliest of this many best passages.
EVENT_READS = 5
# A timeline reads at most this many passages of one article (its figure may be in its second-best
# passage), so that a long report does not crowd the other dated reports out.
TIMELINE_READS_PER_ARTICLE = 2
# An article's passages beyond its PER_ARTICLE best rank as if their scores were CROWDING times
# lower per passage over (`_diverse`): a long article's many close chunks would crowd out the one
# other article that answers.
PER_ARTICLE = 3
CROWDING = 0.9


class Retriever:
    def __init__(self, index: Store, embedder: Embedder, settings: Settings):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._days: tuple[tuple, list[dt.date]] = ((), [])  # the articles' publication days, by store state

    def retrieve(self, query: Query | str, *, k: int | None = None) -> list[Passage]:
        """The k best passages for `query` (a read question, or a bare search string), one article per
        story, an article's passages beyond `PER_ARTICLE` giving way to others nearly as good.

        With the query's constraints (see `rag.question`), more candidates are fused and each one's
        score is multiplied by how well its article's date and text match the asked time, names and
        numbers (`rank_boost`), so the asked-for instance outranks last year's; articles published
        after `as_of` are not shown (the question is asked as of that day). Timeline and "What is X
        now?" questions get `MORE_READS` times k passages (a timeline at most
        `TIMELINE_READS_PER_ARTICLE` of one article), the latter also the archive's last month
        ranked among deeper hits (`_recent`).
        """
        query = as_query(query)
        constraints = query.constraints
        k = k or self.settings.k
        if constraints is not None and constraints.level_at is not None:
            return self._with_level_then(query, k)
        recent = constraints is not None and constraints.latest and not constraints.times
        if constraints is not None and (constraints.timeline or recent):
            k *= MORE_READS  # one passage per dated report: a story told over years has many
        steered = constraints is not None and constraints.steers
        depth = k * 6 if steered else k * 3
        if steered and constraints.times and all(t.granularity in ("day", "week") for t in constraints.times):
            depth *= DAY_OR_WEEK_DEPTH
        n = max(self.settings.candidates, depth)
        searched = max(n, RECENT_DEPTH) if recent else n
        deep_dense = self.index.search_dense(self.embedder.embed_query(query.text), searched)
        deep_lexical = self.index.search_lexical(query.text, searched)
        dense, lexical = deep_dense[:n], deep_lexical[:n]
        fused = _fused((dense, lexical), self.settings.rrf_k)
        dense_scores = {hit.key: hit.score for hit in dense}
        lexical_scores = {hit.key: hit.score for hit in lexical}
        read = self._recent(deep_dense, deep_lexical, constraints, fused) if recent else {}
        ordered = sorted(fused, key=lambda key: -fused[key])[:depth]
        records = {key: read[key] for key in ordered if key in read}
        missing = [key for key in ordered if key not in read]
        if missing:
            records.update(self.index.chunks(missing))
        if constraints is not None:
            # Asked as of today: a day's grace for time zones. Asked as of a past day: what had been
            # published by the end of that day, no later.
            grace = dt.timedelta(days=1 if constraints.as_of >= dt.date.today() else 0)
            latest_day = constraints.as_of + grace
            hidden = {key for key in ordered if key in records and _published_after(records[key], latest_day)}
            hidden -= self._told_by(records, hidden, latest_day)
            shown = [dense_scores[key] for key in ordered if key in dense_scores and key in records and key not in hidden]
            relevant_above = max(shown, default=0.0) - RECENT_MARGIN
            kind = _weighed_kind(query)
            for key in ordered:
                stored = records.get(key)
                if stored is None:
                    continue
                if key in hidden:
                    fused[key] = -1.0
                elif steered:
                    fused[key] *= rank_boost(constraints, stored.published_date,
                                             f"{stored.chunk.title}\n{stored.chunk.text}",
                                             relevant=dense_scores.get(key, -1.0) >= relevant_above, kind=kind)
            ordered = [key for key in sorted(ordered, key=lambda key: -fused[key]) if fused[key] >= 0]
        candidates: list[tuple[int, StoredChunk]] = []
        kept_shingles: list[set] = []
        story_holder: dict[str, str] = {}  # story id -> the article whose passages show it
        dated, read_of = constraints is not None and constraints.timeline, Counter()
        full = 0  # candidates among their article's PER_ARTICLE best: `_diverse` weighs them at full score
        for key in ordered:
            if key not in records:
                continue
            stored = records[key]
            chunk = stored.chunk
            # One story, one article: a syndicated copy indexed on its own (an index built before
            # stories were grouped) never shows beside the copy already shown.
            if story_holder.setdefault(stored.story_id or chunk.article_id, chunk.article_id) != chunk.article_id:
                continue
            if dated and read_of[chunk.article_id] >= TIMELINE_READS_PER_ARTICLE:
                continue  # a timeline quotes one sentence per dated report: read more reports, not more of one
            if query.exclude and all(query.shown(chunk.article_id, a, b)
                                     for a, b in chunk.sentences or ((chunk.start, chunk.end),)):
                continue  # "Tell me more.": every sentence of it was quoted already
            shingles = _shingles(chunk.text)
            if any(jaccard(shingles, other) >= self.settings.duplicate_jaccard for other in kept_shingles):
                continue
            kept_shingles.append(shingles)
            read_of[chunk.article_id] += 1
            candidates.append((key, stored))
            full += read_of[chunk.article_id] <= PER_ARTICLE
            if full == k:
                break  # `_diverse` picks among these: any later candidate weighs no more than each of them
        chosen = _diverse(candidates, fused, k)
        then = constraints is not None and constraints.held_at is not None  # who held a post: the change reported by then
        if dated or recent or then:
            pool = [(key, records[key]) for key in ordered if key in records]
            chosen = _with_leads(chosen, pool, every=dated or then)
        passages = [
            Passage(
                chunk=stored.chunk, score=fused[key], rank=rank,
                meta=stored.meta, dense_score=dense_scores.get(key), lexical_score=lexical_scores.get(key),
                story_id=stored.story_id, key=key,
            )
            for rank, (key, stored) in enumerate(chosen, start=1)
        ]
        return self._with_other_outlets(self.with_sentence_vectors(passages))

    def _with_level_then(self, query: Query, k: int) -> list[Passage]:
        """A level set by decision asked at a past time (`QuestionConstraints.level_at`): the k passages
        for the asked time, then those of the newest reports by that day that the asked time's search
        left out (the question asked "now" as of that day), so that where no report of the asked time
        gives the level, the decision in force then can (`ExtractiveAnswerer`)."""
        constraints = query.constraints
        asked = self.retrieve(replace(query, constraints=replace(constraints, level_at=None)), k=k)
        then = replace(constraints, times=(), time_text=(), latest=True, as_of=constraints.level_at, level_at=None)
        shown = {p.key for p in asked}
        extra = [p for p in self.retrieve(replace(query, constraints=then, as_of=constraints.level_at), k=k)
                 if p.key not in shown][:k]
        return [replace(p, rank=rank) for rank, p in enumerate((*asked, *extra), start=1)]

    def dated_by_events(self, query: Query) -> Query | None:
        """`query` asking over the days between the two events it names ("What happened at the carmaker
        between the recall and the new chief's appointment?"), as of the question's day: from the
        first report of the first event (the earliest of the archive's `EVENT_READS` best passages for
        it with the question's other names that hold half the event's words or more: a recall is
        retold when it is widened) to the best report of the second. The events' own names are no
        longer asked of every step (the chief's name is not in the recall's report). None when it
        names no such events, names times of its own, or an event is not found with a date."""
        constraints = query.constraints
        events = events_between(query.text) if constraints is not None and constraints.timeline \
            and not constraints.times else None
        if events is None:
            return None
        others = tuple(n for n in constraints.names if not any(n.lower() in event.lower() for event in events))
        days = []
        for event, reads in zip(events, (EVENT_READS, 1)):
            told = set(lexical.terms(event))
            found = [p.published_date for p in self.retrieve(read(" ".join([event, *others]), (), constraints.as_of), k=reads)
                     if 2 * len(told & set(lexical.terms(f"{p.chunk.title} {p.chunk.text}"))) >= len(told)]
            if not found or None in found:
                return None
            days.append(min(found))
        span = DateRange(min(days), max(days), days_label(min(days), max(days)), "span")
        return replace(query, constraints=replace(constraints, times=(span,), time_text=(span.label,), names=others))

    def recased(self, query: Query, passages: Sequence[Passage]) -> str | None:
        """`query`'s question recased from `passages`, retrieved for it, when its capitals say nothing
        of its names (typed in capitals, title case or lower case: `rag.question.casing`), to be read
        again; None when they say something, or recasing changes nothing."""
        case = uninformative_case(query.question)
        if not case:
            return None
        recased = recase(query.question, [p.chunk.text for p in passages], self.embedder.is_common_word, case,
                         self._texts_with)
        return recased if recased != query.question else None

    def _texts_with(self, word: str, k: int = 3) -> list[str]:
        """The texts of the `k` passages that best match `word` alone: how the archive writes it."""
        keys = [hit.key for hit in self.index.search_lexical(word, k)]
        return [stored.chunk.text for stored in self.index.chunks(keys).values()] if keys else []

    def _recent(self, dense: list, lexical: list, constraints: QuestionConstraints, fused: dict[int, float]) -> dict:
        """ "What is X now?": the passages of the archive's last RECENT_DAYS by `as_of` (see
        `present`) among the deeper hits (`dense`, `lexical`), fused into `fused` as a third
        ranking: the newest report of a story told many times is rarely among the best matches of
        all its reports. Returns the records of all the deeper hits (read once, here)."""
        end = self.present(constraints.as_of)
        if end is None:
            return {}
        deep = _fused((dense, lexical), self.settings.rrf_k)
        records = self.index.chunks(list(deep))
        start = end - dt.timedelta(days=RECENT_DAYS)
        recent = sorted((key for key, stored in records.items()
                         if stored.published_date and start <= stored.published_date <= end),
                        key=lambda key: -deep[key])
        for rank, key in enumerate(recent, start=1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (self.settings.rrf_k + rank)
        return records

    def corpus_stats(self, query: Query | str, passages: Sequence[Passage]) -> CorpusStats:
        """What answering `query` from `passages` needs of the corpus (see `CorpusStats`), read now,
        so that the answerer needs no store: the idf of the question's terms, as asked and as the
        passages spell out its acronyms, which of them the corpus knows, and, when the question
        names someone, the passages' whole articles."""
        query = as_query(query)
        expanded = expand_acronyms(query.text, [p.chunk.text for p in passages])
        terms = set(lexical.terms(query.text)) | set(lexical.terms(expanded))
        articles = {}
        if query.constraints is not None and (query.constraints.names or query.constraints.background_names):
            for article_id in dict.fromkeys(p.chunk.article_id for p in passages):
                try:
                    articles[article_id] = self.index.article(article_id).text
                except RagError:
                    pass  # gone since it was retrieved: its passage still counts, the rest of it cannot
        as_of = query.constraints.as_of if query.constraints is not None else dt.date.today()
        return CorpusStats(idf=self.index.term_weights(terms), known=frozenset(self.index.known_terms(terms)),
                           article_texts=articles, present=self.present(as_of))

    def present(self, as_of: dt.date) -> dt.date | None:
        """The archive's "now" for a question asked as of `as_of`: the newest publication day by then
        (None when no article by then is dated). An archive of 2022 asked today is read as of its
        own last day, not as four years stale."""
        info = self.index.info()
        state = (info.location, info.generation, info.articles, info.chunks)
        if self._days[0] != state:  # read once per state of the store, not per question
            self._days = (state, sorted(d for d in (a.published_date for a in self.index.articles()) if d))
        days = self._days[1]
        i = bisect.bisect_right(days, as_of)
        return days[i - 1] if i else None

    def with_sentence_vectors(self, passages: Sequence[Passage]) -> list[Passage]:
        """Each passage with its sentences' stored vectors (one store lookup), for the answerer to score
        (`retrieve` puts them on; passages rebuilt from elsewhere, e.g. LangChain documents, lack them)."""
        stored = self.index.sentence_vectors([p.key for p in passages if p.key is not None])
        return [replace(p, sentence_vectors=stored.get(p.key)) for p in passages]

    def _told_by(self, records: dict[int, StoredChunk], keys: set[int], day: dt.date) -> set[int]:
        """Those of `keys` (passages of articles published after `day`) whose story another outlet had
        published by then: a syndicated story is stored once, under its fullest copy, which may be
        a day later than the wire's own."""
        stories = {records[key].story_id for key in keys if records[key].story_id}
        if not stories:
            return set()
        told = {story for story, members in self.index.story_members(sorted(stories)).items()
                if any(m.published_date is not None and m.published_date <= day for m in members)}
        return {key for key in keys if records[key].story_id in told}

    def _with_other_outlets(self, passages: list[Passage]) -> list[Passage]:
        """Fill each passage's `also_published` with its story's other copies (one store lookup)."""
        stories = sorted({p.story_id for p in passages if p.story_id})
        members = self.index.story_members(stories) if stories else {}
        return [
            replace(p, also_published=tuple(
                _outlet_label(m) for m in sorted(members.get(p.story_id, ()), key=lambda a: (a.published, a.id))
                if m.id != p.chunk.article_id
            )) if members.get(p.story_id) else p
            for p in passages
        ]


def date_filter(constraints: QuestionConstraints) -> DateRange | None:
    """The publication dates evidence for this question can carry, or None when any date can.

    From the start of the earliest time asked to the end of the latest plus the usual publication
    lag for its granularity (quarterly results appear weeks after the quarter). For a "latest"
    question with no time, everything published up to `as_of`. Best used as a pre-filter that falls
    back to the whole archive when it leaves too few hits (a 2023 retrospective on 2019 is outside).
    """
    if constraints.times:
        start = min(t.start for t in constraints.times)
        end = max(t.end + dt.timedelta(days=PUBLICATION_LAG_DAYS.get(t.granularity, 31)) for t in constraints.times)
        return DateRange(start, end, f"published {days_label(start, end)}", "span")
    if constraints.latest:
        return DateRange(EARLIEST, constraints.as_of, f"published by {days_label(constraints.as_of, constraints.as_of)}",
                         "span")
    return None


def _weighed_kind(query: Query) -> AnswerType | None:
    """The kind of answer `query` asks for, where passages are weighed by holding it (`ANSWER_KIND_BOOST`)."""
    kind = query.answer_type
    return kind if kind is not None and kind.name not in UNWEIGHED_KINDS else None


def rank_boost(constraints: QuestionConstraints, published: dt.date | None, text: str, *,
               relevant: bool = True, kind: AnswerType | None = None) -> float:
    """A factor to multiply a passage's retrieval score by: above 1 when it matches the asked time,
    names and numbers (or, for "latest", is recent) or holds the `kind` of answer asked for, below 1
    when its dates contradict them. `published` is the day its article was published (None when
    unknown).

    Recency breaks ties among passages that answer (`relevant`: close to the best match); it must
    not lift last month's unrelated story over the one that names the current office-holder."""
    factor = 1.0
    published_as_range = day_range(published)
    why = WHY_QUESTION.search(constraints.question) is not None
    if constraints.times:
        window = date_filter(constraints)
        times = text_times(text, published)
        in_text = any(t.overlaps(a) for t in times for a in constraints.times)
        in_window = bool(published_as_range and window and published_as_range.overlaps(window))
        if in_text or in_window:
            factor *= 1.0 + 0.3 * in_text + 0.3 * in_window
        elif published_as_range or text_times(text, None):
            # Why a thing happened is often told after it (an inquiry's findings months later): a
            # later account does not contradict a why question's time, an earlier one does. Who held
            # a post then is told by the change reported before it (`QuestionConstraints.held_at`).
            asked_end = max(t.end for t in constraints.times)
            later = why and all(t.start > asked_end for t in (*times, published_as_range) if t)
            earlier = constraints.held_at is not None and all(
                t.end < constraints.held_at for t in (*times, published_as_range) if t)
            factor *= 1.0 if later or earlier else 0.5
    if why and REASON.search(text):
        factor *= WHY_REASON_BOOST  # a passage giving a reason, for "Why …?"
    if kind is not None and holds_answer(kind, text, constraints.question):
        factor *= ANSWER_KIND_BOOST
    names = constraints.names + constraints.background_names
    if names:
        share = sum(mentions(n, text) for n in names) / len(names)
        factor *= 1.0 + 0.3 * share
    numbers = constraints.numbers + constraints.background_numbers
    if numbers:
        found = evidence_numbers(text)
        share = sum(number_matches(n, found) for n in numbers) / len(numbers)
        factor *= 1.0 + 0.2 * share
    if constraints.latest and published_as_range and relevant:
        age = (constraints.as_of - published_as_range.end).days
        factor *= 0.5 if age < 0 else 1.0 + 0.5 * 0.5 ** (age / 180)
    return factor


def _diverse(candidates: list[tuple[int, StoredChunk]], fused: dict[int, float], k: int) -> list[tuple[int, StoredChunk]]:
    """The k best `candidates` (best first), each passage of an article beyond its `PER_ARTICLE`
    best ranked as if its score were `CROWDING` times lower per passage over: one long article's
    many near-equal passages give way to another article's nearly as good one, never to a much
    weaker one (a one-article archive still gives k)."""
    chosen: list[tuple[int, StoredChunk]] = []
    shown: dict[str, int] = {}
    left = list(candidates)
    while left and len(chosen) < k:
        def weighed(item: tuple[int, StoredChunk]) -> float:
            over = shown.get(item[1].chunk.article_id, 0) + 1 - PER_ARTICLE
            return fused[item[0]] * CROWDING ** max(over, 0)
        best = max(left, key=weighed)  # the first of equals: the fused order breaks ties
        left.remove(best)
        chosen.append(best)
        shown[best[1].chunk.article_id] = shown.get(best[1].chunk.article_id, 0) + 1
    return chosen


# Where a report's opening passage is: within its first characters (after a page's labels and
# byline), and long enough to hold a sentence.
OPENING_CHARS = 1000
OPENING_WORDS = 8


def _with_leads(chosen: list[tuple[int, StoredChunk]], pool: list[tuple[int, StoredChunk]], *,
                every: bool = False) -> list[tuple[int, StoredChunk]]:
    """`chosen` with each dated article that shows two or more passages but not its opening showing its
    opening instead of its weakest passage, when the opening is among the fused candidates (`pool`):
    a dated report's news is told by its lead ("X has appointed Y as its chief executive"), which
    is often worded less like the question than the report's later lines ("Z has been interim
    chief executive since January"), and the latest or the timeline of a story reads each report
    by its news. With `every` (a timeline, whose every report is a step, or who held a post at a
    past time, told by the last report of a change by then), an article showing one
    passage, not its opening, shows its opening too ("The line is expected to cost 4.2 billion" opens
    the report of the approval; its passage on who builds the line was the one found), in place of
    the weakest second passage of another article, or after the rest."""
    shown: dict[str, list[int]] = {}
    for i, (_, stored) in enumerate(chosen):
        if stored.published_date is not None:  # an undated page is no dated report
            shown.setdefault(stored.chunk.article_id, []).append(i)
    # The opening: the first passage with a sentence's words near the top, not a page's section label
    # ("Premier Division") in a passage of its own.
    opening: dict[str, tuple[int, StoredChunk]] = {}
    for key, stored in pool:
        chunk = stored.chunk
        if chunk.start <= OPENING_CHARS and len(chunk.text.split()) >= OPENING_WORDS and (
                chunk.article_id not in opening or chunk.start < opening[chunk.article_id][1].chunk.start):
            opening[chunk.article_id] = (key, stored)
    out = list(chosen)
    for article, places in shown.items():
        if len(places) < 2 or article not in opening or any(
                chosen[i][1].chunk.start <= opening[article][1].chunk.start for i in places):
            continue
        out[places[-1]] = opening[article]
    if every:
        for article, places in shown.items():
            if len(places) != 1 or article not in opening or chosen[places[0]][1].chunk.start <= opening[article][1].chunk.start:
                continue
            # The weakest passage of a dated article that still shows another, not its opening.
            shows = Counter(stored.chunk.article_id for _, stored in out)
            spare = next((i for i in range(len(out) - 1, -1, -1)
                          if len(shown.get(out[i][1].chunk.article_id, ())) > 1 and shows[out[i][1].chunk.article_id] > 1
                          and out[i] is not opening.get(out[i][1].chunk.article_id)), None)
            if spare is None:
                out.append(opening[article])
            else:
                out[spare] = opening[article]
    return out


def _outlet_label(info: ArticleInfo) -> str:
    """ "Capital Ledger · 4 March 2024": who else published the story, and when (what is known of it)."""
    return " · ".join(x for x in (info.source or info.title, day_label(info.published)) if x)


def _fused(rankings: Sequence[Sequence], rrf_k: int) -> dict[int, float]:
    """Reciprocal-rank fusion of hit lists: key → sum of 1 / (rrf_k + rank)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, hit in enumerate(ranking, start=1):
            fused[hit.key] = fused.get(hit.key, 0.0) + 1.0 / (rrf_k + rank)
    return fused


def _published_after(stored: StoredChunk, day: dt.date) -> bool:
    published = stored.published_date
    return published is not None and published > day  # unknown dates are never assumed to be in the future


def _shingles(text: str, n: int = 3) -> set:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


"""Dense (FAISS) + lexical (BM25) retrieval fused by reciprocal rank, near-duplicates collapsed.

`Retriever` works on our records; `as_langchain()` gives its LangChain face (`rag.langchain`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from rag.citations import day_label
from rag.config import Settings
from rag.constraints import QuestionConstraints, rank_boost
from rag.embedding import Embedder
from rag.records import Passage
from rag.store import ArticleInfo, Store

_WORD = re.compile(r"\w+")


# For "latest" questions, recency lifts only passages whose dense score is this close to the best
# shown one (cosine): the newest instance of what was asked, not the newest article.
RECENT_MARGIN = 0.15


class Retriever:
    def __init__(self, index: Store, embedder: Embedder, settings: Settings):
        self.index = index
        self.embedder = embedder
        self.settings = settings

    def retrieve(self, question: str, *, k: int | None = None,
                 constraints: QuestionConstraints | None = None) -> list[Passage]:
        """The k best passages for `question`, one per story.

        With `constraints` (see `rag.constraints`), more candidates are fused and each one's score
        is multiplied by how well its article's date and text match the asked time, names and
        numbers (`rank_boost`), so the asked-for instance outranks last year's; articles published
        after `constraints.as_of` are not shown (the question is asked as of that day).
        """
        k = k or self.settings.k
        steered = constraints is not None and (constraints.constrained or constraints.latest or constraints.timeline)
        depth = k * 6 if steered else k * 3
        n = max(self.settings.candidates, depth)
        dense = self.index.search_dense(self.embedder.embed_query(question), n)
        lexical = self.index.search_lexical(question, n)
        fused: dict[int, float] = {}
        for ranking in (dense, lexical):
            for rank, hit in enumerate(ranking, start=1):
                fused[hit.key] = fused.get(hit.key, 0.0) + 1.0 / (self.settings.rrf_k + rank)
        dense_scores = {hit.key: hit.score for hit in dense}
        lexical_scores = {hit.key: hit.score for hit in lexical}
        ordered = sorted(fused, key=lambda key: -fused[key])[:depth]
        records = self.index.chunks(ordered)
        if constraints is not None:
            # Asked as of today: a day's grace for time zones. Asked as of a past day: what had been
            # published by the end of that day, no later.
            grace = dt.timedelta(days=1 if constraints.as_of >= dt.date.today() else 0)
            latest_day = constraints.as_of + grace
            hidden = {key for key in ordered if key in records and _published_after(records[key].published, latest_day)}
            shown = [dense_scores[key] for key in ordered if key in dense_scores and key in records and key not in hidden]
            relevant_above = max(shown, default=0.0) - RECENT_MARGIN
            for key in ordered:
                stored = records.get(key)
                if stored is None:
                    continue
                if key in hidden:
                    fused[key] = -1.0
                elif steered:
                    fused[key] *= rank_boost(constraints, stored.published, f"{stored.chunk.title}\n{stored.chunk.text}",
                                             relevant=dense_scores.get(key, -1.0) >= relevant_above)
            ordered = [key for key in sorted(ordered, key=lambda key: -fused[key]) if fused[key] >= 0]
        passages: list[Passage] = []
        kept_shingles: list[set] = []
        story_holder: dict[str, str] = {}  # story id -> the article whose passages show it
        for key in ordered:
            if key not in records:
                continue
            stored = records[key]
            chunk = stored.chunk
            # One story, one article: a syndicated copy indexed on its own (an index built before
            # stories were grouped) never shows beside the copy already shown.
            if story_holder.setdefault(stored.story_id or chunk.article_id, chunk.article_id) != chunk.article_id:
                continue
            shingles = _shingles(chunk.text)
            if any(_jaccard(shingles, other) >= self.settings.duplicate_jaccard for other in kept_shingles):
                continue
            kept_shingles.append(shingles)
            passages.append(
                Passage(
                    chunk=chunk, score=fused[key], rank=len(passages) + 1,
                    dense_score=dense_scores.get(key), lexical_score=lexical_scores.get(key),
                    source=stored.source, published=stored.published, url=stored.url, author=stored.author,
                    story_id=stored.story_id, key=key,
                )
            )
            if len(passages) == k:
                break
        return self._with_other_outlets(passages)

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

    def as_langchain(self, *, k: int | None = None):
        """A LangChain `BaseRetriever` over this retriever (see `rag.langchain.NewsRetriever`)."""
        from rag.langchain import as_retriever

        return as_retriever(self, k=k)


_FOLLOW_UP_START = re.compile(r"^(and|but|so|also|then|what about|how about)\b[,\s]*", re.I)
_BACK_REFERENCE = re.compile(
    r"\b(it|its|they|them|their|that|this|those|these|he|she|him|her|his|there|then|the same)\b", re.I
)


# The noun phrase a question ends on ("…triggered the strikes?" → "the strikes").
_TOPIC = re.compile(r"\b((?:the|a|an|these|those|this|that)\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+)\s*[?.!]*\s*$", re.I)
_PRONOUN = re.compile(r"\b(it|them|that|this)\b(?=\s*[?.!]*\s*$)", re.I)


def is_follow_up(question: str) -> bool:
    """Elliptical questions lean on the previous turn: "And what did the mayor say about it?"."""
    from rag import lexical

    return bool(
        _FOLLOW_UP_START.match(question.strip())
        or _BACK_REFERENCE.search(question)
        or len(lexical.terms(question)) <= 1
    )


def contextualize(question: str, history: Sequence[str] = ()) -> str:
    """The retrieval query for `question` asked after the earlier user questions in `history`.

    A self-contained question is searched as it is; an elliptical one carries the question it
    follows up on (itself rewritten the same way), so retrieval sees what "it" refers to.
    """
    question = question.strip()
    history = [h.strip() for h in history if h and h.strip()]
    if not history or not is_follow_up(question):
        return question
    previous = contextualize(history[-1], history[-3:-1])
    topic = _TOPIC.search(previous.split(" (following up on:")[0])
    pronoun = _PRONOUN.search(question)
    if topic and pronoun:
        # "And what did the mayor say about it?" after "What triggered the strikes?"
        # → "what did the mayor say about the strikes?"
        core = _FOLLOW_UP_START.sub("", question)
        core = _PRONOUN.sub(topic.group(1), core, count=1)
        return core[0].upper() + core[1:]
    return f"{question} (following up on: {previous})"


def _outlet_label(info: ArticleInfo) -> str:
    """ "Capital Ledger · 4 Mar 2024": who else published the story, and when (what is known of it)."""
    return " · ".join(x for x in (info.source or info.title, day_label(info.published)) if x)


def _published_after(published: str, day: dt.date) -> bool:
    try:
        return dt.date.fromisoformat(published[:10]) > day
    except ValueError:
        return False  # unknown dates are never assumed to be in the future


def _shingles(text: str, n: int = 3) -> set:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0

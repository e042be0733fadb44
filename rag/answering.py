"""Answerers turn a question and ranked passages into a cited `Answer`.

`ExtractiveAnswerer` (the default) needs no LLM: it picks the passage sentences that answer the
question, quotes them verbatim with their `[n]` markers, keeps the sentence that states the
other side where sources disagree, and refuses when nothing is relevant enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.runnables import Runnable, RunnableLambda

from rag import lexical
from rag.citations import add_marker, check_sentences, cite
from rag.config import Settings
from rag.embedding import Embedder
from rag.records import Answer, Passage
from rag.retrieval import document_to_passage
from rag.store import Index

# Weight of lexical evidence (idf-weighted share of question terms) beside embedding similarity.
LEXICAL_WEIGHT = 0.3

_CONTRAST = re.compile(r"\b(however|disputed?|denied|denies|rejected|countered|dismissed|contradicted)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(said|says|say|stated|claimed|claims?|asserted|maintains|accused|described|"
    r"characteri[sz]ed|alleged(ly)?|according to|framed|condemned)\b",
    re.I,
)
_ANAPHORA = re.compile(r"^(They|He|She|It|This|These|Those|That|Such|The group|The move)\b")
_REFERS_BACK = re.compile(r"\b(those|these|the) (figures|claims?|accounts?|reports?|allegations?)\b", re.I)


_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|scores of"
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNITS = r"km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|square|acres?|hectares?"
_DURATION = rf"\d|{_NUMBER_WORDS}|decades?|years?|months?|weeks?|days?|hours?|centur(?:y|ies)|since|era"

# What kind of answer a question asks for, and what a sentence must contain to give one.
# Classic answer typing: a "How many…?" question is not answered by a sentence with no quantity.
ANSWER_TYPES = [
    ("quantity", re.compile(r"\b(how many|how much|(what|which) (is|was|were|are) the (\w+ ){0,3}(number|toll|count|tally))\b", re.I),
     re.compile(rf"\b(\d[\d,.]*|{_NUMBER_WORDS})\b", re.I)),
    ("year", re.compile(r"\b(what|which) year\b", re.I), re.compile(r"\b(1[89]|20)\d\d\b")),
    ("date", re.compile(r"\b((what|which) (date|day|time|month)|on what|when exactly|what day)\b", re.I),
     re.compile(rf"\b(\d{{1,4}}|{_MONTHS}|{_DAYS}|yesterday|today|tomorrow|overnight|morning|evening|night)\b", re.I)),
    ("length", re.compile(r"\bhow (long|far|wide|big|large) (is|was|are|were)\b|\bwhat (size|length|distance|area)\b", re.I),
     re.compile(rf"\b\d[\d,.]*\s*({_UNITS})\b", re.I)),
    ("duration", re.compile(r"\bhow long (have|has|had|did|do|does|will)\b", re.I), re.compile(rf"\b({_DURATION})\b", re.I)),
    ("name", re.compile(r"\b(name of|who (is|was|are|were) (the|pakistan|afghanistan)\w*|which (general|minister|commander|spokes\w+|president|leader|official|hospital|newspaper))\b", re.I),
     # A proper name: two capitalised words in a row.
     re.compile(r"\b[A-Z][\w’'-]+(\s+(of|and|e|al|de|ul)?\s*[A-Z][\w’'-]+)+")),
]


def expected_answer_type(question: str) -> tuple[str, re.Pattern] | None:
    for name, asks, answer in ANSWER_TYPES:
        if asks.search(question):
            return name, answer
    return None


@dataclass(frozen=True)
class _Sentence:
    passage: Passage
    start: int  # article offsets
    end: int
    text: str
    score: float
    position: int  # index within its chunk


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, embedder: Embedder, settings: Settings, index: Index | None = None):
        self.embedder = embedder
        self.settings = settings
        self.index = index

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        passages = list(passages)
        sentences = self._score_sentences(question, passages)
        if not sentences or max(s.score for s in sentences) < self.settings.refusal_threshold:
            return refusal(question, passages, self.name)
        chosen = self._choose(sentences)
        lines, citations = [], []
        for sentence in chosen:
            marker = sentence.passage.rank
            lines.append(add_marker(sentence.text, marker))
            citations.append(cite(marker, sentence.passage, sentence.start, sentence.end))
        kept, _ = check_sentences(lines, passages)  # verbatim quotes: a no-op unless a bug slipped in
        if not kept:
            return refusal(question, passages, self.name)
        return Answer(
            text=" ".join(kept),
            citations=tuple(c for line, c in zip(lines, citations) if line in kept),
            passages=tuple(passages), refused=False, question=question, answerer=self.name,
        )

    def as_runnable(self) -> Runnable:
        """`{"question": str, "documents": list[Document]} -> Answer`, for LangChain chains."""

        def run(inputs: dict) -> Answer:
            passages = [document_to_passage(d, rank) for rank, d in enumerate(inputs["documents"], start=1)]
            return self.answer(inputs["question"], passages)

        return RunnableLambda(run, name="extractive_answerer")

    def confidence(self, question: str, passages: Sequence[Passage]) -> float:
        """The best sentence score: the answerer refuses below `settings.refusal_threshold`."""
        sentences = self._score_sentences(question, list(passages))
        return max((s.score for s in sentences), default=0.0)

    # ----- internals -----------------------------------------------------------------------

    def _score_sentences(self, question: str, passages: list[Passage]) -> list[_Sentence]:
        if not passages:
            return []
        query = self.embedder.embed_query(question)
        question_terms = set(lexical.terms(question))
        idf = self.index.term_weights(question_terms) if self.index else {}
        weights = {t: idf.get(t, 1.0) for t in question_terms}
        total = sum(weights.values())
        stored = self.index.sentence_vectors([p.chunk.id for p in passages]) if self.index else {}
        expected = expected_answer_type(question)
        seen: set[tuple[str, int]] = set()
        out = []
        for passage in passages:  # in rank order, so a repeated sentence keeps its best rank
            chunk = passage.chunk
            spans = list(chunk.sentences) or [(chunk.start, chunk.end)]
            vectors = stored.get(chunk.id)
            if vectors is None or len(vectors) != len(spans):
                texts = [chunk.text[s - chunk.start:e - chunk.start] for s, e in spans]
                vectors = self.embedder.embed_documents(texts)
            for position, ((start, end), vector) in enumerate(zip(spans, vectors)):
                if (chunk.article_id, start) in seen:
                    continue
                seen.add((chunk.article_id, start))
                text = chunk.text[start - chunk.start:end - chunk.start]
                if expected and not expected[1].search(text):
                    continue  # cannot hold the kind of answer asked for
                overlap = question_terms & set(lexical.terms(text))
                lexical_share = sum(weights[t] for t in overlap) / total if total else 0.0
                score = float(np.dot(vector, query)) + LEXICAL_WEIGHT * lexical_share
                out.append(_Sentence(passage, start, end, text, score, position))
        return out

    def _choose(self, sentences: list[_Sentence]) -> list[_Sentence]:
        ranked = sorted(sentences, key=lambda s: -s.score)
        best = ranked[0].score
        floor = max(self.settings.refusal_threshold, best - self.settings.answer_margin)
        chosen = [s for s in ranked if s.score >= floor][: self.settings.max_answer_sentences]
        by_place = {(s.passage.chunk.id, s.position): s for s in sentences}
        context = []
        for s in chosen:
            after = by_place.get((s.passage.chunk.id, s.position + 1))
            # A claim followed by its rebuttal: show both sides.
            if after and _ATTRIBUTION.search(s.text) and _CONTRAST.search(after.text):
                context.append(after)
            # A sentence that leans on the one before it ("They claimed…", "…disputed those
            # figures") is unreadable alone: bring in what it leans on, two steps back at most.
            current = s
            for _ in range(2):
                before = by_place.get((current.passage.chunk.id, current.position - 1))
                leans = _ANAPHORA.match(current.text) or (
                    _CONTRAST.search(current.text) and _REFERS_BACK.search(current.text)
                )
                if not (before and leans):
                    break
                context.append(before)
                current = before
        picked = {(s.passage.chunk.article_id, s.start): s for s in chosen + context}
        article_rank: dict[str, int] = {}
        for s in sorted(picked.values(), key=lambda s: s.passage.rank):
            article_rank.setdefault(s.passage.chunk.article_id, len(article_rank))
        limit = self.settings.max_answer_sentences + 1
        ordered = sorted(picked.values(), key=lambda s: (article_rank[s.passage.chunk.article_id], s.start))
        if len(ordered) > limit:
            keep = {id(s) for s in sorted(ordered, key=lambda s: -s.score)[:limit]}
            ordered = [s for s in ordered if id(s) in keep]
        return ordered


def refusal(question: str, passages: Sequence[Passage], answerer: str) -> Answer:
    closest = " The closest passages are listed below." if passages else ""
    return Answer(
        text=f"The indexed articles don't say. None of them answers “{question.strip()}”.{closest}",
        citations=(), passages=tuple(passages), refused=True, question=question, answerer=answerer,
    )

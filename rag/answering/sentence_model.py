"""Which retrieved sentence answers: a small model fitted on real news, not rules fitted to one writer.

Every candidate sentence gets a few measurable signs of being an answer (how close it is to the
question, where it stands in its article, whether it holds the kind of answer asked for, whether
it reads like a fragment, how much older its article is than the newest
candidate's and than the archive's present) and a logistic model turns them into the
probability that the sentence answers. The weights are fitted by `scripts/fit_answering.py` on
the calibration questions only (real news weeks and our own calibration sets) and committed in
`sentence_model.json` beside this module, with the figures of the fit.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag import lexical
from rag.question import Query

MODEL_FILE = Path(__file__).with_name("sentence_model.json")

FEATURES = (
    "score",        # the answerer's first-stage score: sentence vector · question + weighted term overlap
    "dense",        # sentence vector · question alone
    "lexical",      # idf-weighted share of the question's terms the sentence holds
    "coverage",     # plain share of the question's terms the sentence holds
    "subject",      # the same, of the terms that are not the speaker's ("What did <speaker> say about …?")
    "gap",          # score minus the best candidate's score (≤ 0)
    "inverse_rank",  # 1 / rank of the sentence's passage
    "lead",         # the sentence opens its article (first 400 characters)
    "position",     # index of the sentence in its passage, capped at 5, over 5
    "typed",        # the question asks for a kind of answer and the sentence holds one
    "untyped",      # the question asks for no particular kind of answer
    "new_names",    # capitalised words and figures the question does not hold (0 … 1, capped at 4)
    "fragment",     # no sentence: under 6 words, no closing punctuation, or title case
    "length",       # log of the word count
    "asks",         # the sentence is itself a question
    # Recency among the candidates, only for questions that name no time (a question about 2019
    # wants 2019's articles). Relative, so an old story is not less answerable for being old:
    "age",          # log of how many days older the article is than the newest candidate's, over log(3650)
    # How current the article is as of the question: news asked about without a time is about
    # the present, and when every candidate is a year old the asked-for story is likely missing.
    "stale",        # log of how many days older the article is than the archive's present, over log(3650)
    "undated",      # the article has no date
)


@dataclass(frozen=True)
class Candidate:
    """What the model reads of one sentence (the answerer's `_Sentence` fits this shape)."""

    text: str
    start: int
    position: int
    score: float
    dense: float
    lexical: float
    rank: int
    article_id: str
    published: dt.date | None


@dataclass(frozen=True)
class SentenceModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_json(cls, data: dict) -> "SentenceModel":
        if tuple(data["features"]) != FEATURES:
            raise ValueError("sentence_model.json was fitted on other features: rerun scripts/fit_answering.py")
        return cls(np.array(data["weights"]), float(data["bias"]), np.array(data["mean"]), np.array(data["scale"]))


@lru_cache(maxsize=1)
def committed_model() -> SentenceModel | None:
    """The committed model, or None before one is fitted (then the first-stage score decides)."""
    if not MODEL_FILE.exists():
        return None
    return SentenceModel.from_json(json.loads(MODEL_FILE.read_text()))


_WORDS = re.compile(r"[\w’'-]+")
_NAME_OR_FIGURE = re.compile(r"\b(?:[A-Z][\w’'-]*|\d[\d,.]*)")
_CLOSED = re.compile(r"[.!?…\"”’')\]]\s*$")
# A key-facts line ("- Flights cancelled: about 140", "Death toll: 37"): a label and its value, a
# whole statement though it ends without a full stop.
_LABELLED_FACT = re.compile(r"^\s*(?:[-•*–]\s*)?(?!(?:read\s+(?:more|next)|related|see\s+also|watch|listen|more|"
                            r"advertisement|share)\b)[A-Z][^:.!?]{2,80}:\s+\S.{0,80}$", re.IGNORECASE)


def features(candidates: Sequence[Candidate], query: Query, typed: Sequence[bool],
             present: dt.date | None = None) -> np.ndarray:
    """One row of `FEATURES` per candidate; `typed[i]`: candidate i holds the kind of answer asked for;
    `present`: the archive's newest publication day by the question's as_of (`CorpusStats.present`).

    Not a feature: agreement across passages (how many other passages name what the sentence
    names). Measured with it and without: +0.016 of the sentences picked right on the pooled
    real-news archive, -0.064 on our archive's calibration set; and it scores every sentence of a small
    archive low, where no other passage can agree: a user's three articles would be refused more.
    Nor is page furniture: it is never a candidate (`rag.answering.tables.furniture.is_boilerplate`)."""
    terms = set(lexical.terms(query.text))
    subject = terms - query.speaker
    asked = {w.lower() for w in _WORDS.findall(query.text)}
    timed = query.constraints is not None and bool(query.constraints.times)
    dates = [c.published for c in candidates if c.published]
    newest = max(dates, default=None)
    best = max((c.score for c in candidates), default=0.0)
    rows = []
    for c, holds in zip(candidates, typed):
        words = _WORDS.findall(c.text)
        labelled = _LABELLED_FACT.match(c.text) is not None
        sentence_terms = set(lexical.terms(c.text))
        new = {n.lower().rstrip(".,") for n in _NAME_OR_FIGURE.findall(c.text)} - asked
        new.discard("")
        capitalised = sum(w[0].isupper() for w in words)
        published = c.published
        age = (newest - published).days if published else 0
        rows.append((
            c.score, c.dense, c.lexical,
            len(terms & sentence_terms) / len(terms) if terms else 0.0,
            len(subject & sentence_terms) / len(subject) if subject else 0.0,
            c.score - best,
            1.0 / max(c.rank, 1),
            float(c.start < 400),
            min(c.position, 5) / 5,
            float(query.answer_type is not None and holds),
            float(query.answer_type is None),
            min(len(new), 4) / 4,
            float(len(words) < 6 and not labelled or not (labelled or _CLOSED.search(c.text))
                  or (len(words) >= 4 and capitalised / len(words) > 0.7)),
            math.log1p(len(words)),
            float(c.text.rstrip().endswith("?")),
            math.log1p(max(age, 0)) / math.log(3650) if published and not timed else 0.0,
            math.log1p(max((present - published).days, 0)) / math.log(3650)
            if published and present and not timed else 0.0,
            float(published is None and not timed),
        ))
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))

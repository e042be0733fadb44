"""How likely a composed answer is to name what was asked: the last say on answering or refusing.

The extractive answerer decides early whether the passages answer at all (`Answerability`: the
best sentence's score and two more signs) and then composes the answer by its rules (the newest
report, the asked instance, a timeline). Whether the composed answer is right depends on more than
the first decision saw: how likely the quoted lead reads as an answer (`sentence_model`), whether
it is the best-scored sentence or one a rule preferred, whether other articles say as much, how old
its report is, what kind of question it is. A logistic model over those signs, fitted on the
calibration questions by `scripts/fit_confidence.py` (real news weeks with their near misses, our
calibration sets, archives written apart from the code), gives the probability that the answer
names what was asked; below `Settings.min_answer_confidence` the answerer refuses instead. The
model and its figures are committed in `confidence_model.json` beside this module.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag import lexical

MODEL_FILE = Path(__file__).with_name("confidence_model.json")

FEATURES = (
    "best",           # the best eligible sentence's first-stage score
    "lead_gap",       # the lead's score minus the best (≤ 0: a rule preferred another sentence)
    "lead_p",         # the sentence model's probability that the lead answers
    "max_p",          # the likeliest eligible sentence's probability
    "quoted_p",       # the likeliest quoted line's probability
    "lead_dense",     # the lead's vector · question
    "lead_lexical",   # idf-weighted share of the question's terms the lead holds
    "rarest_quoted",  # the quoted lines hold the question's rarest term the archive knows
    "named",          # the question names someone or something (a name the answer is about)
    "names_quoted",   # share of the question's names the quoted lines hold (1 when it names none)
    "names_passage",  # share of them the lead's passage and its title hold (1 when it names none)
    "coverage",       # share of the question's terms the quoted lines hold
    "unknown",        # idf-weighted share of the question's terms found nowhere in the archive
    "inverse_rank",   # 1 / rank of the lead's passage
    "typed",          # a kind of answer is asked and the lead holds one
    "untyped",        # no particular kind of answer is asked
    "figure",         # a figure is asked (a count, a sum, a share …)
    "time",           # a time is asked
    "who",            # a person or body is asked
    "latest",         # the answer is the newest report's ("now", "latest")
    "timeline",       # the answer is a dated timeline ("how did … change")
    "constrained",    # the question names a time, person or place the answer must honour
    "item",           # the question asks for an item the answer must name (not an explanation)
    "stale",          # log of the lead's report's age as of the archive's present, over log(3650)
    "agreeing",       # log of how many articles have an eligible sentence within the answer margin of the best
    "lines",          # how many lines are quoted
    "second_stage",   # the first decision was not clear-cut (best below `Settings.answer_above`)
)


@dataclass(frozen=True)
class Signs:
    """What the model reads of one composed answer (filled in by the extractive answerer)."""

    best: float
    lead_score: float
    lead_p: float
    max_p: float
    quoted_p: float
    lead_dense: float
    lead_lexical: float
    rarest_quoted: bool
    names: int
    names_quoted: float
    names_passage: float
    coverage: float
    unknown: float
    rank: int
    typed: bool
    untyped: bool
    figure: bool
    time: bool
    who: bool
    latest: bool
    timeline: bool
    constrained: bool
    item: bool
    age_days: int | None
    agreeing: int
    lines: int
    second_stage: bool

    def row(self) -> np.ndarray:
        stale = math.log1p(max(self.age_days, 0)) / math.log(3650) if self.age_days is not None else 0.0
        return np.array([
            self.best, self.lead_score - self.best, self.lead_p, self.max_p, self.quoted_p, self.lead_dense,
            self.lead_lexical, float(self.rarest_quoted), float(self.names > 0), self.names_quoted, self.names_passage,
            self.coverage, self.unknown, 1.0 / max(self.rank, 1), float(self.typed), float(self.untyped),
            float(self.figure), float(self.time), float(self.who), float(self.latest), float(self.timeline),
            float(self.constrained), float(self.item), stale, math.log1p(max(self.agreeing, 0)),
            min(self.lines, 5) / 5, float(self.second_stage),
        ], dtype=np.float64)


def coverage(question: str, texts: Sequence[str]) -> float:
    """Plain share of the question's terms the texts hold."""
    terms = set(lexical.terms(question))
    said = {t for text in texts for t in lexical.terms(text)}
    return len(terms & said) / len(terms) if terms else 0.0


def names_held(names: Sequence[str], texts: Sequence[str]) -> float:
    """Share of `names` whose every term the texts hold (1 when there are none)."""
    if not names:
        return 1.0
    said = {t for text in texts for t in lexical.terms(text)}
    return sum(set(lexical.terms(name)) <= said for name in names) / len(names)


def rarest_held(question: str, idf: dict, known: frozenset, texts: Sequence[str]) -> bool:
    """The texts hold the question's rarest term that the archive knows (False when it knows none)."""
    asked = [t for t in lexical.terms(question) if t in known]
    if not asked:
        return False
    rarest = max(asked, key=lambda t: idf.get(t, 0.0))
    return any(rarest in lexical.terms(text) for text in texts)


@dataclass(frozen=True)
class ConfidenceModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    def probability(self, signs: Signs) -> float:
        z = float(((signs.row() - self.mean) / self.scale) @ self.weights + self.bias)
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def from_json(cls, data: dict) -> "ConfidenceModel":
        if tuple(data["features"]) != FEATURES:
            raise ValueError("confidence_model.json was fitted on other features: rerun scripts/fit_confidence.py")
        return cls(np.array(data["weights"]), float(data["bias"]), np.array(data["mean"]), np.array(data["scale"]))


@lru_cache(maxsize=1)
def committed_model() -> ConfidenceModel | None:
    """The committed model, or None before one is fitted (then no answer is refused for it)."""
    if not MODEL_FILE.exists():
        return None
    return ConfidenceModel.from_json(json.loads(MODEL_FILE.read_text()))

"""Evaluation metrics as small pure functions. No model, no I/O: same inputs, same numbers."""

from __future__ import annotations

import math
import random
import re
import string
from collections import Counter
from collections.abc import Callable, Sequence

from rag.citations import markers, numbers_and_dates
from rag.question.cues import MONTH_NAMES, MONTHS

# ----- answers (SQuAD) ---------------------------------------------------------------------------


def normalize_answer(text: str) -> str:
    """SQuAD normalisation: lower case, no punctuation, no articles, single spaces."""
    text = text.lower()
    text = "".join(ch for ch in text if ch not in set(string.punctuation) | {"“", "”", "’", "‘", "—", "–"})
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def exact_match(prediction: str, reference: str) -> float:
    """1.0 when the normalised strings are equal."""
    return float(normalize_answer(prediction) == normalize_answer(reference))


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD token-overlap F1 between the normalised strings."""
    pred, ref = normalize_answer(prediction).split(), normalize_answer(reference).split()
    if not pred or not ref:
        return float(pred == ref)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def evidence_coverage(answer: str, evidence: Sequence[str], *, min_recall: float = 0.6) -> float:
    """Share of evidence quotes whose (normalised) tokens the answer mostly contains."""
    if not evidence:
        return 0.0
    answer_tokens = Counter(normalize_answer(answer).split())
    covered = 0
    for quote in evidence:
        tokens = Counter(normalize_answer(quote).split())
        if tokens and sum((tokens & answer_tokens).values()) / sum(tokens.values()) >= min_recall:
            covered += 1
    return covered / len(evidence)


CORRECTNESS_RECALL = 0.75
"""Share of the gold answer's content tokens an answer must contain to count as correct."""

# Words that carry no fact: a gold answer's phrasing ("then", "about", "from … to") is not required.
FUNCTION_WORDS = frozenset(
    "a an the and or but of in on at to from by for with as is was were be been it its their his her "
    "then than that which who whom this these those there about around some only also after before "
    "into over up down out not no yes".split()
)


def content_tokens(text: str) -> list[str]:
    """Normalised tokens of `text` without function words (SQuAD normalisation first). A possessive
    is its name: "Ann Lee's novel won" names "Ann Lee" (normalised alone, "Lee's" would be "lees").
    A month is its full name: "Dec 2022" and "December 2022" are one date."""
    text = re.sub(r"(?<=\w)['’]s\b", "", text)
    return [_MONTHS.get(t, t) for t in normalize_answer(text).split() if t not in FUNCTION_WORDS]


_MONTHS = {word: MONTH_NAMES[n - 1].lower() for word, n in MONTHS.items()}  # "dec" → "december"


def answer_correct(prediction: str, reference: str, *, threshold: float = CORRECTNESS_RECALL) -> float:
    """1.0 when the answer contains the gold fact: normalised token containment.

    Both strings are SQuAD-normalised (lower case, punctuation and articles removed, so "41,200"
    becomes "41200" and "2-0" becomes "20") and function words are dropped. The answer is correct
    when at least `threshold` (0.75) of the reference's remaining tokens, counted with multiplicity,
    occur in the answer. Extractive answers quote whole sentences, so precision is not required;
    a wrong instance that happens to share the tokens is caught by the wrong-instance rate instead.
    """
    ref = Counter(content_tokens(reference))
    if not ref:
        return 0.0
    pred = Counter(content_tokens(prediction))
    return float(sum((ref & pred).values()) / sum(ref.values()) >= threshold)


def distractors_in(answer: str, distractors: Sequence[str]) -> list[str]:
    """The distractors (another year's winner, another quarter's figure) the answer contains.

    Matched on SQuAD-normalised text at word boundaries, so "2.3 million" is found in "2.3 million
    customers" but "30" is not found in "1300".
    """
    text = f" {normalize_answer(answer)} "
    return [d for d in distractors if normalize_answer(d) and f" {normalize_answer(d)} " in text]


# ----- retrieval ---------------------------------------------------------------------------------


def contains_evidence(passage: str, quote: str) -> bool:
    """The passage holds the quote (normalised), so retrieving it retrieves that evidence."""
    return normalize_answer(quote) in normalize_answer(passage)


def evidence_ranks(passages: Sequence[str], evidence: Sequence[str]) -> list[int | None]:
    """For each evidence quote, the 1-based rank of the first passage holding it (None: not retrieved)."""
    return [next((i for i, p in enumerate(passages, start=1) if contains_evidence(p, q)), None) for q in evidence]


def hit_at_k(ranks: Sequence[int | None], k: int) -> float:
    """1.0 when any evidence is in the top k."""
    return float(any(r is not None and r <= k for r in ranks))


def recall_at_k(ranks: Sequence[int | None], k: int) -> float:
    """Share of evidence quotes found in the top k."""
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else 0.0


def reciprocal_rank(ranks: Sequence[int | None]) -> float:
    """1 / rank of the first passage holding any evidence."""
    found = [r for r in ranks if r is not None]
    return 1.0 / min(found) if found else 0.0


def ndcg_at_k(relevant: Sequence[bool], n_relevant: int, k: int = 10) -> float:
    """Binary-relevance nDCG@k; the ideal list puts min(n_relevant, k) relevant passages first. A
    passage is relevant when it holds an evidence sentence no passage above it held
    (`new_evidence_flags`), so one sentence in two passages counts once and the score is at most 1."""
    dcg = sum(1.0 / math.log2(i + 2) for i, rel in enumerate(relevant[:k]) if rel)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(n_relevant, k)))
    return dcg / ideal if ideal else 0.0


def new_evidence_flags(passages: Sequence[str], evidence: Sequence[str]) -> list[bool]:
    """For each passage in rank order, whether it holds an evidence sentence that no passage above it
    held: the sentence two chunks overlap on, or a syndicated copy's, is found once."""
    seen: set[int] = set()
    flags = []
    for passage in passages:
        new = {i for i, quote in enumerate(evidence) if i not in seen and contains_evidence(passage, quote)}
        flags.append(bool(new))
        seen |= new
    return flags


# ----- citations (ALCE) --------------------------------------------------------------------------

Judge = Callable[[str, Sequence[str]], bool]


def citation_scores(sentences: Sequence[str], passages: Sequence[str], judge: Judge) -> dict:
    """ALCE citation recall and precision counts for one answer.

    Recall: a sentence counts when it has markers, all of them valid, and the cited passages
    together support it. Precision: a citation counts unless it is irrelevant, i.e. it alone does
    not support the sentence while the sentence's other citations without it do. Citations of a
    sentence its citations do not support count as imprecise (as in ALCE's reference code).
    """
    supported = citations = precise = invalid = 0
    for sentence in sentences:
        cited = markers(sentence)
        citations += len(cited)
        bad = [n for n in cited if not 1 <= n <= len(passages)]
        invalid += len(bad)
        if not cited or bad:
            continue
        texts = [passages[n - 1] for n in dict.fromkeys(cited)]
        if not judge(sentence, texts):
            continue
        supported += 1
        if len(texts) == 1:
            precise += len(cited)
            continue
        for i, text in enumerate(texts):
            others = texts[:i] + texts[i + 1:]
            if judge(sentence, [text]) or not judge(sentence, others):
                precise += 1
    return {
        "sentences": len(sentences), "supported_sentences": supported,
        "citations": citations, "precise_citations": precise, "invalid_markers": invalid,
    }


def unsupported_numbers(answer: str, passages: Sequence[str]) -> list[str]:
    """Numbers and dates in the answer that no retrieved passage contains."""
    known = set(numbers_and_dates(" ".join(passages)))
    return [n for n in numbers_and_dates(answer) if n not in known]


# ----- aggregation -------------------------------------------------------------------------------


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile, q in [0, 1]."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def bootstrap_ci(
    items: Sequence, statistic: Callable[[Sequence], float | None], *, resamples: int = 1000,
    seed: int = 0, level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap confidence interval of `statistic` over resampled items."""
    if not items or statistic(items) is None:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        sample = [items[rng.randrange(len(items))] for _ in items]
        value = statistic(sample)
        if value is not None:
            values.append(value)
    if not values:
        return None
    values.sort()
    low = values[int((1 - level) / 2 * len(values))]
    high = values[min(len(values) - 1, int((1 + level) / 2 * len(values)))]
    return low, high

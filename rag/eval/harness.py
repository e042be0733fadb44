"""Run a system over a gold set once, then score the recorded run (pure and repeatable).

A *run* is one record per gold question: the answer text, whether it refused, its citations'
markers, the top-10 passage texts and the latency. Scoring reads only the run and the gold set,
so the same run always gives the same numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.citations import as_shown, split_answer, strip_markers
from rag.errors import RagError
from rag.eval import metrics as m

RETRIEVAL_DEPTH = 10  # passages recorded per question, for nDCG@10
K = 5  # the cut-off of hit@k and recall@k: the passages an answer is built from

GOLD_FIELDS = {"id", "question", "answer", "evidence", "answerable", "type", "as_of", "distractors"}
GOLD_TYPES = {
    "factual", "paraphrase", "synthesis", "attribution", "unanswerable",  # the seed set's types
    "temporal", "latest", "timeline", "near_miss", "cross_article",       # the archive's types
}
MUST_REFUSE = {"near_miss", "unanswerable"}  # types whose questions are all unanswerable


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answer: str
    evidence: tuple[str, ...]
    answerable: bool
    type: str
    as_of: str | None = None  # YYYY-MM-DD the question is asked on ("latest", "last week")
    distractors: tuple[str, ...] = ()  # strings whose presence means a wrong instance was quoted


@dataclass(frozen=True)
class RunItem:
    id: str
    answer: str
    refused: bool
    passages: tuple[str, ...]  # answer passages first ([n] = passages[n-1]), then deeper ones
    answer_passages: int  # how many of `passages` the answer could cite
    latency_ms: float
    extra: dict = field(default_factory=dict)


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read and validate a JSONL gold set; errors name the line and the field."""
    path = Path(path)
    if not path.exists():
        raise RagError(f"Gold set {path} does not exist.")
    items, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RagError(f"{where}: malformed JSON ({exc.msg}).") from None
        if not isinstance(record, dict):
            raise RagError(f"{where}: expected a JSON object.")
        missing = {"id", "question", "answerable"} - set(record)
        unknown = set(record) - GOLD_FIELDS
        if missing or unknown:
            raise RagError(
                f"{where}: " + "; ".join(
                    x for x in (
                        f"missing field(s) {sorted(missing)}" if missing else "",
                        f"unknown field(s) {sorted(unknown)}" if unknown else "",
                    ) if x
                ) + f". Fields: {sorted(GOLD_FIELDS)}."
            )
        kind = record.get("type", "factual" if record["answerable"] else "unanswerable")
        if kind not in GOLD_TYPES:
            raise RagError(f"{where}: type {kind!r} is not one of {sorted(GOLD_TYPES)}.")
        if record["id"] in seen:
            raise RagError(f"{where}: duplicate id {record['id']!r}.")
        seen.add(record["id"])
        evidence = record.get("evidence") or []
        if record["answerable"] and not evidence:
            raise RagError(f"{where}: an answerable question needs at least one evidence quote.")
        if kind in MUST_REFUSE and record["answerable"]:
            raise RagError(f"{where}: a {kind!r} question must have \"answerable\": false.")
        as_of = record.get("as_of")
        if as_of is not None:
            try:
                as_of = dt.date.fromisoformat(str(as_of)).isoformat()
            except ValueError:
                raise RagError(f"{where}: as_of {record['as_of']!r} is not a date; give it as YYYY-MM-DD.") from None
        distractors = record.get("distractors") or []
        if not isinstance(distractors, list) or not all(isinstance(d, str) and d.strip() for d in distractors):
            raise RagError(f"{where}: distractors must be a list of non-empty strings.")
        items.append(GoldItem(
            id=str(record["id"]), question=record["question"], answer=record.get("answer", ""),
            evidence=tuple(evidence), answerable=bool(record["answerable"]), type=kind,
            as_of=as_of, distractors=tuple(distractors),
        ))
    if not items:
        raise RagError(f"Gold set {path} holds no questions.")
    return items


def gold_hash(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def run_assistant(assistant, gold: Sequence[GoldItem]) -> list[RunItem]:
    """Ask every question once (the answer path users get), recording what scoring needs."""
    run = []
    for item in gold:
        started = time.perf_counter()
        answer = assistant.ask(item.question, as_of=item.as_of)
        latency = (time.perf_counter() - started) * 1000
        deeper = assistant.retriever.retrieve(item.question, k=RETRIEVAL_DEPTH)
        shown = [as_shown(p) for p in answer.passages]
        extra = [text for text in map(as_shown, deeper) if text not in shown]
        run.append(RunItem(
            id=item.id, answer=answer.text, refused=answer.refused,
            passages=tuple(shown + extra)[:max(RETRIEVAL_DEPTH, len(shown))], answer_passages=len(shown),
            latency_ms=latency,
            extra={"answerer": answer.answerer, "answerers": answer.answerers, "fell_back": answer.fell_back,
                   "removed_by_check": sum(u.action == "removed" for u in answer.unsupported),
                   "notice": answer.notice},
        ))
    return run


def score_item(gold: GoldItem, run: RunItem, judge: m.Judge) -> dict:
    """Every per-question metric, from the gold record and the recorded run alone."""
    out: dict = {"id": gold.id, "type": gold.type, "answerable": gold.answerable, "refused": run.refused,
                 "answer": run.answer, "latency_ms": run.latency_ms, "answer_words": len(run.answer.split()),
                 "removed_by_check": run.extra.get("removed_by_check", 0),
                 "fell_back": run.extra.get("fell_back", False)}
    cited = list(run.passages[:run.answer_passages])
    if gold.answerable:
        ranks = m.evidence_ranks(run.passages, gold.evidence)
        relevant = m.new_evidence_flags(run.passages, gold.evidence)
        out.update(
            hit_at_k=m.hit_at_k(ranks, K), recall_at_k=m.recall_at_k(ranks, K),
            mrr=m.reciprocal_rank(ranks), ndcg_at_10=m.ndcg_at_k(relevant, len(gold.evidence), 10),
            missed_evidence=[q for q, r in zip(gold.evidence, ranks) if r is None or r > K],
            exact_match=0.0 if run.refused else m.exact_match(strip_markers(run.answer), gold.answer),
            f1=0.0 if run.refused else m.token_f1(strip_markers(run.answer), gold.answer),
            evidence_coverage=0.0 if run.refused else m.evidence_coverage(run.answer, gold.evidence),
            correct=0.0 if run.refused else m.answer_correct(strip_markers(run.answer), gold.answer),
        )
    else:
        out["correct"] = float(run.refused)  # the right answer to an unanswerable question is a refusal
    if gold.distractors and not run.refused:
        found = m.distractors_in(strip_markers(run.answer), gold.distractors)
        out["wrong_instance"] = float(bool(found))
        out["distractors_found"] = found
    if not run.refused:
        sentences = split_answer(run.answer)
        out.update(m.citation_scores(sentences, cited, judge))
        unsupported = [s for s in sentences if not judge(s, list(run.passages[:run.answer_passages]))]
        out["faithful_sentences"] = len(sentences) - len(unsupported)
        out["unsupported_sentences"] = unsupported
        out["unsupported_numbers"] = m.unsupported_numbers(strip_markers(run.answer), cited)
    return out


def summarize(items: Sequence[dict], *, bootstrap: bool = True) -> dict:
    """Aggregate per-question scores; each metric as {"value", "ci"} (95 % bootstrap interval)."""
    answerable = [i for i in items if i["answerable"]]
    answered = [i for i in items if not i["refused"]]

    def avg(key):
        return lambda sample: m.mean([i[key] for i in sample if key in i])

    def pooled(num, den):
        return lambda sample: m.ratio(sum(i.get(num, 0) for i in sample), sum(i.get(den, 0) for i in sample))

    def refusal_precision(sample):
        refused = [i for i in sample if i["refused"]]
        return m.ratio(sum(not i["answerable"] for i in refused), len(refused))

    def refusal_recall(sample):
        unanswerable = [i for i in sample if not i["answerable"]]
        return m.ratio(sum(i["refused"] for i in unanswerable), len(unanswerable))

    def wrongful_refusals(sample):
        answerable_ = [i for i in sample if i["answerable"]]
        return m.ratio(sum(i["refused"] for i in answerable_), len(answerable_))

    def refusal_accuracy(sample):
        return m.mean([float(i["refused"] != i["answerable"]) for i in sample])

    def refusal_balanced_accuracy(sample):
        recall, wrongful = refusal_recall(sample), wrongful_refusals(sample)
        return None if recall is None or wrongful is None else (recall + 1 - wrongful) / 2

    def unsupported_numbers(sample):
        return float(sum(len(i.get("unsupported_numbers", [])) for i in sample))

    def invalid_markers(sample):
        return float(sum(i.get("invalid_markers", 0) for i in sample))

    specs = {
        "retrieval.hit_at_5": (answerable, avg("hit_at_k")),
        "retrieval.recall_at_5": (answerable, avg("recall_at_k")),
        "retrieval.mrr": (answerable, avg("mrr")),
        "retrieval.ndcg_at_10": (answerable, avg("ndcg_at_10")),
        "answer.exact_match": (answerable, avg("exact_match")),
        "answer.f1": (answerable, avg("f1")),
        "answer.evidence_coverage": (answerable, avg("evidence_coverage")),
        "answer.correctness": (items, avg("correct")),
        "answer.wrong_instance_rate": (answered, avg("wrong_instance")),
        "citations.recall": (answered, pooled("supported_sentences", "sentences")),
        "citations.precision": (answered, pooled("precise_citations", "citations")),
        "citations.invalid_markers": (answered, invalid_markers),
        "citations.unsupported_numbers": (answered, unsupported_numbers),
        "faithfulness": (answered, pooled("faithful_sentences", "sentences")),
        "refusal.precision": (items, refusal_precision),
        "refusal.recall": (items, refusal_recall),
        "refusal.wrongful_rate": (items, wrongful_refusals),
        "refusal.accuracy": (items, refusal_accuracy),
        "refusal.balanced_accuracy": (items, refusal_balanced_accuracy),
        "refusal.near_miss_refused": ([i for i in items if i["type"] == "near_miss"], avg("correct")),
        "refusal.unanswerable_refused": ([i for i in items if i["type"] == "unanswerable"], avg("correct")),
        "cost.answer_words": (items, avg("answer_words")),
        "check.sentences_removed": (items, lambda sample: float(sum(i["removed_by_check"] for i in sample))),
        "check.fallback_rate": (items, lambda sample: m.mean([float(i["fell_back"]) for i in sample])),
    }
    out = {}
    for name, (sample, statistic) in specs.items():
        value = statistic(sample)
        ci = m.bootstrap_ci(sample, statistic) if bootstrap and value is not None else None
        out[name] = {"value": value, "ci": list(ci) if ci else None}
    latencies = [i["latency_ms"] for i in items]
    out["cost.latency_p50_ms"] = {"value": m.percentile(latencies, 0.5), "ci": None}
    out["cost.latency_p95_ms"] = {"value": m.percentile(latencies, 0.95), "ci": None}
    out["questions"] = {"value": len(items), "ci": None}
    return out


def summarize_by_type(items: Sequence[dict], *, bootstrap: bool = True) -> dict[str, dict]:
    """The same summary per question type, so a weak type cannot hide in the overall mean."""
    types = sorted({i["type"] for i in items})
    return {t: summarize([i for i in items if i["type"] == t], bootstrap=bootstrap) for t in types}


def evaluate_run(gold: Sequence[GoldItem], run: Sequence[RunItem], judge: m.Judge) -> tuple[list[dict], dict]:
    by_id = {r.id: r for r in run}
    items = [score_item(g, by_id[g.id], judge) for g in gold]
    summary = summarize(items)
    summary["by_type"] = summarize_by_type(items)
    return items, summary


Runner = Callable[[Sequence[GoldItem]], list[RunItem]]

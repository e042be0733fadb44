"""Fit the sentence model (rag/answering/sentence_model.py) on calibration questions only.

    python scripts/fit_answering.py [--realtimeqa DIR] [--cache FILE] [--recollect]

Calibration questions: the RealTimeQA development weeks up to `LAST_CALIBRATION_WEEK` (real news,
asked as of each question's date over the pooled archive index/realtimeqa that `make eval-public`
builds), and our own calibration sets (eval/gold/calibration.jsonl, eval/gold/archive-calibration.jsonl)
over their own articles. The test weeks and the evaluation gold sets are never read here.

For every question the answerer's candidate sentences are scored as `ask` scores them (retrieval as
of the question date, constraints applied) and each eligible one is labelled: a RealTimeQA sentence
answers when it names the gold choice more than any other (rag.eval.realtimeqa.verdict); one of
ours when it is (or holds) a gold evidence sentence. Near misses are simulated for the RealTimeQA
questions: the same question over the passages left when every article naming the gold choice is
dropped (every sentence then is a non-answer), so the model learns what a topical non-answer looks
like. The features are cached; the fit (L2-regularised logistic regression, Newton's method,
deterministic) reports top-1 accuracy of the sentence choice against the first-stage score and the
calibration (ECE, reliability table) of the chosen sentence's probability, then writes
rag/answering/sentence_model.json.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.answering.extractive import RERANK_MARGIN  # noqa: E402  (the repository's rag, put on the path above)

OUR_SETS = (("eval/gold/calibration.jsonl", "data/articles"),
            ("eval/gold/archive-calibration.jsonl", "data/archive-dev/articles"))
L2 = 1.0
BINS = 10
FOLDS = 5
MARGINS = (0.0, 0.05, 0.08, 0.12, 0.2, 1.0)
NEAR_MISS_REFUSED = 0.6  # the product's target for questions whose asked-for instance is absent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realtimeqa", default=os.environ.get("RAG_REALTIMEQA_DIR")
                        or str(ROOT.parent / "shared" / "data" / "realtimeqa"))
    parser.add_argument("--index", default=str(ROOT / "index" / "realtimeqa"))
    parser.add_argument("--cache", default=str(ROOT / "index" / "fit-answering.pkl"))
    parser.add_argument("--recollect", action="store_true")
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model")
    args = parser.parse_args(argv)

    cache = Path(args.cache)
    if cache.exists() and not args.recollect:
        groups = pickle.loads(cache.read_bytes())
    else:
        groups = collect(Path(args.realtimeqa), Path(args.index))
        cache.write_bytes(pickle.dumps(groups))
    fit_and_report(groups, write=not args.dry_run)
    return 0


# ----- collecting -------------------------------------------------------------------------------


def collect(realtimeqa: Path, index: Path) -> list[dict]:
    from rag import Assistant
    from rag.eval import realtimeqa as rt

    groups: list[dict] = []
    for gold, articles in OUR_SETS:
        with tempfile.TemporaryDirectory() as tmp:
            assistant = Assistant.build([ROOT / articles], Path(tmp) / "index")
            for record in map(json.loads, (ROOT / gold).read_text().splitlines()):
                if record.get("type") == "near_miss":
                    continue  # decided by the constraint check, not by this model
                evidence = [_normal(e) for e in record.get("evidence", [])]
                label = (lambda text, ev=evidence: any(e and (e in _normal(text) or _normal(text) in e) for e in ev))
                groups.append(_group(assistant, record["question"], record.get("as_of"), label,
                                     source=Path(gold).stem, answerable=bool(record.get("answerable", True))))
        print(f"{gold}: {sum(g['source'] == Path(gold).stem for g in groups)} questions", flush=True)

    if not (realtimeqa / "qa.jsonl").is_file() or not (index / "manifest.json").exists() and not index.exists():
        print(f"no RealTimeQA data or index ({realtimeqa}, {index}): fitted on our sets only")
        return groups
    assistant = Assistant.load(index)
    articles = {json.loads(line)["url"]: json.loads(line) for line in
                (realtimeqa / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    questions = [q for q in rt.load_questions(realtimeqa) if q.split == "calibration"]
    words = {url: rt.word_counts(f"{a['title']}\n{a['text']}") for url, a in articles.items()}
    for n, q in enumerate(questions, 1):
        label = (lambda text, q=q: rt.verdict(text, q.choices, q.gold) == "gold")
        groups.append(_group(assistant, q.question, q.as_of, label, source="realtimeqa", answerable=True))
        # The near miss: the same question without the articles that name its gold choice.
        ids = {rt.article_id(u) for u, counts in words.items() if rt.names_choice(counts, q.choices, q.gold)}
        groups.append(_group(assistant, q.question, q.as_of, lambda text: False, source="realtimeqa-near-miss",
                             answerable=False, without=ids))
        if n % 25 == 0:
            print(f"realtimeqa: {n}/{len(questions)}", flush=True)
    return groups


def _group(assistant, question: str, as_of, label, *, source: str, answerable: bool,
           without: set[str] = frozenset()) -> dict:
    from rag.answering.sentence_model import features
    from rag.question import read

    answerer = assistant.answerer
    query = read(question, (), as_of)
    k = assistant.settings.k
    passages = assistant.retriever.retrieve(query, k=k if not without else 50)
    if without:
        kept = [p for p in passages if p.chunk.article_id not in without][:k]
        passages = [replace(p, rank=i) for i, p in enumerate(kept, 1)]
    stats = assistant.retriever.corpus_stats(query, passages)
    sentences = [s for s in answerer.candidates(query, passages, stats) if s.eligible]
    x = features([s.candidate() for s in sentences], query, [s.typed for s in sentences], stats.present)
    y = np.array([bool(label(s.text)) for s in sentences], dtype=bool)
    assessment = answerer.assess(query, passages, stats)[1]
    return {"source": source, "question": question, "x": x, "y": y, "answerable": answerable,
            "scores": np.array([s.score for s in sentences]),
            "answered_now": bool(assessment and assessment.answerable)}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


# ----- fitting ----------------------------------------------------------------------------------


def fit_and_report(groups: list[dict], *, write: bool) -> None:
    from rag.answering.sentence_model import FEATURES, MODEL_FILE

    rows = [g for g in groups if len(g["y"])]
    x = np.vstack([g["x"] for g in rows])
    y = np.concatenate([g["y"] for g in rows]).astype(float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = _logistic((x - mean) / scale, y, L2, _balanced(rows))
    print(f"{len(rows)} questions, {len(y)} candidate sentences, {int(y.sum())} answering\n")
    print("feature        weight (per standard deviation)")
    for name, w in sorted(zip(FEATURES, weights), key=lambda t: -abs(t[1])):
        print(f"  {name:<13} {w:+.3f}")

    # Held-out figures: each question scored by a model fitted without its fold (folds by question).
    fold = np.array([zlib.crc32(g["question"].encode()) % FOLDS for g in rows])
    held_out = {}
    for f in range(FOLDS):
        train = [g for g, k in zip(rows, fold) if k != f]
        tx = np.vstack([g["x"] for g in train])
        ty = np.concatenate([g["y"] for g in train]).astype(float)
        fw, fb = _logistic((tx - mean) / scale, ty, L2, _balanced(train))
        for i in np.flatnonzero(fold == f):
            held_out[i] = _p(rows[i]["x"], fw, fb, mean, scale)
    print(f"\nsentence choice, questions whose candidates hold an answer: top-1 right ({FOLDS}-fold held out);"
          f"\nthe model re-ranks the sentences within a margin of the best score (0: the first-stage score alone)")
    for margin in MARGINS:
        shown = []
        for source in sorted({g["source"] for g in rows}):
            part = [i for i, g in enumerate(rows) if g["source"] == source and g["y"].any()]
            if part:
                right = sum(rows[i]["y"][_pick(rows[i], held_out[i], margin)] for i in part)
                shown.append(f"{source} (n={len(part)}) {right / len(part):.3f}")
        print(f"  margin {margin:<4} " + " | ".join(shown) + ("   <- RERANK_MARGIN" if margin == RERANK_MARGIN else ""))

    top = [(float(held_out[i].max()), bool(g["y"][_pick(g, held_out[i], RERANK_MARGIN)])) for i, g in enumerate(rows)]
    ece, table = _calibration(top)
    print(f"\ncalibration of the chosen sentence's probability (held out): ECE {ece:.3f}")
    for lo, hi, n, mean_p, rate in table:
        print(f"  p in [{lo:.1f}, {hi:.1f}): n={n:>4}  mean p {mean_p:.3f}  right {rate:.3f}")

    threshold = _refusal_threshold(rows, groups, held_out)

    if write:
        MODEL_FILE.write_text(json.dumps({
            "min_answer_likelihood": threshold,
            "features": list(FEATURES), "weights": [round(float(w), 6) for w in weights],
            "bias": round(float(bias), 6), "mean": [round(float(m), 6) for m in mean],
            "scale": [round(float(s), 6) for s in scale], "l2": L2,
            "fitted_on": {source: sum(g["source"] == source for g in rows) for source in sorted({g["source"] for g in rows})},
            "ece": round(ece, 4),
        }, indent=1) + "\n")
        print(f"\nwrote {MODEL_FILE.relative_to(ROOT)}")


def _refusal_threshold(rows: list[dict], groups: list[dict], held_out: dict) -> float:
    """The least `min_answer_likelihood` at which the simulated near misses are refused at least
    `NEAR_MISS_REFUSED` of the time, on the held-out probabilities of the calibration questions
    (it judges only questions that ask for an item, `Query.asks_item`, as `ask` does);
    the first-stage decision is kept (the threshold only adds refusals). Every refusal costs
    answers that were right, so the least threshold that meets the target is the one taken."""
    from rag.question import read

    index = {id(g): i for i, g in enumerate(rows)}
    item = {id(g): read(g["question"]).asks_item for g in groups}  # the threshold judges only these

    def outcome(g: dict, threshold: float) -> str:
        i = index.get(id(g))
        if not g["answered_now"] or i is None or item[id(g)] and held_out[i].max() < threshold:
            return "refused"
        return "right" if g["answerable"] and g["y"][_pick(g, held_out[i], RERANK_MARGIN)] else "wrong"

    print("\nrefusal threshold on the chosen sentence's probability (held out): right / wrong / refused")
    chosen = None
    for threshold in np.round(np.arange(0.0, 0.31, 0.01), 2):
        outcomes = {source: [outcome(g, threshold) for g in groups if g["source"] == source]
                    for source in sorted({g["source"] for g in groups})}
        near = outcomes.get("realtimeqa-near-miss", [])
        met = not near or near.count("refused") / len(near) >= NEAR_MISS_REFUSED
        if chosen is None and met:
            chosen = float(threshold)
        if round(threshold * 100) % 5 == 0 or threshold == chosen:
            print(f"  {threshold:.2f}{' *' if threshold == chosen else '  '} " + " | ".join(
                f"{source[:22]} {o.count('right') / len(o):.2f}/{o.count('wrong') / len(o):.2f}/{o.count('refused') / len(o):.2f}"
                for source, o in outcomes.items()))
    chosen = 0.3 if chosen is None else chosen
    print(f"chosen: {chosen:.2f} (Settings.min_answer_likelihood in rag/config.py must equal it)")
    return chosen


def _pick(group: dict, probabilities: np.ndarray, margin: float) -> int:
    """The sentence `_choose` answers with: the likeliest of those within `margin` of the best score."""
    close = group["scores"] >= group["scores"].max() - margin
    return int(np.argmax(np.where(close, probabilities, -1.0)))


def _p(x, weights, bias, mean, scale) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(((x - mean) / scale) @ weights + bias)))


def _balanced(groups: list[dict]) -> np.ndarray:
    """Row weights giving every source of questions the same total weight: the real news weeks
    outnumber our own sets, whose kinds of question (explanations, attributions over one article)
    must not be drowned by them."""
    counts = {}
    for g in groups:
        counts[g["source"]] = counts.get(g["source"], 0) + len(g["y"])
    rows = sum(counts.values())
    return np.concatenate([np.full(len(g["y"]), rows / (len(counts) * counts[g["source"]])) for g in groups])


def _logistic(x: np.ndarray, y: np.ndarray, l2: float, weights: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (bias unpenalised, rows weighted) by Newton's method."""
    a = np.hstack([x, np.ones((len(x), 1))])
    r = np.ones(len(x)) if weights is None else weights
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        gradient = a.T @ (r * (p - y)) + penalty * w
        hessian = (a * (r * p * (1 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def _calibration(pairs: list[tuple[float, bool]]) -> tuple[float, list[tuple]]:
    table, ece = [], 0.0
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [(p, ok) for p, ok in pairs if lo <= p < hi or (b == BINS - 1 and p == 1.0)]
        if not inside:
            continue
        mean_p = sum(p for p, _ in inside) / len(inside)
        rate = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean_p - rate)
        table.append((lo, hi, len(inside), mean_p, rate))
    return ece, table


if __name__ == "__main__":
    raise SystemExit(main())

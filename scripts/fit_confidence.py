"""Fit the answer-confidence model (rag/answering/confidence.py) on calibration questions only.

    python scripts/fit_confidence.py [--realtimeqa DIR] [--index DIR] [--cache FILE] [--recollect] [--dry-run]

Every calibration question is answered the way `ask` answers it, with the confidence floor off, and
each composed (not refused) answer is labelled right or not:
- the RealTimeQA development weeks up to the last calibration week, over the pooled archive
  (`make eval-public` builds index/realtimeqa): right when the answer names the gold choice more than
  any other (`rag.eval.realtimeqa.verdict`); and each one's near miss, the same question over the
  passages left when every article naming the gold choice is dropped: any answer is wrong;
- our calibration sets (eval/gold/calibration.jsonl, eval/gold/archive-calibration.jsonl) and the
  archives written apart from the code (data/written-apart/*: dated news and encyclopedic paragraphs
  with adversarial unanswerable questions), each over its own articles: right when the answer holds
  the gold answer (`rag.eval.metrics.answer_correct`) and names no distractor; any answer to an
  unanswerable question is wrong.
The test weeks and the evaluation gold sets are never read here.

The fit: L2-regularised logistic regression, each source weighted alike, deterministic (Newton's
method). Reported on 5 folds held out by question: the calibration of the probability (ECE and a
reliability table), and for each floor the share of answers right / wrong / refused per source. The
floor taken is the one that maximises right minus wrong answers over the sources (each source
weighing alike): refusing is worth more than a wrong answer and less than a right one. Writes
rag/answering/confidence_model.json; `Settings.min_answer_confidence` must equal the floor printed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_answering import _calibration, _logistic  # noqa: E402  (scripts/ put on the path above)

GOLD_SETS = (("eval/gold/calibration.jsonl", "data/articles"),
             ("eval/gold/archive-calibration.jsonl", "data/archive-dev/articles"),
             *((f"data/written-apart/{name}/gold.jsonl", f"data/written-apart/{name}/articles")
               for name in ("h", "g", "adv4")))
L2 = 1.0
FOLDS = 5
FLOORS = np.round(np.arange(0.0, 0.61, 0.02), 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realtimeqa", default=os.environ.get("RAG_REALTIMEQA_DIR")
                        or str(ROOT.parent / "shared" / "data" / "realtimeqa"))
    parser.add_argument("--index", default=str(ROOT / "index" / "realtimeqa"))
    parser.add_argument("--cache", default=str(ROOT / "index" / "fit-confidence.pkl"))
    parser.add_argument("--recollect", action="store_true")
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model")
    args = parser.parse_args(argv)

    cache = Path(args.cache)
    if cache.exists() and not args.recollect:
        rows = pickle.loads(cache.read_bytes())
    else:
        rows = collect(Path(args.realtimeqa), Path(args.index))
        cache.write_bytes(pickle.dumps(rows))
    fit_and_report(rows, write=not args.dry_run)
    return 0


# ----- collecting -------------------------------------------------------------------------------


def collect(realtimeqa: Path, index: Path) -> list[dict]:
    """One row per calibration question: its source, whether it was answered, and for an answer
    the model's signs and whether it was right."""
    from rag import Assistant
    from rag.config import Settings
    from rag.eval import metrics as m
    from rag.eval import realtimeqa as rt
    from rag.citations import strip_markers

    settings = Settings(min_answer_confidence=0.0)
    rows: list[dict] = []
    for gold, articles in GOLD_SETS:
        source = Path(gold).stem if Path(gold).stem != "gold" else Path(gold).parent.name
        with tempfile.TemporaryDirectory() as tmp:
            assistant = Assistant.build([ROOT / articles], Path(tmp) / "index", settings=settings)
            for record in map(json.loads, filter(str.strip, (ROOT / gold).read_text().splitlines())):
                answer = assistant.ask(record["question"], as_of=record.get("as_of"))
                text = strip_markers(answer.text)
                right = (bool(record.get("answerable", True)) and m.answer_correct(text, record["answer"]) >= 1.0
                         and not m.distractors_in(text, record.get("distractors") or ()))
                rows.append(_row(source, record["question"], answer, right))
        print(f"{gold}: {sum(r['source'] == source for r in rows)} questions", flush=True)

    if not (realtimeqa / "qa.jsonl").is_file() or not index.exists():
        print(f"no RealTimeQA data or index ({realtimeqa}, {index}): fitted on the gold sets only")
        return rows
    from rag.question import read

    assistant = Assistant.load(index, settings=settings)
    articles = [json.loads(line) for line in (realtimeqa / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    words = {a["url"]: rt.word_counts(f"{a['title']}\n{a['text']}") for a in articles}
    questions = [q for q in rt.load_questions(realtimeqa) if q.split == "calibration"]
    for n, q in enumerate(questions, 1):
        answer = assistant.ask(q.question, as_of=q.as_of)
        rows.append(_row("realtimeqa", q.question, answer, rt.verdict(answer.text, q.choices, q.gold) == "gold",
                         other=rt.verdict(answer.text, q.choices, q.gold) == "other"))
        # The near miss: the same question without the articles that name its gold choice.
        dropped = {rt.article_id(u) for u, counts in words.items() if rt.names_choice(counts, q.choices, q.gold)}
        query = read(q.question, (), q.as_of)
        kept = [p for p in assistant.retriever.retrieve(query, k=50) if p.chunk.article_id not in dropped]
        passages = [replace(p, rank=i) for i, p in enumerate(kept[:assistant.settings.k], 1)]
        stats = assistant.retriever.corpus_stats(query, passages)
        rows.append(_row("realtimeqa-near-miss", q.question, assistant.answerer.answer(query, passages, stats), False))
        if n % 25 == 0:
            print(f"realtimeqa: {n}/{len(questions)}", flush=True)
    return rows


def _row(source: str, question: str, answer, right: bool, *, other: bool = False) -> dict:
    signs = answer.signs
    return {"source": source, "question": question, "answered": not answer.refused and signs is not None,
            "refused": answer.refused, "x": signs.row() if signs is not None and not answer.refused else None,
            "right": bool(right) and not answer.refused, "other": other and not answer.refused}


# ----- fitting ----------------------------------------------------------------------------------


def fit_and_report(rows: list[dict], *, write: bool) -> None:
    from rag.answering.confidence import FEATURES, MODEL_FILE

    answered = [r for r in rows if r["answered"]]
    sources = sorted({r["source"] for r in rows})
    x = np.vstack([r["x"] for r in answered])
    y = np.array([r["right"] for r in answered], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = _logistic((x - mean) / scale, y, L2, _balanced(answered))
    print(f"{len(rows)} questions, {len(answered)} answered, {int(y.sum())} of them right\n")
    print("feature        weight (per standard deviation)")
    for name, w in sorted(zip(FEATURES, weights), key=lambda t: -abs(t[1])):
        print(f"  {name:<13} {w:+.3f}")

    # Held out: each answer judged by a model fitted without its fold (folds by question).
    fold = np.array([zlib.crc32(r["question"].encode()) % FOLDS for r in answered])
    held_out = np.zeros(len(answered))
    for f in range(FOLDS):
        train = [r for r, k in zip(answered, fold) if k != f]
        tx = np.vstack([r["x"] for r in train])
        ty = np.array([r["right"] for r in train], dtype=float)
        fw, fb = _logistic((tx - mean) / scale, ty, L2, _balanced(train))
        inside = np.flatnonzero(fold == f)
        held_out[inside] = 1.0 / (1.0 + np.exp(-(((x[inside] - mean) / scale) @ fw + fb)))
    ece, table = _calibration([(float(p), bool(r["right"])) for p, r in zip(held_out, answered)])
    print(f"\ncalibration of the probability that an answer is right (held out): ECE {ece:.3f}")
    for lo, hi, n, mean_p, rate in table:
        print(f"  p in [{lo:.1f}, {hi:.1f}): n={n:>4}  mean p {mean_p:.3f}  right {rate:.3f}")
    for source in sources:
        part = [(float(p), bool(r["right"])) for p, r in zip(held_out, answered) if r["source"] == source]
        if part:
            print(f"  {source:<24} n={len(part):>4}  ECE {_calibration(part)[0]:.3f}")

    p_of = {id(r): p for r, p in zip(answered, held_out)}
    print("\nfloor: per source, share of questions answered right / answered wrong / refused (held out)")
    best_floor, best_gain = 0.0, -np.inf
    for floor in FLOORS:
        shown, gain = [], 0.0
        for source in sources:
            part = [r for r in rows if r["source"] == source]
            kept = [r for r in part if r["answered"] and p_of[id(r)] >= floor]
            right = sum(r["right"] for r in kept) / len(part)
            wrong = sum(not r["right"] for r in kept) / len(part)
            gain += right - wrong
            other = sum(r["other"] for r in kept) / len(part)
            shown.append(f"{source[:14]} {right:.2f}/{wrong:.2f}/{1 - right - wrong:.2f}"
                         + (f" (other {other:.2f})" if source == "realtimeqa" else ""))
        if gain > best_gain + 1e-9:
            best_floor, best_gain = float(floor), gain
        print(f"  {floor:.2f} gain {gain:+.3f}  " + " | ".join(shown))
    print(f"chosen floor: {best_floor:.2f} (Settings.min_answer_confidence in rag/config.py must equal it)")

    if write:
        MODEL_FILE.write_text(json.dumps({
            "min_answer_confidence": best_floor,
            "features": list(FEATURES), "weights": [round(float(w), 6) for w in weights],
            "bias": round(float(bias), 6), "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale], "l2": L2,
            "fitted_on": {source: sum(r["source"] == source for r in answered) for source in sources},
            "ece": round(ece, 4),
        }, indent=1) + "\n")
        print(f"\nwrote {MODEL_FILE.relative_to(ROOT)}")


def _balanced(rows: list[dict]) -> np.ndarray:
    """Row weights giving every source the same total weight."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    return np.array([len(rows) / (len(counts) * counts[r["source"]]) for r in rows])


if __name__ == "__main__":
    raise SystemExit(main())

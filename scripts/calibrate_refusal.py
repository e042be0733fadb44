"""Fit when the extractive answerer answers and when it refuses, on questions with known answers.

    python scripts/calibrate_refusal.py [--gold eval/gold/calibration.jsonl] [--index DIR]

For every question of the calibration set it computes the answerer's features (best sentence
score, best stand-alone sentence similarity, share of question terms unknown to the index), then
- fits the second-stage model: a logistic regression with balanced class weights (so answerable
  and unanswerable questions count equally), solved by Newton's method — deterministic;
- sets the first-stage bands with a 0.05 margin: `answer_above` just above the best score any
  unanswerable question reached, `refuse_below` just below the lowest any answerable one reached.
It prints the table and the settings to commit in rag/config.py. The calibration set is kept
apart from the evaluation gold set (eval/gold/seed.jsonl), which is never used for fitting.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MARGIN = 0.05


def features(assistant, records: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for record in records:
        passages = assistant.retriever.retrieve(record["question"])
        _, a = assistant.answerer.assess(record["question"], passages, full=True)
        rows.append([a.best, a.standalone, a.unknown])
        labels.append(1.0 if record["answerable"] else 0.0)
    return np.asarray(rows), np.asarray(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = 0.01, steps: int = 50) -> tuple[np.ndarray, float]:
    """Class-balanced, lightly L2-regularised logistic regression by Newton's method."""
    design = np.hstack([x, np.ones((len(x), 1))])
    sample_weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    w = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1 / (1 + np.exp(-design @ w))
        gradient = design.T @ (sample_weight * (p - y)) + penalty @ w
        hessian = design.T @ (design * (sample_weight * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1], float(w[-1])


def calibrate(x: np.ndarray, y: np.ndarray) -> dict:
    weights, bias = fit_logistic(x, y)
    best = x[:, 0]
    answer_above = math.ceil((best[y == 0].max() + MARGIN) * 100) / 100
    refuse_below = math.floor((best[y == 1].min() - MARGIN) * 100) / 100
    return {
        "answer_above": answer_above,
        "refuse_below": refuse_below,
        "answerability_weights": tuple(round(float(v), 2) for v in weights),
        "answerability_bias": round(bias, 2),
    }


def decide(x: np.ndarray, settings: dict) -> np.ndarray:
    """The answerer's two-stage rule over feature rows: True = answer."""
    w, b = np.asarray(settings["answerability_weights"]), settings["answerability_bias"]
    z = x @ w + b
    best = x[:, 0]
    return (best >= settings["answer_above"]) | ((best >= settings["refuse_below"]) & (z >= 0))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "calibration.jsonl")
    parser.add_argument("--index", type=Path, default=None, help="default: build the bundled articles afresh")
    args = parser.parse_args()
    from rag import Assistant, Settings

    if args.index is None:
        assistant = Assistant.build([ROOT / "data" / "articles"], Path(tempfile.mkdtemp()) / "calibration")
    else:
        assistant = Assistant.load(args.index)
    records = [json.loads(line) for line in args.gold.read_text().splitlines() if line.strip()]
    x, y = features(assistant, records)
    fitted = calibrate(x, y)
    answered = decide(x, fitted)
    print(" best  alone unknown  answer?  label         question")
    for (best, alone, unknown), label, ok, record in sorted(zip(x.tolist(), y, answered, records), key=lambda r: -r[0][0]):
        flag = "" if ok == bool(label) else "  ← wrong"
        print(f"{best:5.2f}  {alone:5.2f}  {unknown:5.2f}   {'yes' if ok else 'no ':3s}    "
              f"{'answerable  ' if label else 'unanswerable'}  {record['question']}{flag}")
    recall = float(answered[y == 1].mean())
    refused = float((~answered[y == 0]).mean())
    print(f"\nanswers {recall:.0%} of answerable and refuses {refused:.0%} of unanswerable calibration questions "
          f"(balanced accuracy {(recall + refused) / 2:.3f})")
    print("\nsettings to commit (rag/config.py):")
    for key, value in fitted.items():
        print(f"  {key} = {value}    (committed: {getattr(Settings(), key)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Calibrate the extractive answerer's refusal threshold on questions with known answers.

    python scripts/calibrate_refusal.py [--gold eval/gold/calibration.jsonl] [--index DIR]

For every question it takes the answerer's confidence (its best sentence score), then picks the
threshold that best separates answerable from unanswerable questions (balanced accuracy; the
middle of the best interval, so neither side sits on the edge). It prints the table and the
threshold to commit as `Settings.refusal_threshold`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def confidences(gold_path: Path, index_path: Path | None) -> list[tuple[dict, float]]:
    from rag import Assistant

    if index_path is None:
        index_path = Path(tempfile.mkdtemp()) / "calibration"
        assistant = Assistant.build([ROOT / "data" / "articles"], index_path)
    else:
        assistant = Assistant.load(index_path)
    records = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
    out = []
    for record in records:
        passages = assistant.retriever.retrieve(record["question"])
        out.append((record, assistant.answerer.confidence(record["question"], passages)))
    return out


def best_threshold(scored: list[tuple[bool, float]]) -> tuple[float, float, tuple[float, float]]:
    """(threshold, balanced accuracy, (low, high) interval of equally good thresholds)."""
    values = sorted({round(s, 4) for _, s in scored})
    candidates = [values[0] - 0.01] + [(a + b) / 2 for a, b in zip(values, values[1:])] + [values[-1] + 0.01]

    def balanced(t: float) -> float:
        answerable = [s for ok, s in scored if ok]
        unanswerable = [s for ok, s in scored if not ok]
        answered = sum(s >= t for s in answerable) / max(len(answerable), 1)
        refused = sum(s < t for s in unanswerable) / max(len(unanswerable), 1)
        return (answered + refused) / 2

    best = max(balanced(t) for t in candidates)
    good = [t for t in candidates if balanced(t) == best]
    # The widest run of equally good thresholds lies between two observed scores.
    low = max(v for v in values if v < good[0]) if any(v < good[0] for v in values) else good[0]
    high = min(v for v in values if v > good[-1]) if any(v > good[-1] for v in values) else good[-1]
    return round((low + high) / 2, 3), best, (low, high)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "calibration.jsonl")
    parser.add_argument("--index", type=Path, default=None, help="default: build the bundled articles afresh")
    args = parser.parse_args()
    from rag import Settings

    results = confidences(args.gold, args.index)
    for record, score in sorted(results, key=lambda r: -r[1]):
        label = "answerable  " if record["answerable"] else "unanswerable"
        print(f"{score:6.3f}  {label}  {record['question']}")
    threshold, accuracy, (low, high) = best_threshold([(r["answerable"], s) for r, s in results])
    print(f"\nbest balanced accuracy {accuracy:.3f} for thresholds in ({low:.3f}, {high:.3f})")
    print(f"calibrated refusal_threshold = {threshold}")
    print(f"committed  refusal_threshold = {Settings().refusal_threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

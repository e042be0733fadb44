""""Latest" and timeline questions over real news: the pooled RealTimeQA index, asked as of a date.

    python scripts/eval_public_latest.py [--index index/realtimeqa] [--gold eval/gold/realtimeqa-latest.jsonl]
                                         [--out DIR] [--only ID,ID]

The gold (eval/gold/realtimeqa-latest.jsonl) holds questions about stories the RealTimeQA articles
report on several dates (a national average price, a case count, a jackpot, a death toll, an
officeholder, a rate), written as a user asks them: "latest" questions, each with an `as_of` date
and the value of the newest article published on or before it (and the older values, `superseded`,
that must not be given as the latest), and timeline questions whose gold is the dated values.
Only ids, urls, questions and short values are stored; the texts stay in the data folder.

Scoring (numbers are compared as values: "$4.01", "4.01 dollars", "eight" and "8", "1.02 billion"
and "1,020,000,000" match; names match on half their words, "Truss" names "Liz Truss"):
- latest: right when answered and the first sentence of the answer (after its "Latest report
  (outlet, date):" label) names the gold and names no superseded value before it; wrong-instance
  when it names a superseded value first (or only that); refused when refused or a near miss.
- timeline: the share of the gold values the answer names; complete when at least two thirds.

It needs the pooled index `make eval-public` builds (index/realtimeqa); it does not build it.
Without the index or the data folder it prints one line and exits 0. Per-question rows (answers,
citations and their dates, the rank of the first retrieved passage naming the gold) go to
eval/reports/latest/realtimeqa-latest/ (git-ignored; answers quote the articles).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "realtimeqa"
DEFAULT_GOLD = ROOT / "eval" / "gold" / "realtimeqa-latest.jsonl"
DEPTH = 20  # the deeper retrieval searched for a passage naming the gold (a diagnosis, not a score)
COMPLETE = 2 / 3  # a timeline naming this share of its gold values is complete
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SUFFIX_LETTERS, MIN_STEM = 3, 4  # as rag.eval.realtimeqa: "Britain" is found in "British"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(A-Z0-9$£€])")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.environ.get("RAG_REALTIMEQA_DIR") or str(DEFAULT_DATA))
    parser.add_argument("--index", default=str(ROOT / "index" / "realtimeqa"))
    parser.add_argument("--gold", default=str(DEFAULT_GOLD))
    parser.add_argument("--out", default=str(ROOT / "eval" / "reports" / "latest" / "realtimeqa-latest"))
    parser.add_argument("--only", default="", help="comma-separated question ids")
    args = parser.parse_args(argv)

    data, index = Path(args.data), Path(args.index)
    if not (data / "articles.jsonl").is_file():
        print(f"eval-public-latest: skipped, no RealTimeQA data at {data} (set RAG_REALTIMEQA_DIR to its folder)")
        return 0
    if not (index / "manifest.json").is_file():
        print(f"eval-public-latest: skipped, no pooled index at {index} (build it with `make eval-public`, "
              f"or pass --index)")
        return 0

    from rag import Assistant

    gold = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.only:
        wanted = {i.strip() for i in args.only.split(",")}
        gold = [g for g in gold if g["id"] in wanted]
    assistant = Assistant.load(index)
    rows = [_ask(assistant, g) for g in gold]

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "per_question.jsonl").open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary = _table(rows)
    (out / "summary.md").write_text(summary, encoding="utf-8")
    print(summary)
    print(f"per-question rows: {out / 'per_question.jsonl'}")
    return 0


# ----- asking ------------------------------------------------------------------------------------


def _ask(assistant, g: dict) -> dict:
    from rag.citations import strip_markers
    from rag.question import read

    started = time.perf_counter()
    answer = assistant.ask(g["question"], as_of=g["as_of"])
    latency = (time.perf_counter() - started) * 1000
    text = strip_markers(answer.text)
    lines = _lines(text, answer.passages)
    refused = answer.refused or answer.kind in ("refusal", "near_miss")
    values = g["answer"] if g["type"] == "timeline" else [g["answer"]]
    deeper = assistant.retriever.retrieve(read(g["question"], (), g["as_of"]), k=DEPTH)
    row = {
        "id": g["id"], "type": g["type"], "question": g["question"], "as_of": g["as_of"], "gold": g["answer"],
        "kind": answer.kind, "refused": refused, "answer": text, "first_sentence": _first_sentence(lines),
        "citations": [{"marker": c.marker, "published": c.published, "source": c.source, "url": c.url,
                       "gold_article": c.url in g["urls"]} for c in answer.citations],
        # Where the first passage naming each gold value is: among those the answerer read, and deeper.
        "gold_in_passages": {v: _first_naming(answer.passages, v) for v in values},
        "gold_rank": {v: _first_naming(deeper, v) for v in values},
        "gold_articles_retrieved": [i for i, p in enumerate(deeper, 1) if p.url in g["urls"]],
        "newest_retrieved": max((p.published for p in deeper if p.published), default=""),
        "latency_ms": round(latency, 1),
    }
    said = " ".join(lines)  # the answer without its labels
    row.update(_score_latest(row, said, g) if g["type"] == "latest" else _score_timeline(row, said, g))
    return row


def _first_naming(passages, value: str) -> int | None:
    from rag.citations import as_shown

    return next((i for i, p in enumerate(passages, 1) if names(as_shown(p), value)), None)


def _lines(text: str, passages) -> list[str]:
    """The answer's lines without their "Latest report (outlet, date):" / "outlet, date:" labels:
    the labels' digits (the day) are no values the answer gives."""
    from rag.citations import source_line

    labels = {source_line(p) for p in passages} - {""}
    # "Latest report (cnn.com, 8 August 2022): ", or "Latest report as of 2021 (…): " asked of a past time
    reports = [rf"(?:Latest|Earlier) report(?: as of [^():]{{1,60}})? \({re.escape(label)}\): " for label in labels]
    heads = ["Latest report: ", "Earlier report: ", "Undated: "] + [f"{label}: " for label in labels]
    pattern = "|".join(reports + [re.escape(h) for h in sorted(heads, key=len, reverse=True)])
    parts = re.split(pattern, text) if pattern else [text]
    return [p.strip() for p in parts if p.strip()]


def _first_sentence(lines: list[str]) -> str:
    if not lines:
        return ""
    first = lines[0].splitlines()[0]
    return _SENTENCE_END.split(first, maxsplit=1)[0]


# ----- scoring -----------------------------------------------------------------------------------


def _score_latest(row: dict, said: str, g: dict) -> dict:
    first = row["first_sentence"]
    gold_at = position(first, g["answer"])
    stale = [(position(first, s), s) for s in g.get("superseded", [])]
    stale = sorted((at, s) for at, s in stale if at is not None)
    if row["refused"]:
        verdict = "refused"
    elif stale and (gold_at is None or stale[0][0] < gold_at):
        verdict = "wrong-instance"
    elif gold_at is not None:
        verdict = "right"
    else:
        verdict = "wrong"
    return {"verdict": verdict, "superseded_named": [s for _, s in stale],
            "gold_later_in_answer": gold_at is None and names(said, g["answer"])}


def _score_timeline(row: dict, said: str, g: dict) -> dict:
    named = [v for v in g["answer"] if names(said, v)]
    share = len(named) / len(g["answer"])
    verdict = "refused" if row["refused"] else ("complete" if share >= COMPLETE - 1e-9 else "partial")
    return {"verdict": verdict, "named": named, "share": round(share, 3)}


def _terms(text: str) -> list[str | float]:
    """The text's tokens (rag.eval.realtimeqa.tokens), a number as its value with its scale folded
    in: "$1.02 billion" → [1.02e9], "6,000" → [6000.0], "eight" → [8.0]."""
    from rag.eval.realtimeqa import tokens

    words = tokens(text)
    out: list[str | float] = []
    i = 0
    while i < len(words):
        value = _number(words[i])
        if value is None:
            out.append(words[i])
        else:
            if i + 1 < len(words) and words[i + 1] in SCALES:
                value *= SCALES[words[i + 1]]
                i += 1
            out.append(value)
        i += 1
    return out


def _number(token: str) -> float | None:
    try:
        return float(token) if token[0].isdigit() else None
    except ValueError:
        return None


def _same_word(word: str, term) -> bool:
    return isinstance(term, str) and (term == word or (
        len(word) >= MIN_STEM and term.startswith(word) and len(term) - len(word) <= SUFFIX_LETTERS))


def position(text: str, value: str) -> int | None:
    """Where `text` first names `value` (any of its "|" alternatives), in tokens; None if it does not.

    Named: every number of the value is in the text, and at least half its other content words."""
    from rag.eval.metrics import FUNCTION_WORDS

    terms = _terms(text)
    best = None
    for alternative in value.split("|"):
        wanted = _terms(alternative)
        numbers = [t for t in wanted if isinstance(t, float)]
        words = [t for t in wanted if isinstance(t, str) and t not in FUNCTION_WORDS]
        at_numbers = [[i for i, t in enumerate(terms) if isinstance(t, float) and math.isclose(t, n, rel_tol=1e-9)]
                      for n in numbers]
        at_words = [[i for i, t in enumerate(terms) if _same_word(w, t)] for w in words]
        if any(not at for at in at_numbers):
            continue
        found = [at for at in at_words if at]
        if words and len(found) < len(words) / 2:
            continue
        starts = [at[0] for at in at_numbers] or [at[0] for at in found]
        if starts:
            best = min(starts) if best is None else min(best, min(starts))
    return best


def names(text: str, value: str) -> bool:
    return position(text, value) is not None


# ----- report ------------------------------------------------------------------------------------


def _table(rows: list[dict]) -> str:
    latest = [r for r in rows if r["type"] == "latest"]
    timeline = [r for r in rows if r["type"] == "timeline"]
    lc, tc = Counter(r["verdict"] for r in latest), Counter(r["verdict"] for r in timeline)
    lines = ["# Latest and timeline questions over the RealTimeQA articles", "",
             "| type | n | right | refused | wrong-instance | other wrong |", "|---|---|---|---|---|---|",
             f"| latest | {len(latest)} | {lc['right']} | {lc['refused']} | {lc['wrong-instance']} | {lc['wrong']} |",
             f"| timeline (complete: >= 2/3 of the values) | {len(timeline)} | {tc['complete']} | {tc['refused']} | - "
             + f"| {tc['partial']} |", ""]
    if timeline:
        mean = sum(r["share"] for r in timeline) / len(timeline)
        lines.append(f"Timeline values named: {mean:.2f} on average.")
    later = sum(bool(r.get("gold_later_in_answer")) for r in latest)
    if later:
        lines.append(f"Latest answers naming the gold only after their first sentence: {later}.")
    lines += ["", "| id | as_of | verdict | kind | cited dates | gold in passages read | gold rank, deep |",
              "|---|---|---|---|---|---|---|"]
    for r in rows:
        dates = ", ".join(sorted({c["published"] for c in r["citations"]})) or "-"
        read, ranks = (", ".join(str(v) if v else "-" for v in r[key].values()) for key in ("gold_in_passages", "gold_rank"))
        verdict = r["verdict"] + (f" ({r['share']:.2f})" if r["type"] == "timeline" else "")
        lines.append(f"| {r['id']} | {r['as_of']} | {verdict} | {r['kind']} | {dates} | {read} | {ranks} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

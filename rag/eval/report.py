"""`rag eval`: run our assistant and the LangChain baseline over a gold set, score, write reports."""

from __future__ import annotations

import html
import json
import time
from collections import Counter
from pathlib import Path

from rag.errors import RagError
from rag.eval import harness

HEADLINE = [
    ("retrieval.hit_at_5", "Retrieval hit@5"),
    ("retrieval.recall_at_5", "Retrieval recall@5"),
    ("retrieval.mrr", "Retrieval MRR"),
    ("retrieval.ndcg_at_10", "Retrieval nDCG@10"),
    ("answer.exact_match", "Answer exact match"),
    ("answer.f1", "Answer token F1"),
    ("answer.evidence_coverage", "Evidence coverage"),
    ("answer.correctness", "Answer correctness"),
    ("answer.wrong_instance_rate", "Wrong-instance rate"),
    ("citations.recall", "Citation recall (ALCE)"),
    ("citations.precision", "Citation precision (ALCE)"),
    ("faithfulness", "Faithfulness"),
    ("citations.invalid_markers", "Invalid markers (count)"),
    ("citations.unsupported_numbers", "Unsupported numbers/dates (count)"),
    ("refusal.precision", "Refusal precision"),
    ("refusal.recall", "Refusal recall"),
    ("refusal.wrongful_rate", "Wrongful refusal rate"),
    ("refusal.accuracy", "Refusal accuracy"),
    ("refusal.balanced_accuracy", "Refusal balanced accuracy"),
    ("refusal.near_miss_refused", "Near misses refused"),
    ("refusal.unanswerable_refused", "Unanswerable refused"),
    ("cost.answer_words", "Answer length (words)"),
    ("check.sentences_removed", "Sentences removed by the check (count)"),
    ("check.fallback_rate", "Fell back to extractive (share)"),
    ("cost.latency_p50_ms", "Latency p50 (ms)"),
    ("cost.latency_p95_ms", "Latency p95 (ms)"),
]
LOWER_IS_BETTER = {
    "answer.wrong_instance_rate",
    "check.sentences_removed", "check.fallback_rate",
    "refusal.wrongful_rate", "citations.invalid_markers", "citations.unsupported_numbers",
    "cost.latency_p50_ms", "cost.latency_p95_ms",
}
OURS = "news-rag"
# The per-type table: what each kind of question is for (no retrieval on refusals, no refusal
# rate where nothing should be refused, so every cell means something).
PER_TYPE = [
    ("answer.correctness", "correct"),
    ("answer.wrong_instance_rate", "wrong inst."),
    ("citations.recall", "cite R"),
    ("citations.precision", "cite P"),
    ("retrieval.recall_at_5", "recall@5"),
    ("refusal.wrongful_rate", "wrongly refused"),
    ("refusal.recall", "refused"),
    ("cost.latency_p50_ms", "p50 ms"),
]


def gold_index(gold_path: str | Path) -> str:
    """The index a gold set is scored on unless one is named: its own, index/eval-<set> (built from
    the set's articles by `make eval`), never the user's index, which holds whatever was uploaded."""
    index = Path("index") / f"eval-{Path(gold_path).stem}"
    if not (index / "manifest.json").exists():
        raise RagError(f"No index for the gold set {gold_path} at {index}/: build it from the set's articles "
                       f"(`rag ingest ARTICLES --index {index}`, as `make eval` does), or pass --index.")
    return str(index)


def evaluate(gold_path: str | Path, index_path: str | Path, out_dir: str | Path, *, baseline: bool = True,
             llm=None) -> dict:
    """Answer every gold question once per system, score the runs, write the report files."""
    from rag import Assistant
    from rag.citations import SupportJudge
    from rag.eval.baseline import NAME as BASELINE, LangChainBaseline

    gold = harness.load_gold(gold_path)
    assistant = Assistant.load(index_path, llm=llm)
    judge = SupportJudge(assistant.embedder)
    runs = {OURS: harness.run_assistant(assistant, gold)}
    sizes = {OURS: sum(f.stat().st_size for f in Path(index_path).rglob("*") if f.is_file())}
    if baseline:
        articles = [(a.title, assistant.index.article(a.id).text) for a in assistant.articles()]
        reference = LangChainBaseline(articles, str(assistant.embedder.model_dir))
        runs[BASELINE] = reference.run(gold)
        sizes[BASELINE] = reference.index_bytes()

    systems, per_item = {}, []
    for name, run in runs.items():
        items, summary = harness.evaluate_run(gold, run, judge)
        summary["cost.index_bytes"] = {"value": sizes[name], "ci": None}
        systems[name] = summary
        per_item += [{"system": name, **item} for item in items]

    report = {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "gold": {
            "path": str(gold_path), "sha256_16": harness.gold_hash(gold_path), "questions": len(gold),
            "types": dict(Counter(g.type for g in gold)),
        },
        "config": {
            "index": str(index_path), "answerer": assistant.answerer.name,
            "llm": llm.describe() if llm else None,
            "settings": assistant.settings.model_dump(), "embedding": assistant.index.info().embedding,
            "chunking": assistant.index.info().chunking, "k": harness.K,
            "judge": {"method": "verbatim quote, or numbers present + content-word coverage + MiniLM similarity",
                      "similarity": judge.similarity, "coverage": judge.coverage},
        },
        "systems": systems,
    }
    write(report, per_item, Path(out_dir))
    return report


def write(report: dict, per_item: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    with (out / "per_item.jsonl").open("w") as f:
        for item in per_item:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    (out / "summary.md").write_text(markdown(report))
    (out / "chart.html").write_text(chart(report))


def _fmt(metric: dict | None, *, whole: bool = False) -> str:
    if not metric or metric["value"] is None:
        return "—"
    value = metric["value"]
    if whole:  # costs: milliseconds, bytes, words
        return f"{value:,.0f}" + (f" ({metric['ci'][0]:,.0f}–{metric['ci'][1]:,.0f})" if metric.get("ci") else "")
    text = f"{value:.3f}" if isinstance(value, float) and abs(value) < 10 else f"{value:,.0f}" if value >= 10 else f"{value}"
    if metric.get("ci"):
        low, high = metric["ci"]
        text += f" ({low:.2f}–{high:.2f})" if abs(high) < 10 else f" ({low:,.0f}–{high:,.0f})"
    return text


def markdown(report: dict) -> str:
    names = list(report["systems"])
    lines = [
        f"# Evaluation: {report['gold']['path']} ({report['gold']['questions']} questions, "
        f"gold {report['gold']['sha256_16']})",
        "",
        "Values with 95 % bootstrap confidence intervals. Citation metrics follow ALCE; support is "
        "judged offline (see report.json → config.judge).",
        "",
        "| metric | " + " | ".join(names) + " |",
        "| --- | " + " | ".join("---" for _ in names) + " |",
    ]
    for key, label in HEADLINE + [("cost.index_bytes", "Index size (bytes)")]:
        whole = key.startswith("cost.")
        lines.append(f"| {label} | " + " | ".join(_fmt(report["systems"][n].get(key), whole=whole) for n in names) + " |")
    lines.append("")
    types = sorted({t for n in names for t in report["systems"][n].get("by_type", {})})
    if types:
        lines += [
            "## Per question type",
            "",
            "Each cell: " + " / ".join(names) + ". correct: answer correctness (refusal for near_miss "
            "and unanswerable); wrong inst.: share of answered questions with distractors that quote one.",
            "",
            "| type | n | " + " | ".join(label for _, label in PER_TYPE) + " |",
            "| --- | --- | " + " | ".join("---" for _ in PER_TYPE) + " |",
        ]
        for t in types:
            by = [report["systems"][n].get("by_type", {}).get(t, {}) for n in names]
            n_q = (by[0].get("questions") or {}).get("value", 0)
            cells = []
            for key, _ in PER_TYPE:
                whole = key.startswith("cost.")
                cells.append(" / ".join(_short(b.get(key), whole=whole) for b in by))
            lines.append(f"| {t} | {n_q} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _short(metric: dict | None, *, whole: bool = False) -> str:
    if not metric or metric["value"] is None:
        return "—"
    return f"{metric['value']:,.0f}" if whole else f"{metric['value']:.2f}"


def chart(report: dict) -> str:
    """A self-contained HTML page: one bar pair per 0–1 metric, CI whiskers."""
    names = list(report["systems"])
    colours = ["#1f6feb", "#9a9a9a", "#d97706"]
    keys = [(k, label) for k, label in HEADLINE if k not in LOWER_IS_BETTER and not k.startswith("cost.")]
    row_h, bar_h, left, width = 34, 12, 230, 420
    parts = []
    for row, (key, label) in enumerate(keys):
        y = 30 + row * row_h
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>')
        for j, name in enumerate(names):
            metric = report["systems"][name].get(key) or {}
            value = metric.get("value")
            if value is None:
                continue
            by = y + j * (bar_h + 2)
            parts.append(f'<rect x="{left}" y="{by}" width="{max(value, 0) * width:.1f}" height="{bar_h}" fill="{colours[j % 3]}"/>')
            if metric.get("ci"):
                lo, hi = metric["ci"]
                parts.append(f'<line x1="{left + lo * width:.1f}" x2="{left + hi * width:.1f}" y1="{by + bar_h / 2}" y2="{by + bar_h / 2}" stroke="black"/>')
            parts.append(f'<text x="{left + max(value, 0) * width + 6:.1f}" y="{by + bar_h - 1}" font-size="10">{value:.2f}</text>')
    legend = "".join(
        f'<rect x="{left + i * 170}" y="6" width="12" height="12" fill="{colours[i % 3]}"/>'
        f'<text x="{left + i * 170 + 18}" y="16">{html.escape(n)}</text>' for i, n in enumerate(names)
    )
    height = 40 + len(keys) * row_h
    return (
        "<!doctype html><meta charset='utf-8'><title>news-rag evaluation</title>"
        f"<h3 style='font-family:sans-serif'>{html.escape(report['gold']['path'])}: "
        f"{report['gold']['questions']} questions</h3>"
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{left + width + 80}' height='{height}' "
        f"font-family='sans-serif' font-size='12'>{legend}{''.join(parts)}</svg>"
    )


def compare(old_path: str | Path, new_path: str | Path, *, system: str = OURS) -> str:
    """What improved and what regressed between two reports (beyond the old 95 % interval)."""
    old, new = (_load_report(p) for p in (old_path, new_path))
    if system not in old["systems"] or system not in new["systems"]:
        raise RagError(f"Both reports need a '{system}' system to compare.")
    lines = []
    if old["gold"]["sha256_16"] != new["gold"]["sha256_16"]:
        lines.append("note: the two reports used different gold sets; differences may not be comparable.")
    lines += _compare_summaries(old["systems"][system], new["systems"][system])
    old_types, new_types = old["systems"][system].get("by_type", {}), new["systems"][system].get("by_type", {})
    for t in sorted(set(old_types) & set(new_types)):
        lines += ["", f"## {t}"] + _compare_summaries(old_types[t], new_types[t])
    return "\n".join(lines)


def _compare_summaries(old: dict, new: dict) -> list[str]:
    lines = []
    for key, label in HEADLINE:
        a, b = old.get(key), new.get(key)
        if not a or not b or a["value"] is None or b["value"] is None:
            continue
        delta = b["value"] - a["value"]
        better = delta < 0 if key in LOWER_IS_BETTER else delta > 0
        ci = a.get("ci")
        outside = (b["value"] < ci[0] or b["value"] > ci[1]) if ci else abs(delta) > 1e-9
        verdict = ("improved" if better else "regressed") if outside and abs(delta) > 1e-9 else "unchanged (within the interval)"
        lines.append(f"{label:36s} {a['value']:9.3f} → {b['value']:9.3f}  ({delta:+.3f})  {verdict}")
    return lines


def _load_report(path: str | Path) -> dict:
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise RagError(f"Cannot read evaluation report {path} ({exc}).") from None


def check_thresholds(report: dict, thresholds: dict, *, system: str = OURS) -> list[str]:
    """Headline metrics below their committed floor (or above their ceiling), as messages.

    `thresholds` is either flat ({metric: floor}) or per gold set ({gold-file stem: {metric: floor}},
    e.g. "seed", "archive"); a per-gold-set file without an entry for this report's gold set gates nothing.
    A metric key may name one question type: "by_type.temporal.answer.correctness".
    """
    if thresholds and all(isinstance(v, dict) for v in thresholds.values()):
        thresholds = thresholds.get(Path(report["gold"]["path"]).stem, {})
    failures = []
    for key, limit in thresholds.items():
        if key.startswith("_"):  # a comment ("_note")
            continue
        summary = report["systems"][system]
        if key.startswith("by_type."):
            _, kind, key = key.split(".", 2)
            summary = summary.get("by_type", {}).get(kind, {})
            key_label = f"by_type.{kind}.{key}"
        else:
            key_label = key
        value = (summary.get(key) or {}).get("value")
        if key in LOWER_IS_BETTER:
            if value is None or value > limit:
                failures.append(f"{key_label} = {value} is above the committed ceiling {limit}")
        elif value is None or value < limit:
            failures.append(f"{key_label} = {value} is below the committed floor {limit}")
    return failures

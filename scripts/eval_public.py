"""The RealTimeQA development weeks, asked in the open: our assistant beside the stock LangChain recipe.

    python scripts/eval_public.py [--data DIR] [--weeks 20220812,20220930] [--limit N] [--no-baseline] [--no-near-miss]

Converts the articles (at run time, into the git-ignored index/ folder), builds one pooled archive
index of all of them (reused while the articles are unchanged), asks every question without its
choices as of its question date, and scores the answers as open answers (rag.eval.realtimeqa).
The stock recipe (rag.eval.baseline: its top chunk as the answer) runs over the same articles.

Near misses: for each week, a copy of the pooled index without the articles that name the gold
choice of one of that week's questions and could be its evidence (published in the 31 days up to the
question's date, or returned for the question), and that week's questions asked again. Why this
design: an index per question (459 builds or copies) is too costly; one index without every article
that names any gold choice, or a week's copy without every article naming one (a gold choice such as
a state or a common word is named by a thousand articles), leaves 5-40 % of the archive. A copy per
week (16) costs a file copy and tombstones, and keeps about nine articles in ten as distractors.
Older articles that name the gold in passing stay, so "named the gold" there is a fact from an older
story. Questions whose gold choice is only a number or a word of under four letters are left out.

Reports (ids and numbers only) go to eval/reports/latest/realtimeqa/. Without the data folder
(../shared/data/realtimeqa from the repository root, or $RAG_REALTIMEQA_DIR) it prints one line
and exits 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "realtimeqa"
DEPTHS = (5, 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.environ.get("RAG_REALTIMEQA_DIR") or str(DEFAULT_DATA))
    parser.add_argument("--weeks", default="", help="comma-separated weeks (YYYYMMDD): only their questions, over "
                        "a pool of only the articles returned for them (a quicker side by side)")
    parser.add_argument("--index", help="default: index/realtimeqa, or index/realtimeqa-weeks-<weeks>")
    parser.add_argument("--out", help="default: eval/reports/latest/realtimeqa[-weeks-<weeks>]")
    parser.add_argument("--limit", type=int, default=0, help="ask only the first N questions (a quick check)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-near-miss", action="store_true")
    args = parser.parse_args(argv)

    data = Path(args.data)
    if not (data / "qa.jsonl").is_file() or not (data / "articles.jsonl").is_file():
        print(f"eval-public: skipped, no RealTimeQA data at {data} (set RAG_REALTIMEQA_DIR to its folder)")
        return 0

    from rag import Assistant
    from rag.eval import realtimeqa as rt

    weeks = [w.strip() for w in args.weeks.split(",") if w.strip()]
    name = "realtimeqa" + (f"-weeks-{'-'.join(weeks)}" if weeks else "")
    index = Path(args.index or ROOT / "index" / name)
    questions = rt.load_questions(data)
    if weeks:
        questions = [q for q in questions if q.week in weeks]
        if not questions:
            print(f"eval-public: no questions in the weeks {', '.join(weeks)}; weeks are YYYYMMDD, 20220617 … 20220930")
            return 1
    if args.limit:
        questions = questions[:args.limit]
    articles = {a["url"]: a for a in map(json.loads, (data / "articles.jsonl").read_text(encoding="utf-8").splitlines())}
    if weeks:
        wanted = {u for q in questions for u in q.retrieved_urls}
        articles = {u: a for u, a in articles.items() if u in wanted}
    source = rt.convert(data, index.with_name(index.name + "-src"), urls=set(articles) if weeks else None)

    started = time.perf_counter()
    assistant = Assistant.build([source], index)
    build = {"seconds": round(time.perf_counter() - started, 1), "added": len(assistant.last_report.added),
             "articles": len(assistant.articles()), "failures": len(assistant.last_report.failed)}
    print(f"index {index}: {build['articles']} articles ({build['added']} added) in {build['seconds']} s", flush=True)

    words = {url: rt.word_counts(f"{a['title']}\n{a['text']}") for url, a in articles.items()}
    available = {q.id: _evidence_available(q, articles, words, rt) for q in questions}
    runs = {"news-rag": _run_ours(assistant, questions, rt)}
    if not args.no_baseline:
        runs["langchain-baseline"] = _run_baseline(assistant, source, questions, rt)
    near_miss = {} if args.no_near_miss else _run_near_miss(assistant, index, questions, articles, words, rt)

    report = _report(questions, runs, near_miss, available, build, rt)
    out = Path(args.out or ROOT / "eval" / "reports" / "latest" / name)
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(report, indent=1))
    with (out / "per_item.jsonl").open("w") as f:
        for system, run in runs.items():
            for row in run:
                f.write(json.dumps({"system": system, **row}) + "\n")
        for row in near_miss.values():
            f.write(json.dumps({"system": "news-rag near-miss", **row}) + "\n")
    (out / "summary.md").write_text(_markdown(report))
    print((out / "summary.md").read_text())
    return 0


# ----- runs --------------------------------------------------------------------------------------


def _evidence_available(q, articles: dict, words: dict, rt) -> bool:
    """Some article returned for the question, published by its date (or undated), names the gold choice."""
    for url in q.retrieved_urls:
        a = articles.get(url)
        if a and (not a["publish_date"] or rt.iso_date(a["publish_date"]) <= q.as_of) \
                and rt.names_choice(words[url], q.choices, q.gold):
            return True
    return False


def _gold_rank(passages: list[str], q, rt) -> int | None:
    return next((i for i, p in enumerate(passages, start=1) if rt.names_choice(p, q.choices, q.gold)), None)


def _run_ours(assistant, questions, rt) -> list[dict]:
    from rag.citations import as_shown, strip_markers
    from rag.question import read

    out = []
    for n, q in enumerate(questions, start=1):
        started = time.perf_counter()
        answer = assistant.ask(q.question, as_of=q.as_of)
        latency = (time.perf_counter() - started) * 1000
        deeper = [as_shown(p) for p in assistant.retriever.retrieve(read(q.question, (), q.as_of), k=max(DEPTHS))]
        out.append(_row(q, strip_markers(answer.text), answer.refused, deeper, latency, rt))
        if n % 50 == 0:
            print(f"news-rag: {n}/{len(questions)} asked", flush=True)
    return out


def _run_baseline(assistant, source: Path, questions, rt) -> list[dict]:
    base = _baseline(assistant, source)
    out = []
    for q in questions:
        started = time.perf_counter()
        documents = base.store.similarity_search(q.question, k=max(DEPTHS))
        latency = (time.perf_counter() - started) * 1000
        passages = [d.page_content for d in documents]
        out.append(_row(q, passages[0] if passages else "", False, passages, latency, rt))
    return out


def _baseline(assistant, source: Path):
    """The stock recipe over the index's articles; its FAISS store is cached beside the converted
    articles (embedding 30k chunks with sentence-transformers takes minutes) while they are unchanged."""
    from rag.eval.baseline import LangChainBaseline, _SentenceTransformerEmbeddings

    texts = [(a.title, assistant.article(a.id).text) for a in assistant.articles()]
    key = hashlib.sha256(json.dumps(texts).encode()).hexdigest()[:16]
    cache = source.with_name(source.name + f"-baseline-{key}")
    model_dir = str(assistant.embedder.model_dir)
    if (cache / "index.faiss").exists():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from langchain_community.vectorstores import FAISS
        base = LangChainBaseline.__new__(LangChainBaseline)  # the recipe's store, loaded rather than rebuilt
        base.store = FAISS.load_local(str(cache), _SentenceTransformerEmbeddings(model_dir),
                                      allow_dangerous_deserialization=True)  # our own file, written below
        return base
    started = time.perf_counter()
    base = LangChainBaseline(texts, model_dir)
    print(f"langchain-baseline: {base.chunk_count} chunks in {time.perf_counter() - started:.0f} s", flush=True)
    for stale in source.parent.glob(source.name + "-baseline-*"):
        shutil.rmtree(stale)
    base.store.save_local(str(cache))
    return base


NEAR_MISS_DAYS = 31


def _run_near_miss(assistant, index: Path, questions, articles: dict, words: dict, rt) -> dict[str, dict]:
    """Each week's eligible questions over a copy of the pooled index without their gold's likely evidence."""
    from rag import Assistant
    from rag.citations import strip_markers

    by_week = defaultdict(list)
    for q in questions:
        if _distinct_gold(q, rt):
            by_week[q.week].append(q)
    # A folder of this run's own: two runs at once (two checkouts over one pooled index) never share a copy.
    workdir = Path(tempfile.mkdtemp(prefix=index.name + "-near-miss-", dir=index.parent))
    copy = workdir / "index"
    out = {}
    try:
        for week, week_questions in sorted(by_week.items()):
            removed = [rt.article_id(url) for url, counts in words.items()
                       if any(_could_be_evidence(q, url, articles[url]) and rt.names_choice(counts, q.choices, q.gold)
                              for q in week_questions)]
            shutil.copytree(index, copy)
            try:
                near = Assistant.load(copy, embedder=assistant.embedder)
                near.index.update(removals=removed)
                for q in week_questions:
                    started = time.perf_counter()
                    answer = near.ask(q.question, as_of=q.as_of)
                    latency = (time.perf_counter() - started) * 1000
                    row = _row(q, strip_markers(answer.text), answer.refused, [], latency, rt)
                    row["removed_articles"] = len(removed)
                    out[q.id] = row
                near.index.close()
            finally:
                shutil.rmtree(copy, ignore_errors=True)
            print(f"near-miss {week}: {len(week_questions)} questions, {len(removed)} of {len(words)} articles left out",
                  flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return out


def _could_be_evidence(q, url: str, article: dict) -> bool:
    published = (article["publish_date"] or "").replace("/", "-")
    earliest = (dt.date.fromisoformat(q.as_of) - dt.timedelta(days=NEAR_MISS_DAYS)).isoformat()
    return url in q.retrieved_urls or not published or earliest <= published <= q.as_of


def _distinct_gold(q, rt) -> bool:
    """The gold choice has a distinctive word that is no number and at least four letters long."""
    words = rt.distinctive_words(q.choices)[q.gold]
    return any(len(w) >= 4 and not any(c.isdigit() for c in w) for w in words)


def _row(q, answer: str, refused: bool, passages: list[str], latency: float, rt) -> dict:
    ranks = _gold_rank(passages, q, rt) if passages else None
    return {
        "id": q.id, "week": q.week, "split": q.split, "type": rt.question_type(q.question),
        "refused": refused, "verdict": "refused" if refused else rt.verdict(answer, q.choices, q.gold),
        "gold_rank": ranks, "latency_ms": round(latency, 1), "answer_words": len(answer.split()),
    }


# ----- report ------------------------------------------------------------------------------------


def _summary(rows: list[dict], available: dict[str, bool]) -> dict:
    from rag.eval.metrics import percentile

    n = len(rows)
    verdicts = Counter(r["verdict"] for r in rows)
    findable = [r for r in rows if available.get(r["id"])]

    def share(count, total):
        return round(count / total, 3) if total else None

    out = {
        "questions": n,
        "correct": share(verdicts["gold"], n),
        "wrong_choice": share(verdicts["other"], n),
        "other_answer": share(verdicts["none"], n),
        "refused": share(verdicts["refused"], n),
        "evidence_available": len(findable),
        "correct_where_available": share(sum(r["verdict"] == "gold" for r in findable), len(findable)),
        "refused_where_available": share(sum(r["verdict"] == "refused" for r in findable), len(findable)),
        "latency_p50_ms": round(percentile([r["latency_ms"] for r in rows], 0.5) or 0, 1),
        "answer_words_p50": percentile([r["answer_words"] for r in rows if not r["refused"]], 0.5),
    }
    for k in DEPTHS:
        out[f"recall_at_{k}"] = share(sum(r["gold_rank"] is not None and r["gold_rank"] <= k for r in findable),
                                      len(findable))
    return out


def _report(questions, runs, near_miss, available, build, rt) -> dict:
    splits = {"calibration": lambda r: r["split"] == "calibration", "test": lambda r: r["split"] == "test",
              "overall": lambda r: True, "open (no choices needed)": lambda r: r["type"] != "choices",
              "needs the choices": lambda r: r["type"] == "choices"}
    systems = {}
    for name, run in runs.items():
        systems[name] = {label: _summary([r for r in run if keep(r)], available) for label, keep in splits.items()}
        systems[name]["by_type"] = {t: _summary([r for r in run if r["type"] == t], available)
                                    for t in sorted({r["type"] for r in run})}
    near = list(near_miss.values())
    return {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "data": {"questions": len(questions), "weeks": len({q.week for q in questions}),
                 "calibration_weeks_through": rt.LAST_CALIBRATION_WEEK,
                 "splits": dict(Counter(q.split for q in questions))},
        "scoring": {"named_share": rt.NAMED_SHARE,
                    "rule": "right: the answer names the gold choice (>= half its distinctive content words) "
                            "and names it more than any other choice"},
        "build": build,
        "systems": systems,
        "near_miss": {
            label: _near_summary([r for r in near if keep(r)]) for label, keep in list(splits.items())[:3]
        } if near else None,
    }


def _near_summary(rows: list[dict]) -> dict:
    n = len(rows)
    verdicts = Counter(r["verdict"] for r in rows)
    return {"questions": n, **{name: round(verdicts[v] / n, 3) if n else None for name, v in
                               (("refused", "refused"), ("named_gold", "gold"), ("named_another_choice", "other"),
                                ("answered_otherwise", "none"))},
            "removed_articles_mean": round(sum(r["removed_articles"] for r in rows) / n, 1) if n else None}


def _markdown(report: dict) -> str:
    def cell(v):
        return "—" if v is None else (f"{v:.3f}" if v <= 1 else f"{v:,.1f}") if isinstance(v, float) else f"{v:,}"

    metrics = [("correct", "names the gold choice"), ("wrong_choice", "names another choice"),
               ("other_answer", "names no choice"), ("refused", "refused"),
               ("recall_at_5", "recall@5 (passage naming gold)"), ("recall_at_20", "recall@20"),
               ("evidence_available", "questions with gold-naming evidence"),
               ("correct_where_available", "names the gold, where evidence exists"),
               ("refused_where_available", "refused, where evidence exists"), ("latency_p50_ms", "p50 ask latency (ms)"),
               ("answer_words_p50", "answer length, words (p50, answered)"),
               ("questions", "questions")]
    b = report["build"]
    lines = [f"# RealTimeQA development weeks, open answers ({report['data']['questions']} questions, "
             f"{report['data']['weeks']} weeks; calibration through {report['data']['calibration_weeks_through']})", "",
             f"Pooled index: {b['articles']:,} articles; this run added {b['added']:,} in {b['seconds']} s.", ""]
    for label in ("calibration", "test", "overall", "open (no choices needed)", "needs the choices"):
        names = list(report["systems"])
        lines += [f"## {label}", "", "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for key, title in metrics:
            lines.append(f"| {title} | " + " | ".join(cell(report["systems"][n][label][key]) for n in names) + " |")
        lines.append("")
    ours = report["systems"]["news-rag"]["by_type"]
    lines += ["## news-rag by question type", "", "| type | questions | correct | wrong choice | refused | recall@5 |",
              "|---|---|---|---|---|---|"]
    for t, s in ours.items():
        lines.append(f"| {t} | {s['questions']} | {cell(s['correct'])} | {cell(s['wrong_choice'])} | "
                     f"{cell(s['refused'])} | {cell(s['recall_at_5'])} |")
    if report["near_miss"]:
        lines += ["", "## near misses (news-rag; each week's gold-naming articles of its last 31 days and its questions' own left out)", "",
                  "| split | questions | refused | named gold | named another choice | answered otherwise | articles left out (mean) |",
                  "|---|---|---|---|---|---|---|"]
        for label, s in report["near_miss"].items():
            lines.append(f"| {label} | {s['questions']} | {cell(s['refused'])} | {cell(s['named_gold'])} | "
                         f"{cell(s['named_another_choice'])} | {cell(s['answered_otherwise'])} | {cell(s['removed_articles_mean'])} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())

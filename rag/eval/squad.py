"""Import a SQuAD-format JSON file (v1.1 or v2.0) as articles plus a gold set."""

from __future__ import annotations

import json
from pathlib import Path

from rag.chunking import split_sentences
from rag.errors import RagError
from rag.readers import slugify


def import_squad(path: str | Path, out_dir: str | Path) -> tuple[Path, Path, int, int]:
    """Write `articles.jsonl` (one per context) and `gold.jsonl`; return paths and counts.

    Evidence is the context sentence holding the first reference answer; SQuAD 2.0's
    `is_impossible` questions become unanswerable records.
    """
    path, out = Path(path), Path(out_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise RagError(f"{path} is not a SQuAD-format JSON file ({exc}); expected {{'data': [...]}}.") from None
    out.mkdir(parents=True, exist_ok=True)
    articles_path, gold_path = out / "articles.jsonl", out / "gold.jsonl"
    n_articles = n_questions = 0
    with articles_path.open("w") as articles, gold_path.open("w") as gold:
        for entry in data:
            title = entry.get("title", "untitled").replace("_", " ")
            for p, paragraph in enumerate(entry.get("paragraphs", [])):
                context = paragraph["context"]
                article_id = f"{slugify(title)}-{p}"
                articles.write(json.dumps({"id": article_id, "title": f"{title} ({p + 1})", "text": context}, ensure_ascii=False) + "\n")
                n_articles += 1
                sentences = split_sentences(context)
                for qa in paragraph.get("qas", []):
                    answers = qa.get("answers") or []
                    impossible = qa.get("is_impossible", False) or not answers
                    evidence = []
                    if not impossible:
                        start = answers[0]["answer_start"]
                        evidence = [context[a:b] for a, b in sentences if a <= start < b] or [answers[0]["text"]]
                    gold.write(json.dumps({
                        "id": str(qa["id"]), "question": qa["question"],
                        "answer": "" if impossible else answers[0]["text"], "evidence": evidence,
                        "answerable": not impossible, "type": "unanswerable" if impossible else "factual",
                    }, ensure_ascii=False) + "\n")
                    n_questions += 1
    return articles_path, gold_path, n_articles, n_questions

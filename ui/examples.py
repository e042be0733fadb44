"""The example questions offered under the question box: the index's own, never another corpus's.

Set per index with `rag serve --examples FILE` (one question per line; `make run` passes the
bundled article's), else drawn from the newest articles the index holds, one question each.
"""

from __future__ import annotations

from pathlib import Path

from rag import Assistant, RagError
from rag.question import MAX_QUESTION_CHARS

COUNT = 4


def read_examples(path: str | Path) -> list[str]:
    """The questions of an examples file: one per line; blank lines and `#` comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RagError(f"Cannot read the examples file {path} ({exc}); give a UTF-8 text file, one question per line.") from None
    questions = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not questions:
        raise RagError(f"The examples file {path} holds no question; put one question per line.")
    if any(len(q) > MAX_QUESTION_CHARS for q in questions):
        raise RagError(f"The examples file {path} has a line over {MAX_QUESTION_CHARS:,} characters; "
                       "put one question per line.")
    return questions


def newest_examples(assistant: Assistant, count: int = COUNT) -> list[str]:
    """One question about each of the newest stories (a syndicated story once), newest first."""
    articles = sorted(assistant.articles(), key=lambda a: (a.published or "", a.id), reverse=True)
    questions, stories = [], set()
    for info in articles:
        if len(questions) == count:
            break
        if info.story_id and info.story_id in stories:
            continue
        stories.add(info.story_id or info.id)
        title = " ".join(info.title.split())[:120]
        if title:
            questions.append(f"What does the article “{title}” report?")
    return questions

"""Article text addressed to a model or a reader (prompt injection) is data, never instructions.

Such sentences are never answer material, a chat model never sees them, and nothing can be
supported by them. What counts as one is the `INSTRUCTION` table row.
"""

from __future__ import annotations

from rag.answering.tables import INSTRUCTION
from rag.chunking import split_sentences

INSTRUCTION_REMOVED = "[instruction-like text removed]"


def addressed_to_model(sentence: str) -> bool:
    # Backslashes go first: HTML extraction escapes markdown ("<|im\\_start|>").
    return bool(INSTRUCTION.search(sentence.replace("\\", "")))


def without_instructions(text: str, stub: str = INSTRUCTION_REMOVED) -> str:
    """The text with every sentence that reads as an instruction to an AI replaced by `stub`."""
    if not addressed_to_model(text):
        return text
    out, at = [], 0
    for start, end in split_sentences(text):
        if addressed_to_model(text[start:end]):
            out += [text[at:start], stub]
            at = end
    out.append(text[at:])
    return "".join(out)

"""news-rag: cited answers to questions over news articles.

    from rag import Assistant
    assistant = Assistant.build(["data/articles"], "index/default")
    answer = assistant.ask("What triggered the strikes?")
"""

from rag.config import Settings
from rag.errors import (
    ChunkTooLongError,
    ConfigError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    InputError,
    RagError,
)
from rag.records import (
    Answer,
    Article,
    ArticleMeta,
    CheckedSentence,
    Chunk,
    Citation,
    IngestFailure,
    IngestReport,
    Passage,
    Section,
)

__all__ = [
    "Answer", "Article", "ArticleMeta", "Assistant", "CheckedSentence", "Chunk", "ChunkTooLongError", "Citation",
    "ConfigError", "IndexCorruptError", "IndexMismatchError", "IndexNotFoundError", "IngestFailure", "IngestReport",
    "InputError", "LLMConfig", "Passage", "RagError", "Section", "Settings", "ask",
]


def __getattr__(name: str):
    """`Assistant`, `ask` and `LLMConfig` load on first use: `rag ask` from a shell starts faster."""
    if name in ("Assistant", "ask"):
        from rag import assistant

        return getattr(assistant, name)
    if name == "LLMConfig":
        from rag.llm import LLMConfig

        return LLMConfig
    raise AttributeError(f"module 'rag' has no attribute {name!r}")

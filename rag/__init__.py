"""news-rag: cited answers to questions over news articles.

    from rag import Assistant
    assistant = Assistant.build(["data/articles"], "index/default")
    answer = assistant.ask("What triggered the strikes?")
"""

from rag.assistant import Assistant, ask
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
from rag.records import Answer, Article, Chunk, Citation, IngestFailure, IngestReport, Passage, Section

__all__ = [
    "Answer", "Article", "Assistant", "Chunk", "ChunkTooLongError", "Citation", "ConfigError",
    "IndexCorruptError", "IndexMismatchError", "IndexNotFoundError", "IngestFailure", "IngestReport",
    "InputError", "Passage", "RagError", "Section", "Settings", "ask",
]

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
from rag.llm import LLMConfig
from rag.records import (
    Answer,
    Article,
    CheckedSentence,
    Chunk,
    Citation,
    IngestFailure,
    IngestReport,
    Passage,
    Section,
)

__all__ = [
    "Answer", "Article", "Assistant", "CheckedSentence", "Chunk", "ChunkTooLongError", "Citation", "ConfigError",
    "IndexCorruptError", "IndexMismatchError", "IndexNotFoundError", "IngestFailure", "IngestReport",
    "InputError", "LLMConfig", "Passage", "RagError", "Section", "Settings", "ask",
]

"""Answerers turn a question and its ranked passages into a cited `Answer`.

One contract (`Answerer`), two implementations: `ExtractiveAnswerer` (the default, no LLM) and
`ChatModelAnswerer` (any LangChain chat model, checked sentence by sentence). Their language
knowledge (answer types, cue words, question patterns) is data in `rag.answering.tables`.
"""

from rag.answering.base import Answerer, StreamsFromAnswer, stream_of
from rag.answering.chat import SYSTEM_PROMPT, ChatModelAnswerer
from rag.answering.extractive import Answerability, ExtractiveAnswerer, expand_acronyms
from rag.answering.injection import INSTRUCTION_REMOVED, addressed_to_model, without_instructions
from rag.answering.refusal import MODEL_FOUND_NOTHING, refusal
from rag.answering.tables.furniture import NOT_IN_ARTICLES

__all__ = [
    "Answerer", "StreamsFromAnswer", "stream_of", "ChatModelAnswerer", "SYSTEM_PROMPT", "Answerability",
    "ExtractiveAnswerer", "expand_acronyms", "INSTRUCTION_REMOVED", "addressed_to_model", "without_instructions",
    "MODEL_FOUND_NOTHING", "refusal", "NOT_IN_ARTICLES",
]

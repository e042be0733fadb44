"""Errors a user can act on. Front-ends turn them into exit codes or UI messages."""

import errno


class RagError(Exception):
    """Base class: the message says what was wrong and what to do."""


class ConfigError(RagError):
    """A setting is unknown or out of range."""


class InputError(RagError):
    """An input file or record cannot be ingested."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RequestError(RagError):
    """A question, passage count or as-of day that cannot be asked (the message names the field)."""


class IndexNotFoundError(RagError):
    """No index exists at the given path."""


class IndexCorruptError(RagError):
    """An index exists but its files are damaged or incomplete."""


class IndexMismatchError(RagError):
    """An index was built with a different embedding model or chunking settings."""


class ChunkTooLongError(RagError):
    """A text exceeds the embedder's window; it would be silently truncated."""


def out_of_space(exc: BaseException) -> bool:
    """Whether `exc` says the disk (or quota) is full, as the OS, SQLite or FAISS word it.

    The stores write every change beside the committed index and publish it last, so such a
    failure leaves the index as it was; only the message to the user is left to say so.
    """
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    text = str(exc)
    return ("database or disk is full" in text or "No space left on device" in text
            or "Disk quota exceeded" in text)

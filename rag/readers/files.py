"""Files and folders: walking them, reading each within the size limit, and naming what cannot be read.

Nothing here raises for one file's problem: what cannot be listed, is no regular file or is too
big is an `IngestFailure` naming it. Names are shown as text that can always be printed and stored
(`display_name`): a file name whose bytes are not UTF-8 shows each such byte as `\\xe9`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rag.errors import InputError
from rag.records import IngestFailure


def display_name(path: str | Path) -> str:
    """`path` as printable, storable text. Python keeps a name's non-UTF-8 bytes as lone surrogates
    (which no terminal, JSON or SQLite accepts); they are written out as `\\xe9` instead."""
    text = os.fspath(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file system name produces
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files named directly, and files found recursively in folders (hidden ones skipped).

    What cannot be listed or is not a file (an unreadable folder, a broken link, a pipe) is a
    failure naming it; this never raises.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.is_file():
                yield path
            elif path.is_symlink():
                yield IngestFailure(display_name(path), _broken_link(path))
            elif path.exists():
                yield IngestFailure(display_name(path), "is not a regular file or folder")
            else:
                yield IngestFailure(display_name(path), "does not exist; check the path")
        except OSError as exc:
            yield IngestFailure(display_name(path), unreadable(path, exc))


def _walk(root: Path) -> Iterator[Path | IngestFailure]:
    """Depth first, in name order; folder links are followed once (a link back up is not a loop)."""
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry]] = []

    def enter(folder: Path) -> IngestFailure | None:
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                return IngestFailure(display_name(folder), "links back to a folder already being read; skipped")
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            return IngestFailure(display_name(folder), f"folder {unreadable(folder, exc)}; none of its files were read")
        stack.append(iter(entries))
        return None

    if failure := enter(root):
        yield failure
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                if failure := enter(path):
                    yield failure
            elif entry.is_file():
                yield path
            elif entry.is_symlink():
                yield IngestFailure(display_name(path), _broken_link(path))
            else:
                yield IngestFailure(display_name(path), "is not a regular file (a device, pipe or socket); skipped")
        except OSError as exc:
            yield IngestFailure(display_name(path), unreadable(path, exc))


def _broken_link(path: Path) -> str:
    try:
        target = display_name(os.readlink(path))
    except OSError:
        target = "?"
    return f"is a symbolic link to '{target}', which does not exist; fix or remove the link"


def unreadable(path: Path, exc: OSError) -> str:
    """Why an OS call on `path` failed, in words a user can act on."""
    code = exc.errno
    if code == errno.ENOENT:
        if os.path.islink(path):
            return _broken_link(path)
        return "cannot be read: it no longer exists (moved or deleted while being ingested)"
    if code in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied; give the ingesting user read access"
    if code == errno.EISDIR:
        return "is a folder, not a file"
    if code == errno.ELOOP:
        return "is a symbolic link that loops back on itself"
    return f"cannot be read ({exc.strerror or exc})"


def check_upload(paths: Sequence[str | Path], *, max_files: int) -> None:
    """Refuse an upload batch over the count limit before anything is read (sizes are checked per file)."""
    if len(paths) > max_files:
        raise InputError(
            f"{len(paths)} files", f"too many files in one upload (limit {max_files}); upload them in smaller batches"
        )


def size_text(n: int) -> str:
    """Sizes in decimal megabytes (1 MB = 1,000,000 bytes), the unit of `max_file_bytes`'s docs."""
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def _over_limit(name: str, size: int, limit: int) -> InputError:
    shown, cap = size_text(size), size_text(limit)
    if shown == cap:  # 10,000,001 bytes must not read as "10.0 MB, over the 10.0 MB limit"
        shown, cap = f"{size:,} bytes", f"{limit:,} bytes"
    return InputError(name, f"is {shown}, over the {cap} limit; split it or raise max_file_bytes")


def read_bytes(path: Path, max_file_bytes: int) -> bytes:
    """The file's bytes, never more than the limit (a file may grow after it was listed)."""
    name = display_name(path)
    # O_NONBLOCK: opening a named pipe must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "is not a regular file (a device, pipe or socket)")
        if info.st_size > max_file_bytes:
            raise _over_limit(name, info.st_size, max_file_bytes)
        raw = handle.read(max_file_bytes + 1)
    if len(raw) > max_file_bytes:
        raise _over_limit(name, len(raw), max_file_bytes)
    return raw


def estimate_articles(sources: Sequence[str | Path], max_file_bytes: int) -> int:
    """How many articles `sources` hold, counted cheaply (one per file, one per JSONL line) for progress."""
    total = 0
    for item in iter_files(sources):
        if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            try:
                if item.stat().st_size <= max_file_bytes:
                    with open(item, "rb") as f:
                        total += sum(1 for line in f if line.strip()) or 1
                    continue
            except OSError:
                pass
        total += 1
    return total

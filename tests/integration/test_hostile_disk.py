"""A disk that fills up during `rag ingest` or `rag compact`: one line, exit code 1, index intact.

The index lives on a small tmpfs mounted for the test (root only; skipped, saying why, elsewhere).
After the failure the index still loads with its previous articles and passes `rag info`'s check;
with room made, the same command run again completes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

ARCHIVE = ROOT / "data" / "archive-dev" / "articles"
SEED_ID = "pakistan-airstrikes-on-kabul"


def rag(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rag.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})


@pytest.fixture
def disk(tmp_path):
    """A folder on its own small tmpfs; `resize(kib)` changes how much it holds."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs to fill up (needs root): {mounted.stderr.strip()}")

    def resize(kib: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={kib}k", str(folder)], check=True)

    try:
        yield folder, resize
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def used_kib(folder) -> int:
    usage = shutil.disk_usage(folder)
    return (usage.total - usage.free) // 1024


def assert_one_line_disk_error(proc: subprocess.CompletedProcess, command: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and proc.stderr.splitlines()[-1] == errors[0], proc.stderr
    assert "OperationalError" not in proc.stderr and "Errno" not in proc.stderr and "write error" not in proc.stderr
    message = errors[0]
    assert "no space left on the disk holding" in message and "the index is unchanged" in message, message
    assert f"`rag {command}` needs up to about " in message and "run the" in message and "again" in message


def assert_intact(index, article_ids) -> None:
    info = rag("info", "--index", index)
    assert info.returncode == 0, info.stderr
    assert "check:     ok" in info.stdout
    listed = {line.split()[0] for line in info.stdout.splitlines() if line.startswith("  ") and "[" in line}
    assert listed == set(article_ids), listed


def test_disk_full_during_ingest(disk, seed_index):
    folder, resize = disk
    index = folder / "idx"
    shutil.copytree(seed_index, index)
    resize(used_kib(folder) + 64)  # room for a little, not for the archive's passages
    failed = rag("ingest", ARCHIVE, "--index", index)
    assert_one_line_disk_error(failed, "ingest")
    assert "it resumes where it stopped" in failed.stderr
    assert_intact(index, [SEED_ID])
    asked = rag("ask", "What triggered the strikes?", "--index", index)
    assert asked.returncode == 0 and "Durand Line" in asked.stdout

    resize(4096)
    again = rag("ingest", ARCHIVE, "--index", index)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().startswith("64 added, 0 replaced, 1 unchanged")


def test_disk_full_during_compact(disk, seed_index):
    folder, resize = disk
    index = folder / "idx"
    shutil.copytree(seed_index, index)
    built = rag("ingest", ARCHIVE, "--index", index)
    assert built.returncode == 0, built.stderr
    before = rag("info", "--index", index)
    articles = [line.split()[0] for line in before.stdout.splitlines() if line.startswith("  ") and "[" in line]
    assert SEED_ID in articles and len(articles) == 65
    assert before.stdout.count("  seg-") >= 2  # something to compact
    resize(used_kib(folder) + 32)  # the merged segment cannot be written beside the old ones

    failed = rag("compact", "--index", index)
    assert_one_line_disk_error(failed, "compact")
    assert_intact(index, articles)

    resize(4096)
    again = rag("compact", "--index", index)
    assert again.returncode == 0, again.stderr
    assert "→ 1 segment(s), 65 articles" in again.stdout
    assert_intact(index, articles)

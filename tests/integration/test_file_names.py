"""File names that are not UTF-8 (bytes from another system's encoding) are ingested under a readable
name, `\\xe9` for each undecodable byte; a bad file with such a name fails alone, named readably."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rag import Assistant
from rag.readers import display_name, load_articles

ROOT = Path(__file__).resolve().parents[2]
LATIN1_NAME = b"caf\xe9-latin1.txt"  # "café-latin1.txt" written by a Latin-1 system


def folder_with_a_latin1_name(root: Path) -> Path:
    """11 good files and one whose name's bytes are not UTF-8 (created through a bytes path)."""
    folder = root / "in"
    folder.mkdir()
    for i in range(11):
        (folder / f"good-{i:02d}.txt").write_text(f"Officials in district {i} said bridge number {i} opened on Tuesday.")
    with open(os.fsencode(folder) + b"/" + LATIN1_NAME, "w") as f:
        f.write("The café on the square reopened on Monday, its owner said.")
    return folder


def test_the_cli_ingests_all_twelve_files_and_names_the_odd_one_readably(tmp_path):
    folder = folder_with_a_latin1_name(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    index = str(tmp_path / "index")
    ingest = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(folder), "--index", index],
                            env=env, capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0 and "Traceback" not in ingest.stderr, ingest.stderr[-2000:]
    assert ingest.stdout.startswith("12 added, 0 replaced, 0 unchanged, 0 failed"), ingest.stdout
    info = subprocess.run([sys.executable, "-m", "rag.cli", "info", "--index", index],
                          env=env, capture_output=True, text=True, timeout=300)
    assert info.returncode == 0, info.stderr
    assert "  caf-xe9-latin1  Caf\\xe9 latin1  [1 chunk]" in info.stdout, info.stdout
    ask = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "When did the café reopen?", "--index", index],
                         env=env, capture_output=True, text=True, timeout=300)
    assert ask.returncode == 0 and "Monday" in ask.stdout, ask.stdout + ask.stderr


def test_python_ingest_stores_the_readable_name(tmp_path, embedder):
    folder = folder_with_a_latin1_name(tmp_path)
    assistant = Assistant.build([folder], tmp_path / "index", embedder=embedder)
    report = assistant.last_report
    assert len(report.added) == 12 and not report.failed
    article = assistant.article("caf-xe9-latin1")
    assert article.path == f"{folder}/caf\\xe9-latin1.txt"
    assert article.text == "The café on the square reopened on Monday, its owner said."


def test_a_bad_file_with_such_a_name_fails_alone_named_readably(tmp_path):
    folder = folder_with_a_latin1_name(tmp_path)
    base = os.fsencode(folder)
    open(base + b"/empty-\xff.txt", "w").close()
    os.mkdir(base + b"/sub-\xe9")
    with open(base + b"/sub-\xe9/inner.md", "w") as f:
        f.write("# Inner\n\nA file inside a folder whose name is not UTF-8.")
    articles, failures = load_articles([folder], max_file_bytes=10_000_000)
    assert [(f.path, f.problem) for f in failures] == [(f"{folder}/empty-\\xff.txt", "is empty")]
    assert len(articles) == 13
    inner = next(a for a in articles if a.title == "Inner")
    assert inner.path == f"{folder}/sub-\\xe9/inner.md"


def test_a_name_no_file_system_produces_is_a_failure_not_a_crash(tmp_path, embedder):
    """A path string with a lone surrogate (as a JSON API could send) is one failure; the rest go in."""
    good = tmp_path / "good.txt"
    good.write_text("The library extended its opening hours on Saturday, the council said.")
    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    report = assistant.ingest([str(tmp_path / "odd-\ud800.txt"), good])
    assert report.added == ("good",)
    assert [(f.path, f.problem) for f in report.failed] == [
        (f"{tmp_path}/odd-\\ud800.txt", "does not exist; check the path")]
    assert display_name("plain-café.txt") == "plain-café.txt"

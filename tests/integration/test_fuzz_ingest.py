"""Fuzz: 200+ malformed files through the real `rag ingest` CLI — no traceback, each bad file named,
good files indexed, memory bounded (issue 13)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from malformed_files import GOOD, generate

ROOT = Path(__file__).resolve().parents[2]
RSS_LIMIT_BYTES = 2_500_000_000  # the model and torch take ~1 GB; a parse blow-up would take many more


def run_cli(*args: str, cwd: Path) -> tuple[int, str, str, int]:
    """Run `python -m rag.cli ARGS`; return exit code, stdout, stderr and the peak RSS in bytes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", *args], env=env, stdout=stdout, stderr=stderr)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            proc.returncode = -1  # reaped by wait4
    return os.waitstatus_to_exitcode(status), out.read_text(), err.read_text(), usage.ru_maxrss * 1024


def test_fuzz_ingest_names_every_bad_file_and_indexes_the_good_ones(tmp_path):
    folder = tmp_path / "in"
    paths = generate(folder, count=200, seed=0)
    assert len([p for p in paths if not p.name.startswith("good-")]) >= 200
    # Things a folder may hold besides files: a dangling link, a pipe, an unreadable name.
    (folder / "bad-dangling-link.txt").symlink_to(folder / "never-existed.txt")
    os.mkfifo(folder / "bad-pipe.txt")

    work = tmp_path / "run"
    work.mkdir()
    code, stdout, stderr, rss = run_cli("ingest", str(folder), "--index", str(tmp_path / "index"), cwd=work)

    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr[-3000:]
    assert code == 1, (code, stderr[-2000:])
    failed = {}
    for line in stderr.splitlines():
        match = re.match(r"failed: (.+?) — (.+)$", line)
        if match:
            failed.setdefault(re.sub(r"(:\d+|\[\d+\])$", "", match.group(1)), []).append(match.group(2))
    names = {Path(p).name for p in failed}
    bad = {p.name for p in folder.iterdir() if p.name.startswith("bad-")}
    assert bad - names == set(), f"bad files not named in a failure: {sorted(bad - names)[:10]}"
    good = {p.name for p in folder.iterdir() if p.name.startswith("good-")}
    assert len(good) == len(GOOD) and not good & names, f"good files refused: {[(n, failed[str(folder / n)]) for n in good & names]}"
    # Every failure says why, in words: no exception's repr, and no unforeseen error caught by the safety net.
    for path, problems in failed.items():
        for problem in problems:
            assert len(problem) >= 8 and "Error(" not in problem and "could not be parsed" not in problem, (path, problem)
    assert rss < RSS_LIMIT_BYTES, f"peak RSS {rss / 1e6:.0f} MB"

    # The good files are in the index, each under its own id; everything else is reported or indexed.
    code, info, info_err, _ = run_cli("info", "--index", str(tmp_path / "index"), cwd=work)
    assert code == 0, info_err
    for n in range(len(GOOD)):
        assert f"Harbour Ferry Line Number {n} Reopens" in info or f"good-{n:02d}" in info, info
    odd = {p.name for p in folder.iterdir() if p.name.startswith("odd-")}
    indexed_odd = odd - names
    match = re.search(r"(\d+) added", stdout)
    assert match and int(match.group(1)) >= len(GOOD)
    assert int(match.group(1)) <= len(GOOD) + len(indexed_odd)

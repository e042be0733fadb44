"""A second process on a Milvus Lite file is told so in one line, without the library's tracebacks."""

import os
import subprocess
import sys

from conftest import ARTICLES, ROOT

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}


def test_a_second_process_on_a_milvus_lite_file_gets_one_line(tmp_path):
    location = f"milvus://{tmp_path / 'seed.db'}"
    built = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", ARTICLES, "--index", location],
                           cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from rag.store import load_store; s = load_store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", location],
        cwd=ROOT, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        second = subprocess.run([sys.executable, "-m", "rag.cli", "info", "--index", location],
                                cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert second.returncode == 1
    assert second.stderr.splitlines() == [second.stderr.strip()], second.stderr
    assert second.stderr.startswith("error: ") and "in use by another process" in second.stderr
    assert "stop the other process" in second.stderr and "Traceback" not in second.stderr
    assert second.stdout == ""

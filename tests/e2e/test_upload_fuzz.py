"""Hostile uploads through the web form of a real `rag serve` process running under a memory cap.

200 generated malformed files (tests/malformed_files.py: truncated, wrong encodings, huge lines,
deep nesting, a YAML alias bomb, binary junk, zero bytes) plus good ones go through the upload
form in batches of 20, as a user would drop them: each bad file is named in the result, the good
ones are indexed, no traceback is printed, and the server is alive with bounded memory at the end.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, free_port
from malformed_files import generate

from rag import Assistant

CHROMIUM = os.environ.get("RAG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
ADDRESS_SPACE_CAP = 8 * 1024**3  # an alias bomb expanded would need far more; the server itself needs less
PEAK_RSS_LIMIT_KB = 2_500_000
BATCH = 20  # the form's per-upload limit (Settings.max_upload_files)


def _wait_ready(proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if "ready at" in line:
            return
        if proc.poll() is not None:
            raise AssertionError(f"rag serve exited with {proc.returncode} before it was ready")
    raise AssertionError("rag serve was not ready in time")


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def test_malformed_uploads_fail_alone_and_the_server_survives(seed_index, embedder, tmp_path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    index = tmp_path / "index"
    shutil.copytree(seed_index, index)
    files = generate(tmp_path / "files", count=200, seed=1)
    port = free_port()
    log = open(tmp_path / "server.err", "w+")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))

    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "serve", "--index", str(index), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=log, text=True, env=env, cwd=ROOT, preexec_fn=cap_memory,
    )
    try:
        _wait_ready(proc)
        results = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(f"http://127.0.0.1:{port}")
            page.wait_for_selector("#question textarea")
            page.get_by_text("Your articles").click()
            for start in range(0, len(files), BATCH):
                batch = files[start:start + BATCH]
                # Each bad file must be named; a zero-byte file never reaches the server (the
                # browser's upload drops it).
                expected = [f.name for f in batch if f.name.startswith("bad-") and f.stat().st_size]
                page.set_input_files("#upload input[type=file]", [str(f) for f in batch])
                try:
                    page.wait_for_function(
                        "names => { const t = document.querySelector('#upload-result')?.innerText || '';"
                        " return names.every(n => t.includes(n)); }",
                        arg=expected, timeout=60_000,
                    )
                except PlaywrightTimeout:
                    pass  # the assertion below names what is missing
                results.append(page.inner_text("#upload-result"))
                missing = [n for n in expected if n not in results[-1]]
                assert not missing, f"not named in the upload result: {missing}\n{results[-1]}"
            browser.close()
        assert proc.poll() is None, "the server died during the uploads"
        assert _peak_rss_kb(proc.pid) < PEAK_RSS_LIMIT_KB
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    log.seek(0)
    errors = log.read()
    assert "Traceback" not in errors, errors[-3000:]
    assert "could not be parsed" not in "\n".join(results)  # every failure has a specific reason
    good = [f for f in files if f.name.startswith("good-")]
    added = sum(line.startswith("added ") for result in results for line in result.splitlines())
    assert good and added >= len(good)
    assert len(Assistant.load(index, embedder=embedder).articles()) >= 1 + len(good)

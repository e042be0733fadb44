"""A Markdown article naming its outlet as `outlet:` (and its date as `pubDate:`) is listed with them,
by `rag info` and in the web UI's article list."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT


def test_an_outlet_in_front_matter_is_the_articles_source(tmp_path, embedder):
    from rag import Assistant
    from ui.render import article_rows

    article = tmp_path / "quay-cranes.md"
    article.write_text("---\noutlet: Harbour Gazette\npubDate: 2024-03-04\nheadline: Quay Cranes Back in Service\n---\n"
                       "The two quay cranes damaged in the January storm returned to service on Monday, the port "
                       "authority said, ending weeks of delays for container ships.\n")
    index = tmp_path / "index"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    run = [sys.executable, "-m", "rag.cli"]
    done = subprocess.run([*run, "ingest", str(article), "--index", str(index)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    info = subprocess.run([*run, "info", "--index", str(index)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert "quay-cranes  Quay Cranes Back in Service — Harbour Gazette, 2024-03-04" in info.stdout, info.stdout

    assistant = Assistant.load(index, embedder=embedder)
    assert article_rows(assistant.articles()) == [
        ["quay-cranes", "Quay Cranes Back in Service", "Harbour Gazette", "2024-03-04", 1]]
    assistant.index.close()

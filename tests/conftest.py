"""Shared fixtures: the real bundled model, loaded once; a real index of the seed article on disk.

Tests live in three tiers, marked by their folder: `unit` (no model, no server: seconds;
`make test-fast`), `integration` (the real model, real indexes on disk, the CLI in subprocesses,
Milvus Lite) and `e2e` (a real Gradio server in Chromium, a real llama.cpp server). `make test`
runs all three; `pytest -m unit` (or `integration`, `e2e`) picks one.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from rag import Assistant, Settings  # noqa: E402
from rag.embedding import Embedder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SEED = ARTICLES / "pakistan-airstrikes-on-kabul.txt"


def free_port() -> int:
    """A loopback port nobody listens on (for test servers, and for 'endpoint is down')."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


TIERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(config, items):
    for item in items:
        tier = Path(str(item.fspath)).parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, embedder) -> Path:
    path = tmp_path_factory.mktemp("indexes") / "seed"
    assistant = Assistant.build([ARTICLES], path, embedder=embedder)
    assert assistant.last_report.added == ("pakistan-airstrikes-on-kabul",), assistant.last_report
    assistant.index.close()
    return path


@pytest.fixture(scope="session")
def seed_assistant(seed_index, embedder) -> Assistant:
    return Assistant.load(seed_index, embedder=embedder)


@pytest.fixture
def fresh_copy(seed_index, tmp_path) -> Path:
    """A private copy of the seed index that a test may change."""
    target = tmp_path / "copy"
    shutil.copytree(seed_index, target)
    return target


@pytest.fixture
def settings() -> Settings:
    return Settings()

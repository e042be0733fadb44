"""A rate decision "at the last meeting chaired by Governor X, whose term ends on Dec. 31", whose report
names the deputy who will serve as acting governor from Jan. 1: asked in February who the governor
is, the acting governor; asked in December, the governor still in post and who follows. On a real
index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "hold.md": report("Central bank holds rate at governor's last meeting", "Norland Wire", "2025-12-04",
                      "The Bank of Norland kept its key rate at 3.5 percent on Thursday at the last meeting chaired by "
                      "Governor Ivo Marsh, whose term ends on Dec. 31.\n\nThe finance ministry said deputy governor "
                      "Lena Holt would serve as acting governor from Jan. 1 until a permanent appointment is made.\n\n"
                      "Economists expect the next move to be a cut."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("term-ends"), ARTICLES, embedder)


def test_after_the_term_ends_the_acting_holder_is_named(assistant):
    text = strip_markers(assistant.ask("Who is governor of the Bank of Norland?", as_of="2026-02-15").text)
    assert "Lena Holt" in text.split(" [")[0] and "Ivo Marsh" not in text, text


def test_before_it_ends_the_holder_and_who_follows(assistant):
    text = strip_markers(assistant.ask("Who is governor of the Bank of Norland?", as_of="2025-12-20").text)
    assert text.index("Ivo Marsh") < text.index("Lena Holt"), text

"""An answer sentence that calls the asked-for thing by its kind ("The show, which follows …"
for "Which show …?") is quoted with the sentence before it, which names it. On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

NOMINATIONS = """---
title: Television awards nominations announced
source: Screen Weekly
published: 2024-07-18
---
Nominations for the Harbour Television Awards were announced on Wednesday in a ceremony broadcast from the coast.

The family drama Tidewater picked up nominations in every major category.

The show, which follows three generations of a fishing family, leads the race with 19 nominations.

A comedy about a failing bakery was second with 11.
"""

PORT = """---
title: Port traffic rises
source: Coastal Gazette
published: 2024-07-17
---
Container traffic through the port rose by a tenth in the first half of the year, the port authority said.

Officials credited a new rail link for the rise.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("kind"), {"nominations.md": NOMINATIONS, "port.md": PORT}, embedder)


def test_a_sentence_naming_only_the_asked_kind_comes_with_the_one_that_names_it(assistant):
    answer = assistant.ask("Which show leads the race for the Harbour Television Awards?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "19 nominations" in text and "Tidewater" in text, text
    assert text.index("Tidewater") < text.index("The show, which follows"), text


def test_an_acronym_before_the_asked_kind_does_not_hide_it(assistant):
    answer = assistant.ask("Which TV show leads the race for the Harbour Television Awards?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "19 nominations" in text and "Tidewater" in text, text


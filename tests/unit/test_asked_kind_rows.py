"""Rows for the sentences that speak of the asked-for thing only by its kind ("Which company …?"):
"the company" needs the sentence before it, unless a name stands before it; "A local firm" names
nothing, unless the name follows it."""

from __future__ import annotations

import pytest

from rag.answering.extractive import _introduces_the_asked_kind, _names_the_asked_kind


@pytest.mark.parametrize("text,kind,needs_before", [
    ("The show, which follows a family of farmers, won three awards.", "show", True),
    ("A report claims that the company cut 400 jobs.", "company", True),
    ("Officials said Tarvo Holdings had won the harbour contract, and that the company would start in May.",
     "company", False),
    ("Tarvo Holdings won the harbour contract.", "company", False),
    ("A report from Marlow Securities claims that the company cut jobs.", "company", True),  # the source
])
def test_a_sentence_naming_only_the_kind(text, kind, needs_before):
    assert _names_the_asked_kind(text, kind) is needs_before


@pytest.mark.parametrize("text,kind,introduces", [
    ("A 76 million-year-old dinosaur skeleton sold for $12 million.", "skeleton", True),
    ("A local firm, Brenner Steel, will repair the Kessel river bridge.", "firm", False),
    ("Brenner Steel, a local firm, will repair the bridge.", "firm", False),
])
def test_a_sentence_opening_on_a_thing_of_the_kind(text, kind, introduces):
    assert _introduces_the_asked_kind(text, kind) is introduces

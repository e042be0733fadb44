"""A question asked before or after another event ("… before plastic bricks were introduced?") is
not answered by a sentence whose own time is on the wrong side of that event, as the articles date
it (the adversarial "impossible condition" question of reading-comprehension sets); the same
question with a condition the evidence meets is answered. On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

TOYS = """---
title: A century of toy bricks
source: Valley Courier
published: 2024-03-04
---
The Orlan toy company was founded in 1932 by a carpenter who made wooden toys and sold them at village fairs.

Plastic bricks were introduced in 1949, and in 1958 the company patented the modern brick design with hollow tubes underneath.

The company is best known for its interlocking plastic bricks, which are now sold in more than 130 countries.
"""

MILL = """---
title: The mill town between two lakes
source: Coastal Gazette
published: 2024-02-20
---
Harrowmere lies between two lakes, and the rapids that connect them have powered industry since the town was founded by royal charter in 1779.

In 1820 the industrialist Thomas Weller established a cotton mill beside the rapids, and the town became the country's leading textile centre.

The old mill buildings now house a museum, shops and a theatre.
"""

AS_OF = "2024-03-10"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("conditions"), {"toys.md": TOYS, "mill.md": MILL}, embedder)


@pytest.mark.parametrize("question", [
    # One sentence, both years; the founding (1932) is before 1949, yet says nothing of a patent.
    "What did the company patent before plastic bricks were introduced?",
    "Who founded the toy company after plastic bricks were introduced?",  # the event stated apart
    "Which mill did Weller build beside the rapids before the town was founded?",
])
def test_a_condition_the_evidence_contradicts_is_refused(assistant, question):
    answer = assistant.ask(question, as_of=AS_OF)
    assert answer.refused, answer.text
    assert answer.kind == "refusal", answer.text  # not a near miss naming an instance the question did not ask


@pytest.mark.parametrize("question,expected", [
    ("What did the company patent after plastic bricks were introduced?", "hollow tubes"),
    ("Who founded the toy company before plastic bricks were introduced?", "carpenter"),
    ("Which mill did Weller build beside the rapids after the town was founded?", "cotton mill"),
])
def test_the_same_question_with_a_condition_the_evidence_meets_is_answered(assistant, question, expected):
    answer = assistant.ask(question, as_of=AS_OF)
    assert not answer.refused, answer.text
    assert expected in strip_markers(answer.text)


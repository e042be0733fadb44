"""A question about what did NOT happen is not answered by the sentence that says what did (the
adversarial "not" question of reading-comprehension sets): the answer must itself say "not",
"except", "without" …; the same question without "not" is answered. Likewise a question asking
what went one way ("increases") is not answered by a sentence saying only that something went the
other ("reduces"). On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

LEAGUE = """---
title: Coastal League formed
source: Valley Courier
published: 2024-03-04
---
The Coastal League brought together the ports of Arlen, Besk and Corva in a pact to share dredging costs.

The pact was signed in Arlen on Monday after two years of talks.
"""

TREATY = """---
title: Water treaty signed
source: Coastal Gazette
published: 2024-03-06
---
Every town in the valley except Dunmere signed the water treaty on Wednesday.

Dunmere's council said it wanted more time to study the costs.
"""


ICE = """---
title: How sweeping works
source: Valley Courier
published: 2024-02-20
---
Sweeping the ice in front of a moving stone reduces friction, so the stone travels farther and curls less.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("negation"), {"league.md": LEAGUE, "treaty.md": TREATY, "ice.md": ICE}, embedder)


def test_a_negated_question_is_not_answered_by_the_positive_fact(assistant):
    answer = assistant.ask("Which port did not join the Coastal League?", as_of="2024-03-10")
    assert answer.refused, answer.text


def test_the_same_question_without_not_is_answered(assistant):
    answer = assistant.ask("Which ports joined the Coastal League?", as_of="2024-03-10")
    assert not answer.refused, answer.text
    assert "Besk" in strip_markers(answer.text)


def test_a_negated_question_is_answered_by_a_sentence_that_says_the_exception(assistant):
    answer = assistant.ask("Which town did not sign the water treaty?", as_of="2024-03-10")
    assert not answer.refused, answer.text
    assert "except Dunmere" in strip_markers(answer.text)


def test_a_question_asking_one_direction_is_not_answered_by_the_other(assistant):
    assert assistant.ask("What increases friction in front of a moving stone?", as_of="2024-03-10").refused
    answer = assistant.ask("What reduces friction in front of a moving stone?", as_of="2024-03-10")
    assert not answer.refused, answer.text
    assert "Sweeping" in strip_markers(answer.text)

"""A quiz-style question tells its story first ("X won for the 15th time in 16 years. How many …?"):
the preamble's figures and details are no condition the evidence must repeat, but the evidence
must be about that story. On a small real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

FINAL = """---
title: Keller beats Reyes in Harlow Open final
source: Valley Courier
published: 2024-05-12
---
Maria Keller won the Harlow Open on Sunday, beating Tom Reyes's sister Ana Reyes in straight sets.

Keller served 31 aces in the final, a tournament record.

The crowd of 9,000 was the largest since the tournament moved to the new stadium.
"""

OTHER = """---
title: Dalton wins the Westmark Classic
source: Coastal Gazette
published: 2024-05-05
---
Ines Dalton won the Westmark Classic on Sunday and served 12 aces in the final.

Dalton said she would skip the Harlow Open to rest an injured shoulder.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("preamble"), {"final.md": FINAL, "other.md": OTHER}, embedder)


def test_the_preambles_figures_need_not_be_repeated_by_the_answer(assistant):
    answer = assistant.ask("Maria Keller won the Harlow Open for the 15th time in 16 years. "
                           "How many aces did she serve in the final?", as_of="2024-05-15")
    assert not answer.refused, answer.text
    assert strip_markers(answer.text).startswith("Keller served 31 aces in the final"), answer.text


def test_the_answer_must_still_be_about_the_preambles_story(assistant):
    # Nobody in the archive is Joan Okafor: the other player's aces are no answer.
    answer = assistant.ask("Joan Okafor won the Corran Trophy for the third time. "
                           "How many aces did she serve in the final?", as_of="2024-05-15")
    assert answer.refused, answer.text
    assert "12 aces" not in answer.text and "31 aces" not in answer.text


QUAKES = {
    "quake-2024.md": """---
title: Quake shakes northern Ostland
source: Allied Wire
published: 2024-09-08
---
A magnitude 6.1 earthquake struck northern Ostland on Saturday, damaging hundreds of homes.

Aftershocks continued until Sunday afternoon, the seismology office said.
""",
    "quake-2019.md": """---
title: Northern Ostland quake
source: Ostland Herald
published: 2019-05-03
---
A magnitude 5.8 earthquake struck northern Ostland on Thursday.

Aftershocks continued until May 10, officials said.
""",
    "queen.md": """---
title: Queen Mira dies at 96
source: Allied Wire
published: 2024-06-13
---
Queen Mira of Ostland died on Thursday at the age of 96, the palace said.

She acceded to the throne on February 6, 1962, after her father's death.
""",
}


@pytest.fixture(scope="module")
def stories(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("story-times"), QUAKES, embedder)


def test_a_preamble_time_dates_the_story_but_not_the_time_asked(stories):
    answer = stories.ask("Queen Mira died on Thursday. When did she take the throne?", as_of="2024-06-14")
    assert not answer.refused and "1962" in answer.text, answer.text
    answer = stories.ask("An earthquake struck northern Ostland on Saturday. When did the aftershocks stop?",
                         as_of="2024-09-09")
    text = strip_markers(answer.text)
    assert "Sunday afternoon" in text and "May 10" not in text, text

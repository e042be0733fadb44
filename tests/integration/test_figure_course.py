""""How did the death toll rise?" asks a figure's course: each dated report in the timeline gives
the figure, not a sentence that only talks about it. On a real index."""

from __future__ import annotations

import re

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

FIRST = """---
title: Floods hit the Kessel valley
source: Valley Courier
published: 2024-10-14
---
The death toll from the Kessel valley floods is expected to rise, officials said on Monday, as rescuers searched for the missing.

At least 8 people were killed when the river burst its banks overnight.
"""

SECOND = """---
title: Kessel valley flood toll rises
source: Coastal Gazette
published: 2024-10-16
---
Officials warned that the death toll from the Kessel valley floods would keep rising as the water receded.

The number of people killed has risen to 19, regional officials said on Wednesday.
"""

THIRD = """---
title: Kessel valley mourns its dead
source: Valley Courier
published: 2024-10-21
---
The Kessel valley floods have killed 27 people, officials said on Monday, the deadliest floods in the region in a century.

Damage is put at about 40 million euros.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("course"),
                    {"first.md": FIRST, "second.md": SECOND, "third.md": THIRD}, embedder)


def test_each_report_in_a_figures_course_gives_the_figure(assistant):
    answer = assistant.ask("How did the death toll from the Kessel valley floods rise?", as_of="2024-10-25")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    lines = [line for line in re.split(r"(?=(?:Valley Courier|Coastal Gazette), )", text) if line.strip()]
    assert len(lines) >= 3, text
    assert all(re.search(r"\d", line.split(":", 1)[1]) for line in lines), text
    assert "8 people" in text and "19" in text and "27 people" in text, text
    assert "expected to rise" not in text and "keep rising" not in text, text
    assert "40 million" not in text, text  # another figure of the story is no step of the toll

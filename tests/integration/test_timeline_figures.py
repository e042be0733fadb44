"""A timeline of a figure ("How did the death toll … change?") shows each report's figure: the
sentence of each dated report that gives one, not a closer-worded one that gives none. On a real
index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

FIRST = """---
title: Floods hit the Kessel valley
source: Valley Courier
published: 2024-10-14
---
Floods swept through the Kessel valley overnight after days of heavy rain.

At least 12 people were killed in the Kessel valley floods, regional officials said on Monday.

Rescue teams searched flooded villages by boat.
"""

SECOND = """---
title: Kessel valley death toll rises
source: Valley Courier
published: 2024-10-16
---
Officials warned that the death toll from the Kessel valley floods would change as rescuers reached cut-off villages.

By Wednesday the toll had risen to 19, officials said.

Schools in the valley will stay closed this week.
"""

THIRD = """---
title: Kessel valley mourns
source: Coastal Gazette
published: 2024-10-21
---
The death toll from the Kessel valley floods has weighed on every town in the valley.

Thirty people died in the floods last week, the regional governor said.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("toll"), {"first.md": FIRST, "second.md": SECOND, "third.md": THIRD}, embedder)


def test_each_report_in_a_figures_timeline_gives_its_figure(assistant):
    answer = assistant.ask("How did the death toll from the Kessel valley floods change?", as_of="2024-10-25")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "19" in text and "Thirty" in text, text
    assert "would change" not in text and "weighed on" not in text, text  # lines that give no figure

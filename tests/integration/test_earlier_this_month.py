"""A "this week" question is not answered with what an article of this week says happened "earlier
this month": that came before the week's news (another airline's pilots, beside the right ones).
On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

PICKETS = """---
title: Westmark Air pilots protest stalled contract talks
source: Valley Courier
published: 2024-05-14
---
On Tuesday, hundreds of uniformed Westmark Air pilots picketed at the Ardmouth airport to protest the lack of progress on a new contract.

The pilots' union said talks with the airline had dragged on for more than three years.

Earlier this month, Coastline Airways pilots picketed outside their company's headquarters, and before that, at two major airports.

The union said its members would not strike during the summer season.
"""

HARBOUR = """---
title: Harbour dredging to start in autumn
source: Coastal Gazette
published: 2024-05-13
---
Dredging of the harbour channel will start in October and take about six weeks, the port authority said.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("earlier"), {"pickets.md": PICKETS, "harbour.md": HARBOUR}, embedder)


def test_a_this_week_question_is_not_answered_with_earlier_this_month(assistant):
    answer = assistant.ask("Hundreds of pilots picketed this week over the lack of progress on a new contract. "
                           "Which airline were they from?", as_of="2024-05-17")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "Westmark Air" in text and "Coastline" not in text, text

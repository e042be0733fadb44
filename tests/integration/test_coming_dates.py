"""A question about a date still to come, on a small real index holding two years of the same
annual event: it is answered from this year's article (published before the date, naming it),
not refused as a near miss and not from last year's story about the same day."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

LAST_YEAR = """---
title: Lakeside festival opens with Northern Lights
source: Valley Courier
published: 2021-07-30
---
The Lakeside Film Festival opened on July 29 with the premiere of Northern Lights, a drama about a lighthouse keeper.

About 4,000 people watched the opening screening on the shore, organisers said.

The festival runs for ten days and shows 80 films from 30 countries.
"""

THIS_YEAR = """---
title: Salt Roads to open Lakeside festival
source: Valley Courier
published: 2022-07-15
---
The Lakeside Film Festival will open on July 29 with the premiere of Salt Roads, a road movie shot along the coast.

Organisers said tickets for the opening screening on the shore sold out within a day.

This year's programme has 95 films from 34 countries.
"""

HARBOUR = """---
title: Harbour dredging to start in autumn
source: Coastal Gazette
published: 2022-07-12
---
Dredging of the harbour channel will start in October and take about six weeks, the port authority said.

Ferries will run to a reduced timetable while the work is under way.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("coming"),
                    {"festival-2021.md": LAST_YEAR, "festival-2022.md": THIS_YEAR, "harbour.md": HARBOUR}, embedder)


@pytest.mark.parametrize("question", [
    "Which film will open the Lakeside Film Festival on the coming July 29?",
    "Which film opens the Lakeside Film Festival on July 29?",
])
def test_the_coming_date_is_answered_from_this_years_article(assistant, question):
    answer = assistant.ask(question, as_of="2022-07-22")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "Salt Roads" in text and "Northern Lights" not in text, text
    assert {c.article_id for c in answer.citations} == {"festival-2022"}


def test_the_past_date_is_still_last_years(assistant):
    answer = assistant.ask("Which film opened the Lakeside Film Festival on July 29?", as_of="2022-07-22")
    text = strip_markers(answer.text)
    assert "Northern Lights" in text and "Salt Roads" not in text, text

"""A question asking for one figure is not answered with another article's other figure beside
the right one ("a 100-year-old man" from the report of the trial date beside "a 101-year-old man"
from the verdict). On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

VERDICT = """---
title: Former camp guard convicted
source: Valley Courier
published: 2024-06-12
---
A court in Westmark convicted a 101-year-old former prison camp guard of being an accessory to murder on Tuesday.

The court sentenced the former guard to five years in prison, though he is unlikely to serve it.
"""

TRIAL_DATE = """---
title: Trial date set for former camp guard
source: Coastal Gazette
published: 2023-09-20
---
A court in Westmark set a trial date for a 100-year-old former prison camp guard accused of being an accessory to murder.

Prosecutors said the trial would take place in two-hour sessions because of his age.
"""

FLOODS_MONDAY = """---
title: Floods hit the Kessel valley
source: Valley Courier
published: 2024-10-14
---
At least 12 people were killed in the Kessel valley floods, regional officials said on Monday.
"""

FLOODS_WEDNESDAY = """---
title: Kessel valley toll rises
source: Coastal Gazette
published: 2024-10-16
---
The number of people killed in the Kessel valley floods has risen to 19, officials said on Wednesday.
"""

HARBOUR = """---
title: Harbour dredging to start in autumn
source: Coastal Gazette
published: 2024-06-11
---
Dredging of the harbour channel will start in October and take about six weeks, the port authority said.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("figure"),
                    {"verdict.md": VERDICT, "trial-date.md": TRIAL_DATE, "floods-1.md": FLOODS_MONDAY,
                     "floods-2.md": FLOODS_WEDNESDAY, "harbour.md": HARBOUR}, embedder)


def test_one_figure_asked_is_not_answered_beside_another_articles_other_figure(assistant):
    answer = assistant.ask("How old is the former prison camp guard convicted by the court in Westmark?",
                           as_of="2024-06-14")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "101-year-old" in text and "100-year-old" not in text, text


def test_two_times_asked_still_quote_both_figures(assistant):
    answer = assistant.ask("How old was the former prison camp guard in 2023 and in 2024?", as_of="2024-06-14")
    text = strip_markers(answer.text)
    assert "101-year-old" in text and "100-year-old" in text, text


def test_a_later_reports_revised_figure_is_kept(assistant):
    answer = assistant.ask("How many people were killed in the Kessel valley floods?", as_of="2024-10-25")
    assert not answer.refused, answer.text
    assert "19" in strip_markers(answer.text), answer.text

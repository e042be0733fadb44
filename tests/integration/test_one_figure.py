"""A question asking for one figure is not answered with another article's other figure beside
the right one ("a 100-year-old man" from the report of the trial date beside "a 101-year-old man"
from the verdict), even when both sentences also state a figure the question gives ("212 people"), nor
when the question asks "… fell below what price?". On a real index."""

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

CAPTAIN_CHARGED = """---
title: Ferry captain charged over sinking
source: Valley Courier
published: 2024-03-05
---
Prosecutors in Ardmouth charged a 64-year-old ferry captain over the sinking that killed 212 passengers.

The captain is due in court next month.
"""

CAPTAIN_ARRESTED = """---
title: Ferry captain arrested after sinking
source: Coastal Gazette
published: 2023-04-18
---
Prosecutors in Ardmouth said a 63-year-old ferry captain would be charged over the sinking that killed 212 passengers.

Divers were still searching the wreck on Tuesday.
"""

FUEL_AUGUST = """---
title: Petrol price drops below $4
source: Valley Courier
published: 2024-08-11
---
Drivers in Westmark saw the average petrol price fall below $4 a gallon for the first time in five months.

Analysts credited lower crude oil prices and weaker demand.
"""

FUEL_JUNE = """---
title: Petrol price tops $5
source: Coastal Gazette
published: 2024-06-12
---
The average petrol price in Westmark has been $5 a gallon or more for the first time in five months.

Some drivers said they had cut back on trips.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("figure"),
                    {"verdict.md": VERDICT, "trial-date.md": TRIAL_DATE, "floods-1.md": FLOODS_MONDAY,
                     "floods-2.md": FLOODS_WEDNESDAY, "harbour.md": HARBOUR, "captain-1.md": CAPTAIN_CHARGED,
                     "captain-2.md": CAPTAIN_ARRESTED, "fuel-1.md": FUEL_AUGUST, "fuel-2.md": FUEL_JUNE}, embedder)


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


def test_a_figure_the_question_gives_does_not_make_another_articles_figure_agree(assistant):
    # Both reports say "212 passengers", as the question does: the ages still differ.
    answer = assistant.ask("How old is the ferry captain charged over the sinking that killed 212 passengers?",
                           as_of="2024-03-08")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "64-year-old" in text and "63-year-old" not in text, text


def test_a_price_asked_with_what_price_is_one_figure(assistant):
    answer = assistant.ask("For the first time in five months, the average petrol price in Westmark fell below what price?",
                           as_of="2024-08-12")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "$4" in text and "$5" not in text, text

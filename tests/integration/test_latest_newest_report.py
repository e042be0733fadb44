""""What is X now?" over a story reported many times: the newest report leads, even when dozens of
older reports match the question's wording better than it does. On a real index."""

from __future__ import annotations

import datetime as dt

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

FIRST_WEEK = dt.date(2023, 1, 2)
WEEKS = 40


ASIDES = (
    "Farmers in the hills east of the town have asked for irrigation quotas to be raised before the summer.",
    "A pipe burst near the old mill on Thursday and was repaired within hours by council crews.",
    "The council will vote next month on a plan to build a second pumping station on the north shore.",
    "Anglers say fish stocks in the upper lake have recovered since the spring restocking programme.",
    "The board's chair told residents at a public meeting that bills would not rise this year.",
    "Engineers inspected the dam's spillway gates and found no faults, according to a short statement.",
    "A school near the shoreline held a science week on how the town's drinking water is cleaned.",
    "Tourism officials expect boat hire on the lake to reopen once the weather warms up.",
)

NOTES = (
    "Rainfall in the catchment was close to the average for the time of year.",
    "A new meter reading system is being tested in two districts of the town.",
    "The board expects to publish its annual accounts in the autumn.",
    "Volunteers cleared litter from the southern beach over the weekend.",
    "Heavy lorries are banned from the dam road while its surface is relaid.",
)


def weekly_report(week: int) -> str:
    """One of many weekly reports, each also telling something else (no two alike), so that none is a copy of another."""
    day = FIRST_WEEK + dt.timedelta(weeks=week)
    level = 80 - week  # 80 % falling to 41 %: every older level differs from the newest one
    return f"""---
title: Lakeport reservoir level, week {week + 1}
source: Valley Courier
published: {day.isoformat()}
---
The Lakeport reservoir level stood at {level} percent on Monday, the Lakeport water board said in its weekly reservoir level update.

{ASIDES[week % len(ASIDES)]} {NOTES[week // len(ASIDES)]}
"""


NEWEST = """---
title: Dry winter drains Lakeport's water supply
source: Coastal Gazette
published: 2024-03-04
---
The Lakeport reservoir level has fallen to 31 percent of capacity after the driest winter on record, the water board said on Monday.

Hosepipe bans are expected across the region from April.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    articles = {f"weekly-{week:02d}.md": weekly_report(week) for week in range(WEEKS)}
    articles["newest.md"] = NEWEST
    return index_of(tmp_path_factory.mktemp("newest"), articles, embedder)


def test_the_newest_report_leads_though_older_ones_match_the_wording_better(assistant):
    answer = assistant.ask("What is the Lakeport reservoir level now?", as_of="2024-03-06")
    assert not answer.refused, answer.text
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "31 percent" in lead, answer.text
    assert answer.citations[0].meta.published == "2024-03-04"


def test_an_archive_asked_today_is_read_as_of_its_own_last_day(assistant):
    answer = assistant.ask("What is the Lakeport reservoir level now?")
    assert "31 percent" in strip_markers(answer.text).split("Earlier report")[0], answer.text


def test_asked_before_the_newest_report_the_report_of_that_week_leads(assistant):
    answer = assistant.ask("What is the Lakeport reservoir level now?", as_of="2023-06-28")
    lead = strip_markers(answer.text).split("Earlier report")[0]
    assert "55 percent" in lead, answer.text  # week 25, published 2023-06-26

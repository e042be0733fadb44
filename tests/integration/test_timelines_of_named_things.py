"""Timelines of a named thing and of a body's leaders.

- "List the Golden Vine winners at the harvest fair year by year": each year's report is quoted by
  its line on the award, not by its lead on the crowd ("The 27th fair drew 41,000 visitors"),
  which leaves the award out.
- "What leadership changes has the broadcaster had since 2022?" asks a timeline: the resignation,
  the appointment and the departure, each dated.

On a real index with the real model."""

from __future__ import annotations

import pytest

from sample_articles import index_of, report


ARTICLES = {
    "fair-2022.md": report("Crowds return as Casa Merlen takes the Golden Vine", "Valley Courier", "2022-09-12", """
The 27th Lusca Valley Harvest Fair drew 41,000 visitors over the weekend, more than double last year's pandemic-limited 19,500.

The Golden Vine, the fair's top award, went to Casa Merlen for its Merlen Reserve 2020, a dark, spicy red.
""".strip()),
    "fair-2023.md": report("Record crowd as Hof Talberg wins first Golden Vine", "Valley Courier", "2023-09-11", """
The 28th Lusca Valley Harvest Fair set an attendance record this weekend, with 52,300 visitors over three days of sunshine.

The Golden Vine was awarded to Hof Talberg for its Talberg Grauburg 2021, the first white wine to take the top prize since 2012.
""".strip()),
    "fair-2024.md": report("Rain thins crowds as Casa Merlen wins again", "Valley Courier", "2024-09-16", """
The 29th Lusca Valley Harvest Fair drew 48,900 visitors, down from last year's record.

The Golden Vine went to Casa Merlen for the second time in three years, this time for its Merlen Reserve 2022.

Ninety-four producers exhibited, a record.

The 30th fair, a milestone edition, will be held on September 12-14, 2025.
""".strip()),
    "fair-2025.md": report("Thirtieth harvest fair breaks record", "Valley Courier", "2025-09-15", """
The 30th Lusca Valley Harvest Fair drew a record 57,000 visitors over the weekend, comfortably beating the 52,300 who came in 2023.

A record 101 producers exhibited, and the park-and-ride carried 14,000 passengers.
""".strip()),
    "hbn-2022.md": report("HBN chief resigns over expenses", "Karvo Ledger", "2022-01-18", """
Matthias Roon resigned as director-general of the Harbour Broadcasting Network on Monday, four days after an audit of his expenses.

HBN's board said news director Mona Sten would serve as acting director-general until a successor is appointed.
""".strip()),
    "hbn-named.md": report("HBN names Ivo Brand as director-general", "Harbour Wire", "2022-06-14", """
The Harbour Broadcasting Network (HBN) on Tuesday named Ivo Brand, chief executive of a regional publisher, as its new director-general.
""".strip()),
    "hbn-2024.md": report("Brand quits HBN after 20 months", "Karvo Ledger", "2024-03-05", """
Ivo Brand is leaving the Harbour Broadcasting Network to become chief executive of a streaming service, the broadcaster said on Monday.
""".strip()),
    # a change worded far from "leadership changes": still a step
    "hbn-acting.md": report("Board turns to finance chief after Brand exit", "Karvo Ledger", "2024-03-20", """
The HBN board has appointed finance director Karin Loft as acting director-general with immediate effect, a spokesperson said on Wednesday.

Loft, 52, joined the network in 2019 from a bank.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("timelines-named"), ARTICLES, embedder)


def test_each_years_step_is_its_line_on_the_named_award(assistant):
    answer = assistant.ask("List the Golden Vine winners at the Lusca Valley Harvest Fair year by year",
                           as_of="2025-01-01")
    assert not answer.refused, answer.text
    for winner in ("Casa Merlen for its Merlen Reserve 2020", "Hof Talberg", "Merlen Reserve 2022"):
        assert winner in answer.text, answer.text
    assert "41,000 visitors" not in answer.text, answer.text
    assert answer.text.index("12 September 2022") < answer.text.index("11 September 2023") < answer.text.index(
        "16 September 2024")


def test_leadership_changes_since_a_year_are_a_dated_timeline(assistant):
    answer = assistant.ask("What leadership changes has HBN had since 2022?", as_of="2025-01-01")
    assert not answer.refused, answer.text
    for step in ("18 January 2022", "14 June 2022", "5 March 2024", "20 March 2024"):
        assert step in answer.text, answer.text
    assert answer.text.index("Roon resigned") < answer.text.index("Ivo Brand is leaving"), answer.text


def test_who_has_won_of_late_is_each_years_winner(assistant):
    """ "Who has won the Golden Vine in recent years?" asks each year's winner, dated, not one line."""
    answer = assistant.ask("who has won the Golden Vine in recent years?", as_of="2025-01-01")
    assert not answer.refused, answer.text
    for winner in ("Merlen Reserve 2020", "Hof Talberg", "Merlen Reserve 2022"):
        assert winner in answer.text, answer.text
    assert answer.text.index("12 September 2022") < answer.text.index("16 September 2024"), answer.text


def test_each_stage_of_a_story_is_a_dated_timeline(assistant):
    answer = assistant.ask("What happened at each stage of Ivo Brand's time at HBN?", as_of="2025-01-01")
    assert not answer.refused, answer.text
    for step in ("14 June 2022", "5 March 2024"):
        assert step in answer.text, answer.text

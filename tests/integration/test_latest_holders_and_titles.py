"""Who leads now, who holds a title, and the latest figure of the asked storm.

- "Who is currently leading the broadcaster?" where its chief "is leaving" and the board said a
  deputy "would again serve as acting director-general from April 1": the deputy, by the newest
  report, not the chief named two years before.
- "Who is the reigning chess champion?": the newest report of the title won.
- "How much did Storm Hale cost insurers, latest figure": the final estimate of Storm Hale, not a
  newer report on another storm that mentions Hale.
- "What was the bank's policy rate in July 2023?" where no report of February's rise is indexed,
  but October's says "The rate had been held at 3.5 percent since February": 3.5 percent, told as
  a later report on July 2023, not September 2022's 2.75 percent.
- "Who was in charge of the medicines agency in August 2022?" where the only report near then is
  September's: "Ana Ring has led the agency as acting director-general since July 1": she was.
- "Who won the 2023 national chess championship?" of "X won … on Sunday, taking back the title he
  lost a year ago": the year recalled is the earlier loss's, not the win's.

On a real index with the real model."""

from __future__ import annotations

import pytest

from sample_articles import index_of, report


ARTICLES = {
    "named.md": report("Broadcaster names Ivo Brand as director-general", "Harbour Wire", "2022-06-14", """
The Harbour Broadcasting Network (HBN) on Tuesday named Ivo Brand, chief executive of a regional publisher, as its new director-general, filling the post left vacant in January.

Brand, 46, will start on July 1, the broadcaster's board said.
""".strip()),
    "leaving.md": report("Brand quits HBN after 20 months", "Karvo Ledger", "2024-03-05", """
Ivo Brand is leaving the Harbour Broadcasting Network to become chief executive of a streaming service, the broadcaster said on Monday.

HBN's board said news director Mona Sten would again serve as acting director-general from April 1, as she did for five months after the last director-general resigned in January 2022.
""".strip()),
    "chess-2022.md": report("Lind makes history at 71st national championship", "Sportsdesk", "2022-05-23", """
Ada Lind won the 71st national chess championship in Varo on Sunday, becoming the first woman to win the open title since 1988.
""".strip()),
    "chess-2024.md": report("Kell, 19, takes the national title", "Sportsdesk", "2024-05-27", """
Oren Kell won the 73rd national chess championship on Sunday in his home town of Varo, a year after losing a playoff for the title.

Defending champion Pia Holm finished second, and 2022 champion Ada Lind was fourth.
""".strip()),
    "chess-2023.md": report("Pelt regains national title at 72nd championship", "Sportsdesk", "2023-05-22", """
Ivo Pelt won the 72nd national chess championship in Varo on Sunday, taking back the title he lost a year ago to Ada Lind.

The 31-year-old grandmaster scored 7 points from nine games.
""".strip()),
    "rate-2022.md": report("Harbour Bank lifts rate to 2.75%", "Karvo Ledger", "2022-09-22", """
The Harbour Bank raised its policy rate by 1.5 percentage points to 2.75 percent on Thursday, its largest single increase since 1998.
""".strip()),
    "rate-2023.md": report("Harbour Bank lifts rate to 4%", "Karvo Ledger", "2023-10-26", """
The Harbour Bank raised its policy rate by half a percentage point to 4.0 percent on Thursday and said it probably would not need to go higher.

The rate had been held at 3.5 percent since February, when the bank made its last increase.
""".strip()),
    "agency-2022.md": report("Pharmacologist Sarkan to lead medicines agency from October", "Harbour Wire", "2022-09-06", """
Ivo Sarkan, head of clinical pharmacology at the University of Varo, will become director-general of the Harbour Medicines Agency on October 1, the health ministry said on Tuesday.

Deputy Director-General Ana Ring has led the agency as acting director-general since July 1 and will remain as deputy.

Ring said the number of pending applications had fallen to around 490 by the end of August.
""".strip()),
    "agency-2023.md": report("Medicines agency cuts backlog to 365", "Harbour Wire", "2023-04-18", """
The Harbour Medicines Agency had 365 applications awaiting a decision at the end of 2022, down from 530 a year earlier.

Director-General Ivo Sarkan, who took over in October, said the figures showed the direction was right.
""".strip()),
    "hale-first.md": report("Storm Hale damage put at 120 million euros", "Harbour Wire", "2023-09-19", """
Storm Hale caused an estimated 120 million euros of insured damage, the insurers' association said on Tuesday in its first assessment.
""".strip()),
    "hale-final.md": report("Hale final bill 265 million euros", "Harbour Wire", "2024-02-14", """
Storm Hale cost insurers 265 million euros, the insurers' association said on Wednesday in its final estimate, making it the costliest storm since 1999.

The association had put insured damage at 120 million euros in September.
""".strip()),
    "iris.md": report("Storm Iris: town stays dry as new walls hold", "Karvo Ledger", "2024-12-10", """
Storm Iris brought gales to the coast on Monday, fourteen months after Storm Hale flooded the town.

The insurers' association said initial claims from Storm Iris suggested insured damage of around 35 million euros.

In February the government had promised the flood walls by the end of 2025 at a cost of 455 million euros.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("holders-titles"), ARTICLES, embedder)


def test_who_leads_now_is_told_by_the_newest_change_from_a_later_day(assistant):
    answer = assistant.ask("Who is currently leading HBN?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "Mona Sten" in answer.text.split("[1]")[0], answer.text
    then = assistant.ask("Who is currently leading HBN?", as_of="2023-06-01")
    assert "Ivo Brand" in then.text and "Mona Sten" not in then.text, then.text
    # Asked before April 1, the acting chief has not yet taken over.
    before = assistant.ask("Who is currently leading HBN?", as_of="2024-03-10")
    assert not before.refused and "Mona Sten" not in before.text.split("[1]")[0], before.text


def test_the_reigning_champion_is_the_newest_titleholder(assistant):
    answer = assistant.ask("who is the reigning national chess champion", as_of="2025-03-01")
    assert not answer.refused, answer.text
    assert "Oren Kell" in answer.text.split("[1]")[0], answer.text


def test_the_latest_figure_is_the_asked_storms_not_a_newer_report_on_another(assistant):
    answer = assistant.ask("how much did storm hale cost insurers, latest figure", as_of="2025-01-01")
    assert not answer.refused, answer.text
    assert "265 million" in answer.text, answer.text
    assert "35 million" not in answer.text and "455 million" not in answer.text, answer.text


def test_a_level_held_since_before_the_asked_month_is_the_level_then(assistant):
    answer = assistant.ask("What was the Harbour Bank's policy rate in July 2023?", as_of="2025-01-01")
    assert not answer.refused, answer.text
    assert "3.5 percent" in answer.text and "2.75 percent" not in answer.text, answer.text
    assert answer.text.startswith("Later report on July 2023"), answer.text


def test_a_title_taken_back_is_won_in_the_reports_year_not_the_lost_ones(assistant):
    answer = assistant.ask("Who won the 2023 national chess championship?", as_of="2025-03-01")
    assert not answer.refused, answer.text
    assert "Ivo Pelt" in answer.text.split("[1]")[0], answer.text


def test_a_holder_since_before_the_asked_month_held_the_post_then(assistant):
    answer = assistant.ask("Who was in charge of the medicines agency in August 2022?", as_of="2025-01-01")
    assert not answer.refused, answer.text
    assert "Ana Ring" in answer.text, answer.text

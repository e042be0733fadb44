"""Who leads now, who holds a title, and the latest figure of the asked storm.

- "Who is currently leading the broadcaster?" where its chief "is leaving" and the board said a
  deputy "would again serve as acting director-general from April 1": the deputy, by the newest
  report, not the chief named two years before.
- "Who is the reigning chess champion?": the newest report of the title won.
- "How much did Storm Hale cost insurers, latest figure": the final estimate of Storm Hale, not a
  newer report on another storm that mentions Hale, and the sum read in a currency no table knows
  ("cost insurers 265 million dalen").

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
    "hale-first.md": report("Storm Hale damage put at 120 million dalen", "Harbour Wire", "2023-09-19", """
Storm Hale caused an estimated 120 million dalen of insured damage, the insurers' association said on Tuesday in its first assessment.
""".strip()),
    "hale-final.md": report("Hale final bill 265 million dalen", "Harbour Wire", "2024-02-14", """
Storm Hale cost insurers 265 million dalen, the insurers' association said on Wednesday in its final estimate, making it the costliest storm since 1999.

The association had put insured damage at 120 million dalen in September.
""".strip()),
    "iris.md": report("Storm Iris: town stays dry as new walls hold", "Karvo Ledger", "2024-12-10", """
Storm Iris brought gales to the coast on Monday, fourteen months after Storm Hale flooded the town.

The insurers' association said initial claims from Storm Iris suggested insured damage of around 35 million dalen.

In February the government had promised the flood walls by the end of 2025 at a cost of 455 million dalen.
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


def test_the_reigning_champion_is_the_newest_titleholder(assistant):
    answer = assistant.ask("who is the reigning national chess champion", as_of="2025-03-01")
    assert not answer.refused, answer.text
    assert "Oren Kell" in answer.text.split("[1]")[0], answer.text


def test_the_latest_figure_is_the_asked_storms_not_a_newer_report_on_another(assistant):
    answer = assistant.ask("how much did storm hale cost insurers, latest figure", as_of="2025-01-01")
    assert not answer.refused, answer.text
    assert "265 million" in answer.text, answer.text
    assert "35 million" not in answer.text and "455 million" not in answer.text, answer.text

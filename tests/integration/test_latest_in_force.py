""""What is X now?" asked in everyday words ("right now", "these days", "at the moment", "at this
point") over stories reported many times: the newest report's figure in force by the asked day
leads, a report saying the figure still holds counts as the newest, a scheduled change is told
with the day it takes effect, a correction's corrected figure answers (not the wrong one it
retells), and asked who runs a club after its manager's sacking, the caretaker answers. On a real
index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # A ferry fare raised twice, with a report between the rises saying it still stands.
    "fare-1.md": """---
title: Harbour board approves ferry fare rise
source: Coast Wire
published: 2023-11-14
---
TARNMOUTH, Nov 14 (Coast Wire) — Tarnmouth's harbour board on Monday approved a rise in the single ferry fare to 3.40 euros from 3.10 euros, taking effect on 2 January 2024.

The board voted five to two in favour, saying fuel costs had risen sharply.

Season tickets for island residents will be frozen.
""",
    "fare-2.md": """---
title: Summer timetable adds late ferry crossings
source: Tarnmouth Echo
published: 2024-06-05
---
Tarnmouth Ferries will add two late-evening crossings to the islands from Saturday, the company said.

The extra sailings will run every day until the end of September.

Weekend timetables are otherwise unchanged, and the single ferry fare remains 3.40 euros.
""",
    "fare-3.md": """---
title: Tarnmouth ferry fare to rise again in January
source: Island Ledger
published: 2024-10-15
---
Tarnmouth's harbour board voted on Tuesday to raise ferry fares for the second year running.

Key facts:
- Single ferry fare: up from 3.40 euros to 3.90 euros
- Takes effect: 6 January 2025
- Island residents keep their frozen season tickets

The board said the new electric ferries had cost more to run than expected.
""",
    # A case count, a wrong figure and the correction of it.
    "flu-1.md": """---
title: Marsh flu cases confirmed in Ollerby
source: Coast Wire
published: 2024-03-04
---
OLLERBY, March 4 (Coast Wire) — Health officials in Ollerby county have confirmed 22 cases of marsh flu, the county health board said on Monday.

Most of those infected work on farms along the river.
""",
    "flu-2.md": """---
title: Marsh flu spreads to Dunhill
source: Ollerby Times
published: 2024-03-12
---
Marsh flu has spread from the river farms to the town of Dunhill, doctors said.

The county health board said 96 cases had now been confirmed across the county.

Clinics in Dunhill will open late this week.
""",
    "flu-3.md": """---
title: "Correction: marsh flu case count"
source: Ollerby Times
published: 2024-03-13
---
Correction: An article published on March 12 under the headline "Marsh flu spreads to Dunhill" stated that 96 cases had been confirmed across the county. The correct figure is 69 confirmed cases. The Times regrets the error.
""",
    # A manager sacked, a caretaker named in the same report.
    "club-1.md": """---
title: Fenwick Rovers name Dorn as manager
source: Coast Wire
published: 2023-05-02
---
Fenwick Rovers have appointed Ari Dorn as their new manager on a three-year contract, the club said on Tuesday.

Dorn, 44, previously coached in the second division.
""",
    "club-2.md": """---
title: Rovers sack Dorn after poor run
source: Coast Wire
published: 2024-02-12
---
FENWICK, Feb 12 (Coast Wire) — Fenwick Rovers sacked manager Ari Dorn on Monday after one win in their last ten league games.

Youth coach Mira Sollen will take charge of the first team as caretaker, the club said.

Dorn's assistant has also left the club.
""",
    # Job cuts announced, deepened, then confirmed in a later results report's key facts.
    "jobs-1.md": """---
title: Halden Works to cut 400 jobs
source: Coast Wire
published: 2024-04-10
---
Halden Works said on Wednesday it would cut 400 jobs after orders for its pumps fell.

The company employs about 5,200 people.
""",
    "jobs-2.md": """---
title: Halden Works deepens job cuts
source: Coast Wire
published: 2024-07-24
---
HALDEN, July 24 (Coast Wire) — Halden Works swung to a quarterly loss on Wednesday and said it would now cut 900 jobs, up from the 400 it announced in April.

The extra cuts will fall mainly on its foundry.
""",
    "jobs-3.md": """---
title: Halden Works returns to profit
source: Island Ledger
published: 2024-11-06
---
Halden Works returned to profit in the third quarter, the company said on Wednesday.

Key facts:
- Revenue: 610 million euros
- Job-cut programme: 900 posts, unchanged, about 500 already gone

The company said demand from water utilities had picked up.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("in-force"), ARTICLES, embedder)


def _lead(answer) -> str:
    return strip_markers(answer.text).split("Earlier report")[0]


def test_a_newer_report_saying_the_fare_still_stands_leads(assistant):
    answer = assistant.ask("What does a single ferry ticket in Tarnmouth cost right now?", as_of="2024-07-01")
    assert not answer.refused, answer.text
    assert answer.text.startswith("Latest report"), answer.text
    assert "remains 3.40 euros" in _lead(answer), answer.text
    assert "3.10" not in answer.text and "3.90" not in answer.text, answer.text
    assert answer.citations[0].meta.published == "2024-06-05"


def test_the_newest_rise_leads_with_the_day_it_takes_effect(assistant):
    answer = assistant.ask("How much is a single ferry fare in Tarnmouth these days?", as_of="2025-02-01")
    assert not answer.refused, answer.text
    lead = _lead(answer)
    assert "3.90 euros" in lead and "Takes effect: 6 January 2025" in lead, answer.text
    assert "3.10" not in answer.text, answer.text
    assert answer.citations[0].meta.published == "2024-10-15"


def test_the_corrected_figure_answers_not_the_wrong_one_the_correction_retells(assistant):
    answer = assistant.ask("How many marsh flu cases have been confirmed so far?", as_of="2024-03-20")
    assert not answer.refused, answer.text
    assert "69 confirmed cases" in _lead(answer), answer.text
    assert "96" not in answer.text, answer.text


def test_a_timeline_of_the_count_gives_the_corrected_figure(assistant):
    answer = assistant.ask("How did the marsh flu case count develop?", as_of="2024-03-20")
    assert not answer.refused, answer.text
    assert "22 cases" in answer.text and "69" in answer.text, answer.text
    assert "96" not in answer.text, answer.text


@pytest.mark.parametrize("question,as_of", [
    ("Who's managing Fenwick Rovers at the moment?", "2024-02-20"),
    ("Fenwick got rid of their manager yesterday. Who is taking the team for now?", "2024-02-13"),
])
def test_the_caretaker_named_after_the_sacking_answers(assistant, question, as_of):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    lead = _lead(answer)
    assert "Mira Sollen" in lead and "caretaker" in lead, answer.text
    assert "appointed Ari Dorn" not in answer.text, answer.text


def test_the_newest_report_of_the_job_cuts_leads_at_this_point(assistant):
    answer = assistant.ask("How many jobs is Halden Works cutting in total at this point?", as_of="2024-12-01")
    assert not answer.refused, answer.text
    assert "900 posts" in _lead(answer), answer.text
    assert answer.citations[0].meta.published == "2024-11-06"


def test_a_rise_announced_but_not_yet_in_force_is_told_with_its_day(assistant):
    # Asked between the announcement and the day it takes effect: the newest report leads, its key
    # fact giving the fare before and after the rise, with the day the new fare holds from.
    answer = assistant.ask("What does a single ferry ticket in Tarnmouth cost right now?", as_of="2024-11-20")
    assert not answer.refused, answer.text
    lead = _lead(answer)
    assert "from 3.40 euros to 3.90 euros" in lead and "Takes effect: 6 January 2025" in lead, answer.text
    assert answer.citations[0].meta.published == "2024-10-15"


def test_a_correction_told_beside_the_right_figure_answers(tmp_path, embedder):
    """A notice whose line gives the right figure and the wrong one ("… to 900,000 crowns, not 1.9
    million crowns as we reported") answers; the corrected report's line is context only."""
    assistant = index_of(tmp_path, {
        "appeal.md": report("Appeal court cuts broadcaster's libel damages", "Varn Courier", "2024-03-06",
                            "The Court of Appeal has reduced the damages the Varn Broadcasting Corporation must pay "
                            "developer Otto Krell to 1.9 million crowns, finding that part of its documentary about "
                            "him was substantially true.\n\n"
                            "The District Court had awarded Krell 2.4 million crowns in July 2023."),
        "correction.md": report("Correction: Krell appeal damages", "Varn Courier", "2024-03-07",
                                "An article published on 6 March 2024 gave the wrong figure for the damages awarded "
                                "to developer Otto Krell by the Court of Appeal.\n\n"
                                "The Court of Appeal reduced the damages the Varn Broadcasting Corporation must pay "
                                "Mr Krell to 900,000 crowns, not 1.9 million crowns as we reported.\n\n"
                                "We apologise for the error."),
    }, embedder)
    answer = assistant.ask("How much did the Court of Appeal say the broadcaster must pay Krell?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert _lead(answer).startswith("The Court of Appeal reduced the damages"), answer.text
    assert "900,000 crowns" in _lead(answer), answer.text

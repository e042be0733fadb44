"""Everyday questions over made-up dated stories (a club's ticket prices, a carmaker's jobs and
chief executives, fuel prices, a fined factory, a nurses' strike, an arson case): a why question
is answered by the reason the article gives in its own words (costs that 'made the rise
necessary', 'part of its plan to', 'for polluting', 'walked out over', 'after he was sacked'),
not told that the articles don't say why; a chief executive named with a long aside is who runs
the company now; "How old is she?" after asking who manages a club is answered by the
manager's age; diesel asked is not answered by a petrol correction. On a real index with the
real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

ARTICLES = {
    "tickets.md": """---
title: Rovers raise season ticket prices
source: Hallam Echo
published: 2025-01-15
---
Hallam Rovers will raise adult season ticket prices to 420 pounds from 380 pounds for next season, the club said.

Under-16s will still pay 99 pounds.

The club said higher costs for stewarding and energy had made the rise necessary.
""",
    "jobs.md": """---
title: Norvale to cut 2,000 jobs
source: Northern Wire
published: 2024-03-05
---
OSLO, March 5 (Northern Wire) — Norvale Motors will cut 2,000 jobs, mostly at its engine plant in Tromby, the carmaker said on Tuesday.

The cuts are part of its plan to save 500 million euros.

Unions said they would fight the closures.
""",
    "ceo-1.md": """---
title: Norvale chief executive Karin Solberg quits
source: Business Daily
published: 2024-06-20
---
Norvale Motors chief executive Karin Solberg has resigned after the carmaker's shares fell 30 percent this year, the company said on Thursday.

Chief financial officer Lars Holm will run the company until a permanent successor is found.
""",
    "ceo-2.md": """---
title: Norvale names Mia Berg as chief executive
source: Northern Wire
published: 2024-09-02
---
OSLO, Sept 2 (Northern Wire) — Norvale Motors named Mia Berg, a former head of a battery maker, as its chief executive on Monday.

She will start on October 1. Lars Holm will return to his role as finance chief.
""",
    "fuel-1.md": """---
title: Petrol prices fall for third month
source: Valley News
published: 2024-09-09
---
Petrol prices in Eastmoor fell for a third month in a row, to an average of 1.64 euros a litre, the motoring association said on Monday.

Diesel fell to 1.55 euros a litre.
""",
    "fuel-2.md": """---
title: "Correction: petrol price"
source: Valley News
published: 2024-09-10
---
Correction: An article published on September 9 stated that petrol cost an average of 1.64 euros a litre. The correct figure is 1.68 euros a litre. We apologise for the error.
""",
    "fine.md": """---
title: Eastmoor court fines factory over river pollution
source: Valley News
published: 2024-08-22
---
A court in Eastmoor fined the Delta Paints factory 450,000 euros on Thursday for polluting the river Aske.

The judge said the company had ignored repeated warnings from inspectors.

Thousands of fish died after chemicals leaked from the factory in March.
""",
    "strike.md": """---
title: Eastmoor hospital strike ends
source: Eastmoor Post
published: 2024-10-01
---
Nurses at Eastmoor General Hospital ended a five-day strike on Monday after the hospital agreed to a 7 percent pay rise.

The nurses had walked out over pay and staff shortages.

The hospital said it had postponed 340 operations during the strike.
""",
    "arson.md": """---
title: Man jailed for Brackwell warehouse fire
source: Midshire Wire
published: 2024-04-03
---
MIDSHIRE, April 3 (Midshire Wire) — A 34-year-old man was jailed for six years on Wednesday for starting a fire that destroyed a warehouse in Brackwell last August.

Judge Anne Carver said the fire had caused damage worth 2.3 million pounds and put firefighters' lives at risk.

Hardy started the fire after he was sacked by the warehouse owner, the court heard.
""",
    "manager.md": """---
title: Rovers appoint Claire Dunn as manager
source: Northern Sport
published: 2024-11-04
---
Hallam Rovers have appointed Claire Dunn as their new manager on a two-year contract.

Dunn, 41, previously managed Kessington Town, whom she took to the league title in 2023.

Caretaker Sam Ward will stay on as her assistant.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("reasons-holders"), ARTICLES, embedder)


def _lead(answer) -> str:
    return strip_markers(answer.text).split("\n")[0]


@pytest.mark.parametrize(("question", "as_of", "reason"), [
    ("Why are Rovers raising season ticket prices?", "2025-02-01", "made the rise necessary"),
    ("Why is Norvale cutting jobs?", "2024-04-01", "part of its plan to save"),
    ("Why was the paint factory fined?", "2024-09-01", "for polluting the river"),
    ("Why did the nurses go on strike?", "2024-10-05", "walked out over pay"),
    ("What made Hardy start the warehouse fire?", "2024-05-01", "after he was sacked"),
])
def test_a_why_question_is_answered_by_the_reason_told_in_other_words(assistant, question, as_of, reason):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused
    assert reason in _lead(answer).split(". ")[0]
    assert "don't say why" not in answer.text


def test_who_runs_a_company_these_days_is_its_newly_named_chief(assistant):
    answer = assistant.ask("Who is Norvale's chief executive these days?", as_of="2025-01-01")
    assert "Mia Berg" in _lead(answer) and "Lars Holm will run" not in _lead(answer)


def test_diesel_asked_is_not_answered_by_a_petrol_correction(assistant):
    lead = _lead(assistant.ask("How much is diesel at the moment?", as_of="2024-09-20"))
    assert "1.55 euros" in lead and "1.68" not in lead


def test_petrol_asked_now_is_answered_by_the_correction_not_the_diesel_line(assistant):
    lead = _lead(assistant.ask("How much is petrol now?", as_of="2024-09-20"))
    assert "1.68 euros" in lead and "Diesel" not in lead


def test_a_correction_that_does_not_name_the_asked_place_leaves_the_report_to_answer(assistant):
    # The notice does not say "Eastmoor": the petrol line it corrects still answers, not the diesel line.
    lead = _lead(assistant.ask("How much is petrol in Eastmoor now?", as_of="2024-09-20"))
    assert "Petrol prices in Eastmoor fell" in lead and "Diesel" not in lead


def test_how_old_asked_of_a_manager_named_in_the_previous_answer(assistant):
    first = assistant.ask("Who manages Hallam Rovers now?", as_of="2024-12-01")
    assert "Claire Dunn" in first.text
    answer = assistant.ask("How old is she?", history=[first], as_of="2024-12-01")
    assert not answer.refused and "Dunn, 41" in _lead(answer)

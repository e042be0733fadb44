""""What led to the strike?" asks for its cause, as readers mean it: the line that ties the strike
to what came before it ("The walkout followed a second year of frozen pay …") answers, not the
line that says who leads the strike because it holds the word "led". "What led up to …?" still
asks for the chain of events. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

ARTICLES = {
    "strike.md": """---
title: Harbour workers walk out
source: Coastal Wire
published: 2023-04-18
---
Dock workers at the port of Lindhaven began an indefinite strike on Monday.

The strike is led by Harbour Union general secretary Ada Brenn.

The walkout followed a second year of frozen pay and the port's plan to automate cranes at its new container terminal, which the union says would cut 300 jobs.

Port director Emil Sand said talks would resume on Thursday.
""",
    "talks.md": """---
title: Lindhaven port talks collapse
source: Coastal Wire
published: 2023-05-02
---
Talks to end the strike at the port of Lindhaven collapsed on Tuesday, the union said.

Ada Brenn said the port's offer of a 2 percent rise fell short of inflation.
""",
    "deal.md": """---
title: Lindhaven dockers accept deal
source: Coastal Wire
published: 2023-06-12
---
Dock workers at Lindhaven voted on Sunday to accept a 6 percent pay rise, ending an eight-week strike.

The port agreed to keep the 300 jobs for at least three years.
""",
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("what-led-to"), ARTICLES, embedder)


@pytest.mark.parametrize("question", ["What led to the strike?", "what led to the dock strike in Lindhaven"])
def test_what_led_to_is_answered_by_the_cause(assistant, question):
    answer = assistant.ask(question, as_of="2023-04-30")
    lead = strip_markers(answer.text).split("\n")[0]
    assert not answer.refused
    assert "followed a second year of frozen pay" in lead
    assert "is led by" not in lead


def test_what_led_up_to_still_tells_the_chain_of_events(assistant):
    answer = assistant.ask("What led up to the deal at Lindhaven port?", as_of="2023-07-01")
    text = strip_markers(answer.text)
    assert "18 April 2023" in text and "2 May 2023" in text

"""Questions whose reading decides which sentence answers, on a small real index: a premise restated
is no answer to what the question asks of it; a "final" toll is the last one reported; a post taken
is answered by who took it, not who left it; a country or body named in full is the one its
abbreviation names; a question's verb is met by its kin ("ascend" — "acceded")."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

QUEEN = """---
title: Queen Mira dies at 96
source: Allied Wire
published: 2024-06-13
---
Queen Mira of Ostland died on Thursday at the age of 96, the palace said.

When she died, Queen Mira left four corgis, which had slept at the foot of her bed for years.

She acceded to the throne on Feb. 6, 1952, after her father's death.

Crowds gathered outside the palace in Varnholm on Friday to lay flowers.
"""

KEEPER = """---
title: Queen Mira's corgis find a home
source: Ostland Herald
published: 2024-06-16
---
Her son will look after the corgis, the palace said on Sunday.

The dogs will stay at the royal lodge.
"""

EARLY_TOLL = """---
title: Earthquake strikes Tarvia
source: Allied Wire
published: 2023-02-07
---
The death toll of the Tarvia earthquake stood at 12 on Monday night, officials said.

Rescuers searched the rubble of collapsed buildings through the night.
"""

LATER_TOLL = """---
title: Search ends in Tarvia
source: Coastal Gazette
published: 2023-02-15
---
The death toll from last week's Tarvia earthquake has risen to 31, the civil protection agency said on Wednesday.

Search teams ended their work in the last of the three towns on Tuesday.
"""

SUCCESSION = """---
title: Acme chief executive steps down
source: Capital Ledger
published: 2024-03-12
---
Chief executive Jo Park stepped down in March 2024 after eight years at the helm of Acme, the company said on Tuesday.

The board named finance chief Ann Lee interim chief executive while it searches for a permanent successor.

Acme shares fell 4 percent on the news.
"""

TRADE = """---
title: Trade talks resume
source: Capital Ledger
published: 2024-04-02
---
Negotiators from the U.S. and the EU resumed trade talks in Geneva on Tuesday.

The UK trade secretary said Britain would join the talks in May.

The UN secretary-general welcomed the talks.
"""


@pytest.fixture(scope="module")
def without_keeper(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("premise"), {
        "queen.md": QUEEN, "early.md": EARLY_TOLL, "later.md": LATER_TOLL, "acme.md": SUCCESSION, "trade.md": TRADE,
    }, embedder)


@pytest.fixture(scope="module")
def with_keeper(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("keeper"), {"queen.md": QUEEN, "keeper.md": KEEPER}, embedder)


CORGIS = "When Queen Mira died she left four corgis. Who will look after them?"


def test_the_premise_restated_does_not_say_who_will_look_after_them(without_keeper):
    answer = without_keeper.ask(CORGIS, as_of="2024-06-20")
    assert answer.refused, answer.text


def test_the_sentence_naming_the_keeper_answers(with_keeper):
    answer = with_keeper.ask(CORGIS, as_of="2024-06-20")
    assert not answer.refused, answer.text
    assert strip_markers(answer.text).startswith("Her son will look after the corgis"), answer.text


def test_a_final_toll_is_the_last_one_reported(without_keeper):
    answer = without_keeper.ask("What was the final death toll of the Tarvia earthquake?", as_of="2023-03-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.startswith("Latest report") and "31" in text.split("Earlier report")[0], text


def test_a_post_taken_is_answered_by_who_took_it(without_keeper):
    for question in ("Who became interim chief executive of Acme in March 2024?",
                     "Who took over as interim chief executive of Acme in March 2024?"):
        answer = without_keeper.ask(question, as_of="2024-04-01")
        text = strip_markers(answer.text)
        assert text.startswith("The board named finance chief Ann Lee") and "Jo Park" not in text, (question, text)
    answer = without_keeper.ask("Who stepped down as chief executive of Acme in March 2024?", as_of="2024-04-01")
    assert strip_markers(answer.text).startswith("Chief executive Jo Park stepped down"), answer.text


@pytest.mark.parametrize("question,quoted", [
    ("Where did the United States and the European Union resume trade talks?", "Negotiators from the U.S. and the EU"),
    ("What did the United Kingdom trade secretary say?", "The UK trade secretary said"),
    ("What did the United Nations secretary-general welcome?", "The UN secretary-general welcomed"),
])
def test_a_name_in_full_is_met_by_its_abbreviation(without_keeper, question, quoted):
    answer = without_keeper.ask(question, as_of="2024-04-10")
    assert not answer.refused, answer.text
    assert strip_markers(answer.text).startswith(quoted), answer.text


REIGN = """---
title: Queen Mira dies at 96
source: Allied Wire
published: 2024-06-13
---
Queen Mira of Ostland died on Thursday at the age of 96, the palace said.

Her son, Prince Tomas, became king on Thursday and will be crowned next spring.

The throne passed from a queen to her son only once before, in 1871.

Mira was the longest-reigning monarch in the country's history. She acceded to the throne on Feb. 6, 1952, after her father's death.
"""


@pytest.fixture(scope="module")
def reign(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("reign"), {"queen.md": REIGN}, embedder)


@pytest.mark.parametrize("question", ["The Queen died on Thursday. When did she ascend the throne?",
                                      "When did Queen Mira ascend the throne?"])
def test_the_sentence_with_the_verbs_kin_answers(reign, question):
    answer = reign.ask(question, as_of="2024-06-14")
    text = strip_markers(answer.text)
    assert not answer.refused and "acceded to the throne on Feb. 6, 1952" in text, text
    assert "1871" not in text and "died on Thursday" not in text, text

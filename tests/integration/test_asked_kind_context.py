"""An answer sentence that calls the asked-for thing by its kind ("The show, which follows …"
for "Which show …?") is quoted with the sentence before it, which names it; when that sentence is
not among the passages, a sentence that names it answers instead. On a real index."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

NOMINATIONS = """---
title: Television awards nominations announced
source: Screen Weekly
published: 2024-07-18
---
Nominations for the Harbour Television Awards were announced on Wednesday in a ceremony broadcast from the coast.

The family drama Tidewater picked up nominations in every major category.

The show, which follows three generations of a fishing family, leads the race with 19 nominations.

A comedy about a failing bakery was second with 11.
"""

PORT = """---
title: Port traffic rises
source: Coastal Gazette
published: 2024-07-17
---
Container traffic through the port rose by a tenth in the first half of the year, the port authority said.

Officials credited a new rail link for the rise.
"""


# The company is named only in the sentence before the one that says what it did.
COOLING = """---
title: Shoppers swelter in homeware stores
source: Retail Desk
published: 2024-07-15
---
Shoppers at Larkspur Living complained of sweltering aisles this month.

A report from Marlow Securities claims that the company cut air conditioning in its stores to save money as its sales fell.

Staff were told to keep doors shut to hold in what cool air there was.
"""

# Its first sentence calls the chain "the chain"; the sentence that named it is in no passage.
CLOSURES = """---
title: Stores to close
source: Valley Business
published: 2024-07-16
---
The retailer, which has run shops in the Marsh Valley for 60 years, will close 30 stores by the end of the year as its losses grow.

Staff at the stores will be offered jobs at the remaining branches, the union said.

Rents in the valley's shopping streets have risen by a fifth since 2021.
"""

CLOSURES_NAMED = """---
title: Retail round-up
source: Valley Business
published: 2024-07-17
---
Market traders reported a busy weekend.

Hollins & Rye said it will close 30 of its stores by the end of the year after a second year of losses.

A new cinema opened in the old mill.
"""

# Its first sentence introduces "a … locomotive" without naming it; a later one names it.
LOCOMOTIVE = """---
title: Steam engine to be auctioned
source: Rail Times
published: 2024-07-16
---
A 70-year-old steam locomotive, the last of its class still able to run, will be auctioned next month, Harcourt & Lyle said on Tuesday.

Harcourt & Lyle will sell the Brackenridge Flyer, which hauled mail trains across the hills for 14 years.

Bidding is expected to open at 400,000 euros.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("kind"), {
        "nominations.md": NOMINATIONS, "port.md": PORT, "cooling.md": COOLING, "closures.md": CLOSURES,
        "closures_named.md": CLOSURES_NAMED, "locomotive.md": LOCOMOTIVE}, embedder)


def test_a_sentence_naming_only_the_asked_kind_comes_with_the_one_that_names_it(assistant):
    answer = assistant.ask("Which show leads the race for the Harbour Television Awards?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "19 nominations" in text and "Tidewater" in text, text
    assert text.index("Tidewater") < text.index("The show, which follows"), text


def test_an_acronym_before_the_asked_kind_does_not_hide_it(assistant):
    answer = assistant.ask("Which TV show leads the race for the Harbour Television Awards?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "19 nominations" in text and "Tidewater" in text, text



def test_the_asked_kind_inside_a_sentence_comes_with_the_one_that_names_it(assistant):
    answer = assistant.ask("Which company cut air conditioning in its stores to save money?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "Larkspur Living" in text and "claims that the company cut" in text, text
    assert text.index("Larkspur Living") < text.index("claims that the company cut"), text


def test_a_sentence_naming_only_the_asked_kind_with_nothing_before_it_does_not_answer(assistant):
    answer = assistant.ask("Which retailer will close 30 stores by the end of the year?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.startswith("Hollins & Rye said it will close 30"), text


def test_a_sentence_introducing_a_thing_of_the_asked_kind_without_its_name_does_not_answer(assistant):
    answer = assistant.ask("Harcourt & Lyle will auction which locomotive?", as_of="2024-07-20")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.startswith("Harcourt & Lyle will sell the Brackenridge Flyer"), text

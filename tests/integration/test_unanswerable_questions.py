"""Adversarial unanswerable questions (the kinds reading-comprehension sets write to test refusal)
are refused, while the question they imitate is answered: a sentence that denies what the
question takes for granted, one that says the opposite (and, beside it, a sentence that says less
of what is asked), a negation of something else than what is asked, a subject asked about
after its own death, a person asked about for what another person in the passage did, and a
year asked from one side answered from the other. On a real index of made-up encyclopedic paragraphs."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of

PROBE = """---
title: The Vessa comet probe
source: Valley Courier
published: 2024-03-04
---
Vessa was a space probe built to study a comet at close range, and it reached the comet after ten years in space.

Its lander, Korin, touched down on the comet in 2014, but its harpoons failed to fire and it bounced into a shaded spot.

The probe found that the comet's water had a different ratio of deuterium to hydrogen than the oceans of the Earth.
"""

NOVEL = """---
title: The Grey Whale, a novel
source: Coastal Gazette
published: 2024-02-20
---
The Grey Whale is a novel by the writer Amos Tell, first published in 1851 in an edition without its epilogue.

It sold poorly during the author's lifetime.

Its reputation rose only in the 1920s, and it is now counted among the great novels of the century.

Since 1975 the novel has been printed by the Harbour Press in Port Alder.
"""

HALL = """---
title: The harbour concert hall
source: Valley Courier
published: 2024-02-22
---
After disputes with the regional government over payments, the architect Lena Vorst resigned in 1966 and left the country, never to return to see the finished hall.

The interiors were completed by a team of architects led by Peter Marr.

The hall was opened in 1973, ten years later than planned.

The fleet of the Ardan league was led by Admiral Tobin Rask, who was killed during the battle, and it numbered about 230 galleys.
"""

ENZYME = """---
title: An enzyme in tears
source: Coastal Gazette
published: 2024-02-25
---
Velozyme is an enzyme that damages bacterial cell walls, and it is abundant in tears and saliva.

Its antibacterial property was described in 1922 by the physician Aldo Fenwick, who observed that a drop of nasal mucus dissolved a culture of bacteria.

In 1965 a team led by Dora Pell determined its three-dimensional structure by X-ray crystallography.
"""

PRICES = """---
title: Grocery prices climb again
source: Valley Courier
published: 2024-03-08
---
Rising inflation has driven food prices far higher than a year ago, the statistics office said on Thursday.

Meats, poultry, fish and eggs had the highest increase, with a combined 10.5% rise in prices over the year.

The good news for shoppers is that the price of eggs fell 2.7% for the month, although eggs are still up 8% over the year.
"""

AS_OF = "2024-03-10"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    articles = {"probe.md": PROBE, "novel.md": NOVEL, "hall.md": HALL, "enzyme.md": ENZYME, "prices.md": PRICES}
    return index_of(tmp_path_factory.mktemp("unanswerable"), articles, embedder)


@pytest.mark.parametrize("question", [
    "What did Korin's harpoons hold on to after they fired?",  # the sentence denies the firing
    "Which epilogue did the first edition of The Grey Whale include?",  # "without its epilogue"
    "Which comet had the same ratio of deuterium to hydrogen as the oceans of the Earth?",  # different
    "When did the reputation of The Grey Whale fall?",  # it rose; the opening sentence says nothing of it
    "How many years earlier than planned was the harbour concert hall opened?",  # later than planned
    "Which government did the architect not dispute with?",  # her "never to return" denies something else
    "How many galleys did Tobin Rask command after he was killed?",
    "What did Dora Pell observe in a drop of nasal mucus?",  # Aldo Fenwick observed it; Dora Pell led a team
    "Who printed The Grey Whale before 1975?",  # since 1975: the other side of the year
])
def test_an_adversarial_unanswerable_question_is_refused(assistant, question):
    answer = assistant.ask(question, as_of=AS_OF)
    assert answer.refused, answer.text


@pytest.mark.parametrize("question,expected", [
    ("When did Korin touch down on the comet?", "2014"),
    ("What did the probe find about the comet's water?", "different ratio"),
    ("When did the reputation of The Grey Whale rise?", "1920s"),
    ("Who was the author of The Grey Whale?", "Amos Tell"),
    ("When was the harbour concert hall opened?", "1973"),
    ("How many galleys did the fleet led by Tobin Rask number?", "230"),
    ("Who resigned in 1966?", "Lena Vorst"),
    ("What did Aldo Fenwick observe in a drop of nasal mucus?", "dissolved a culture"),
    ("Who has printed The Grey Whale since 1975?", "Harbour Press"),
    # A sentence on a price that fell says nothing against the answer: what the preamble tells
    # (cheaper eggs) is not what is asked.
    (("Shoppers paid less for eggs this month, the good news of the week. Which grocery items have seen the "
      "biggest increase over the year?"), "Meats, poultry"),
    ("What did the team led by Dora Pell determine?", "three-dimensional structure"),
])
def test_the_question_it_imitates_is_answered(assistant, question, expected):
    answer = assistant.ask(question, as_of=AS_OF)
    assert not answer.refused, answer.text
    assert expected in strip_markers(answer.text), answer.text

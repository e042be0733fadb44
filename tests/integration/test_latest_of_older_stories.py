"""Who holds a post now, when the story's newest report is older than the archive's newest article:
"Who is the mayor of Lennby?" is answered by the recount that confirmed the winner, not by the
provisional count, nor by a footballer's "I was mad to leave Lennby" in this week's match report (a
quote tells no change of a mayor).

On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


ARTICLES = {
    "count.md": report("Rosa Lind edges ahead of Lennby mayor Ivo Dahl", "Lennby Post", "2023-10-09", """
Rosa Lind finished ahead of Mayor Ivo Dahl in Sunday's mayoral election in Lennby by just 214 votes, according to provisional results.

Mr Dahl, who has run the city since 2015, asked for a full recount.
""".strip()),
    "recount.md": report("Recount confirms Lind as Lennby mayor", "Harbour Wire", "2023-10-21", """
A full recount has confirmed Rosa Lind as the winner of Lennby's mayoral election, the city election commission said on Saturday.

Lind, 44, a former port engineer, is due to be sworn in on November 2.
""".strip()),
    "quake-june.md": report("Government puts Karst quake damage at 2.9 billion crowns", "Harbour Wire", "2024-06-18", """
April's earthquake in the Karst region caused about 2.9 billion crowns of damage, the finance ministry said on Tuesday.

The ministry also confirmed that the death toll from the quake stands at 11.
""".strip()),
    "quake-april.md": report("Karst earthquake toll rises to nine", "Harbour Wire", "2024-04-12", """
The number of people killed by Thursday's earthquake in the Karst region rose to nine on Friday after rescuers pulled two more bodies from a collapsed building.
""".strip()),
    "final.md": report("Ironworks win the league as Berg fires them to the title", "Goal Line", "2025-05-26", """
Ironworks won the league title on Sunday, beating Lennby Harbour 2-0 in front of a sell-out crowd.

"People told me I was mad to leave Lennby for this club," Tomas Berg said, a scarf knotted around his neck.

Berg scored both goals and finished the season as the league's top scorer.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("older-stories"), ARTICLES, embedder)


def test_a_quote_about_leaving_a_city_tells_no_change_of_its_mayor(assistant):
    answer = assistant.ask("Who is the mayor of Lennby?", as_of="2025-05-31")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    lead = text.split(".")[0]
    assert "recount has confirmed Rosa Lind" in lead, text  # the confirmed winner, not the provisional count
    assert "Berg" not in text and "mad to leave" not in text


"""A figure asked now is the newest report's news, not its recap: a report that revises a toll
("caused an estimated 112 excess deaths") and also retells the earlier count ("The ministry had
reported 38 deaths on July 21", worded closer to the question) answers with the new figure, told
by its lead rather than by another new number of the same report ("four-fifths … over 75")."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "first.md": report("Heatwave: 38 deaths linked to heat", "Coast News", "2022-07-21",
                       "The Ministry of Health said on Thursday that 38 deaths had so far been linked to the heat, "
                       "most of them elderly people living alone.\n\n"
                       "Officials cautioned that the figure covered only deaths reported by hospitals."),
    "revised.md": report("July heatwave caused 112 excess deaths, institute estimates", "Norland Wire", "2022-08-10",
                         "OSTBY, Aug 10 (Norland Wire) - Last month's record-breaking heatwave caused an estimated 112 "
                         "excess deaths in Norland, the National Institute of Public Health (NIPH) said on Wednesday, "
                         "nearly three times the number initially linked to the heat by the health ministry.\n\n"
                         "More than four-fifths of the excess deaths were among people aged over 75, the institute said."
                         "\n\nThe ministry had reported 38 people died in the heatwave on July 21, based on direct reports "
                         "from hospitals and coroners."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("fresh-figure"), ARTICLES, embedder)


def test_the_newest_reports_new_figure_answers(assistant):
    answer = assistant.ask("What's the latest estimate of how many people died in the July 2022 heatwave?",
                           as_of="2022-12-31")
    assert not answer.refused, answer.text
    first = strip_markers(answer.text).split(" [")[0]
    assert first.startswith("Latest report (Norland Wire, "), answer.text
    assert "112 excess deaths" in first, answer.text

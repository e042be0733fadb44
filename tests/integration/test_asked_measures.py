"""A measure asked by name, on a real index of made-up reports:

- "What was turnout …?" and "What was X's net profit …?" where no report names turnout or profit are
  refused, not answered by the seats won or the output forecast, figures of something else;
- "Turnout was 52 percent, up from 48 percent four years ago" answers the turnout of this year's
  election: the time in the comparison is the earlier figure's, not the news's."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "by-election.md": report("Greens take Marrow Heath in by-election", "County Post", "2024-03-11",
                             "The Green Alliance won the Marrow Heath by-election on Sunday, taking the seat from the "
                             "Civic Party and raising its total on the county council to 9.\n\n"
                             "The by-election was called after the death in January of the Civic Party member for "
                             "Marrow Heath, who had held the seat since 2007."),
    "miner.md": report("Tarnby Minerals cuts copper forecast", "Metals Wire", "2023-07-27",
                       "Tarnby Minerals expects to produce between 410,000 and 440,000 tonnes of copper in 2023, "
                       "down from an earlier forecast of 470,000 tonnes, the miner said on Thursday.\n\n"
                       "It blamed flooding at its largest pit."),
    "mayor.md": report("Lindow elects Ada Venn as mayor", "County Post", "2024-10-14",
                       "Ada Venn was elected mayor of Lindow on Sunday with 51.6 percent of the vote.\n\n"
                       "Turnout was 52 percent, up from 48 percent four years ago."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("measures"), ARTICLES, embedder)


@pytest.mark.parametrize("question,as_of", [
    ("What was turnout in the Marrow Heath by-election?", "2024-04-01"),
    ("What was Tarnby Minerals' net profit for 2023?", "2024-04-01"),
])
def test_a_measure_no_report_names_is_refused(assistant, question, as_of):
    answer = assistant.ask(question, as_of=as_of)
    assert answer.refused, answer.text


def test_a_comparisons_time_does_not_date_the_figure(assistant):
    answer = assistant.ask("What was the turnout in the 2024 Lindow mayoral election?", as_of="2024-12-01")
    assert not answer.refused, answer.text
    assert "52 percent" in strip_markers(answer.text), answer.text


def test_the_comparisons_figure_answers_when_its_time_is_asked(assistant):
    answer = assistant.ask("What was turnout in the Lindow mayoral election four years ago?", as_of="2024-12-01")
    assert not answer.refused, answer.text
    assert "48 percent" in strip_markers(answer.text), answer.text

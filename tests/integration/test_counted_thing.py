"""A count asked by what it counts: "how many patients were in the phase 3 trial" is answered by "The
trial enrolled 1,420 patients at 64 hospitals", not by the report's opening, whose figure is a share
of attacks ("cut severe asthma attacks by 38 percent"), nor by the line counting weeks.

On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "trial.md": report("Thalor's asthma drug cuts attacks by 38 percent in large trial", "Harbour Wire", "2023-05-11", """
Thalor Therapeutics said on Thursday its experimental asthma drug TX-41 cut severe asthma attacks by 38 percent in a large late-stage trial, sending its shares up by almost a fifth.

The Phase 3 study, known as SEABREEZE-3, began in November 2021 and compared TX-41, given as an injection every eight weeks, with a placebo over 52 weeks in adults whose severe asthma was not controlled by inhalers.

The trial enrolled 1,420 patients at 64 hospitals in five countries, the company said.

Thalor plans to file for approval next year.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("counted-thing"), ARTICLES, embedder)


def test_a_count_is_led_by_the_line_counting_the_asked_thing(assistant):
    answer = assistant.ask("how many patients were in thalor's TX-41 phase 3 trial", as_of="2023-06-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert text.startswith("The trial enrolled 1,420 patients"), text

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


# A count asked by a model's name and a plainer word for the things ("how many R7 cars"), where the
# report counts them by another ("hatchbacks"), and a later report on the recall opens with lines that
# hold the model's name but no count of it recalled.
RECALL = {
    "recall.md": report("Ostrava Motors recalls R7 hatchbacks over brake hose", "Lindholm Wire", "2022-09-12", """
Ostrava Motors is recalling 21,700 Model R7 hatchbacks because a rear brake hose can rub against the suspension and wear through, the carmaker said on Monday.

Owners will be contacted by letter from October, and dealers will replace the hose free of charge, a job that takes about an hour.

No accidents have been linked to the fault, the company said.
""".strip()),
    "analysis.md": report("Analysts shrug off Ostrava's R7 car recall", "Tarvik Business Daily", "2022-09-14", """
Analysts at Kessel Securities said the R7 car recall was "manageable" and unlikely to dent demand for the carmaker's cars.

It is Ostrava's first recall of a passenger car since 2017.

The R7 is Ostrava's best-selling car model, with around 48,000 sold last year.
""".strip()),
}


@pytest.fixture(scope="module")
def recall_assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("counted-model"), RECALL, embedder)


@pytest.mark.parametrize("question", ["how many R7 cars did ostrava recall", "How many R7 cars did Ostrava Motors recall?"])
def test_a_count_asked_by_a_models_name_is_led_by_the_line_counting_it(recall_assistant, question):
    answer = recall_assistant.ask(question, as_of="2022-12-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert text.startswith("Ostrava Motors is recalling 21,700 Model R7 hatchbacks"), text


def test_a_short_counted_word_is_counted_whole():
    """ "how many cars": "3 cargo ships" and "200 carers" count other things; a quarter's code ("Q3")
    names no model."""
    from rag.answering.extractive import _counting

    cars = _counting("how many K4 cars did the carmaker recall")
    assert cars.search("it sold 40 cars") and cars.search("recalling 38,400 Model K4 hatchbacks")
    assert not cars.search("3 cargo ships") and not cars.search("200 carers")
    assert not _counting("How many Q3 deliveries did Volt make?").search("Revenue rose to 2.1 billion in Q3 2024")


def test_a_length_asked_of_a_part_is_led_by_the_line_measuring_that_part(tmp_path, embedder):
    """ "How long is the tunnel part of the crossing?": the line giving the tunnel's length leads, not
    the whole crossing's."""
    assistant = index_of(tmp_path, {
        "link.md": report("Parliament approves Varn estuary link", "Tarn Business Journal", "2022-03-17", """
Parliament on Wednesday approved the construction of a bridge and tunnel across the Varn Estuary, ending two decades of argument.

The crossing will be 11.2 kilometres long. A 7.8-kilometre cable-stayed bridge will carry traffic from the northern shore to an artificial island, where the road will dip into a 3.4-kilometre immersed tunnel running beneath the shipping channel.

The tunnel is needed so that container ships bound for the upstream quays are not obstructed.
""".strip()),
    }, embedder)
    answer = assistant.ask("How long is the tunnel part of the Varn Estuary crossing?", as_of="2022-04-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "3.4-kilometre immersed tunnel" in text.split(". ")[0], text

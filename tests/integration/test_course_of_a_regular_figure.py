"""The course of a figure reset every six months, then after a year's pause, with an analysis of
several stories published weeks after the newest report: every reset is a step (the older reports,
told at the story's own pace, are not strays of another instance), and the analysis gives no step by
another story's figure far from the question. Asked the cap at a time no report of its own gives, a
later report's "the cap in force since 1 October last year" answers. On a real index with the real
model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "cap-2022.md": report("Regulator caps household power prices", "Tarn Business Journal", "2022-08-30",
                          "Tarn's Energy Authority will cap the price households pay for electricity at 0.41 crowns "
                          "per kilowatt-hour from 1 October, the first time it has used the power.\n\n"
                          "Wholesale prices have roughly tripled since last summer."),
    "cap-2023a.md": report("Power price cap to rise", "Tarn Press Agency", "2023-02-28",
                           "Tarn's energy regulator will raise the cap on household electricity prices to 0.47 crowns "
                           "per kilowatt-hour from April 1, up from 0.41 crowns, it said on Tuesday.\n\n"
                           "It is the first change to the cap since it was introduced."),
    "cap-2023b.md": report("Power price cap cut for winter", "Lindholm Courier", "2023-08-29",
                           "Households will pay less for electricity this winter after the energy regulator lowered "
                           "its price cap for the first time, to 0.44 crowns per kilowatt-hour from 1 October.\n\n"
                           "Consumer groups welcomed the cut."),
    "cap-2024.md": report("Power price cap cut again", "Vale Standard", "2024-02-27",
                          "Household electricity bills will fall for the second time in a row in April, after the "
                          "Energy Authority cut its price cap to 0.39 crowns per kilowatt-hour from 0.44 crowns.\n\n"
                          "The cut takes effect on 1 April."),
    "cap-2025.md": report("Power price cap to rise for first time in two years", "Lindholm Courier", "2025-02-26",
                          "The cap on household electricity prices will rise to 0.40 crowns per kilowatt-hour from 1 "
                          "April, the Energy Authority said on Tuesday, ending a run of three cuts in a row.\n\n"
                          "The new level is up from 0.36 crowns, the cap in force since 1 October last year.\n\n"
                          "Pensioner groups said the rise would hurt."),
    "analysis.md": report("A week of reckonings", "The Tarn Review", "2025-03-21",
                          "Consider the week just gone. The National Audit Office said the harbour tunnel would cost "
                          "more than planned.\n\n"
                          "When parliament approved the tunnel in March 2022, the figure was 3.4 billion crowns and "
                          "the opening was due in 2027.\n\n"
                          "The household electricity price cap was supposed to be temporary. Ministers now talk of "
                          "keeping it for good."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("regular-course"), ARTICLES, embedder)


@pytest.mark.parametrize("question", ["how has the household power price cap changed?",
                                      "How has the household electricity price cap moved since it started?"])
def test_every_reset_is_a_step_and_no_other_storys_figure_is(assistant, question):
    answer = assistant.ask(question, as_of="2025-06-30")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    for figure in ("0.41 crowns", "0.47 crowns", "0.44 crowns", "0.39 crowns", "0.40 crowns"):
        assert figure in text, (figure, text)
    assert "3.4 billion" not in text, text


def test_a_level_in_force_since_before_the_asked_time_answers_for_it(assistant):
    answer = assistant.ask("What was the household electricity price cap in December 2024?", as_of="2025-03-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "0.36 crowns, the cap in force since 1 October last year" in text, text
    assert "Ministers" not in text and "0.39 crowns" not in text, text


def test_a_level_at_the_start_of_a_year_is_the_last_decision_before_it(tmp_path, embedder):
    """ "What was the crossing expected to cost at the start of 2024?": the estimate reported by then
    (May 2023), not the year's later revision (June 2024), though both are of 2024's year."""
    assistant = index_of(tmp_path, {
        "link-2022.md": report("Parliament approves estuary link", "Tarn Business Journal", "2022-03-17",
                               "Parliament approved the Varn Estuary Link on Wednesday. The project is budgeted at "
                               "3.4 billion crowns and is due to open in 2027."),
        "link-2023.md": report("Estuary link cost rises to 4.1 billion", "Tarn Business Journal", "2023-05-10",
                               "The estimated cost of the Varn Estuary Link has risen by 700 million crowns to 4.1 "
                               "billion crowns, and the crossing will open a year later, in 2028, its builder said."),
        "link-2024.md": report("Estuary link cost rises again after cracks", "Tarn Press Agency", "2024-06-05",
                               "The cost of the Varn Estuary Link has risen to 4.75 billion crowns and its opening "
                               "has been pushed back to late 2029 after cracks were found in tunnel sections."),
    }, embedder)
    answer = assistant.ask("what was the estuary link expected to cost at the start of 2024?", as_of="2025-06-30")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "4.1 billion crowns" in text and "4.75" not in text, text


def test_an_offer_at_the_beginning_of_a_month_is_the_one_standing_then(tmp_path, embedder):
    """ "at the beginning of September 2024" is the month's first days: the offer standing then is the
    August one, not the raised offer reported on 17 September."""
    assistant = index_of(tmp_path, {
        "bid-1.md": report("Tarn Telecom rejects 38-crown bid", "Tarn Business Journal", "2024-08-21",
                           "Tarn Telecom's board has rejected a takeover offer of 38 crowns a share from Kessel "
                           "Group, saying the cash bid undervalued the company."),
        "bid-2.md": report("Tarn Telecom backs raised Kessel offer", "Tarn Press Agency", "2024-09-17",
                           "Tarn Telecom's board has agreed to a raised takeover offer from Kessel Group of 42.50 "
                           "crowns a share, four weeks after rejecting a lower bid."),
    }, embedder)
    answer = assistant.ask("What was Kessel offering per Tarn Telecom share at the beginning of September 2024?",
                           as_of="2025-06-30")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "38 crowns a share" in text and "42.50" not in text, text

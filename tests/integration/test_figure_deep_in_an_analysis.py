"""The figure asked for told once, deep in an analysis of several stories, while the event's own
reports fill the best passages with the question's words and no figure: the passage that holds the
kind of answer asked (a sum for "What fine …?") ranks above those that cannot. On a real index with
the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "overflow.md": report(
        "Sewage overflow at Tarnby Water works blamed for mussel poisoning", "Ostrel Gazette", "2024-09-12",
        "A sewage overflow at Tarnby Water's Ostrel works during a storm in August was the most likely source of "
        "the mussel poisoning that made 64 people ill, the health agency said on Wednesday.\n\n"
        "The agency said the overflow had carried untreated sewage into the estuary for nine hours after Tarnby "
        "Water's storm tanks failed to hold the water.\n\n"
        "Tarnby Water said it had reported the sewage overflow to the environment agency within the required two "
        "hours and was cooperating with the inquiry into the overflow.\n\n"
        "Mussel growers said Tarnby Water's sewage overflow had cost them the season, and called for the company "
        "to be held to account for the overflow.\n\n"
        "Tarnby Water's chief executive said the company deeply regretted the overflow and would spend more on "
        "its storm tanks."),
    "growers.md": report(
        "Mussel harvest halted in the Ostrel estuary", "Ostrel Gazette", "2024-08-22",
        "Health officials have ordered all 11 mussel farms in the Ostrel estuary to stop harvesting after 19 "
        "people fell ill, and are testing water near the Tarnby Water sewage works.\n\n"
        "Tarnby Water said it was checking whether its works had overflowed during the storm."),
    "follow-up-1.md": report(
        "Tarnby Water faces inquiry over sewage overflow", "Ostrel Gazette", "2024-09-19",
        "The environment agency has opened an inquiry into the sewage overflow at Tarnby Water's Ostrel works, and "
        "the company could face a fine over the overflow if the agency finds it broke its permit.\n\n"
        "Tarnby Water said it would cooperate fully with the inquiry into the sewage overflow."),
    "follow-up-2.md": report(
        "Growers demand answers from Tarnby Water", "Estuary Times", "2024-09-27",
        "Mussel growers met Tarnby Water managers on Thursday and demanded to know why the storm tanks failed "
        "before the sewage overflow that closed the estuary's farms.\n\n"
        "The growers' association said any fine Tarnby Water gets over the overflow should go to the farms."),
    "follow-up-3.md": report(
        "MPs question Tarnby Water chief over overflow", "Ostrel Gazette", "2024-10-08",
        "Tarnby Water's chief executive told a committee of MPs on Tuesday that the sewage overflow in August had "
        "been caused by a storm far heavier than the works were designed for.\n\n"
        "Asked whether the company expected a fine over the overflow, she said that was for the regulator."),
    "follow-up-4.md": report(
        "Estuary farms reopen two months after sewage overflow", "Estuary Times", "2024-10-24",
        "The Ostrel estuary's mussel farms reopened on Thursday, two months after the Tarnby Water sewage overflow "
        "that forced them to close.\n\n"
        "Tarnby Water has not said whether it will pay the growers anything for the overflow."),
    "follow-up-5.md": report(
        "Regulator finishes Tarnby Water overflow inquiry", "Ostrel Gazette", "2024-11-14",
        "The environment agency has finished its inquiry into the Tarnby Water sewage overflow and will decide on "
        "a fine next month, a spokesman said.\n\n"
        "The agency's report found that two of the works' four storm tanks had not been cleaned for three years."),
    "analysis.md": report(
        "The year of reckoning: what twelve months of the new council tell us", "The Ostrel Review", "2025-03-20",
        "The council took office promising to fix the ferry timetable, and the new timetable started in May.\n\n"
        "The library reopened after two years of works, on budget, and visitor numbers are up by a third.\n\n"
        "The bypass is another story: its cost has risen twice and its opening slipped to 2028.\n\n"
        "Tarnby Water was fined 1.2 million krona by the environment agency in December for failing to maintain "
        "its storm tanks, a sum the mussel growers compared with their own losses.\n\n"
        "The harbour wall was repaired in the spring, and the fish market has a new roof."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("figure-deep"), ARTICLES, embedder)


def test_the_passage_holding_the_asked_sum_answers(assistant):
    answer = assistant.ask("What fine did Tarnby Water get over the sewage overflow?", as_of="2025-04-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert text.startswith("Tarnby Water was fined 1.2 million krona"), text

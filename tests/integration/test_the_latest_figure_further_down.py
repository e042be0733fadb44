""""What is the latest cost estimate for the tunnel?" where the newest report leads with other news (a
new chief executive) and gives the new estimate further down its opening line: that line answers,
not an older report's estimate nor the newest report's closest line (the analysts' comparison). A
newer opinion piece that names the floods and counts the people moved to safety does not give the
latest death toll. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "award.md": report("Port awards tunnel contract", "Norland Wire", "2022-09-14",
                       "The Port of Norland has awarded the contract to build the Harbour Link tunnel to a consortium "
                       "led by Ostby Marine, in a deal that values the project at 1.8 billion crowns.\n\n"
                       "Work is due to start next spring."),
    "rises.md": report("Harbour Link tunnel cost rises to 2.35 billion crowns", "Norland Wire", "2023-05-23",
                       "The estimated cost of the Harbour Link tunnel has risen to 2.35 billion crowns from 1.8 billion, "
                       "and its opening has been pushed back to 2026, the port said on Monday.\n\n"
                       "A survey found soft clay beneath the northern section."),
    "strike.md": report("Dock strike hits port revenue", "Coast Ledger", "2023-08-09",
                        "For the Port of Norland, the strike comes at an awkward time. It is already contending with a "
                        "550 million crown overrun on the Harbour Link tunnel, which it announced in May.\n\n"
                        "Dockworkers returned to work on Tuesday."),
    "chief.md": report("Port names Ann Roe chief executive", "Coast Ledger", "2024-03-18",
                       "The Port of Norland has appointed Ann Roe, head of the ferry operator Islebank Lines, as its chief "
                       "executive, and disclosed that the cost of its Harbour Link tunnel has risen again, to 2.75 billion "
                       "crowns.\n\nAnalysts said the latest increase left the tunnel more than 50 percent over its original "
                       "budget of 1.8 billion crowns.\n\nRoe will take up the post on April 2."),
    "toll-1.md": report("Elsen valley flood toll rises to 19", "Norland Wire", "2024-10-15",
                        "The death toll from the Elsen valley floods rose to 19 on Tuesday, regional officials said, as "
                        "the army joined the search for the missing."),
    "toll-2.md": report("Elsen valley flood toll reaches 30", "Harbour Post", "2024-10-17",
                        "The death toll from the Elsen valley floods has risen to 30, the regional governor said on "
                        "Thursday, with four people still missing."),
    "opinion.md": report("Opinion: the Elsen valley response saved lives", "Coast Ledger", "2024-10-21",
                         "Thirty people died in the Elsen valley last week, and every one of those deaths is a tragedy.\n\n"
                         "The rain that fell on the upper valley was more than anyone had recorded there. Soldiers and "
                         "helicopters were in the valley within a day, and more than 5,000 people were moved to safety."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("latest-figure"), ARTICLES, embedder)


def test_the_newest_estimate_answers_though_its_report_leads_with_other_news(assistant):
    text = strip_markers(assistant.ask("What is the latest cost estimate for the Harbour Link tunnel?",
                                       as_of="2024-06-30").text)
    first = text.split(" Earlier report")[0]
    assert "2.75 billion" in first and "18 March 2024" in first, text


def test_a_newer_piece_counting_other_people_is_not_the_latest_toll(assistant):
    text = strip_markers(assistant.ask("What is the latest death toll from the Elsen valley floods?",
                                       as_of="2024-10-25").text)
    assert "5,000" not in text and "risen to 30" in text.split(" Earlier report")[0], text

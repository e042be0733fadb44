"""Asked which one, a line that names it only by description ("the shipbuilder", "both candidates")
is shown under its article's headline when the headline names it: the headline is the line's label,
with the outlet and day, as a dated line's are. No headline where it adds no name, lists a digest's
stories, or is about another year. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import split_answer, strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "bridge.md": report("Ostby Marine wins Norland harbour bridge contract", "Norland Wire", "2024-05-14",
                        "Port director Ann Holt said on Tuesday that the contract to build the new harbour bridge had "
                        "gone to the shipbuilder after a year-long contest.\n\n"
                        "The company will start work in the spring and has promised to finish by the end of 2027."),
    "ferry.md": report("Islebank Lines to buy two electric ferries", "Coast Ledger", "2024-05-20",
                       "Islebank Lines will buy two electric ferries for the northern crossing, its chief executive "
                       "Per Lund said on Monday.\n\nThe ferries will enter service in 2026."),
    "briefing.md": report("Morning briefing: Storm warning, Kell election, Varden cup final", "Coast Ledger",
                          "2024-06-03",
                          "Forecasters said on Monday that the storm expected in the north on Tuesday would bring "
                          "gusts of up to 120 km/h to the coast.\n\nCouncil leader Ida Berg said the main roads would "
                          "stay open."),
    "obituary.md": report("Ivo Brandt, the voice of 'Harbour Nights', dies at 81", "Coast Ledger", "2024-06-12",
                          "The actor who played the lighthouse keeper in the long-running radio serial for 30 years "
                          "died on Tuesday at the age of 81, his family said.\n\nHe had been ill for some months."),
    "bid.md": report("Lund Steel bid rejected as county picks rival for Varden bridge", "Norland Wire", "2024-07-02",
                     "The county council has awarded the contract to rebuild the Varden bridge to the region's "
                     "oldest engineering firm, council leader Ida Berg said on Tuesday.\n\n"
                     "Work will start in September."),
    "quits.md": report("Jon Tamm quits as Kell Rail chief after timetable chaos", "Coast Ledger", "2024-07-09",
                       "His deputy will run Kell Rail until a successor is found, the board said on Monday.\n\n"
                       "The board will meet again in August."),
    "digest.md": report("What you need to know today: Garrow port deal and Minster fares rise", "Coast Ledger",
                        "2024-07-15",
                        "The port deal was agreed late on Sunday by the harbour board and the dockers' union, "
                        "chair Eva Lind said.\n\nFares on the Minster line rise by 4 percent in August."),
    "bypass.md": report("Flood updates: Varden valley", "Norland Wire", "2024-07-20",
                        "The Varden bypass was closed in both directions on Friday morning after the river "
                        "burst its banks.\n\nUpdate:The bypass has now reopened in both directions, police said "
                        "at 4pm\n\nRelated:Farmers count the cost of the wettest summer in forty years"),
    "museum.md": report("Torvik wins 2019 design prize for the Norland museum", "Norland Wire", "2024-06-10",
                        "The jury said on Friday that the architect's design for the Norland museum was the boldest "
                        "entry it had seen, chair Mona Dahl said.\n\nBuilding work starts next year."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("headline"), ARTICLES, embedder)


def test_a_line_naming_the_winner_by_description_is_shown_under_its_headline(assistant):
    answer = assistant.ask("Which company won the contract to build the new harbour bridge?", as_of="2024-05-31")
    text = strip_markers(answer.text)
    assert not answer.refused
    assert text.startswith("“Ostby Marine wins Norland harbour bridge contract” (Norland Wire, 14 May 2024): "), text
    assert "gone to the shipbuilder" in text


def test_the_headline_is_the_lines_label_and_the_line_stays_a_checked_quote(assistant, embedder):
    from rag.citations import SupportJudge, as_shown

    answer = assistant.ask("Which company won the contract to build the new harbour bridge?", as_of="2024-05-31")
    shown = [as_shown(p) for p in answer.passages]
    judge = SupportJudge(embedder)
    first = split_answer(answer.text)[0]
    assert first.startswith("“Ostby Marine"), answer.text
    assert judge(first, shown)
    # the label's outlet and day are checked against the cited passage's, as any dated line's are
    assert not judge(first.replace("14 May 2024", "15 May 2024"), shown)


def test_no_headline_where_the_line_names_it_already(assistant):
    text = strip_markers(assistant.ask("Which ferry operator will buy two electric ferries?", as_of="2024-05-31").text)
    assert text.startswith("Islebank Lines will buy two electric ferries"), text
    assert "“" not in text


def test_a_headline_with_an_apposition_is_no_digest(assistant):
    text = strip_markers(assistant.ask("Which actor who played the lighthouse keeper in 'Harbour Nights' has died?",
                                       as_of="2024-06-20").text)
    assert text.startswith("“Ivo Brandt, the voice of 'Harbour Nights', dies at 81” (Coast Ledger, 12 June 2024): "), text


def test_a_digests_headline_listing_its_stories_is_no_label(assistant):
    text = strip_markers(assistant.ask("Where will the storm bring gusts of up to 120 km/h?",
                                       as_of="2024-06-05").text)
    assert "Forecasters said" in text, text
    assert "Morning briefing" not in text


@pytest.mark.parametrize("question, as_of, line, not_shown", [
    # the headline names another role: the rejected bidder, the chief who quit
    ("Which firm won the contract to rebuild the Varden bridge?", "2024-07-31", "The county council has awarded",
     "Lund Steel"),
    ("Who will run Kell Rail until a successor is found?", "2024-07-31", "His deputy will run Kell Rail", "Tamm"),
    # a digest's headline, without a list of commas
    ("Who agreed the Garrow port deal?", "2024-07-31", "The port deal was agreed", "What you need to know"),
])
def test_no_headline_of_another_role_or_a_digest(assistant, question, as_of, line, not_shown):
    text = strip_markers(assistant.ask(question, as_of=as_of).text)
    assert line in text, text
    assert not_shown not in text


def test_a_live_pages_update_is_news_and_a_related_link_is_not(assistant):
    text = strip_markers(assistant.ask("Has the Varden bypass reopened after the flood?", as_of="2024-07-31").text)
    assert "The bypass has now reopened in both directions" in text, text
    assert "Farmers count the cost" not in text


def test_a_headline_about_another_year_is_no_label(assistant):
    text = strip_markers(assistant.ask("Which architect designed the Norland museum?", as_of="2024-06-30").text)
    assert "The jury said" in text, text
    assert "2019 design prize" not in text

"""Who holds a post now, when its reports word each change differently. On a real index of made-up
dated reports of one hospital trust's chief executives:

- "has named X as its new permanent chief executive" is a change of the post's holder (two words
  before the post, not one);
- the newest change leads, though its lines share fewer words with the question than the first
  report's ("The chief executive of the trust … has resigned"): the departing chief "will step down",
  her deputy "will become interim chief executive";
- "to become the first head of the new agency" is where the departing chief goes, not a
  retrospective's first holder of the asked post."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "resigns.md": report("Hollybrook hospitals chief resigns", "Calder Standard", "2023-03-02",
                         "The chief executive of Hollybrook Hospitals Trust, which runs the city's general hospital "
                         "and two smaller hospitals, has resigned after six years in charge.\n\n"
                         "Dr Maren Ostby said the trust needed a fresh pair of eyes.\n\n"
                         "The board said it would begin the search for a successor at once."),
    "appointed.md": report("Hollybrook appoints Dr Lena Varga as chief executive", "Calder Standard", "2023-09-19",
                           "Hollybrook Hospitals Trust has named Dr Lena Varga as its new permanent chief executive, "
                           "six months after the resignation of Dr Maren Ostby.\n\n"
                           "She will take up the post on 6 November 2023, the trust said."),
    "leaves.md": report("Hollybrook's Lena Varga to lead national quality agency", "Calder Standard", "2025-04-14",
                        "Dr Lena Varga, chief executive of Hollybrook Hospitals Trust, is to leave to become the "
                        "first head of the new national health quality agency.\n\n"
                        "Dr Varga will step down from Hollybrook at the end of May 2025, having led the trust since "
                        "November 2023.\n\n"
                        "Hollybrook's deputy chief executive, Oskar Lind, will become interim chief executive from "
                        "1 June 2025, the trust's board said.\n\n"
                        "Mr Lind joined Hollybrook from a community health trust last year."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("posts"), ARTICLES, embedder)


def test_an_appointment_as_new_permanent_chief_answers_who_holds_it(assistant):
    answer = assistant.ask("Who is the chief executive of Hollybrook Hospitals Trust at the moment?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "Lena Varga" in strip_markers(answer.text).split(". ")[0], answer.text  # the appointment leads


def test_the_newest_change_leads_though_worded_apart_from_the_question(assistant):
    answer = assistant.ask("who's running hollybrook hospitals now", as_of="2025-07-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "2025" in text.split(": ")[0] or "14 April 2025" in text, answer.text  # led by the newest report
    assert "Ostby" not in text, answer.text


def test_a_holder_since_a_year_held_the_post_in_the_years_between(tmp_path, embedder):
    assistant = index_of(tmp_path, {
        "marsh.md": report("Tarnby Water chief executive to step down", "Utility Week", "2022-03-14",
                           "Ines Marsh, chief executive of Tarnby Water since 2015, is to step down at the end of "
                           "June, the company said on Monday.\n\n"
                           "The board has begun the search for a successor."),
        "cup.md": report("Tarnby United lift the cup", "Sport Daily", "2022-05-02",
                         "It was Tarnby United's first county cup since 2016.")}, embedder)
    answer = assistant.ask("Who was Tarnby Water's chief executive in 2021?", as_of="2025-01-15")
    assert not answer.refused and "Ines Marsh" in strip_markers(answer.text), answer.text
    # "its first cup since 2016" is no one's time in a post.
    assert assistant.ask("Who was Tarnby Water's chief executive in 2012?", as_of="2025-01-15").refused

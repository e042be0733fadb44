"""Reasons asked as users ask them ("What reason did … give", "What made …", "Why are fares going up in
July?" asked in May), a report that says no reason was given, a reason told in a later account, live
blogs' headers and notes as page furniture, and timelines asked "flight by flight" or of a "bottom
line". On a real index of made-up dated reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # Job cuts: the lead ties them to a fall in profit, a later line gives the reason outright.
    "cuts.md": report("Pellar Works to cut 400 jobs", "Valley Courier", "2024-06-12",
                      "Pellar Works said on Wednesday it would cut 400 jobs after its half-year profit fell by a third."
                      "\n\nThe cuts will be made at its two plants by the end of next year.\n\n"
                      "Chief executive Lena Stroud said the cuts were needed because orders from shipyards had dropped "
                      "30 percent since January.\n\nThe union said it would resist every one of them."),
    # A ferry's breakdown and, weeks later, the inquiry's finding.
    "ferry-1.md": report("Ferry Marisol drifts after losing power", "Coastal Gazette", "2024-02-05",
                         "The ferry Marisol lost power off Hallin Point on Sunday and drifted for three hours before "
                         "tugs reached her, the operator said.\n\nNone of the 212 passengers was hurt."),
    "ferry-2.md": report("Blocked filter blamed for Marisol breakdown", "Coastal Gazette", "2024-04-10",
                         "The inquiry into the Marisol breakdown has found that a blocked fuel filter caused the loss of "
                         "power, the maritime board said on Wednesday.\n\nThe operator has replaced the filters on all "
                         "its ferries."),
    # A chair steps down without saying why.
    "chair.md": report("Orla Venn quits as harbour board chair", "Northern Wire", "2025-02-04",
                       "Orla Venn stepped down as chair of the Tallis harbour board on Monday, two weeks after the board "
                       "approved its budget.\n\nVenn gave no reason for her decision in a short statement, and the "
                       "board declined to comment.\n\nHer deputy, Ivo Marsh, will chair the board until June."),
    # Tram fares: last year's rise and this year's, each with its own reason.
    "tram-1.md": report("Selby tram fares to rise in July", "Valley Courier", "2023-06-02",
                        "Selby tram fares will rise by 10 cents on 1 July, the operator said on Friday.\n\n"
                        "The operator said the rise was needed because drivers' wages had gone up."),
    "tram-2.md": report("Selby tram fares to rise again", "Valley Courier", "2024-05-10",
                        "Selby tram fares will rise by another 15 cents on 1 July, the operator said on Friday.\n\n"
                        "The operator said the rise was needed because its power bills had doubled since the winter."),
    # A live blog: its header and notes are furniture, its timed entries are its news.
    "count-live.md": report("Tarvia election night live", "Tarvia Post Live", "2025-05-05",
                            "Tarvia Post Live — rolling updates from election night in Tarvia, Sunday 4 May 2025. "
                            "All times local, newest first.\n\n"
                            "23:40 — The Farmers' League wins 41 of the 90 seats in the Tarvia assembly, the election "
                            "office says.\n\n"
                            "21:00 — Polls have closed across Tarvia.\n\n"
                            "Photo caption: Voters queue at a school in the capital on Sunday morning."),
    # A rocket's flights, one report each.
    "kestrel-1.md": report("Kestrel rocket fails on first flight", "Northern Wire", "2023-03-14",
                           "The first Kestrel rocket built by Aldra Space exploded 50 seconds after lift-off on "
                           "Tuesday, ending its maiden flight."),
    "kestrel-2.md": report("Kestrel reaches orbit", "Northern Wire", "2023-09-20",
                           "Aldra Space's Kestrel rocket reached orbit on its second flight on Wednesday, placing a "
                           "small radar satellite in orbit."),
    "kestrel-3.md": report("Kestrel lifts two satellites", "Coastal Gazette", "2024-04-02",
                           "Aldra Space's Kestrel rocket carried two weather satellites into orbit on Tuesday, its "
                           "third flight and second success."),
    # A launch told entry by entry: the lift-off is worded closer to the question than the fault.
    "brant-live.md": report("Brant-3 launch live", "Sky Desk", "2025-03-11",
                            "10:40 — The Brant-3 launch from Orra Point ends in failure, the third Brant launch this "
                            "year.\n\n10:31 — The second stage engine shut down 40 seconds early, and the Vela "
                            "satellite was lost.\n\n10:20 — Lift-off! The Brant-3 rocket clears the tower at Orra "
                            "Point on a calm morning."),
    # A company's quarters: each report's lead gives its revenue, a line of its key facts its profit.
    "dalby-q1.md": report("Dalby Foods profit slips", "Valley Courier", "2024-04-25",
                          "Dalby Foods said on Thursday its first-quarter revenue rose to 900 million crowns.\n\n"
                          "Key facts:\n- Revenue: 900 million crowns\n- Net profit: 61 million crowns, down from 70 "
                          "million crowns a year earlier"),
    "dalby-q2.md": report("Dalby Foods profit falls again", "Valley Courier", "2024-07-25",
                          "Dalby Foods said on Thursday its second-quarter revenue fell to 880 million crowns as "
                          "shoppers bought cheaper brands.\n\nKey facts:\n- Revenue: 880 million crowns\n- Net profit: 44 million crowns, down "
                          "from 66 million crowns a year earlier"),
    "dalby-q3.md": report("Dalby Foods recovers", "Northern Wire", "2024-10-24",
                          "Dalby Foods said on Thursday its third-quarter revenue rose to 950 million crowns.\n\n"
                          "Key facts:\n- Revenue: 950 million crowns\n- Net profit: 73 million crowns"),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("reasons"), ARTICLES, embedder)


def _text(assistant: Assistant, question: str, as_of: str) -> str:
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    return strip_markers(answer.text)


def test_what_reason_did_they_give_is_answered_by_the_reason(assistant):
    text = _text(assistant, "What reason did Pellar Works give for axing 400 jobs?", "2024-07-01")
    assert text.startswith("Chief executive Lena Stroud said the cuts were needed because"), text


def test_what_made_it_happen_is_answered_by_the_cause(assistant):
    text = _text(assistant, "What made the Marisol ferry lose power?", "2024-05-01")
    assert "blocked fuel filter" in text, text


def test_a_report_saying_no_reason_was_given_is_the_near_miss(assistant):
    answer = assistant.ask("Why did Orla Venn step down as harbour board chair?", as_of="2025-03-01")
    assert answer.refused and "don't say why" in answer.text, answer.text


def test_a_present_progressive_asks_about_the_coming_month(assistant):
    text = _text(assistant, "Why are Selby tram fares going up again in July?", "2024-05-20")
    assert "power bills had doubled" in text and "wages" not in text, text


def test_a_live_blogs_header_and_notes_are_no_answer(assistant):
    text = _text(assistant, "What happened on election night in Tarvia?", "2025-05-06")
    assert "rolling updates" not in text and "All times local" not in text and "Photo caption" not in text, text
    assert "41 of the 90 seats" in text, text


def test_flight_by_flight_is_a_timeline_of_each_flights_report(assistant):
    answer = assistant.ask("How has the Kestrel rocket done flight by flight since its debut?", as_of="2024-05-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for step in ("14 March 2023", "20 September 2023", "2 April 2024", "exploded 50 seconds", "second flight", "third flight"):
        assert step in text, (step, text)


def test_a_bottom_line_is_told_by_each_reports_profit(assistant):
    text = _text(assistant, "How has Dalby Foods' quarterly bottom line moved this year?", "2024-11-01")
    for figure in ("61 million crowns", "44 million crowns", "73 million crowns"):
        assert figure in text, (figure, text)
    assert "revenue" not in text.lower(), text  # the revenue leads give another measure


def test_what_went_wrong_is_led_by_what_failed(assistant):
    text = _text(assistant, "What went wrong with the Brant-3 launch?", "2025-03-12")
    assert text.startswith("10:31 — The second stage engine shut down 40 seconds early"), text

"""Dated archives that give several measures side by side and tell a post's holders in a chain of
reports: a timeline or a "latest" answer quotes the asked measure in each report (revenue, not the
net profit that leads the report; deaths, not cases), leaves out a report that never gives it, and
tells a post's holders in turn (the sacking, the caretaker named in the next sentence, the new
appointment), not a match report; an earlier figure shown beside the latest is marked earlier. On a
real index of made-up dated reports."""

from __future__ import annotations

import re

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # Quarterly results led by the net profit; the revenue is in the second paragraph.
    "bren-1.md": report("Brenford Energy profit rises", "Harbour Wire", "2025-04-24",
                        "Brenford Energy on Thursday reported a 9 percent rise in first-quarter net profit to 181 million "
                        "euros, helped by lower gas costs.\n\nRevenue for the January-March quarter was 2.14 billion "
                        "euros, the company said.\n\nChief executive Mara Lind said the dividend would stay unchanged."),
    "bren-2.md": report("Brenford Energy profit slips", "Coast Ledger", "2025-07-24",
                        "Brenford Energy said on Thursday its second-quarter net profit fell 4 percent to 174 million "
                        "euros as maintenance cut output.\n\nRevenue in the April-June period rose to 2.31 billion euros."
                        "\n\nThe shares fell 2 percent in morning trading."),
    "bren-3.md": report("Brenford Energy beats forecasts", "Harbour Wire", "2025-10-23",
                        "Brenford Energy posted third-quarter net profit of 203 million euros on Thursday, beating "
                        "analysts' forecasts.\n\nQuarterly revenue reached 2.45 billion euros, up from 2.31 billion in "
                        "the previous quarter.\n\nThe company raised its full-year outlook."),
    "bren-4.md": report("Brenford Energy ends year strongly", "Coast Ledger", "2026-01-29",
                        "Brenford Energy's fourth-quarter net profit jumped 15 percent to 233 million euros, the utility "
                        "said on Thursday.\n\nRevenue for October-December came to 2.58 billion euros.\n\n"
                        "It plans to build two wind farms next year."),
    # Earnings lead each report; one report gives no sales at all.
    "tolv-1.md": report("Tolvik Motors earnings rise", "Harbour Wire", "2025-05-06",
                        "Tolvik Motors said on Tuesday its first-quarter earnings rose 12 percent to 96 million crowns."
                        "\n\nSales in the quarter reached 1.9 billion crowns."),
    "tolv-2.md": report("Tolvik Motors earnings fall", "Coast Ledger", "2025-08-05",
                        "Tolvik Motors' second-quarter earnings fell to 71 million crowns, the carmaker said on Tuesday."
                        "\n\nSales slipped to 1.8 billion crowns as exports weakened."),
    "tolv-3.md": report("Tolvik Motors back to growth", "Harbour Wire", "2025-11-04",
                        "Tolvik Motors reported third-quarter earnings of 104 million crowns on Tuesday.\n\n"
                        "The carmaker opened a new plant in the north of the country."),
    "tolv-4.md": report("Tolvik Motors ends year on a high", "Coast Ledger", "2026-02-03",
                        "Tolvik Motors' fourth-quarter earnings climbed to 118 million crowns, the carmaker said on "
                        "Tuesday.\n\nSales for the October-December quarter were 2.2 billion crowns."),
    # An outbreak's cases and deaths in the same reports, one led by each.
    "chol-1.md": report("Cholera cases climb in Varnland", "Valley Courier", "2025-03-02",
                        "Health officials have confirmed 412 cholera cases in Varnland, the ministry said on Sunday.\n\n"
                        "Nine people have died of the disease."),
    "chol-2.md": report("Cholera toll rises in Varnland", "Northern Wire", "2025-03-09",
                        "The cholera outbreak in Varnland has killed 17 people, the health ministry said on Sunday.\n\n"
                        "Confirmed cases rose to 688, it said."),
    "chol-3.md": report("Varnland cholera deaths reach 23", "Valley Courier", "2025-03-16",
                        "Deaths from Varnland's cholera outbreak rose to 23 on Sunday, the health ministry said.\n\n"
                        "The number of confirmed cases reached 951."),
    # Inflation reports whose other figures (a used car's price, rents) come first.
    "infl-1.md": report("Used car prices hit a record in Ostmark", "Valley Courier", "2025-02-12",
                        "Prices of used cars in Ostmark have changed sharply this year, rising 14 percent to a record "
                        "21,400 crowns, dealers said on Wednesday.\n\nOverall inflation in Ostmark was 5.1 percent in "
                        "January, the statistics office said."),
    "infl-2.md": report("Ostmark inflation eases", "Northern Wire", "2025-03-12",
                        "Ostmark's inflation rate eased to 4.8 percent in February, the statistics office said on "
                        "Wednesday.\n\nRents rose 0.6 percent from January."),
    "infl-3.md": report("Ostmark rents climb", "Valley Courier", "2025-04-10",
                        "Rents in Ostmark have changed sharply this year, rising 7.2 percent, a property survey showed "
                        "on Thursday.\n\nThe consumer price index rose 4.5 percent in the year to March, official "
                        "figures showed."),
    # A sacking whose next sentence names the caretaker, a match report, an appointment.
    "harw-1.md": report("Harwick City sack manager Tom Breyer", "County Sport", "2025-10-07",
                        "Harwick City sacked manager Tom Breyer on Tuesday after a run of six defeats left the club "
                        "bottom of the league.\n\nThe club said assistant Paul Ostrom would take charge as caretaker.\n\n"
                        "Breyer had been in charge for two years."),
    "harw-2.md": report("Harwick City draw again", "County Sport", "2025-10-12",
                        "Harwick City drew 1-1 with Lenby Town on Saturday.\n\nFans chanted against the board."),
    "harw-3.md": report("Harwick City appoint Dana Kell", "Northern Sport", "2025-10-21",
                        "Harwick City appointed Dana Kell as their new manager on Monday on a contract until 2028.\n\n"
                        "Kell, 44, left Lenby Town to take the job.\n\nShe will take charge of her first game on Saturday."),
    # A coach who resigns, the assistant in charge for the next game, a successor named.
    "norb-1.md": report("Norby Rovers coach Ivo Lind resigns", "County Sport", "2025-02-03",
                        "Norby Rovers coach Ivo Lind resigned on Monday after the club's cup exit.\n\n"
                        "His assistant Sam Orde will be in charge for Saturday's game against Kelby.\n\n"
                        "Lind joined the club in 2022."),
    "norb-2.md": report("Norby Rovers name Ada Frey coach", "Northern Sport", "2025-02-20",
                        "Norby Rovers named Ada Frey as their new coach on Thursday.\n\nFrey, 38, coached Kelby for "
                        "three seasons."),
    # A mayor removed by the council, the deputy running the city meanwhile, a successor elected.
    "ross-1.md": report("Rossby council removes mayor", "Valley Courier", "2024-06-20",
                        "Rossby city council removed Mayor Karl Dunn from office on Thursday in a no-confidence vote, "
                        "31 to 14, after a row over the tram budget.\n\nDeputy mayor Eva Holm will run the city until "
                        "the council elects a successor.\n\nThe tram line is due to open in 2027."),
    "ross-2.md": report("Rossby tram costs rise", "Valley Courier", "2024-06-26",
                        "The cost of Rossby's tram line has risen to 412 million crowns, the city said on Wednesday."),
    "ross-3.md": report("Rossby council elects Tove Lang mayor", "Northern Wire", "2024-07-02",
                        "Rossby city council elected Tove Lang, a former nurse, as the city's mayor on Tuesday."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("measures-and-posts"), ARTICLES, embedder)


def _steps(answer) -> list[str]:
    """The timeline's lines, oldest first, each with its report's label ("Outlet, 7 October 2025: …"):
    a report's next line, shown without its label said again, carries it here too."""
    label, steps = "", []
    for line in re.findall(r"\S.*?\[\d+\](?:\[\d+\])*[.!?\"”]*(?=\s|$)", answer.text):
        line = strip_markers(line).strip()
        dated = re.match(r"[A-Z][\w ]+, \d{1,2} [A-Z][a-z]{2,8} \d{4}: ", line)
        label = dated.group(0) if dated else label
        steps.append(line if dated or not label else label + line)
    return steps


def test_a_revenue_timeline_quotes_each_report_s_revenue_not_its_profit_lead(assistant):
    answer = assistant.ask("How has Brenford Energy's quarterly revenue changed through 2025?", as_of="2026-02-10")
    assert not answer.refused, answer.text
    steps = _steps(answer)
    assert [re.search(r"\d\.\d\d billion", s).group(0) for s in steps] == [
        "2.14 billion", "2.31 billion", "2.45 billion", "2.58 billion"], answer.text
    assert all("evenue" in s and "net profit" not in s for s in steps), answer.text


def test_a_profit_timeline_still_quotes_the_profit(assistant):
    answer = assistant.ask("How has Brenford Energy's net profit changed over the past year?", as_of="2026-02-10")
    steps = _steps(answer)
    assert [re.search(r"\d+ million", s).group(0) for s in steps] == [
        "181 million", "174 million", "203 million", "233 million"], answer.text
    assert "Revenue" not in answer.text, answer.text


def test_the_latest_revenue_is_the_newest_report_s_revenue_line(assistant):
    answer = assistant.ask("What is Brenford Energy's latest quarterly revenue?", as_of="2026-02-10")
    text = strip_markers(answer.text)
    assert text.startswith("Latest report (Coast Ledger, 29 January 2026): Revenue for October-December came to "
                           "2.58 billion euros."), text
    assert "net profit" not in text, text


def test_a_report_without_the_asked_measure_is_left_out_not_replaced(assistant):
    answer = assistant.ask("How have Tolvik Motors' quarterly sales changed over the past year?", as_of="2026-02-20")
    assert not answer.refused, answer.text
    steps = _steps(answer)
    assert [re.search(r"\d\.\d billion", s).group(0) for s in steps] == [
        "1.9 billion", "1.8 billion", "2.2 billion"], answer.text
    assert "earnings" not in answer.text and "4 November 2025" not in answer.text, answer.text


def test_an_inflation_timeline_quotes_the_inflation_line_not_the_report_s_other_figures(assistant):
    answer = assistant.ask("How has inflation in Ostmark changed this year?", as_of="2025-04-20")
    assert not answer.refused, answer.text
    steps = _steps(answer)
    assert [re.search(r"\d\.\d percent", s).group(0) for s in steps] == [
        "5.1 percent", "4.8 percent", "4.5 percent"], answer.text
    assert "used car" not in answer.text and "Rents" not in answer.text, answer.text


def test_a_death_toll_timeline_quotes_deaths_not_cases(assistant):
    answer = assistant.ask("How has the number of cholera deaths in Varnland changed?", as_of="2025-03-18")
    steps = _steps(answer)
    assert len(steps) == 3, answer.text
    assert "Nine people have died" in steps[0] and "killed 17 people" in steps[1] and "rose to 23" in steps[2], answer.text
    assert "cases" not in answer.text, answer.text


def test_the_latest_count_leads_and_the_earlier_one_is_marked_earlier(assistant):
    answer = assistant.ask("How many cholera cases are there in Varnland now?", as_of="2025-03-18")
    text = strip_markers(answer.text)
    assert text.startswith("Latest report (Valley Courier, 16 March 2025): The number of confirmed cases reached 951."), text
    earlier = text.split("Earlier report", 1)
    assert "688" not in earlier[0] and "killed" not in text, text
    assert len(earlier) == 1 or earlier[1].startswith(" (Northern Wire, 9 March 2025): Confirmed cases rose to 688"), text


def test_a_management_timeline_tells_the_sacking_the_caretaker_and_the_appointment(assistant):
    answer = assistant.ask("How has Harwick City's management changed since the start of October?", as_of="2025-10-30")
    assert not answer.refused, answer.text
    steps = _steps(answer)
    assert len(steps) == 3, answer.text
    assert "sacked manager Tom Breyer" in steps[0], answer.text
    assert "Paul Ostrom would take charge as caretaker" in steps[1] and steps[1].startswith("County Sport, 7 Oct"), answer.text
    assert "appointed Dana Kell" in steps[2], answer.text
    assert "drew 1-1" not in answer.text, answer.text


def test_who_is_in_charge_between_the_sacking_and_the_appointment_is_the_caretaker(assistant):
    answer = assistant.ask("Who is in charge of Harwick City now?", as_of="2025-10-15")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.startswith("Latest report (County Sport, 7 October 2025): The club said assistant Paul Ostrom would take "
                           "charge as caretaker."), text
    assert "drew 1-1" not in text and text.count("Paul Ostrom") == 1, text


def test_who_is_in_charge_after_the_appointment_is_the_new_manager(assistant):
    answer = assistant.ask("Who is in charge of Harwick City now?", as_of="2025-10-30")
    text = strip_markers(answer.text)
    assert text.startswith("Latest report (Northern Sport, 21 October 2025): Harwick City appointed Dana Kell"), text


def test_a_leadership_timeline_keeps_the_assistant_in_charge_after_a_resignation(assistant):
    answer = assistant.ask("How has the leadership of Norby Rovers changed?", as_of="2025-03-01")
    steps = _steps(answer)
    assert len(steps) == 3, answer.text
    assert "Ivo Lind resigned" in steps[0] and "Sam Orde will be in charge" in steps[1], answer.text
    assert "named Ada Frey as their new coach" in steps[2], answer.text


def test_a_mayoralty_timeline_tells_the_removal_the_deputy_and_the_successor(assistant):
    answer = assistant.ask("How has the mayoralty of Rossby changed this year?", as_of="2024-08-01")
    steps = _steps(answer)
    assert len(steps) == 3, answer.text
    assert "removed Mayor Karl Dunn" in steps[0] and "Eva Holm will run the city" in steps[1], answer.text
    assert "elected Tove Lang" in steps[2] and "tram line has risen" not in answer.text, answer.text

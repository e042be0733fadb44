""""What is X now?" is answered by the newest report's figure for the whole, of that report's own
day: not a part's figure ("every province averaging at least …"), not a figure the report recalls
from months before, and a newer report counts though it words the story less like the question.
On a real index of made-up dated reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


ARTICLES = {
    "diesel-1.md": report("Diesel price climbs again", "Valley Courier", "2025-03-03",
                          "The national average price of a litre of diesel in Veldmark reached 1.92 euros on Monday, "
                          "the motoring club said.\n\nHauliers say the rise will be passed on to shoppers."),
    "diesel-2.md": report("Diesel tops two euros a litre in every province", "Coastal Gazette", "2025-03-24",
                          "The average price of a litre of diesel in Veldmark keeps breaking records, with every "
                          "province averaging at least 2 euros a litre, and analysts say it will keep climbing.\n\n"
                          "The national average for diesel stood at 2.14 euros on Monday, according to the motoring "
                          "club, up 9 cents from a week earlier.\n\nFerry operators have added a fuel surcharge."),
    "diesel-3.md": report("Diesel record sends hauliers to the ministry", "Valley Courier", "2025-06-16",
                          "It was back in March that the average price of a litre of diesel in Veldmark first broke "
                          "the record of 2.05 euros, which had stood since 2012.\n\n"
                          "The national average jumped to 2.38 euros a litre on Monday, the motoring club said.\n\n"
                          "Hauliers will meet the transport minister on Thursday."),
    "flood-1.md": report("Flooding in the Orrin valley", "Valley Courier", "2025-09-01",
                         "At least 12 people have died due to flooding in the Orrin valley as rescuers continue to "
                         "search for the missing.\n\nThe regional council has opened three shelters."),
    "flood-2.md": report("Flood toll in the Orrin valley rises", "Coastal Gazette", "2025-09-03",
                         "At least 21 people have died due to flooding in the Orrin valley, the regional council "
                         "said on Wednesday.\n\nMore rain is forecast for the weekend."),
    "flood-3.md": report("Minister visits the Orrin valley", "Valley Courier", "2025-09-10",
                         "The transport minister saw on Tuesday what she called heartbreaking devastation in the "
                         "Orrin valley, where flash flooding killed at least 29 people and swept away two bridges.\n\nShe promised money to rebuild the valley road."),
    "breach-1.md": report("Harlow Mutual data breach", "Valley Courier", "2025-01-13",
                          "Harlow Mutual said on Monday that 1.2 million customers were affected by a data breach "
                          "at the insurer.\n\nThe company has hired outside investigators."),
    "breach-2.md": report("Harlow Mutual breach grows", "Coastal Gazette", "2025-01-27",
                          "Harlow Mutual said on Monday that 3.1 million customers were affected by last month's data "
                          "breach, more than twice its first count.\n\nRegulators have opened an inquiry."),
    "breach-3.md": report("Harlow Mutual gives final breach count", "Valley Courier", "2025-02-10",
                          "Harlow Mutual said on Monday that 2.3 million customers were affected by the data breach, "
                          "its final count after investigators found duplicate records.\n\nIts shares rose 2 percent."),
    "breach-4.md": report("Who pays for the Harlow Mutual breach?", "Coastal Gazette", "2025-02-12",
                          "Premiums will rise to pay for the breach, an analyst said, and the bill falls on the same "
                          "3.1 million Harlow Mutual customers whose data was stolen.\n\nThe insurer declined to comment."),
    "census-1.md": report("Census shows Varn changing", "Valley Courier", "2023-02-06",
                          "According to the 2011 census, 41 percent of the residents of Varn are Catholic, the "
                          "statistics office said.\n\nThe town's population has grown since then."),
    "census-2.md": report("Varn census results", "Coastal Gazette", "2025-06-09",
                          "According to the 2021 census, 46 percent of the residents of Varn are Catholic, the "
                          "statistics office said on Monday.\n\nThe results were delayed by a year."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("whole"), ARTICLES, embedder)


def _lead(answer) -> str:
    assert not answer.refused, answer.text
    return strip_markers(answer.text).split("Earlier report")[0]


def test_the_whole_figure_leads_not_a_part_s_bound(assistant):
    answer = assistant.ask("What is the average price of a litre of diesel in Veldmark now?", as_of="2025-03-26")
    lead = _lead(answer)
    assert "2.14 euros" in lead and "every province" not in lead, answer.text


def test_the_newest_report_s_figure_of_its_own_day_leads_not_one_it_recalls(assistant):
    answer = assistant.ask("What is the average price of a litre of diesel in Veldmark now?", as_of="2025-06-18")
    lead = _lead(answer)
    assert "2.38 euros" in lead and "back in March" not in lead, answer.text


def test_a_newer_report_worded_otherwise_still_leads(assistant):
    answer = assistant.ask("How many people have died in the Orrin valley flooding so far?", as_of="2025-09-12")
    lead = _lead(answer)
    assert "29" in lead, answer.text
    assert answer.citations[0].meta.published == "2025-09-10"


def test_a_newer_report_repeating_an_earlier_count_does_not_lead(assistant):
    answer = assistant.ask("How many customers are now known to have been affected by the Harlow Mutual data breach?",
                           as_of="2025-02-28")
    lead = _lead(answer)
    assert "2.3 million" in lead and "3.1" not in lead, answer.text


def test_a_figure_of_a_named_edition_is_still_its_report_s_news(assistant):
    # "the 2021 census" names which census, not a time the figure is from long before its report.
    answer = assistant.ask("What share of Varn residents are Catholic, according to the latest census?",
                           as_of="2025-06-20")
    assert answer.text.startswith("Latest report"), answer.text
    assert "46 percent" in _lead(answer), answer.text


MORE = {
    "quake-1.md": report("Kessa earthquake toll", "Valley Courier", "2025-03-10",
                         "The earthquake in Kessa has killed 870 people, the civil defence agency said on Monday."
                         "\n\nAid convoys reached the worst-hit villages."),
    "quake-2.md": report("Three months after the Kessa earthquake", "Coastal Gazette", "2025-06-10",
                         "The March 3 earthquake in Kessa has now killed 1,240 people, the civil defence agency "
                         "said.\n\nThousands of families still live in tents."),
    "fuel-1.md": report("Fuel prices in the United States", "Valley Courier", "2025-03-31",
                        "Gas prices in the United States averaged $3.62 a gallon on Monday, the motoring club said."),
    "fuel-2.md": report("Fuel prices climb", "Coastal Gazette", "2025-04-07",
                        "Gas prices in the United States averaged $3.91 a gallon on Monday, the motoring club said."),
    "jobs-1.md": report("Jobless rate in Norland", "Valley Courier", "2025-04-02",
                        "Norland's jobless rate fell to 5.4 percent in March, the statistics office said."),
    "jobs-2.md": report("Norland jobless rate falls again", "Coastal Gazette", "2025-05-02",
                        "Norland's jobless rate fell to 5.1 percent in April, with regions with the highest "
                        "unemployment in the south gaining most, the statistics office said."),
}


@pytest.fixture(scope="module")
def more(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("whole-more"), MORE, embedder)


def test_a_date_that_names_the_event_is_not_the_figure_s_time(more):
    # "The March 3 earthquake" names which earthquake; the toll is the report's news in June.
    answer = more.ask("How many people have died in the Kessa earthquake now?", as_of="2025-06-12")
    assert answer.text.startswith("Latest report"), answer.text
    assert "1,240" in _lead(answer), answer.text


@pytest.mark.parametrize("question, as_of, figure", [
    ("What is the average price of gas in the US now?", "2025-04-10", "$3.91"),  # not a part: "United States averaged"
    ("What is Norland's jobless rate now?", "2025-05-05", "5.1 percent"),  # the figure comes before the regions
])
def test_the_whole_s_figure_is_not_taken_for_a_part_s(more, question, as_of, figure):
    answer = more.ask(question, as_of=as_of)
    assert answer.text.startswith("Latest report"), answer.text
    assert figure in _lead(answer), answer.text

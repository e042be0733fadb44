"""Web news as outlets write it, read for the act asked: who leads an inquiry is told in the passive
("will be led by"), not by the report that one was ordered; a correction's retracted name is never
quoted; who runs a company meanwhile and why a presenter leaves are told by the sentence saying
so, not by the lead; an undated line or bullet of a report on last month is about that month; a
sentence that leans on the one before it ("Inside were …") comes with it; and who holds a post
now, when the only report says its holder resigned, is whoever acts in it. "How much compensation"
or "how much damage" asks a sum of money, which no wind speed or count of homes gives; attendance
is a count of visitors, told in each report's own words; and a timeline step that someone left a
post is told with its successor. On a real
index of made-up dated web pages."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "ferry-1.md": report("Ferry Tern sinks off Calloway", "Northern Wire", "2025-05-02",
                         "CALLOWAY, May 2 (Northern Wire) — The ferry Tern sank off Calloway on Thursday night, "
                         "killing nine passengers, the coastguard said.\n\nRescuers pulled 41 people from the water.\n\n"
                         "Brisa Lines, which employs about 1,200 people, said it had halted all sailings and would "
                         "support the victims' families."),
    "ferry-2.md": report("Judge to lead inquiry into Tern sinking; Brisa chief suspended", "Valley Courier",
                         "2025-05-08",
                         "By Ola Renn\n\n"
                         "The regional government has ordered an independent inquiry into the sinking of the Brisa "
                         "Lines ferry Tern off Calloway that killed nine passengers last week, and the company's board "
                         "has suspended its chief executive, Bram Oller.\n\n"
                         "The inquiry will be led by retired judge Petra Lund, the regional governor said on Friday. "
                         "It is due to report within a year.\n\n"
                         "Brisa's board said in a statement that Oller had been suspended \"pending the inquiry\" and "
                         "that operations director Ines Faro would run the company in the meantime.\n\n"
                         "Correction, May 9: An earlier version of this article said the inquiry would be led by "
                         "retired judge Petra Lind. The judge's name is Petra Lund."),
    "show-1.md": report("Tom Reyes replaces Dana Vale as Pot & Pan host", "Screen Weekly", "2025-08-04",
                        "By Kit Amos\n\n"
                        "Comedian Tom Reyes will host the next series of Pot & Pan, replacing Dana Vale, who has "
                        "presented the cookery show since it began, the channel said on Monday.\n\n"
                        "Vale is leaving to front a new nature series, \"Wild Shores\", the channel said.\n\n"
                        "The new series begins on October 2 with ten cooks."),
    "bread-1.md": report("Bread hits 3.10 euros a loaf, and what it means for you", "Daily Ledger", "2025-04-07",
                         "By Mia Lorne, consumer reporter\n\n7 April 2025, 08:10 | Updated 10:30\n\n"
                         "Share this article\n\n"
                         "Bread prices rose for a second straight month in March, with the average loaf costing "
                         "3.10 euros, according to figures published by the national statistics office on Monday.\n\n"
                         "The statistics office blamed the rise on a poor wheat harvest and higher energy costs at "
                         "bakeries.\n\n"
                         "Key points:\n\n"
                         "- Average price in March: 3.10 euros a loaf\n"
                         "- A family buying two loaves a day now pays about 190 euros a month\n"
                         "- The bread subsidy for pensioners ends in May\n\n"
                         "Sign up for our newsletter."),
    "pier-1.md": report("How the Selby pier was rebuilt", "Coastal Gazette", "2025-09-14",
                        "The old pier at Selby had stood derelict for thirty years when volunteers began to rebuild "
                        "it.\n\nNobody knew exactly how its iron frame had been made, and the builder's records were "
                        "thought lost.\n\n"
                        "The answer turned up in an attic. In 2022, a retired surveyor, Nora Fenn, was clearing out her "
                        "late uncle's house in Selby when she found a wooden chest of papers. Inside were the original "
                        "1902 plans of the Selby pier, signed by its engineer, Walter Hume.\n\n"
                        "The rebuilt pier opened in June."),
    "gale-1.md": report("Storm Kara cuts power on the Selby coast", "Northern Wire", "2025-10-20",
                        "SELBY, Oct 20 (Northern Wire) — Storm Kara brought gusts of up to 120 kilometres per hour "
                        "to the Selby coast on Monday, cutting power to about 25,000 homes, the grid operator said."
                        "\n\nFerries were cancelled for the day."),
    # A yearly fair: each report leads with its prize, and gives the attendance in its own words.
    "fair-1.md": report("Ivo Lark wins Quill Medal as Selby book fair turns five", "Coastal Gazette", "2022-06-13",
                        "Ivo Lark won the Quill Medal for fiction on Sunday, closing the fifth Selby Book Fair.\n\n"
                        "The fair, held each June in tents on the harbour green, drew 9,000 visitors over three days, "
                        "organisers said.\n\nNext year's fair will run from June 9 to 11."),
    "fair-2.md": report("Rhea Moss takes Quill Medal", "Coastal Gazette", "2023-06-12",
                        "Rhea Moss won the Quill Medal for fiction on Sunday for her novel Low Tide, closing the sixth "
                        "Selby Book Fair.\n\nAttendance rose to 11,200 over the three days, the organisers said."),
    "fair-3.md": report("Selby book fair draws record crowd as Abel Finch wins Quill Medal", "Northern Wire",
                        "2024-06-17",
                        "Abel Finch won the Quill Medal for fiction as the seventh Selby Book Fair closed on Sunday with "
                        "a record 12,500 visitors, organisers said on Monday."),
    # Job cuts: the second round's report also says the chief executive leaves, and who stands in.
    "cuts-1.md": report("Corlan Foods to cut 300 jobs", "Valley Courier", "2025-01-15",
                        "Corlan Foods will cut 300 jobs this year at its two bakeries, the company said on Wednesday."),
    "cuts-2.md": report("Corlan Foods chief steps down as 200 more jobs go", "Northern Wire", "2025-06-10",
                        "Corlan Foods chief executive Mara Quist is stepping down, the company said on Tuesday as it "
                        "announced 200 more job cuts.\n\n"
                        "Finance director Leo Brandt will serve as interim chief executive."),
    # An awards night: the winner's report never writes "won"; another report has a "win" of another prize.
    "awards-1.md": report("Chilean singer takes artist of the year", "Valley Courier", "2025-09-08",
                          "The Chilean singer Ramon Ortega took home artist of the year at the Harbour Music Awards on "
                          "Sunday, becoming the first Spanish-language artist to clinch the prize."),
    "awards-2.md": report("Lena Fox announces tour at Harbour Music Awards", "Northern Wire", "2025-09-08",
                          "Lena Fox celebrated her song of the year win at Sunday's Harbour Music Awards by announcing "
                          "a world tour.\n\nThe show was held in Selby."),
    "mayor-1.md": report("Dunmore mayor resigns over parking contract", "Valley Courier", "2025-03-06",
                         "By Ola Renn\n\n"
                         "Dunmore mayor Alma Voss resigned on Wednesday, a week after auditors found that a parking "
                         "contract had been awarded without a tender.\n\n"
                         "Under the city charter, deputy mayor Ivo Sand becomes acting mayor until a by-election is "
                         "held.\n\nThe by-election will take place on May 11."),
    "mayor-2.md": report("Teacher wins Dunmore by-election", "Northern Wire", "2025-05-12",
                         "DUNMORE, May 12 (Northern Wire) — Teacher Rosa Kell won the by-election for mayor of Dunmore "
                         "on Sunday with 51 percent of the vote, officials said.\n\nKell will be sworn in on May 19."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("web-news"), ARTICLES, embedder)


def _ask(assistant, question: str, as_of: str = "2025-12-01") -> str:
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    return strip_markers(answer.text)


def test_who_leads_is_told_in_the_passive_and_a_corrections_retracted_name_is_not_quoted(assistant):
    text = _ask(assistant, "Who will lead the independent inquiry into the Tern ferry sinking?")
    assert "led by retired judge Petra Lund" in text and "Petra Lind" not in text, text


def test_who_runs_a_company_meanwhile_is_the_sentence_that_says_so(assistant):
    text = _ask(assistant, "Who is running Brisa Lines while its chief executive is suspended?")
    assert text.startswith("Brisa's board said") and "Ines Faro would run the company" in text, text  # it leads


def test_why_someone_leaves_is_the_sentence_giving_the_reason(assistant):
    text = _ask(assistant, "Why is Dana Vale leaving Pot & Pan?")
    assert "to front a new nature series" in text, text


def test_an_undated_line_of_last_months_report_answers_for_that_month(assistant):
    text = _ask(assistant, "What did the national statistics office blame for the rise in bread prices in March 2025?")
    assert "poor wheat harvest" in text, text


def test_a_bullet_of_last_months_report_answers_for_that_month(assistant):
    text = _ask(assistant, "How much does a family buying two loaves of bread a day pay at March 2025 prices?")
    assert "about 190 euros a month" in text, text


def test_a_sentence_leaning_on_the_one_before_comes_with_it(assistant):
    text = _ask(assistant, "Who found the original plans of the Selby pier?")
    assert "Nora Fenn" in text and "Inside were the original" in text, text


def test_who_holds_a_post_now_after_its_holder_resigned_is_the_acting_holder(assistant):
    text = _ask(assistant, "Who is the mayor of Dunmore now?", as_of="2025-04-01")
    assert "Ivo Sand becomes acting mayor" in text, text


@pytest.mark.parametrize("question", ["How much compensation will Brisa Lines pay each victim's family?",
                                      "How much damage did Storm Kara cause on the Selby coast?"])
def test_a_sum_of_money_no_article_gives_is_refused(assistant, question):
    answer = assistant.ask(question, as_of="2025-12-01")
    assert answer.refused, answer.text


def test_attendance_over_the_years_is_each_reports_count_of_visitors(assistant):
    answer = assistant.ask("How has attendance at the Selby Book Fair changed since 2022?", as_of="2024-12-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for step in ("drew 9,000 visitors", "Attendance rose to 11,200", "a record 12,500 visitors"):
        assert step in text, (step, text)
    assert text.index("9,000") < text.index("11,200") < text.index("12,500") and "June 9 to 11" not in text, text


def test_a_timeline_step_that_someone_left_a_post_comes_with_the_successor(assistant):
    answer = assistant.ask("How has the mayor of Dunmore changed since February 2025?",
                           as_of="2025-06-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for step in ("Alma Voss resigned", "Ivo Sand becomes acting mayor", "Rosa Kell won the by-election"):
        assert step in text, (step, text)
    assert text.index("Alma Voss resigned") < text.index("Ivo Sand") < text.index("Rosa Kell"), text


def test_a_timeline_of_job_cuts_does_not_bring_in_who_stands_in_for_a_departing_chief(assistant):
    answer = assistant.ask("How did Corlan Foods' job cuts unfold?", as_of="2025-12-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "300 jobs" in text and "200 more job cuts" in text and "interim chief executive" not in text, text


def test_another_reports_win_of_another_prize_does_not_lead(assistant):
    text = _ask(assistant, "Who won artist of the year at Sunday's Harbour Music Awards?", as_of="2025-09-09")
    assert text.startswith("The Chilean singer Ramon Ortega took home artist of the year"), text

"""A story's steps, asked the ways readers ask them, and a winner asked of a year nobody reported.

- "What happened at the carmaker between the recall and the new chief's appointment?" is a
  timeline over the days between the two events, each dated by the archive's report of it, not
  three lines of the appointment's report.
- "How did the cost estimate change over time?" starts at the first estimate, given as a forecast
  ("is expected to cost 4.2 billion") in the report of the approval, whose passage on who builds
  the line is the one the search finds first.
- "Who won the 2019 marathon?", over reports of the 2021 and 2024 races, is a near miss, not
  answered by "fewer runners than in 2019"; "The 2022 prize went to …" still answers who won.

On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report


ARTICLES = {
    # The carmaker's story: a recall, its widening, the chief's exit, a new chief.
    "recall.md": report("Orvel Motors recalls 9,100 K3 cars over brake fault", "Harbour Wire", "2022-10-27", """
Orvel Motors is recalling 9,100 of its K3 compact cars because of a brake fault, the carmaker said on Thursday.

The fault can make the brake pedal go soft after long descents, it said.

The K3, launched in 2021, is the company's best-selling model.
""".strip()),
    "widened.md": report("Orvel widens K3 recall to 14,300 cars", "Harbour Wire", "2022-12-02", """
Orvel Motors has widened the recall of its K3 compact to 14,300 cars, adding those built up to the end of October.

Owners have complained of waits of several weeks for a repair.
""".strip()),
    "exit.md": report("Orvel chief executive Lena Moor steps down after K3 recall", "Harbour Wire", "2023-01-19", """
Lena Moor stepped down as chief executive of Orvel Motors on Thursday, three months after the carmaker began the recall of its K3 compact.

Finance chief Piet Dahl will run the company until a successor is found.
""".strip()),
    "appointed.md": report("Orvel picks Jonas Hale as chief executive", "Harbour Wire", "2023-06-06", """
Orvel Motors has appointed Jonas Hale, the head of a truckmaker, as its new chief executive, ending a search that began when Lena Moor stepped down in January.

Hale said his first priority would be quality.

Piet Dahl was praised by the board for steering the company through the recall.
""".strip()),
    "sales.md": report("Orvel sales rebound as K3 takes off", "Harbour Wire", "2022-02-15", """
Orvel Motors sold 31,200 cars last year, the carmaker said on Monday, as its K3 compact took off.

The company plans a larger model for 2024.
""".strip()),
    # A railway's cost over time.
    "approved.md": report("Cabinet approves the Westline railway", "Harbour Wire", "2021-06-22", """
The cabinet approved the Westline high-speed railway between Ardo and Lenn on Monday, after a decade of debate.

The 190-kilometre line is expected to cost 4.2 billion crowns and to open in 2026, according to the business case.

"This is the government that will build it," the transport minister said.

The line will be built by Westline Ltd, a state-owned company set up last year. Its chief executive, Mara Ek, previously ran the construction of the Ardo airport expansion, which opened on time in 2018.

About 60 percent of the money will come from the state budget. The remainder will be borrowed by Westline Ltd against future track-access charges, backed by a government guarantee.

Ek said construction would start in early 2022, with tunnelling under the hills beginning the following year.
""".strip()),
    "revised.md": report("Westline cost estimate climbs to 5.1 billion crowns", "Harbour Wire", "2022-11-10", """
The estimated cost of the Westline high-speed railway has risen to 5.1 billion crowns from 4.2 billion, and the line will open a year later than planned, in 2027, the company building it said on Thursday.
""".strip()),
    "revised-again.md": report("Westline cost rises to 6.4 billion crowns", "Harbour Wire", "2023-10-04", """
The Westline railway will now cost an estimated 6.4 billion crowns and will not open until 2028, the company building it said.
""".strip()),
    "latest.md": report("Westline budget rises to 6.9 billion crowns", "Harbour Wire", "2025-02-18", """
The Westline high-speed railway will cost 6.9 billion crowns and open in 2029, Westline Ltd said on Monday.
""".strip()),
    # A race and a prize, reported in some years only.
    "marathon-2021.md": report("Sem Ivo wins the Ardo Marathon as the race returns", "Ardo Sport", "2021-10-18", """
Sem Ivo won the 39th Ardo Marathon on Sunday in 2 hours 12 minutes 40 seconds.

Organisers said 9,500 runners started the race, fewer than in 2019, the last edition before the pandemic, because the field was capped.
""".strip()),
    "marathon-2024.md": report("Tom Rask breaks the Ardo Marathon record", "Ardo Sport", "2024-10-21", """
Tom Rask won the 42nd Ardo Marathon on Sunday in a course record of 2 hours 9 minutes 47 seconds.

Sem Ivo, the 2021 winner, was fourth.
""".strip()),
    "prize-2023.md": report("Ida Tell wins the Lenn Prize for fiction", "Lenn Review", "2023-09-25", """
Ida Tell won the Lenn Prize for fiction on Saturday for her first novel.

The 2022 prize went to the poet Ruben Sall for his verse novel about a fishing town.
""".strip()),
    # A festival's crowds: a report's closest line may give no figure, its figure line is worded
    # further from the question.
    "fest-2021.md": report("Lakeside Festival returns with smaller crowds", "Marren Courier", "2021-08-23", """
After a year without music, the Lakeside Festival came back to Marren at the weekend with smaller crowds and seated zones.

Organisers said 12,000 people attended the festival's 38th edition.
""".strip()),
    "fest-2022.md": report("Full house at the Lakeside Festival", "Marren Courier", "2022-08-22", """
The Lakeside Festival returned to full size at the weekend, with the campsite and the late stage back.

By the organisers' count, 41,000 festival-goers came over the three days.
""".strip()),
    "fest-2023.md": report("Record crowd for the 40th Lakeside Festival", "Marren Courier", "2023-08-21", """
The Lakeside Festival celebrated its 40th edition with the biggest crowd in its history and a goodbye to its director.

On Sunday evening the director told the crowd that this would be her last festival in charge.

Traffic queues stretched back to the motorway on Saturday, the campsite sold out of firewood and, organisers said, 56,500 people attended in all.
""".strip()),
    # A why question asked of a year: its reason need not repeat the question's verb.
    "water-2022.md": report("Lakewater to put bills up 6.8% from April", "Harbour Wire", "2022-02-14", """
Lakewater will put household water bills up by 6.8% from April, the company said on Monday.
""".strip()),
    "water-2023.md": report("Lakewater confirms 11.2% rise in household water bills", "Harbour Wire", "2023-02-20", """
Lakewater confirmed on Monday that household water bills will rise by 11.2% from April.

Lakewater blamed the rise on higher energy and chemical costs.
""".strip()),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("steps-between"), ARTICLES, embedder)


def test_what_happened_between_two_events_is_the_timeline_between_them(assistant):
    answer = assistant.ask("What happened at Orvel between the K3 recall and Hale's appointment?", as_of="2023-06-30")
    text = strip_markers(answer.text)
    assert not answer.refused
    for day in ("27 October 2022", "2 December 2022", "19 January 2023", "6 June 2023"):
        assert day in text, day
    assert "15 February 2022" not in text  # the sales report before the recall is no step of it
    assert text.index("27 October 2022") < text.index("6 June 2023")


def test_a_cost_estimate_over_time_starts_at_the_first_estimate(assistant):
    answer = assistant.ask("How did the Westline cost estimate change over time?", as_of="2025-06-30")
    text = strip_markers(answer.text)
    assert "22 June 2021" in text and "expected to cost 4.2 billion crowns" in text
    assert text.index("4.2 billion crowns") < text.index("6.9 billion crowns")


def test_a_winner_of_a_year_no_report_covers_is_a_near_miss(assistant):
    answer = assistant.ask("Who won the 2019 Ardo Marathon?", as_of="2025-06-30")
    assert answer.refused
    assert "fewer than in 2019" not in answer.text


def test_a_winner_told_without_the_word_won_is_still_an_answer(assistant):
    answer = assistant.ask("Who won the Lenn Prize in 2022?", as_of="2025-06-30")
    assert not answer.refused
    assert "Ruben Sall" in strip_markers(answer.text)


def test_a_reason_need_not_repeat_the_verb_of_a_why_question(assistant):
    answer = assistant.ask("why did Lakewater put bills up 11.2% in 2023", as_of="2023-06-01")
    assert not answer.refused
    assert "higher energy and chemical costs" in answer.text


def test_how_many_times_and_when_is_told_by_each_occasion(assistant):
    answer = assistant.ask("how many times did Orvel's chief executive change in 2023 and when", as_of="2023-12-31")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "19 January 2023" in text and "6 June 2023" in text
    assert "27 October 2022" not in text  # the recall, the year before


def test_a_crowd_over_the_years_is_told_by_each_reports_figure(assistant):
    answer = assistant.ask("How has Lakeside Festival attendance moved since 2021?", as_of="2024-01-01")
    text = strip_markers(answer.text)
    for figure in ("12,000", "41,000", "56,500"):
        assert figure in text, text
    assert text.index("12,000") < text.index("56,500")

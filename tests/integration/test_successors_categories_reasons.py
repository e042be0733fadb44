"""Successors, award categories, race categories, reasons and a storm's own figure, as news writes
them. On a real index of made-up dated reports:

- "Who took over after X retired?" is answered by the departure report's line naming the successor
  ("He will be succeeded by …"), not refused for sharing few words with the question, and an
  "interim report" is no interim chief;
- "Why did X step down?" is answered by "is leaving to become …"; "What caused …?" by a later
  report's outright cause; "Why did … take so long?" by the line after the event ("It was
  interrupted … when the judge fell ill");
- "Best Film" does not answer "Best Actor"; an award the articles do not report is refused;
- "the women's race" does not answer "the mens race" typed without an apostrophe;
- a storm's latest estimate is its own, not the season's total that lists it among others, and a
  figure "published in January" is the earlier figure's day, not the report's;
- "Who is X now?" quotes the appointment with the line that names the new holder;
- "Who runs X now?" is led by "She will be succeeded by …", which names the successor; a delay's
  cause ("interrupted … when a crane collapsed") answers a question about lateness only, not "Why was
  the bridge closed?";
- a figure asked of a measure no report names (the unemployment rate) is refused, not answered by the
  key rate or a growth forecast, which still answer their own questions."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "ceo.md": report("Orvik Foods chief to retire", "Trade Daily", "2024-02-20",
                     "Orvik Foods said on Tuesday that its chief executive, Pavel Lindgren, 61, would retire as "
                     "chief executive at the end of April after nine years in charge.\n\n"
                     "He will be succeeded on 1 May by the company's finance director, Mirja Kallas.\n\n"
                     "Shares in the snack maker rose 2% on the news.\n\n"
                     "Lindgren said he was proud of what the company had achieved."),
    "plant.md": report("Dunmere chemical plant boss resigns after inspection", "Northern Post", "2024-06-12",
                       "Tomas Haber resigned as chief executive of Dunmere Chemicals on Wednesday, hours after the "
                       "safety regulator published its interim report into the explosion at the Ravel plant.\n\n"
                       "The report said maintenance logs had been falsified for two years.\n\n"
                       "The board appointed operations director Sanna Quist as interim chief executive while it "
                       "searches for a permanent replacement.\n\n"
                       "Unions said the resignation was overdue."),
    "explosion.md": report("Explosion at Ravel chemical plant", "Northern Post", "2024-03-04",
                           "An explosion tore through a storage hall at the Ravel chemical plant near Dunmere on "
                           "Sunday night.\n\n"
                           "Nobody was killed, but six workers were treated for burns.\n\n"
                           "The company said it was too early to say what had happened."),
    "cause.md": report("Regulator's findings on Ravel blast", "Chemical Week", "2024-06-11",
                       "Inspectors found that the storage hall at the Ravel plant exploded because a cooling pump "
                       "had been left switched off during a shift change.\n\n"
                       "The regulator will decide on penalties later this year."),
    "dean.md": report("Corran College dean to step down", "Campus News", "2024-05-02",
                      "Professor Ilse Markov has resigned as dean of Corran College after seven years.\n\n"
                      "Professor Markov is leaving to become director of the National Archive, the college said.\n\n"
                      "She will leave Corran at the end of July."),
    "trial.md": report("Former port chief jailed", "Coast Courier", "2024-09-20",
                       "Alvar Renko, the former head of the port authority, was jailed for five years on Friday "
                       "for fraud.\n\n"
                       "The trial lasted 14 months rather than the four originally planned.\n\n"
                       "It was interrupted for three months when the presiding judge fell seriously ill.\n\n"
                       "Renko's lawyers said they would appeal."),
    "awards.md": report("Harbour Lights wins at the 40th Vela Awards", "Screen Weekly", "2024-03-10",
                        "Mira Sol's drama \"Harbour Lights\" won Best Film at the 40th Vela Awards on Saturday.\n\n"
                        "Sol also won Best Director.\n\n"
                        "Jonas Eklund won Best Actor for his role as a ferry captain in \"Harbour Lights\".\n\n"
                        "Best Actress went to Dana Roos for \"Salt Year\"."),
    "race.md": report("Kessler and Amari win the Brenmouth Marathon", "Run Report", "2024-04-14",
                      "Ruth Kessler won the women's race at the Brenmouth Marathon in 2:24:10, breaking a course "
                      "record that had stood since 2016.\n\n"
                      "Tarik Amari won the men's race in 2:09:02 after a sprint on the harbour front.\n\n"
                      "Both winners were running the race for the first time."),
    "storms-1.md": report("Storm Ilsa damage put at 120 million", "Insurance Times", "2024-01-22",
                          "Insurers gave a first damage estimate for Storm Ilsa of 120 million euros, the largest "
                          "of the winter so far.\n\n"
                          "Ilsa brought gusts of up to 150 km/h to the west coast."),
    "storms-2.md": report("Winter storms cost insurers 300 million", "Insurance Times", "2024-04-05",
                          "Three named storms - Greta, Hanno and Ilsa - caused an estimated 300 million euros of "
                          "damage this winter, insurers said.\n\n"
                          "The insurers' estimate for Storm Ilsa has been raised to 165 million euros from the "
                          "120 million euros published in January, after repairs to the coast road.\n\n"
                          "The figures for the other two storms are unchanged."),
    "vc-1.md": report("Tarrow University head to leave", "Campus News", "2023-10-03",
                      "Professor Elin Varga has resigned as vice-chancellor of Tarrow University after eight "
                      "years.\n\n"
                      "The provost, Professor Ivo Brandt, will serve as interim vice-chancellor from 1 November."),
    "vc-2.md": report("Tarrow names new vice-chancellor", "Campus News", "2024-05-14",
                      "Tarrow University's council on Monday appointed Professor Noor Haddad, currently deputy "
                      "rector of Ostland University, as its next vice-chancellor.\n\n"
                      "She will take up the post on 1 August 2024, succeeding the interim vice-chancellor.\n\n"
                      "Student leaders said they hoped the new vice-chancellor would freeze fees."),
    "steel.md": report("Hollan Steel chief to retire", "Trade Journal", "2025-01-15",
                       "Hollan Steel said on Wednesday that its chief executive, Marta Ilse, 63, would retire at "
                       "the end of March after eleven years in charge.\n\n"
                       "She will be succeeded by the company's finance chief, Tomas Reve, on 1 April.\n\n"
                       "Shares in the steelmaker were unchanged."),
    "steel-q.md": report("Hollan Steel output rises", "Trade Journal", "2025-07-11",
                         "Hollan Steel's production increased 9% in the second quarter, the company said on Friday."),
    "bridge.md": report("Orran Bridge to stay shut", "City Post", "2025-05-02",
                        "The Orran Bridge will stay closed until the autumn, the city said.\n\n"
                        "Repairs to the bridge were interrupted in March when a crane collapsed on the deck.\n\n"
                        "Inspectors found that the Orran Bridge had to close because corrosion had weakened its main "
                        "cables."),
    "rovers.md": report("Rovers manager leaves", "Sports Desk", "2025-09-03",
                        "[Home](/) | [News](/news) | [Sport](/sport)\n\n"
                        "Redmoor Rovers manager Colm Dane has left the club after five years, Rovers said on "
                        "Tuesday.\n\n"
                        "Assistant coach Fia Lorne would lead the team on an interim basis, the club said.\n\n"
                        "Dane won the league cup in May."),
    "foods.md": report("Dorran Foods chief quits", "Trade Daily", "2025-03-06",
                       "Paul Sant resigned as chief executive of Dorran Foods on Thursday after four years in the "
                       "role.\n\n"
                       "The board appointed chief operating officer Ines Varga as interim chief executive while it "
                       "searches for a permanent successor."),
    "outlook.md": report("Norland economy to grow 1.2% next year", "Money Daily", "2024-12-18",
                         "The Norland Economic Institute expects growth of 1.2% in 2025, helped by lower interest "
                         "rates and rising real wages.\n\n"
                         "The central bank cut its key rate to 3.5% last month, its second cut this year.\n\n"
                         "Last month it also said it would review its inflation target."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("successors"), ARTICLES, embedder)


def _first(answer) -> str:
    return strip_markers(answer.text).split(". ")[0]


@pytest.mark.parametrize("question,as_of,named,not_named", [
    ("Who took over as Orvik Foods' chief executive after Pavel Lindgren retired?", "2024-06-01",
     "Mirja Kallas", "would retire"),
    # the departure line names an "interim report": no interim chief
    ("Who took over at Dunmere Chemicals after Tomas Haber resigned?", "2024-07-01", "Sanna Quist", "Tomas Haber"),
])
def test_who_took_over_is_answered_by_the_successor(assistant, question, as_of, named, not_named):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert named in _first(answer), answer.text
    assert not_named not in _first(answer), answer.text


@pytest.mark.parametrize("question,as_of,reason", [
    ("Why did Ilse Markov step down as dean of Corran College?", "2024-06-01", "leaving to become director"),
    ("What caused the explosion at the Ravel chemical plant?", "2024-07-01", "cooling pump had been left"),
    ("why did the Renko trial take so long", "2024-10-01", "when the presiding judge fell seriously ill"),
])
def test_a_why_is_answered_by_the_reason(assistant, question, as_of, reason):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert reason in strip_markers(answer.text), answer.text


def test_another_award_category_does_not_answer(assistant):
    answer = assistant.ask("Who won Best Actor at the 40th Vela Awards?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "Jonas Eklund" in _first(answer), answer.text
    assert "Best Film" not in _first(answer), answer.text
    unreported = assistant.ask("Who won Best Supporting Actress at the 40th Vela Awards?", as_of="2024-06-01")
    assert unreported.refused, unreported.text


def test_the_other_race_category_does_not_answer(assistant):
    answer = assistant.ask("who won the mens race at the 2024 brenmouth marathon", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "Tarik Amari" in _first(answer), answer.text
    assert "Kessler" not in strip_markers(answer.text), answer.text


def test_a_storms_latest_estimate_is_its_own_not_the_seasons(assistant):
    answer = assistant.ask("What is the latest damage estimate for Storm Ilsa?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    assert "165 million euros" in answer.text.split("[1]")[0], answer.text
    assert "300 million" not in answer.text, answer.text


def test_who_holds_the_post_now_names_the_new_holder(assistant):
    answer = assistant.ask("who is tarrow university's vice-chancellor now", as_of="2024-12-01")
    assert not answer.refused, answer.text
    assert "Noor Haddad" in answer.text, answer.text
    assert answer.text.index("Noor Haddad") < answer.text.index("[1]"), answer.text


def test_a_measure_no_report_names_is_refused(assistant):
    answer = assistant.ask("What is Norland's current unemployment rate?", as_of="2025-01-10")
    assert answer.refused, answer.text
    rate = assistant.ask("What is Norland's key rate now?", as_of="2025-01-10")
    assert not rate.refused, rate.text
    assert "3.5%" in rate.text, rate.text


def test_the_successor_line_leads_who_runs_it_now(assistant):
    answer = assistant.ask("Who runs Hollan Steel now?", as_of="2025-08-01")
    assert not answer.refused, answer.text
    assert "Tomas Reve" in strip_markers(answer.text).split(". ")[0], answer.text


def test_a_delays_cause_does_not_answer_why_something_closed(assistant):
    answer = assistant.ask("Why was the Orran Bridge closed?", as_of="2025-06-01")
    assert not answer.refused, answer.text
    assert "corrosion" in _first(answer), answer.text


@pytest.mark.parametrize("question,as_of,named", [
    ("Who took over from Colm Dane at Redmoor Rovers?", "2025-10-01", "Fia Lorne"),
    ("Who succeeded Colm Dane at Redmoor Rovers?", "2025-10-01", "Fia Lorne"),
    ("Who is running Dorran Foods since Paul Sant quit?", "2025-04-01", "Ines Varga"),
])
def test_a_successor_asked_in_other_words(assistant, question, as_of, named):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert named in _first(answer), answer.text
    assert "[Home]" not in answer.text, answer.text


def test_a_measure_no_report_names_is_refused_without_now_too(assistant):
    answer = assistant.ask("What is Norland's unemployment rate?", as_of="2025-01-10")
    assert answer.refused, answer.text

""""Latest" and timeline answers on dated news: a retrospective's line about a prize's first winner
or its founding is no latest winner, "each year since" asks a timeline, who took over after a
sacking is the caretaker the report names, a contract "until" a later year does not put the
appointment in that year, a forecast is no month's figure, a price asked for one group (children)
is refused when no article gives it, and "the latest status" of a case is answered though the
archive never writes "status". On a real index of made-up dated reports."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # A short-story prize: two winners' reports, then a retrospective of its history.
    "cup-1.md": report("Kelvin Cup goes to Rosa Marr", "Valley Courier", "2023-09-14",
                       "Rosa Marr won the 2023 Kelvin Cup for short fiction on Thursday for her collection Paper "
                       "Harbours.\n\nThe cup is worth 10,000 euros."),
    "cup-2.md": report("Idris Vell takes Kelvin Cup", "Northern Wire", "2024-09-12",
                       "Idris Vell won the 2024 Kelvin Cup for short fiction on Thursday for Coal Lanterns, his stories about a "
                       "mining town.\n\nThe judges praised the book's humour.\n\n\"I never expected this,\" said Vell, who took "
                       "charge of the town library in 2019."),
    "cup-3.md": report("Thirty years of the Kelvin Cup", "Coastal Gazette", "2024-09-20",
                       "The Kelvin Cup for short fiction, founded in 1994 by the bookseller Anna Kelvin, has now been "
                       "awarded thirty times.\n\nIts first winner was Oskar Brandt, for Lamp Street.\n\n"
                       "The cup was then worth 1,000 euros."),
    # A club sacks its coach; an assistant takes charge as caretaker; a permanent coach follows.
    "fen-1.md": report("Fenwick Town sack coach Aldo Preiss", "Valley Courier", "2024-03-04",
                       "Fenwick Town have sacked coach Aldo Preiss after six straight defeats, the club said on "
                       "Monday.\n\nAssistant coach Mira Sallow will take charge of the team as caretaker coach until "
                       "a permanent successor is found.\n\nPreiss joined the club in 2021."),
    "fen-2.md": report("Sallow wins first game as Fenwick caretaker", "Northern Wire", "2024-03-11",
                       "Mira Sallow won her first match in charge of Fenwick Town on Saturday, a 3-1 win at Orford."
                       "\n\nSallow, who was named caretaker coach after Aldo Preiss was sacked last week, said the "
                       "players had responded well."),
    "fen-3.md": report("Fenwick Town appoint Jon Abaro", "Coastal Gazette", "2024-04-18",
                       "Fenwick Town have appointed Jon Abaro as their permanent coach on a deal until 2027, the club "
                       "said on Thursday.\n\nAbaro, 39, previously coached Orford."),
    # A town's mayor resigns; a by-election winner beats the acting mayor.
    "pel-1.md": report("Pelham mayor resigns", "Valley Courier", "2024-05-06",
                       "Pelham mayor Joan Pike resigned on Monday, citing ill health.\n\n"
                       "Deputy mayor Carl Wendt was named acting mayor until a by-election."),
    "pel-2.md": report("Nurse wins Pelham by-election", "Northern Wire", "2024-07-08",
                       "Nurse Lena Ortiz won the race for mayor of Pelham on Sunday with 52 percent "
                       "of the vote, officials said.\n\nOrtiz beat acting mayor Carl Wendt, who took 30 percent."),
    # Floods drive people from their homes; one report only forecasts how many more may have to leave.
    "tane-1.md": report("Tane floods force 1,200 from homes", "Valley Courier", "2024-11-04",
                        "Floods along the River Tane have forced 1,200 people from their homes, the regional "
                        "government said on Monday.\n\nSchools in the lower valley are closed."),
    "tane-2.md": report("Tane floods spread downstream", "Northern Wire", "2024-11-06",
                        "The Tane floods have spread downstream, and two thousand residents have now been told to "
                        "leave, officials said on Wednesday.\n\nOn Monday 1,200 people had been evacuated."),
    "tane-3.md": report("More rain forecast for the Tane", "Coastal Gazette", "2024-11-07",
                        "The River Tane could rise another metre and force up to 10,000 people from their homes if the "
                        "rain continues, forecasters warned on Thursday."),
    "tane-4.md": report("Tane waters begin to fall", "Valley Courier", "2024-11-09",
                        "Officials said on Saturday that 3,400 people evacuated because of the Tane floods were in "
                        "emergency shelters.\n\nThe water has begun to fall."),
    # Monthly figures of a waiting list, the last report with a forecast.
    "ward-1.md": report("Orwell surgery list grows", "Valley Courier", "2025-03-12",
                        "The number of people waiting for planned surgery in the Orwell region was 18,400 at the end "
                        "of February, the health authority said."),
    "ward-2.md": report("Orwell surgery list grows again", "Northern Wire", "2025-04-10",
                        "The number of people waiting for planned surgery in the Orwell region was 18,900 at the end "
                        "of March, the health authority said.\n\n"
                        "The authority expects the list to fall below 17,000 by the end of the summer."),
    # Adult fares only.
    "tram-1.md": report("Brackley tram fare to rise", "Coastal Gazette", "2025-01-10",
                        "A single tram fare in Brackley will rise to 3 euros from March, the operator said on Friday."
                        "\n\nA monthly pass will cost 60 euros.\n\nThe operator said Brackley would keep its fares "
                        "above those of Dunmore, where a single tram ticket has cost 2 euros since May."),
    # A fraud case: arrest, then a verdict with sentencing to come.
    "holm-1.md": report("Council treasurer arrested", "Valley Courier", "2025-02-04",
                        "Police arrested Petra Holm, a former council treasurer, on suspicion of fraud on Monday."),
    "holm-2.md": report("Holm found guilty", "Northern Wire", "2025-06-10",
                        "A court on Tuesday found Petra Holm, the former council treasurer, guilty of fraud.\n\n"
                        "The judge said sentencing would take place in July."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("dated-kinds"), ARTICLES, embedder)


def _lead(answer) -> str:
    return strip_markers(answer.text).split("Earlier report")[0]


@pytest.mark.parametrize("question", ["Who is the most recent winner of the Kelvin Cup?",
                                      "Who is the latest winner of the Kelvin Cup?"])
def test_the_latest_winner_is_not_a_retrospective_s_first_winner(assistant, question):
    answer = assistant.ask(question, as_of="2024-10-01")
    assert not answer.refused, answer.text
    assert "Idris Vell won the 2024 Kelvin Cup" in _lead(answer) and "Oskar Brandt" not in answer.text, answer.text


def test_each_year_since_asks_each_winner_in_turn(assistant):
    answer = assistant.ask("Who has won the Kelvin Cup each year since 2023?", as_of="2024-10-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert text.index("Rosa Marr won") < text.index("Idris Vell won"), text
    assert "Oskar Brandt" not in text and "founded in 1994" not in text, text


def test_who_is_in_charge_names_the_caretaker_with_the_post(assistant):
    answer = assistant.ask("Who is currently in charge of Fenwick Town?", as_of="2024-03-20")
    assert not answer.refused, answer.text
    lead = _lead(answer)
    assert "Sallow" in lead and "caretaker coach" in lead, answer.text


def test_who_holds_a_post_is_not_swapped_for_a_line_naming_someone_else_s_post(assistant):
    answer = assistant.ask("Who is the mayor of Pelham now?", as_of="2024-08-01")
    assert not answer.refused, answer.text
    assert "Nurse Lena Ortiz won the race" in _lead(answer), answer.text


def test_who_took_over_after_a_sacking_is_the_caretaker_not_the_sacked(assistant):
    answer = assistant.ask("Who took charge of Fenwick Town as caretaker coach after Aldo Preiss was sacked?")
    assert not answer.refused, answer.text
    assert "Mira Sallow will take charge" in answer.text, answer.text


def test_an_appointment_on_a_deal_until_a_later_year_is_a_step_of_its_own_year(assistant):
    answer = assistant.ask("How did the coaching of Fenwick Town change in 2024?", as_of="2024-06-01")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "sacked coach Aldo Preiss" in text and "appointed Jon Abaro" in text, text


def test_a_count_of_people_evacuated_is_told_in_any_words_and_a_forecast_is_no_step(assistant):
    answer = assistant.ask("How did the number of people evacuated because of the Tane floods change?",
                           as_of="2024-11-15")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    for step in ("forced 1,200 people", "two thousand residents", "3,400 people"):
        assert step in text, (step, text)
    assert text.index("1,200") < text.index("two thousand") < text.index("3,400"), text
    assert "10,000" not in text, text


def test_a_forecast_is_not_a_later_month_s_figure(assistant):
    answer = assistant.ask("What was the Orwell surgery waiting list at the end of April 2025?")
    assert "17,000" not in answer.text, answer.text
    assert "18,900" not in answer.text or "March" in answer.text, answer.text  # a near miss names what it has


def test_a_price_for_a_group_no_article_prices_is_refused(assistant):
    answer = assistant.ask("What is the single tram fare in Brackley for children?")
    assert answer.refused or "children" in answer.text, answer.text
    assert not any(f in answer.text for f in ("3 euros", "60 euros", "2 euros")), answer.text


def test_the_words_asking_for_the_state_of_things_are_no_unknown_subject(assistant):
    # "latest", "status" and "case" are in no article; only "case" is what the question is about.
    from rag.answering.extractive import unknown_share
    from rag.question import read

    shares = []
    for question in ("What is the latest status of the Petra Holm case?", "What is the Petra Holm case?"):
        query = read(question, (), "2025-06-20")
        passages = assistant.retriever.retrieve(query, k=5)
        stats = assistant.retriever.corpus_stats(query, passages)
        shares.append(unknown_share(question, stats))
    assert shares[0] == pytest.approx(shares[1]) and 0 < shares[0] < 1, shares


def test_the_latest_status_of_a_case_is_its_newest_report(assistant):
    answer = assistant.ask("What is the latest status of the Petra Holm case?", as_of="2025-06-20")
    assert not answer.refused, answer.text
    assert "guilty of fraud" in _lead(answer), answer.text

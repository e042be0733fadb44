"""Which time a report is about: a season written as two years running ("2020-21") is one edition,
not every day of both years ("2020-21" and "2021-22" share 2021 and are still two seasons,
`times.same_time`); a record's anchor ("the highest since 1998"), or a time in a clause about
someone ("the epidemiologist whose studies of last year's heatwave"), is not the time of the news."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.question.times import DateRange, find_times, is_season, same_time

D = dt.date


def only_time(text: str) -> DateRange:
    (_, found), = find_times(text, D(2025, 4, 15), "question")
    return found


@pytest.mark.parametrize(("asked", "given", "same"), [
    ("the 2020-21 title", "the 2021-22 title", False),
    ("the 2021-22 season", "the 2021-22 title", True),
    ("the 2019/20 season", "the 2019/20 campaign", True),
    ("the 2020-21 season", "in 2021", True),  # a year may be either season's: not ruled out
    ("between 2019 and 2022", "the 2021-22 title", True),  # a period, not a season
])
def test_a_season_is_the_same_time_only_as_itself(asked, given, same):
    assert same_time(only_time(given), only_time(asked)) is same


@pytest.mark.parametrize(("text", "season"), [("the 2020-21 title", True), ("the 2019/2020 season", True),
                                              ("between 2019 and 2022", False), ("2019-2023", False)])
def test_what_reads_as_a_season(text, season):
    assert is_season(only_time(text)) is season


# A record's anchor ("the highest since 1998") and an earlier figure compared ("up from 66.8 per cent
# at the last election in 2019") are not the time of the news: the report's day is.
@pytest.mark.parametrize(("question", "ok"), [
    ("What was the final turnout in the 2023 general election?", True),
    ("What was turnout in 1998?", False),
])
def test_a_records_anchor_is_not_the_time_of_the_news(question, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = ("The Electoral Commission has published the final turnout figure: 71.3 per cent, up from 66.8 per "
                "cent at the last election in 2019 and the highest since 1998.")
    check = check_evidence(constraints_of(question, D(2024, 1, 1)), sentence, sentence, "Election night",
                           D(2023, 10, 15))
    assert check.satisfied is ok


@pytest.mark.parametrize(("sentence", "ok"), [
    # "last year" in a relative clause after an apposition is background to the prize won this year
    ("Ann Roe, the epidemiologist whose studies of last year's record heatwave changed how the country prepares "
     "for heat, has won the Halvard Prize.", False),
    ("Last year's prize went to the chemist Ida Lee for her work on batteries.", True),
])
def test_a_time_in_a_clause_about_someone_is_not_the_news(sentence, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    check = check_evidence(constraints_of("Who won the Halvard Prize in 2022?", D(2025, 4, 15)), sentence, sentence,
                           "Prize announced", D(2023, 11, 23))
    assert check.satisfied is ok


@pytest.mark.parametrize(("question", "ok"), [
    # (Asked of 2021, the comparison's time is the asked one, and counts.)
    ("Who won the women's race at the 2022 Lindhaven Marathon?", True),
])
def test_the_time_of_a_result_bettered_is_not_the_news(question, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = ("In the women's race, Mia Eske retained her title in 2:27:51, taking 1 minute 24 seconds off her "
                "winning time from last year.")
    check = check_evidence(constraints_of(question, D(2022, 11, 1)), sentence, sentence, "Marathon", D(2022, 10, 17))
    assert check.satisfied is ok


@pytest.mark.parametrize(("question", "ok"), [
    ("What was the attendance at the 2023 Lakeside Festival?", True),
    ("What was the attendance at the 2019 Lakeside Festival?", False),
])
def test_the_times_of_figures_beaten_are_not_the_news(question, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = ("Organisers said 56,500 people attended over the three days, beating last year's 41,000 and the "
                "previous record of 52,000 set in 2018.")
    check = check_evidence(constraints_of(question, D(2025, 6, 30)), sentence, sentence, "Lakeside Festival",
                           D(2023, 8, 21))
    assert check.satisfied is ok


@pytest.mark.parametrize(("qualifier", "ok"), [("men's", True), ("women's", False)])
def test_a_race_told_unmarked_beside_the_womens_is_the_mens(qualifier, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = "Jon Kettle won the 41st Lindhaven Marathon on Sunday in 2 hours 10 minutes 58 seconds."
    article = f"{sentence}\n\nIn the women's race, Mia Eske retained her title in 2:27:51."
    check = check_evidence(constraints_of(f"Who won the {qualifier} race at the 2022 Lindhaven Marathon?", D(2022, 11, 1)),
                           sentence, sentence, "Marathon", D(2022, 10, 17), name_places=("Sportline", article))
    assert check.satisfied is ok


@pytest.mark.parametrize(("published", "start"), [
    (D(2023, 9, 11), D(2023, 9, 9)),   # a Monday's report: the weekend just past
    (D(2023, 9, 12), D(2023, 9, 9)),   # a Tuesday's
    (D(2023, 9, 14), D(2023, 9, 16)),  # a Thursday's: the weekend ahead
])
def test_a_reports_this_weekend_is_the_one_just_past_early_in_the_week(published, start):
    (_, found), = find_times("The fair set an attendance record this weekend.", published, "evidence")
    assert (found.start, found.end) == (start, start + dt.timedelta(days=1))


@pytest.mark.parametrize(("question", "ok"), [
    # "whose first-quarter net profit fell": the clause's time is the asked measure's, not background
    ("What was Tarn Telecom's net profit in the third quarter of 2024?", False),
    ("What was Tarn Telecom's net profit in the first quarter of 2024?", True),
])
def test_a_time_in_a_whose_clause_is_the_measures_it_names(question, ok):
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = ("The bid follows a difficult year for Tarn Telecom, whose first-quarter net profit fell 22% to 39 "
                "million crowns as it lost customers.")
    check = check_evidence(constraints_of(question, D(2025, 1, 1)), sentence, sentence, "Takeover bid for Tarn",
                           D(2024, 8, 21))
    assert check.satisfied is ok


def test_a_whose_clause_without_the_measures_figure_stays_background():
    from rag.answering.evidence import check_evidence
    from rag.question import constraints_of

    sentence = "Vallo Bank, whose 2023 profit forecast was cut twice, reported net profit of 410 million kesta for 2022."
    check = check_evidence(constraints_of("What was Vallo Bank's net profit in 2023?", D(2025, 1, 1)), sentence, sentence,
                           "Vallo results", D(2023, 3, 1))
    assert not check.satisfied

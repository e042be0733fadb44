"""A test per row of `rag.question.cues`, read through `rag.question` and the evidence check as the product reads them.

Relative times are resolved against AS_OF, a Wednesday.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.evidence import check_evidence
from rag.question import constraints_of, plain, read
from rag.question.constraints import events_between
from rag.question import cues as tables
from rag.question.times import stated_times, text_times

AS_OF = dt.date(2024, 5, 15)
D = dt.date

# Row name → (question, expected (start, end, granularity) of its one time).
TIME_CASES = {
    "season": ("What did the band release last summer?", (D(2023, 6, 1), D(2023, 8, 31), "month")),
    "period_to": ("What did the firm earn in the three months ended June 30, 2023?",
                  (D(2023, 4, 1), D(2023, 6, 30), "quarter")),
    "iso_date": ("What happened on 2023-11-07?", (D(2023, 11, 7), D(2023, 11, 7), "day")),
    "month_day_year": ("What did the court rule on March 3, 2022?", (D(2022, 3, 3), D(2022, 3, 3), "day")),
    "day_month_year": ("Who spoke on 21st of June 2021?", (D(2021, 6, 21), D(2021, 6, 21), "day")),
    "year_range": ("Who led the league in the 2019-20 season?", (D(2019, 1, 1), D(2020, 12, 31), "span")),
    "between_years": ("How many strikes were there between 2015 and 2018?", (D(2015, 1, 1), D(2018, 12, 31), "span")),
    "since_year": ("How much has the price risen since 2020?", (D(2020, 1, 1), AS_OF, "span")),
    "decade": ("Which band topped the charts in the 1990s?", (D(1990, 1, 1), D(1999, 12, 31), "decade")),
    "quarter_code": ("What profit did the bank report in Q1 2021?", (D(2021, 1, 1), D(2021, 3, 31), "quarter")),
    "year_quarter_code": ("How did sales do in 2022 Q4?", (D(2022, 10, 1), D(2022, 12, 31), "quarter")),
    "year_quarter_words": ("What was 2020's third-quarter revenue?", (D(2020, 7, 1), D(2020, 9, 30), "quarter")),
    "quarter_words": ("What did the carmaker earn in the second quarter of 2019?",
                      (D(2019, 4, 1), D(2019, 6, 30), "quarter")),
    "half_code": ("How many homes were sold in H2 2023?", (D(2023, 7, 1), D(2023, 12, 31), "half")),
    "half_words": ("What was inflation in the first half of 2022?", (D(2022, 1, 1), D(2022, 6, 30), "half")),
    "year_part": ("What was the tunnel expected to cost at the start of 2023?", (D(2023, 1, 1), D(2023, 12, 31), "year")),
    # a month's part is asked of its month as evidence; its days decide the day a level is asked of
    "month_part": ("What was the offer at the beginning of September 2024?", (D(2024, 9, 1), D(2024, 9, 30), "month")),
    "month_year": ("Who won the vote in November 2020?", (D(2020, 11, 1), D(2020, 11, 30), "month")),
    "month_day": ("What happened on April 9?", (D(2024, 4, 9), D(2024, 4, 9), "day")),
    "day_month": ("What was announced on 30 June?", (D(2023, 6, 30), D(2023, 6, 30), "day")),
    "relative_day": ("What did the minister say yesterday?", (D(2024, 5, 14), D(2024, 5, 14), "day")),
    "units_ago": ("What was agreed two weeks ago?", (D(2024, 4, 29), D(2024, 5, 5), "week")),
    "past_units": ("How many people were arrested in the past three days?", (D(2024, 5, 12), AS_OF, "span")),
    "past_unit": ("What has the council decided over the past month?", (D(2024, 4, 15), AS_OF, "span")),
    "this_last_next": ("Who resigned last week?", (D(2024, 5, 6), D(2024, 5, 12), "week")),
    "recently": ("What did the regulator recently announce?", (D(2024, 2, 15), AS_OF, "span")),
    "earlier_this": ("What was decided earlier this month?", (D(2024, 5, 1), AS_OF, "month")),
    "weekday": ("What did the union say on Monday?", (D(2024, 5, 13), D(2024, 5, 13), "day")),
    "month_alone": ("Who was elected in September?", (D(2023, 9, 1), D(2023, 9, 30), "month")),
    "year": ("Who won the 2019 final?", (D(2019, 1, 1), D(2019, 12, 31), "year")),
}


@pytest.mark.parametrize("question,day", [("Who was the club's coach at the end of 2022?", D(2022, 12, 16)),
                                          ("Who was the finance minister in early 2021?", D(2021, 2, 14)),
                                          ("Who was the finance minister in late 2021?", D(2021, 11, 15))])
def test_a_holder_asked_at_a_part_of_a_year_is_asked_of_a_day_in_that_part(question, day):
    constraints = constraints_of(question, AS_OF)
    assert constraints.held_at == day
    # Evidence is asked of the whole year: what held at its start is often told later in it.
    (asked,) = constraints.times
    assert (asked.start, asked.end) == (D(day.year, 1, 1), D(day.year, 12, 31))


def test_since_a_years_event_is_since_that_year():
    (asked,) = constraints_of("How has attendance moved since the 2020 cancellation?", AS_OF).times
    assert (asked.start, asked.end, asked.granularity) == (D(2020, 1, 1), AS_OF, "span")


@pytest.mark.parametrize("question,end", [("What happened to the budget up to the end of 2022?", D(2022, 12, 31)),
                                          ("How did the crowds change until 2021?", D(2021, 12, 31)),
                                          ("walk me through the waiting times, as of early 2024", D(2024, 3, 31))])
def test_up_to_a_time_is_everything_before_it(question, end):
    (asked,) = constraints_of(question, AS_OF).times
    assert asked.granularity == "span" and asked.start.year < 1900 and asked.end == end


def test_as_of_a_time_is_that_time_in_a_question_not_asking_steps():
    (asked,) = constraints_of("What was the interest rate as of March 2023?", AS_OF).times
    assert (asked.start, asked.end) == (D(2023, 3, 1), D(2023, 3, 31))


def test_role_acronyms_are_no_names():
    assert constraints_of("Give me the history of Norrvik Telecom's CEOs", AS_OF).names == ("Norrvik Telecom",)


def test_every_time_pattern_has_a_case():
    assert {p.name for p in tables.TIME_PATTERNS} == set(TIME_CASES)


@pytest.mark.parametrize("pattern", tables.TIME_PATTERNS, ids=lambda p: p.name)
def test_time_pattern(pattern):
    question, (start, end, granularity) = TIME_CASES[pattern.name]
    assert pattern.regex.search(question), f"{pattern.name} does not match its example"
    times = constraints_of(question, AS_OF).times
    assert [(t.start, t.end, t.granularity) for t in times] == [(start, end, granularity)], times


LATEST_CASES = {
    "latest": "What is the latest death toll?",
    "most_recent": "What is the most recent estimate of the damage?",
    "now": "Who leads the party now?",
    "currently": "Who is currently in charge of the inquiry?",
    "at_the_moment": "Who is managing the club at the moment?",
    "so_far": "How many ballots have been counted so far?",
    "still": "Is the border still closed?",
    "yet": "Has the company named a new chief yet?",
    "updated": "What is the revised toll from the earthquake?",
    "final": "What was the final death toll of the earthquake?",
    "reigning": "Who is the reigning national chess champion?",
    "record": "What is the festival's attendance record?",
}


@pytest.mark.parametrize("question,latest", [
    # A title's reigning or defending holder is its latest winner; "defending" a record or a
    # position is no title.
    ("Who are the defending champions?", True),
    ("who is the reigning world title holder", True),
    ("Who was defending the bridge?", False),
    ("Who beat the defending champions in the 2019 final?", False),
    ("Who won the 2023 championship?", False),
])
def test_a_reigning_or_defending_champion_is_the_latest(question, latest):
    assert constraints_of(question, AS_OF).latest is latest


@pytest.mark.parametrize("question,latest", [
    # "final" before a figure asks the last one reported, as "latest" does.
    ("What was the final death toll of the Tarvia earthquake?", True),
    ("What is the final tally of votes?", True),
    ("What was the storm's final count of damaged homes?", True),
    ("What was the final result of the recount?", True),
    ("What are the updated casualty figures?", True),
    # "final" as a noun, a stage or part of a name asks no latest figure.
    ("Which teams reached the Final Four?", False),
    ("Who won the cup final?", False),
    ("How many people watched the final?", False),
    ("What was the score in the final round?", False),
    ("What was the cup final result?", False),
])
def test_final_asks_the_last_figure_reported_not_a_final(question, latest):
    assert constraints_of(question, AS_OF).latest is latest


@pytest.mark.parametrize("question,latest", [
    # A record asked as it stands is the newest one: it stands until a newer one beats it.
    ("What is the festival's attendance record?", True),
    ("What's the women's course record at the marathon?", True),
    ("Who holds the course record?", True),
    ("Which club holds the record for the most titles?", True),
    # One set at a time, a record label or deal, "on the record": no latest.
    ("What was the attendance record in 2019?", False),
    ("Who set the course record?", False),
    ("What is the band's record label?", False),
    ("What is on the record?", False),
    ("What was the club's scoring record in 2019?", False),
    ("What is the record deal worth?", False),
])
def test_a_record_asked_as_it_stands_is_the_newest(question, latest):
    assert constraints_of(question, AS_OF).latest is latest


@pytest.mark.parametrize("name", list(tables.LATEST_CUES))
def test_latest_cue(name):
    question = LATEST_CASES[name]
    assert tables.LATEST_CUES[name].search(question)
    assert constraints_of(question, AS_OF).latest


def test_no_latest_cue_in_a_plain_question():
    assert not constraints_of("Who won the 2019 final?", AS_OF).latest
    assert set(LATEST_CASES) == set(tables.LATEST_CUES)


TIMELINE_CASES = {
    "happened_after": "What happened after the ceasefire was announced?",
    "times_and_when": "How many times has the price cap been cut, and when?",
    "history": "Give me the history of the firm's chief executives",
    "so_far": "price cap changes so far?",
    "how_change": "How did the official casualty figure change?",
    "timeline": "Give me a timeline of the protests.",
    "since_then": "What has the government done since then?",
    "over_time": "How have prices moved over the months?",
    "developments": "What led up to the resignation?",
    "stages": "What happened at each stage of the fraud case?",
    "in_order": "List everyone who has managed the club since 2022 in order.",
    "figure_course": "How did the death toll from the floods rise?",
    "figure_steps": "How has the central bank raised interest rates this year?",
    "each_edition": "Who has won the marathon each year since 2019?",
    "recent_winners": "who has won the tour in recent years?",
    "one_by_one": "How has the rocket done flight by flight since its debut?",
    "trace": "trace the death toll estimates for the july 2022 heatwave",
    "happened_between": "What happened to the ferry company between March 2022 and June 2023?",
    "holders_since": "Who has led the port authority since 2021 and when did it change?",
    "how_since": "How has the government come together since the election?",
    "list_winners": "List the Gold Cup winners",
}


@pytest.mark.parametrize("name", list(tables.TIMELINE_CUES))
def test_timeline_cue(name):
    question = TIMELINE_CASES[name]
    assert tables.TIMELINE_CUES[name].search(question)
    assert constraints_of(question, AS_OF).timeline


@pytest.mark.parametrize("question", ["How did the death toll from the floods rise?",
                                      "How has the number of cases grown since May?",
                                      "How have mortgage rates moved this year?",
                                      "How has the firm's quarterly bottom line moved this year?"])
def test_a_figure_that_rose_fell_or_moved_is_asked_as_a_timeline(question):
    assert constraints_of(question, AS_OF).timeline


@pytest.mark.parametrize("question", ["How did the government fall?", "How did the climber fall?",
                                      "How did they move the statue?", "How did the bank raise rates?",
                                      "How did the ministers stand side by side?", "How long has she led the party since 2019?",
                                      "How many jobs has the firm cut since July?"])
def test_the_manner_of_an_event_is_no_timeline(question):
    assert not constraints_of(question, AS_OF).timeline


@pytest.mark.parametrize("question", ["What happened at the carmaker between the recall and the new chief's appointment?",
                                      "What happened in the dugout between Lee's sacking and Roe's arrival?",
                                      "What happened between the strike and the deal?",
                                      "What happened between Lee being charged and the verdict?"])
def test_what_happened_between_two_events_is_a_timeline(question):
    assert constraints_of(question, AS_OF).timeline
    assert events_between(question) is not None


@pytest.mark.parametrize("question", ["How did the surgery waiting list move from 2022 to 2025?",
                                      "How did the team do between 2021 and 2023?",
                                      "What leadership changes has the broadcaster had since 2022?",
                                      "what rate moves has the bank made since march"])
def test_how_a_thing_fared_over_years_is_a_timeline(question):
    assert constraints_of(question, AS_OF).timeline


def test_no_timeline_cue_in_a_plain_question():
    assert not constraints_of("What happened between the company and its workers?", AS_OF).timeline
    assert not constraints_of("What happened between Ann and Bob?", AS_OF).timeline
    assert not constraints_of("What is the history of the region?", AS_OF).timeline
    assert not constraints_of("How many times has she won?", AS_OF).timeline
    assert not constraints_of("How did the 2022 season end?", AS_OF).timeline
    assert not constraints_of("Who won the 2019 final?", AS_OF).timeline
    assert not constraints_of("What was the worst flood in recent years?", AS_OF).timeline
    assert not constraints_of("Who has won the most titles in recent years?", AS_OF).timeline
    assert not constraints_of("Who has won praise for the reform in recent years?", AS_OF).timeline
    assert not constraints_of("How long does each stage of the race take?", AS_OF).timeline
    assert constraints_of("Which riders have won the Tour of Varn over the last decade?", AS_OF).timeline
    assert constraints_of("Who won the Varn Marathon in each of the past three years?", AS_OF).timeline
    assert constraints_of("What were the stages of the fraud case, from charge to appeal?", AS_OF).timeline
    assert not constraints_of("What happened between the two leaders at the 2024 summit?", AS_OF).timeline
    assert not constraints_of("Police traced the car to a garage in 2023. Who owned it?", AS_OF).timeline
    assert not constraints_of("Who has led the club's attack this season?", AS_OF).timeline
    assert not constraints_of("What happens each year at the harvest festival?", AS_OF).timeline
    assert not constraints_of("What changes did the board make in 2023?", AS_OF).timeline
    assert not constraints_of("Name the winner of the 2023 prize.", AS_OF).timeline
    assert constraints_of("Who has won the marathon each year since 2019?", AS_OF).times[0].granularity == "span"
    assert set(TIMELINE_CASES) == set(tables.TIMELINE_CUES)


@pytest.mark.parametrize("phrase,comparator", list(tables.COMPARATORS.items()))
def test_comparator(phrase, comparator):
    numbers = constraints_of(f"Were {phrase} 250 homes damaged?", AS_OF).numbers
    assert [(n.value, n.comparator) for n in numbers] == [(250.0, comparator)]


NUMBER_CASES = {
    "bounded": ("Did more than 200 people attend?", [(200.0, ">", False)]),
    "score": ("Which side won 3-1?", [(0.0, "score", False)]),
    "digit_ordinal": ("Who finished 3rd?", [(3.0, "=", True)]),
    "word_ordinal": ("Who won the second round?", [(2.0, "=", True)]),
    "edition": ("Who was voted off in week 3?", [(3.0, "edition", False)]),
    "named": ("How much does the Model 3 cost?", []),  # a name: see the names it adds
    "cardinal": ("Which 12 ministers resigned?", [(12.0, "=", False)]),
}


@pytest.mark.parametrize("question,name", [
    ("How much does the Model 3 cost?", "Model 3"), ("When will Windows 11 support end?", "Windows 11"),
    ("How many iPhone 14 units were sold?", "iPhone 14"), ("What did Covid 19 cost?", "Covid 19"),
    # A letter on the figure, and the capitalised words or figures after it, are the name's too.
    ("What is the range of the Model 3S?", "Model 3S"), ("What did Apple say about the iPhone 14 Pro?", "iPhone 14 Pro"),
    ("How many Boeing 737 Max 8 jets were grounded?", "Boeing 737 Max 8"),
    ("Is the Model 3 Performance faster?", "Model 3 Performance"),
])
def test_a_figure_inside_a_name_is_a_name(question, name):
    c = constraints_of(question, AS_OF)
    assert name in c.names and not c.numbers
    assert not [n for n in c.names if n != name and (n in name or name in n)]  # not split in two


@pytest.mark.parametrize("question,name", [
    ("How many Model 3 cars did the maker sell?", "Model 3"),  # a lower-case word ends it
    ("Did Windows 11 And Office ship together?", "Windows 11"),  # a word no name holds ends it
])
def test_a_name_holding_a_figure_ends_where_the_name_does(question, name):
    assert name in constraints_of(question, AS_OF).names


@pytest.mark.parametrize("question", ["Which 12 ministers resigned?", "In 3 games, who scored?"])
def test_a_figure_after_a_function_word_stays_a_figure(question):
    assert constraints_of(question, AS_OF).numbers


@pytest.mark.parametrize("name", list(tables.NUMBER_PATTERNS))
def test_number_pattern(name):
    question, expected = NUMBER_CASES[name]
    assert tables.NUMBER_PATTERNS[name].search(question)
    numbers = constraints_of(question, AS_OF).numbers
    assert [(n.value, n.comparator, n.ordinal) for n in numbers] == expected


@pytest.mark.parametrize("word,number", list(tables.MONTHS.items()))
def test_month_word(word, number):
    written = word.capitalize()
    times = constraints_of(f"What happened in {written} 2021?", AS_OF).times
    assert [(t.start.year, t.start.month, t.granularity) for t in times] == [(2021, number, "month")]


@pytest.mark.parametrize("word", sorted(tables.AMBIGUOUS_MONTHS))
def test_ambiguous_month_word_needs_a_capital(word):
    assert constraints_of(f"Protesters say they {word} return", AS_OF).times == ()


@pytest.mark.parametrize("word,weekday", list(tables.WEEKDAYS.items()))
def test_weekday_word(word, weekday):
    (time,) = constraints_of(f"What was said on {word.capitalize()}?", AS_OF).times
    assert time.start.weekday() == weekday and time.start <= AS_OF and (AS_OF - time.start).days < 7


@pytest.mark.parametrize("word,number", list(tables.NUMBER_WORDS.items()))
def test_number_word_in_evidence(word, number):
    if len(word) <= 2:  # "a", "an": counts only in "a week ago", never a figure in evidence
        (time,) = constraints_of(f"What was agreed {word} day ago?", AS_OF).times
        assert time.start == AS_OF - dt.timedelta(days=number)
        return
    question = constraints_of(f"Were {number} boats seized?", AS_OF)
    assert check_evidence(question, f"Officials said {word} boats were seized.", "", "", dt.date(2024, 5, 10)).satisfied


@pytest.mark.parametrize("word,number", list(tables.ORDINAL_WORDS.items()))
def test_ordinal_word(word, number):
    question = constraints_of(f"Who won the {number}th round?" if number > 3 else f"Who won the {word} round?", AS_OF)
    assert [(n.value, n.ordinal) for n in question.numbers] == [(float(number), True)]
    assert check_evidence(question, f"She won the {word} round.", "", "", dt.date(2024, 5, 10)).satisfied
    assert not check_evidence(question, f"She won the {'tenth' if number != 10 else 'ninth'} round.",
                              "", "", dt.date(2024, 5, 10)).satisfied


@pytest.mark.parametrize("word,number", list(tables.QUARTER_WORDS.items()))
def test_quarter_word(word, number):
    (time,) = constraints_of(f"What was profit in the {word} quarter of 2020?", AS_OF).times
    assert time.label == f"Q{number} 2020"


@pytest.mark.parametrize("noun", sorted(tables.COUNTED_NOUNS))
def test_counted_noun_makes_first_a_constraint(noun):
    numbers = constraints_of(f"Who won the first {noun}?", AS_OF).numbers
    assert [(n.value, n.ordinal) for n in numbers] == [(1.0, True)]


def test_first_alone_is_no_constraint():
    assert constraints_of("When did the protests first begin?", AS_OF).numbers == ()


@pytest.mark.parametrize("word", sorted(tables.NOT_NAMES))
def test_not_a_name(word):
    assert constraints_of(f"Did {word.capitalize()} Hollis {word.capitalize()} resign?", AS_OF).names == ("Hollis",)


@pytest.mark.parametrize("word", sorted(tables.TITLE_WORDS))
def test_title_word_is_dropped_from_a_name(word):
    assert constraints_of(f"What did {word.capitalize()} Greta Hollis say?", AS_OF).names == ("Greta Hollis",)


@pytest.mark.parametrize("word", sorted(tables.NAME_CONNECTORS))
def test_name_connector_stays_inside_a_name(word):
    assert constraints_of(f"Who chairs the Bank {word} Westmark?", AS_OF).names == (f"Bank {word} Westmark",)


def test_event_patterns():
    assert constraints_of("Who won the 2019 final?", AS_OF).event == "final"
    assert constraints_of("Who won the final in 2019?", AS_OF).event == "final"
    assert tables.EVENT_AFTER_TIME.match(" cup final?").group("event") == "cup final"
    assert tables.EVENT_BEFORE_TIME.search("Who won the cup final in ").group("event") == "cup final"


@pytest.mark.parametrize("question,indirect", [
    ("Who won the 2019 final", True), ("What happened in March", True), ("Which team won in 2019", True),
    ("How many people died in 2020", True), ("What did the bank report in Q1 2021", False),
    ("Who did Maria Keller beat", False), ("What profit did the bank report", False),
    ("Which team did they beat", False),
    # an auxiliary after "how much", or two words into the asked thing, still asks inverted
    ("How much will the new model cost", False), ("What special announcement did the couple make", False),
    ("How much money was raised", False), ("What company said it will close", True),
])
def test_indirect_start(question, indirect):
    assert bool(tables.INDIRECT_START.match(question)) == indirect


QUALIFIER_CASES = {
    "women's": ("Who won the women's race?", "Lund won the women's race."),
    "men's": ("Who won the men's final?", "Abera won the men's race."),
    "girls'": ("Which school won the girls' title?", "The girls team won."),
    "boys'": ("Who won the boys' relay?", "The boys relay was won by Ainslie."),
    "junior": ("Who won the under-21 title?", "She won the junior title."),
    "youth": ("Who won the youth race?", "The youth race went to Kim."),
    "veterans'": ("Who won the veterans' cup?", "The masters race was won by Ode."),
    "wheelchair": ("Who won the wheelchair race?", "She won the wheelchair race."),
    "paralympic": ("Who won the Paralympic final?", "The Paralympic final went to Ode."),
    "doubles": ("Who won the doubles?", "They won the doubles title."),
    "amateur": ("Who won the amateur championship?", "He won the amateur title."),
    "best actor": ("who won best actor at the film festival", "Jonas Eklund won Best Actor for his role."),
    "best actress": ("Who won Best Actress in 2023?", "Best Actress went to Dana Roos."),
    "best director": ("Who was named best director?", "Sol also won Best Director."),
    "deputy": ("Who is the vice-chancellor of the university?", "Ann Roe was named vice-chancellor in May."),
    "children's": ("What is the bus fare for children?", "Children under 12 travel for half the adult fare."),
    "students'": ("How much is a student ticket to the museum?", "Students pay 6 euros."),
    "seniors'": ("What is the train fare for pensioners?", "Pensioners travel free outside the rush hour."),
    "annual pass": ("What does an annual bus pass cost?", "An annual travel pass will cost 700 euros."),
    "monthly pass": ("How much is a monthly pass now?", "The monthly bus pass rises to 74 euros."),
    "weekly pass": ("What is the price of a weekly ticket?", "Weekly tickets go up to 21 euros."),
    "day pass": ("How much is a day pass for the trams?", "A day ticket will cost 6 euros."),
}


@pytest.mark.parametrize("name", list(tables.QUALIFIERS))
def test_qualifier_row(name):
    question, evidence = QUALIFIER_CASES[name]
    asked, found = tables.QUALIFIERS[name]
    assert asked.search(question) and found.search(evidence)
    assert name in constraints_of(question, AS_OF).qualifiers
    assert not asked.search("Who won the final?")


def test_a_group_asked_for_a_price_is_a_qualifier_and_a_group_in_the_story_is_not():
    assert constraints_of("What is the single bus fare in Harlow for children?", AS_OF).qualifiers == ("children's",)
    assert constraints_of("What are the children's fares?", AS_OF).qualifiers == ("children's",)
    assert constraints_of("How many children were rescued from the flood?", AS_OF).qualifiers == ()
    assert constraints_of("What did the students protest against?", AS_OF).qualifiers == ()
    assert constraints_of("How much are student fees at university?", AS_OF).qualifiers == ()  # tuition
    assert not tables.QUALIFIERS["children's"][1].search("The adult fare is 2 euros.")


def test_the_kind_of_pass_asked_is_a_qualifier_a_single_fare_does_not_give():
    assert constraints_of("What does an annual bus pass cost?", AS_OF).qualifiers == ("annual pass",)
    assert constraints_of("How much is a monthly pass?", AS_OF).qualifiers == ("monthly pass",)
    assert constraints_of("What does a single bus ticket cost?", AS_OF).qualifiers == ()
    annual = tables.QUALIFIERS["annual pass"][1]
    assert not annual.search("The single bus fare rises to 2.50 euros.")
    assert not annual.search("The price of a monthly pass will rise from 68 euros to 74 euros.")
    assert not annual.search("The increase will raise 11 million euros a year.")


def test_the_second_of_a_post_is_a_qualifier_the_post_alone_does_not_meet():
    assert constraints_of("Who is the deputy mayor of Harlow now?", AS_OF).qualifiers == ("deputy",)
    assert constraints_of("Who is the mayor of Harlow now?", AS_OF).qualifiers == ()
    deputy = tables.QUALIFIERS["deputy"][1]
    assert deputy.search("Her deputy mayor, Ann Roe, takes over.")
    assert not deputy.search("Tobias Fern was installed as the ninth chancellor of the university.")


def test_a_reply_names_a_qualifier_as_a_reader_would():
    assert tables.qualifier_label("women's") == "the women's category"
    assert tables.qualifier_label("best actor") == "the Best Actor award"
    assert tables.qualifier_label("deputy") == "the deputy post"


def test_every_qualifier_has_a_case_and_women_is_not_men():
    assert set(QUALIFIER_CASES) == set(tables.QUALIFIERS)
    assert constraints_of("Who won the women's race?", AS_OF).qualifiers == ("women's",)
    assert not tables.QUALIFIERS["men's"][1].search("She won the women's race.")


@pytest.mark.parametrize("question,future", [
    ("Who will host the final in 2026?", True), ("What is the budget expected to be in 2026?", True),
    ("Who won the final in 2026?", False), ("What was the toll in 2024?", False),
])
def test_future_question(question, future):
    assert bool(tables.FUTURE_QUESTION.search(question)) is future
    assert constraints_of(question, AS_OF).future is future


# Each word of FUTURE_CLAUSE before a yearless time (AS_OF: 2024-05-15) reads it forward: the
# month or day is the coming one, not the one begun by AS_OF.
FUTURE_CLAUSE_CASES = {
    "will": "What will the bank decide in March?",
    "shall": "What shall the council vote on in March?",
    "going to": "What is the bank going to do in March?",
    "set to": "Which law is set to take effect in March?",
    "expected to": "What is the bank expected to decide in March?",
    "forecast to": "How far is inflation forecast to fall in March?",
    "projected to": "How much is output projected to grow in March?",
    "planning to": "What is the club planning to announce in March?",
    "plans to": "Which firm plans to list its shares in March?",
    "plan to": "Which firms plan to cut jobs in March?",
    "due to be": "Which report is due to be published in March?",
    "due on": "Which payment is due on March 3?",
    "due in": "Which payment is due in March?",
    "scheduled": "What is scheduled for June?",
    "planned": "Which strike is planned for June?",
    "coming": "Which films are coming out in March?",
    "upcoming": "Where is the upcoming summit in March?",
    "forthcoming": "What is in the forthcoming budget in March?",
    "opens": "Which exhibition opens in March?",
    "starts": "Which trial starts in March?",
    "begins": "Which tour begins in March?",
    "premieres": "Which series premieres in March?",
    "launches": "Which rocket launches in March?",
    "debuts": "Which car debuts in March?",
    "kicks off": "Which festival kicks off in March?",
    "takes place": "Which summit takes place in March?",
}


@pytest.mark.parametrize("word,question", list(FUTURE_CLAUSE_CASES.items()))
def test_future_clause_word_reads_a_time_forward(word, question):
    assert tables.FUTURE_CLAUSE.search(question).group(0).lower() == word
    (time,) = constraints_of(question, AS_OF).times
    assert time.start > AS_OF, time  # read backward, it would have begun by AS_OF


# Each word of PAST_SENTENCE keeps a sentence's time in the past, after a future word too.
PAST_SENTENCE_CASES = {
    "did": "What did the union say will happen in March?",
    "was": "What was going to happen in March?",
    "were": "Which strikes were set to start in March?",
    "had": "Which firms had planned cuts in March?",
    "happened": "What happened to the vote scheduled in March?",
    "said": "Which minister said the tax will rise in March?",
    "told": "Who told reporters the plant will close in March?",
    "announced": "Which firm announced it will cut jobs in March?",
    "reported": "Who reported prices will rise in March?",
    "revealed": "Which band revealed it will tour in March?",
    "confirmed": "Which club confirmed the stadium opens in March?",
    "claimed": "Who claimed the war will end in March?",
    "warned": "Which bank warned rates will rise in March?",
    "predicted": "Who predicted the market will crash in March?",
    "promised": "Which mayor promised the bridge will open in March?",
}


@pytest.mark.parametrize("word,question", list(PAST_SENTENCE_CASES.items()))
def test_past_sentence_word_keeps_the_past_reading(word, question):
    assert tables.PAST_SENTENCE.search(question).group(0).lower() == word
    assert tables.FUTURE_CLAUSE.search(question)
    assert [(t.start, t.end) for t in constraints_of(question, AS_OF).times] == [(D(2024, 3, 1), D(2024, 3, 31))]


# A present progressive reads a yearless time forward (`PROGRESSIVE_CLAUSE`); a noun in -ing after
# "is" does not, nor does a past sentence.
@pytest.mark.parametrize("question,forward", [
    ("Why are bus fares going up again in March?", True),
    ("Why is the plant closing in March?", True),
    ("Who is taking over the club in March?", True),
    ("Which bands are playing in March?", True),
    ("What is the spending limit in March?", False),
    ("Is the building open in March?", False),
    ("What was happening in March?", False),
    ("Why did fares go up in March?", False),
])
def test_present_progressive_reads_a_time_forward(question, forward):
    (time,) = constraints_of(question, AS_OF).times
    assert (time.start > AS_OF) is forward, time
    assert bool(tables.PROGRESSIVE_CLAUSE.search(question)) is forward


@pytest.mark.parametrize("question", [
    "Who will replace the minister who resigned in March?",
    "Who will succeed the judge whom the senate removed in March?",
    "Who will buy the firm whose shares fell in March?",
    "Who will run the plant which closed in March?",
    "Who will rebuild the bridge that collapsed in March?",
    "What will change because prices fell in March?",
    "What will change although prices fell in March?",
    "What will change though prices fell in March?",
    "What will change whereas prices fell in March?",
    "What will change, after the vote in March?",
    "What will change; the vote in March?",
    "What will change: the vote in March?",
    "What will change. Who voted in March?",
])
def test_clause_break_ends_a_future_clause(question):
    assert tables.CLAUSE_BREAK.search(question, question.index("will"))
    assert [(t.start, t.end) for t in constraints_of(question, AS_OF).times] == [(D(2024, 3, 1), D(2024, 3, 31))]


# ----- "before/after <event>" conditions (`answer_types.EVENT_CONDITION`, `constraints.event_condition`) --

# Question → (relation, clause, verb) of its condition.
CONDITION_CASES = {
    "Which design did the firm patent before plastic bricks were introduced?":
        ("before", "plastic bricks were introduced", "introduced"),
    "Which mill was built beside the rapids before the city was founded?": ("before", "the city was founded", "founded"),
    "Whose team mapped its structure before the doctor described the enzyme?":
        ("before", "the doctor described the enzyme", "described"),
    "Who ran the club after the coach was sacked?": ("after", "the coach was sacked", "sacked"),
    "What has the union won since talks began?": ("after", "talks began", "began"),
    "Who held the seat until the senator resigned?": ("before", "the senator resigned", "resigned"),
    "What post did she hold before she left the country?": ("before", "she left the country", "left"),
    "Which dams were built before it was established?": ("before", "it was established", "established"),
}


@pytest.mark.parametrize("question", list(CONDITION_CASES))
def test_a_condition_on_another_event_is_read(question):
    condition = read(question, as_of=AS_OF).condition
    assert (condition.relation, condition.clause, condition.verb) == CONDITION_CASES[question]


@pytest.mark.parametrize("question", [
    "What did the mayor say after the vote?",  # no verb: an event named, not stated
    "Who led the party before 2019?",  # a time: the question's own (`constraints_of`)
    "What did the firm do after it was sold in 2019?",
    "What did the council decide after the mayor resigned on Monday?",
    "What happened after the war?", "Who won the race after the planned merger?",
    "Which town was named after the river that flooded?", "What has the government done since then?",
    "Who testified before the committee?", "Which minister resigned after being accused of lying?",  # no subject
    "The leader faced criticism after he sacked which aide?",  # the clause holds what is asked
    "The firm patented a design before plastic bricks were introduced. Who drew it?",  # the preamble tells
])
def test_no_condition_without_a_clause_of_its_own(question):
    assert read(question, as_of=AS_OF).condition is None


def test_a_bare_search_string_has_no_condition():
    assert plain("Which design did the firm patent before plastic bricks were introduced?").condition is None


# Row name of `cues.HISTORIC_TIMES` → (evidence sentence, (start, end) of the one time `stated_times` reads).
HISTORIC_CASES = {
    "century": ("The game is thought to have begun in the early 16th century.", (D(1500, 1, 1), D(1599, 12, 31))),
    "old_year": ("The town was founded by the king in 1779, beside the rapids.", (D(1779, 1, 1), D(1779, 12, 31))),
}


@pytest.mark.parametrize("pattern", tables.HISTORIC_TIMES, ids=lambda p: p.name)
def test_historic_time_pattern(pattern):
    sentence, expected = HISTORIC_CASES[pattern.name]
    assert pattern.regex.search(sentence)
    assert [(t.start, t.end) for _, t in stated_times(sentence)] == [expected]
    assert text_times(sentence, AS_OF) == ()  # read only to date a condition's event, not as an asked time


def test_every_historic_time_pattern_has_a_case():
    assert {p.name for p in tables.HISTORIC_TIMES} == set(HISTORIC_CASES)


@pytest.mark.parametrize("sentence", ["Some 1500 soldiers died.", "In 1500 cases the court agreed.",
                                      "The bill passed by 1200 votes.", "Prices rose last year."])
def test_a_figure_or_a_relative_time_is_no_stated_time(sentence):
    assert stated_times(sentence) == ()


def test_stated_times_read_the_nineteenth_century_in_words_and_every_year_with_a_date():
    assert [t.start.year for _, t in stated_times("It was a nineteenth century town.")] == [1800]
    assert [t.label for _, t in stated_times("The fleets met on 7 October 1571 and in 1820.")] == ["7 October 1571", "1820"]

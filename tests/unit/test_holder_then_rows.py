"""Rows of who held a post: a question asking who held one at a past time is asked of a day then
(`cues.HOLDER_THEN`), and a title before a name tells who held the post that day (`names_holder`)."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.answering.tables.posts import ASKS_POST, TAKES_OVER, names_holder, predecessor_of, tells_predecessor
from rag.question import constraints_of

AS_OF = dt.date(2025, 4, 15)


@pytest.mark.parametrize(("question", "day"), [
    ("Who was running the Kestrel Port Authority in January 2023?", dt.date(2023, 1, 16)),
    ("Who was Norland's finance minister in 2022?", dt.date(2022, 7, 2)),
    ("Who was head coach of Harwick City during the 2021-22 season?", dt.date(2021, 12, 31)),
    ("who coached harwick city in 2022", dt.date(2022, 7, 2)),
    ("Who managed the club in 2019?", dt.date(2019, 7, 2)),
    ("Who was in charge of the club in March 2024?", dt.date(2024, 3, 16)),
    ("Who was mayor of Brisk in 2022?", dt.date(2022, 7, 2)),  # the post without "the"
    # the time of the event a when-clause names
    ("Who was education minister when the teachers' strikes began in January 2023?", dt.date(2023, 1, 16)),
])
def test_who_held_a_post_then_is_asked_of_a_day_then(question, day):
    constraints = constraints_of(question, AS_OF)
    assert constraints.held_at == day and not constraints.latest
    assert constraints.times and constraints.time_text  # the asked time stays, for later reports of it


@pytest.mark.parametrize("question", [
    "Who was appointed manager of Harwick City in 2022?",  # who took it then
    "Who was named Norland's finance minister in 2023?",
    "Who was the interim chief executive in 2023?",
    "Who was the first mayor of the town in 1990?",
    "Who won the 2022 final?",
    "Who led the league in the 2019-20 season?",  # a side top of the table, not a post
    "Who ran the marathon in 2022?",
    "Who was the club's manager before 2022?",
    "Who is the finance minister now?",  # asked now: no time to ask it as of
    "Who was Norland's finance minister in 2022 and 2024?",  # two times
    "Who was finance minister in 2026?",  # not past
])
def test_other_questions_are_not_asked_as_of_an_earlier_day(question):
    assert constraints_of(question, AS_OF).held_at is None


@pytest.mark.parametrize(("line", "question"), [
    ("Finance Minister Ines Marr welcomed the cut.", "Who is Norland's finance minister?"),
    ("Head coach Hana Drescher said the team was ready.", "Who is the head coach of Harwick City?"),
    ("Chief executive Joren Vast said bookings were up.", "who's saltmere air's ceo"),
    ("The club's manager Ivo Marsh praised the fans.", "Who is the club's manager?"),
])
def test_a_title_before_a_name_names_the_holder(line, question):
    assert names_holder(line, question)


@pytest.mark.parametrize(("line", "question", "names", "holder"), [
    ("Ivo Marsh, mayor of Ostby since 2013, said he would not stand again.", "Trace who has been mayor of Ostby.",
     ("Ostby",), True),  # the title after the name
    ("Kestrel Shipping's chief executive is Magnus Ide.", "Who is Kestrel Shipping's chief executive?",
     ("Kestrel Shipping",), True),  # what the post is
    ("Rival chief executive Dario Fenwick said profits rose.", "Who is Kestrel Shipping's chief executive?",
     ("Kestrel Shipping",), False),  # another body's holder
    ("Kestrel Shipping chief executive Magnus Ide said profits rose.", "Who is Kestrel Shipping's chief executive?",
     ("Kestrel Shipping",), True),
    ("Ivo Marsh, the former mayor, said the plan would fail.", "Who is the mayor of Ostby?", ("Ostby",), False),
    # kept in post in a reshuffle: the name before the post
    ("Greta Aune remains deputy transport minister.", "who is deputy transport minister", (), True),
    ("Greta Aune remains deputy transport minister.", "Who is the transport minister?", (), False),
    # who became the holder, told in a relative clause; not when the line tells the holder left
    ('"I knew this picture from books," said Aurel Dancu, who became the museum\'s director in 2022.',
     "Who is the director of the museum?", (), True),
    ("Aurel Dancu, who became the museum's director in 2012, resigned on Monday.",
     "Who is the director of the museum?", (), False),
    ("Ida Lee, who was named director in 2019 and was sacked in 2023, spoke.", "Who is the director of the museum?",
     (), False),
    ("Ida Lee, who became the Tate's director in 2022, said so.", "Who is the director of the National Museum?",
     ("National Museum",), False),  # another body's
])
def test_a_holder_named_after_the_title_or_as_what_the_post_is(line, question, names, holder):
    assert names_holder(line, question, names) is holder


@pytest.mark.parametrize(("line", "question"), [
    ("Former finance minister Greta Holm said the bank waited too long.", "Who is Norland's finance minister?"),
    ("Energy Minister Oskar Lind kept his post.", "Who is Norland's finance minister?"),
    ("Deputy chief executive Tomas Brekke will speak.", "Who runs the port? Who is its chief executive?"),
    ("Prime Minister Marta Elvang named her cabinet.", "Who is Norland's finance minister?"),
    ("The finance minister said the budget would balance.", "Who is Norland's finance minister?"),  # no name
])
def test_a_former_deputy_or_other_holder_is_not_the_holder(line, question):
    assert not names_holder(line, question)


@pytest.mark.parametrize("line", [
    "The authority has chosen Anneke Solberg, the head of the much smaller port at Ostby, as its new chief executive.",
    "The airline picks Joren Vast as chief executive.",
    "Ines Marr was selected as the party's leader on Sunday.",
])
def test_chosen_picked_and_selected_are_appointments(line):
    assert TAKES_OVER.search(line)


@pytest.mark.parametrize(("question", "asks"), [
    ("who's the airline's ceo", True), ("Who is Norland's finance minister?", True),
    ("Who coached the side in 2022?", True), ("What led to the strike?", False),
    ("How many people managed to escape?", False),
])
def test_posts_asked(question, asks):
    assert bool(ASKS_POST.search(question)) == asks


@pytest.mark.parametrize(("question", "holder"), [
    ("Who was mayor of Brisk before Omar Reyes?", "Omar Reyes"),
    ("Who did Omar Reyes replace as mayor?", "Omar Reyes"),
    ("Who preceded Reyes as mayor?", "Reyes"),
    ("Who was coach before Ann Lee took over?", "Ann Lee"),
    ("What did Reyes's predecessor promise?", "Reyes"),
    ("Who coached the national team before Omar Reyes?", "Omar Reyes"),
    ("Who headed the agency before Reyes took over?", "Reyes"),
    ("Who served as mayor before Omar Reyes?", "Omar Reyes"),
    ("Who was finance minister before April?", ""),
    ("Who headed the ministry before Monday's reshuffle?", ""),
    ("Who was mayor before 2020?", ""),
    ("Who was in charge before the war?", ""),
    ("Who beat Omar Reyes?", ""),
])
def test_the_holder_a_predecessor_is_asked_of(question, holder):
    assert predecessor_of(question) == holder


@pytest.mark.parametrize(("line", "tells"), [
    ("Reyes succeeds Ann Lee, who did not stand.", True),
    ("Reyes, who replaced Lee in 2021, opened the tunnel.", True),
    ("Omar Reyes took over from Ann Lee in May.", True),
    ("Eva Lund has been elected mayor, defeating incumbent Omar Reyes.", False),
    ("Eva Lund succeeds Omar Reyes as mayor.", False),
    ("Reyes opened the tunnel on Monday.", False),
    ("Reyes takes the seat vacated by Ann Lee.", True),
    ("The club appointed Omar Reyes as coach on a two-year deal, ending a search after the sacking of Ann Lee.", True),
    ("Reyes was hired after the sacking of the old coaching staff.", False),
    ("Ann Lee was appointed after the sacking of Omar Reyes.", False),
    ("Ann Lee stepped down in May and was succeeded by Reyes, her assistant.", True),
    ("Lee will be replaced by finance director Omar Reyes, who joined in 2019.", True),
    ("Reyes takes over the armband from Ann Lee, who retired this month.", True),
    ("Reyes was succeeded by Ann Lee in May.", False),  # Lee came after him
])
def test_a_line_telling_whom_the_holder_took_over_from(line, tells):
    assert tells_predecessor(line, "Omar Reyes") is tells


@pytest.mark.parametrize(("question", "day"), [
    ("What was the Bank of Norland's main interest rate in March 2023?", dt.date(2023, 3, 16)),
    ("what was the household electricity price cap in january 2023", dt.date(2023, 1, 16)),
    ("What was the single bus fare in 2022?", dt.date(2022, 7, 2)),
    ("how much was a single metro fare in june 2023", dt.date(2023, 6, 15)),
    ("What was the cost estimate for the tunnel in 2021?", dt.date(2021, 7, 2)),
    ("What was the tunnel expected to cost at the start of 2023?", dt.date(2023, 1, 16)),
    ("What were teachers being offered in March 2023?", dt.date(2023, 3, 16)),  # an offer standing then
    ("What was the government's pay offer in March 2023?", dt.date(2023, 3, 16)),
    ("What was the bidder offering per share at the beginning of September 2024?", dt.date(2024, 9, 5)),
    ("What were teachers being offered in late March 2023?", dt.date(2023, 3, 26)),
])
def test_a_level_set_by_decision_asked_at_a_past_time_is_asked_of_a_day_then(question, day):
    constraints = constraints_of(question, AS_OF)
    assert constraints.level_at == day and constraints.held_at is None


@pytest.mark.parametrize("question", [
    "What was inflation in March 2023?",  # a figure of a period, measured after it
    "What was the unemployment rate in March 2023?",
    "How much was the rate raised in March 2023?",  # a change
    "What did the Bank of Norland move its key rate to in June 2023?",
    "What was the interest rate in March 2023 and in June 2024?",  # two times
    "What is the interest rate now?",
    "What was the interest rate in 2026?",  # not past
])
def test_other_figures_are_not_asked_as_of_a_day_then(question):
    assert constraints_of(question, AS_OF).level_at is None

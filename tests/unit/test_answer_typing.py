"""What a question asks for, read from the way users write it, and what a sentence must hold to give it."""

from __future__ import annotations

import pytest

from rag.answering.tables.furniture import is_boilerplate
from rag.answering.tables.kinds import holds_answer
from rag.question import read
from rag.question.answer_types import expected_answer_type, spelled_out


@pytest.mark.parametrize(("question", "kind"), [
    ("What's the average price of a gallon of milk right now?", "money"),
    ("What’s the unemployment rate now?", "share"),
    ("Who's the mayor now?", "name"),
    ("What're the fares on the new line?", "money"),
])
def test_a_contracted_question_word_asks_what_the_long_form_asks(question, kind):
    assert expected_answer_type(question).name == kind
    assert expected_answer_type(spelled_out(question)).name == kind
    assert read(question).asks_item


@pytest.mark.parametrize(("question", "kind"), [
    # The sentence that asks decides: a preamble opening with "When …," asks nothing.
    ("When she died, the queen left four dogs. Who will look after them?", "agent"),
    ("When the bridge closed, traffic moved to the ferry. How many cars a day does it carry?", "quantity"),
    ("When the plant closed, what happened to its workers?", None),
    ("The strike was called off. When will talks resume?", "time"),
    # "from when?" at the end asks for a date, like "on what day?".
    ("Barristers have voted to strike indefinitely from when?", "date"),
])
def test_the_sentence_that_asks_gives_the_answer_type(question, kind):
    typed = read(question).answer_type
    assert (typed.name if typed else None) == kind


def test_spelling_out_touches_only_question_words():
    assert spelled_out("What's the harbour's depth?") == "What is the harbour's depth?"
    assert spelled_out("Where’s the summit?") == "Where is the summit?"
    assert spelled_out("Is the council's plan ready?") == "Is the council's plan ready?"
    # typed in a hurry, without the apostrophe
    assert spelled_out("whats the population of the town") == "what is the population of the town"
    assert spelled_out("whos the mayor now") == "who is the mayor now"
    assert spelled_out("Whatsoever the hows and whys") == "Whatsoever the hows and whys"


@pytest.mark.parametrize(("question", "sentence", "holds"), [
    # The only "quantity" in the sentence is a word of the question's name.
    ("How big is the Grand Millions jackpot now?", "The jackpot will be the biggest Grand Millions prize ever.", False),
    ("How big is the Grand Millions jackpot now?", "The jackpot is now an estimated $630 million.", True),
    # The only "date" is the year the question names.
    ("When did the 2022 floods peak?", "The 2022 floods were the worst on record.", False),
    ("When did the 2022 floods peak?", "The 2022 floods peaked on 3 March.", True),
    # "No one" counts zero, "one person" one; "the one" nothing.
    ("How many people have died?", "No one has died from the disease yet.", True),
    ("How many people have died?", "One person has died, officials said.", True),
    ("How many plans were there?", "The new plan is the one the council rejected.", False),
    # A count the question says may be its answer.
    ("How many of the 33 miners were rescued?", "All 33 miners were rescued alive.", True),
    ("How many people died in the I-35 bridge collapse?", "Thirteen people died when the bridge collapsed.", True),
    # A name after a title opening the sentence is a name; a capitalised opening word alone is not.
    ("Who is the acting mayor of Kessel?", "Councillor Ann Lee was sworn in as acting mayor of Kessel.", True),
    ("Who is the acting mayor of Kessel?", "PORTVILLE — Councillor Ann Lee was sworn in as acting mayor.", True),
    ("Who is the acting mayor of Kessel?", "Last Monday the council of Kessel met.", False),
    ("Who is the acting mayor of Kessel?", "Acting mayor of Kessel is a thankless job.", False),
    # A first and last name opening the sentence, before an apposition: the last name is capitalised mid-sentence.
    ("Who is the mayor of Kessel?", "Ann Lee, mayor of Kessel since 2013, said she would not stand again.", True),
    ("Who is the mayor of Kessel?", "In March, the council of Kessel met.", False),
    ("Who is the mayor of Kessel?", "On Monday, the council of Kessel met.", False),
])
def test_what_the_question_itself_says_is_not_its_answer(question, sentence, holds):
    assert holds_answer(expected_answer_type(question), sentence, question) is holds


def test_a_surname_alone_is_a_name_where_the_passages_give_it_whole():
    question, sentence = "Who is the bank's new chief?", "Vogel, 55, will take over on 1 June."
    assert holds_answer(expected_answer_type(question), sentence, question, "The bank hired Anton Vogel in April.")
    assert not holds_answer(expected_answer_type(question), sentence, question, "The bank hired a new chief.")


@pytest.mark.parametrize(("line", "furniture"), [
    ("MUST WATCH Violent clashes after the minister's resignation 01:43", True),
    ("Polling stations open at 07:00", False),
    ("The race was won by Piet Dekker in 2:09", False),
    ("WATCH HILL, R.I. (AP) — The beach reopened on Monday.", False),
    ("Final score:Home 3, Away 1", False),
    ("VIDEO: Crowds gather outside the court", True),
    ("Crowds gathered outside the court as the verdict was read.", False),
    ("Watch for flooding on low roads, officials said.", False),
    ("More:Ned Grant, star of the stage show, dies at 65", True),
    ("GRAPHIC BREAKDOWN:Rising reports of cases raise concern", True),
    ("The minister said: “We will not give way.”", False),
])
def test_a_video_players_label_or_a_related_link_is_page_furniture(line, furniture):
    assert is_boilerplate(line) is furniture


@pytest.mark.parametrize("question", [
    "How have gas prices changed since May?",
    "How did the death toll from the floods rise?",
    "How has the number of cases grown?",
])
def test_a_figures_course_is_told_in_figures(question):
    kind = expected_answer_type(question)
    assert kind.name == "course"
    assert holds_answer(kind, "The national average reached $4.87 a gallon on Monday.", question)
    assert holds_answer(kind, "At least 37 people have died, the governor said.", question)
    # Talk about the figure without the figure is no step of its course, nor a year.
    assert not holds_answer(kind, "Prices kept climbing through the summer, drivers said.", question)
    assert not holds_answer(kind, "The toll is the highest since 2011.", question)


@pytest.mark.parametrize("question", [
    "How did the government fall?",
    "How have high interest rates changed the housing market?",  # what rates did to something else
    "How has inflation changed shopping habits?",
])
def test_the_manner_of_an_event_or_a_figures_effect_is_no_figures_course(question):
    kind = expected_answer_type(question)
    assert kind is None or kind.name != "course"


@pytest.mark.parametrize(("question", "sentence", "holds"), [
    ("What is the average price of a gallon of gas now?",
     "The national average is expected to hit $5 a gallon within the next two weeks, analysts said.", False),
    ("What is the average price of a gallon of gas now?", "The average for a gallon of gas is $4.58, the motoring club said.", True),
    ("What is the average price of a gallon of gas now?", "Prices are expected to keep rising after hitting $4.58 on Monday.", True),
    ("What is the central bank's benchmark interest rate now?",
     "Economists expect the bank to lift the rate to a range of 2.25% to 2.5% by the end of the year.", False),
    # Asked about the future, a forecast is the answer.
    ("What will the average price of a gallon of gas be next month?",
     "The national average is expected to hit $5 a gallon within the next two weeks, analysts said.", True),
    # A count forecast is no count reached: "lost how many" is told by the loss, not the prediction.
    ("The club says it lost how many members over the summer?",
     "In the spring it predicted a loss of 40,000 members over the summer.", False),
    ("The club says it lost how many members over the summer?",
     "The club lost 12,000 members over the summer, it said on Tuesday.", True),
    # What is left of the forecast's sentence restates the question's own figures.
    ("The club says it lost how many members in the three months ending June 30?",
     "It then predicted a loss of 40,000 members in the three months ending June 30.", False),
    ("How many members is the club expected to lose over the summer?",
     "In the spring it predicted a loss of 40,000 members over the summer.", True),
])
def test_a_forecast_figure_is_no_level_reached(question, sentence, holds):
    from rag.question.answer_types import ANSWER_TYPES
    kind = expected_answer_type(question) or next(t for t in ANSWER_TYPES if t.name == "money")
    assert holds_answer(kind, sentence, question) is holds


@pytest.mark.parametrize("question", [
    "The singer officially joined the cast this week. Who is she replacing?",
    "The striker withdrew injured, paving the way for who to start the final?",
    "Old notes expire in September, but who features on the new note?",
])
def test_who_asks_for_someone_after_a_premise_or_a_preposition(question):
    assert expected_answer_type(question).name == "agent"


@pytest.mark.parametrize("question", [
    "The man who won the lottery gave the money to charity. What did he buy?",
    "Why did the players who went on strike return?",
])
def test_a_relative_who_asks_for_no_one(question):
    kind = expected_answer_type(question)
    assert kind is None or kind.name != "agent"


def test_the_outlet_opening_a_story_is_no_name_it_gives():
    question = "Arlo Venn withdrew from the tournament, paving the way for who to reach the final?"
    kind = expected_answer_type(question)
    assert not holds_answer(kind, "(Wire Service) Arlo Venn has withdrawn from the tournament with an injury.", question)
    assert holds_answer(kind, "(Wire Service) Dario Pell will now go straight to the final.", question)


def test_a_word_formed_from_a_name_the_question_gives_is_no_new_name():
    question = "Who leads the militant group Kestria blames most?"
    kind = expected_answer_type(question)
    assert kind.name == "agent"
    assert not holds_answer(kind, "The strikes by Kestrian jets targeted militant camps.", question)
    assert holds_answer(kind, "The Dorran Front is led by a former army colonel, officials said.", question)


@pytest.mark.parametrize(("question", "sentence", "holds"), [
    # A day of a month counts nothing.
    ("How many ministers did the premier lose before he stepped down?",
     "July 7 The premier announces he is stepping down as party leader.", False),
    ("How many ministers did the premier lose before he stepped down?",
     "On 7 July the premier said he would step down.", False),
    # Nor a span of time the question does not count.
    ("How many ministers did the premier lose before he stepped down?",
     "The premier resigned on Thursday, ending his tenure after less than three years.", False),
    ("How many ministers did the premier lose before he stepped down?",
     "It took the resignation of nearly 60 members of his government on July 7.", True),
    # Nor an age beside a name.
    ("How many ministers did the premier lose before he stepped down?",
     "People close to the premier, 58, said he was surprised by the revolt.", False),
    # The question counts that unit, or asks an age.
    ("How many days did the strike last?", "The strike ended on May 4 after 10 days.", True),
    ("How old is the new coach?", "The coach is 45 years old.", True),
    ("How old is the new coach?", "The new coach, 45, was hired on Monday.", True),
    # "How many times …?" is told by an ordinal.
    ("How many times will the singer have been married after the wedding?",
     "The wedding will be the fourth for the singer.", True),
    ("How many times will the singer have been married after the wedding?",
     "The singer was named the third best-selling artist of the year.", False),
    ("How many times will the singer have been married after the wedding?", "The singer has been married twice.", True),
    ("How many times will the singer have been married after the wedding?",
     "After 32 years of marriage and three children, the singer divorced in 1999.", False),
])
def test_a_day_of_the_month_or_a_span_of_time_is_no_count(question, sentence, holds):
    kind = expected_answer_type(question)
    assert kind.name == "quantity"
    assert holds_answer(kind, sentence, question) is holds

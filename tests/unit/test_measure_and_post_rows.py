"""A test per new row of the measures reports give side by side (`MEASURE_FAMILIES`), of the words a
question asks a course or a time with (`ASKING_STATE`, `ASKING_TIME`), and of the changes of a post's
holder (`TAKES_OVER`, `WINS_POST`, `ASKS_POST`), read as the answerer reads them."""

from __future__ import annotations

import pytest

from rag import lexical
from rag.answering.tables.measures import MEASURE_FAMILIES, asked_family, of_another_measure
from rag.answering.tables.posts import (
    ASKS_POST, TAKES_OVER, WINS_POST, asked_post_kind, field_unnamed, names_another_post,
)
from rag.answering.tables.statements import ASKING_STATE, ASKING_TIME

FAMILY = {family.name: family for family in MEASURE_FAMILIES}

# Row → (a question naming it, a line giving its figure, a line giving a neighbour's figure only).
CASES = {
    "names revenue or sales": ("How has Brenford Energy's quarterly revenue changed through 2025?",
                               "Revenue for the January-March quarter was 2.14 billion euros.",
                               "Brenford Energy reported a 9 percent rise in first-quarter net profit to 181 million euros."),
    "names profit or earnings": ("How have Tolvik Motors' earnings changed this year?",
                                 "Tolvik Motors' second-quarter earnings fell to 71 million crowns.",
                                 "Sales slipped to 1.8 billion crowns as exports weakened."),
    "names passengers": ("How many passengers does the airport handle now?",
                         "The airport served 1.31 million passengers in the month.",
                         "The airport handled 14,200 flights in January."),
    "names flights": ("How has the number of flights at the airport changed?",
                      "Flights at the airport fell to 13,100 in February.",
                      "Passenger numbers slipped to 1.22 million."),
    "names cases or infections": ("How many cholera cases are there in the country now?",
                                  "Confirmed cases rose to 688, it said.",
                                  "The cholera outbreak has killed 17 people, the ministry said."),
    "names deaths": ("How has the number of cholera deaths changed?",
                     "Nine people have died of the disease.",
                     "Health officials have confirmed 412 cholera cases, the ministry said."),
    "names inflation": ("How has inflation in the country changed this summer?",
                        "The Consumer Price Index was up 8.3% in the 12 months ended in April.",
                        "Fixed, 30-year mortgages have climbed to 5.23% from 3.22% early this year."),
    "names mortgage rates": ("How have 30-year mortgage rates moved since May?",
                             "The average 30-year fixed-rate mortgage rate spiked to 5.78% this week.",
                             "Inflation hit 9.4% in June, a four-decade high."),
    "names petrol": ("How much is petrol in Kelmarsh now?",
                     "Petrol prices fell for a third month, to an average of 1.64 euros a litre.",
                     "Diesel fell to 1.55 euros a litre."),
    "names diesel": ("How much is diesel at the moment?",
                     "Diesel fell to 1.55 euros a litre.",
                     "The average price of a litre of petrol rose to 1.82 euros last week."),
    "names unemployment": ("What is Norland's current unemployment rate?",
                           "The jobless rate fell to 5.1% in March.",
                           "The economic institute expects growth of 1.4% in 2025."),
    "names economic growth": ("How fast is Norland's economy growing now?",
                              "The economic institute expects growth of 1.4% in 2025.",
                              "Unemployment fell to 5.1% in March."),
    "names turnout": ("What was turnout in the Marrow Heath by-election?",
                      "Turnout was 34.6%, up from 31.2% at the last election.",
                      "Unemployment in the ward is 7.2%, above the county's 5.1%."),
    "names a central bank's rate": ("How has the Norland central bank's key rate changed this year?",
                                    "The bank cut its key interest rate to 3.75% in November.",
                                    "The jobless rate fell to 5.1% in March."),
}


def test_every_family_has_a_case():
    assert set(CASES) == set(FAMILY)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_line_of_a_neighbouring_measure_is_not_the_asked_one(name):
    question, asked, neighbour = CASES[name]
    assert asked_family(question) is FAMILY[name]
    assert not of_another_measure(FAMILY[name], asked)
    assert of_another_measure(FAMILY[name], neighbour)


@pytest.mark.parametrize("question", ["How have Brenford's revenue and net profit changed?",  # two measures
                                      "How did the Dunstall case evolve?",  # a court case is no case count
                                      "How has the jackpot grown?",
                                      "How has the rocket done flight by flight since its debut?"])  # steps, not a count
def test_a_question_naming_no_one_measure_filters_nothing(question):
    assert asked_family(question) is None


def test_a_line_naming_both_measures_gives_the_asked_one():
    revenue = FAMILY["names revenue or sales"]
    assert not of_another_measure(revenue, "Net profit rose to 181 million on revenue of 2.14 billion.")
    assert not of_another_measure(revenue, "The shares fell 2 percent in morning trading.")  # names no measure


@pytest.mark.parametrize(("question", "asking"), [
    ("How has Harwick City's management changed since the start of October?", {"chang", "sinc", "start"}),
    ("How has the fare evolved since the beginning of the year?", {"evolv", "sinc", "begin", "year"}),
    ("How has inflation changed over the last few months?", {"chang", "last", "month"}),
])
def test_the_words_a_question_asks_a_course_and_a_time_with(question, asking):
    found = {t for t in lexical.terms(question) if ASKING_STATE.search(t) or ASKING_TIME.search(t)}
    assert found == asking
    assert "manag" not in found and "fare" not in found and "inflat" not in found


@pytest.mark.parametrize(("question", "besides"), [
    ("How did Corvane's full-year revenue forecast for 2024 change during the year?", {"full", "forecast"}),
    ("How has inflation in Ostmark changed this year?", set()),
    ("What mortgage rate do lenders now charge?", {"rate", "lender", "charg"}),
])
def test_what_a_measure_question_asks_of_besides_its_measure(question, besides):
    from rag.answering.extractive import _asked_besides

    assert _asked_besides(question, asked_family(question)) == besides


@pytest.mark.parametrize("line", ["Harwick City appointed Dana Kell as their new manager on Monday.",
                                  "The board named Ann Roe chief executive on Friday.",
                                  "The carmaker named Ann Roe, a former head of a battery maker, as its chief "
                                  "executive on Monday.",
                                  "The club said assistant Paul Ostrom would take charge as caretaker."])
def test_a_successor_is_a_change_of_holder(line):
    assert TAKES_OVER.search(line)


@pytest.mark.parametrize("line", ["The manager named an unchanged side for the derby.",
                                  "Harwick City drew 1-1 with Lenby Town on Saturday."])
def test_a_match_report_names_no_successor(line):
    assert not TAKES_OVER.search(line) and not WINS_POST.search(line)


def test_a_vote_for_a_post_is_a_change_of_holder_a_race_won_is_not():
    assert WINS_POST.search("Olga Rainer, a 41-year-old teacher, won the Dunmore mayoral by-election on Sunday.")
    assert not WINS_POST.search("Rainer won the city marathon on Sunday.")


def test_a_question_about_the_management_asks_a_post():
    assert ASKS_POST.search("How has Harwick City's management changed since the start of October?")
    assert ASKS_POST.search("Who are the club's managers?")


@pytest.mark.parametrize("question,line,another", [
    # Asked about the manager, the captain's change is another post's; the manager's or a caretaker's is not.
    ("Who is the club's manager?", "Midfielder Leo Brandt has been named the club's new captain.", True),
    ("Who is the club's manager?", "The club have appointed Tomas Lee as their new manager.", False),
    ("Who is the club's manager?", "First-team coach Dev Okafor will take charge as caretaker.", False),
    ("Who is the club's manager?", "The club sacked Lee on Monday.", False),  # names no post: may be the asked one
    ("Who is the chief executive of the port?", "The port has appointed a new chair, Ida Berg.", True),
    ("Who is the chief executive of the port?", "Ida Berg will serve as interim CEO.", False),
    # Asked who is in charge, naming no post: a captain is not in charge of a club.
    ("Who is in charge of the club?", "Leo Brandt has been named the club's new captain.", True),
    ("Who is in charge of the club?", "The club have appointed Ana Holt as their new manager.", False),
    ("Who heads the central bank?", "Piet Hallin, the bank's head of financial stability, becomes deputy governor.", True),
    # "boss" is whoever leads: a club's manager, a firm's chief executive; not a captain.
    ("Who is the club's boss?", "Midfielder Leo Brandt has been named the club's new captain.", True),
    ("Who is the firm's boss?", "The firm has appointed Ida Berg as its chief executive.", False),
    # A deputy's post is another, unless a deputy is asked; so is another field's minister.
    ("Who is the finance minister?", "Rosa Vidal returns to her role as deputy finance minister.", True),
    ("Who is the deputy finance minister?", "Rosa Vidal returns to her role as deputy finance minister.", False),
    ("Who is the deputy finance minister?", "Hanna Kross was named finance minister.", True),
    ("Who is the finance minister?", "Health Minister Ida Lee resigned on Monday.", True),
    ("Who is the finance minister?", "Prime Minister Ivo Sander named Hanna Kross as finance minister.", False),
    ("Who is the finance minister of the city?", "Omar Reyes has been elected mayor of the city.", True),
    ("Who is the club's manager?", "Assistant manager Ola Berg said the squad was tired.", True),
    ("Who is the club's head coach?", "Assistant coach Ola Berg will take charge on an interim basis.", False),
])
def test_a_change_of_another_kind_of_post_is_not_the_asked_posts(question, line, another):
    assert names_another_post(line, asked_post_kind(question), question) is another


@pytest.mark.parametrize(("question", "texts", "unnamed"), [
    # No line names the asked field's post: none can say who holds it.
    ("Who is Ostland's foreign minister?", ["Education Minister Ann Roe said talks would resume."], True),
    ("Who is the health commissioner?", ["The finance commissioner, Ida Lee, resigned."], True),
    # The field said another way, or in another form of the word, names it.
    ("Who is Ostland's foreign minister?", ["Ann Roe, the minister of foreign affairs, flew to Ardo."], False),
    ("Who is the sports minister now?", ["Sport Minister Bo Ek opened the stadium."], False),
    ("Who is the finance minister?", ["Nothing here.", "Finance Minister Ida Lee cut the rate."], False),
    ("Who is the defence minister?", ["Defense Minister Ann Roe flew to Ardo."], False),  # either spelling
    ("Who is the labor secretary?", ["Labour Secretary Bo Ek resigned."], False),
    ("Who is the prime minister?", ["Premier Ann Roe said talks would resume."], False),  # no field to repeat
    # A post asked without a field ("the museum's director", "the prime minister" has one) is not read here.
    ("Who is the museum's director?", ["The museum reopened on Monday."], False),
    ("Who is the new head coach?", ["The club drew 1-1."], False),
])
def test_a_field_no_report_names_is_a_post_no_line_can_fill(question, texts, unnamed):
    assert field_unnamed(question, texts) is unnamed

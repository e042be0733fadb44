"""Who holds a post now, where the newest reports tell it among other news. On a real index of
made-up reports:

- a coach who leaves a club for the national team is followed in the report by the national team's
  own change ("Roe replaces …") before the club's ("promoting assistant coach … to head coach"):
  the club's coach is the one promoted, and the national team's change answers no minister's post;
- an appointment "ending a search that began when … stepped down in January" is news of its day;
- an analysis whose line names "…, the current energy minister" among older figures names him;
- an interim chief who "will return to her role" after the line saying who "will take over",
  named by surname alone ("Vogel, 55, will take over on 1 June"), is not the boss.
"""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "minister-2022.md": report("Mira Solt sworn in as energy minister", "Norvik Ledger", "2022-05-17",
                               "Mira Solt was sworn in as Norvik's energy minister on Monday, ending ten weeks in "
                               "which the ministry was run on a caretaker basis."),
    "analysis-2025.md": report("How three years of crisis remade Norvik's economy", "The Quarterly", "2025-04-14",
                               "The price cap rose to 0.24 crowns in January 2022 and then, in October of that year, "
                               "to 0.38 crowns, the level that defined what Tarek Lund, the current energy minister, "
                               "still calls the winter of 2022.\n\nIn March 2022 the energy minister Paul Rask "
                               "resigned over a contract awarded without a tender."),
    "coach-2025.md": report("Roe named national coach; Brandt steps up at Harbour FC", "Sportline", "2025-06-24",
                            "Ada Roe has left Harbour FC to become head coach of the Norvik national team, six weeks "
                            "after leading the club to the cup.\n\nThe federation announced the appointment on "
                            "Monday. Roe replaces Sven Aas, who resigned in May after a poor tournament.\n\n"
                            "Harbour FC moved quickly, promoting assistant coach Lena Brandt to head coach on a "
                            "two-year contract."),
    "bank-2023.md": report("Rava Bank chief steps down", "Norvik Ledger", "2023-10-17",
                           "Lorenz Hald has stepped down as chief executive of Rava Bank for health reasons.\n\n"
                           "Chief financial officer Marta Quist will serve as interim chief executive while the board "
                           "looks for a permanent successor."),
    "bank-2024.md": report("Rava Bank picks insurer Vogel as chief executive", "Norvik Ledger", "2024-04-25",
                           "Rava Bank has ended a six-month search for a chief executive by hiring Anton Vogel from "
                           "an insurer.\n\nVogel, 55, will take over on 1 June, the bank said on Thursday.\n\n"
                           "Marta Quist, who has run the bank on an interim basis since Lorenz Hald stepped down in "
                           "October, will return to her role as chief financial officer."),
    "carmaker-2023a.md": report("Kelda Motors chief steps down", "Norvik Ledger", "2023-01-19",
                                "Anja Berg stepped down as chief executive of Kelda Motors on Thursday.\n\n"
                                "Chief financial officer Ole Lid will serve as interim chief executive while the "
                                "board searches for a permanent successor."),
    "carmaker-2023b.md": report("Kelda Motors names Yusuf Hall chief executive", "Norvik Ledger", "2023-06-06",
                                "Kelda Motors has appointed Yusuf Hall, chief operating officer of a truckmaker, as "
                                "its new chief executive, ending a search that began when Anja Berg stepped down in "
                                "January.\n\nOle Lid, who has been interim chief executive since Berg's departure, "
                                "will return to his role as chief financial officer."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("holders-in-reports"), ARTICLES, embedder)


@pytest.mark.parametrize(("question", "as_of", "holder", "not_holder"), [
    ("Who coaches Harbour FC now?", "2025-07-01", "Lena Brandt", "Roe replaces"),
    ("Who is Norvik's energy minister?", "2025-06-30", "Tarek Lund", "Roe replaces"),
    ("who runs kelda motors", "2024-03-01", "Yusuf Hall", "will return"),
    # The interim chief's return comes after the line naming the new one, told by surname alone.
    ("who's the current boss of rava bank", "2025-01-01", "Vogel", "will return"),
])
def test_the_holder_told_among_other_news(assistant, question, as_of, holder, not_holder):
    answer = assistant.ask(question, as_of=as_of)
    lead = strip_markers(answer.text).split("\n")[0]
    assert not answer.refused, answer.text
    assert holder in lead and not_holder not in lead

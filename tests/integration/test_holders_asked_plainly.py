"""Who holds or held a post, asked plainly of a dated archive. On a real index of made-up reports:

- "Who was mayor of Brisk in 2022?" (no article before "mayor") is asked of a day in 2022 and
  answered by the mayor elected in 2021, though that year's other stories are nearer the asked year;
- "who was the finance minister in 2022", naming no country, is answered by the holder a 2022 report
  names by title, however far its wording is from the question, and the deputy who stood in a year
  before is not the minister; asked of a city, a mayor's election answers no finance minister;
- "Who is Tarsland's finance minister?" where only the outlet's name says Tarsland in the newest report;
- "Who is the deputy finance minister?" is the deputy's post, not the minister's;
- "Ann Lee, mayor of Brisk since 2013, said …" names the mayor: a first and last name opening the
  sentence is a name;
- "Who was mayor before Omar Reyes?" is answered by whom Reyes succeeded, not by who beat him.
"""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "mayor-2020.md": report("Mayor Lee will not stand again", "Brisk Courier", "2020-11-20",
                            "Ann Lee, mayor of Brisk since 2013, said on Friday she will not stand in next May's "
                            "election.\n\nThe harbour tunnel she championed is due to open in 2024."),
    "mayor-2021.md": report("Omar Reyes elected mayor of Brisk", "Brisk Courier", "2021-05-09",
                            "Omar Reyes has been elected mayor of Brisk, winning 54 percent of the vote in Sunday's "
                            "election.\n\nReyes succeeds Ann Lee, who did not stand."),
    "mayor-2024.md": report("Eva Lund ousts Reyes in Brisk", "Brisk Courier", "2024-05-12",
                            "Eva Lund has been elected mayor of Brisk, defeating incumbent Omar Reyes by 51 percent to "
                            "44 percent.\n\nTurnout was 48 percent."),
    "marathon-2022.md": report("Kenyan wins Brisk marathon", "Brisk Courier", "2022-10-03",
                               "Peter Mwangi won the 2022 Brisk Marathon on Sunday in 2 hours 9 minutes, a course "
                               "record.\n\nMore than 8,000 runners took part in 2022."),
    "prize-2022.md": report("Poet wins 2022 Harbour Prize", "Brisk Courier", "2022-06-20",
                            "Lina Ostrova has won the 2022 Harbour Prize for her collection Salt Roads.\n\n"
                            "The prize of 2022 was presented at the city library."),
    "minister-quits.md": report("Finance minister Berg resigns", "Tarsland Herald", "2021-08-10",
                                "Karl Berg resigned as Tarsland's finance minister on Tuesday after a row over fuel taxes.\n\n"
                                "Deputy Finance Minister Rosa Vidal will serve as acting finance minister until a "
                                "successor is appointed."),
    "minister-named.md": report("Hanna Kross takes over the finance ministry", "Tarsland Herald", "2021-09-02",
                                "Prime Minister Ivo Sander has named Hanna Kross, a former deputy governor of the "
                                "central bank, as the new finance minister.\n\n"
                                "Rosa Vidal, who ran the ministry on an acting basis, returns to her role as deputy "
                                "finance minister."),
    "inflation-2022.md": report("Kross says inflation has peaked", "Tarsland Herald", "2022-06-14",
                                "Finance Minister Hanna Kross said on Tuesday that inflation had peaked at 7.2 percent "
                                "and would fall by the end of the year."),
    "reshuffle-2023.md": report("Pavel Ruud becomes finance minister in reshuffle", "Tarsland Herald", "2023-11-06",
                                "Pavel Ruud has been appointed finance minister in a cabinet reshuffle.\n\n"
                                "Hanna Kross, finance minister since 2021, moves to the foreign ministry."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("holders-plainly"), ARTICLES, embedder)


def _lead(answer) -> str:
    return strip_markers(answer.text).split("\n")[0]


@pytest.mark.parametrize(("question", "as_of", "holder", "not_holder"), [
    ("Who was mayor of Brisk in 2022?", "2025-01-01", "Reyes", "Mwangi"),
    ("who was the finance minister in 2022", "2025-01-01", "Hanna Kross", "Rosa Vidal"),
    ("Who is Tarsland's finance minister?", "2025-01-01", "Pavel Ruud", "Rosa Vidal"),
    ("Who is the deputy finance minister?", "2025-01-01", "Rosa Vidal", "Ruud"),
    ("Who is the mayor of Brisk?", "2021-01-01", "Ann Lee", "Reyes"),
])
def test_the_holder_asked_plainly(assistant, question, as_of, holder, not_holder):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert holder in _lead(answer) and not_holder not in _lead(answer)


def test_a_mayors_election_names_no_finance_minister_of_the_city(assistant):
    answer = assistant.ask("Who was the finance minister of Brisk in 2022?", as_of="2025-01-01")
    assert "Reyes" not in answer.text and "Lee" not in answer.text


@pytest.mark.parametrize("question", ["Who was mayor of Brisk before Omar Reyes?", "Who did Reyes replace as mayor?"])
def test_a_predecessor_is_whom_the_named_holder_took_over_from(assistant, question):
    lead = _lead(assistant.ask(question, as_of="2025-01-01"))
    assert "succeeds Ann Lee" in lead and "Eva Lund" not in lead

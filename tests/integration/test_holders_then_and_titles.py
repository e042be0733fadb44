"""Who held a post, asked of a dated archive as readers ask it. On a real index of made-up reports:

- "Who was running X in January 2023?" asks who held the post then: the last change reported by
  then (a resignation naming an interim chief), not the report nearest in time (the permanent
  appointment a month later), and not a near miss because no report is dated that month;
- "Who was the finance minister in 2022?" and "Who is the finance minister?": a line naming
  someone by the post as their title ("Finance Minister Ines Marr said …") tells who held it on its
  report's day; a former holder or another minister does not;
- "has chosen X, the head of …, as its new chief executive" is an appointment;
- "who's the airline's ceo": a long appointment report whose later lines speak of the interim chief
  and the airline's jets is read by its lead, which says who was appointed.
"""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from rag.question import read
from sample_articles import index_of, report

PORT = {
    "port-approves.md": report("Port board backs new quay", "Harbour Gazette", "2021-03-16",
                               "The Kestrel Port Authority approved a new container quay on Monday at a cost of 1.4 "
                               "billion crowns.\n\nChief executive Ilse Varga said the quay would open in 2024."),
    "port-resigns.md": report("Port chief Varga resigns", "Harbour Gazette", "2022-09-13",
                              "Ilse Varga resigned as chief executive of the Kestrel Port Authority on Tuesday, three "
                              "months after the cost of the new quay rose by half a billion crowns.\n\n"
                              "Deputy chief executive Tomas Brekke will run the authority on an interim basis while "
                              "the board searches for a permanent successor."),
    "port-chosen.md": report("Solberg to lead the port", "Harbour Gazette", "2023-02-21",
                             "The Kestrel Port Authority has chosen Anneke Solberg, the head of the much smaller port "
                             "at Ostby, as its new chief executive, ending five months of uncertainty at the top of "
                             "the city's biggest employer.\n\nSolberg, 52, will take up the post on 3 April."),
    "port-quay.md": report("Quay costs rise again", "Harbour Gazette", "2024-11-27",
                           "The cost of the Kestrel Port Authority's new quay has risen to 2.6 billion crowns, the "
                           "authority said on Wednesday.\n\nThe first berths are due to open in March 2026."),
}
MINISTERS = {
    "rates-2022.md": report("Central bank raises rate", "Norland Wire", "2022-05-12",
                            "The Bank of Norland raised its policy rate to 1.00 percent on Wednesday.\n\n"
                            "Finance Minister Greta Holm said the government respected the bank's independence."),
    "cabinet-2023.md": report("New cabinet sworn in", "Norland Wire", "2023-11-08",
                              "Marta Elvang was sworn in as Norland's prime minister on Tuesday and named the "
                              "economist Sander Koll as her finance minister.\n\n"
                              "Energy Minister Oskar Lind kept his post."),
    "rates-2024.md": report("Central bank cuts rate", "Norland Wire", "2024-06-06",
                            "The Bank of Norland cut its policy rate to 4.00 percent on Wednesday.\n\n"
                            "Finance Minister Sander Koll said the cut was a sign that budget discipline works."),
    "rates-2025.md": report("Central bank trims rate", "Norland Wire", "2025-03-20",
                            "The Bank of Norland cut its policy rate to 3.50 percent on Wednesday.\n\n"
                            "Finance Minister Ines Marr welcomed the cut.\n\n"
                            "Former finance minister Greta Holm said the bank had waited too long."),
}
_JETS = ("Saltmere Air's first C9 regional jet is due at Saltmere Air's hangar in the summer, months late, and "
         "Saltmere Air has leased two older jets to cover the Saltmere Air timetable. ")
AIRLINE = {
    "air-order.md": report("Saltmere Air orders C9 jets", "Coast Business", "2022-03-22",
                           "Saltmere Air ordered eight C9 regional jets on Tuesday, its first new aircraft in a "
                           "decade."),
    "air-lindqvist.md": report("Saltmere Air chief to retire", "Coast Business", "2023-06-14",
                               "Saltmere Air's chief executive, Hedda Lindqvist, will retire at the end of the year, "
                               "the airline said on Tuesday.\n\nLindqvist, 61, has led Saltmere Air since 2014."),
    "air-vast.md": report("Freight boss picked", "Coast Business", "2024-04-10",
                          "Saltmere Air has appointed Joren Vast, the head of freight airline Northline Cargo, "
                          "as its chief executive, ending a search that took longer than the board had planned.\n\n"
                          "Vast, 50, will start on 2 May. He has run Northline Cargo since 2019.\n\n"
                          "Finance director Paul Amsel has been Saltmere Air's interim chief executive since 1 January, "
                          "when Hedda Lindqvist retired after nearly ten years in charge of Saltmere Air. Amsel will "
                          "return to his role as Saltmere Air's chief financial officer when Vast arrives.\n\n"
                          + "\n\n".join(_JETS + f"Saltmere Air's chief executive will meet the jet maker in {month}."
                                        for month in ("May", "June", "July", "August", "September"))),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("holders-then"), {**PORT, **MINISTERS, **AIRLINE}, embedder)


def first_line(answer) -> str:
    return strip_markers(answer.text).split(" [")[0]


def test_who_held_a_post_at_a_past_time_is_told_by_the_last_change_reported_by_then(assistant):
    answer = assistant.ask("Who was running the Kestrel Port Authority in January 2023?", as_of="2025-04-15")
    assert not answer.refused, answer.text
    assert "Tomas Brekke will run the authority" in first_line(answer), answer.text
    assert "Solberg" not in answer.text, answer.text
    assert answer.text.startswith("Latest report as of January 2023 (Harbour Gazette, 13 September 2022): "), answer.text


def test_a_chosen_chief_is_the_newest_holder(assistant):
    answer = assistant.ask("Who runs the Kestrel Port Authority?", as_of="2025-04-15")
    assert not answer.refused, answer.text
    assert "has chosen Anneke Solberg" in first_line(answer), answer.text


@pytest.mark.parametrize(("question", "as_of", "holder", "others"), [
    ("Who is Norland's finance minister?", "2025-04-15", "Ines Marr", ("Koll", "Lind")),
    ("Who was Norland's finance minister in 2022?", "2025-04-15", "Greta Holm", ("Koll", "Marr")),
    ("Who was Norland's finance minister in 2024?", "2025-04-15", "Sander Koll", ("Marr",)),
])
def test_a_title_before_a_name_tells_who_held_the_post_that_day(assistant, question, as_of, holder, others):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert holder in first_line(answer), answer.text
    assert not any(other in first_line(answer) for other in others), answer.text


def test_an_appointment_report_is_read_by_its_lead(assistant):
    query = read("who's saltmere air's ceo", (), "2025-04-15")
    passages = assistant.retriever.retrieve(query, k=1)
    of_report = [p for p in passages if p.chunk.title == "Freight boss picked"]
    assert of_report and any(p.chunk.start == 0 for p in of_report), [(p.chunk.title, p.chunk.start) for p in passages]
    answer = assistant.ask("who's saltmere air's ceo", as_of="2025-04-15")
    assert "has appointed Joren Vast" in first_line(answer), answer.text

"""Reasons and scheduled changes as news words them, on a real index of made-up reports:

- "will step down … on health grounds" answers "Why did X step down?", and "was started by a
  lightning strike" answers "What caused the fire?";
- a fare rise announced in January "from 5 March 2023" answers "What fare rise applied in March
  2023?" asked later, not the next year's rise."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "chancellor.md": report("Halden University chancellor to step down", "Campus Wire", "2023-05-16",
                            "Dame Orla Brisk will step down as chancellor of Halden University on 30 June 2023 on "
                            "health grounds, the university announced on Tuesday.\n\n"
                            "She has been chancellor for eleven years."),
    "fire.md": report("Inquiry confirms cause of Tamsin Hills fire", "Valley News", "2023-08-22",
                      "The Tamsin Hills fire was started by a lightning strike on 7 January 2023, an independent "
                      "inquiry has confirmed.\n\n"
                      "The fire burnt 21,000 hectares before it was contained."),
    "fares-2023.md": report("Coastline Rail to raise fares by 6.2%", "Rail Herald", "2023-01-19",
                            "Coastline Rail will raise fares by 6.2% from 5 March 2023, the largest annual increase "
                            "the operator has imposed in ten years.\n\n"
                            "The regional transport board approved the rise on Wednesday."),
    "fares-2024.md": report("Coastline Rail fares to rise 4.8% in March", "Rail Herald", "2024-01-22",
                            "Coastline Rail fares will rise by 4.8% from 3 March 2024.\n\n"
                            "Passenger groups had asked for a freeze."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("reasons"), ARTICLES, embedder)


@pytest.mark.parametrize("question,as_of,reason", [
    ("Why did Dame Orla Brisk step down as chancellor of Halden University?", "2023-06-01", "health grounds"),
    ("What caused the Tamsin Hills fire?", "2023-09-01", "lightning strike"),
])
def test_a_reason_worded_as_news_words_it(assistant, question, as_of, reason):
    answer = assistant.ask(question, as_of=as_of)
    assert not answer.refused, answer.text
    assert reason in strip_markers(answer.text), answer.text


def test_a_change_announced_before_it_took_effect_answers_for_then(assistant):
    answer = assistant.ask("What fare rise did Coastline Rail apply in March 2023?", as_of="2024-12-31")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert "6.2%" in text and "4.8%" not in text, answer.text


def test_leaving_at_the_end_of_the_month_to_become_gives_the_reason(tmp_path, embedder):
    assistant = index_of(tmp_path, {"council.md": report(
        "Council leader to head new transport authority", "City Post", "2024-09-12",
        "Lena Ostrova will leave as leader of Brayford City Council at the end of the month to become the first "
        "head of the new regional transport authority.\n\n"
        "Her deputy will stand in until the council elects a successor.")}, embedder)
    answer = assistant.ask("Why is Lena Ostrova leaving as leader of Brayford council?", as_of="2024-09-20")
    assert not answer.refused, answer.text
    assert "to become the first head" in strip_markers(answer.text), answer.text


def test_a_fee_toll_now_is_the_newest_decision_not_a_count(tmp_path, embedder):
    assistant = index_of(tmp_path, {
        "toll-1.md": report("Varn Canal to raise toll", "Shipping Daily", "2023-11-20",
                            "The Varn Canal Authority will raise its toll to $5.20 per net tonne from 1 January "
                            "2024.\n\nShipping lines said the rise was too steep."),
        "toll-2.md": report("Varn Canal trims planned toll rise", "Harbour Wire", "2023-12-18",
                            "The Varn Canal Authority said on Monday the toll from 1 January 2024 would be $4.95 per "
                            "net tonne.\n\nIt had announced a rise to $5.20 last month.")}, embedder)
    answer = assistant.ask("What is the current Varn Canal toll per net tonne?", as_of="2024-03-01")
    assert not answer.refused, answer.text
    assert "$4.95" in strip_markers(answer.text).split(". ")[0], answer.text  # the newest decision leads


def test_a_level_set_from_the_day_the_title_names_answers_for_then(tmp_path, embedder):
    """ "Bills to rise 6.8% from April", published in February: its new bill is the level after the
    April rise, though the line giving it names no time (the title does), and a later report's "rise to
    496 from 446" is the next year's."""
    assistant = index_of(tmp_path, {
        "bills-2022.md": report("Orrin Water bills to rise 6.8% from April", "Vale Gazette", "2022-02-14",
                                "Orrin Water said average household bills would rise by 6.8% from 1 April 2022. "
                                "The average annual Orrin Water household bill will go up from 418 dalers to 446 dalers, an "
                                "increase of 28 dalers a year.\n\n"
                                "Customers will pay about 37 dalers a month. The company supplies about 1.3 million "
                                "customers."),
        "bills-2023.md": report("Orrin Water bills to rise 11.2%", "Vale Wire", "2023-02-20",
                                "Orrin Water will raise average household water bills by 11.2% from April, the "
                                "company confirmed on Monday.\n\n"
                                "The average annual Orrin Water household bill will rise to 496 dalers from 446 dalers, the "
                                "company said in a statement. The new charges take effect on 1 April 2023."),
    }, embedder)
    answer = assistant.ask("What was the average Orrin Water bill after the April 2022 rise?", as_of="2025-06-01")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert text.startswith("The average annual Orrin Water household bill will go up from 418 dalers to 446 dalers"), text

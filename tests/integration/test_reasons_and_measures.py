"""Answers that give what the question asks for, on a real index of made-up dated reports: a reason
for "Why …?" (not the report's lead, nor a live blog's furniture; a near miss when the articles give
none), a measure of the asked kind for "How heavy/effective/old …?" (refused when no article gives one),
and the group of people a "Who will travel free …?" asks for (not the fare rise beside it)."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    # A club sacks its coach: the lead tells when, a later sentence why.
    "ald-1.md": report("Aldmoor Rovers sack coach Tomas Brell", "Valley Courier", "2025-02-11",
                       "Aldmoor Rovers sacked coach Tomas Brell on Tuesday, two days after a 3-0 defeat at home to "
                       "Kettering Vale.\n\nBrell took charge of the club in the summer of 2023 and led it to "
                       "promotion in his first season.\n\nThe club said Brell had been dismissed after a run of seven "
                       "games without a win that left the team two points above the relegation places.\n\n"
                       "Assistant coach Dana Roe will take charge of Saturday's match."),
    # A company cuts jobs: the reason is a purpose.
    "hal-1.md": report("Halvern Steel to cut 900 jobs", "Northern Wire", "2025-03-04",
                       "Halvern Steel will cut 900 jobs at its plants in the north over the next year, the company "
                       "said on Tuesday.\n\nThe company employs about 6,000 people.\n\nThe cuts are needed to bring "
                       "costs in line with falling demand for steel from carmakers, chief executive Lorna Pask "
                       "said.\n\nUnions said they would fight the plan."),
    # A live blog of a dock strike, and a report of the union's demand.
    "dock-1.md": report("Live: Port of Selby dock strike", "Coastal Gazette", "2025-04-15",
                        "Our live coverage of the dock strike at the Port of Selby continues.\n\n"
                        "**06:00** — The strike has begun, with pickets at all four gates.\n\n"
                        "**07:30** — No ships have been unloaded this morning.\n\n"
                        "**09:15** — Refresh this page for the latest updates."),
    "dock-2.md": report("Selby dock workers walk out", "Valley Courier", "2025-04-15",
                        "Dock workers at the Port of Selby walked out on Tuesday, halting the unloading of ships.\n\n"
                        "The union is demanding a 9 percent pay rise to make up for inflation, after the port "
                        "operator offered 3 percent.\n\nAbout 1,400 workers are taking part in the strike."),
    # A sacking reported with no reason at all.
    "cal-1.md": report("Calder United part with manager Ivo Stam", "Northern Wire", "2025-05-06",
                       "Calder United have sacked manager Ivo Stam, the club announced on Monday.\n\n"
                       "\"I have loved every minute at this club,\" Stam said in a statement.\n\n"
                       "\"I wish the players and the fans all the best for the rest of the season,\" he added."),
    # Launches, one report giving the satellite's mass; approvals, one giving the vaccine's efficacy.
    "sat-1.md": report("Orla-2 satellite launched", "Coastal Gazette", "2025-06-02",
                       "The Orla-2 weather satellite was launched from the Kestrel Point spaceport on Sunday.\n\n"
                       "The satellite weighs 1,250 kilograms and will orbit at an altitude of 800 km.\n\n"
                       "It will replace Orla-1, which has been in service since 2014."),
    "sat-2.md": report("Venn probe lifts off", "Northern Wire", "2025-06-09",
                       "The Venn space probe lifted off from the Kestrel Point spaceport on Monday on its way to "
                       "study the Sun.\n\nThe launch was watched by thousands of people along the coast.\n\n"
                       "Engineers said all its instruments were working."),
    "vac-1.md": report("Regulator approves Corvex flu vaccine", "Valley Courier", "2025-07-01",
                       "The national medicines regulator approved the Corvex flu vaccine for adults on Monday.\n\n"
                       "The first doses will be given to care home residents in October.\n\n"
                       "The vaccine was 82 percent effective at preventing severe illness in a trial of 12,000 "
                       "adults."),
    "vac-2.md": report("Regulator approves Tamsin shingles vaccine", "Northern Wire", "2025-07-08",
                       "The national medicines regulator approved the Tamsin shingles vaccine for people over 60 on "
                       "Tuesday.\n\nThe first doses will be given at local pharmacies from September.\n\n"
                       "The health minister welcomed the decision."),
    # Fares rise; a group travels free.
    "bus-1.md": report("Bus fares to rise in Marlow from March", "Coastal Gazette", "2025-01-20",
                       "Single bus fares in Marlow will rise to 2.50 euros from March, the transport authority said "
                       "on Monday.\n\nChildren and young people under 18 will travel free on all buses from March, "
                       "the authority said.\n\nA monthly pass for adults will cost 55 euros."),
    "bus-2.md": report("Dunmore bus fares go up in April", "Valley Courier", "2025-02-03",
                       "Single bus fares in Dunmore will go up by 20 cents to 2.10 euros from April, the council said "
                       "on Monday.\n\nPensioners and under-16s will ride free on all routes from April.\n\n"
                       "The council said the rise would pay for ten new electric buses."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("reasons-measures"), ARTICLES, embedder)


def _ask(assistant, question, as_of):
    answer = assistant.ask(question, as_of=as_of)
    return answer, strip_markers(answer.text)


def test_why_a_coach_was_sacked_is_the_clubs_reason_not_the_lead(assistant):
    answer, text = _ask(assistant, "Why did Aldmoor Rovers sack their coach?", "2025-02-12")
    assert not answer.refused, text
    assert text.startswith("The club said Brell had been dismissed after a run of seven games without a win"), text


def test_why_jobs_are_cut_is_the_purpose_the_company_gives(assistant):
    answer, text = _ask(assistant, "Why is Halvern Steel cutting 900 jobs?", "2025-03-05")
    assert not answer.refused, text
    assert "needed to bring costs in line with falling demand" in text, text
    assert "will cut 900 jobs at its plants" not in text, text


def test_why_workers_walked_out_is_the_unions_demand_not_live_blog_furniture(assistant):
    answer, text = _ask(assistant, "Why did dock workers walk out yesterday?", "2025-04-16")
    assert not answer.refused, text
    assert "demanding a 9 percent pay rise to make up for inflation" in text, text
    for furniture in ("live coverage", "The strike has begun", "Refresh this page", "halting the unloading"):
        assert furniture not in text, text


@pytest.mark.parametrize("question", ["Why did Calder sack their manager?", "Why did Calder United sack Ivo Stam?"])
def test_why_of_an_event_reported_without_a_reason_is_a_near_miss(assistant, question):
    answer, text = _ask(assistant, question, "2025-05-07")
    assert answer.refused and answer.kind == "near_miss", text
    assert "don't say why" in text and "loved every minute" not in text, text


def test_how_heavy_is_answered_by_the_mass(assistant):
    answer, text = _ask(assistant, "How heavy was the Orla-2 satellite?", "2025-06-03")
    assert not answer.refused, text
    assert text.startswith("The satellite weighs 1,250 kilograms"), text
    assert "was launched from" not in text, text


def test_how_heavy_without_a_mass_in_the_articles_is_refused_not_answered_by_the_launch(assistant):
    answer, text = _ask(assistant, "How heavy was the Venn probe?", "2025-06-10")
    assert answer.refused, text
    assert "lifted off" not in text, text


def test_how_old_is_answered_by_an_age_not_by_a_score(assistant):
    answer, text = _ask(assistant, "How old is Tomas Brell?", "2025-02-12")
    assert answer.refused, text
    assert "3-0 defeat" not in text, text
    answer, text = _ask(assistant, "How old is the Orla-1 satellite?", "2025-06-03")
    assert not answer.refused and "in service since 2014" in text, text


def test_how_effective_is_answered_by_the_efficacy_figure(assistant):
    answer, text = _ask(assistant, "How effective is the Corvex vaccine?", "2025-07-02")
    assert not answer.refused, text
    assert text.startswith("The vaccine was 82 percent effective"), text
    assert "approved the Corvex" not in text, text


def test_how_effective_without_a_figure_is_refused_not_answered_by_the_approval(assistant):
    answer, text = _ask(assistant, "How effective is the Tamsin vaccine?", "2025-07-09")
    assert answer.refused, text
    assert "approved the Tamsin" not in text and "82 percent" not in text, text


@pytest.mark.parametrize("question, as_of, group", [
    ("Who will travel free on the buses from March?", "2025-01-25", "Children and young people under 18 will travel free"),
    ("Who will travel free on Dunmore buses from April?", "2025-02-05", "Pensioners and under-16s will ride free"),
    ("Who will ride free on Dunmore's buses?", "2025-02-05", "Pensioners and under-16s will ride free"),
])
def test_who_travels_free_is_the_group_named_not_the_fare_rise(assistant, question, as_of, group):
    answer, text = _ask(assistant, question, as_of)
    assert not answer.refused, text
    assert text.startswith(group), text

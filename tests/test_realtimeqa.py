"""The real-news development set: open-answer scoring, conversion for ingest, and the run's skip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from rag import Assistant
from rag.eval import realtimeqa as rt

DATA = Path(os.environ.get("RAG_REALTIMEQA_DIR") or ROOT.parent / "shared" / "data" / "realtimeqa")
STATES = ("California", "Idaho", "New York", "Texas")

# ----- open-answer scoring -----------------------------------------------------------------------


def test_an_answer_naming_the_gold_choice_is_right():
    answer = "Police said the men were arrested near the event in Coeur d'Alene, Idaho, on Saturday."
    assert rt.verdict(answer, STATES, 1) == "gold"
    assert rt.verdict(answer, STATES, 3) == "other"  # with Texas as the gold, Idaho is another choice


def test_an_answer_naming_another_choice_more_is_wrong():
    answer = "The group came from Texas; Texas police and Texas rangers had warned Idaho."
    assert rt.choice_strengths(answer, STATES)[3] > rt.choice_strengths(answer, STATES)[1]
    assert rt.verdict(answer, STATES, 1) == "other"
    assert rt.verdict(answer, STATES, 3) == "gold"


def test_naming_two_choices_equally_is_not_right():
    assert rt.verdict("Either Idaho or Texas, reports differ.", STATES, 1) == "other"


def test_an_answer_naming_no_choice():
    assert rt.verdict("The event took place in a city park.", STATES, 1) == "none"
    assert rt.verdict("", STATES, 1) == "none"


def test_quotes_case_and_punctuation_do_not_matter():
    shows = ("“Game of Thrones”", "“Squid Game”", "“Breaking Bad”", "“Friends”")
    assert rt.verdict('Netflix renewed "SQUID GAME" for a second season.', shows, 1) == "gold"
    assert rt.verdict("Netflix renewed squid-game for a second season.", shows, 1) == "gold"
    # "Game" is shared by two choices: it names neither.
    assert rt.verdict("A game show was renewed.", shows, 1) == "none"
    treats = ("Pumpkin pie", "Maple cookies", "McDonalds")
    assert rt.names_choice("at McDonald's", treats, 2) and rt.names_choice("at MCDONALD’S", treats, 2)
    # All of "McDonalds" against half of "Maple cookies": the whole name is named more.
    assert rt.verdict("McDonald’s added a Maple cookie.", treats, 2) == "gold"
    assert rt.verdict("McDonald’s added a Maple cookie.", treats, 1) == "other"


def test_partial_names_and_inflections():
    people = ("Brittney Griner", "Sue Bird", "Diana Taurasi", "Candace Parker")
    assert rt.verdict("A court extended Griner's detention.", people, 0) == "gold"
    assert rt.verdict("European regulators agreed on one charger.", ("Europe", "North America", "Asia", "Africa"), 0) == "gold"
    # Only the distinctive word counts: "New" alone names neither New York nor New Jersey.
    places = ("New York", "Florida", "New Jersey", "South Carolina")
    assert rt.verdict("The new estate is private.", places, 0) == "none"
    assert rt.verdict("The club is in New Jersey.", places, 2) == "gold"
    assert rt.verdict("The club is in New Jersey.", places, 0) == "other"


def test_numbers_are_matched_whole():
    amounts = ("$19,000", "$100,000", "$1 million", "$19 million")
    assert rt.verdict("The bidder paid $19 million for the lunch.", amounts, 3) == "gold"
    assert rt.verdict("The bidder paid 19,000 dollars.", amounts, 0) == "gold"
    outages = ("200,000", "500,000", "1.2 million", "2.5 million")
    assert rt.verdict("More than 2.3 million customers had no power [2].", outages, 3) == "none"
    assert rt.verdict("About 2.5 million customers had no power.", outages, 3) == "gold"
    assert rt.verdict("Chestnut ate 63 hot dogs in 10 minutes.", ("15", "33", "45", "63"), 3) == "gold"


def test_a_choice_inside_another_is_not_named_by_the_longer_one():
    times = ("One second", "One-tenth of a second", "One-hundredth of a second", "One-thousandth of a second")
    assert rt.verdict("It was decided by one-thousandth of a second.", times, 3) == "gold"
    assert rt.verdict("It was decided by one-thousandth of a second.", times, 0) == "other"
    assert rt.verdict("It took one second.", times, 0) == "gold"


def test_question_types():
    assert rt.question_type("How many hot dogs did he eat?") == "how many"
    assert rt.question_type("Who won the race this week?") == "who"
    assert rt.question_type("Which country did the president flee to?") == "where"
    assert rt.question_type("Which show was renewed?") == "which"
    assert rt.question_type("Which of the following airports had the most delays?") == "choices"
    assert rt.question_type("Which investor has NOT been linked to the takeover?") == "choices"
    # A lower-case "not" in a plain question does not need the choices.
    assert rt.question_type("Fans of which musician will not be able to take photos?") == "which"


def test_splits_by_week():
    assert rt.split_of("20220617") == rt.split_of(rt.LAST_CALIBRATION_WEEK) == "calibration"
    assert rt.split_of("20220819") == rt.split_of("20220930") == "test"


# ----- conversion --------------------------------------------------------------------------------


def _sample(folder: Path) -> Path:
    folder.mkdir()
    articles = [
        {"url": "https://www.example-news.com/2022/06/12/media/show-renewed/index.html",
         "title": "A hit series is renewed - Example News",
         "text": "The streaming service said on Sunday that the series returns for a second season.\n\n"
                 "Its director confirmed that filming starts next year.",
         "authors": ["Ann Writer", "Bo Editor"], "publish_date": "2022/06/12"},
        {"url": "https://sports.example.org/story/2019/07/04/contest",
         "title": "The annual eating contest",
         "text": "The champion ate 71 hot dogs to win the contest again.",
         "authors": [], "publish_date": None},
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    return folder


def test_conversion_gives_ingest_the_outlet_date_author_and_url(tmp_path, embedder):
    source = _sample(tmp_path / "data")
    out = rt.convert(source, tmp_path / "converted")
    records = [json.loads(line) for f in sorted(out.glob("articles-*.jsonl")) for line in f.read_text().splitlines()]
    assert [r["source"] for r in records] == ["example-news.com", "sports.example.org"]
    assert records[0]["published"] == "2022-06-12" and records[1]["published"] == ""
    assert len({r["id"] for r in records}) == 2

    assistant = Assistant.build([out], tmp_path / "index", embedder=embedder)
    assert len(assistant.last_report.added) == 2 and not assistant.last_report.failed
    stored = {a.url: a for a in (assistant.article(info.id) for info in assistant.articles())}
    show = stored["https://www.example-news.com/2022/06/12/media/show-renewed/index.html"]
    assert (show.source, show.published, show.author) == ("example-news.com", "2022-06-12", "Ann Writer, Bo Editor")
    assert show.title == "A hit series is renewed - Example News"
    assert "second season" in show.text
    # Asked as of the day before it was published, the article is not shown.
    assert not any(p.url == show.url for p in assistant.ask("Which series returns for a second season?",
                                                            as_of="2022-06-11").passages)
    assert any(p.url == show.url for p in assistant.ask("Which series returns for a second season?",
                                                        as_of="2022-06-16").passages)

    # Converting the same data again rewrites nothing, and the index stays as it is.
    before = {f.name: f.stat().st_mtime_ns for f in out.iterdir()}
    rt.convert(source, tmp_path / "converted")
    assert {f.name: f.stat().st_mtime_ns for f in out.iterdir()} == before
    assistant.index.close()
    again = Assistant.build([out], tmp_path / "index", embedder=embedder)
    assert not again.last_report.added and len(again.last_report.unchanged) == 2
    again.index.close()


def test_conversion_errors_name_the_file_and_line(tmp_path):
    (tmp_path / "articles.jsonl").write_text('{"url": "https://a.example/x", "title": "t", "text": "x"}\n{"title": "no url"}\n')
    with pytest.raises(rt.RagError, match=r"articles.jsonl:2: not an article record"):
        rt.convert(tmp_path, tmp_path / "out")
    with pytest.raises(rt.RagError, match="RAG_REALTIMEQA_DIR"):
        rt.load_questions(tmp_path / "missing")


def test_the_run_skips_in_one_line_without_the_data(tmp_path):
    env = {**os.environ, "RAG_REALTIMEQA_DIR": str(tmp_path / "absent"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_public.py"), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"eval-public: skipped, no RealTimeQA data at {tmp_path / 'absent'} "
                                        "(set RAG_REALTIMEQA_DIR to its folder)"]
    assert not (tmp_path / "out").exists()


# ----- the real weeks, where they are -----------------------------------------------------------


@pytest.mark.skipif(not (DATA / "qa.jsonl").is_file(), reason=f"no RealTimeQA data at {DATA}")
def test_the_development_weeks_and_their_splits():
    questions = rt.load_questions(DATA)
    assert len(questions) == 459 and len({q.week for q in questions}) == 16
    assert Counter(q.split for q in questions) == {"calibration": 269, "test": 190}
    assert all(q.week >= "20220617" and q.week <= "20220930" for q in questions)
    # Each gold choice, written out, is right by the scorer and no other choice is.
    assert all(rt.verdict(q.choices[q.gold], q.choices, q.gold) == "gold" for q in questions)
    assert all(rt.verdict(q.choices[q.gold], q.choices, other) != "gold"
               for q in questions for other in range(len(q.choices)) if other != q.gold
               if set(rt.content_words(q.choices[other])) != set(rt.content_words(q.choices[q.gold])))

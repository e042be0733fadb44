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
TOWNS = ("Aldmoor", "Brennick", "New Carvel", "Dunmarsh")

# ----- open-answer scoring -----------------------------------------------------------------------


def test_an_answer_naming_the_gold_choice_is_right():
    answer = "Police said the fair was held near the river in Brennick, on Saturday."
    assert rt.verdict(answer, TOWNS, 1) == "gold"
    assert rt.verdict(answer, TOWNS, 3) == "other"  # with Dunmarsh as the gold, Brennick is another choice


def test_an_answer_naming_another_choice_more_is_wrong():
    answer = "The group came from Dunmarsh; Dunmarsh police and Dunmarsh rangers had warned Brennick."
    assert rt.choice_strengths(answer, TOWNS)[3] > rt.choice_strengths(answer, TOWNS)[1]
    assert rt.verdict(answer, TOWNS, 1) == "other"
    assert rt.verdict(answer, TOWNS, 3) == "gold"


def test_naming_two_choices_equally_is_not_right():
    assert rt.verdict("Either Brennick or Dunmarsh, reports differ.", TOWNS, 1) == "other"


def test_an_answer_naming_no_choice():
    assert rt.verdict("The event took place in a city park.", TOWNS, 1) == "none"
    assert rt.verdict("", TOWNS, 1) == "none"


def test_quotes_case_and_punctuation_do_not_matter():
    shows = ("“Glass Harbor”", "“Paper Kings”", "“Night Ferry”", "“Harbor Lights”")
    assert rt.verdict('The service renewed "PAPER KINGS" for a second season.', shows, 1) == "gold"
    assert rt.verdict("The service renewed paper-kings for a second season.", shows, 1) == "gold"
    # "Harbor" is shared by two choices: it names neither.
    assert rt.verdict("A harbor show was renewed.", shows, 0) == "none"
    treats = ("Plum tart", "Honey biscuits", "OBriens")
    assert rt.names_choice("at O'Brien's", treats, 2) and rt.names_choice("at O’BRIEN’S", treats, 2)
    # All of "OBriens" against half of "Honey biscuits": the whole name is named more.
    assert rt.verdict("O’Brien’s added a honey biscotti.", treats, 2) == "gold"
    assert rt.verdict("O’Brien’s added a honey biscotti.", treats, 1) == "other"


def test_partial_names_and_inflections():
    people = ("Mara Quell", "Tobin Reyes", "Ilse Varga", "Jonah Pike")
    assert rt.verdict("A court extended Quell's contract.", people, 0) == "gold"
    assert rt.verdict("European regulators agreed on one charger.", ("Europe", "South America", "Asia", "Oceania"), 0) == "gold"
    # Only the distinctive word counts: "New" alone names neither New Carvel nor New Aldport.
    places = ("New Carvel", "Dunmarsh", "New Aldport", "West Brennick")
    assert rt.verdict("The new estate is private.", places, 0) == "none"
    assert rt.verdict("The club is in New Aldport.", places, 2) == "gold"
    assert rt.verdict("The club is in New Aldport.", places, 0) == "other"


def test_numbers_are_matched_whole():
    amounts = ("$25,000", "$250,000", "$2 million", "$25 million")
    assert rt.verdict("The bidder paid $25 million for the painting.", amounts, 3) == "gold"
    assert rt.verdict("The bidder paid 25,000 dollars.", amounts, 0) == "gold"
    outages = ("300,000", "700,000", "1.4 million", "3.5 million")
    assert rt.verdict("More than 3.2 million customers had no water [2].", outages, 3) == "none"
    assert rt.verdict("About 3.5 million customers had no water.", outages, 3) == "gold"
    assert rt.verdict("The winner finished 57 laps in 10 hours.", ("12", "29", "41", "57"), 3) == "gold"


def test_a_number_is_named_however_it_is_written():
    assert rt.verdict("The court extended her detention by six months.", ("3", "6", "9", "12"), 1) == "gold"
    assert rt.verdict("It is the club's third title; it won 3 in all.", ("Two", "Three", "Four", "Five"), 1) == "gold"
    funds = ("£1m", "£2m", "£5m", "£7 million")
    assert rt.verdict("The fund has raised more than £7m.", funds, 3) == "gold"
    assert rt.verdict("The fund has raised £5 million so far.", funds, 2) == "gold"
    assert rt.verdict("Someone said it was one of many.", funds, 0) == "none"


def test_a_choice_inside_another_is_not_named_by_the_longer_one():
    times = ("One metre", "One-tenth of a metre", "One-hundredth of a metre", "One-thousandth of a metre")
    assert rt.verdict("It was decided by one-thousandth of a metre.", times, 3) == "gold"
    assert rt.verdict("It was decided by one-thousandth of a metre.", times, 0) == "other"
    assert rt.verdict("It missed by one metre.", times, 0) == "gold"


def test_question_types():
    assert rt.question_type("How many laps did she finish?") == "how many"
    assert rt.question_type("Who won the race this week?") == "who"
    assert rt.question_type("Which country did the minister visit?") == "where"
    assert rt.question_type("Which bakery opened a shop?") == "which"
    assert rt.question_type("Which of the following bridges reopened first?") == "choices"
    assert rt.question_type("Which firm has NOT bid for the club?") == "choices"
    # A lower-case "not" in a plain question does not need the choices.
    assert rt.question_type("Which singer will not tour this year?") == "which"


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
         "text": "The champion ran 71 laps to win the race again.",
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
    # A pool of chosen articles only (the run's --weeks).
    some = rt.convert(source, tmp_path / "some", urls={"https://sports.example.org/story/2019/07/04/contest"})
    assert [json.loads(line)["title"] for f in some.glob("articles-*.jsonl") for line in f.read_text().splitlines()] \
        == ["The annual eating contest"]

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

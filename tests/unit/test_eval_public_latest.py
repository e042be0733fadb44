"""The real-news "latest"/timeline measurement: how its scorer reads values, and its gold file's shape."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

from rag.records import ArticleMeta, Chunk, Passage

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("eval_public_latest", ROOT / "scripts" / "eval_public_latest.py")
latest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(latest)


def passage(source: str, published: str) -> Passage:
    chunk = Chunk("c1", "a1", "Floods", "", "Floods.", 0, 7, ((0, 7),))
    return Passage(chunk=chunk, score=0.5, rank=1, meta=ArticleMeta("Floods", source=source, published=published))


def test_a_number_is_named_however_it_is_written():
    assert latest.names("The national average fell to $4.01 a gallon.", "$4.01")
    assert latest.names("Gas costs 4.01 dollars a gallon.", "$4.01")
    assert latest.names("At least eight people are dead.", "8")
    assert latest.names("The jackpot rolls to $1,020,000,000 for Friday.", "$1.02 billion")
    assert latest.names("More than 6,000 cases were recorded.", "6,000")
    assert latest.names("a range of 1.5% to 1.75%", "1.5% to 1.75%")
    assert not latest.names("The jackpot is $810 million.", "$1.02 billion")
    assert not latest.names("It peaked at $5.02 a gallon.", "$5")
    assert not latest.names("The rate rose to 1.75%.", "1.5% to 1.75%")  # a range needs both ends
    assert not latest.names("It averaged $4.10.", "$4.01")


def test_a_name_is_named_by_half_its_words_and_alternatives_count():
    assert latest.names("Truss became prime minister on Tuesday.", "Liz Truss")
    assert latest.names("King Charles addressed the nation.", "King Charles III")
    assert not latest.names("The Queen met her.", "Queen Elizabeth II")
    assert latest.names("Another attempt is set for Saturday.", "September 3|Saturday")


def test_latest_is_judged_on_the_first_sentence_without_its_label():
    passages = (passage("cnn.com", "2022-08-08"), passage("usatoday.com", "2022-07-29"))
    gold = {"answer": "8", "superseded": []}
    # The label's day ("8 August 2022") is no value the answer gives.
    text = "Latest report (cnn.com, 8 August 2022): At least 28 people have died."
    lines = latest._lines(text, passages)
    assert lines == ["At least 28 people have died."]
    assert latest._lines("Latest report as of 2021 (cnn.com, 8 August 2022): At least 28 people have died.",
                         passages) == lines
    row = {"first_sentence": latest._first_sentence(lines), "refused": False}
    assert latest._score_latest(row, " ".join(lines), gold)["verdict"] == "wrong"

    gold = {"answer": "37", "superseded": ["28", "8"]}
    text = ("Latest report (cnn.com, 8 August 2022): At least 28 people have died. Officials now count 37. "
            "Earlier report (usatoday.com, 29 July 2022): At least eight people are dead.")
    lines = latest._lines(text, passages)
    row = {"first_sentence": latest._first_sentence(lines), "refused": False}
    scored = latest._score_latest(row, " ".join(lines), gold)
    assert scored["verdict"] == "wrong-instance" and scored["superseded_named"] == ["28"]
    assert scored["gold_later_in_answer"]  # 37 only in the second sentence

    row = {"first_sentence": "The toll rose to 37 from 28 on Monday.", "refused": False}
    assert latest._score_latest(row, row["first_sentence"], gold)["verdict"] == "right"
    row = {"first_sentence": "The floods hit eastern towns.", "refused": False}
    scored = latest._score_latest(row, "The floods hit eastern towns. The toll is 37.", gold)
    assert scored["verdict"] == "wrong" and scored["gold_later_in_answer"]
    assert latest._score_latest({"first_sentence": "", "refused": True}, "", gold)["verdict"] == "refused"


def test_a_timeline_is_complete_at_two_thirds_of_its_values():
    gold = {"answer": ["8", "28", "37"]}
    assert latest._score_timeline({"refused": False}, "First 8 dead, then 28, then 37.", gold)["verdict"] == "complete"
    assert latest._score_timeline({"refused": False}, "First 8 dead, then 28.", gold)["verdict"] == "complete"
    partial = latest._score_timeline({"refused": False}, "At least 37 died.", gold)
    assert partial["verdict"] == "partial" and partial["named"] == ["37"] and partial["share"] == 0.333


def test_the_gold_holds_short_values_asked_at_several_dates():
    rows = [json.loads(line) for line in (ROOT / "eval" / "gold" / "realtimeqa-latest.jsonl").read_text().splitlines()]
    assert len({r["id"] for r in rows}) == len(rows)
    kinds = Counter(r["type"] for r in rows)
    assert 25 <= kinds["latest"] <= 35 and 8 <= kinds["timeline"] <= 12
    for r in rows:
        dt.date.fromisoformat(r["as_of"])
        assert r["urls"] and all(u.startswith("https://") for u in r["urls"])
        values = r["answer"] if r["type"] == "timeline" else [r["answer"], *r["superseded"]]
        assert all(isinstance(v, str) and 0 < len(v) <= 60 for v in values), r["id"]  # values, never article text
        if r["type"] == "timeline":
            assert len(r["answer"]) >= 3 and len(r["dates"]) == len(r["answer"]) == len(r["urls"])
            assert r["dates"] == sorted(r["dates"]) and r["dates"][-1] <= r["as_of"]
    asked = Counter(r["question"] for r in rows if r["type"] == "latest")
    assert sum(n >= 2 for n in asked.values()) >= 12  # most stories are asked at two dates or more

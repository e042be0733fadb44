"""Which sentence answers, on small real indexes: the subject over the speaker's name, the sentence
that gives what another only announces, never page furniture (bylines, stamps, captions, share
lines, cut-off snippets), and the committed sentence model's file."""

from __future__ import annotations

import json

import pytest

from rag import Assistant
from rag.answering.sentence_model import FEATURES, MODEL_FILE, committed_model
from rag.citations import strip_markers
from sample_articles import TOLLS, index_of

MAYOR = """---
title: Mayor sets out congestion plan
source: Harbour Ledger
published: 2024-03-04
---
Mayor Elena Brandt on Monday set out a plan to cut traffic in the old town, saying the city could no longer wait.

Brandt said drivers entering the centre would pay a daily toll of 6 euros from September, rising to 8 euros in 2026.

Business groups warned that the toll would drive shoppers to out-of-town malls.

She said cyclists would get 14 kilometres of protected lanes along the river, built by the end of next year.

The council votes on the plan in April.
"""

ORCHARD = """---
title: Orchard workers return after strike
source: Valley Courier
published: 2023-10-02
---
Pickers at the valley's largest orchards went back to work on Monday after a three-week walkout.

The orchard strike ended with a pay deal.

Under the agreement, hourly wages rise by 12 percent this season and by a further 5 percent next year, and overtime is paid from the ninth hour.

Growers said the harvest would still be completed on time.
"""

FURNITURE = """---
title: Storm closes coastal road
source: Coast Times
published: 2024-01-15
---
By Ana Ruiz, Staff Writer

Updated 14:02 GMT, 15 January 2024

Sign up for our storm alerts newsletter to hear when the coastal road reopens.

The coastal road between the two harbours was closed on Sunday after waves washed away a 40-metre section near the lighthouse.

Engineers said the road would reopen in about six weeks, once a new sea wall is built.

Photo: Waves break over the coastal road near the lighthouse on Sunday.

Officials said the repairs would reopen the road in…
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("choice"),
                    {"mayor.md": MAYOR, "orchard.md": ORCHARD, "storm.md": FURNITURE}, embedder)


def test_what_a_speaker_said_about_a_subject_quotes_the_subject_not_the_speakers_name(assistant):
    answer = assistant.ask("What did Mayor Elena Brandt say about the cyclists?", as_of="2024-03-10")
    assert not answer.refused
    text = strip_markers(answer.text)
    assert "cyclists would get 14 kilometres" in text
    assert "toll" not in text.split("cyclists")[0], text  # the answer opens with the cyclists, not the tolls


def test_a_sentence_that_only_announces_the_answer_is_followed_by_the_one_that_gives_it(assistant):
    answer = assistant.ask("What pay deal ended the orchard strike?", as_of="2023-10-10")
    assert not answer.refused
    text = strip_markers(answer.text)
    assert "12 percent" in text, text


@pytest.mark.parametrize("question,must_not_quote", [
    ("Who wrote the report on the coastal road?", "By Ana Ruiz"),
    ("When was the coastal road report updated?", "Updated 14:02"),
    ("How do I hear when the coastal road reopens?", "Sign up"),
    ("What does the photo of the coastal road show?", "Photo:"),
    ("When will the coastal road reopen?", "reopen the road in…"),
])
def test_page_furniture_is_never_the_answer(assistant, question, must_not_quote):
    answer = assistant.ask(question, as_of="2024-01-20")
    assert must_not_quote not in answer.text, answer.text


def test_the_reopening_question_is_answered_from_the_news_sentence(assistant):
    answer = assistant.ask("When will the coastal road reopen?", as_of="2024-01-20")
    assert not answer.refused and "six weeks" in answer.text


def test_the_committed_sentence_model_matches_the_features_it_is_read_with():
    data = json.loads(MODEL_FILE.read_text())
    assert tuple(data["features"]) == FEATURES
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURES)
    assert data["fitted_on"].get("realtimeqa", 0) > 0, "fitted without real news: run scripts/fit_answering.py"
    assert committed_model() is not None


def test_the_refusal_threshold_in_settings_is_the_one_fitted_with_the_model():
    from rag.config import Settings

    assert Settings().min_answer_likelihood == json.loads(MODEL_FILE.read_text())["min_answer_likelihood"]




@pytest.fixture(scope="module")
def tolls(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("tolls"), {"brandt-tolls.md": TOLLS}, embedder)


CYCLISTS = "She said cyclists would get 14 kilometres of protected lanes"


def test_what_about_the_cyclists_after_the_mayors_tolls_quotes_the_cyclists_not_the_tolls(tolls):
    first = tolls.ask("What did Mayor Elena Brandt say about tolls?")
    answer = tolls.ask("What about the cyclists?", [first])
    assert answer.query == "What did Mayor Elena Brandt say about the cyclists?"
    assert strip_markers(answer.text).startswith(CYCLISTS), answer.text
    assert "toll" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["What did the mayor say about the cyclists?", "What did Brandt say about cyclists?"])
def test_a_speaker_asked_by_title_or_surname_finds_what_she_said(tolls, question):
    answer = tolls.ask(question)
    assert not answer.refused and CYCLISTS in answer.text, answer.text


def test_a_sentence_two_outlets_wrote_near_word_for_word_is_quoted_once(tmp_path, embedder):
    first = """---
title: Island leader flees as protests grow
source: Wire One
published: 2022-07-13
---
The island nation has plunged into chaos and its president has fled abroad as anger grows over the economic crisis.

Protesters occupied the prime minister's office on Wednesday.
"""
    second = """---
title: President flees island nation
source: Daily Two
published: 2022-07-13
---
The island nation has plunged into chaos and its president has fled abroad, as anger grows over the economic crisis.

Security forces fired tear gas at crowds in the capital.
"""
    (tmp_path / "one.md").write_text(first)
    (tmp_path / "two.md").write_text(second)
    assistant = Assistant.build([tmp_path], tmp_path / "index", embedder=embedder)
    answer = assistant.ask("What happened to the island nation's president?", as_of="2022-07-14")
    assert not answer.refused
    assert strip_markers(answer.text).count("plunged into chaos") == 1, answer.text



def test_a_near_miss_on_a_name_says_what_is_missing_without_listing_dates(tmp_path, embedder):
    (tmp_path / "floods.md").write_text("""---
title: River town plans new flood walls
source: Valley Courier
published: 2023-05-02
---
The town council approved new flood walls along the river on Monday, after two floods in three years.

Mayor Anna Keller said the walls would be built by the end of 2024 at a cost of 12 million euros.
""")
    (tmp_path / "budget.md").write_text("""---
title: Council passes budget
source: Valley Courier
published: 2023-02-10
---
The council passed its yearly budget on Thursday by 21 votes to 14.

Councillor Tom Lee said the budget raised parking fees too far.
""")
    assistant = Assistant.build([tmp_path], tmp_path / "index", embedder=embedder)
    answer = assistant.ask("What did Councillor Tom Lee say about the flood walls?", as_of="2023-06-01")
    assert answer.refused and answer.kind == "near_miss", answer.text
    assert "Tom Lee" in answer.text
    assert "cover" not in answer.text and "2023" not in answer.text, answer.text  # no dates given as the reason


# Two outlets carry one sentence near word for word; the one that opens its story misspells the album's name.
ALBUM_WIRE = """---
title: Singer announces new album
source: Music Wire
published: 2024-06-16
---
The streaming service announced on Thursday that the singer's upcoming album "Lanternne" will arrive this summer, with its first part out on July 29.
"""

ALBUM_DAILY = """---
title: What we know about the singer's new project
source: Pop Daily
published: 2024-06-16
---
Fans had waited for news for months, and the singer kept them guessing with cryptic posts and a quiet website.

Her social media pages were wiped clean last week, and friends began posting old photos of her with captions hinting at a return.

The streaming service announced on Thursday that the singer's upcoming album "Lanterne" will arrive this summer, with its first part out on July 29.

Tickets for a tour have not been announced.
"""


@pytest.fixture(scope="module")
def copies(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("copies"), {"wire.md": ALBUM_WIRE, "daily.md": ALBUM_DAILY}, embedder)


def test_of_two_copies_of_a_sentence_the_one_closest_to_the_question_leads(copies):
    answer = copies.ask("The singer's upcoming album will arrive this summer. What is it called?",
                        as_of="2024-06-17")
    assert not answer.refused, answer.text
    text = strip_markers(answer.text)
    assert '"Lanterne"' in text, text


RING = """---
title: Divers find ancient silver ring off the coast
source: Harbour Ledger
published: 2024-05-14
---
Marine archaeologists have found a rare 1,900-year-old silver ring during an underwater survey off the coast near Portmara, the national heritage agency said on Tuesday.

The agency said it was the first time such a ring had been found along that stretch of coast.

The silver ring bears the engraving of a leaping dolphin beside the name of a sea god.

Experts say it was probably made in a workshop in the old port city and lost from a merchant ship.
"""


@pytest.fixture(scope="module")
def ring(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("ring"), {"ring.md": RING}, embedder)


def test_what_is_asked_of_a_premise_is_answered_by_the_sentence_that_says_it_not_the_one_restating_it(ring):
    # The report of the find matches the question best (it restates the premise); only the
    # engraving sentence says what the asking sentence asks.
    answer = ring.ask("A 1,900-year-old silver ring was found off the coast near Portmara. What engraving did it bear?",
                      as_of="2024-05-20")
    assert not answer.refused
    assert strip_markers(answer.text).startswith("The silver ring bears the engraving of a leaping dolphin"), answer.text


def test_a_question_with_no_premise_keeps_the_sentence_that_answers_it_first(ring):
    answer = ring.ask("Where was the 1,900-year-old silver ring found?", as_of="2024-05-20")
    assert strip_markers(answer.text).startswith("Marine archaeologists have found"), answer.text


SWORN_IN = """---
title: Ann Roe sworn in as first woman on the Supreme Court
source: Capital Wire
published: 2024-07-05
---
Ann Roe made history on Thursday when she was sworn in as the first woman to serve on the Supreme Court.

Roe, a former appeals judge from the north, will take the seat held by Justice Ivo Marr for nearly three decades.

"I am grateful to be part of the promise of our nation," Roe said in a statement.
"""


def test_what_is_asked_of_a_premise_may_be_said_in_part_of_its_words(tmp_path, embedder):
    # "Whose seat is she filling?": the line that says whose seat ("will take the seat held by …")
    # holds one of the asking words ("seat", not "filling"); the lead only restates the premise.
    assistant = index_of(tmp_path, {"sworn.md": SWORN_IN}, embedder)
    answer = assistant.ask("Ann Roe made history this week, becoming the first woman to sit on the Supreme Court. "
                           "Whose seat is she filling?", as_of="2024-07-05")
    assert not answer.refused
    assert strip_markers(answer.text).startswith("Roe, a former appeals judge"), answer.text

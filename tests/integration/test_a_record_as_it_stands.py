"""A record asked as it stands ("What is the fair's attendance record?") is the newest one told: the
newest line that tells a record, not an older report's record nor the newest report's lead. On a
real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "2023.md": report("Lantern fair breaks its attendance record", "Valley Courier", "2023-06-19",
                      "The 39th Orrin Lantern Fair drew 71,500 visitors over three days, a new attendance record, "
                      "organisers said on Monday.\n\nThe parade was led by the town's brass band."),
    "2024.md": report("Lantern fair opens", "Valley Courier", "2024-06-14",
                      "The 40th Orrin Lantern Fair opens this weekend with lanterns from 30 towns.\n\n"
                      "Organisers said tickets were selling well."),
    "2025.md": report("Lantern fair ends", "Valley Courier", "2025-06-23",
                      "The 41st Orrin Lantern Fair ended on Sunday after three days of parades.\n\n"
                      "Organisers said 83,000 people attended, beating the record of 71,500 set two years ago."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("record"), ARTICLES, embedder)


def test_the_record_as_it_stands_is_the_newest_told(assistant):
    text = strip_markers(assistant.ask("What is the Orrin Lantern Fair's attendance record?", as_of="2025-12-31").text)
    assert "83,000 people attended, beating the record" in text, text
    assert not text.startswith("The 39th"), text


def test_as_of_an_earlier_day_the_record_then(assistant):
    text = strip_markers(assistant.ask("What is the Orrin Lantern Fair's attendance record?", as_of="2024-12-31").text)
    assert "71,500 visitors" in text, text
    assert "opens this weekend" not in text

"""Markdown's inline marks are not text a reader sees: an article written in Markdown (or a web page
converted to it) is stored without bold marks and with each link's text for the link, so an answer
never quotes "**The inquiry found …" or "[the report](https://…)"."""

from __future__ import annotations

import time

import pytest

from rag.readers.article import plain_markdown
from rag.readers.formats import parse_text


@pytest.mark.parametrize(("written", "read"), [
    ("**The inquiry found a failed pump.** It was not repaired.", "The inquiry found a failed pump. It was not repaired."),
    ("The __final__ figure was 71.3 per cent.", "The final figure was 71.3 per cent."),
    ("Read [the full report](https://news.example/report) here.", "Read the full report here."),
    # Not marks: a power, a name with underscores, an unclosed mark, an image.
    ("It grew 2**3 times, snake_case_name said.", "It grew 2**3 times, snake_case_name said."),
    ("**unclosed bold", "**unclosed bold"),
    ("<script>window.__pwned = 1</script><img onerror=\"window.__pwned = 2\">",
     "<script>window.__pwned = 1</script><img onerror=\"window.__pwned = 2\">"),
    ("![a crane](crane.png)", "![a crane](crane.png)"),
])
def test_bold_marks_and_links_are_read_as_their_text(written, read):
    assert plain_markdown(written) == read


def test_a_markdown_article_is_stored_without_marks_and_a_text_article_as_written():
    body = "---\ntitle: Inquiry\n---\n**The inquiry found a failed pump.**\n"
    assert parse_text("a.md", body, markdown=True).text.startswith("The inquiry found")
    assert parse_text("a.txt", body, markdown=False).text.count("**") == 2


def test_a_hostile_line_of_marks_is_read_in_linear_time():
    started = time.perf_counter()
    plain_markdown("**a" * 50_000 + "[" * 50_000 + "](" * 50_000)
    assert time.perf_counter() - started < 2

"""A question in an article that opens with "Which" or "What" asks; it reports nothing. A news quiz's
question, worded like the reader's own and naming people of its own, is never the answer: the report
that tells what happened is. A sentence that ends in a question mark and still tells (a film's title
ending in "?", a tag question holding the figure) stays news. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "quiz.md": report("News quiz: how well did you follow the week?", "Vale Standard", "2024-06-14",
                      "Test your knowledge of the week's news.\n\n"
                      "Which drama starring Ada Lind and Tomas Berg was renewed for a sixth season this week? "
                      "A. \"Harbour Lights\" B. \"The Mill\" C. \"Night Ferry\"\n\n"
                      "Which city will host the regional games in 2027? "
                      "A. Lindholm B. Tarn C. Vell"),
    "renewal.md": report("Streaming service orders more episodes", "Lindholm Courier", "2024-06-11",
                         "The streaming service Velvet has ordered a sixth season of its family saga \"The Mill\", "
                         "the company said on Tuesday, after the fifth drew its biggest audience yet.\n\n"
                         "Filming starts in the autumn."),
    "festival.md": report("Velden festival closes with a prize for a river film", "Tarn Press Agency", "2024-06-17",
                          "The Velden film festival closed on Sunday night with a record audience.\n\n"
                          "The Golden Reed for best documentary went to Ines Marlow's \"Who Owns the River?\"\n\n"
                          "The best feature prize went to the drama \"Salt Roads\"."),
    "interview.md": report("Brenner chief defends plant cuts", "Lindholm Courier", "2024-06-18",
                           "Brenner's chief executive, Karl Dane, spoke to us about the Velden plant.\n\n"
                           "Q: Brenner is cutting 420 jobs at the Velden plant, isn't it?\n\n"
                           "A: We are, and it was the hardest decision of my career."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("questions"), ARTICLES, embedder)


def test_the_report_answers_not_a_quiz_question_worded_like_the_readers(assistant):
    answer = assistant.ask("Which drama was renewed for a sixth season?", as_of="2024-06-20")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert "The Mill" in text.split(" [")[0], text
    assert "Ada Lind" not in text, text


@pytest.mark.parametrize(("question", "told"), [
    ("Which film won the Golden Reed for best documentary?", "Who Owns the River?"),
    ("How many jobs is Brenner cutting at the Velden plant?", "420 jobs"),
])
def test_a_sentence_ending_in_a_question_mark_that_tells_still_answers(assistant, question, told):
    answer = assistant.ask(question, as_of="2024-06-20")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert told in text, text

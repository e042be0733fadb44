"""A question in an article asks; it reports nothing. A news quiz's question (with its options) worded
like the reader's own, and a headline's rhetorical question, are never the answer: the report that
tells what happened is. On a real index with the real model."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.citations import strip_markers
from sample_articles import index_of, report

ARTICLES = {
    "quiz.md": report("News quiz: how well did you follow the week?", "Vale Standard", "2024-06-14",
                      "Test your knowledge of the week's news.\n\n"
                      "Which long-running drama was renewed for a sixth season this week? "
                      "A. \"Harbour Lights\" B. \"The Mill\" C. \"Night Ferry\"\n\n"
                      "Which city will host the regional games in 2027? "
                      "A. Lindholm B. Tarn C. Vell"),
    "renewal.md": report("Streaming service orders more episodes", "Lindholm Courier", "2024-06-11",
                         "The streaming service Velvet has ordered a sixth season of its family saga \"The Mill\", "
                         "the company said on Tuesday, after the fifth drew its biggest audience yet.\n\n"
                         "Filming starts in the autumn."),
    "games.md": report("Regional games go to the coast", "Tarn Press Agency", "2024-06-12",
                       "The organising committee announced on Wednesday that Lindholm will host the regional games "
                       "in 2027, beating two inland bids.\n\n"
                       "Will the city be ready in time? The mayor said the stadium would be rebuilt by 2026."),
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, embedder) -> Assistant:
    return index_of(tmp_path_factory.mktemp("questions"), ARTICLES, embedder)


@pytest.mark.parametrize(("question", "told", "asked"), [
    ("Which long-running drama was renewed for a sixth season?", "The Mill", "renewed for a sixth season this week?"),
    ("Which city will host the regional games in 2027?", "that Lindholm will host", "host the regional games in 2027?"),
])
def test_the_report_answers_not_a_quiz_question_worded_like_the_readers(assistant, question, told, asked):
    answer = assistant.ask(question, as_of="2024-06-20")
    text = strip_markers(answer.text)
    assert not answer.refused, text
    assert told in text.split(" [")[0], text
    assert asked not in text, text


def test_a_headlines_question_is_not_quoted_as_news(assistant):
    text = strip_markers(assistant.ask("Will the stadium be ready for the regional games?", as_of="2024-06-20").text)
    assert "Will the city be ready in time?" not in text, text

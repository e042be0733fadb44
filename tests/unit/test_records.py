"""The records' derived views: an answer's answerers as shown and as JSON, a passage's date and vectors."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np

from rag.records import Answer, Article, ArticleMeta, Chunk, Citation, Passage
from rag.store import ArticleInfo, StoredChunk


def passage(published: str = "", **fields) -> Passage:
    chunk = Chunk("c1", "a1", "Harbour Reopens", "", "The harbour reopened.", 0, 21, ((0, 21),))
    return Passage(chunk=chunk, score=0.5, rank=1, meta=ArticleMeta(chunk.title, published=published), **fields)


def test_the_answerers_are_fields_and_shown_as_one_string():
    assert Answer("t", (), (), False, answerers=("extractive",)).answerer == "extractive"
    fell_back = Answer("t", (), (), False, answerers=("openai", "extractive"), fell_back=True)
    assert fell_back.answerer == "openai→extractive"
    assert Answer("t", (), (), False, answerers=("openai", "extractive")).answerer == "openai+extractive"
    assert Answer("t", (), (), False).answerer == ""


def test_an_answer_as_json_keeps_its_shape_and_leaves_the_vectors_out():
    vectors = np.ones((1, 4), np.float32)
    answer = Answer("t", (), (passage(sentence_vectors=vectors),), False, question="q",
                    answerers=("openai", "extractive"), fell_back=True)
    shown = answer.to_dict()
    assert list(shown) == ["text", "citations", "passages", "refused", "question", "answerer", "query",
                           "unsupported", "notice", "kind"]
    assert shown["answerer"] == "openai→extractive"
    assert "sentence_vectors" not in shown["passages"][0] and shown["passages"][0]["chunk"]["id"] == "c1"
    assert json.loads(json.dumps(shown))["answerer"] == "openai→extractive"  # JSON-able: no array inside


def test_passages_and_citations_show_their_articles_metadata_as_their_own_fields():
    meta = ArticleMeta("Harbour Reopens", "Coast Times", "https://example.org/h", "2025-03-03", "A. Writer")
    shown = Passage(passage().chunk, 0.5, 1, meta, story_id="s1", also_published=("Metro Daily · 4 March 2025",),
                    key=7, sentence_vectors=np.ones((1, 4), np.float32))
    citation = Citation(1, "c1", "a1", "", "The harbour reopened.", 0, 21, meta)
    as_json = Answer("t", (citation,), (shown,), False).to_dict()
    assert as_json["passages"][0] == {
        "chunk": {"id": "c1", "article_id": "a1", "title": "Harbour Reopens", "section": "",
                  "text": "The harbour reopened.", "start": 0, "end": 21, "sentences": ((0, 21),)},
        "score": 0.5, "rank": 1, "dense_score": None, "lexical_score": None, "source": "Coast Times",
        "published": "2025-03-03", "url": "https://example.org/h", "author": "A. Writer", "story_id": "s1",
        "also_published": ("Metro Daily · 4 March 2025",), "key": 7,
    }
    assert list(as_json["passages"][0]) == list(shown.to_dict())
    assert as_json["citations"] == ({
        "marker": 1, "chunk_id": "c1", "article_id": "a1", "title": "Harbour Reopens", "source": "Coast Times",
        "section": "", "quote": "The harbour reopened.", "start": 0, "end": 21, "published": "2025-03-03",
        "url": "https://example.org/h",
    },)
    assert list(as_json["citations"][0]) == ["marker", "chunk_id", "article_id", "title", "source", "section",
                                             "quote", "start", "end", "published", "url"]
    assert (citation.title, citation.source, citation.author) == ("Harbour Reopens", "Coast Times", "A. Writer")


def test_sentence_vectors_ride_along_but_do_not_make_a_passage_another():
    with_vectors = passage(sentence_vectors=np.ones((1, 4), np.float32))
    assert with_vectors == passage() and hash(with_vectors) == hash(passage())
    assert "sentence_vectors" not in repr(with_vectors)


def test_a_published_date_is_parsed_once_by_every_record():
    day = dt.date(2025, 3, 3)
    meta = ArticleMeta("t", "s", published="2025-03-03")
    assert meta.published_date == day
    assert ArticleMeta(published="2025-03-03T09:30:00Z").published_date == day
    assert passage(published="2025-03-03").published_date == day
    assert Article("a", meta, "x").published_date == day
    assert Citation(1, "c", "a", "", "q", 0, 1, meta).published_date == day
    assert ArticleInfo("a", meta, "", 1).published_date == day
    assert StoredChunk(1, passage().chunk, meta).published_date == day
    assert passage().published_date is None  # unknown
    unknown = ("", "2025", "2025-03", "2025-13-45", "March 3, 2025")
    assert [ArticleMeta(published=v).published_date for v in unknown] == [None] * 5

import json

import numpy as np
import pytest

from rag import ChunkTooLongError, Settings
from rag.chunking import Chunker, count_tokens, split_sentences
from rag.readers import load_articles, make_article as _make_article
from conftest import SEED


@pytest.fixture(scope="module")
def chunker(embedder):
    s = Settings()
    return Chunker(
        chunk_tokens=s.chunk_tokens, overlap_sentences=s.chunk_overlap_sentences,
        count_wordpieces=embedder.count_wordpieces, max_wordpieces=embedder.max_wordpieces,
    )


def article_from(text, title="Adversarial"):
    from pathlib import Path

    return _make_article(
        path=Path("adversarial.txt"), article_id="adv", body=text, title=title, source="",
        url="", published="", markdown=False, fallback_title="",
    )


def check_invariants(article, chunks, embedder, chunk_tokens=128):
    sentences = {(s, e) for sec in article.sections for s, e in split_sentences(article.text, sec.start, sec.end)}
    heading_titles = [s.title for s in article.sections if s.title]
    for chunk in chunks:
        assert article.text[chunk.start:chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip() and chunk.text
        section = next(s for s in article.sections if s.title == chunk.section)
        assert section.start <= chunk.start and chunk.end <= section.end, "chunk crosses a section"
        assert not any(h in chunk.text for h in heading_titles), "a heading leaked into a body"
        # The embedded text (title + section + body) always fits the model's window.
        assert embedder.count_wordpieces([chunk.embedding_text()])[0] + 2 <= embedder.max_wordpieces
        for s, e in chunk.sentences:
            assert chunk.start <= s < e <= chunk.end
    return sentences


def test_seed_chunks_keep_offsets_sentences_sections_and_budget(embedder, chunker):
    (article,), _ = load_articles([SEED], max_file_bytes=10**7)
    chunks = chunker.chunk(article)
    sentences = check_invariants(article, chunks, embedder)
    covered = set()
    for chunk in chunks:
        # Whole sentences only: every chunk sentence is a sentence of the article.
        assert set(chunk.sentences) <= sentences
        assert chunk.text.startswith(article.text[chunk.sentences[0][0]:chunk.sentences[0][1]])
        if len(chunk.sentences) > 1:
            assert count_tokens([chunk.text])[0] <= 128 + 8  # budget, give or take joining whitespace
        covered |= set(chunk.sentences)
    assert covered == sentences, "every sentence is in some chunk"
    assert {c.section for c in chunks} == {s.title for s in article.sections}
    assert [c.id for c in chunks] == [f"{article.id}:{i}" for i in range(len(chunks))]
    trigger = next(c for c in chunks if "immediate trigger" in c.text)
    assert trigger.section == "Escalation From Border Skirmishes to Airstrikes"
    assert trigger.embedding_text().startswith(article.title + "\n" + trigger.section + "\n")


def test_sentence_overlap_between_neighbouring_chunks(chunker):
    (article,), _ = load_articles([SEED], max_file_bytes=10**7)
    chunks = chunker.chunk(article)
    same_section = [(a, b) for a, b in zip(chunks, chunks[1:]) if a.section == b.section]
    assert same_section
    for a, b in same_section:
        assert b.sentences[0] == a.sentences[-1]  # one sentence of overlap
        assert b.sentences[-1][1] > a.sentences[-1][1]  # and progress


def test_very_long_sentence_is_split_to_fit_the_window(embedder, chunker):
    sentence = " ".join(f"clause{i} about the border talks and the ceasefire" for i in range(120)) + "."
    article = article_from(f"Short opener. {sentence} Short closer.")
    chunks = chunker.chunk(article)
    check_invariants(article, chunks, embedder)
    assert len(chunks) >= 3
    # The chunks holding pieces of the long sentence together cover it, without gaps.
    start = article.text.index("clause0")
    end = start + len(sentence)
    covering = sorted((c.start, c.end) for c in chunks if c.end > start and c.start < end)
    assert covering[0][0] <= start and covering[-1][1] >= end
    for (_, a_end), (b_start, _) in zip(covering, covering[1:]):
        assert b_start <= a_end + 1  # at most the space between two words


def test_text_without_punctuation_or_spaces(embedder, chunker):
    for body in ("word " * 2000, "x" * 5000, ",".join(["a"] * 3000)):
        article = article_from(body)
        chunks = chunker.chunk(article)
        check_invariants(article, chunks, embedder)
        assert chunks[0].start == 0 and chunks[-1].end == len(article.text)


def test_only_headings(embedder, chunker, tmp_path):
    # Plain text: lines that head nothing are body text, and chunk like any other.
    article = article_from("First Heading Here\nSecond Heading Here\nThird Heading Here")
    chunks = chunker.chunk(article)
    check_invariants(article, chunks, embedder)
    assert "".join(c.text for c in chunks).count("Heading") == 3
    # Markdown says what a heading is: headings alone are refused with a clear message.
    path = tmp_path / "headings.md"
    path.write_text("# Title\n\n## One\n\n## Two\n")
    articles, failures = load_articles([path], max_file_bytes=10**6)
    assert articles == [] and "has headings but no body text" in failures[0].problem


def test_embedder_refuses_to_truncate(embedder):
    too_long = "word " * 400
    with pytest.raises(ChunkTooLongError, match="over the embedder's window of 256"):
        embedder.embed_documents([too_long])
    with pytest.raises(ChunkTooLongError):
        embedder.embed_query(too_long)


def test_embedder_matches_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    from rag.embedding import Embedder

    embedder = Embedder(backend="torch")  # the ONNX backend's agreement is tested in test_embedding.py

    texts = ["What triggered the strikes?", "Residents in Kabul described hearing multiple explosions overnight, with plumes of smoke rising."]
    reference = SentenceTransformer(str(embedder.model_dir), device="cpu").encode(texts, normalize_embeddings=True)
    ours = embedder.embed_documents(texts)
    assert ours.shape == (2, 384)
    np.testing.assert_allclose(ours, reference, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(embedder.embed_query(texts[0]), reference[0], atol=1e-5)


def test_a_title_too_long_to_embed_fails_that_article_only(tmp_path, seed_index, embedder):
    from rag import Assistant

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge-title.json").write_text(json.dumps({"title": "Very long headline " * 90, "text": "Body."}))
    (folder / "fine.txt").write_text("The council approved the budget on Tuesday.")
    assistant = Assistant.open(tmp_path / "idx", embedder=embedder)
    report = assistant.ingest([folder])
    assert report.added == ("fine",)
    assert len(report.failed) == 1 and "leaving no room for text; shorten them" in report.failed[0].problem

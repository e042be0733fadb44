"""Bracketed numbers inside article text ("… on Wednesday.[2]", a footnote) are never taken for our markers."""

import re

from rag import Assistant
from rag.citations import MARKER, markers

from conftest import ARTICLES

FOOTNOTED = (
    "# Harbour Budget Approved\n\n"
    "The city council approved the harbour budget on Wednesday.[2] The vote followed a long debate about "
    "dredging costs.[3][4]\n\n"
    "Shipping firms welcomed the decision, saying that the port would stay open to larger vessels.[12]\n"
)


def test_article_footnotes_are_not_citations(tmp_path, embedder):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "harbour-budget.md").write_text(FOOTNOTED)
    assistant = Assistant.build([ARTICLES, tmp_path / "articles"], tmp_path / "index", embedder=embedder)
    answer = assistant.ask("When did the city council approve the harbour budget?")
    assert not answer.refused, answer.text
    assert "on Wednesday" in answer.text
    shown = markers(answer.text)
    # Exactly the citations it shows, numbered from 1 in order of first use.
    assert sorted(set(shown)) == list(range(1, len({c.marker for c in answer.citations}) + 1)), answer.text
    assert {c.marker for c in answer.citations} == set(shown)
    for c in answer.citations:
        passage = answer.passages[c.marker - 1]
        article = assistant.article(c.article_id).text
        assert passage.chunk.article_id == c.article_id and c.quote in passage.chunk.text
        assert article[c.start:c.end] == c.quote  # offsets still index the article text exactly
    wednesday = next(c for c in answer.citations if "on Wednesday" in c.quote)
    assert wednesday.marker == 1 and wednesday.article_id == "harbour-budget"
    assert "[2]" in wednesday.quote  # the article's own text is quoted as it is
    # The footnote still reads "[2]" (an invisible word joiner keeps it from being a marker).
    assert re.search(r"on Wednesday \[1\]\.\[\u20602\]", answer.text), answer.text
    assert len(MARKER.findall(answer.text)) == len(shown)

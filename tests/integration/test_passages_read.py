"""Which passages a question reads, on a small real index: one long article's many close passages
do not crowd out the other article that answers (`rag.retrieval.PER_ARTICLE`, `CROWDING`), and a
one-article archive still gives k passages."""

from __future__ import annotations

import pytest

from rag.retrieval import PER_ARTICLE
from sample_articles import index_of

_SHELF_PARAGRAPHS = [
    "Empty shelves are back in grocery stores across the country as a nationwide shortage of goods drags on, "
    "and shoppers say many products remain difficult to find in stores from one week to the next.",
    "Store managers blame the nationwide shortage on supply chain snags: products that used to arrive twice a week "
    "now come once a fortnight, and shelves in many stores stay empty for days at a time.",
    "Analysts say the shortage of products in stores will last well into next year, because the supply chain "
    "problems behind the empty shelves in many stores are nowhere near solved.",
    "Shoppers in many stores have started buying extra of everything, which makes the nationwide shortage worse: "
    "the products that do arrive are difficult to find again by the afternoon.",
    "Retail groups say the shortage in stores is the worst in decades, with thousands of products difficult to "
    "find on shelves and no quick end in sight for the supply chain troubles.",
    "Economists warn that the nationwide shortage of products in many stores also pushes up prices, as stores pay "
    "more to restock shelves that empty again within days.",
    "Small stores say they are hit hardest by the nationwide shortage: wholesalers serve the big chains first, and "
    "many products remain difficult to find on their shelves for weeks.",
    "Some stores now limit how many of each product a shopper may buy, hoping to keep shelves stocked while the "
    "nationwide shortage lasts and goods remain difficult to find.",
    "Trucking firms say a lack of drivers adds to the shortage in stores, as deliveries of products to many stores "
    "run days late and shelves stay bare in the meantime.",
]

SHELVES = ("---\ntitle: Empty shelves as the nationwide shortage in stores drags on\nsource: Plains Herald\n"
           "published: 2024-02-12\n---\n" + "\n\n".join(_SHELF_PARAGRAPHS) + "\n")

FORMULA = """---
title: Parents hunt for formula
source: River Daily
published: 2024-02-14
---
Baby formula remains difficult to find in many stores, parents said, after a recall at the largest plant shut down production last month.
"""

QUESTION = "Which product remains difficult to find in many stores due to a nationwide shortage?"


@pytest.fixture(scope="module")
def archive(tmp_path_factory, embedder):
    return index_of(tmp_path_factory.mktemp("shortage"), {"shelves.md": SHELVES, "formula.md": FORMULA}, embedder)


def test_one_long_article_does_not_crowd_out_the_other_that_answers(archive):
    passages = archive.retriever.retrieve(QUESTION, k=PER_ARTICLE + 1)
    titles = [p.chunk.title for p in passages]
    assert "Parents hunt for formula" in titles
    assert titles.count("Empty shelves as the nationwide shortage in stores drags on") == PER_ARTICLE


def test_a_one_article_archive_still_gives_k_passages(tmp_path, embedder):
    only = index_of(tmp_path, {"shelves.md": SHELVES}, embedder)
    k = PER_ARTICLE + 1  # more than PER_ARTICLE: all four of its passages
    passages = only.retriever.retrieve(QUESTION, k=k)
    assert [p.rank for p in passages] == list(range(1, k + 1)) and len({p.chunk.start for p in passages}) == k

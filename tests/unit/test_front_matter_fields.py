"""Front matter names each metadata field in several ways (`outlet:`, `byline:`, `pubDate:`, …): one table
(`rag.readers.article.META_FIELDS`) maps them all; every name of every row is read, and the canonical
name wins over a synonym that disagrees with it."""

from __future__ import annotations

import pytest

from rag.readers.article import META_FIELDS
from rag.readers.formats import parse_text

# A value each field reads back as written (a date is stored as ISO YYYY-MM-DD).
VALUES = {
    "title": ("Harbour Cranes Return", "Quay Crane Order Placed"),
    "source": ("Northern Wire", "Meridian Daily"),
    "author": ("Jane Doe", "Ravi Patel"),
    "published": ("2024-03-04", "2023-11-20"),
    "url": ("https://news.example/harbour-cranes", "https://other.example/cranes"),
}
BODY = "The port authority said the cranes would return to service on Monday after repairs.\n"
ROWS = [(field, name) for field, names in META_FIELDS.items() for name in names]


def article_with(front_matter: dict[str, str]):
    block = "".join(f"{key}: '{value}'\n" for key, value in front_matter.items())
    return parse_text("cranes.md", f"---\n{block}---\n{BODY}", markdown=True)


def test_the_values_cover_every_field_of_the_table():
    assert set(VALUES) == set(META_FIELDS)


@pytest.mark.parametrize(("field", "name"), ROWS, ids=[f"{f}-{n}" for f, n in ROWS])
def test_each_name_of_a_field_is_read_as_that_field(field, name):
    value = VALUES[field][0]
    assert getattr(article_with({name: value}), field) == value


@pytest.mark.parametrize(("field", "name"), [(f, n) for f, n in ROWS if n != META_FIELDS[f][0]],
                         ids=[f"{f}-{n}" for f, n in ROWS if n != META_FIELDS[f][0]])
def test_the_canonical_name_wins_over_a_synonym_that_disagrees(field, name):
    canonical, other = VALUES[field]
    for order in ({name: other, META_FIELDS[field][0]: canonical}, {META_FIELDS[field][0]: canonical, name: other}):
        assert getattr(article_with(order), field) == canonical


def test_an_outlet_given_as_outlet_is_the_articles_source():
    article = article_with({"outlet": "Northern Wire", "title": "Cranes"})
    assert article.source == "Northern Wire" and article.title == "Cranes"


@pytest.mark.parametrize("field", list(META_FIELDS))
def test_the_readme_table_lists_every_name_of_the_field(field):
    from conftest import ROOT

    canonical, *others = META_FIELDS[field]
    rows = [line for line in (ROOT / "README.md").read_text().splitlines() if f"| `{canonical}` |" in line]
    assert len(rows) == 1, rows
    assert [name for name in others if f"`{name}`" not in rows[0]] == []

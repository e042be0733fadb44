"""Publication dates, outlets and bylines from every input format (issue 11, item 1). Unknown stays unknown."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rag.dates import find_dateline, parse_date, strip_dateline, url_date, year_hint
from rag.readers import load_articles


def load_one(path):
    (article,), failures = load_articles([path], max_file_bytes=10_000_000)
    assert failures == []
    return article


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03T23:30:00-05:00", "2025-03-03"),  # the day where it was published
        ("2025-03-03 10:00", "2025-03-03"),
        ("Mon, 03 Mar 2025 23:30:00 -0500", "2025-03-03"),  # RSS pubDate
        ("March 3, 2025", "2025-03-03"),
        ("3 March 2025", "2025-03-03"),
        (dt.date(2024, 1, 2), "2024-01-02"),
        (dt.datetime(2024, 1, 2, 23, 59), "2024-01-02"),
        # Unknown stays unknown: impossible, partial, relative or no dates at all.
        ("2025-13-45", ""),
        ("Feb 30, 2025", ""),
        ("March 2025", ""),
        ("2025", ""),
        ("yesterday", ""),
        ("not a date", ""),
        ("", ""),
        (None, ""),
        ({"nested": "2025-03-03"}, ""),
        ("9999-01-01", ""),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "opening, year, place, date, outlet",
    [
        ("KABUL, March 3 (Reuters) — Officials said on Monday", 2025, "KABUL", "2025-03-03", "Reuters"),
        ("KABUL, March 3 (Reuters) — Officials said on Monday", None, "KABUL", "", "Reuters"),  # no year: unknown
        ("WASHINGTON (AP) — The Senate voted on Tuesday", None, "WASHINGTON", "", "AP"),
        ("LONDON, 3 March 2025 — Prices rose again", None, "LONDON", "2025-03-03", ""),
        ("NEW YORK, March 3, 2025 (Reuters) - Stocks fell", None, "NEW YORK", "2025-03-03", "Reuters"),
        ("SÃO PAULO, Jan. 5 (AFP) -- Brazil's central bank", 2024, "SÃO PAULO", "2024-01-05", "AFP"),
        ("SAN FRANCISCO, Calif. (AP) — A tech company", None, "SAN FRANCISCO", "", "AP"),
        ("BERLIN, Feb 30, 2025 (dpa) — Nothing", None, "BERLIN", "", "dpa"),  # impossible date: unknown
    ],
)
def test_datelines_of_several_shapes(opening, year, place, date, outlet):
    line = find_dateline(opening, year=year)
    assert (line.place, line.date, line.outlet) == (place, date, outlet)


@pytest.mark.parametrize(
    "opening",
    ["The Senate voted on Tuesday — a first.", "NATO said on Monday — again", "UN - the", "PARIS, France — hello", ""],
)
def test_text_without_a_dateline(opening):
    assert find_dateline(opening) is None


@pytest.mark.parametrize("sentence,news", [
    ("LISBON, May 3 (Wire) — The toll rose to 14.", "The toll rose to 14."),
    ("KARVIK, Estravia (ANW) - Talks resumed.", "Talks resumed."),
    ("PHOENIX — The guard was sacked on Monday.", "The guard was sacked on Monday."),
    ("UN - the agency said so.", "UN - the agency said so."),
    ("PARIS, France — hello", "PARIS, France — hello"),
    ("NATO said on Monday — again", "NATO said on Monday — again"),
    ("The Senate voted on Tuesday — a first.", "The Senate voted on Tuesday — a first."),
])
def test_a_sentence_is_quoted_without_its_dateline(sentence, news):
    assert strip_dateline(sentence) == news


def test_year_hints():
    assert year_hint("March 2025") == 2025
    assert year_hint("", "https://example.org/world/2023/05/story.html") == 2023
    assert year_hint("", None, "no year") is None


def test_front_matter_date_author_and_dateline_outlet(tmp_path):
    path = tmp_path / "quake.md"
    path.write_text(
        "---\ntitle: Quake Strikes Coast\npubDate: 2025-03-03\nbyline: [Ana Ruiz, Tom Lee]\n---\n"
        "LIMA, March 3 (Reuters) — A strong earthquake struck the coast on Monday.\n"
    )
    article = load_one(path)
    assert (article.published, article.author, article.source) == ("2025-03-03", "Ana Ruiz, Tom Lee", "Reuters")


def test_front_matter_with_an_impossible_date_is_read_with_the_date_unknown(tmp_path):
    path = tmp_path / "bad-date.md"
    path.write_text("---\ntitle: Storm\ndate: 2025-13-45\nsource: Daily Wire\n---\nA storm hit the coast.\n")
    article = load_one(path)
    assert (article.published, article.source) == ("", "Daily Wire")


def test_a_dateline_gives_the_date_when_metadata_has_none(tmp_path):
    path = tmp_path / "vote.txt"
    path.write_text("Parliament Passes Budget\n\nLONDON, 3 March 2025 — Parliament passed the budget on Monday.\n")
    article = load_one(path)
    assert (article.title, article.published, article.source) == ("Parliament Passes Budget", "2025-03-03", "")


def test_a_dateline_without_a_year_takes_it_from_partial_metadata(tmp_path):
    path = tmp_path / "march.md"
    path.write_text("---\ntitle: Talks\npublished: March 2025\nsource: Local Post\n---\n"
                    "GENEVA, March 3 (AFP) — Talks resumed on Monday.\n")
    article = load_one(path)
    assert (article.published, article.source) == ("2025-03-03", "Local Post")  # the given source wins


def test_a_dateline_without_a_year_and_no_other_date_stays_unknown(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text("GENEVA, March 3 (AFP) — Talks resumed on Monday.\n")
    article = load_one(path)
    assert (article.published, article.source) == ("", "AFP")


@pytest.mark.parametrize("url,expected", [
    ("https://www.example-news.com/2022/05/09/us/five-things/index.html", "2022-05-09"),
    ("https://example.org/story/money/2022/5/17/gas-prices/9798086002/", "2022-05-17"),
    ("https://example.org/news/2024-06-01/floods-recede", "2024-06-01"),
    ("https://example.org/2022/05/pictures-of-the-month", ""),   # a month is no day
    ("https://example.org/2022/02/30/impossible/", ""),
    ("https://example.org/item/20220509/", "2022-05-09"),
    ("https://example.org/2022/05/09?utm_source=rss", "2022-05-09"),
    ("https://example.org/news/2022-05-09_floods", "2022-05-09"),
    ("https://example.org/news/2022-05-09T10:00", "2022-05-09"),
    ("https://example.org/products/2022-1-2-3-", ""),
    ("https://example.org/id/2020-10-10-20-33", ""),
    ("", ""),
])
def test_a_url_files_its_story_under_a_day(url, expected):
    assert url_date(url) == expected


def test_the_urls_day_is_read_only_when_metadata_and_dateline_give_none(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"title": "A", "text": "Prices rose.", "url": "https://example.org/2022/05/09/prices/"},
        {"title": "B", "text": "Prices fell.", "url": "https://example.org/2022/05/09/fall/", "published": "2022-05-10"},
        {"title": "C", "text": "GENEVA, May 8, 2022 (AFP) — Talks resumed.", "url": "https://example.org/2022/05/09/talks/"},
    ]) + "\n")
    articles, failures = load_articles([path], max_file_bytes=10_000_000)
    assert failures == []
    assert {a.title: a.published for a in articles} == {"A": "2022-05-09", "B": "2022-05-10", "C": "2022-05-08"}


def test_an_article_with_no_date_anywhere_stays_unknown(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The council met on Tuesday, March 3, and approved the plan.\n")
    assert load_one(path).published == ""


def test_json_date_and_author_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"title": "A", "text": "WASHINGTON (AP) — One.", "publishedAt": "2024-06-01T08:00:00Z", "author": "Kim Park"},
        {"title": "B", "text": "Two.", "date": "June 2, 2024", "authors": [{"name": "Lee"}, {"name": "Cho"}]},
        {"title": "C", "text": "Three.", "published": "2025-13-45", "source": "Wire"},
        {"title": "D", "text": "Four.", "published": 1717200000},
    ]) + "\n")
    articles, failures = load_articles([path], max_file_bytes=10_000_000)
    assert failures == []
    got = {a.title: (a.published, a.author, a.source) for a in articles}
    assert got == {
        "A": ("2024-06-01", "Kim Park", "AP"),
        "B": ("2024-06-02", "Lee, Cho", ""),
        "C": ("", "", "Wire"),
        "D": ("2024-06-01", "", ""),
    }


def test_html_metadata_date_and_author(tmp_path):
    path = tmp_path / "floods.html"
    path.write_text(
        "<html><head><title>Floods Hit the Valley</title>"
        '<meta name="author" content="Maria Lopez">'
        '<meta property="article:published_time" content="2024-10-30T09:00:00+01:00"></head>'
        "<body><article><h1>Floods Hit the Valley</h1>"
        "<p>VALENCIA, Oct 29 (Reuters) — Flash floods swept through the valley on Tuesday, officials said. "
        "Dozens of cars were carried away by the water.</p><p>Emergency teams worked through the night.</p>"
        "</article></body></html>"
    )
    article = load_one(path)
    assert article.published == "2024-10-30"  # the page's metadata wins over the dateline
    assert article.author == "Maria Lopez"
    assert article.source == "Reuters"  # no site name: the dateline's outlet

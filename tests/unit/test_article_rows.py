"""The article list and source cards name an outlet for every article that has a URL."""

from __future__ import annotations

from rag.readers.article import outlet_of
from rag.records import ArticleMeta
from rag.store import ArticleInfo
from ui.render import article_rows


def info(source: str = "", url: str = "") -> ArticleInfo:
    return ArticleInfo(id="a", meta=ArticleMeta(title="T", source=source, url=url, published="2024-03-05"),
                       path="a.json", chunks=3)


def test_an_article_without_an_outlet_shows_its_sites_name():
    rows = article_rows([info(url="https://www.apnews.com/article/x?utm=1"), info(source="Northern Wire",
                                                                                url="https://nw.example/x"),
                         info()])
    assert [row[2] for row in rows] == ["apnews.com", "Northern Wire", ""]


def test_outlet_of_urls():
    assert outlet_of("http://WWW.Example.org:8080/a") == "example.org"
    assert outlet_of("") == "" and outlet_of("not a url") == ""

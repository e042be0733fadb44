"""The Feeds panel of the web UI: a real Gradio server driven by headless Chromium, and the local site
of tests/feed_site.py. The page may only follow public addresses, never the server's own network."""

from __future__ import annotations


import pytest

from rag.feeds_state import FeedList
from feed_site import site  # noqa: F401  (site: the shared fixture)
from ui_driver import TIMEOUT, browser, page, served, shot  # noqa: F401  (browser: the shared fixture)


@pytest.fixture
def server(tmp_path, embedder, site):
    from rag import Assistant
    from rag.readers.fetch import Fetcher
    from rag.watch import Watcher

    assistant = Assistant.open(tmp_path / "index", embedder=embedder)
    with Fetcher(allow_private=True, delay=0.0) as fetcher:  # as `rag feeds add --allow-private` does
        watcher = Watcher(assistant, fetcher=fetcher)
        watcher.add(site.url("/harbor/rss.xml"))
        watcher.poll_due()
    with served(assistant) as url:
        yield url, assistant




def _result(page, text: str) -> str:
    page.wait_for_function("([t]) => document.querySelector('#feed-result')?.innerText.includes(t)", arg=[text])
    return page.inner_text("#feed-result")


def test_feeds_panel_lists_refuses_private_addresses_and_removes_with_confirmation(page, server, site):
    _, assistant = server
    page.get_by_text("Feeds", exact=True).click()
    page.wait_for_function("() => document.querySelector('#feed-table')?.innerText.includes('harbor-gazette')")
    table = page.inner_text("#feed-table")
    assert site.url("/harbor/rss.xml") in table and "30 min" in table

    # The page cannot make the server fetch from its own network, for a feed or an article.
    page.fill("#feed-url textarea, #feed-url input", site.url("/valley/atom.xml"))
    page.click("#feed-follow")
    assert "private, loopback or link-local" in _result(page, "Not followed")
    page.click("#feed-page")
    assert "private, loopback or link-local" in _result(page, "failed")
    page.fill("#feed-url textarea, #feed-url input", "file:///etc/passwd")
    page.click("#feed-follow")
    assert "http:// or https://" in _result(page, "Give a web address")
    assert followed(assistant) == ["harbor-gazette"]
    assert len(assistant.articles()) == 2

    # Removal asks first; cancelling keeps the feed.
    page.locator("#feed-remove-name input").fill("harbor-gazette")
    page.keyboard.press("Enter")
    page.click("#feed-remove")
    page.wait_for_selector("#feed-remove-confirm-text", state="visible")
    assert "Stop following" in page.inner_text("#feed-remove-confirm-text")
    page.click("#feed-remove-cancel")
    page.wait_for_selector("#feed-remove-confirm-text", state="hidden")
    assert followed(assistant) == ["harbor-gazette"]
    page.locator("#feed-remove-name input").fill("harbor-gazette")
    page.keyboard.press("Enter")
    page.click("#feed-remove")
    page.click("#feed-remove-yes")
    _result(page, "Stopped following")
    page.wait_for_function("() => !document.querySelector('#feed-table')?.innerText.includes('harbor-gazette')")
    assert followed(assistant) == [] and len(assistant.articles()) == 2  # its articles stay
    shot(page, "feeds")


def followed(assistant) -> list[str]:
    return [f.name for f in FeedList(assistant.index).all()]

"""Driving the web UI in the browser tests: Debian's Chromium under Playwright, a served app, and the
few steps every test takes (ask, read the last answer, keep a screenshot)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, free_port

CHROMIUM = os.environ.get("RAG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT = 60_000  # ms


@contextlib.contextmanager
def served(assistant, *, examples=None):
    """The app over `assistant` on a free loopback port, as `rag serve` launches it; yields its URL."""
    from ui.app import build_app, launch_kwargs, launch_options

    app = build_app(assistant, examples=examples)
    app.queue()
    port = free_port()
    options = launch_options("127.0.0.1", port, allow_unauthenticated=False, env={})
    app.launch(**launch_kwargs(options, assistant), prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        app.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it (Debian package chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh browser page on the requesting module's `server` (url, assistant), loaded and ready."""
    url, _ = server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT)
    pg.goto(url)
    pg.wait_for_selector("#question textarea")
    yield pg
    context.close()


def shot(page, name: str, *, docs: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    if docs and os.environ.get("RAG_UPDATE_DOCS") == "1":
        page.screenshot(path=str(ROOT / "docs" / f"{name}.png"), full_page=False)


def ask(page, question: str) -> None:
    before = page.locator("#sources section.answer-sources").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    # The sources panel gets the answer's own section last, once the checked answer is complete.
    page.wait_for_function(
        "([n]) => document.querySelectorAll('#sources section.answer-sources').length > n", arg=[before],
    )


def last_answer(page) -> str:
    return page.locator("#chat [data-testid='bot']").last.inner_text()


def open_panel(page, label: str, shows: str) -> None:
    """Open the accordion `label` until `shows` (a selector inside it) is visible: a click that lands
    before the page has wired its handlers (a busy machine) is lost, and a second click would close it.
    The label is looked for in the app's panels (ids ending in "-panel") only: Gradio's footer has a
    "Settings" of its own, whose dialog would then cover the page."""
    for _ in range(6):
        if page.locator(shows).first.is_visible():
            return
        page.locator("[id$='-panel']").get_by_text(label, exact=True).first.click()
        try:
            page.wait_for_selector(shows, state="visible", timeout=10_000)
            return
        except Exception:  # Playwright's TimeoutError: look again, click again
            continue
    page.wait_for_selector(shows, state="visible")

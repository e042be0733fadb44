"""The web UI: a real Gradio server on a free loopback port, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory, embedder):
    from rag import Assistant
    from ui import render
    from ui.app import build_app

    index = tmp_path_factory.mktemp("ui") / "index"
    shutil.copytree(seed_index, index)
    assistant = Assistant.load(index, embedder=embedder)
    app = build_app(assistant)
    app.queue()
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, css=render.CSS)
    yield f"http://127.0.0.1:{port}", assistant
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
    before = page.locator("#chat .message-row, #chat [data-testid='bot']").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        "([n]) => document.querySelectorAll(\"#chat .message-row, #chat [data-testid='bot']\").length > n",
        arg=[before],
    )
    # The sources panel is written last, once the checked answer is complete.
    page.wait_for_selector("#sources .banner")


def last_answer(page) -> str:
    return page.locator("#chat [data-testid='bot']").last.inner_text()


def test_example_question_shows_cited_answer_and_highlighted_source(page):
    page.get_by_text("What triggered the strikes?", exact=True).first.click()  # the example fills the box
    page.wait_for_function("() => document.querySelector('#question textarea').value === 'What triggered the strikes?'")
    ask(page, "What triggered the strikes?")
    answer = last_answer(page)
    assert "deadly exchanges" in answer and "Durand Line" in answer and "[1]" in answer
    link = page.locator("#chat a[href='#source-1']").last
    assert link.inner_text() == "[1]"
    card = page.locator("#sources #source-1")
    assert "Escalation From Border Skirmishes to Airstrikes" in card.inner_text()
    marked = card.locator("mark").first.inner_text()
    assert marked.startswith("The immediate trigger for the strikes")
    assert "Sources for this answer" in page.inner_text("#sources .banner")
    shot(page, "answer", docs=True)


def test_refusal_looks_different_and_still_shows_passages(page):
    ask(page, "Who won the 2022 World Cup?")
    assert "Not found in the articles" in last_answer(page)
    banner = page.locator("#sources .banner.refusal")
    assert banner.inner_text().startswith("Not found in the articles")
    assert page.locator("#sources .source").count() >= 1
    assert page.locator("#sources mark").count() == 0
    shot(page, "refusal")


def test_follow_up_question_uses_the_conversation(page):
    ask(page, "What triggered the strikes?")
    ask(page, "And what did Kabul say about it?")
    assert "What did Kabul say about the strikes?" in page.inner_text("#query-note")
    shot(page, "follow-up")


def test_upload_new_article_then_bad_file(page, tmp_path, server):
    _, assistant = server
    page.get_by_text("Your articles").click()
    article = tmp_path / "gozo-ferry.md"
    article.write_text(
        "# Ferry Service to Gozo Resumes\n\nThe ferry between Malta and Gozo resumed on Sunday after a "
        "three-day suspension caused by gale-force winds, the operator said.\n"
    )
    page.set_input_files("#upload input[type=file]", str(article))
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('added')")
    assert "added gozo-ferry" in page.inner_text("#upload-result")
    assert "unchanged gozo" not in page.inner_text("#upload-result")
    assert "Ferry Service to Gozo Resumes" in page.inner_text("#article-table")
    shot(page, "upload")
    ask(page, "When did the ferry to Gozo resume?")
    assert "Sunday" in last_answer(page)
    assert "Ferry Service to Gozo Resumes" in page.inner_text("#sources")

    generation = assistant.index.manifest["generation"]
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('binary')")
    result = page.inner_text("#upload-result")
    assert "failed scan.txt: is a binary file, not text" in result
    assert "gozo-ferry" not in result  # the upload box was cleared after the first batch
    assert assistant.index.manifest["generation"] == generation  # nothing was written
    shot(page, "upload-error")
    ask(page, "What triggered the strikes?")
    assert "Durand Line" in last_answer(page)

    page.locator("#remove-id input").fill("gozo-ferry")
    page.keyboard.press("Enter")
    page.click("#remove")
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('Removed')")
    assert "Ferry Service to Gozo" not in page.inner_text("#article-table")
    assert "gozo-ferry" not in {a.id for a in assistant.articles()}


def test_too_many_files_is_refused_with_a_clear_message(page, tmp_path, server):
    _, assistant = server
    page.get_by_text("Your articles").click()
    limit = assistant.settings.max_upload_files
    files = []
    for i in range(limit + 1):
        f = tmp_path / f"note-{i}.txt"
        f.write_text(f"Short note number {i} about the harbour.")
        files.append(str(f))
    page.set_input_files("#upload input[type=file]", files)
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('Nothing was added')")
    assert f"too many files in one upload (limit {limit})" in page.inner_text("#upload-result")
    assert not any(a.id.startswith("note-") for a in assistant.articles())


def test_ask_endpoint_with_gradio_client(server):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    result = client.predict("What triggered the strikes?", 5, api_name="/ask")
    assert result["refused"] is False and "Durand Line [1]." in result["answer"]
    citation = result["citations"][0]
    assert citation["marker"] == 1 and citation["quote"].startswith("The immediate trigger")
    passage = result["passages"][0]
    assert passage["marker"] == 1 and citation["quote"] in passage["text"]
    assert len(result["passages"]) == 5
    refused = client.predict("Who won the 2022 World Cup?", 3, api_name="/ask")
    assert refused["refused"] is True and refused["citations"] == [] and len(refused["passages"]) == 3


def test_non_loopback_serving_requires_a_login():
    from rag import RagError
    from ui.app import launch_options

    assert launch_options("127.0.0.1", 7860, allow_unauthenticated=False, env={}) == {"server_name": "127.0.0.1", "server_port": 7860}
    with pytest.raises(RagError, match="RAG_UI_USERNAME and RAG_UI_PASSWORD"):
        launch_options("0.0.0.0", 7860, allow_unauthenticated=False, env={})
    assert "auth" not in launch_options("0.0.0.0", 7860, allow_unauthenticated=True, env={})
    opts = launch_options("0.0.0.0", 7860, allow_unauthenticated=False, env={"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret"})
    assert opts["auth"] == ("ana", "s3cret")


def test_login_page_when_auth_is_configured(browser, seed_index, embedder):
    from rag import Assistant
    from ui.app import build_app, launch_options

    app = build_app(Assistant.load(seed_index, embedder=embedder))
    port = free_port()
    options = launch_options("127.0.0.1", port, allow_unauthenticated=False, env={"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret"})
    app.launch(**options, prevent_thread_lock=True, quiet=True)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}")
        page.wait_for_selector("input[type=password]", timeout=TIMEOUT)
        assert page.locator("#question").count() == 0
        page.fill("input[type=text]", "ana")
        page.fill("input[type=password]", "s3cret")
        page.keyboard.press("Enter")
        page.wait_for_selector("#question textarea", timeout=TIMEOUT)
        page.close()
    finally:
        app.close()


def test_unreachable_llm_falls_back_with_a_notice(browser, seed_index, embedder):
    from rag import Assistant
    from rag.llm import LLMConfig
    from ui import render
    from ui.app import build_app

    dead = f"http://127.0.0.1:{free_port()}/v1"
    llm = LLMConfig.resolve("openai", base_url=dead, model="gemma", timeout=2, max_retries=1)
    app = build_app(Assistant.load(seed_index, embedder=embedder, llm=llm))
    app.queue()
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, css=render.CSS)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT)
        page.goto(f"http://127.0.0.1:{port}")
        page.wait_for_selector("#question textarea")
        page.get_by_text("Settings", exact=True).first.click()
        page.wait_for_selector("#answerer", state="visible")  # two answerers configured: the choice is offered
        assert page.locator("#answerer input").input_value() == "openai"
        ask(page, "What triggered the strikes?")
        assert "Durand Line" in last_answer(page)
        notice = page.inner_text("#sources .banner.notice")
        assert "did not answer" in notice and "extractive answer" in notice
        shot(page, "llm-fallback")
        page.close()
    finally:
        app.close()

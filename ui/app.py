"""The chat web UI: layout and event wiring over `rag.Assistant`. Decisions live in `rag`.

Every request first picks up what another process (`rag ingest`, `rag remove`) committed to the
index, so a running server never serves, or writes over, a stale generation.
"""

from __future__ import annotations

import html
import ipaddress
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # everything runs offline

import gradio as gr  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from rag import Answer, Assistant, RagError  # noqa: E402
from rag.readers import SUPPORTED_SUFFIXES, check_upload  # noqa: E402
from rag.feeds_state import FEED_HEADERS, feed_rows  # noqa: E402
from rag.watch import Watcher, ingest_urls  # noqa: E402
from rag.question import MAX_K, MAX_QUESTION_CHARS, Turn, read, validate_request  # noqa: E402
from ui import render  # noqa: E402
from ui.examples import newest_examples  # noqa: E402
from ui.listen import PortInUse, check_port, port_in_use  # noqa: E402,F401
from ui.login import ClientAddressMiddleware, LoginRequiredMiddleware, LoginThrottle  # noqa: E402

# Gradio keeps uploads in $GRADIO_TEMP_DIR; each server process has its own folder under this one.
UPLOADS = Path(tempfile.gettempdir()) / "news-rag-uploads"

READY_TIMEOUT_S = 300  # how long a request waits for the model to finish loading


def _fail(message: str) -> gr.Error:
    """A user's mistake: a toast with the message (escaped: Gradio renders it as HTML), no server traceback."""
    return gr.Error(html.escape(message), print_exception=False)


def build_app(assistant: Assistant, *, ready: threading.Event | None = None,
              examples: Sequence[str] | None = None) -> gr.Blocks:
    """The Blocks app. `ready` is set once the model is loaded; until then questions show a loading state.
    `examples`: the questions offered under the box (default: drawn from the index's newest articles)."""
    examples = list(examples) if examples else newest_examples(assistant)
    if ready is None:
        ready = threading.Event()
        ready.set()
    answerers = list(assistant.answerers)
    uploads = upload_folder()
    added_uploads: set[str] = set()  # uploaded copies already ingested (and deleted)

    def refresh() -> None:
        try:
            assistant.refresh()
        except RagError as exc:
            raise _fail(str(exc)) from None

    with gr.Blocks(title="news-rag") as app:
        gr.Markdown(
            "## news-rag\nAsk about the indexed news articles. Every sentence of an answer cites "
            "the passage it quotes; when the articles don't say, you are told so."
        )
        sections = gr.State([])  # each answer's sources (HTML), in turn order
        asked = gr.State([])  # the conversation: each question as typed, then its `Turn` once answered
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                # Messages are Markdown we build (`render.answer_markdown`); no LaTeX is ever ours.
                chat = gr.Chatbot(label="Conversation", height=460, elem_id="chat", buttons=["copy"],
                                  latex_delimiters=[])
                note = gr.Markdown(elem_id="query-note")
                with gr.Row():
                    question = gr.Textbox(
                        placeholder=f"Ask a question, e.g. {examples[0]}" if examples else "Ask a question",
                        show_label=False,
                        scale=5, elem_id="question", autofocus=True, max_length=MAX_QUESTION_CHARS,
                    )
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                # Picking an example asks it (a Dataset, not gr.Examples, which only fills the box).
                example_list = gr.Dataset(components=[question], samples=[[q] for q in examples], label="Examples",
                                          elem_id="examples", visible=bool(examples))
                clear = gr.Button("New conversation", size="sm", elem_id="clear")
            with gr.Column(scale=2):
                sources = gr.HTML(render.sources_panel([]), elem_id="sources", label="Sources")

        with gr.Accordion("Settings", open=False, elem_id="settings-panel"):
            k = gr.Slider(1, MAX_K, value=assistant.settings.k, step=1, label="Passages to retrieve", elem_id="k")
            answerer = gr.Dropdown(answerers, value=assistant.answerer.name, label="Answerer",
                                   visible=len(answerers) > 1, elem_id="answerer")

        with gr.Accordion("Your articles", open=False, elem_id="articles-panel") as panel:
            upload = gr.File(
                label=f"Add articles ({', '.join(SUPPORTED_SUFFIXES)}; up to {assistant.settings.max_upload_files} "
                f"files of {assistant.settings.max_file_bytes // 1_000_000} MB each)",
                file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload",
            )
            upload_result = gr.Markdown(elem_id="upload-result")
            table = gr.Dataframe(
                [], headers=render.ARTICLE_HEADERS, interactive=False, elem_id="article-table",
                label="Indexed articles", wrap=True, column_widths=["24%", "38%", "16%", "14%", "8%"],
                show_search="search",  # finds an article by id, title or outlet; a column's ⋮ menu sorts it
            )
            with gr.Row():
                to_remove = gr.Dropdown(
                    [], value=None, label="Article to remove (choose, or type its id)", elem_id="remove-id", scale=3,
                )
                remove = gr.Button("Remove…", variant="stop", elem_id="remove", scale=1)
                reload = gr.Button("Refresh list", elem_id="refresh-articles", scale=1)
            pending = gr.State(None)  # the article id awaiting confirmation
            with gr.Row(visible=False, elem_id="remove-confirm") as confirm_row:
                confirm_text = gr.Markdown(elem_id="remove-confirm-text")
                confirm = gr.Button("Yes, remove it", variant="stop", elem_id="remove-yes", scale=0)
                cancel = gr.Button("Cancel", elem_id="remove-cancel", scale=0)

        with gr.Accordion("Feeds", open=False, elem_id="feeds-panel") as feeds_panel:
            with gr.Row():
                feed_url = gr.Textbox(label="Feed, site or article URL (http/https)", scale=4, elem_id="feed-url",
                                      max_length=2_000)
                follow = gr.Button("Follow feed", variant="primary", scale=1, elem_id="feed-follow")
                fetch_page = gr.Button("Add this article", scale=1, elem_id="feed-page")
            feed_result = gr.Markdown(elem_id="feed-result")
            feed_table = gr.Dataframe([], headers=FEED_HEADERS, interactive=False, elem_id="feed-table",
                                      label="Feeds followed", wrap=True)
            with gr.Row():
                feed_to_remove = gr.Dropdown([], value=None, label="Feed to stop following", elem_id="feed-remove-name",
                                             scale=3)
                feed_remove = gr.Button("Remove feed…", variant="stop", elem_id="feed-remove", scale=1)
            feed_pending = gr.State(None)
            with gr.Row(visible=False, elem_id="feed-remove-confirm") as feed_confirm_row:
                feed_confirm_text = gr.Markdown(elem_id="feed-remove-confirm-text")
                feed_confirm = gr.Button("Yes, stop following it", variant="stop", elem_id="feed-remove-yes", scale=0)
                feed_cancel = gr.Button("Cancel", elem_id="feed-remove-cancel", scale=0)

        # ----- asking ----------------------------------------------------------------------

        def respond(text: str, messages: list, k_value: float, answerer_name: str, done: list, history: list):
            try:
                text, k_int, _ = validate_request(text, k_value)
                read(text, history)  # what cannot be asked here (a "Tell me more." first) is refused before it shows
            except RagError as exc:
                raise _fail(str(exc)) from None
            turn = sum(1 for m in messages if m.get("role") == "assistant") + 1
            messages = list(messages) + [{"role": "user", "content": render.as_text(text)},
                                         {"role": "assistant", "content": ""}]
            if not ready.is_set():
                messages[-1]["content"] = render.LOADING_MESSAGE
                yield messages, "", "", gr.skip(), gr.skip(), gr.skip()
                if not ready.wait(READY_TIMEOUT_S):
                    raise _fail("The model is still loading; try again in a minute.")
                messages[-1]["content"] = ""
            yield messages, "", "", gr.skip(), gr.skip(), list(history) + [text]
            refresh()
            answer, partial = None, ""
            try:
                for piece in assistant.stream(text, history, k=k_int, answerer=answerer_name):
                    if isinstance(piece, Answer):
                        answer = piece
                    else:
                        partial += piece
                        messages[-1]["content"] = render.as_text(partial)
                        yield messages, "", "", gr.skip(), gr.skip(), gr.skip()
                articles = {}
                for c in answer.citations:
                    if c.article_id not in articles:
                        articles[c.article_id] = assistant.article(c.article_id).text
            except RagError as exc:
                raise _fail(str(exc)) from None
            messages[-1]["content"] = render.answer_markdown(answer, turn)
            done = list(done) + [render.answer_sources(answer, turn, articles)]
            # The conversation keeps what each answer quoted, so a "Tell me more." goes past it.
            yield (messages, "", render.query_note(answer), render.sources_panel(done), done,
                   list(history) + [Turn.of(answer)])

        inputs = [question, chat, k, answerer, sections, asked]
        outputs = [chat, question, note, sources, sections, asked]
        ask.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        example_list.click(lambda sample: sample[0], example_list, question, api_visibility="private").then(
            respond, inputs, outputs, api_visibility="private")
        clear.click(lambda: ([], "", render.sources_panel([]), [], []), None, [chat, note, sources, sections, asked],
                    api_visibility="private")

        # ----- the collection ---------------------------------------------------------------

        hide_confirm = (gr.update(visible=False), None)

        def article_views():
            refresh()
            infos = assistant.articles()
            return render.article_rows(infos), gr.update(choices=render.removal_choices(infos), value=None)

        def add_articles(files: list | None, progress=gr.Progress()):
            paths = [f if isinstance(f, str) else f.name for f in files or []]
            # Files chosen while a batch was being added come with the ones still listed from before it.
            paths = [p for p in paths if p not in added_uploads or os.path.exists(p)]
            if not paths:
                return gr.skip(), gr.skip(), gr.skip(), gr.skip(), *hide_confirm
            try:
                refresh()
                check_upload(paths, max_files=assistant.settings.max_upload_files)
                report = assistant.ingest(paths, progress=lambda done, total: progress(done / total, desc="Embedding"))
            except RagError as exc:
                return f"**Nothing was added.** {render.as_text(str(exc))}", *article_views(), gr.skip(), *hide_confirm
            finally:
                discard_uploads(paths, uploads)  # the index holds what was added; the copies go at once
                added_uploads.update(paths)
            # The file box is left as it is: clearing it while the browser is still sending a file
            # chosen meanwhile drops that file (its upload never fires); the next batch skips these.
            return render.ingest_markdown(report), *article_views(), gr.skip(), *hide_confirm

        def ask_to_remove(article_id: str | None):
            if not article_id:
                raise _fail("Choose the article to remove, or type its id.")
            refresh()
            info = next((a for a in assistant.articles() if a.id == article_id), None)
            if info is None:
                raise _fail(f"No article '{article_id}' in the index (it may have been removed already).")
            return gr.update(visible=True), render.removal_question(info), article_id

        def remove_article(article_id: str | None):
            if not article_id:
                raise _fail("Nothing to remove: choose an article and press Remove… first.")
            refresh()
            try:
                assistant.remove(article_id)
            except RagError as exc:
                raise _fail(str(exc)) from None
            return f"Removed {render.code(article_id)}.", *article_views(), *hide_confirm

        collection = [table, to_remove]
        app.load(article_views, None, collection, api_visibility="private")
        panel.expand(article_views, None, collection, api_visibility="private")
        reload.click(article_views, None, collection, api_visibility="private")
        # Files chosen while an upload is still being added wait their turn (never dropped), one batch at a time.
        upload.upload(add_articles, upload, [upload_result, table, to_remove, upload, confirm_row, pending],
                      api_visibility="private", trigger_mode="multiple", concurrency_limit=1)
        remove.click(ask_to_remove, to_remove, [confirm_row, confirm_text, pending], api_visibility="private")
        confirm.click(remove_article, pending, [upload_result, table, to_remove, confirm_row, pending],
                      api_visibility="private")
        cancel.click(lambda: (*hide_confirm, None), None, [confirm_row, pending, to_remove], api_visibility="private")
        to_remove.change(lambda: hide_confirm, None, [confirm_row, pending], api_visibility="private")

        # ----- feeds (fetched from public addresses only: the page must not reach the server's network) --

        watcher = Watcher(assistant)
        hide_feed_confirm = (gr.update(visible=False), None)

        def feed_views():
            refresh()
            feeds = watcher.feeds.all()
            return (feed_rows(feeds, time.time()),
                    gr.update(choices=[f.name for f in feeds], value=None))

        def follow_feed(url: str):
            try:
                refresh()
                feed = watcher.add(check_url(url))
                result = f"Following {render.code(feed.name)}; its articles are added as it is polled."
                if not watcher_running.is_set():
                    result += " (This server polls feeds when started with `rag serve --watch`.)"
            except RagError as exc:
                result = f"**Not followed.** {render.as_text(str(exc))}"
            return result, *feed_views(), *hide_feed_confirm

        def add_page(url: str):
            try:
                refresh()
                report = ingest_urls(assistant, [check_url(url)], fetcher=watcher.fetcher)
            except RagError as exc:
                return f"**Nothing was added.** {render.as_text(str(exc))}", *article_views()
            return render.ingest_markdown(report), *article_views()

        def ask_to_remove_feed(name: str | None):
            if not name:
                raise _fail("Choose the feed to stop following.")
            try:
                feed = watcher.feeds.get(name)
            except RagError as exc:
                raise _fail(str(exc)) from None
            question = (f"Stop following {render.code(feed.name)} ({render.as_text(feed.url)})? "
                        "The articles it added stay in the index.")
            return gr.update(visible=True), question, name

        def remove_feed(name: str | None):
            if not name:
                raise _fail("Nothing to remove: choose a feed and press Remove feed… first.")
            try:
                watcher.feeds.remove(name)
            except RagError as exc:
                raise _fail(str(exc)) from None
            return f"Stopped following {render.code(name)}.", *feed_views(), *hide_feed_confirm

        feed_views_out = [feed_table, feed_to_remove]
        feeds_panel.expand(feed_views, None, feed_views_out, api_visibility="private")
        follow.click(follow_feed, feed_url, [feed_result, *feed_views_out, feed_confirm_row, feed_pending],
                     api_visibility="private", concurrency_limit=1)
        fetch_page.click(add_page, feed_url, [feed_result, *collection], api_visibility="private", concurrency_limit=1)
        feed_remove.click(ask_to_remove_feed, feed_to_remove, [feed_confirm_row, feed_confirm_text, feed_pending],
                          api_visibility="private")
        feed_confirm.click(remove_feed, feed_pending, [feed_result, *feed_views_out, feed_confirm_row, feed_pending],
                           api_visibility="private")
        feed_cancel.click(lambda: hide_feed_confirm, None, [feed_confirm_row, feed_pending], api_visibility="private")

        def ask_api(question: str, k: int = 5, as_of: str = "") -> dict:
            """Answer a question from the indexed articles: text, refusal flag, citations, passages.
            `as_of` (YYYY-MM-DD, default today) is the day "last week" or "latest" is read against."""
            try:
                question, k, as_of = validate_request(question, k, as_of)
                if not ready.wait(READY_TIMEOUT_S):
                    raise RagError("The model is still loading; try again in a minute.")
                assistant.refresh()
                answer = assistant.ask(question, k=k, as_of=as_of)
            except RagError as exc:
                raise _fail(str(exc)) from None
            return {
                "answer": answer.text,
                "refused": answer.refused,
                "query": answer.query,
                "citations": [c.to_dict() for c in answer.citations],
                "passages": [
                    {"marker": p.rank, "chunk_id": p.chunk.id, "article_id": p.chunk.article_id,
                     "title": p.chunk.title, "section": p.chunk.section, "text": p.chunk.text,
                     "start": p.chunk.start, "end": p.chunk.end, "score": p.score,
                     "source": p.source, "author": p.author, "published": p.published, "url": p.url}
                    for p in answer.passages
                ],
            }

        gr.api(ask_api, api_name="ask")
    return app


def check_url(url) -> str:
    """A URL typed into the Feeds panel, or a RagError saying what is wrong with it."""
    url = url.strip() if isinstance(url, str) else ""
    if not re.match(r"https?://[^\s/]+", url, re.IGNORECASE):
        raise RagError("Give a web address starting with http:// or https://.")
    return url


# Set while this process polls feeds (`rag serve --watch`).
watcher_running = threading.Event()


def upload_folder() -> Path:
    """Where Gradio puts this server's uploads (it reads $GRADIO_TEMP_DIR): a folder of this process's
    own, under `UPLOADS`. Folders that servers which have ended left behind are deleted here, so no
    earlier upload outlives its server or can be served again."""
    UPLOADS.mkdir(mode=0o700, exist_ok=True)
    for folder in UPLOADS.iterdir():
        if not (folder.name.isdigit() and _running(int(folder.name))):
            shutil.rmtree(folder, ignore_errors=True)
    mine = UPLOADS / str(os.getpid())
    mine.mkdir(mode=0o700, exist_ok=True)
    os.environ["GRADIO_TEMP_DIR"] = str(mine)
    return mine


def discard_uploads(paths: list[str], folder: Path) -> None:
    """Delete uploaded files (each in a folder of its own that Gradio made) once they were ingested."""
    for path in map(Path, paths):
        if path.resolve().is_relative_to(folder.resolve()) and path.parent.resolve() != folder.resolve():
            shutil.rmtree(path.parent, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def launch_options(host: str, port: int, *, allow_unauthenticated: bool, env=os.environ) -> dict:
    """Where to listen and whether to ask for a login: off loopback, a login is required.

    With a login, failed attempts are throttled per client address and per user name (`LoginThrottle`).
    """
    options = {"server_name": host, "server_port": port}
    loopback = host in ("localhost",) or _is_loopback(host)
    username, password = env.get("RAG_UI_USERNAME"), env.get("RAG_UI_PASSWORD")
    if username and password:
        options["auth"] = LoginThrottle.from_env(username, password, env)
    elif not loopback and not allow_unauthenticated:
        raise RagError(
            f"Serving on {host} makes the assistant reachable from other machines. Set RAG_UI_USERNAME and "
            "RAG_UI_PASSWORD to require a login, or pass --no-auth to serve without one."
        )
    return options


def launch_kwargs(options: dict, assistant: Assistant) -> dict:
    """Everything `Blocks.launch` gets, for `serve` and for tests that start a real server."""
    return {
        **options, "css": render.CSS, "max_file_size": 5 * assistant.settings.max_file_bytes,
        "footer_links": ["api"], "show_error": True,
        "app_kwargs": {"middleware": [Middleware(ClientAddressMiddleware), Middleware(LoginRequiredMiddleware)]},
    }


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(index: str, *, host: str, port: int, allow_unauthenticated: bool = False, llm=None,
          watch: bool = False, examples: Sequence[str] | None = None) -> None:
    """Listen at once, load the model while the page can already show a loading state, then serve."""
    options = launch_options(host, port, allow_unauthenticated=allow_unauthenticated)
    check_port(host, port)
    print("loading model…", file=sys.stderr, flush=True)
    assistant = Assistant.load(index, llm=llm)
    ready = threading.Event()
    app = build_app(assistant, ready=ready, examples=examples)
    app.queue(default_concurrency_limit=4)
    try:
        app.launch(**launch_kwargs(options, assistant), prevent_thread_lock=True, quiet=True)
    except OSError as exc:
        if "Cannot find empty port" in str(exc):  # taken between our check and Gradio's
            raise port_in_use(host, port) from None
        raise
    assistant.embedder.embed_query("warm up")
    ready.set()
    print(f"ready at http://{host}:{port}", flush=True)
    if watch:
        start_watching(assistant)
    app.block_thread()


def start_watching(assistant: Assistant) -> threading.Event:
    """Poll the index's feeds in a background thread, ingesting through the server's own assistant
    under its lock (one writer; questions wait while a poll's new articles are stored); set the
    returned event to stop."""
    stop = threading.Event()
    watcher = Watcher(assistant)
    watcher_running.set()
    threading.Thread(target=watcher.run, args=(stop, lambda r: print(r.line(), flush=True)),
                     name="feed-watcher", daemon=True).start()
    return stop

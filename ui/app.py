"""The chat web UI: layout and event wiring over `rag.Assistant`. Decisions live in `rag`."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import asdict

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # everything runs offline

import gradio as gr  # noqa: E402

from rag import Answer, Assistant, RagError  # noqa: E402
from rag.ingest import SUPPORTED_SUFFIXES, check_upload  # noqa: E402
from ui import render  # noqa: E402

EXAMPLES = [
    "What triggered the strikes?",
    "How did Afghan authorities respond to Pakistan's casualty figures?",
    "What has the United Nations urged?",
    "Which group has carried out attacks inside Pakistan?",
]


def build_app(assistant: Assistant) -> gr.Blocks:
    answerers = list(assistant.answerers)

    with gr.Blocks(title="news-rag") as app:
        gr.Markdown(
            "## news-rag\nAsk about the indexed news articles. Every sentence of an answer cites "
            "the passage it quotes; when the articles don't say, you are told so."
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Conversation", height=460, elem_id="chat", buttons=["copy"])
                note = gr.Markdown(elem_id="query-note")
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask a question, e.g. What triggered the strikes?", show_label=False,
                        scale=5, elem_id="question", autofocus=True,
                    )
                    ask = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                gr.Examples(EXAMPLES, inputs=question, label="Examples")
                clear = gr.Button("New conversation", size="sm", elem_id="clear")
            with gr.Column(scale=2):
                sources = gr.HTML(render.sources_html(None), elem_id="sources", label="Sources")

        with gr.Accordion("Settings", open=False):
            k = gr.Slider(1, 10, value=assistant.settings.k, step=1, label="Passages to retrieve", elem_id="k")
            answerer = gr.Dropdown(answerers, value=assistant.answerer.name, label="Answerer",
                                   visible=len(answerers) > 1, elem_id="answerer")

        with gr.Accordion("Your articles", open=False, elem_id="articles-panel"):
            upload = gr.File(
                label=f"Add articles ({', '.join(SUPPORTED_SUFFIXES)}; up to {assistant.settings.max_upload_files} "
                f"files of {assistant.settings.max_file_bytes // 1_000_000} MB each)",
                file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), elem_id="upload",
            )
            upload_result = gr.Markdown(elem_id="upload-result")
            table = gr.Dataframe(
                render.article_rows(assistant.articles()), headers=["id", "title", "source", "published", "chunks"],
                interactive=False, elem_id="article-table", label="Indexed articles",
            )
            with gr.Row():
                to_remove = gr.Dropdown([a.id for a in assistant.articles()], label="Article to remove", elem_id="remove-id")
                remove = gr.Button("Remove", variant="stop", elem_id="remove")

        def respond(text: str, messages: list, k_value: float, answerer_name: str):
            text = (text or "").strip()
            if not text:
                raise gr.Error("Type a question about the indexed articles.")
            history = [_text(m) for m in messages if m.get("role") == "user"]
            messages = list(messages) + [{"role": "user", "content": text}, {"role": "assistant", "content": ""}]
            yield messages, "", "", render.sources_html(None)
            answer = None
            try:
                for piece in assistant.stream(text, history, k=int(k_value), answerer=answerer_name):
                    if isinstance(piece, Answer):
                        answer = piece
                    else:
                        messages[-1]["content"] += piece
                        yield messages, "", "", gr.skip()
            except RagError as exc:
                raise gr.Error(str(exc)) from None
            messages[-1]["content"] = render.answer_markdown(answer)
            yield messages, "", render.query_note(answer), render.sources_html(answer)

        inputs = [question, chat, k, answerer]
        outputs = [chat, question, note, sources]
        ask.click(respond, inputs, outputs, api_visibility="private")
        question.submit(respond, inputs, outputs, api_visibility="private")
        clear.click(lambda: ([], "", render.sources_html(None)), None, [chat, note, sources], api_visibility="private")

        def add_articles(files: list | None, progress=gr.Progress()):
            paths = [f if isinstance(f, str) else f.name for f in files or []]
            if not paths:
                return gr.skip(), gr.skip(), gr.skip(), gr.skip()
            try:
                check_upload(paths, max_files=assistant.settings.max_upload_files)
                report = assistant.ingest(paths, progress=lambda done, total: progress(done / total, desc="Embedding"))
            except RagError as exc:
                return f"**Nothing was added.** {exc}", gr.skip(), gr.skip(), None
            return render.ingest_markdown(report), *_article_views(), None

        def remove_article(article_id: str | None):
            if not article_id:
                raise gr.Error("Choose the article to remove.")
            try:
                assistant.remove(article_id)
            except RagError as exc:
                raise gr.Error(str(exc)) from None
            return f"Removed `{article_id}`.", *_article_views()

        def _article_views():
            infos = assistant.articles()
            return render.article_rows(infos), gr.update(choices=[a.id for a in infos], value=None)

        upload.upload(add_articles, upload, [upload_result, table, to_remove, upload], api_visibility="private")
        remove.click(remove_article, to_remove, [upload_result, table, to_remove], api_visibility="private")

        def ask_api(question: str, k: int = 5) -> dict:
            """Answer a question from the indexed articles: text, refusal flag, citations, passages."""
            try:
                answer = assistant.ask(question, k=int(k))
            except RagError as exc:
                raise gr.Error(str(exc)) from None
            return {
                "answer": answer.text,
                "refused": answer.refused,
                "query": answer.query,
                "citations": [asdict(c) for c in answer.citations],
                "passages": [
                    {"marker": p.rank, "chunk_id": p.chunk.id, "article_id": p.chunk.article_id,
                     "title": p.chunk.title, "section": p.chunk.section, "text": p.chunk.text,
                     "start": p.chunk.start, "end": p.chunk.end, "score": p.score}
                    for p in answer.passages
                ],
            }

        gr.api(ask_api, api_name="ask")
    return app


def _text(message: dict) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # Gradio may hand back content as typed parts
        return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
    return str(content or "")


def launch_options(host: str, port: int, *, allow_unauthenticated: bool, env=os.environ) -> dict:
    """Where to listen and whether to ask for a login: off loopback, a login is required."""
    options = {"server_name": host, "server_port": port}
    loopback = host in ("localhost",) or _is_loopback(host)
    username, password = env.get("RAG_UI_USERNAME"), env.get("RAG_UI_PASSWORD")
    if username and password:
        options["auth"] = (username, password)
    elif not loopback and not allow_unauthenticated:
        raise RagError(
            f"Serving on {host} makes the assistant reachable from other machines. Set RAG_UI_USERNAME and "
            "RAG_UI_PASSWORD to require a login, or pass --no-auth to serve without one."
        )
    return options


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(index: str, *, host: str, port: int, allow_unauthenticated: bool = False, llm=None) -> None:
    options = launch_options(host, port, allow_unauthenticated=allow_unauthenticated)
    assistant = Assistant.load(index, llm=llm)
    app = build_app(assistant)
    app.queue(default_concurrency_limit=4)
    app.launch(
        **options, css=render.CSS, max_file_size=5 * assistant.settings.max_file_bytes,
        footer_links=["api"], show_error=True,
    )

"""How answers, sources and ingest results look in the web UI. Presentation only: no decisions."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from rag.citations import day_label
from rag.question import followed_up
from rag.readers.article import outlet_of
from rag.records import Answer, IngestReport, Passage
from rag.store import ArticleInfo

_MARKER = re.compile(r"\[(\d+)\]")

REFUSAL_LABEL = "Not found in the articles"
# A "Tell me more." after everything on the subject was shown is no failure: it gets a quieter label.
NOTHING_MORE_LABEL = "Nothing more to add"
LOADING_MESSAGE = "_Loading the model… your question is answered as soon as it is ready (about 10 s after a start)._"
# "View article" shows at most this many characters on each side of the cited sentence.
ARTICLE_WINDOW = 40_000

# Colours are chosen for WCAG AA (contrast ≥ 4.5) in both the light and the dark theme: every
# coloured background sets its own text colour instead of inheriting the theme's, and secondary
# text (headers, outlet and date lines) has its own colour per theme: the theme's "subdued" grey is
# too light for small text.
CSS = """
#sources, #query-note { --muted-text: #4b5563; }
/* One rule per ".dark" selector: Gradio scopes only the first selector of a list to its dark theme. */
.dark #sources { --muted-text: #c3cad5; }
.dark #query-note { --muted-text: #c3cad5; }
#sources .sources-scroll { max-height: 75vh; overflow-y: auto; overflow-x: hidden; padding-right: 4px; }
#sources .answer-sources, #sources .answer-sources * { overflow-wrap: anywhere; min-width: 0; }
#sources .answer-sources { margin-bottom: 18px; }
#sources .turn { font-size: 0.95em; font-weight: 600; margin: 4px 0 8px; color: var(--body-text-color);
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden; }
#sources .source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
#sources .source:target { outline: 3px solid #1f6feb; }
#sources .head { font-size: 0.9em; margin-bottom: 6px; }
#sources .head a { color: inherit; text-decoration: underline; }
#sources .marker { font-weight: 700; color: #0b57d0; margin-right: 4px; }
.dark #sources .marker { color: #8ab4f8; }
#sources .meta { font-size: 0.9em; }
#sources .section, #sources .meta, #sources .also, #sources .empty, #query-note, #query-note * { color: var(--muted-text); }
#query-note { font-size: 0.85em; }
#sources mark, #sources .article-text mark { background: #fff2a8; color: #1a1a1a; padding: 0 2px; border-radius: 3px; }
#sources .banner { padding: 8px 12px; border-radius: 8px; margin-bottom: 10px; font-weight: 600; }
#sources .banner.refusal { background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bc; }
#sources .banner.notice { background: #fff8e1; color: #5c4000; border: 1px solid #ffe08a; font-weight: 500; }
#sources .banner.answer { background: #e8f3ff; color: #0b3d91; border: 1px solid #b6d4fe; }
#sources .banner.nothing-more { background: #f1f3f4; color: #3c4043; border: 1px solid #dadce0; font-weight: 500; }
.dark #sources .banner.refusal { background: #3d1511; color: #ffd9d4; border-color: #8a1c12; }
.dark #sources .banner.notice { background: #382b00; color: #ffe9a8; border-color: #7a5c00; }
.dark #sources .banner.answer { background: #0f2748; color: #d6e6ff; border-color: #2c5aa0; }
.dark #sources .banner.nothing-more { background: #2a2f36; color: #e3e6ea; border-color: #4a5160; }
#sources details.checked { margin-bottom: 10px; font-size: 0.9em; }
#sources details.article-view summary { cursor: pointer; font-size: 0.85em; margin-top: 6px; }
#sources .article-text { max-height: 320px; overflow-y: auto; font-size: 0.9em; margin-top: 6px; padding: 6px 8px;
  border-left: 3px solid var(--border-color-primary); }
#sources .article-text p { margin: 0 0 0.6em; }
#sources .article-text :is(h3, h4, h5, h6) { color: inherit; font-weight: 700; margin: 0.8em 0 0.4em; line-height: 1.3; }
#sources .article-text h3 { font-size: 1.15em; }
#sources .article-text h4 { font-size: 1.05em; }
#sources .article-text :is(h5, h6) { font-size: 1em; }
#article-table [role=gridcell], #article-table th { overflow-wrap: anywhere; }
/* On a phone the list keeps readable columns and scrolls sideways; its label and search take a line each. */
@media (max-width: 640px) {
  #article-table .table-container { overflow-x: auto; }
  #article-table .table-wrap { min-width: 860px; }
  #article-table .header-row { flex-wrap: wrap; }
  #article-table .header-row .label { flex: 1 0 auto; }
}
#remove-confirm-text { padding: 8px 12px; border-radius: 8px; background: #fdecea; color: #8a1c12; }
#remove-confirm-text * { color: #8a1c12; }
"""


def answer_markdown(answer: Answer, turn: int) -> str:
    """The chat message: the answer as text; its markers link to this answer's own source cards; a
    refusal is labelled. Only the marker links are markup: whatever an article says shows as written."""
    if answer.refused:
        return f"**{_refusal_label(answer)}.** {as_text(answer.text)}"
    out, at = [], 0
    for m in _MARKER.finditer(answer.text):
        out += [as_text(answer.text[at:m.start()]), f"[\\[{m.group(1)}\\]](#{card_id(turn, int(m.group(1)))})"]
        at = m.end()
    return "".join(out + [as_text(answer.text[at:])])


def _refusal_label(answer: Answer) -> str:
    return NOTHING_MORE_LABEL if answer.kind == "nothing_more" else REFUSAL_LABEL


# What Markdown (GFM) or HTML would build from plain text: tags and entities, emphasis, code, links and
# images, headings, tables, strikethrough, maths, and the URLs and addresses GFM turns into links.
_HTML_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MARKDOWN_SYNTAX = re.compile(r"[&<>]|[\\`*_\[\]()!#|~$]|(?<=[a-zA-Z]):(?=//)|(?<=\bwww)\.|@")


def as_text(text: str) -> str:
    """Plain text (an article's words, a question, a file name) for a Markdown component: shown literally."""
    return _MARKDOWN_SYNTAX.sub(lambda m: _HTML_CHARS.get(m.group(), "\\" + m.group()), text or "")


def card_id(turn: int, marker: int) -> str:
    """Each answer's cards get their own ids, so earlier answers keep linking to their own sources."""
    return f"a{turn}-source-{marker}"


def query_note(answer: Answer) -> str:
    """What was searched, naming one question: the follow-up rewritten to stand alone, or the
    question it follows up on."""
    subject = followed_up(answer.query)[1]
    if subject:
        return f"Following up on: *{as_text(subject)}*"
    if answer.query and answer.query != answer.question:
        return f"Searched for: *{as_text(answer.query)}*"
    return ""


def sources_panel(sections: Sequence[str]) -> str:
    """Every answer's sources, newest first; `sections` are `answer_sources` results in turn order."""
    if not sections:
        return '<div class="empty">Sources for each answer appear here, with the cited sentence highlighted.</div>'
    return '<div class="sources-scroll">' + "\n".join(reversed(sections)) + "</div>"


def answer_sources(answer: Answer, turn: int, articles: Mapping[str, str] | None = None) -> str:
    """One answer's sources: banners, cited cards (with "view article"), then the uncited ones.

    `articles` maps article ids to their full text, for the "view article" of cited cards.
    """
    articles = articles or {}
    cited_markers = {c.marker for c in answer.citations}
    parts = [f'<section class="answer-sources" id="a{turn}">',
             f'<div class="turn">Answer {turn} · {html.escape(_shorten(answer.question, 90))}</div>']
    if answer.kind == "nothing_more":
        looked_at = " — the passages looked at" if answer.passages else ""
        parts.append(f'<div class="banner nothing-more">{NOTHING_MORE_LABEL}{looked_at}</div>')
    elif answer.refused:
        parts.append(f'<div class="banner refusal">{REFUSAL_LABEL} — closest passages</div>')
    else:
        parts.append(f'<div class="banner answer">Sources for this answer ({len(cited_markers)} cited)</div>')
    if answer.notice:
        parts.append(f'<div class="banner notice">{html.escape(answer.notice)}</div>')
    if answer.unsupported:
        items = "".join(
            f"<li><s>{html.escape(u.text)}</s> — {html.escape(u.action)}: {html.escape(u.reason)}</li>"
            if u.action == "removed" else f"<li>{html.escape(u.text)} — {html.escape(u.action)}: {html.escape(u.reason)}</li>"
            for u in answer.unsupported
        )
        parts.append(f'<details class="checked"><summary>Checked and not shown as written ({len(answer.unsupported)})'
                     f"</summary><ul>{items}</ul></details>")
    highlights: dict[int, list[tuple[int, int]]] = {}
    for c in answer.citations:
        highlights.setdefault(c.marker, []).append((c.start, c.end))
    cited = [p for p in answer.passages if p.rank in cited_markers]
    others = [p for p in answer.passages if p.rank not in cited_markers]
    shown = cited if not answer.refused else list(answer.passages[:3])
    for passage in shown:
        spans = highlights.get(passage.rank, [])
        parts.append(_card(passage, turn, spans, articles.get(passage.chunk.article_id) if spans else None))
    rest = others if not answer.refused else list(answer.passages[3:])
    if rest:
        parts.append(f"<details><summary>Also retrieved, not cited ({len(rest)})</summary>")
        parts += [_card(p, turn, [], None) for p in rest]
        parts.append("</details>")
    parts.append("</section>")
    return "\n".join(parts)


def byline(source: str, author: str, published: str) -> str:
    """ "Reuters · Jane Doe · 3 March 2025", leaving out what is unknown."""
    return " · ".join(x for x in (source, author, day_label(published)) if x)


def also_published(passage: Passage) -> str:
    """Hook: the other outlets that published the same story.

    Filled once passages carry them (a tuple of outlet names, e.g. `Passage.also_published`,
    from the story clusters built at ingest). Until then there is nothing to show, and nothing is made up.
    """
    outlets = [o for o in getattr(passage, "also_published", ()) or () if o and o != passage.source]
    if not outlets:
        return ""
    return f'<div class="also">Also published by {html.escape(", ".join(outlets))}</div>'


def _card(passage: Passage, turn: int, spans: list[tuple[int, int]], article_text: str | None) -> str:
    chunk = passage.chunk
    title = html.escape(chunk.title)
    url = _safe_url(passage.url)
    if url:
        title = f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    section = f' — <span class="section">{html.escape(chunk.section)}</span>' if chunk.section else ""
    meta = byline(passage.source or outlet_of(passage.url), passage.author, passage.published)
    view = ""
    if article_text is not None:
        view = ('<details class="article-view"><summary>View article</summary>'
                f'<div class="article-text">{_article_excerpt(article_text, spans)}</div></details>')
    return (
        f'<div class="source" id="{card_id(turn, passage.rank)}">'
        f'<div class="head"><span class="marker">[{passage.rank}]</span><b>{title}</b>{section}'
        + (f'<br><small class="meta">{html.escape(meta)}</small>' if meta else "")
        + f"</div>{also_published(passage)}"
        + f'<div class="text">{_highlight(chunk.text, chunk.start, spans)}</div>{view}</div>'
    )


_HEADING = re.compile(r"(#{1,6})[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*")  # a Markdown ATX heading line


def _article_excerpt(text: str, spans: list[tuple[int, int]]) -> str:
    """The whole article with the cited spans marked (a window around them for very long articles):
    its `#` headings as headings, its paragraphs as paragraphs, every word of it escaped."""
    lo = max(0, min(s for s, _ in spans) - ARTICLE_WINDOW)
    hi = min(len(text), max(e for _, e in spans) + ARTICLE_WINDOW)
    blocks = ["<p>…</p>"] if lo else []
    paragraph: list[int] = []  # start and end of the paragraph being gathered

    def block(tag: str, start: int, end: int) -> str:
        inside = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
        return f"<{tag}>{_highlight(text[start:end], start, inside)}</{tag}>"

    at = lo
    for line in text[lo:hi].split("\n"):
        start, end = at, at + len(line)
        at = end + 1
        heading = _HEADING.fullmatch(line)
        if (heading or not line.strip()) and paragraph:
            blocks.append(block("p", *paragraph))
            paragraph = []
        if heading:
            level = min(len(heading.group(1)) + 2, 6)  # a card's article: "#" is an h3
            blocks.append(block(f"h{level}", start + heading.start(2), start + heading.end(2)))
        elif line.strip():
            paragraph = [paragraph[0] if paragraph else start, end]
    if paragraph:
        blocks.append(block("p", *paragraph))
    return "".join(blocks + (["<p>…</p>"] if hi < len(text) else []))


def _safe_url(url: str) -> str:
    """Only web links become links: a `javascript:` URL from an article must never run."""
    url = (url or "").strip()
    return url if re.match(r"https?://", url, re.IGNORECASE) else ""


def _shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _highlight(text: str, offset: int, spans: list[tuple[int, int]], *, newlines: bool = True) -> str:
    """Escape `text`, wrapping the cited spans (article offsets) in <mark>."""
    out, at = [], 0
    for start, end in sorted((s - offset, e - offset) for s, e in spans):
        if start < at or start < 0 or end > len(text):
            continue
        out += [html.escape(text[at:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        at = end
    out.append(html.escape(text[at:]))
    joined = "".join(out)
    return joined.replace("\n", "<br>") if newlines else joined


def ingest_markdown(report: IngestReport) -> str:
    lines = [f"**{report.summary()}**", ""]
    lines += [f"- **added** {code(i)}" for i in report.added]
    lines += [f"- **replaced** {code(i)} (its content changed)" for i in report.replaced]
    lines += [f"- **unchanged** {code(i)} (already indexed)" for i in report.unchanged]
    lines += [f"- **duplicate** {code(new)} has the same content as {code(twin)}; stored once" for new, twin in report.duplicates]
    lines += [f"- **syndicated** {code(copy)} is a copy of {code(lead)}; stored once as one story" for copy, lead in report.syndicated]
    lines += [f"- **failed** {code(_file_name(f.path))}: {as_text(f.problem)}" for f in report.failed]
    return "\n".join(lines)


def code(text: str) -> str:
    """An id or file name in code style, for a Markdown component (a backtick in it cannot end the span)."""
    return f"<code>{as_text(text)}</code>"


def _file_name(path: str) -> str:
    """Uploaded files live in a temporary folder; the user knows them by their own name."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


ARTICLE_HEADERS = ["id", "title", "source", "published", "chunks"]


def article_rows(articles: list[ArticleInfo]) -> list[list]:
    """One row per article; an article without an outlet shows its URL's site instead of a blank.

    Dates stay ISO (YYYY-MM-DD), so the list's sort puts them in time order."""
    return [[a.id, a.title, a.source or outlet_of(a.url), a.published, a.chunks] for a in articles]


def removal_choices(articles: list[ArticleInfo]) -> list[str]:
    """Article ids for the remove dropdown, shortest first.

    The dropdown's type-to-filter picks the first choice containing what was typed; only longer
    ids can contain a typed id, so with the shortest first a typed id picks exactly that article.
    """
    return sorted((a.id for a in articles), key=lambda i: (len(i), i))


def removal_question(info: ArticleInfo) -> str:
    return (f"Remove **{as_text(info.title)}** ({code(info.id)}, {info.chunks} passages) from the index? "
            "This cannot be undone.")

"""How answers, sources and ingest results look in the web UI. Presentation only: no decisions."""

from __future__ import annotations

import html
import re

from rag.records import Answer, IngestReport, Passage
from rag.store import ArticleInfo

_MARKER = re.compile(r"\[(\d+)\]")

REFUSAL_LABEL = "Not found in the articles"

CSS = """
#sources .source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
#sources .source:target { outline: 2px solid #1f6feb; }
#sources .head { font-size: 0.9em; margin-bottom: 6px; }
#sources .marker { font-weight: 700; color: #1f6feb; margin-right: 4px; }
#sources .section { color: var(--body-text-color-subdued); }
#sources mark { background: #fff2a8; color: inherit; padding: 0 2px; border-radius: 3px; }
#sources .banner { padding: 8px 12px; border-radius: 8px; margin-bottom: 10px; font-weight: 600; }
#sources .banner.refusal { background: #fdecea; color: #8a1c12; border: 1px solid #f5c2bc; }
#sources .banner.notice { background: #fff8e1; color: #6d4c00; border: 1px solid #ffe08a; font-weight: 500; }
#sources details.checked { margin-bottom: 10px; font-size: 0.9em; }
#sources .banner.answer { background: #e8f3ff; color: #0b3d91; border: 1px solid #b6d4fe; }
#sources .empty { color: var(--body-text-color-subdued); }
#query-note { font-size: 0.85em; color: var(--body-text-color-subdued); }
"""


def answer_markdown(answer: Answer) -> str:
    """The chat message: markers become links to their source card; a refusal is labelled."""
    if answer.refused:
        return f"**{REFUSAL_LABEL}.** {answer.text}"
    return _MARKER.sub(lambda m: f"[[{m.group(1)}]](#source-{m.group(1)})", answer.text)


def query_note(answer: Answer) -> str:
    if answer.query and answer.query != answer.question:
        return f"Searched for: *{answer.query}*"
    return ""


def sources_html(answer: Answer | None) -> str:
    if answer is None:
        return '<div class="empty">Sources for each answer appear here, with the cited sentence highlighted.</div>'
    cited_markers = {c.marker for c in answer.citations}
    parts = []
    if answer.refused:
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
    shown = cited if not answer.refused else answer.passages[:3]
    for passage in shown:
        parts.append(_card(passage, highlights.get(passage.rank, [])))
    rest = others if not answer.refused else answer.passages[3:]
    if rest:
        parts.append(f"<details><summary>Also retrieved, not cited ({len(rest)})</summary>")
        parts += [_card(p, []) for p in rest]
        parts.append("</details>")
    return "\n".join(parts)


def _card(passage: Passage, spans: list[tuple[int, int]]) -> str:
    chunk = passage.chunk
    meta = " · ".join(html.escape(x) for x in (passage.source, passage.published) if x)
    section = f' — <span class="section">{html.escape(chunk.section)}</span>' if chunk.section else ""
    return (
        f'<div class="source" id="source-{passage.rank}">'
        f'<div class="head"><span class="marker">[{passage.rank}]</span><b>{html.escape(chunk.title)}</b>{section}'
        + (f"<br><small>{meta}</small>" if meta else "")
        + f'</div><div class="text">{_highlight(chunk.text, chunk.start, spans)}</div></div>'
    )


def _highlight(text: str, offset: int, spans: list[tuple[int, int]]) -> str:
    """Escape `text`, wrapping the cited spans (article offsets) in <mark>."""
    out, at = [], 0
    for start, end in sorted((s - offset, e - offset) for s, e in spans):
        if start < at or start < 0 or end > len(text):
            continue
        out += [html.escape(text[at:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out).replace("\n", "<br>")


def ingest_markdown(report: IngestReport) -> str:
    lines = [f"**{report.summary()}**", ""]
    lines += [f"- **added** `{i}`" for i in report.added]
    lines += [f"- **replaced** `{i}` (its content changed)" for i in report.replaced]
    lines += [f"- **unchanged** `{i}` (already indexed)" for i in report.unchanged]
    lines += [f"- **duplicate** `{new}` has the same content as `{twin}`; stored once" for new, twin in report.duplicates]
    lines += [f"- **failed** `{_file_name(f.path)}`: {html.escape(f.problem)}" for f in report.failed]
    return "\n".join(lines)


def _file_name(path: str) -> str:
    """Uploaded files live in a temporary folder; the user knows them by their own name."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def article_rows(articles: list[ArticleInfo]) -> list[list]:
    return [[a.id, a.title, a.source, a.published, a.chunks] for a in articles]

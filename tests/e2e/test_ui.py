"""The web UI: a real Gradio server on a free loopback port, driven by headless Chromium."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import ROOT, free_port
from ui.examples import read_examples
from sample_articles import TOLLS
from ui_driver import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, TIMEOUT, ask, browser, last_answer, open_panel, page, served, shot  # noqa: F401

@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory, embedder):
    from rag import Assistant

    index = tmp_path_factory.mktemp("ui") / "index"
    shutil.copytree(seed_index, index)
    assistant = Assistant.load(index, embedder=embedder)
    with served(assistant, examples=read_examples(ROOT / "data" / "examples.txt")) as url:  # as `make run` does
        yield url, assistant




def test_example_question_shows_cited_answer_and_highlighted_source(page):
    assert "What triggered the strikes?" in page.get_attribute("#question textarea", "placeholder")
    page.locator("#examples").get_by_text("What triggered the strikes?", exact=True).first.click()  # it asks
    page.wait_for_function("() => document.querySelectorAll('#sources section.answer-sources').length > 0")
    answer = last_answer(page)
    assert "deadly exchanges" in answer and "Durand Line" in answer and "[1]" in answer
    link = page.locator("#chat a[href='#a1-source-1']").last
    assert link.inner_text() == "[1]"
    card = page.locator("#sources #a1-source-1")
    assert "Escalation From Border Skirmishes to Airstrikes" in card.inner_text()
    marked = card.locator(".text mark").first.inner_text()
    assert marked.startswith("The immediate trigger for the strikes")
    assert "Sources for this answer" in page.inner_text("#sources .banner")
    shot(page, "answer", docs=True)
    # "View article" opens the whole article with the cited sentence highlighted in it.
    card.get_by_text("View article").click()
    article = card.locator(".article-text")
    article.wait_for(state="visible")
    assert len(article.inner_text()) > 3 * len(card.locator(".text").inner_text())
    assert article.locator("mark").first.inner_text().startswith("The immediate trigger for the strikes")


def test_refusal_looks_different_and_still_shows_passages(page):
    ask(page, "Who won the 2022 World Cup?")
    assert "Not found in the articles" in last_answer(page)
    banner = page.locator("#sources #a1 .banner.refusal")
    assert banner.inner_text().startswith("Not found in the articles")
    assert page.locator("#sources .source").count() >= 1
    assert page.locator("#sources mark").count() == 0
    shot(page, "refusal")


def test_follow_up_question_uses_the_conversation(page):
    ask(page, "What triggered the strikes?")
    ask(page, "And what did Kabul say about it?")
    assert "What did Kabul say about the strikes?" in page.inner_text("#query-note")
    shot(page, "follow-up")


def test_tell_me_more_shows_what_the_answers_above_did_not(page):
    ask(page, "What triggered the strikes?")
    first = last_answer(page)
    quoted = [q.strip() for q in re.split(r"\s*\[\d+\]\.?\s*", first) if q.strip()]
    assert any("Durand Line" in q for q in quoted), first
    ask(page, "Tell me more.")
    more = last_answer(page)
    assert "Not found in the articles" not in more and "[1]" in more, more
    assert not any(q in more for q in quoted), more  # the page passed what the first answer quoted
    shot(page, "tell-me-more")


def test_tell_me_more_before_any_question_asks_for_a_question_first(page):
    page.fill("#question textarea", "Tell me more.")
    page.click("#ask")
    page.get_by_text("“Tell me more.” asks for more of an earlier answer, and there is none yet; ask a question "
                     "about the articles first.").first.wait_for()
    assert page.locator("#chat [data-testid='user']").count() == 0  # nothing was asked, nothing shows as asked
    assert page.locator("#sources section.answer-sources").count() == 0
    ask(page, "What triggered the strikes?")  # the conversation starts as usual
    assert "Durand Line" in last_answer(page)


def test_upload_new_article_then_bad_file(page, tmp_path, server):
    _, assistant = server
    open_panel(page, "Your articles", "#article-table")
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

    remove_typed(page, "gozo-ferry", "Ferry Service to Gozo Resumes")
    assert "Ferry Service to Gozo" not in page.inner_text("#article-table")
    assert "gozo-ferry" not in {a.id for a in assistant.articles()}


def test_a_syndicated_story_shows_once_and_its_card_names_the_other_outlet(page, server):
    """A wire story and its re-published copy, uploaded together: one source card, "Also published by"."""
    _, assistant = server
    archive = ROOT / "data" / "archive-dev" / "articles"
    pair = {"eastbridge-fire-day4": "Northern Wire", "eastbridge-fire-day4-meridian": "Meridian Daily"}
    open_panel(page, "Your articles", "#article-table")
    page.set_input_files("#upload input[type=file]", [str(archive / "eastbridge-fire-day4.md"),
                                                      str(archive / "eastbridge-fire-day4-meridian.json")])
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('1 syndicated copy')")
    try:
        ask(page, "What caused the fire at the Brennan Chemicals plant in Eastbridge?")
        cards = page.locator("#sources section.answer-sources").last.locator(".source", has_text="Brennan")
        texts = [cards.nth(i).text_content() for i in range(cards.count())]  # cited and collapsed ones
        assert texts and "solvent leak" in texts[0]
        shown = {i: n for i, n in pair.items() if any(assistant.article(i).title in t for t in texts)}
        assert len(shown) == 1  # one copy of the story, never both
        (article_id, outlet), = shown.items()
        other = next(n for i, n in pair.items() if i != article_id)
        assert f"Also published by {other} · 9 June 2023" in texts[0]
        shot(page, "also-published")
    finally:
        for article_id in sorted(pair, key=lambda i: next(a.chunks for a in assistant.articles() if a.id == i)):
            assistant.remove(article_id)  # the copy first: the server's index is shared by the other tests


def remove_typed(page, article_id: str, title: str) -> None:
    """Type an id in the remove box, press Enter, Remove…, check the confirmation names it, confirm."""
    page.locator("#remove-id input").fill(article_id)
    page.keyboard.press("Enter")
    page.click("#remove")
    page.wait_for_selector("#remove-confirm-text", state="visible")
    question = page.inner_text("#remove-confirm-text")
    assert title in question and article_id in question
    page.click("#remove-yes")
    page.wait_for_function(
        "([id]) => document.querySelector('#upload-result')?.innerText.includes('Removed ' + id)", arg=[article_id]
    )
    page.wait_for_selector("#remove-confirm-text", state="hidden")


def rag_cli(*args: str) -> str:
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def table_text(page) -> str:
    return page.inner_text("#article-table")


def test_article_list_is_live_and_removal_is_confirmed(page, tmp_path, server):
    """A CLI change beside the running server shows up; the UI keeps writing; removal names what it removes."""
    _, assistant = server
    open_panel(page, "Your articles", "#article-table")
    page.wait_for_function("() => document.querySelector('#article-table')?.innerText.includes('pakistan-airstrikes')")
    assert page.locator("#remove-id input").input_value() == ""  # nothing preselected

    # Two articles whose ids contain each other's: a typed id must pick exactly its own.
    for name, title, body in [
        ("harbour-fire-update", "Harbour Fire Update", "Firefighters contained the harbour fire overnight."),
        ("harbour-fire", "Harbour Fire Breaks Out", "A fire broke out at the harbour warehouse on Monday evening."),
    ]:
        (tmp_path / f"{name}.md").write_text(f"# {title}\n\n{body}\n")
    rag_cli("ingest", str(tmp_path / "harbour-fire-update.md"), str(tmp_path / "harbour-fire.md"),
            "--index", str(assistant.index.path))
    page.click("#refresh-articles")
    page.wait_for_function("() => document.querySelector('#article-table')?.innerText.includes('Harbour Fire Breaks Out')")
    ask(page, "When did the fire break out at the harbour warehouse?")
    assert "Monday evening" in last_answer(page)  # the server answers from the CLI's generation

    # The UI still writes after the external change.
    note = tmp_path / "tram-line.txt"
    note.write_text("Tram Line Opens\n\nThe new tram line opened to passengers on Friday morning.\n")
    page.set_input_files("#upload input[type=file]", str(note))
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('added')")
    assert "added tram-line" in page.inner_text("#upload-result")
    page.wait_for_function("() => document.querySelector('#article-table')?.innerText.includes('tram-line')")

    # Cancel leaves everything; a made-up id removes nothing.
    page.locator("#remove-id input").fill("harbour-fire")
    page.keyboard.press("Enter")
    page.click("#remove")
    page.wait_for_selector("#remove-confirm-text", state="visible")
    page.click("#remove-cancel")
    page.wait_for_selector("#remove-confirm-text", state="hidden")
    assert page.locator("#remove-id input").input_value() == ""  # cancelling forgets the choice
    assert "harbour-fire" in {a.id for a in assistant.articles()}
    page.locator("#remove-id input").fill("no-such-article")
    page.keyboard.press("Enter")
    page.click("#remove")
    page.get_by_text("Choose the article to remove").first.wait_for(timeout=10_000)
    assert page.locator("#remove-confirm-text").is_hidden()
    ids = {a.id for a in assistant.articles()}
    assert {"harbour-fire", "harbour-fire-update", "tram-line", "pakistan-airstrikes-on-kabul"} <= ids

    remove_typed(page, "harbour-fire", "Harbour Fire Breaks Out")
    ids = {a.id for a in assistant.articles()}
    assert "harbour-fire" not in ids and "harbour-fire-update" in ids
    assert "Harbour Fire Breaks Out" not in table_text(page) and "Harbour Fire Update" in table_text(page)

    # A CLI removal is seen too, and the dropdown offers only what is left.
    rag_cli("remove", "harbour-fire-update", "--index", str(assistant.index.path))
    rag_cli("remove", "tram-line", "--index", str(assistant.index.path))
    page.click("#refresh-articles")
    page.wait_for_function("() => !document.querySelector('#article-table')?.innerText.includes('Harbour Fire Update')")
    page.locator("#remove-id input").click()
    options = page.locator("[role=option], .options li").all_inner_texts()
    assert options == ["pakistan-airstrikes-on-kabul"], options
    page.keyboard.press("Escape")
    shot(page, "articles")


def test_each_answer_links_to_its_own_sources(page):
    ask(page, "What triggered the strikes?")
    first_quote = page.locator("#sources #a1-source-1 .text mark").first.inner_text()
    ask(page, "What has the United Nations urged?")
    second_quote = page.locator("#sources #a2-source-1 .text mark").first.inner_text()
    assert first_quote != second_quote
    page.locator("#chat a[href='#a1-source-1']").first.click()
    page.wait_for_function("() => location.hash === '#a1-source-1'")
    target = page.locator("#sources .source:target")
    assert target.get_attribute("id") == "a1-source-1"
    assert target.locator(".text mark").first.inner_text() == first_quote
    assert target.is_visible()
    page.locator("#chat a[href='#a2-source-1']").first.click()
    page.wait_for_function("() => location.hash === '#a2-source-1'")
    assert page.locator("#sources .source:target .text mark").first.inner_text() == second_quote


# Colour maths for the contrast checks (WCAG 2): relative luminance, and the background an element's
# text is drawn on (its own and its ancestors' backgrounds, composited up to the first opaque one).
COLOUR_JS = """
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
    return out;
  };
  const ratio = (el) => {
    const fg = rgba(getComputedStyle(el).color), bg = background(el);
    const text = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));  // translucent text over its background
    const [a, b] = [lum(text), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
"""

CONTRAST_JS = """
(selectors) => {""" + COLOUR_JS + """
  const results = [];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      if (!el.innerText.trim()) continue;
      results.push({sel, text: el.innerText.slice(0, 40), ratio: ratio(el)});
    }
  }
  return results;
}
"""

# Every element under `roots` that draws text of its own (a non-blank text node child), with the
# contrast it needs: 4.5, or 3 for large text (24 px, or bold from 18.66 px).
TEXT_CONTRAST_JS = """
(roots) => {""" + COLOUR_JS + """
  const results = [];
  for (const root of roots) {
    for (const el of document.querySelectorAll(root)) {
      for (const e of [el, ...el.querySelectorAll('*')]) {
        if (![...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
        const style = getComputedStyle(e), size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
        const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        results.push({root, tag: e.tagName, cls: e.className, text: e.textContent.trim().slice(0, 40),
                      ratio: ratio(e), needed, color: style.color});
      }
    }
  }
  return results;
}
"""


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_readable_in_both_themes_at_1280px(browser, server, theme):
    url, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(f"{url}/?__theme={theme}")
        page.wait_for_selector("#question textarea")
        assert page.evaluate("() => document.body.classList.contains('dark')") == (theme == "dark")
        ask(page, "What triggered the strikes?")
        ask(page, "Who won the 2022 World Cup?")
        open_panel(page, "Your articles", "#article-table")
        page.wait_for_function("() => document.querySelector('#article-table')?.innerText.includes('pakistan-airstrikes')")
        selectors = ["#sources mark", "#sources .banner", "#sources .marker", "#article-table [role=gridcell] span", "#article-table th span",
                     "#chat [data-testid='bot']"]
        results = page.evaluate(CONTRAST_JS, selectors)
        assert {r["sel"] for r in results} >= {"#sources mark", "#sources .banner", "#article-table [role=gridcell] span"}
        poor = [r for r in results if r["ratio"] < 4.5]
        assert not poor, poor
        # No cut-off columns at 1280 px: the table fits its box.
        widths = page.evaluate(
            "() => { const grid = document.querySelector('#article-table [role=grid]');"
            " const cut = [...document.querySelectorAll('#article-table [role=gridcell]')]"
            "   .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText);"
            " return [grid.scrollWidth, grid.clientWidth, document.documentElement.scrollWidth, window.innerWidth, cut]; }"
        )
        assert widths[0] <= widths[1] + 1 and widths[2] <= widths[3] and not widths[4], widths
        shot(page, f"theme-{theme}-1280")
    finally:
        context.close()


def themed_page(browser, url: str, theme: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{url}/?__theme={theme}")
    page.wait_for_selector("#question textarea")
    assert page.evaluate("() => document.body.classList.contains('dark')") == (theme == "dark")
    return context, page


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_text_of_the_answer_and_source_cards_is_readable(browser, server, theme):
    """Every piece of text the answers and their sources show (headers, banners, titles, outlet and
    date lines, markers, highlights, collapsed cards and articles opened) meets WCAG AA in both themes."""
    url, _ = server
    context, page = themed_page(browser, url, theme)
    try:
        ask(page, "What triggered the strikes?")
        ask(page, "Who won the 2022 World Cup?")
        page.evaluate("() => document.querySelectorAll('#sources details').forEach(d => d.open = true)")
        results = page.evaluate(TEXT_CONTRAST_JS, ["#sources", "#chat [data-testid='bot']", "#query-note"])
        shown = {r["cls"] for r in results}
        assert {"turn", "banner answer", "banner refusal", "marker", "meta", "section"} <= shown, shown
        assert any(r["tag"] == "MARK" for r in results) and any(r["tag"] == "SUMMARY" for r in results)
        poor = [r for r in results if r["ratio"] < r["needed"]]
        assert not poor, poor
        shot(page, f"cards-{theme}")
    finally:
        context.close()


# 2,000 characters (the limit) that the embedder still takes whole: an unbroken link first, then many words.
_WORDS = "international government statement afghanistan pakistan ministry officials according security operations "
LONG_QUESTION = ("https://news.example/durandlineborderairstrikeskabulresponseministrystatementarchive2025/report "
                 "what triggered the strikes, and what did the " + _WORDS * 30)[:1999] + "?"


@pytest.mark.parametrize("width", [1280, 390])
def test_a_2000_character_question_stays_inside_the_sources_panel(browser, server, width):
    url, _ = server
    assert len(LONG_QUESTION) == 2000
    context, page = themed_page(browser, url, "light", width)
    try:
        ask(page, LONG_QUESTION)
        page.evaluate("() => document.querySelectorAll('#sources details').forEach(d => d.open = true)")
        overflow = page.evaluate("""() => {
          const panel = document.querySelector('#sources').getBoundingClientRect();
          const out = [];
          if (panel.right > window.innerWidth + 1) out.push({panel: panel.right, viewport: window.innerWidth});
          for (const e of document.querySelectorAll('#sources section.answer-sources, #sources section.answer-sources *')) {
            const r = e.getBoundingClientRect();
            if (!r.width) continue;
            const wide = e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline';
            if (wide || r.left < panel.left - 1 || r.right > panel.right + 1)
              out.push({tag: e.tagName, cls: e.className, scroll: e.scrollWidth, client: e.clientWidth,
                        left: r.left, right: r.right, panel: [panel.left, panel.right]});
          }
          return out;
        }""")
        assert not overflow, overflow[:5]
        header = page.locator("#sources .turn").first
        assert header.inner_text().startswith("Answer 1 · https://news.example/durandlineborderairstrikes")
        assert header.bounding_box()["height"] < 100  # clamped to a few lines, not the whole question
        shot(page, f"long-question-{width}")
    finally:
        context.close()


def test_view_article_shows_markdown_headings_as_headings_and_never_runs_the_articles_html(page, tmp_path, server):
    _, assistant = server
    article = tmp_path / "island-ferry-timetable.md"
    article.write_text(
        "# Island Ferry Timetable Changes\n\n"
        "## Winter Schedule\n\n"
        "The winter schedule of the island ferry starts on 3 November, with sailings every 45 minutes.\n\n"
        "## Fares <script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\n\n"
        "A single adult fare on the island ferry rises to 5.20 euros from January.\n"
    )
    open_panel(page, "Your articles", "#article-table")
    page.set_input_files("#upload input[type=file]", str(article))
    page.wait_for_function("() => document.querySelector('#upload-result')?.innerText.includes('added island-ferry')")
    try:
        ask(page, "When does the winter schedule of the island ferry start?")
        assert "3 November" in last_answer(page)
        card = page.locator("#sources section.answer-sources").last.locator(".source", has_text="Island Ferry").first
        card.get_by_text("View article").click()
        view = card.locator(".article-text")
        view.wait_for(state="visible")
        assert view.locator("h1, h2, h3, h4, h5, h6", has_text="Winter Schedule").count() == 1
        assert view.locator("h1, h2, h3, h4, h5, h6", has_text="Island Ferry Timetable Changes").count() == 1
        text = view.inner_text()
        assert "#" not in text and "3 November" in view.locator("mark").first.inner_text()
        # The hostile heading is a heading of text: its markup shows as written and nothing of it runs.
        fares = view.locator("h1, h2, h3, h4, h5, h6", has_text="Fares")
        assert fares.inner_text() == 'Fares <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'
        assert view.locator("script, img").count() == 0
        assert page.evaluate("() => window.__pwned") is None
        shot(page, "article-headings")
    finally:
        assistant.remove("island-ferry-timetable")


def write_articles(folder, articles) -> None:
    folder.mkdir()
    for name, title, outlet, published, body in articles:
        named = f"url: {outlet}" if outlet.startswith("https://") else f"source: {outlet}"  # a link and no outlet
        (folder / f"{name}.md").write_text(f"---\n{named}\npublished: {published}\n---\n# {title}\n\n{body}\n")


GRID_ROWS = "document.querySelectorAll('#article-table div[role=row]')"  # the rows shown (the header is a <tr>)


def grid_rows(page) -> list[list[str]]:
    return page.evaluate(f"() => [...{GRID_ROWS}].map(r => [...r.querySelectorAll('[role=gridcell]')]"
                         ".map(c => c.innerText.trim()))")


def wait_for_rows(page, count: int) -> None:
    page.wait_for_function(f"([n]) => {GRID_ROWS}.length === n", arg=[count])


def test_a_big_archives_article_list_is_searched_and_sorted_by_date(browser, tmp_path, embedder):
    """Search keeps only the matching rows (title or outlet, the URL's site where none is named); sorting the date column puts the
    articles in time order, whatever order their day and month would take as text."""
    from rag import Assistant

    articles = [  # as "day Mon year" labels these sort 12 Jan, 25 May, 30 Nov, 4 Mar, 9 Jul: not in time
        ("tram-fares", "Tram Fares Frozen", "Harbour Gazette", "2021-01-12", "City trams keep their fares for a year."),
        ("quay-cranes", "Quay Cranes Back in Service", "Northern Wire", "2024-03-04", "Two quay cranes returned."),
        ("library-reopens", "Central Library Reopens", "Harbour Gazette", "2023-11-30", "The library reopened."),
        ("bridge-repairs", "Bridge Repairs Finished", "Meridian Daily", "2022-07-09", "The old bridge reopened."),
        ("school-meals", "Free School Meals Extended", "https://www.coastnews.example/2020/school-meals", "2020-05-25",
         "Meals are free until June."),
    ]
    write_articles(tmp_path / "articles", articles)
    archive = Assistant.build([tmp_path / "articles"], tmp_path / "index", embedder=embedder)
    by_date = [a[0] for a in sorted(articles, key=lambda a: a[3])]
    with served(archive) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        try:
            page.goto(url)
            page.wait_for_selector("#question textarea")
            open_panel(page, "Your articles", "#article-table")
            wait_for_rows(page, 5)
            assert {r[3] for r in grid_rows(page)} == {a[3] for a in articles}  # ISO dates, which sort as dates

            search = page.locator("#article-table input.search-input")
            search.fill("harbour gazette")  # an outlet
            wait_for_rows(page, 2)
            assert sorted(r[0] for r in grid_rows(page)) == ["library-reopens", "tram-fares"]
            search.fill("coastnews")  # the site of an article that names no outlet, shown as its outlet
            wait_for_rows(page, 1)
            assert grid_rows(page)[0][:3] == ["school-meals", "Free School Meals Extended", "coastnews.example"]
            search.fill("cranes")  # a word of a title
            wait_for_rows(page, 1)
            assert grid_rows(page)[0][:3] == ["quay-cranes", "Quay Cranes Back in Service", "Northern Wire"]
            search.fill("")
            wait_for_rows(page, 5)

            for order, expected in (("Sort ascending", by_date), ("Sort descending", by_date[::-1])):
                header = page.locator("#article-table th[data-heading='3']")
                assert header.inner_text().startswith("published")
                header.hover()
                header.locator(".cell-menu-button").click()
                page.get_by_role("menuitem", name=order).click()
                page.wait_for_function(f"([first]) => {GRID_ROWS}[0]?.querySelector('[role=gridcell]')"
                                       "?.innerText.trim() === first", arg=[expected[0]])
                assert [r[0] for r in grid_rows(page)] == expected
            shot(page, "article-search-sort")
        finally:
            context.close()
    archive.index.close()


def test_question_before_the_model_is_ready_shows_loading(browser, seed_assistant):
    import threading

    from ui.app import build_app, launch_kwargs, launch_options

    ready = threading.Event()
    app = build_app(seed_assistant, ready=ready)
    app.queue()
    port = free_port()
    app.launch(**launch_kwargs(launch_options("127.0.0.1", port, allow_unauthenticated=False, env={}), seed_assistant),
               prevent_thread_lock=True, quiet=True)
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(f"http://127.0.0.1:{port}")
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", "What triggered the strikes?")
        page.click("#ask")
        page.wait_for_function("() => document.querySelector('#chat')?.innerText.includes('Loading the model')")
        assert page.locator("#sources section.answer-sources").count() == 0
        ready.set()
        page.wait_for_selector("#sources section.answer-sources")
        assert "Durand Line" in last_answer(page) and "Loading the model" not in last_answer(page)
    finally:
        page.close()
        app.close()


def test_too_many_files_is_refused_with_a_clear_message(page, tmp_path, server):
    _, assistant = server
    open_panel(page, "Your articles", "#article-table")
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


@pytest.mark.parametrize(("question", "k", "message"), [
    ("What triggered the strikes?", -3, "from 1 to 50"),
    ("What triggered the strikes?", 0, "from 1 to 50"),
    ("What triggered the strikes?", 51, "from 1 to 50"),
    ("   ", 5, "question is empty"),
    ("Why? " * 500, 5, "at most 2,000"),
    ("Tell me more.", 5, "asks for more of an earlier answer, and there is none yet"),  # the API holds no conversation
])
def test_ask_endpoint_refuses_bad_input_clearly(server, capfd, question, k, message):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    with pytest.raises(Exception, match=message):
        client.predict(question, k, api_name="/ask")
    assert "Traceback" not in capfd.readouterr().err


def test_non_loopback_serving_requires_a_login():
    from rag import RagError
    from ui.app import launch_options

    assert launch_options("127.0.0.1", 7860, allow_unauthenticated=False, env={}) == {"server_name": "127.0.0.1", "server_port": 7860}
    with pytest.raises(RagError, match="RAG_UI_USERNAME and RAG_UI_PASSWORD"):
        launch_options("0.0.0.0", 7860, allow_unauthenticated=False, env={})
    assert "auth" not in launch_options("0.0.0.0", 7860, allow_unauthenticated=True, env={})
    opts = launch_options("0.0.0.0", 7860, allow_unauthenticated=False, env={"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret"})
    assert opts["auth"]("ana", "s3cret") is True and opts["auth"]("ana", "guess") is False


def test_login_page_when_auth_is_configured(browser, seed_index, embedder):
    from rag import Assistant
    from ui.app import build_app, launch_kwargs, launch_options

    assistant = Assistant.load(seed_index, embedder=embedder)
    app = build_app(assistant)
    port = free_port()
    options = launch_options("127.0.0.1", port, allow_unauthenticated=False, env={"RAG_UI_USERNAME": "ana", "RAG_UI_PASSWORD": "s3cret"})
    app.launch(**launch_kwargs(options, assistant), prevent_thread_lock=True, quiet=True)
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
        open_panel(page, "Settings", "#answerer")  # two answerers configured: the choice is offered
        assert page.locator("#answerer input").input_value() == "openai"
        ask(page, "What triggered the strikes?")
        assert "Durand Line" in last_answer(page)
        notice = page.inner_text("#sources .banner.notice")
        assert "did not answer" in notice and "extractive answer" in notice
        shot(page, "llm-fallback")
        page.close()
    finally:
        app.close()


def test_the_passages_slider_offers_the_limit_the_api_takes(page):
    """One limit (rag.config.MAX_K) for the slider, the API, the CLI and the README."""
    from rag.config import MAX_K

    open_panel(page, "Settings", "#k input[type=range]")
    slider = page.locator("#k input[type=range]")
    assert slider.get_attribute("min") == "1" and slider.get_attribute("max") == str(MAX_K)
    assert f"1–{MAX_K}" in (ROOT / "README.md").read_text()
    assert f"1–{MAX_K}" in " ".join(rag_cli("ask", "--help").split())
    from gradio_client import Client

    with pytest.raises(Exception, match=f"from 1 to {MAX_K}"):
        Client(page.url, verbose=False).predict("What triggered the strikes?", MAX_K + 1, api_name="/ask")
    assert Client(page.url, verbose=False).predict("Who won the 2022 World Cup?", MAX_K, api_name="/ask")["refused"]


def test_examples_come_from_the_index_being_served(browser, tmp_path, embedder):
    """Without an examples file the questions are about the index's own newest articles, never the
    bundled article's; `rag serve --examples` reads a file of them, with a clear error for a bad one."""
    from rag import Assistant, RagError
    from ui.examples import newest_examples

    archive = Assistant.build([ROOT / "data" / "archive-dev" / "articles"], tmp_path / "archive", embedder=embedder)
    examples = newest_examples(archive)
    newest = sorted(archive.articles(), key=lambda a: a.published, reverse=True)[0]
    assert len(examples) == 4 and newest.title in examples[0]
    assert not any("strikes" in q for q in examples)
    with served(archive) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT)
        page.goto(url)
        page.wait_for_selector("#question textarea")
        assert newest.title in page.get_attribute("#question textarea", "placeholder")
        page.locator("#examples").get_by_text(examples[0][:40]).first.click()  # long samples show shortened
        page.wait_for_function("() => document.querySelectorAll('#sources section.answer-sources').length > 0")
        assert newest.title in page.inner_text("#sources")  # the example asked, and found its article
        page.close()
    archive.index.close()
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n\n")
    with pytest.raises(RagError, match="holds no question"):
        read_examples(empty)


LIBRARY = """---
title: Library Extends Its Opening Hours
source: Harbour City Courier
published: 2024-03-04
---
The city library will open until nine in the evening on weekdays from April, the head librarian said.

She said the library would also open on Sunday afternoons during the exam season.

The longer opening hours will be paid for from the council's culture budget.
"""


def test_tell_me_more_with_nothing_left_says_so_softly_not_as_a_refusal(browser, tmp_path, embedder):
    """The end of a "Tell me more." run is labelled as such (not "Not found in the articles"), in a
    quieter banner than a refusal's, readable in both themes."""
    from rag import Assistant
    from ui.render import NOTHING_MORE_LABEL, REFUSAL_LABEL

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "library-hours.md").write_text(LIBRARY)
    library = Assistant.build([tmp_path / "articles"], tmp_path / "index", embedder=embedder)
    with served(library) as url:
        context, page = themed_page(browser, url, "light")
        try:
            ask(page, "What did the head librarian say about the opening hours?")
            assert "nine in the evening" in last_answer(page)
            for turn in range(2, 7):
                ask(page, "Tell me more.")
                if NOTHING_MORE_LABEL in last_answer(page):
                    break
            answer = last_answer(page)
            assert answer.startswith(f"{NOTHING_MORE_LABEL}. The indexed articles hold nothing more on"), answer
            assert REFUSAL_LABEL not in answer
            section = page.locator(f"#sources #a{turn}")
            assert section.locator(".banner.refusal").count() == 0
            assert section.locator(".banner.nothing-more").inner_text().startswith(NOTHING_MORE_LABEL)
            # Softer than a refusal: not the refusal's red, and not bold.
            style = page.evaluate("(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontWeight]",
                                  section.locator(".banner.nothing-more").element_handle())
            assert style[0] != "rgb(253, 236, 234)" and int(style[1]) < 600, style
            shot(page, "nothing-more")
            for theme in ("light", "dark"):
                page.evaluate("([dark]) => document.body.classList.toggle('dark', dark)", [theme == "dark"])
                results = page.evaluate(TEXT_CONTRAST_JS, [f"#sources #a{turn} .banner", "#chat [data-testid='bot']"])
                assert any(r["cls"] == "banner nothing-more" for r in results), results
                poor = [r for r in results if r["ratio"] < r["needed"]]
                assert not poor, (theme, poor)
        finally:
            context.close()
    library.index.close()


def test_what_about_the_cyclists_after_the_mayors_tolls_answers_about_cyclists(browser, tmp_path, embedder):
    """A "What about …?" asks the same question of the new subject; the note under the chat names one
    question, the one searched, and after a "Tell me more." the one it asks more of."""
    from rag import Assistant

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "brandt-tolls.md").write_text(TOLLS)
    town = Assistant.build([tmp_path / "articles"], tmp_path / "index", embedder=embedder)
    with served(town) as url:
        context, page = themed_page(browser, url, "light", 390)
        try:
            ask(page, "What did Mayor Elena Brandt say about tolls?")
            assert "congestion toll of four euros" in last_answer(page)
            ask(page, "What about the cyclists?")
            # Which sentence opens the answer is tests/integration/test_answer_choice.py's concern.
            assert "She said cyclists would get 14 kilometres of protected lanes" in last_answer(page)
            note = page.inner_text("#query-note").strip()
            assert note == "Searched for: What did Mayor Elena Brandt say about the cyclists?", note
            ask(page, "Tell me more.")
            note = page.inner_text("#query-note").strip()
            assert note == "Following up on: What did Mayor Elena Brandt say about the cyclists?", note
            assert "cyclists would get" not in last_answer(page)  # shown already
            shot(page, "what-about-390")
            for theme in ("light", "dark"):
                page.evaluate("([dark]) => document.body.classList.toggle('dark', dark)", [theme == "dark"])
                results = page.evaluate(TEXT_CONTRAST_JS, ["#query-note"])
                assert results and not [r for r in results if r["ratio"] < r["needed"]], (theme, results)
        finally:
            context.close()
    town.index.close()


def test_the_article_list_at_390px_scrolls_sideways_instead_of_breaking_words(browser, server):
    url, _ = server
    context, page = themed_page(browser, url, "light", 390)
    try:
        open_panel(page, "Your articles", "#article-table")
        page.wait_for_function("() => document.querySelector('#article-table')?.innerText.includes('pakistan-airstrikes')")
        layout = page.evaluate("""() => {
          const box = (e) => e.getBoundingClientRect(), table = document.querySelector('#article-table');
          const label = [...table.querySelectorAll('.label')].find(e => e.innerText.includes('Indexed articles'));
          const lines = (e) => {  // how many lines its text takes
            const tops = [], walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), r = document.createRange();
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              r.selectNodeContents(n);
              for (const x of r.getClientRects()) if (x.width && !tops.some(t => Math.abs(t - x.top) < 4)) tops.push(x.top);
            }
            return tops.length; };
          return {page: document.documentElement.scrollWidth, viewport: window.innerWidth,
                  label: [box(label).left, box(label).right, box(table).left, box(table).right, lines(label)],
                  headers: [...table.querySelectorAll('th')].filter(h => h.innerText.trim())
                            .map(h => [h.innerText.trim(), lines(h.querySelector('span') || h)]),
                  scrolls: table.querySelector('.table-container').scrollWidth > table.querySelector('.table-container').clientWidth};
        }""")
        assert layout["page"] <= layout["viewport"], layout  # the page itself never scrolls sideways
        left, right, table_left, table_right, label_lines = layout["label"]
        assert table_left <= left and right <= table_right and label_lines == 1, layout
        assert [h for h, _ in layout["headers"]] == ["id", "title", "source", "published", "chunks"], layout
        assert all(n == 1 for _, n in layout["headers"]), layout  # "published", not "pub / lis / hed"
        assert layout["scrolls"], layout
        page.locator("#article-table input.search-input").fill("kabul")
        wait_for_rows(page, 1)
        shot(page, "articles-390")
    finally:
        context.close()

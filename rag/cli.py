"""`rag ingest | ask | info | compact | migrate | remove | serve | eval | import-squad | feeds | watch`. Errors become a one-line message and exit code 1."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys

from rag.config import MAX_K
from rag.errors import RagError, out_of_space

DEFAULT_INDEX = os.environ.get("RAG_INDEX", "index/default")

# Control characters (C0, DEL, C1: ANSI escapes, OSC title/clipboard writes, newlines) and bidi overrides.
_C1_AND_BIDI = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f{_C1_AND_BIDI}]")


def shown(text) -> str:
    """Article data (ids, titles, outlets, quotes, file names) as printed: its control characters spelled
    out (`\\x1b`, `\\n`), so nothing from an article can drive the terminal or forge a line of our output."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status = args.run(args)
        sys.stdout.flush()  # inside the try: a closed pipe is reported here, not at exit
        return status
    except RagError as exc:
        print(f"error: {shown(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; batches committed before this moment are kept, the rest is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`rag info | head`): stop quietly, as a Unix tool does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:  # the OS, SQLite and FAISS each say "disk full" their own way
        if not out_of_space(exc):
            raise
        print(f"error: {shown(_out_of_space(args))}", file=sys.stderr)
        return 1


def _out_of_space(args) -> str:
    """The disk filled during a write: the stores publish a change only once it is wholly written,
    so the index is as it was; say so, how much room the command needs (an estimate), and to rerun."""
    index = args.index.removeprefix("milvus://")
    held = _bytes_under([index])
    # An ingest writes up to about ten times its input (passage text, postings, a vector per passage
    # and per sentence) and may merge segments; a compaction, migration or removal may rewrite the
    # whole index.
    needed = 10 * _bytes_under(args.paths) + held if args.command == "ingest" else held
    folder = os.path.abspath(index)
    while not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    free = shutil.disk_usage(folder).free
    again = ("run the same command again: it resumes where it stopped" if args.command == "ingest"
             else "run the command again")
    return (f"no space left on the disk holding {args.index} ({_size(free)} free); the index is unchanged "
            f"(what was committed before is kept); `rag {args.command}` needs up to about {_size(needed)} "
            f"free there: free some space and {again}.")


def _bytes_under(paths) -> int:
    total = 0
    for path in paths:
        if os.path.isfile(path):
            total += os.path.getsize(path)
        for root, _, files in os.walk(path):
            total += sum(os.path.getsize(os.path.join(root, f)) for f in files
                         if os.path.isfile(os.path.join(root, f)))
    return total


def _size(n: float) -> str:
    unit = "bytes"
    for bigger in ("KB", "MB", "GB", "TB"):
        if n < 1024:
            break
        n, unit = n / 1024, bigger
    return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Cited answers to questions over news articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str, run, *, index: str | None = DEFAULT_INDEX,
                index_help: str = f"{DEFAULT_INDEX}, or $RAG_INDEX") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument(
            "--index", "--store", dest="index", default=index,
            help=f"where the index lives: a folder, milvus://PATH.db (Milvus Lite) or milvus://HOST:PORT[/COLLECTION] "
                 f"(a Milvus server; token from $RAG_MILVUS_TOKEN) (default: {index_help})",
        )
        p.set_defaults(run=run)
        return p

    p = command("ingest", "Add articles (files or folders) to an index, creating it if needed.", _ingest)
    p.add_argument("paths", nargs="+", help=".txt .md .html .json .jsonl files, or folders of them, or http(s):// pages")
    p.add_argument("--rebuild", action="store_true",
                   help="if the index was built with other settings or is damaged, rebuild it from these paths")
    p.add_argument("--allow-private", action="store_true",
                   help="let http(s) pages be fetched from loopback or private-network addresses (refused by default)")

    def answerer_options(p: argparse.ArgumentParser) -> None:
        group = p.add_argument_group("answerer (default: extractive, no LLM)")
        group.add_argument("--answerer", default="extractive", choices=["extractive", "openai", "ollama", "llamacpp"])
        group.add_argument("--base-url", help="OpenAI-compatible or Ollama endpoint ($RAG_LLM_BASE_URL)")
        group.add_argument("--model", help="model name at the endpoint ($RAG_LLM_MODEL)")
        group.add_argument("--model-path", help="GGUF file for --answerer llamacpp ($RAG_LLM_MODEL_PATH)")
        group.add_argument("--timeout", type=float, help="seconds per LLM request (default 60)")
        group.add_argument("--context-tokens", type=int, help="the model's context window (default 2048)")

    p = command("ask", "Answer a question from the indexed articles, with citations.", _ask)
    answerer_options(p)
    p.add_argument("question")
    p.add_argument("-k", default=None, help=f"number of passages to retrieve, 1–{MAX_K} (default 5)")
    p.add_argument("--json", action="store_true", help="print the whole Answer as JSON")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                   help="the day the question is asked on: 'last week', 'latest' and 'now' are read against it "
                        "and later articles are not used (default: today)")

    command("info", "Describe an index, check its integrity, and list its articles.", _info)
    command("compact", "Merge an index's segments into one, dropping removed and replaced passages.", _compact)
    command("migrate", "Rebuild an index of an older format from the article texts it holds.", _migrate)

    p = command("remove", "Remove an article (by id, see `rag info`) from an index.", _remove)
    p.add_argument("article_id")

    p = command("serve", "Serve the chat web UI for an index.", _serve)
    p.add_argument("--host", default=os.environ.get("RAG_UI_HOST", "127.0.0.1"),
                   help="address to listen on (default: $RAG_UI_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, default=int(os.environ.get("RAG_UI_PORT", "7860")),
                   help="port (default: $RAG_UI_PORT or 7860); in use: exit status 2")
    p.add_argument("--no-auth", action="store_true",
                   help="allow serving on a non-loopback address without a login (RAG_UI_USERNAME/RAG_UI_PASSWORD)")
    answerer_options(p)
    p.add_argument("--watch", action="store_true", help="also poll the index's feeds (see `rag feeds`) while serving")
    p.add_argument("--examples", metavar="FILE", default=None,
                   help="example questions offered under the box, one per line (default: drawn from the index's "
                        "newest articles)")

    feeds = sub.add_parser("feeds", help="Follow RSS/Atom feeds: add, list or remove them; `rag watch` polls them.",
                           description="Follow RSS/Atom feeds: add, list or remove them; `rag watch` polls them.")
    actions = feeds.add_subparsers(dest="action", required=True)

    def feeds_action(name: str, help: str, run) -> argparse.ArgumentParser:
        a = actions.add_parser(name, help=help, description=help)
        a.add_argument("--index", "--store", dest="index", default=DEFAULT_INDEX,
                       help=f"the index the feeds belong to, as for `rag ingest` (default: {DEFAULT_INDEX})")
        a.set_defaults(run=run)
        return a

    a = feeds_action("add", "Follow a feed (or the feed a page announces).", _feeds_add)
    a.add_argument("url")
    a.add_argument("--every", default="30m", help="how often to poll it: 30m, 2h, 1d (default: %(default)s)")
    a.add_argument("--name", help="a short name for it (default: from the feed's title)")
    a.add_argument("--allow-private", action="store_true",
                   help="the feed is on a loopback or private-network address (refused by default)")
    feeds_action("list", "List the feeds followed, with their last fetch and errors.", _feeds_list)
    a = feeds_action("remove", "Stop following a feed (its articles stay in the index).", _feeds_remove)
    a.add_argument("name")

    p = command("watch", "Poll the index's feeds when due and ingest new and changed articles.", _watch)
    p.add_argument("--once", action="store_true", help="poll the feeds that are due once, then exit")
    p.add_argument("--quiet", action="store_true", help="print only feeds with new, updated or failed entries")
    p.add_argument("--allow-private", action="store_true",
                   help="let every feed and page be fetched from loopback or private-network addresses")

    p = command("eval", "Score the assistant (and the LangChain baseline) on a gold Q&A set.", _eval, index=None,
                index_help="index/eval-SET for the gold set SET.jsonl, as `make eval` builds it; never $RAG_INDEX")
    p.add_argument("--gold", default="eval/gold/seed.jsonl", help="JSONL gold set (default: %(default)s)")
    p.add_argument("--out", default="eval/reports/latest", help="report folder (default: %(default)s)")
    answerer_options(p)
    p.add_argument("--no-baseline", action="store_true", help="skip the stock LangChain baseline")
    p.add_argument("--thresholds", help="JSON of metric floors; exit 1 when one is not met")
    p.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"), help="compare two reports instead of running")

    p = command("import-squad", "Turn a SQuAD-format JSON file into articles.jsonl and gold.jsonl.", _import_squad)
    p.add_argument("squad_file")
    p.add_argument("--out", required=True, help="folder for articles.jsonl and gold.jsonl")
    return parser


def _progress():
    """A progress bar over articles (with articles/s and an ETA from tqdm) that counts chunks as they are embedded."""
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, *, chunks: int = 0) -> None:
        nonlocal bar
        if bar is None or (bar.disable and chunks >= 256 and done < total):  # many articles, or one big one
            bar = tqdm(total=total, unit="article", desc="Ingesting", file=sys.stderr, disable=total < 20 and chunks < 256)
        if total != bar.total:
            bar.total = total
        bar.set_postfix_str(f"{chunks} chunks embedded", refresh=done == bar.n)  # moves within a big article
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _print_report(report, index=None) -> int:
    for failure in report.failed:
        print(f"failed: {shown(failure.path)} — {shown(failure.problem)}", file=sys.stderr)
    for new, twin in report.duplicates:
        print(f"duplicate: {shown(new)} has the same content as {shown(twin)}; stored once", file=sys.stderr)
    outlets = {a.id: a.source for a in index.articles()} if report.syndicated and index is not None else {}

    def named(article_id: str) -> str:
        return shown(f"{article_id} ({outlets[article_id]})" if outlets.get(article_id) else article_id)

    for copy, lead in report.syndicated:
        print(f"syndicated: {named(copy)} is a copy of {named(lead)}; stored once as one story", file=sys.stderr)
    print(report.summary())
    if report.failed:
        print(f"error: {len(report.failed)} input(s) could not be ingested (listed above); the rest were.", file=sys.stderr)
        return 1
    return 0


def _ingest(args) -> int:
    from rag.assistant import Assistant

    urls = [p for p in args.paths if re.match(r"https?://", p, re.IGNORECASE)]
    paths = [p for p in args.paths if p not in urls]
    assistant = Assistant.open(args.index, rebuild=args.rebuild)
    assistant.index.on_wait = _say_waiting
    status = 0
    if urls:
        from rag.readers.fetch import Fetcher
        from rag.watch import ingest_urls

        with Fetcher(allow_private=args.allow_private) as fetcher:
            status = _print_report(ingest_urls(assistant, urls, fetcher=fetcher), assistant.index)
    if paths:
        status = max(status, _print_report(assistant.ingest(paths, progress=_progress()), assistant.index))
    return status


def _compact(args) -> int:
    from rag.store import load_store

    index = load_store(args.index)
    index.on_wait = _say_waiting
    before = len(index.info().details.get("segments", ()))
    index.compact()
    info = index.info()
    print(f"compacted {args.index}: {before} → {len(info.details.get('segments', ()))} segment(s), "
          f"{_plural(info.articles, 'article')}, {_plural(info.chunks, 'chunk')}")
    return 0


def _migrate(args) -> int:
    from rag.assistant import Assistant

    assistant = Assistant.migrate(args.index, progress=_progress())
    print(f"migrated {args.index}: {assistant.last_report.summary()}")
    return 1 if assistant.last_report.failed else 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _llm(args):
    """The LLM configuration the flags ask for, or None for the extractive answerer."""
    if args.answerer == "extractive":
        return None
    from rag.llm import LLMConfig

    return LLMConfig.resolve(
        args.answerer, base_url=args.base_url, model=args.model, model_path=args.model_path,
        timeout=args.timeout, context_tokens=args.context_tokens,
    )


def _ask(args) -> int:
    from rag.assistant import Assistant
    from rag.citations import day_label
    from rag.question import validate_request

    question, k, as_of = validate_request(args.question, args.k, args.as_of)  # before the slow load
    answer = Assistant.load(args.index, llm=_llm(args)).ask(question, k=k, as_of=as_of)
    if answer.notice:
        print(f"note: {shown(answer.notice)}", file=sys.stderr)
    if args.json:
        # JSON escapes C0 controls itself; C1 ones (8-bit CSI …) and bidi overrides are escaped here.
        text = json.dumps(answer.to_dict(), ensure_ascii=False, indent=2)
        print(re.sub(f"[{_C1_AND_BIDI}]", lambda m: f"\\u{ord(m.group()):04x}", text))
        return 0
    print(shown(answer.text))

    def byline(title: str, source: str, published: str) -> str:
        """ "Title — Outlet · 3 March 2025": what, who and when (unknown parts left out)."""
        who = " · ".join(x for x in (source, day_label(published)) if x)
        return shown(" — ".join(x for x in (title, who) if x))

    if answer.citations:
        print()
        for c in answer.citations:
            print(f"[{c.marker}] {byline(c.title, c.source, c.published)} (chars {c.start}–{c.end})")
            _print_also_published(answer.passages[c.marker - 1] if 0 < c.marker <= len(answer.passages) else None)
            print(f"    “{shown(c.quote)}”")
    elif answer.passages:
        print("\nClosest passages:")
        for p in answer.passages[:3]:
            snippet = " ".join(p.chunk.text[:160].split())  # paragraphs run on: a snippet is one line
            print(f"[{p.rank}] {byline(p.chunk.title, p.source, p.published)}: {shown(snippet)}…")
            _print_also_published(p)
    return 0


def _print_also_published(passage) -> None:
    others = getattr(passage, "also_published", ()) if passage is not None else ()
    if others:
        print(f"    also published by {shown(', '.join(others))}")


def _info(args) -> int:
    from rag.store import load_store

    index = load_store(args.index)
    info = index.info()
    print(f"index:     {index.location} ({info.kind})")
    print(f"model:     {info.embedding['model']} ({info.embedding['dimension']} dims), which built this index")
    print(f"chunking:  {info.chunking['chunk_tokens']} tokens, {info.chunking['chunk_overlap_sentences']} sentence overlap")
    print(f"contents:  {_plural(info.articles, 'article')}, {_plural(info.chunks, 'chunk')}; "
          f"generation {info.generation}, built {info.built_at or '?'}")
    segments = info.details.get("segments", [])
    if segments:
        print(f"segments:  {len(segments)}")
        for seg in segments:
            dead = seg["rows"] - seg["live"]
            print(f"  {seg['name']}  {seg['kind']:5s} {_plural(seg['live'], 'chunk')}"
                  + (f", {dead} removed awaiting compaction" if dead else ""))
    for a in index.articles():
        meta = ", ".join(x for x in (a.source, a.published) if x)
        print(f"  {shown(a.id)}  {shown(a.title)}" + (f" — {shown(meta)}" if meta else "") + f"  [{_plural(a.chunks, 'chunk')}]")
    problems = index.check()
    if problems:
        for problem in problems:
            print(f"damaged: {shown(problem)}", file=sys.stderr)
        print(f"error: the index at {index.location} is damaged; rebuild it with "
              f"`rag ingest ARTICLES... --index {index.location} --rebuild`", file=sys.stderr)
        return 1
    print("check:     ok")
    return 0


def _remove(args) -> int:
    from rag.assistant import Assistant

    assistant = Assistant.load(args.index)
    assistant.index.on_wait = _say_waiting
    assistant.remove(args.article_id)
    print(f"removed {args.article_id}")
    return 0


def _serve(args) -> int:
    from rag.store import load_store

    load_store(args.index).close()  # a missing or damaged index fails here, with its message
    from ui.examples import read_examples
    from ui.listen import PortInUse, check_port

    examples = read_examples(args.examples) if args.examples else None

    try:
        check_port(args.host, args.port)  # before the slow imports: a taken port answers at once
        from ui.app import serve

        serve(args.index, host=args.host, port=args.port, allow_unauthenticated=args.no_auth, llm=_llm(args),
              watch=args.watch, examples=examples)
    except PortInUse as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _feeds_add(args) -> int:
    from rag.assistant import Assistant
    from rag.feeds_state import duration, parse_every
    from rag.watch import Watcher

    every = parse_every(args.every)
    watcher = Watcher(Assistant.open(args.index))
    feed = watcher.add(args.url, every=every, name=args.name, allow_private=args.allow_private)
    print(f"following {shown(feed.name)}: {shown(feed.url)}, every {duration(feed.every)}; "
          f"`rag watch --index {args.index}` polls it")
    return 0


def _feeds_list(args) -> int:
    import time

    from rag.feeds_state import FeedList, feed_rows
    from rag.store import load_store

    feeds = FeedList(load_store(args.index)).all()
    if not feeds:
        print(f"no feeds followed in {args.index}; add one with `rag feeds add URL`")
        return 0
    for name, url, every, fetched, new, articles, error in feed_rows(feeds, time.time()):
        print(f"{shown(name)}  {shown(url)}  every {every}")
        print(f"    last fetch {fetched}, last new article {new}, {_plural(articles, 'article')}")
        if error:
            print(f"    last error: {shown(error)}")
    return 0


def _feeds_remove(args) -> int:
    from rag.feeds_state import FeedList
    from rag.store import load_store

    feed = FeedList(load_store(args.index)).remove(args.name)
    print(f"stopped following {shown(feed.name)} ({shown(feed.url)}); its articles stay in the index")
    return 0


def _watch(args) -> int:
    import threading

    from rag.assistant import Assistant
    from rag.watch import Watcher

    assistant = Assistant.load(args.index)
    assistant.index.on_wait = _say_waiting
    watcher = Watcher(assistant, allow_private=args.allow_private)
    if not watcher.feeds.all():
        raise RagError(f"No feeds are followed in {args.index}; add one with `rag feeds add URL --index {args.index}`.")

    def report(result) -> None:
        if not (args.quiet and result.quiet):
            print(shown(result.line()), flush=True)
            for problem in result.problems:
                print(f"    failed: {shown(problem)}", file=sys.stderr, flush=True)

    if args.once:
        results = watcher.poll_due()
        for result in results:
            report(result)
        return 1 if any(r.error for r in results) else 0
    watcher.run(threading.Event(), report)
    return 0


def _eval(args) -> int:
    from rag.eval import report

    if args.compare:
        print(report.compare(*args.compare))
        return 0
    index = args.index or report.gold_index(args.gold)
    result = report.evaluate(args.gold, index, args.out, baseline=not args.no_baseline, llm=_llm(args))
    print(report.markdown(result))
    print(f"reports written to {args.out}/ (report.json, per_item.jsonl, summary.md, chart.html)")
    if args.thresholds:
        try:
            floors = json.loads(open(args.thresholds).read())
        except (OSError, json.JSONDecodeError) as exc:
            raise RagError(f"Cannot read thresholds {args.thresholds} ({exc}).") from None
        failures = report.check_thresholds(result, floors)
        for failure in failures:
            print(f"below threshold: {failure}", file=sys.stderr)
        if failures:
            return 1
    return 0


def _import_squad(args) -> int:
    from rag.eval.squad import import_squad

    articles, gold, n_articles, n_questions = import_squad(args.squad_file, args.out)
    print(f"{n_articles} articles → {articles}\n{n_questions} questions → {gold}")
    print(f"next: rag ingest {articles} --index INDEX && rag eval --gold {gold} --index INDEX")
    return 0


if __name__ == "__main__":
    sys.exit(main())

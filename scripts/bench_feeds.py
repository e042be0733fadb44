"""Feed polling end to end: 20 feeds × 50 entries served by a local HTTP server, polled into a fresh index.

Reports the first poll (wall time, articles/s: fetch + extract + chunk + embed + commit), a poll
with nothing new (every feed answers 304), and a poll where every feed changed but no entry did
(the feeds are re-read, no page is fetched).

    PYTHONPATH=$PWD python scripts/bench_feeds.py [--feeds 20] [--entries 50] [--index /tmp/bench-feeds]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rag import Assistant  # noqa: E402
from rag.feeds_state import Feed, FeedList  # noqa: E402
from rag.readers.fetch import Fetcher  # noqa: E402
from rag.watch import Watcher  # noqa: E402

WORDS = ("council harbor bridge budget river school election storm market court rail water hospital farm "
         "energy museum police festival port airport union factory tax housing park road library ferry").split()


def article_html(rng: random.Random, outlet: str, title: str) -> str:
    paragraphs = []
    for _ in range(6):
        sentence = []
        for _ in range(3):
            words = rng.sample(WORDS, 6)
            sentence.append(f"The {words[0]} {words[1]} said {rng.randint(2, 9999)} {words[2]} and {words[3]} "
                            f"would reach the {words[4]} by {rng.choice(['May', 'June', 'July'])} {rng.randint(1, 28)}, "
                            f"officials of the {words[5]} office added.")
        paragraphs.append("<p>" + " ".join(sentence) + "</p>")
    return (f"<html><head><title>{title}</title><meta property='og:site_name' content='{outlet}'>"
            f"<meta name='author' content='Reporter {rng.randint(1, 99)}'></head><body><article><h1>{title}</h1>"
            f"{''.join(paragraphs)}</article></body></html>")


def build_site(n_feeds: int, n_entries: int) -> dict[str, bytes]:
    rng = random.Random(7)
    routes = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
    for f in range(n_feeds):
        items = []
        for e in range(n_entries):
            path = f"/o{f}/story-{e}.html"
            title = f"Story {e} of outlet {f}: {' '.join(rng.sample(WORDS, 3))}"
            routes[path] = article_html(rng, f"Outlet {f}", title).encode()
            items.append(f"<item><title>{title}</title><link>{{base}}{path}</link><guid>{path}</guid>"
                         f"<pubDate>Mon, {1 + e % 28:02d} Jun 2026 08:00:00 GMT</pubDate></item>")
        routes[f"/o{f}/rss.xml"] = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Outlet {f}</title>"
                                    f"{''.join(items)}</channel></rss>").encode()
    return routes


def serve(routes: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = routes.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = body.replace(b"{base}", base.encode())
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--index", default="/tmp/bench-feeds")
    args = parser.parse_args()

    routes = build_site(args.feeds, args.entries)
    server, base = serve(routes)
    shutil.rmtree(args.index, ignore_errors=True)
    assistant = Assistant.open(args.index)
    assistant.embedder.embed_query("warm up")
    with Fetcher(allow_private=True, delay=0.0) as fetcher:
        watcher = Watcher(assistant, fetcher=fetcher)
        feeds = FeedList(assistant.index)
        for f in range(args.feeds):
            feeds.add(Feed(name=f"outlet-{f}", url=f"{base}/o{f}/rss.xml", allow_private=True))

        def poll(label: str) -> list:
            requests = fetcher.requests
            started = time.perf_counter()
            results = watcher.poll_due(now=time.time() + 10 ** 7)
            wall = time.perf_counter() - started
            new = sum(r.new for r in results)
            rate = f", {new / wall:.1f} articles/s" if new else ""
            print(f"{label}: {wall:.2f} s, {new} new, {sum(r.updated for r in results)} updated, "
                  f"{sum(r.unchanged for r in results)} unchanged, {sum(r.failed + bool(r.error) for r in results)} failed, "
                  f"{fetcher.requests - requests} requests{rate}")
            return results

        poll(f"first poll ({args.feeds} feeds × {args.entries} entries)")
        poll("nothing new (304s)")
        for f in range(args.feeds):  # every feed document changes, none of its entries does
            routes[f"/o{f}/rss.xml"] = routes[f"/o{f}/rss.xml"].replace(b"</channel>", b"<ttl>60</ttl></channel>")
        poll("feeds changed, entries unchanged")
    print(f"index: {assistant.index.info().articles} articles, {assistant.index.chunk_count} chunks")
    assistant.index.close()
    server.shutdown()
    shutil.rmtree(args.index, ignore_errors=True)


if __name__ == "__main__":
    main()

"""A local news site for the feed tests: RSS 2.0, Atom, a page that announces its feed, article pages,
and endpoints that misbehave (down, slow, HTML instead of a feed, garbage, a gzip bomb, an endless
body, an endless redirect, an entry without a link), on a real HTTP server on a free loopback port."""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

AS_OF = "2026-06-01"

PAGES = {
    "/news/bridge-reopens.html": dict(
        site="Harbor Gazette", title="Millbrook suspension bridge reopens after renovation", author="Maria Lopez",
        date="2026-03-02",
        paragraphs=[
            "The Millbrook suspension bridge reopened to traffic on Monday after an 18-month renovation that "
            "cost 42 million dollars, city engineer Dana Whitlock said at a ceremony on the east bank.",
            "Crews replaced all 212 vertical cables and repainted the towers in their original green, Whitlock "
            "said, adding that the bridge now carries two bicycle lanes for the first time in its history.",
            "Commuters had used a ferry service during the closure, which carried about 9,000 passengers a day "
            "between the two banks of the river according to the transit authority.",
        ]),
    "/news/library-expansion.html": dict(
        site="Harbor Gazette", title="County library to add a second floor", author="Tom Reyes", date="2026-03-04",
        paragraphs=[
            "The county library will add a second floor with a children's reading room and a makerspace, the "
            "library board decided on Wednesday in a unanimous vote after two years of planning.",
            "Construction is expected to begin in September and to last eleven months, board chair Linda Osei "
            "said, while the ground floor stays open to visitors throughout the works.",
            "The expansion is funded by a state grant of 6.5 million dollars and by donations collected during "
            "a campaign that local schools joined last spring.",
        ]),
    "/valley/orchard-frost.html": dict(
        site="Valley Courier", title="Late frost hits valley orchards", author="Ana Petrov", date="2026-04-10",
        paragraphs=[
            "A late frost destroyed about 30 percent of the apple blossoms in the valley orchards overnight on "
            "Thursday, the regional growers' association estimated after inspecting the farms.",
            "Growers lit burners and ran wind machines through the night to keep the temperature above freezing, "
            "association president Karl Baumann said, but the cold was too deep in the lower fields.",
            "The association asked the state agriculture office for emergency support for the smallest farms, "
            "which cannot insure their harvest against frost damage.",
        ]),
    "/private/secret.html": dict(
        site="Harbor Gazette", title="Internal memo", author="Nobody", date="2026-03-05",
        paragraphs=["This page is disallowed by robots.txt and must never be fetched by the feed reader at all. " * 3]),
}


def page_html(p: dict, feed_link: str = "") -> str:
    body = "".join(f"<p>{x}</p>" for x in p["paragraphs"])
    alternate = f'<link rel="alternate" type="application/rss+xml" title="News" href="{feed_link}">' if feed_link else ""
    return (
        f"<!doctype html><html><head><title>{p['title']}</title>"
        f'<meta property="og:site_name" content="{p["site"]}"><meta name="author" content="{p["author"]}">'
        f'<meta property="article:published_time" content="{p["date"]}T08:00:00Z">{alternate}</head>'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{p['title']}</h1>{body}</article><footer>All rights reserved.</footer></body></html>"
    )


def rss(title: str, items: list[dict]) -> str:
    parts = []
    for it in items:
        link = f"<link>{it['link']}</link>" if it.get("link") else ""
        guid = f"<guid isPermaLink=\"false\">{it['guid']}</guid>" if it.get("guid") else ""
        parts.append(
            f"<item><title>{it['title']}</title>{link}{guid}<description>{it.get('description', '')}</description>"
            f"<author>{it.get('author', '')}</author><pubDate>{it['date']}</pubDate></item>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>news</description>{''.join(parts)}</channel></rss>")


def atom(title: str, entries: list[dict]) -> str:
    parts = []
    for e in entries:
        link = f'<link rel="alternate" href="{e["link"]}"/>' if e.get("link") else ""
        parts.append(
            f"<entry><id>{e['id']}</id><title>{e['title']}</title>{link}<published>{e['date']}</published>"
            f"<updated>{e['date']}</updated><author><name>{e['author']}</name></author>"
            f"<content type=\"html\">{e.get('content', '')}</content></entry>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
            f"<id>urn:feed:{title}</id><updated>2026-04-10T00:00:00Z</updated>{''.join(parts)}</feed>")


class Site:
    """A local web server whose routes a test can change; it counts requests and conditional ones."""

    def __init__(self):
        self.routes: dict[str, object] = {}
        self.hits: Counter = Counter()
        self.conditional: Counter = Counter()
        self.not_modified: Counter = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.path
                site.hits[path] += 1
                route = site.routes.get(path) or site.routes.get(path.split("?")[0])
                if callable(route):
                    return route(self)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body, kind = route
                data = body.encode() if isinstance(body, str) else body
                etag = '"' + hashlib.sha1(data).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                    site.conditional[path] += 1
                if self.headers.get("If-None-Match") == etag:
                    site.not_modified[path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _slow(handler):
    time.sleep(4)
    try:
        handler.send_response(200)
        handler.end_headers()
    except OSError:
        pass


def _endless(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()  # no Content-Length: the body goes on until the client hangs up
    chunk = b" " * 65536
    try:
        handler.wfile.write(b"<rss>")
        for _ in range(50 * 16):  # 50 MB
            handler.wfile.write(chunk)
    except OSError:
        pass


_BOMB = gzip.compress(b"<rss>" + b" " * (40 * 1024 * 1024), compresslevel=9)


def _gzip_bomb(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(_BOMB)))
    handler.end_headers()
    try:
        handler.wfile.write(_BOMB)
    except OSError:
        pass


def _loop(handler):
    n = int(handler.path.rsplit("/", 1)[-1] or 0)
    handler.send_response(302)
    handler.send_header("Location", f"/loop/{n + 1}")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def publish(site: Site) -> None:
    """The whole site, as it is before any edit."""
    for path, page in PAGES.items():
        site.routes[path] = (page_html(page), "text/html; charset=utf-8")
    site.routes["/robots.txt"] = ("User-agent: *\nDisallow: /private/\n", "text/plain")
    site.routes["/harbor/rss.xml"] = (rss("Harbor Gazette", [
        dict(title="Millbrook suspension bridge reopens after renovation",
             link=site.url("/news/bridge-reopens.html?utm_source=rss&utm_medium=feed"),
             description="The bridge reopened.", date="Mon, 02 Mar 2026 08:00:00 GMT", author="maria@example.invalid (Maria Lopez)"),
        dict(title="County library to add a second floor", link=site.url("/news/library-expansion.html"),
             description="A second floor.", date="Wed, 04 Mar 2026 09:00:00 GMT"),
    ]), "application/rss+xml")
    site.routes["/valley/atom.xml"] = (atom("Valley Courier", [
        dict(id="urn:valley:frost", title="Late frost hits valley orchards", link=site.url("/valley/orchard-frost.html"),
             date="2026-04-10T06:00:00Z", author="Ana Petrov"),
        dict(id="urn:valley:water-rates", title="Water board approves new rates", date="2026-04-12T06:00:00Z",
             author="Sam Okafor",
             content="&lt;p&gt;The valley water board approved a rate increase of 4 percent on Tuesday, its first in "
                     "six years, to pay for replacing the pumping station on Mill Road.&lt;/p&gt;&lt;p&gt;Households "
                     "will see the change on their July bills, the board's treasurer Ruth Alvarez said.&lt;/p&gt;"),
    ]), "application/atom+xml")
    # A third outlet's page announces its feed; the feed lists the bridge story under the same URL.
    site.routes["/metro/index.html"] = (page_html(PAGES["/news/library-expansion.html"], "/metro/feed.xml"), "text/html")
    site.routes["/metro/feed.xml"] = (rss("Metro Digest", [
        dict(title="Bridge reopens", link=site.url("/news/bridge-reopens.html?utm_campaign=metro#top"),
             description="Reopened.", date="Mon, 02 Mar 2026 10:00:00 GMT"),
    ]), "application/rss+xml")
    site.routes["/bad/html.xml"] = ("<!doctype html><html><body><p>Not a feed</p></body></html>", "text/html")
    site.routes["/bad/garbage.xml"] = (b"\x00\x01\x02 {{{ this is no xml at all ]]] \xff\xfe", "application/rss+xml")
    site.routes["/bad/slow.xml"] = _slow
    site.routes["/bad/endless.xml"] = _endless
    site.routes["/bad/bomb.xml"] = _gzip_bomb
    site.routes["/loop/0"] = _loop
    for n in range(1, 30):
        site.routes[f"/loop/{n}"] = _loop
    site.routes["/private/feed.xml"] = (rss("Private", [
        dict(title="Internal memo", link=site.url("/private/secret.html"), date="Thu, 05 Mar 2026 08:00:00 GMT"),
    ]), "application/rss+xml")


@pytest.fixture
def site():
    """The local news site, published and serving, for one test."""
    s = Site()
    publish(s)
    yield s
    s.close()

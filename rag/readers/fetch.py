"""Fetching pages and feeds over HTTP, bounded and polite.

Every request is http(s) only, capped in time and in (decompressed) size, follows a limited number
of redirects, and is refused when the host resolves to an address that is not public (loopback,
private, link-local, cloud metadata, …) unless `allow_private` is set: a feed list must not become
a way to read the internal network (SSRF). Each redirect target is checked again.

Politeness: one request at a time per host, `delay` seconds apart, and robots.txt honoured.
Conditional requests (ETag / Last-Modified) make an unchanged feed cost one 304.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from rag.errors import RagError

USER_AGENT = "news-rag/0.1 (+feed reader; honours robots.txt)"
MAX_BYTES = 5 * 1024 * 1024
_ROBOTS_TTL_S = 3600.0
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(RagError):
    """A URL could not be fetched; the message names the URL and why."""

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when the conditional request found nothing new
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """An HTTP client for feeds and pages. Safe to share between threads."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0, max_bytes: int = MAX_BYTES,
                 max_redirects: int = 5, delay: float = 1.0, robots: bool = True, user_agent: str = USER_AGENT):
        self.allow_private = allow_private
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.delay = delay
        self.robots = robots
        self.user_agent = user_agent
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._guard = threading.Lock()
        self.requests = 0  # HTTP requests sent (robots.txt included)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "", accept: str = "*/*",
            allow_private: bool | None = None) -> Response:
        """GET `url` (conditionally when `etag` or `last_modified` is given), following redirects.

        `allow_private` overrides the fetcher's own setting for this request (a feed added with it)."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        private = self.allow_private if allow_private is None else allow_private
        return self._follow(url, headers, robots=self.robots, allow_private=private)

    def _follow(self, url: str, headers: dict, *, robots: bool, allow_private: bool) -> Response:
        current = url
        for _ in range(self.max_redirects + 1):
            self._check_url(current, allow_private)
            if robots and not self._robots_allow(current, allow_private):
                raise FetchError(current, "robots.txt of the site disallows fetching it")
            status, location, response = self._request(current, headers, allow_private)
            if status in _REDIRECTS:
                if not location:
                    raise FetchError(current, f"HTTP {status} redirect without a Location header")
                current = urljoin(current, location)
                continue
            return response
        raise FetchError(url, f"more than {self.max_redirects} redirects (a redirect loop?)")

    # ----- one request ---------------------------------------------------------------------

    def _request(self, url: str, headers: dict, allow_private: bool) -> tuple[int, str, Response | None]:
        host = _host_key(url)
        with self._guard:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._send(url, headers, allow_private)
            finally:
                self._last[host] = time.monotonic()

    def _send(self, url: str, headers: dict, allow_private: bool) -> tuple[int, str, Response | None]:
        self.requests += 1
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if not allow_private:
                    # The address actually connected to: a name that resolved to a public address when
                    # checked and to a private one a moment later (DNS rebinding) is caught here.
                    peer = _peer_address(r)
                    if peer is not None and not _public(peer):
                        raise FetchError(url, f"connected to {peer}, a private, loopback or link-local address; refused")
                if r.status_code in _REDIRECTS:
                    return r.status_code, r.headers.get("location", ""), None
                if r.status_code == 304:
                    return 304, "", Response(url, 304, etag=r.headers.get("etag", ""),
                                             last_modified=r.headers.get("last-modified", ""))
                if r.status_code >= 400:
                    raise FetchError(url, f"HTTP {r.status_code} {r.reason_phrase}".rstrip())
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(url, f"response of {int(declared):,} bytes is over the {self.max_bytes:,}-byte limit")
                body = bytearray()
                inflated = " (after decompression)" if r.headers.get("content-encoding") else ""
                # Decoded bytes are counted, so a small compressed body that inflates hugely stops at the cap.
                for piece in r.iter_bytes():
                    body += piece
                    if len(body) > self.max_bytes:
                        raise FetchError(url, f"response is over the {self.max_bytes:,}-byte limit{inflated}")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"response took more than {self.timeout:g} s")
                return r.status_code, "", Response(
                    str(url), r.status_code, bytes(body), r.headers.get("content-type", ""),
                    r.headers.get("etag", ""), r.headers.get("last-modified", ""),
                )
        except httpx.TimeoutException:
            raise FetchError(url, f"no response within {self.timeout:g} s") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"the response's compressed body is damaged ({exc})") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"the connection failed ({_reason(exc)})") from None

    # ----- checks --------------------------------------------------------------------------

    def _check_url(self, url: str, allow_private: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs can be fetched, not '{parts.scheme or 'no scheme'}'")
        if not parts.hostname:
            raise FetchError(url, "the URL names no host")
        if allow_private:
            return
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, ValueError) as exc:
            raise FetchError(url, f"the host cannot be resolved ({exc})") from None
        for info in infos:
            address = ipaddress.ip_address(info[4][0].split("%")[0])
            if not _public(address):
                raise FetchError(
                    url, f"the host resolves to {address}, a private, loopback or link-local address; "
                         "refused (use --allow-private for a feed on your own network)",
                )

    def _robots_allow(self, url: str, allow_private: bool) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(root)
        if cached is None or time.monotonic() - cached[0] > _ROBOTS_TTL_S:
            cached = (time.monotonic(), self._read_robots(root, url, allow_private))
            self._robots[root] = cached
        parser = cached[1]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _read_robots(self, root: str, wanted: str, allow_private: bool) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has no robots.txt (a 4xx)."""
        url = f"{root}/robots.txt"
        try:
            response = self._follow(url, {"Accept": "text/plain, */*"}, robots=False, allow_private=allow_private)
        except FetchError as exc:
            if exc.reason.startswith("HTTP 4"):
                return None
            if exc.reason.startswith("HTTP"):  # a server error: the site may not want to be fetched now
                raise FetchError(wanted, f"its robots.txt answered {exc.reason}; not fetched until it can be read") from None
            raise FetchError(wanted, exc.reason) from None
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        return parser


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_global


def _peer_address(response: httpx.Response):
    stream = response.extensions.get("network_stream")
    try:
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        return ipaddress.ip_address(str(peer[0]).split("%")[0]) if peer else None
    except (ValueError, TypeError, IndexError):
        return None


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower()


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]

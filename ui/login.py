"""Throttled logins for the web UI: failed passwords lock out the client address and the user name.

Gradio calls the `auth` callable with only (username, password). A small ASGI middleware puts the
client address of the current request in a context variable the callable reads. Behind a proxy,
uvicorn already replaces the address with `X-Forwarded-For` when the proxy is in
`$FORWARDED_ALLOW_IPS` (default 127.0.0.1), so a local TLS-terminating proxy keeps per-client limits.
"""

from __future__ import annotations

import contextvars
import hmac
import inspect
import logging
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException

log = logging.getLogger("rag.ui.login")

_CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("rag_ui_client", default="unknown")


class ClientAddressMiddleware:
    """Pure ASGI middleware: records the request's client address for the login check."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http" and scope.get("client"):
            token = _CLIENT.set(str(scope["client"][0]))
            try:
                await self.app(scope, receive, send)
            finally:
                _CLIENT.reset(token)
        else:
            await self.app(scope, receive, send)


class LoginRequiredMiddleware:
    """Pure ASGI middleware: with a login configured, Gradio's `/cancel` and `/reset` answer only a
    logged-in session (Gradio leaves them open; `/cancel` stops another session's running request
    for anyone who knows its ids). Checked as Gradio checks its other routes: the session cookie."""

    PATHS = ("/gradio_api/cancel", "/gradio_api/reset")

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http" and scope.get("path", "").rstrip("/").endswith(self.PATHS):
            from starlette.requests import Request
            from starlette.responses import JSONResponse

            gradio = scope.get("app")
            if getattr(gradio, "auth", None) is not None or getattr(gradio, "auth_dependency", None) is not None:
                request = Request(scope)
                user = None
                if gradio.auth_dependency is not None:
                    user = gradio.auth_dependency(request)
                    if inspect.isawaitable(user):
                        user = await user
                else:
                    cookie = gradio.cookie_id
                    token = request.cookies.get(f"access-token-{cookie}") or request.cookies.get(
                        f"access-token-unsecure-{cookie}")
                    user = gradio.tokens.get(token)
                if user is None:
                    await JSONResponse({"detail": "Not authenticated"}, status_code=401)(scope, receive, send)
                    return
        await self.app(scope, receive, send)


@dataclass
class _Record:
    failures: list[float]
    locked_until: float = 0.0
    lockouts: int = 0


class LoginLocked(HTTPException):
    """HTTP 429 while an address or user name is locked out: a clear answer, not a server error."""

    def __init__(self, seconds_left: float):
        self.seconds_left = seconds_left
        super().__init__(status_code=429, detail=f"Too many failed logins; try again in {int(seconds_left) + 1} s.")


class LoginThrottle:
    """fail2ban-style: `max_failures` failed logins within `window_s` lock the client address and
    the user name for `lockout_s`, doubling with each further lockout up to `max_lockout_s`.

    While locked, even the right password is refused; after the lockout it works again.
    """

    def __init__(self, username: str, password: str, *, max_failures: int = 5, window_s: float = 600.0,
                 lockout_s: float = 60.0, max_lockout_s: float = 3600.0, clock=time.monotonic):
        self._username, self._password = username, password
        self.max_failures, self.window_s = max_failures, window_s
        self.lockout_s, self.max_lockout_s = lockout_s, max_lockout_s
        self._clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls, username: str, password: str, env) -> "LoginThrottle":
        def number(name: str, default: float) -> float:
            raw = env.get(name)
            if raw in (None, ""):
                return default
            try:
                value = float(raw)
            except ValueError:
                value = -1
            if value <= 0:
                from rag.errors import ConfigError

                raise ConfigError(f"{name}={raw!r} is not a positive number of seconds or attempts.")
            return value

        return cls(
            username, password,
            max_failures=int(number("RAG_UI_LOGIN_MAX_FAILURES", 5)),
            window_s=number("RAG_UI_LOGIN_WINDOW_SECONDS", 600),
            lockout_s=number("RAG_UI_LOGIN_LOCKOUT_SECONDS", 60),
            max_lockout_s=number("RAG_UI_LOGIN_MAX_LOCKOUT_SECONDS", 3600),
        )

    def __call__(self, username: str, password: str) -> bool:
        """Gradio's `auth` callable."""
        return self.attempt(username, password, _CLIENT.get())

    def attempt(self, username: str, password: str, client: str) -> bool:
        keys = [("address", client), ("user", (username or "").strip().lower())]
        now = self._clock()
        with self._lock:
            locked = max((self._records[k].locked_until for k in keys if k in self._records), default=0.0)
            if locked > now:
                log.warning("login refused while locked out: user %r from %s (%.0f s left)", username, client, locked - now)
                raise LoginLocked(locked - now)
            ok = hmac.compare_digest(username.encode(), self._username.encode()) & hmac.compare_digest(
                password.encode(), self._password.encode()
            )
            if ok:
                for k in keys:
                    self._records.pop(k, None)
                return True
            self._prune(now)
            for k in keys:
                record = self._records.setdefault(k, _Record([]))
                record.failures = [t for t in record.failures if now - t < self.window_s] + [now]
                if len(record.failures) >= self.max_failures:
                    duration = min(self.lockout_s * 2 ** record.lockouts, self.max_lockout_s)
                    record.locked_until, record.failures = now + duration, []
                    record.lockouts += 1
                    log.warning("login locked for %.0f s: %s %r after %d failed logins", duration, k[0], k[1],
                                self.max_failures)
            log.warning("failed login: user %r from %s", username, client)
            return False

    def _prune(self, now: float) -> None:
        """Forget quiet records so a flood of made-up names cannot grow memory without bound."""
        if len(self._records) < 10_000:
            return
        for key in [k for k, r in self._records.items()
                    if r.locked_until <= now and all(now - t >= self.window_s for t in r.failures)]:
            del self._records[key]

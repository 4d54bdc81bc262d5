"""What every request passes through: the host and token checks, same-origin posts, safe headers, the access log.

- Host: a server on loopback answers only to the names of loopback (a page
  on another site cannot reach it by DNS rebinding).
- Token: when set (always, once the server listens beyond loopback), every
  request but the page, its assets and the health check needs
  `Authorization: Bearer TOKEN`; compared in constant time.
- Same origin: a POST whose Origin (or Sec-Fetch-Site) says it comes from
  another site is refused, so no web page can make a clerk's browser submit.
- Headers: a Content-Security-Policy that allows nothing from anywhere but
  this server (and the HTML report's own inline script and style, by hash),
  no caching, no referrer, no framing by others.
- The log line of a request holds its method, route, status, byte counts and
  time: never a file name, a query, a header or a client address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lzlint.web import limits as refuse
from lzlint.web.limits import Refusal

log = logging.getLogger("lzlint.web")

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
# Paths that work without the token: the page must load to let a clerk type it in.
OPEN_PATHS = ("/", "/assets/app.js", "/assets/app.css", "/api/health")


def inline_hashes(html: str, tag: str) -> tuple[str, ...]:
    """CSP hash sources of the inline <script> or <style> blocks of a page."""
    bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S)
    return tuple(f"'sha256-{base64.b64encode(hashlib.sha256(b.encode('utf-8')).digest()).decode()}'" for b in bodies)


def content_security_policy(report_scripts: Collection[str], report_styles: Collection[str]) -> str:
    """Nothing from anywhere but this server; the report (shown in a sandboxed frame) only by the hashes of its inline code."""
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src 'self' {' '.join(report_scripts)}".strip(),
            f"style-src 'self' {' '.join(report_styles)}".strip(),
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self' about:",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        )
    )


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
        (b"cache-control", b"no-store"),
        (b"cross-origin-opener-policy", b"same-origin"),
        (b"cross-origin-resource-policy", b"same-origin"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    ]


def refusal_body(refusal: Refusal) -> bytes:
    return json.dumps({"error": refusal.message}, ensure_ascii=False).encode("utf-8")


def refusal_headers(refusal: Refusal) -> list[tuple[bytes, bytes]]:
    headers = [(b"content-type", b"application/json; charset=utf-8")]
    if refusal.retry_after is not None:
        headers.append((b"retry-after", str(refusal.retry_after).encode()))
    if refusal.status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    return headers


@dataclass(frozen=True)
class GuardSettings:
    token: str | None  # None: no token asked (loopback only)
    loopback_only: bool  # answer only to loopback host names
    csp: str
    routes: tuple[str, ...]  # paths named in the log; any other is logged as "other"


class Guard:
    """ASGI middleware around the whole app (see the module docstring)."""

    def __init__(self, app: ASGIApp, settings: GuardSettings) -> None:
        self.app = app
        self.settings = settings
        self.headers = security_headers(settings.csp)

    def _refusal(self, scope: Scope) -> Refusal | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.settings.loopback_only and re.sub(r":\d+$", "", host) not in LOOPBACK_NAMES:
            return refuse.wrong_host()
        if self.settings.token is not None and scope["path"] not in OPEN_PATHS:
            given = headers.get("authorization", "")
            scheme, _, token = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), self.settings.token.encode()):
                return refuse.unauthorized()
        if scope["method"] == "POST":
            origin = headers.get("origin")
            scheme = scope.get("scheme", "http")
            if origin is not None and origin != f"{scheme}://{host}":
                return refuse.cross_site()
            if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
                return refuse.cross_site()
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        seen: dict[str, Any] = {"status": 0, "in": 0, "out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def guarded_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                body = refusal_body(refusal)
                await guarded_send({"type": "http.response.start", "status": refusal.status, "headers": [*refusal_headers(refusal), (b"content-length", str(len(body)).encode())]})
                await guarded_send({"type": "http.response.body", "body": body})
                return
            await self.app(scope, counting_receive, guarded_send)
        finally:
            route = scope["path"] if scope["path"] in self.settings.routes else "other"
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %d in=%dB out=%dB %.0fms", scope["method"], route, seen["status"], seen["in"], seen["out"], elapsed)

"""The routes of `lzlint serve`: the page, its assets, the health check, and the two ways to check.

- `GET /` the page (assets/index.html), `GET /assets/app.js|app.css` its code;
  fixed files read once at start, so no path from a client names a file.
- `GET /api/health` 200 with the limits and whether a token is needed.
- `POST /api/check` (multipart, field `files`, optional `year`): for each file
  its name and either `findings` (the `--format json` contract) or `error`
  (the one-line reason the command line gives).
- `POST /api/report`: the same plus what the page shows and offers: the HTML
  report and each download (base64), all in the one response, since nothing
  is kept on the server to be fetched later.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lzlint import __version__
from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.web import limits as refuse
from lzlint.web.check import CheckOutcome, CheckRequest, Download
from lzlint.web.guard import (
    Guard,
    GuardSettings,
    content_security_policy,
    inline_hashes,
    refusal_body,
    refusal_headers,
)
from lzlint.web.limits import Refusal
from lzlint.web.pool import CheckPool
from lzlint.web.uploads import read_form

ROUTES = ("/", "/assets/app.js", "/assets/app.css", "/api/health", "/api/check", "/api/report")
_ASSETS = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}


def _asset(name: str) -> bytes:
    return (resources.files("lzlint.web") / "assets" / name).read_bytes()


class _JSON(JSONResponse):
    """JSON with the Chinese as it is, not as \\u escapes."""

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False).encode("utf-8")


def _refused(refusal: Refusal) -> Response:
    return Response(refusal_body(refusal), refusal.status, headers={k.decode(): v.decode() for k, v in refusal_headers(refusal)})


def _download(d: Download) -> dict[str, str]:
    return {"name": d.name, "label": d.label, "media_type": d.media_type, "base64": base64.b64encode(d.data).decode("ascii")}


def _file_json(outcome: CheckOutcome, with_downloads: bool) -> list[dict[str, Any]]:
    files: list[dict[str, Any]] = []
    for f in outcome.files:
        entry: dict[str, Any] = {"name": f.name}
        if f.error is not None:
            entry["error"] = f.error
        else:
            entry["findings"] = list(f.findings)
        if with_downloads:
            entry["downloads"] = [_download(d) for d in f.downloads]
        files.append(entry)
    return files


async def _check(request: Request, outputs: bool) -> CheckOutcome:
    pool: CheckPool = request.app.state.pool
    limits = pool.limits
    length = request.headers.get("content-length")

    async def read_and_run() -> CheckOutcome:
        form = await read_form(request.headers.get("content-type", ""), request.stream(), int(length) if length and length.isdigit() else None, limits)
        return await pool.run(CheckRequest(form.uploads, form.year, outputs))

    with pool.admit():
        try:
            return await asyncio.wait_for(read_and_run(), limits.seconds)
        except asyncio.TimeoutError:
            raise refuse.timed_out(limits) from None


async def api_check(request: Request) -> Response:
    try:
        outcome = await _check(request, outputs=False)
    except Refusal as refusal:
        return _refused(refusal)
    except ClientDisconnect:  # nobody is left to answer
        return Response(status_code=400)
    return _JSON({"version": __version__, "files": _file_json(outcome, with_downloads=False)})


async def api_report(request: Request) -> Response:
    try:
        outcome = await _check(request, outputs=True)
    except Refusal as refusal:
        return _refused(refusal)
    except ClientDisconnect:
        return Response(status_code=400)
    return _JSON(
        {
            "version": __version__,
            "files": _file_json(outcome, with_downloads=True),
            "report_html": outcome.report_html,
            "downloads": [_download(d) for d in outcome.downloads],
        }
    )


async def health(request: Request) -> Response:
    pool: CheckPool = request.app.state.pool
    limits = pool.limits
    return _JSON(
        {
            "status": "ok",
            "version": __version__,
            "token_required": request.app.state.token_required,
            "limits": {
                "file_bytes": limits.file_bytes,
                "request_bytes": limits.request_bytes,
                "files": limits.files,
                "seconds": limits.seconds,
                "workers": limits.workers,
                "queue": limits.queue,
            },
        }
    )


def _static(name: str) -> Route:
    body, media_type = _asset(name), _ASSETS[name]

    async def endpoint(request: Request) -> Response:
        return Response(body, media_type=media_type)

    return Route("/" if name == "index.html" else f"/assets/{name}", endpoint, methods=["GET"])


def report_policy() -> str:
    """The CSP of the page: its own files, and the HTML report's inline script and style by their hashes."""
    sample = FORMATTERS["html"]([], OutputOptions())
    return content_security_policy(inline_hashes(sample, "script"), inline_hashes(sample, "style"))


def create_app(pool: CheckPool, *, token: str | None, loopback_only: bool) -> Guard:
    """The ASGI app: the routes behind the guard. The pool is started and closed with the app."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.get_running_loop().run_in_executor(None, pool.start)
        try:
            yield
        finally:
            pool.close()

    app = Starlette(
        routes=[
            *(_static(name) for name in _ASSETS),
            Route("/api/health", health, methods=["GET"]),
            Route("/api/check", api_check, methods=["POST"]),
            Route("/api/report", api_report, methods=["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.token_required = token is not None
    return Guard(app, GuardSettings(token, loopback_only, report_policy(), ROUTES))

"""Starting the server: settings and rules from --config, the pool, the token, then Uvicorn.

Listening beyond loopback must be asked for (`--host 0.0.0.0` or an address),
and then every check needs the access token: the one given with --token,
else one made here and printed once on the terminal.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import signal
import socket
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import click
import uvicorn  # here, not in serve(): a missing web extra is found when `lzlint serve` imports this

from lzlint.errors import LzlintError
from lzlint.locale import _, ngettext
from lzlint.model.document import Vocabulary
from lzlint.ruleset.rules import default_rules_dir
from lzlint.run.config import load_settings
from lzlint.run.prepare import enabled_rules
from lzlint.web.app import create_app
from lzlint.web.check import CheckJob
from lzlint.web.limits import Limits, unpacks_too_large
from lzlint.web.pool import CheckPool


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    config: Path | None = None
    token: str | None = None
    limits: Limits = Limits()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def access_token(options: ServeOptions) -> str | None:
    """The token checks need: none on loopback unless one is given; beyond it, the given one or a new one."""
    if options.token is not None:
        if len(options.token) < 16:
            raise LzlintError(_("--token must be at least 16 characters (or leave it out and one is generated)"))
        return options.token
    return None if is_loopback(options.host) else secrets.token_urlsafe(24)


def make_job(config: Path | None, upload_root: Path, limits: Limits = Limits()) -> CheckJob:
    """The rules and settings of `config` (else the nearest .lzlint.yaml), read once, as `lzlint` reads them."""
    settings = load_settings(config, Path.cwd(), {})
    rules = enabled_rules(settings)
    vocabulary = partial(Vocabulary.load, default_rules_dir() / "lexicon", settings.words)
    vocabulary()  # a bad lexicon or word list is one clear error now, not a broken worker later
    return CheckJob(rules, settings, vocabulary, upload_root, partial(unpacks_too_large, limits=limits))


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound now: a port in use is one clear error before anything else starts."""
    address = host.strip("[]")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        return socket.create_server((address, port), family=family, reuse_port=False)
    except OSError as exc:
        raise LzlintError(_("cannot listen on {host}:{port}: {reason}").format(host=_url_host(host), port=port, reason=exc.strerror or exc)) from None


def _config_name(source: str) -> str:
    """The config file the server uses; "defaults" (no file) is a word, and said in the run's language."""
    return _("defaults (no .lzlint.yaml)") if source == "defaults" else source


def serve(options: ServeOptions) -> None:
    """Run until interrupted. Bad settings or a busy port raise LzlintError before anything listens."""
    token = access_token(options)
    with tempfile.TemporaryDirectory(prefix="lzlint-serve-") as uploads:
        job = make_job(options.config, Path(uploads), options.limits)
        sock = listen(options.host, options.port)
        pool = CheckPool(job, options.limits)
        app = create_app(pool, token=token, loopback_only=is_loopback(options.host))
        everywhere = options.host in ("0.0.0.0", "::", "[::]")
        shown = "127.0.0.1" if everywhere else _url_host(options.host)
        click.echo(
            ngettext(
                "lzlint serve: http://{host}:{port}/  ({count} rule, config: {config})",
                "lzlint serve: http://{host}:{port}/  ({count} rules, config: {config})",
                len(job.rules),
            ).format(host=shown, port=sock.getsockname()[1], count=len(job.rules), config=_config_name(job.settings.source))
        )
        if everywhere:
            click.echo(_("lzlint serve: listening on every network interface; give colleagues this machine's intranet address"))
        if token is not None:
            click.echo(_("lzlint serve: access token (enter it once in the page, or send Authorization: Bearer …): {token}").format(token=token))
        click.echo(_("lzlint serve: uploads are deleted after each check; the log holds only sizes, status codes and timings. Ctrl+C stops."), err=True)
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        config = uvicorn.Config(
            app,
            access_log=False,  # its lines carry the client address and query; ours carry sizes, codes, timings
            log_level="warning",
            server_header=False,
            # Past the places of the pool, connections are turned away by Uvicorn itself.
            limit_concurrency=4 * (options.limits.workers + options.limits.queue) + 8,
            timeout_keep_alive=5,
        )
        # Uvicorn stops gracefully on SIGINT and SIGTERM, then raises the signal
        # again: both then end here, so that the upload folder is removed.
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt

"""`lzlint serve` on the command line: a subcommand beside the default check, and what it refuses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lzlint.web.server import ServeOptions, access_token, is_loopback
from tests.conftest import SEEDS, lzlint_executable, run_lzlint


def test_serve_has_its_own_help() -> None:
    done = run_lzlint(["serve", "--help"])
    assert done.returncode == 0
    for option in ("--host", "--port", "--config", "--token", "--workers", "--queue", "--max-file-mb", "--timeout"):
        assert option in done.stdout


def test_checking_a_report_is_still_the_default_command() -> None:
    done = run_lzlint([str(SEEDS / "001_3dec04221fb15ce6.txt"), "--no-cache", "--format", "concise"])
    assert done.returncode == 1 and "001_3dec04221fb15ce6.txt:" in done.stdout
    assert "serve" in run_lzlint(["--help"]).stdout


def test_a_short_token_is_refused_in_one_line() -> None:
    done = run_lzlint(["serve", "--host", "0.0.0.0", "--token", "short"])
    assert done.returncode == 2
    assert done.stderr == "lzlint: error: --token must be at least 16 characters (or leave it out and one is generated)\n"


def test_a_bad_config_is_refused_before_listening(tmp_path) -> None:
    (tmp_path / "bad.yaml").write_text("select: [NOPE]\n", encoding="utf-8")
    done = run_lzlint(["serve", "--config", "bad.yaml", "--port", "0"], cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("lzlint: error: ") and done.stderr.count("\n") == 1


def test_without_the_web_extra_serve_says_how_to_install_it() -> None:
    script = "import sys; sys.modules['uvicorn'] = None; sys.argv = ['lzlint', 'serve']; from lzlint.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "lzlint: error: lzlint serve needs the web extra (uvicorn is missing): pip install 'lzlint[web]'\n"


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_beyond_loopback_a_token_is_always_required() -> None:
    assert access_token(ServeOptions(host="127.0.0.1")) is None
    made = access_token(ServeOptions(host="0.0.0.0"))
    assert made is not None and len(made) >= 24
    assert made != access_token(ServeOptions(host="0.0.0.0"))  # a fresh one each start
    assert access_token(ServeOptions(host="0.0.0.0", token="x" * 16)) == "x" * 16
    assert access_token(ServeOptions(host="127.0.0.1", token="y" * 20)) == "y" * 20


def test_the_token_may_come_from_the_environment() -> None:
    # A systemd unit keeps it out of the process list: LZLINT_TOKEN is read like --token.
    import os

    done = subprocess.run([*lzlint_executable(), "serve", "--host", "0.0.0.0"], env={**os.environ, "LZLINT_TOKEN": "short"}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--token must be at least 16 characters" in done.stderr


def test_the_docs_curl_example_uses_the_real_route_and_fields() -> None:
    from lzlint.web.uploads import FILES_FIELD, YEAR_FIELD
    from tests.conftest import ROOT

    # The web page's guide moved from the README to docs/serve.md.
    page = (ROOT / "docs" / "serve.md").read_text(encoding="utf-8")
    example = next(line for line in page.splitlines() if line.startswith("curl ") and "/api/check" in line)
    assert f"-F {FILES_FIELD}=@" in example and f"-F {YEAR_FIELD}=" in example
    assert "http://127.0.0.1:8000/api/check" in example

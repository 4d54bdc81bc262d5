"""A real `lzlint serve` over loopback: clients that misbehave, and the next request is answered normally."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import CLEAN_REPORT, SEEDS
from tests.web_helpers import running_server

SEED = SEEDS / "000_01a9da65d0d1e63d.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("server")
    (folder / ".lzlint.yaml").write_text("{}\n", encoding="utf-8")
    with running_server(folder, "--workers", "1", "--queue", "2", "--timeout", "3") as address:
        yield address


def _check_works(server: str) -> None:
    answer = httpx.post(f"{server}/api/check", files=[("files", ("000.txt", SEED.read_bytes()))], timeout=30)
    assert answer.status_code == 200 and len(answer.json()["files"][0]["findings"]) == 17


def _start_upload(server: str, declared: int) -> socket.socket:
    """A POST whose headers promise `declared` bytes, with only the start of the body sent."""
    where = urlsplit(server)
    sock = socket.create_connection((where.hostname, where.port), timeout=10)
    head = (
        f"POST /api/check HTTP/1.1\r\nHost: {where.netloc}\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    body = b'--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n' + CLEAN_REPORT.encode() * 20
    sock.sendall(head + body)
    return sock


def test_a_client_that_disconnects_mid_upload(server: str) -> None:
    for _ in range(3):
        _start_upload(server, 5_000_000).close()
    time.sleep(0.5)
    _check_works(server)


def test_an_upload_that_stalls_gets_504_in_time_and_the_next_is_answered(server: str) -> None:
    sock = _start_upload(server, 5_000_000)
    started = time.monotonic()
    data = b""
    while b'"}' not in data:  # the end of the JSON body
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    sock.close()
    reply = data.decode("utf-8", "replace")
    assert reply.startswith("HTTP/1.1 504"), reply[:100]
    assert "超过 3 秒" in reply
    assert time.monotonic() - started < 10
    _check_works(server)


def test_health_answers_while_checks_run(server: str) -> None:
    assert httpx.get(f"{server}/api/health", timeout=5).json()["status"] == "ok"
    _check_works(server)

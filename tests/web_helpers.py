"""Shared pieces of the `lzlint serve` tests: a server's job, faulty work, sample drafts.

The faulty work functions live at module level so that a worker process can
import them (the pool pickles the work function by name).
"""

from __future__ import annotations

import io
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import httpx

from lzlint.model.document import Vocabulary
from lzlint.web.check import (
    CheckJob,
    CheckOutcome,
    CheckRequest,
    check_uploads,
    request_folder,
)
from tests.conftest import lzlint_executable

PAUSE_YEAR = 1996  # the work takes a second: requests overlap
SLOW_YEAR = 1998  # the work sleeps past any test's time limit
RAISING_YEAR = 1999  # the work raises, quoting the draft
DYING_YEAR = 1997  # the worker process dies (os._exit)


def faulty(request: CheckRequest, job: CheckJob, vocabulary: Vocabulary) -> CheckOutcome:
    """check_uploads, except for the sentinel years above."""
    if request.year == PAUSE_YEAR:
        time.sleep(1)
    elif request.year == SLOW_YEAR:
        # Stuck with the upload on disk, as a check that never ends would be.
        folder = request_folder(job, request)
        folder.mkdir(mode=0o700)
        (folder / "draft.txt").write_bytes(request.uploads[0].data)
        time.sleep(30)
    elif request.year == RAISING_YEAR:
        raise RuntimeError("机密草稿内容 " + request.uploads[0].data.decode("utf-8", "replace")[:20])
    elif request.year == DYING_YEAR:
        os._exit(1)
    return check_uploads(request, job, vocabulary)


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(paragraphs: int = 2_000_000) -> bytes:
    """A .docx of a few hundred KB whose body unpacks to millions of paragraphs (over 1 GB once parsed)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes(["关于2023年度法治政府建设情况的报告"])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * paragraphs)
            archive.writestr(item.filename, data)
    return out.getvalue()


def folder_is_empty(folder: Path) -> bool:
    return not any(folder.rglob("*"))


@contextmanager
def running_server(folder: Path, *options: str) -> Iterator[str]:
    """A real `lzlint serve --port 0` started in `folder` (give it a .lzlint.yaml); yields its address once it answers."""
    # --lang en: module-wide servers start before conftest sets LZLINT_LANG for each test.
    command = [*lzlint_executable(), "serve", "--lang", "en", "--port", "0", *options]
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("lzlint serve: http://127.0.0.1:"), first
        address = first.split()[2].rstrip("/")
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{address}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not answer in time"
            time.sleep(0.2)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)

"""Files that are not text are refused with what they are, never linted as garbage."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lzlint.errors import LzlintError
from lzlint.sources import read_source
from lzlint.sources.binary import binary_kind
from lzlint.sources.text import decode
from tests.conftest import run_lzlint


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


SAMPLES = {
    "scan.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
    "photo.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "an old-format Office file"),
    "pack.zip": (_zip(["a.txt"]), "a ZIP archive"),
    "renamed.txt": (_zip(["[Content_Types].xml", "word/document.xml"]), "a Word document with another suffix; rename it to .docx"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_known_binary_formats_are_named(name: str) -> None:
    data, kind = SAMPLES[name]
    assert (binary_kind(data) or "").startswith(kind)


@pytest.mark.parametrize("name", ["scan.pdf", "photo.png", "pack.zip", "renamed.txt"])
def test_binary_named_as_txt_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(SAMPLES[name][0])
    with pytest.raises(LzlintError, match=rf"draft\.txt: not a text file: {SAMPLES[name][1]}"):
        read_source(path)


def test_text_is_not_taken_for_binary() -> None:
    for text in ("PK is a sport", "%PD", "GIF", "法治政府建设", "MZ", "BM"):
        assert binary_kind(text.encode()) is None


def test_many_nul_bytes_mean_binary_or_bomless_utf16() -> None:
    data = "法治政府建设情况报告\n".encode("utf-16-le")
    with pytest.raises(LzlintError, match="NUL bytes .*--encoding utf-16-le"):
        decode(data, "a.txt")


def test_a_stray_nul_in_a_long_text_is_linted_not_refused() -> None:
    text = "一、主要举措和成效\n" + "今年以来，我镇坚持依法行政。" * 20 + "\x00\n"
    source = decode(text.encode(), "a.txt")
    assert source.text == text


def test_cli_refuses_binary_with_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "scan.txt").write_bytes(SAMPLES["scan.pdf"][0])
    result = run_lzlint(["scan.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "lzlint: error: scan.txt: not a text file: a PDF file; lint the .docx or text it was made from\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_random_bytes_are_refused_with_what_was_tried(tmp_path: Path) -> None:
    # Deterministic "random" bytes: no signature, invalid UTF-8, no NUL.
    data = bytes((i * 7919 + 13) % 255 + 1 for i in range(4000))
    (tmp_path / "noise.txt").write_bytes(data)
    result = run_lzlint(["noise.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lzlint: error: noise.txt: cannot decode: tried BOM, UTF-8, GB18030")
    assert result.stderr.count("\n") == 1

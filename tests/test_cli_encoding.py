"""--encoding, the `encoding` config key, and undecodable input on the command line."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import lzlint_executable, run_lzlint

ARTIFACT = "[bookmark: x]正文\n"


def test_encoding_option_reads_what_detection_refuses(tmp_path: Path) -> None:
    # Big5 is refused by detection (lzlint does not assume it) but read when named.
    text = "法治政府建設年度報告。本鎮堅持依法行政，推進嚴格規範公正文明執法。\n" * 10 + ARTIFACT
    (tmp_path / "tw.txt").write_bytes(text.encode("big5"))
    refused = run_lzlint(["--select", "A501", "tw.txt"], cwd=tmp_path)
    assert refused.returncode == 2 and "--encoding big5" in refused.stderr
    named = run_lzlint(["--format", "concise", "--select", "A501", "--encoding", "big5", "tw.txt"], cwd=tmp_path)
    assert named.stdout == "tw.txt:11:1: A501 文档转换残留“[bookmark: x]”，发布前应删除。\n"
    assert named.returncode == 1


def test_encoding_config_key(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [A501]\nencoding: latin-1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_bytes("Café [bookmark: x]\n".encode("latin-1"))
    result = run_lzlint(["--format", "concise", "--verbose", "a.txt"], cwd=tmp_path)
    assert result.stdout == "a.txt:1:6: A501 文档转换残留“[bookmark: x]”，发布前应删除。\n"
    assert result.stderr.splitlines()[0] == "lzlint: a.txt: text, encoding ISO8859-1 (--encoding), line endings LF"


def test_unknown_encoding_in_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [A501]\nencoding: klingon\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = run_lzlint(["a.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"lzlint: error: {tmp_path / '.lzlint.yaml'}:2: unknown text encoding 'klingon'")


def test_unknown_encoding_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = run_lzlint(["--encoding", "klingon", "a.txt"], cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("lzlint: error: unknown text encoding 'klingon'")


def test_stdin_is_decoded_like_a_file() -> None:
    data = ("一、主要举措和成效\r\n" * 20 + ARTIFACT).encode("gb18030")
    # run_lzlint passes stdin as UTF-8 text; GB18030 bytes must go in raw.
    result = subprocess.run(
        [*lzlint_executable(), "--format", "concise", "--select", "A501", "--verbose", "-"],
        input=data,
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert result.stdout.decode() == "-:21:1: A501 文档转换残留“[bookmark: x]”，发布前应删除。\n"
    assert result.stderr.decode() == (
        "lzlint: -: text, encoding GB18030 (charset-normalizer), line endings mixed\n"
        "lzlint: -: report year not found (give it with --year)\n"
    )

"""A file name is data, not output: its control characters are escaped wherever it is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from lzlint.outputs.formatters.position import printable
from tests.conftest import run_lzlint

NAME = "evil\n::error file=x.txt::forged\x1b[2J.txt"


def test_printable_escapes_controls_and_keeps_the_rest() -> None:
    assert printable("a\nb\rc\td\x1b[31m\x7f\x9b.txt") == "a\\nb\\rc\\td\\x1b[31m\\x7f\\x9b.txt"
    assert printable("报告 2024（定稿）.txt") == "报告 2024（定稿）.txt"


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_file_name_cannot_forge_a_line_or_reach_the_terminal(tmp_path: Path, fmt: str) -> None:
    (tmp_path / NAME).write_text("[bookmark: _GoBack]（一）加强组织领导。\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "A501", "--format", fmt, "."], cwd=tmp_path)
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    # Exactly one finding line, naming the file with its newline escaped.
    finding_lines = [line for line in result.stdout.splitlines() if "A501" in line]
    assert len(finding_lines) == 1 and "evil\\n" in finding_lines[0] and "forged\\x1b[2J.txt" in finding_lines[0]
    assert not any(line.startswith("::error file=x.txt") for line in result.stdout.splitlines())


def test_an_error_naming_the_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / NAME).write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    result = run_lzlint(["--no-cache", str(tmp_path / NAME)], cwd=tmp_path)
    assert result.returncode == 2 and "\x1b" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "evil\\n" in result.stderr

"""Bad options and config values are one line and exit status 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_lzlint


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("（一）加强组织领导。\n", encoding="utf-8")
    return tmp_path


def _one_line_error(result, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("lzlint: error: ") and len(result.stderr.strip().splitlines()) == 1
    assert needle in result.stderr


@pytest.mark.parametrize("pattern", ["[z-a]", "\\", "!"])
def test_an_invalid_exclude_pattern_is_named(tmp_path: Path, pattern: str) -> None:
    folder = _folder(tmp_path)
    _one_line_error(run_lzlint(["--no-cache", "--exclude", pattern, "."], cwd=folder), f"exclude pattern {pattern!r} is not a valid gitignore pattern")
    (folder / ".lzlint.yaml").write_text(f"exclude: [{pattern!r}]\n".replace("'\\\\'", "'\\'"), encoding="utf-8")
    _one_line_error(run_lzlint(["--no-cache", "."], cwd=folder), "is not a valid gitignore pattern")


def test_the_undefined_codec_is_an_unknown_encoding(tmp_path: Path) -> None:
    _one_line_error(run_lzlint(["--no-cache", "--encoding", "undefined", "a.txt"], cwd=_folder(tmp_path)), "unknown text encoding 'undefined'")


def test_rule_params_of_the_wrong_type_are_refused_at_load(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / ".lzlint.yaml").write_text('rule-params: {P601: {map: {",": 5}}}\n', encoding="utf-8")
    result = run_lzlint(["--no-cache", "--fix", "a.txt"], cwd=folder)
    _one_line_error(result, "parameter 'map' of P601 must map non-empty strings to strings")

"""Walking a county folder with gitignore-style exclusions."""

from __future__ import annotations

from pathlib import Path

import pytest

from lzlint.run.paths import select_files
from tests.conftest import run_lzlint

REPORT = "关于2023年度法治政府建设情况的报告\n\n一、主要举措和成效\n正文。\n"


@pytest.fixture()
def county(tmp_path: Path) -> Path:
    for name in (
        "reports/甲镇.txt",
        "reports/乙镇.md",
        "reports/drafts/丙镇.txt",
        "reports/2022/丁镇.txt",
        "reports/old.bak.txt",
        "reports/keep.bak.txt",
        "reports/notes.docx.txt",
        "reports/附件.pdf",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(REPORT, encoding="utf-8")
    return tmp_path


def _names(files: list[Path | str], root: Path) -> list[str]:
    return [Path(f).relative_to(root).as_posix() for f in files]


def test_walk_without_exclusions_is_sorted_and_recursive(county: Path) -> None:
    files = select_files([str(county / "reports")], root=county).files
    assert _names(files, county) == [
        "reports/2022/丁镇.txt",
        "reports/drafts/丙镇.txt",
        "reports/keep.bak.txt",
        "reports/notes.docx.txt",
        "reports/old.bak.txt",
        "reports/乙镇.md",
        "reports/甲镇.txt",
    ]


def test_gitignore_semantics(county: Path) -> None:
    # drafts/ : a directory at any depth; *.bak.txt: a name anywhere;
    # !keep.bak.txt: negation; /reports/2022: anchored to the root.
    patterns = ["drafts/", "*.bak.txt", "!keep.bak.txt", "/reports/2022"]
    files = select_files([str(county / "reports")], patterns, county).files
    assert _names(files, county) == [
        "reports/keep.bak.txt",
        "reports/notes.docx.txt",
        "reports/乙镇.md",
        "reports/甲镇.txt",
    ]


def test_anchored_pattern_is_relative_to_root(county: Path) -> None:
    # /2022 is anchored at the root (county/), where there is no 2022 folder.
    files = select_files([str(county / "reports")], ["/2022"], county).files
    assert "reports/2022/丁镇.txt" in _names(files, county)


def test_named_file_is_linted_even_if_excluded(county: Path) -> None:
    named = county / "reports" / "old.bak.txt"
    assert select_files([str(named)], ["*.bak.txt"], county).files == [named]


def test_cli_exclude_option_and_config_key_add_up(county: Path) -> None:
    (county / ".lzlint.yaml").write_text("exclude:\n  - drafts/\n", encoding="utf-8")
    # S103 fires once on every file (none has a shortcomings section).
    result = run_lzlint(["--format", "concise", "--select", "S103", "--exclude", "*.bak.txt,2022/", "reports"], cwd=county)
    assert result.returncode == 1, result.stderr
    linted = [line.split(":")[0] for line in result.stdout.splitlines()]
    # The PDF is not checked, and listed so (F001) after the files that were.
    assert linted == ["reports/notes.docx.txt", "reports/乙镇.md", "reports/甲镇.txt", "reports/附件.pdf"]
    assert result.stdout.splitlines()[-1].startswith("reports/附件.pdf:1:1: F001 ")


def test_config_exclude_must_be_a_list_of_strings(county: Path) -> None:
    (county / ".lzlint.yaml").write_text("exclude:\n  - 3\n", encoding="utf-8")
    result = run_lzlint(["reports"], cwd=county)
    assert result.returncode == 2
    assert result.stderr.strip() == f"lzlint: error: {county / '.lzlint.yaml'}:1: exclude must be a list of strings"

"""The per-file summary table of text output."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from lzlint.outputs.formatters import summary_table
from lzlint.run.engine import FileResult
from tests.conftest import SEEDS, run_lzlint
from tests.format_samples import finding, two_files


def test_plain_table_aligns_cjk_paths_by_display_width() -> None:
    results = [*two_files(), FileResult("reports/a.txt", (finding("reports/a.txt", 1, 1, 2, severity="info"),))]
    assert summary_table.plain(results) == (
        # "reports/甲镇.txt" is 14 characters but 16 cells wide; every first
        # column is padded to 16 cells.
        "file              errors  warnings  info\n"
        "reports/甲镇.txt       1         2     0\n"
        "reports/乙镇.txt       0         0     0\n"
        "reports/a.txt          0         0     1\n"
    )
    widths = {cell_len(line) for line in summary_table.plain(results).splitlines()}
    assert widths == {40}


def test_rich_table_has_the_same_rows() -> None:
    drawn = summary_table.rich_table(two_files(), color=False)
    lines = [line.split() for line in drawn.splitlines() if line.strip()]
    assert lines == [
        ["file", "errors", "warnings", "info"],
        ["reports/甲镇.txt", "1", "2", "0"],
        ["reports/乙镇.txt", "0", "0", "0"],
    ]
    assert "\x1b[" not in drawn


def _seed_copy(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in names:
        (folder / name).write_bytes((SEEDS / "000_01a9da65d0d1e63d.txt").read_bytes())
    return folder


def test_text_output_over_a_folder_ends_with_the_table(tmp_path: Path) -> None:
    _seed_copy(tmp_path, ["甲镇.txt", "乙镇.txt"])
    result = run_lzlint(["--select", "Q301,A501", "reports"], cwd=tmp_path)
    assert result.returncode == 1
    tail = result.stdout.splitlines()[-6:]
    assert tail == [
        "file              errors  warnings  info",
        "reports/乙镇.txt       2         0     0",
        "reports/甲镇.txt       2         0     0",
        "",
        "4 errors, 0 warnings, 0 info in 2 files.",
        "2 fixable with --fix (see them first with --diff).",  # the two A501
    ]


def test_no_table_for_one_file_quiet_or_other_formats(tmp_path: Path) -> None:
    _seed_copy(tmp_path, ["甲镇.txt", "乙镇.txt"])
    one = run_lzlint(["--select", "Q301", "reports/甲镇.txt"], cwd=tmp_path)
    assert "errors  warnings" not in one.stdout
    quiet = run_lzlint(["-q", "--select", "Q301", "reports"], cwd=tmp_path)
    assert "errors  warnings" not in quiet.stdout and "in 2 files" not in quiet.stdout
    concise = run_lzlint(["--format", "concise", "--select", "Q301", "reports"], cwd=tmp_path)
    assert concise.stdout.splitlines() == [
        "reports/乙镇.txt:16:135: Q301 “调解成功率95%”与本句数字不符：按75宗÷80起计算约为93.75%，请核对数字，或把比率改为93.75%。",
        "reports/甲镇.txt:16:135: Q301 “调解成功率95%”与本句数字不符：按75宗÷80起计算约为93.75%，请核对数字，或把比率改为93.75%。",
    ]

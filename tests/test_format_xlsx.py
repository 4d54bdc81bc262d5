"""--format xlsx: the workbook read back with openpyxl (values, frozen header, filter, widths)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lzlint.cli import cli
from lzlint.diagnostic import Diagnostic
from lzlint.outputs.formatters import OutputOptions
from lzlint.outputs.formatters.xlsx import cells, copied_share, workbook
from lzlint.run.engine import FileResult
from tests.conftest import run_lzlint

openpyxl = pytest.importorskip("openpyxl")

REPORT = "关于{unit}2025年度法治政府建设情况的报告\n一、主要举措和成效\n开展普法活动{n}场。\n"


def _folder(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("units: [青山镇, 白水乡, 石门乡]\n", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(REPORT.format(unit="青山镇", n=3), encoding="utf-8")
    (reports / "b.txt").write_text(REPORT.format(unit="红岭镇", n=4), encoding="utf-8")


def _read(path: Path) -> object:
    return openpyxl.load_workbook(path)


def test_workbook_from_a_folder(tmp_path: Path) -> None:
    _folder(tmp_path)
    result = run_lzlint(["--no-cache", "--select", "R2,S101", "--format", "xlsx", "-o", "汇总.xlsx", "reports"], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    book = _read(tmp_path / "汇总.xlsx")
    assert book.sheetnames == ["汇总", "问题清单"]
    summary = book["汇总"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0] == ("单位", "文件", "错误", "警告", "提示", "缺少的部分", "复制占比", "状态")
    # Both reports have the 主要举措和成效 heading: no S101. a.txt is 青山镇 on the roster; b.txt's 红岭镇 is not (R203, info); 白水乡 and 石门乡 sent nothing.
    assert rows[1:] == [
        ("青山镇", "reports/a.txt", 0, 0, 0, None, 0, "已提交"),
        ("红岭镇", "reports/b.txt", 0, 0, 1, None, 0, "名单外"),
        ("白水乡", None, None, None, None, None, None, "未提交"),
        ("石门乡", None, None, None, None, None, None, "未提交"),
    ]
    assert summary.freeze_panes == "A2"
    assert summary.auto_filter.ref == "A1:H5"
    # 缺少的部分 is 5 wide characters: 10 cells, plus 2 of margin; 文件 fits reports/a.txt (13) + 2.
    assert summary.column_dimensions["F"].width == 12
    assert summary.column_dimensions["B"].width == 15
    assert summary["G2"].number_format == "0.0%"
    findings = list(book["问题清单"].iter_rows(values_only=True))
    assert findings[0] == ("单位", "文件", "行（Word 为段）", "列", "代码", "级别", "说明", "原文")
    by_code = sorted(findings[1:], key=lambda row: (row[4], row[1]))
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[7]) for r in by_code] == [
        ("白水乡", ".lzlint.yaml", 1, 14, "R201", "错误", "白水乡"),
        ("石门乡", ".lzlint.yaml", 1, 19, "R201", "错误", "石门乡"),
        ("红岭镇", "reports/b.txt", 1, 3, "R203", "提示", "红岭镇"),
    ]
    assert book["问题清单"].freeze_panes == "A2"


def test_the_text_of_a_paragraph_broken_across_lines_is_quoted_whole(tmp_path: Path) -> None:
    first, second = "全镇把合法性审查嵌入决策流程，司法所和法律顾问分别出具意见，", "全年审查合同和决策事项二十三件，提出修改意见四十条，均被采纳。"
    (tmp_path / "a.txt").write_text(f"关于青山镇2025年度法治政府建设情况的报告\n一、主要举措和成效\n{first}\n  {second}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"关于白水乡2025年度法治政府建设情况的报告\n一、主要举措和成效\n{first}{second}\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "R101", "--format", "xlsx", "-o", "汇总.xlsx", "a.txt", "b.txt"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = list(_read(tmp_path / "汇总.xlsx")["问题清单"].iter_rows(values_only=True))[1:]
    # Both lines of a.txt's paragraph, the second without its indent; MAX_QUOTE is longer than both.
    assert sorted((r[1], r[7]) for r in rows) == [("a.txt", first + second), ("b.txt", first + second)]


def test_missing_sections_named_from_the_section_findings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("关于青山镇2025年度法治政府建设情况的报告\n今年开展了工作。\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "S101,S103", "--format", "xlsx", "-o", "o.xlsx", "a.txt"], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    row = list(_read(tmp_path / "o.xlsx")["汇总"].iter_rows(values_only=True))[1]
    # No roster: no status. S101 and S103 (measures, shortcomings) both fire on a report without headings.
    assert row[0] == "青山镇" and row[2] == 2 and row[7] is None
    assert row[5] == "主要举措和成效、存在的不足和原因"


def test_copied_share_is_r102s_share_of_the_body_text() -> None:
    """Paragraphs under a copy finding, over the body text as compared (the digest): R102's own basis."""
    from lzlint.folder.paragraphs import Digest, Paragraph

    paragraphs = (Paragraph(3, 0, 30, "", "甲" * 30), Paragraph(4, 0, 50, "", "乙" * 50), Paragraph(6, 2, 22, "", "丙" * 20))
    digest = Digest(paragraphs, "关于…的报告", 2025, body_chars=200, title=(1, 12))
    copied = Diagnostic("a.txt", 3, 1, "R101", "copied-paragraph", "warning", "复制", 3, 31)
    carried = Diagnostic("a.txt", 6, 3, "R102", "carried-over-paragraph", "warning", "沿用", 6, 23)
    both = Diagnostic("a.txt", 3, 1, "R102", "carried-over-paragraph", "warning", "沿用", 3, 31)
    summary = Diagnostic("a.txt", 1, 1, "R102", "carried-over-paragraph", "warning", "本报告约25%", 1, 12)
    other = Diagnostic("a.txt", 4, 1, "W704", "x", "warning", "别的", 4, 5)
    lines = ("",) * 6
    # Lines 3 and 6: 30 + 20 of 200; line 3's two findings count once; the summary (title) and W704 none.
    found = FileResult("a.txt", (summary, copied, both, carried, other), lines, digest=digest)
    assert copied_share(found) == pytest.approx(50 / 200)
    assert copied_share(FileResult("a.txt", (other,), lines, digest=digest)) == 0.0
    assert copied_share(FileResult("a.txt", (copied,), lines)) == 0.0  # no digest: no folder check ran
    assert copied_share(FileResult("a.txt", (copied,), lines, digest=Digest((), "", body_chars=0))) == 0.0


def test_report_text_never_becomes_a_formula(tmp_path: Path) -> None:
    lines = ("=HYPERLINK(\"http://x\",\"点此\")\x07",)
    finding = Diagnostic("=a.txt", 1, 1, "W704", "x", "warning", "=1+1", 1, 30)
    book_bytes = workbook([FileResult("=a.txt", (finding,), lines)], OutputOptions())
    (tmp_path / "o.xlsx").write_bytes(book_bytes)
    sheet = _read(tmp_path / "o.xlsx")["问题清单"]
    assert sheet["G2"].value == "=1+1" and sheet["G2"].data_type == "s"
    # The bell character cannot be in a workbook: it becomes a space, the rest stays.
    assert sheet["H2"].value == "=HYPERLINK(\"http://x\",\"点此\") " and sheet["H2"].data_type == "s"


def test_cells_counts_wide_characters_twice() -> None:
    assert cells("单位") == 4 and cells("a.txt") == 5 and cells("（１）") == 6


def test_xlsx_needs_an_output_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT.format(unit="青山镇", n=1), encoding="utf-8")
    result = run_lzlint(["--no-cache", "--format", "xlsx", "a.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "lzlint: error: --format xlsx writes a binary workbook: give -o FILE.xlsx\n"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_xlsx_refuses_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT.format(unit="青山镇", n=1), encoding="utf-8")
    leader, follower = os.openpty()
    try:
        result = run_lzlint(["--no-cache", "--format", "xlsx", "-o", os.ttyname(follower), "a.txt"], cwd=tmp_path)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "is a terminal; --format xlsx writes a binary workbook to a file" in result.stderr


def test_without_openpyxl_one_line_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(REPORT.format(unit="青山镇", n=1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now raises ImportError
    result = CliRunner().invoke(cli, ["--no-cache", "--format", "xlsx", "-o", "o.xlsx", "a.txt"])
    assert result.exit_code == 2
    assert "--format xlsx needs openpyxl: pip install 'lzlint[xlsx]'" in result.output
    assert not (tmp_path / "o.xlsx").exists()


def test_other_formats_do_not_import_openpyxl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT.format(unit="青山镇", n=1), encoding="utf-8")
    code = "import sys; from lzlint.cli import main; sys.argv=['lzlint','--no-cache','--format','json','a.txt']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('openpyxl' in sys.modules, file=sys.stderr)"
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().endswith("False"), done.stderr

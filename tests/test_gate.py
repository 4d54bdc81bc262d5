"""A folder gate lists every file it did not check, in every format, and fails (issue 14)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from lzlint.model.lexicon import load_lexicon
from lzlint.ruleset.rules import default_rules_dir
from lzlint.run.gate import report_headings
from tests.conftest import run_lzlint

NO_LIBREOFFICE = {"LZLINT_SOFFICE": ""}
# A clean line for A501 (no conversion artifact): the only rule these runs select.
CLEAN = "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n正文。\n"
PDF_WHY = "文件未检查：PDF 文件无法检查；请检查生成它的 .docx 或文本文件"
SCAN_WHY = "文件未检查：图片（扫描件）无法检查；请检查报告的 .docx 或文本文件"
DOC_WHY = "文件未检查：Word 97–2003 文档（.doc）需要 LibreOffice 才能读取，本机未安装；请安装 LibreOffice，或将文件另存为 .docx"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(CLEAN, encoding="utf-8")
    (reports / "县应急局.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (reports / "盖章版.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    (reports / "扫描").mkdir()
    (reports / "扫描" / "p1.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(20))
    # Not reports: passed over without a finding.
    (reports / "统计表.xlsx").write_bytes(b"PK\x03\x04" + bytes(20))
    (reports / ".gitkeep").write_text("", encoding="utf-8")
    return tmp_path


def _run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = run_lzlint(["--no-cache", "--select", "A501", *args, "reports"], cwd=folder, env=NO_LIBREOFFICE)
    return result.returncode, result.stdout, result.stderr


EXPECTED = {
    "reports/扫描/p1.jpg": SCAN_WHY,
    "reports/县应急局.doc": DOC_WHY,
    "reports/盖章版.pdf": PDF_WHY,
}


def test_text_lists_each_file_not_checked_and_the_run_fails(folder: Path) -> None:
    status, out, err = _run(folder)
    assert status == 1
    assert err == ""
    for path, why in EXPECTED.items():
        assert f"{path}:1:1: F001 {why}\n" in out
    assert "统计表.xlsx" not in out and ".gitkeep" not in out
    assert out.endswith("No findings in 1 file.\n3 files were not checked (listed as F001): if not a report, exclude them in .lzlint.yaml (exclude: [...]).\n")


def test_concise_and_json_lines_list_them(folder: Path) -> None:
    status, out, _ = _run(folder, "--format", "concise")
    assert status == 1
    assert out == "".join(f"{path}:1:1: F001 {why}\n" for path, why in sorted(EXPECTED.items(), key=lambda i: Path(i[0]).parts))
    status, out, _ = _run(folder, "--format", "json-lines")
    assert {json.loads(line)["path"] for line in out.splitlines()} == set(EXPECTED)


def test_json_lists_them_as_findings_of_the_contract(folder: Path) -> None:
    status, out, _ = _run(folder, "--format", "json")
    assert status == 1
    findings = json.loads(out)
    assert {(f["path"], f["code"], f["name"], f["severity"], f["message"]) for f in findings} == {
        (path, "F001", "unchecked-file", "error", why) for path, why in EXPECTED.items()
    }
    assert all((f["line"], f["column"], f["fix"]) == (1, 1, None) for f in findings)


def test_github_gitlab_sarif_junit_and_html_list_them(folder: Path) -> None:
    _, github, _ = _run(folder, "--format", "github")
    assert github.count("::error file=reports/盖章版.pdf,line=1,col=1,endLine=1,endColumn=1,title=F001::文件未检查") == 1
    assert len(github.splitlines()) == 3
    _, gitlab, _ = _run(folder, "--format", "gitlab")
    assert {issue["location"]["path"] for issue in json.loads(gitlab)} == set(EXPECTED)
    _, sarif, _ = _run(folder, "--format", "sarif")
    results = json.loads(sarif)["runs"][0]["results"]
    # SARIF URIs are percent-encoded.
    assert {(r["ruleId"], r["level"], unquote(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])) for r in results} == {
        ("F001", "error", path) for path in EXPECTED
    }
    _, junit, _ = _run(folder, "--format", "junit")
    suite = ET.fromstring(junit).find("testsuite")
    assert suite is not None and suite.get("failures") == "3" and suite.get("tests") == "4"
    failed = {case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None}
    assert failed == set(EXPECTED)
    _, html, _ = _run(folder, "--format", "html")
    for path, why in EXPECTED.items():
        assert path in html and why in html


def test_statistics_count_them(folder: Path) -> None:
    status, out, _ = _run(folder, "--statistics")
    assert status == 1
    assert out.split() == ["3", "F001", "error", "unchecked-file"]


def test_the_config_exclude_names_the_files_that_are_no_reports(folder: Path) -> None:
    (folder / ".lzlint.yaml").write_text("exclude:\n  - '*.pdf'\n  - 扫描/\n  - '*.doc'\n", encoding="utf-8")
    status, out, _ = _run(folder)
    assert (status, out) == (0, "No findings in 1 file.\n")
    # --exclude on the command line does the same for one run.
    (folder / ".lzlint.yaml").unlink()
    status, out, _ = _run(folder, "--exclude", "*.pdf,扫描/")
    assert status == 1 and "县应急局.doc:1:1: F001" in out and "盖章版.pdf" not in out and "p1.jpg" not in out


def test_exit_zero_and_fail_on_still_apply(folder: Path) -> None:
    assert _run(folder, "--exit-zero")[0] == 0
    assert _run(folder, "--fail-on", "warning")[0] == 1


def test_only_unchecked_files_still_print_and_fail(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.pdf").write_bytes(b"%PDF-1.7\n")
    status, out, _ = _run(tmp_path)
    assert status == 1
    assert out == f"reports/a.pdf:1:1: F001 {PDF_WHY}\n\nNo file was checked.\n1 file was not checked (listed as F001): if not a report, exclude it in .lzlint.yaml (exclude: [...]).\n"


def test_a_named_pdf_is_still_an_error_not_a_finding_only(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7\n")
    result = run_lzlint(["--no-cache", "--format", "concise", "a.pdf"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "lzlint: error: a.pdf: not a text file: a PDF file; lint the .docx or text it was made from\n"
    assert result.stdout == "a.pdf:1:1: F001 文件未检查：not a text file: a PDF file; lint the .docx or text it was made from\n"


# --- Markdown that is no report -------------------------------------------------

README = "# 报告草稿目录\n\n本目录存放各乡镇的年度报告草稿。\n\n1. 每份报告一个文件\n2. 提交前运行 lzlint\n"


def test_a_readme_in_the_reports_folder_is_skipped_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "reports" / "README.md").write_text(README, encoding="utf-8")
    (tmp_path / "reports" / "乙镇.md").write_text(CLEAN + "[bookmark: x]\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--format", "concise", "--select", "S,A501", "reports"], cwd=tmp_path)
    assert result.stderr == (
        "lzlint: note: reports/README.md: skipped, Markdown without any of a report's section headings (README, notes); name it to lint it\n"
    )
    # The Markdown report beside it is linted (its artifact found); the README gets nothing.
    assert "reports/乙镇.md:4:1: A501 " in result.stdout
    assert "README.md" not in result.stdout


def test_a_readme_named_on_the_command_line_is_linted(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    # Its numbered list reads as thematic work sections (S105 v2), so no S101;
    # the shortcomings are missing, reported after the last line (6).
    result = run_lzlint(["--no-cache", "--format", "concise", "--select", "S103", "README.md"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("README.md:6:1: S103 ")


@pytest.mark.parametrize(
    ("text", "is_report"),
    [
        ("一、主要举措和成效\n正文。\n", True),
        ("（一）存在的问题\n正文。\n", True),
        ("三、下一步工作打算\n", True),
        ("1. 2025年工作要点\n", True),  # {next_year}: a heading naming a year may be the plan
        ("二、党政主要负责人履行第一责任人职责情况\n", True),
        ("# 说明\n\n放报告的目录。\n", False),
        ("1. 每份报告一个文件\n2. 提交前运行检查\n", False),
        ("## 主要举措和成效\n", False),  # a Markdown heading is no numbered heading
        ("本目录的报告存在问题时请联系办公室。\n", False),  # body text, not a heading
        ("", False),
    ],
)
def test_report_headings(text: str, is_report: bool) -> None:
    lexicon = load_lexicon(default_rules_dir() / "lexicon")
    assert report_headings(text, lexicon) is is_report


def test_explain_f001_says_what_to_do_in_both_languages() -> None:
    # No rule file defines F001 (the run reports it): --explain still explains it, by code or name.
    zh = run_lzlint(["--explain", "F001"], env={"LZLINT_LANG": "zh"})
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("F001 (unchecked-file)\n")
    assert "级别：错误" in zh.stdout and "怎么改\n  是报告的：另存为 .docx 或 .txt" in zh.stdout
    en = run_lzlint(["--explain", "unchecked-file"])
    assert en.returncode == 0, en.stderr
    assert "Severity: error" in en.stdout and "exclude it in .lzlint.yaml" in en.stdout
    assert run_lzlint(["--explain", "F002"]).returncode == 2

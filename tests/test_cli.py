"""The command line as users run it: a real subprocess of the installed `lzlint`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from lzlint import __version__
from lzlint.cli import cli
from tests.conftest import SEEDS, run_lzlint

SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_002 = next(SEEDS.glob("002_*.txt"))
GOOD_REPORT = """关于2023年度法治政府建设情况的报告

县委、县政府：
一、2023年度推进法治政府建设的主要举措和成效
（一）加强组织领导。成立领导小组。
二、党政主要负责人履行推进法治建设第一责任人职责情况
书记带头学法。
三、存在的不足和原因
普法形式单一。
四、2024年工作计划
继续深化普法。
"""


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_REPORT, encoding="utf-8")
    return path


def test_version() -> None:
    result = run_lzlint(["--version"])
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_clean_report_exits_zero(good: Path) -> None:
    result = run_lzlint([str(good)])
    assert result.returncode == 0, result.stdout
    assert "No findings in 1 file." in result.stdout


def test_findings_exit_one_and_summary() -> None:
    result = run_lzlint([str(SEED_000)])
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("2 errors, 15 warnings, 0 info in 1 file.")


def test_warnings_only_pass_unless_fail_on_warning() -> None:
    # 002 has no error-level finding among the rules of this pack, 000 has.
    assert run_lzlint(["--select", "N", str(SEED_000)]).returncode == 0
    assert run_lzlint(["--select", "N", "--fail-on", "warning", str(SEED_000)]).returncode == 1
    assert run_lzlint(["--exit-zero", str(SEED_000)]).returncode == 0


def test_json_contract() -> None:
    result = run_lzlint(["--format", "json", "--select", "Q301,A501", str(SEED_000)])
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert [f["code"] for f in findings] == ["A501", "Q301"]
    for f in findings:
        assert set(f) == {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column", "fix"}
    q301 = findings[1]
    assert (q301["name"], q301["severity"], q301["line"], q301["column"], q301["end_column"]) == ("rate-mismatch", "error", 16, 135, 143)
    assert q301["fix"] is None
    a501 = findings[0]
    assert a501["fix"] == {"replacements": [{"line": 7, "column": 1, "end_line": 7, "end_column": 20, "text": ""}]}


def test_concise_lines() -> None:
    result = run_lzlint(["--format", "concise", str(SEED_000)])
    lines = result.stdout.splitlines()
    assert len(lines) == 17
    assert all(re.fullmatch(r".+:\d+:\d+: [A-Z]\d{3} .+", line) for line in lines)
    assert f"{SEED_000}:16:135: Q301 " in result.stdout


def test_text_caret_lines_up_under_chinese() -> None:
    result = run_lzlint(["--select", "Q301", str(SEED_000)])
    lines = result.stdout.splitlines()
    source = next(line for line in lines if line.startswith("16 | "))
    carets = lines[lines.index(source) + 1]
    shown = source[len("16 | ") :]
    offset = carets.index("^") - len("   | ")
    # The carets start under 调 of 调解成功率 and span its display width.
    assert cell_len(shown[: shown.index("调解成功率95%")]) == offset
    assert carets.count("^") == cell_len("调解成功率95%")


def test_select_and_ignore_prefixes() -> None:
    codes = lambda args: {l.split()[1] for l in run_lzlint(["--format", "concise", *args, str(SEED_000)]).stdout.splitlines()}
    assert codes(["--select", "N"]) == {"N201", "N202", "N204"}
    assert codes(["--select", "N", "--ignore", "N20"]) == set()
    assert codes(["--select", "N", "--ignore", "N2", "--extend-select", "N202"]) == {"N202"}
    assert codes(["--ignore", "N,S"]) == {"A501", "Q301"}


def test_unknown_selector_is_a_usage_error() -> None:
    result = run_lzlint(["--select", "Z999", str(SEED_000)])
    assert result.returncode == 2
    assert result.stderr.strip() == "lzlint: error: select: 'Z999' matches no rule (see lzlint --list-rules)"


def test_missing_path_is_one_line_exit_two(tmp_path: Path) -> None:
    result = run_lzlint([str(tmp_path / "nope.txt")])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_non_utf8_file_is_one_line_exit_two(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"\xff\xfe\xfa broken")
    result = run_lzlint([str(bad)])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(bad) in result.stderr


def test_directory_walk_and_stdin(tmp_path: Path, good: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.md").write_text("（二）加强领导", encoding="utf-8")
    (tmp_path / "ignored.docx.bak").write_text("x", encoding="utf-8")
    result = run_lzlint(["--format", "json", "--select", "N202", str(tmp_path)])
    assert {Path(f["path"]).name for f in json.loads(result.stdout)} == {"r.md"}
    result = run_lzlint(["--format", "concise", "--select", "N202", "-"], stdin="（二）加强领导\n".encode())
    assert result.stdout.startswith("-:1:1: N202 ")


def test_statistics() -> None:
    result = run_lzlint(["--statistics", str(SEED_000)])
    assert result.stdout.splitlines()[0].split() == ["7", "N204", "warning", "malformed-marker"]


def test_list_rules_and_explain() -> None:
    listing = run_lzlint(["--list-rules"]).stdout
    for code in ("S101", "S102", "S103", "S104", "S105", "N201", "N202", "N204", "Q301", "Q302", "A501"):
        assert re.search(rf"^{code}  (error|warning|info) ", listing, re.M)
    explained = run_lzlint(["--explain", "q301"])
    assert explained.returncode == 0
    assert "rate-mismatch" in explained.stdout and "GB/T 15835" in explained.stdout and "✗" in explained.stdout
    assert run_lzlint(["--explain", "X000"]).returncode == 2


def test_config_discovery_in_parent(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [N]\nignore: [N204]\nseverity: {N201: error}\n", encoding="utf-8")
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "a.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_lzlint(["--format", "json", "a.txt"], cwd=work)
    findings = json.loads(result.stdout)
    assert {f["code"] for f in findings} == {"N201", "N202"}
    assert {f["severity"] for f in findings if f["code"] == "N201"} == {"error"}
    assert result.returncode == 1
    # The command line wins over the file.
    result = run_lzlint(["--format", "json", "--select", "A", "a.txt"], cwd=work)
    assert {f["code"] for f in json.loads(result.stdout)} == {"A501"}


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text('per-file-ignores:\n  "old/*.txt": [N, A501]\n', encoding="utf-8")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    findings = json.loads(run_lzlint(["--format", "json", "."], cwd=tmp_path).stdout)
    assert {f["code"] for f in findings if f["path"].startswith("old")} == {"Q301", "S105"}
    assert "N201" in {f["code"] for f in findings if f["path"] == "b.txt"}


def test_bad_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [N]\nselcet: [Q]\n", encoding="utf-8")
    result = run_lzlint(["x.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert ".lzlint.yaml:2: unknown config key 'selcet'" in result.stderr


def test_jieba_not_imported_without_token_rules(good: Path) -> None:
    code = (
        "import sys\nfrom lzlint.cli import main\n"
        f"sys.argv = ['lzlint', '--select', 'A501,N,Q', {str(good)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('JIEBA', 'jieba' in sys.modules or 'rjieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "JIEBA False" in out
    code = code.replace("'A501,N,Q'", "'S101'")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "JIEBA True" in out


def test_version_does_not_import_jieba() -> None:
    code = "import sys\nfrom lzlint.cli import main\nsys.argv=['lzlint','--version']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('JIEBA', 'jieba' in sys.modules)"
    assert "JIEBA False" in subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout


def test_click_runner_exit_codes(good: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, [str(good)]).exit_code == 0
    assert runner.invoke(cli, [str(SEED_000)]).exit_code == 1
    assert runner.invoke(cli, ["--format", "xml", str(good)]).exit_code == 2


def test_quiet_drops_the_summary() -> None:
    loud = run_lzlint(["--select", "Q301", str(SEED_000)]).stdout
    quiet = run_lzlint(["--select", "Q301", "--quiet", str(SEED_000)]).stdout
    assert "1 error" in loud and "1 error" not in quiet
    assert quiet.startswith(f"{SEED_000}:16:135: Q301 ")


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    assert "\x1b[" not in run_lzlint(["--select", "Q301", str(SEED_000)]).stdout  # a pipe
    coloured = run_lzlint(["--select", "Q301", "--color", str(SEED_000)]).stdout
    assert "\x1b[31m" in coloured  # errors in red
    assert "\x1b[" not in run_lzlint(["--select", "Q301", "--no-color", str(SEED_000)]).stdout


def test_no_default_rules_leaves_only_user_rules(tmp_path: Path) -> None:
    assert run_lzlint(["--no-default-rules", "--list-rules"]).stdout == ""
    result = run_lzlint(["--no-default-rules", "--format", "json", str(SEED_000)])
    assert result.returncode == 0 and json.loads(result.stdout) == []

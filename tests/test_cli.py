"""The command line as users run it: a real subprocess of the installed `lzlint`."""

from __future__ import annotations

import ast
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
from tests.conftest import CLEAN_REPORT as GOOD_REPORT
from tests.conftest import SEEDS, run_lzlint

SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_002 = next(SEEDS.glob("002_*.txt"))


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
    # A501, Q301 | N201 x5, N204 x6, W704, S107 | N203, W705 (counted by hand; v2: the
    # numbered preamble gets N203 alone, the second 2、 N201 alone; no S105: RULES.md v2
    # allows the 第一责任人 part before the measures).
    # Safe fixes: A501, W704, W705, N204 on (七）. Unsafe (renumbering): N201 x5, the five N204
    # beside them, N203 (counted by hand).
    assert result.stdout.endswith(
        "2 errors, 13 warnings, 2 info in 1 file.\n4 fixable with --fix (see them first with --diff).\n"
        "11 more fixable with --fix --unsafe-fixes (they may change meaning: check them with --diff --unsafe-fixes).\n"
    )


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
    assert len(lines) == 17  # the 17 findings of 000 counted in test_findings_exit_one_and_summary
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
    assert codes(["--select", "N"]) == {"N201", "N203", "N204"}
    assert codes(["--select", "N", "--ignore", "N20"]) == set()
    assert codes(["--select", "N", "--ignore", "N2", "--extend-select", "N203"]) == {"N203"}
    assert codes(["--ignore", "N,S,W"]) == {"A501", "Q301"}


def test_unknown_selector_is_a_usage_error() -> None:
    result = run_lzlint(["--select", "Z999", str(SEED_000)])
    assert result.returncode == 2
    assert result.stderr.strip() == "lzlint: error: select: 'Z999' matches no rule (see lzlint --list-rules)"


def test_missing_path_is_one_line_exit_two(tmp_path: Path) -> None:
    result = run_lzlint([str(tmp_path / "nope.txt")])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_bytes_are_one_line_exit_two(tmp_path: Path) -> None:
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = run_lzlint([str(bad)])
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(bad) in result.stderr


def test_directory_walk_and_stdin(tmp_path: Path, good: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.md").write_text("（二）主要举措和成效", encoding="utf-8")
    (tmp_path / "ignored.docx.bak").write_text("x", encoding="utf-8")
    result = run_lzlint(["--format", "json", "--select", "N202", str(tmp_path)])
    assert {Path(f["path"]).name for f in json.loads(result.stdout)} == {"r.md"}
    result = run_lzlint(["--format", "concise", "--select", "N202", "-"], stdin="（二）加强领导\n".encode())
    assert result.stdout.startswith("-:1:1: N202 ")


def test_statistics() -> None:
    result = run_lzlint(["--statistics", str(SEED_000)])
    assert result.stdout.splitlines()[0].split() == ["6", "N204", "warning", "malformed-marker"]


def test_list_rules_and_explain() -> None:
    listing = run_lzlint(["--list-rules"]).stdout
    for code in ("S101", "S102", "S103", "S104", "S105", "N201", "N202", "N204", "Q301", "Q302", "A501"):
        assert re.search(rf"^{code}  (error|warning|info) ", listing, re.M)
    explained = run_lzlint(["--explain", "q301"])
    assert explained.returncode == 0
    assert "rate-mismatch" in explained.stdout and "GB/T 15835" in explained.stdout and "✗" in explained.stdout
    assert run_lzlint(["--explain", "X000"]).returncode == 2


def test_explain_speaks_the_chosen_language() -> None:
    """Q301's own description and rationale follow --lang / LZLINT_LANG, not only the headings."""
    zh = run_lzlint(["--explain", "Q301"], env={"LZLINT_LANG": "zh"})
    assert zh.returncode == 0, zh.stderr
    assert "检查什么\n  同一句中写明的比率（成功率、化解率" in zh.stdout
    assert "为什么\n  成功率与本句数字对不上" in zh.stdout
    assert "A stated share rate" not in zh.stdout and "most embarrassing" not in zh.stdout
    en = run_lzlint(["--lang", "en", "--explain", "Q301"])
    assert en.returncode == 0, en.stderr
    assert "What it checks\n  A stated share rate (成功率, 化解率" in en.stdout
    assert "Why\n  A success rate that does not match its own counts" in en.stdout
    assert "同一句中写明的比率" not in en.stdout


def test_config_discovery_in_parent(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [N]\nignore: [N204]\nseverity: {N201: error}\n", encoding="utf-8")
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "a.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_lzlint(["--format", "json", "a.txt"], cwd=work)
    findings = json.loads(result.stdout)
    assert {f["code"] for f in findings} == {"N201", "N203"}
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
    # Both files are the same report, so the same unit's (its title names it): no R101 between a unit's own drafts.
    assert {f["code"] for f in findings if f["path"].startswith("old")} == {"Q301", "S107", "W704", "W705"}
    assert "N201" in {f["code"] for f in findings if f["path"] == "b.txt"}


def test_bad_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [N]\nselcet: [Q]\n", encoding="utf-8")
    result = run_lzlint(["x.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert ".lzlint.yaml:2: unknown config key 'selcet'" in result.stderr


def modules_after(args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules under `prefixes` that a run of `lzlint ARGS` imported, in a fresh interpreter."""
    code = (
        "import sys\nfrom lzlint.cli import main\n"
        f"sys.argv = ['lzlint', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] in {prefixes!r} or m.startswith({prefixes!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("MODULES "))
    return list(ast.literal_eval(line[len("MODULES ") :]))


def test_jieba_not_imported_without_token_rules(good: Path) -> None:
    tokenizers = ("jieba", "rjieba")
    assert modules_after(["--select", "A501,N,Q", str(good)], tokenizers) == []
    assert modules_after(["--select", "S101", str(good)], tokenizers) != []


def test_version_does_not_import_jieba() -> None:
    assert modules_after(["--version"], ("jieba", "rjieba")) == []


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
    # With no rule of the user's either, nothing would be checked: a run that
    # passes a CI gate without checking is refused (exit 2), not reported clean.
    result = run_lzlint(["--no-default-rules", "--format", "json", str(SEED_000)])
    assert result.returncode == 2 and result.stdout == "" and "no rule is enabled" in result.stderr


def test_year_option_and_config(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("关于2023年度法治政府建设情况的报告\n一、2023年度主要举措和成效\n正文。\n", encoding="utf-8")
    assert run_lzlint(["--select", "D401", "--format", "concise", str(report)]).stdout == ""
    out = run_lzlint(["--select", "D401", "--format", "concise", "--year", "2024", str(report)]).stdout
    assert out.startswith(f"{report}:2:3: D401 ") and "应为“2024”" in out
    (tmp_path / ".lzlint.yaml").write_text("year: 2024\n", encoding="utf-8")
    assert ":2:3: D401 " in run_lzlint(["--select", "D401", "--format", "concise", "r.txt"], cwd=tmp_path).stdout


def test_rule_params_in_config_change_the_deadline(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("关于2023年度法治政府建设情况的报告\n甲镇人民政府\n2024年3月20日\n", encoding="utf-8")
    assert "D402" in run_lzlint(["--select", "D402", "--format", "concise", "r.txt"], cwd=tmp_path).stdout
    (tmp_path / ".lzlint.yaml").write_text('rule-params:\n  D402: {deadline: "04-01"}\n', encoding="utf-8")
    assert run_lzlint(["--select", "D402", "--format", "concise", "r.txt"], cwd=tmp_path).stdout == ""
    (tmp_path / ".lzlint.yaml").write_text('rule-params:\n  D402: {deadline: "02-30"}\n', encoding="utf-8")
    result = run_lzlint(["--select", "D402", "r.txt"], cwd=tmp_path)
    assert result.returncode == 2 and "deadline" in result.stderr


def test_config_words_reach_the_segmenter(tmp_path: Path) -> None:
    # Section keywords match whole tokens; a user word that swallows 不足 shows the
    # config's words reach jieba (and why words should be chosen with care).
    report = tmp_path / "r.txt"
    report.write_text("一、主要举措和成效\n正文。\n二、存在不足\n正文。\n", encoding="utf-8")
    assert run_lzlint(["--select", "S103", "--format", "concise", "r.txt"], cwd=tmp_path).stdout == ""
    (tmp_path / ".lzlint.yaml").write_text("words: [存在不足]\n", encoding="utf-8")
    assert "S103" in run_lzlint(["--select", "S103", "--format", "concise", "r.txt"], cwd=tmp_path).stdout


def test_extra_words_stay_whole(vocabulary) -> None:  # type: ignore[no-untyped-def]
    from lzlint.model.document import Vocabulary
    from lzlint.ruleset.rules import default_rules_dir

    assert "公调对接站" not in vocabulary.segmenter.cut("投入公调对接站使用")
    extended = Vocabulary.load(default_rules_dir() / "lexicon", ("公调对接站",))
    assert "公调对接站" in extended.segmenter.cut("投入公调对接站使用")


def test_a_plain_run_imports_only_the_formatter_it_uses(good: Path) -> None:
    loaded = modules_after(["--format", "concise", "--no-cache", str(good)], ("lzlint.outputs.formatters.", "pathspec", "rich.console", "docx"))
    assert loaded == ["lzlint.outputs.formatters.concise", "lzlint.outputs.formatters.position"]


def test_unknown_codes_are_errors_wherever_they_are_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("（一）加强组织领导。\n", encoding="utf-8")
    extend = run_lzlint(["--extend-select", "QQ", "a.txt"], cwd=tmp_path)
    assert (extend.returncode, extend.stderr) == (2, "lzlint: error: extend-select: 'QQ' matches no rule (see lzlint --list-rules)\n")
    (tmp_path / ".lzlint.yaml").write_text('per-file-ignores:\n  "*.txt": [Z999, N]\n', encoding="utf-8")
    ignores = run_lzlint(["a.txt"], cwd=tmp_path)
    assert ignores.returncode == 2
    assert ignores.stderr == f"lzlint: error: {tmp_path / '.lzlint.yaml'}: per-file-ignores '*.txt': 'Z999' matches no rule (see lzlint --list-rules)\n"


def test_test_rules_on_a_folder_without_rules_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_lzlint(["test-rules", "empty"], cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", "lzlint: error: no rule files (*.yaml) in empty\n")
    (tmp_path / "r.txt").write_text("x\n", encoding="utf-8")
    assert run_lzlint(["--rules", "r.txt", "r.txt"], cwd=tmp_path).stderr == "lzlint: error: r.txt: is a file, not a directory of rules\n"


def test_findings_on_an_empty_file_have_no_empty_snippet() -> None:
    out = run_lzlint(["-"], stdin=b"").stdout
    assert out.startswith("-:1:1: S101 ") and " | " not in out and "^" not in out


def test_statistics_as_json() -> None:
    text = run_lzlint(["--statistics", str(SEED_000)]).stdout
    data = json.loads(run_lzlint(["--statistics", "--format", "json", str(SEED_000)]).stdout)
    # The same rows as the table, in its order (most frequent first).
    assert [f"{e['count']} {e['code']} {e['severity']} {e['name']}" for e in data] == [" ".join(line.split()) for line in text.splitlines()]
    assert data[0] == {"code": "N204", "name": "malformed-marker", "severity": "warning", "count": 6}

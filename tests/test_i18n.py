"""Chinese by default, English on request, and no user-facing string without its Chinese."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

from lzlint.cli import cli
from tests.conftest import CLEAN_REPORT, ROOT, SEEDS, run_lzlint

PO = ROOT / "lzlint" / "locale" / "zh" / "LC_MESSAGES" / "lzlint.po"
SEED = SEEDS / "000_01a9da65d0d1e63d.txt"
SECOND = sorted(SEEDS.glob("*.txt"))[1]


def entries() -> list[tuple[tuple[str, ...], str]]:
    """Each msgid (singular and plural) with its Chinese (zh has one plural form)."""
    with PO.open("rb") as f:
        messages = read_po(f)
    return [
        ((m.id,) if isinstance(m.id, str) else tuple(m.id), m.string if isinstance(m.string, str) else m.string[0])
        for m in messages
        if m.id
    ]


def catalogue() -> dict[str, str]:
    """msgid (the singular of a plural) → its Chinese."""
    return {ids[0]: text for ids, text in entries()}


def marked_messages() -> set[str]:
    """Every msgid the code marks: the first argument of each _() and ngettext() call."""
    found: set[str] = set()
    for path in (ROOT / "lzlint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def help_messages() -> set[str]:
    """The help texts click shows: command docstrings, epilogs and option help."""
    found: set[str] = set()
    for command in cli.commands.values():
        found.update(t for t in (command.help, command.epilog) if t)
        # --help and --version are click's own (their text comes from click's catalogue entries).
        found.update(p.help for p in command.params if isinstance(p, click.Option) and p.help and p.name not in ("help", "version"))
    return found


def test_the_scan_finds_the_messages_it_must() -> None:
    # The scan itself must work, or the next test passes vacuously.
    marked = marked_messages()
    assert "{count} fixable with --fix (see them first with --diff).\n" in marked
    assert "{path}: no such file" in marked
    assert "Output format." in help_messages()


@pytest.mark.parametrize("source", ["marked", "help"])
def test_every_user_facing_string_has_chinese(source: str) -> None:
    zh = catalogue()
    messages = marked_messages() if source == "marked" else help_messages()
    missing = sorted(m for m in messages if not zh.get(m, "").strip())
    assert not missing, f"add the Chinese of these to {PO.relative_to(ROOT)}: {missing}"


def test_translations_keep_their_placeholders() -> None:
    # A msgstr that drops or renames a {placeholder} would raise KeyError or lose a value.
    placeholder = re.compile(r"(?<!\{)\{(\w+)[^{}]*\}(?!\})")
    for ids, msgstr in entries():
        names = {name for msgid in ids for name in placeholder.findall(msgid)}
        assert set(placeholder.findall(msgstr)) <= names, ids


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default: no LZLINT_LANG, and LANG says English as on most servers."""
    monkeypatch.delenv("LZLINT_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LANGUAGE", "en_US")


# Findings are Chinese already; what else lzlint prints may keep codes, option
# names, file names and format names. An English word of three or more letters
# outside those is a sentence that escaped translation.
_ALLOWED = re.compile(
    r"'[^']*'|--?[a-z][\w-]*|\$?LZLINT_(?:LANG|TOKEN)|LANG|POST|/api/\w+|FLOAT|Markdown|README|NUL|GBK|Windows|WPS|LibreOffice|utf-\d+(?:-[lb]e)?|lzlint(?:\.yaml)?|[\w./~$…*-]*\.(?:txt|md|docx|doc|yaml|json|html)\b|CPU|select|ignore|"
    r"\b[A-Z]{1,4}\d{3}\b|UTF-?\d+|LF|CRLF|BOM|YAML|Word|Python|ALL|DIRECTORY|DIRECTORIES|DIR|FILE|PATH|TEXT|CODES?|PATTERNS|NAME|INTEGER|RANGE|N\b|"
    r"\[[a-z|-]+\]|\b(?:error|warning|info|zh|en|text|concise|github|gitlab|html|json|json-lines|junit|sarif|gitignore|exclude|diff|gb18030)\b|"
    r"\b[a-z]+(?:-[a-z]+)+\b|OPTIONS|PATHS|check|test-rules|serve|fixtures[\w/.]*|reports[\w/.]*|\.lzlint_cache|python-docx|x>=\d|\d+<=x<=\d+"
)


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", _ALLOWED.sub(" ", text))


def test_the_english_detector_detects() -> None:
    assert english_words("3 errors, 2 warnings in 1 file.") == ["errors", "warnings", "file"]
    assert english_words("lzlint：错误：report.txt：文件不存在") == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["test-rules", "--help"],
        ["serve", "--help"],
        ["--no-cache", str(SEED)],
        ["--no-cache", "--diff", str(SEED)],
        ["--no-cache", "-v", "--format", "concise", str(SEED)],
        ["--no-cache", "--statistics", str(SEED)],
        ["--no-cache", str(SEED), str(SECOND)],  # with the per-file table
        ["--bogus"],
        ["--format", "xml", str(SEED)],
        ["--year"],
        ["--explain", "Q999"],
        ["missing.txt"],
        ["--select", "Z9"],
    ],
)
def test_default_output_has_no_english_sentence(chinese: None, args: list[str]) -> None:
    result = run_lzlint(args)
    # Findings lines (path:line:col: CODE message) and their snippets are the rules' own text.
    lines = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if not re.match(r"\S+:\d+:\d+: ", line) and not re.match(r"\s*\d* \|", line) and not line.startswith(("---", "+++", "@@", "-", "+", " "))
    ] if "--help" not in args else (result.stdout + result.stderr).splitlines()
    assert lines, result
    stray = [(line, english_words(line)) for line in lines if english_words(line)]
    assert not stray, stray


def test_summary_in_chinese_and_english(chinese: None) -> None:
    zh = run_lzlint(["--no-cache", str(SEED)])
    # Counted by hand in fixture 000's golden: 2 errors, 13 warnings, 2 info.
    assert "1 个文件中共有 2 个错误、13 个警告、2 个提示。" in zh.stdout
    assert "可用 --fix 自动修正" in zh.stdout
    en = run_lzlint(["--lang", "en", "--no-cache", str(SEED)])
    assert "2 errors, 13 warnings, 2 info in 1 file." in en.stdout
    # The findings themselves are the same Chinese in both.
    finding = re.compile(r"^\S+:\d+:\d+: .*$", re.M)
    assert finding.findall(zh.stdout) == finding.findall(en.stdout) != []


def test_language_from_lzlint_lang_not_from_lang(chinese: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "用法：" in run_lzlint(["--help"]).stdout
    monkeypatch.setenv("LZLINT_LANG", "en")
    assert "Usage:" in run_lzlint(["--help"]).stdout
    # --lang wins over the environment.
    assert "用法：" in run_lzlint(["--lang", "zh", "--help"]).stdout


def test_click_messages_are_translated(chinese: None) -> None:
    result = run_lzlint(["--bogus"])
    assert result.returncode == 2
    assert result.stderr.startswith("lzlint：错误：没有选项 '--bogus'")
    assert "Usage" not in result.stderr and "No such option" not in result.stderr
    bad = run_lzlint(["--lang", "fr", str(SEED)])
    assert bad.returncode == 2 and "'--lang' 的值无效" in bad.stderr


def test_errors_and_notes_in_chinese(chinese: None, tmp_path: Path) -> None:
    missing = run_lzlint(["nowhere.txt"], cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == "lzlint：错误：nowhere.txt：文件或目录不存在\n"
    (tmp_path / "report.txt").write_text(CLEAN_REPORT, encoding="gb18030")
    verbose = run_lzlint(["--no-cache", "-v", "report.txt"], cwd=tmp_path)
    assert "报告年度 2023 年，取自标题（第1行）" in verbose.stderr
    assert "1 个文件中没有发现问题。" in verbose.stdout


def test_explain_labels_in_chinese(chinese: None) -> None:
    out = run_lzlint(["--explain", "Q301"]).stdout
    for label in ("级别：错误", "检查什么", "提示语", "会报出（反例）", "不会报出（正例）"):
        assert label in out


def test_cached_notes_follow_the_language(chinese: None, tmp_path: Path) -> None:
    # Notes are cached with the findings: a second run in the other language must not reuse them.
    shutil.copy(SEED, tmp_path / "a.txt")
    run_lzlint(["-v", "a.txt"], cwd=tmp_path)
    again = run_lzlint(["--lang", "en", "-v", "a.txt"], cwd=tmp_path)
    assert "report year 2023, from the title" in again.stderr


def test_what_main_added_speaks_chinese_too(chinese: None, tmp_path: Path) -> None:
    """The folder gate, the Markdown skip note, an unread file and the review outputs' "wrote" lines."""
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED, reports / "a.txt")
    (reports / "b.txt").write_bytes(b"\x00\x01\x02\x00\x00\x00")  # no text: not read
    (reports / "c.pdf").write_bytes(b"%PDF-1.4\n")  # a stamped copy: not checked (F001)
    (reports / "README.md").write_text("# 说明\n\n本文件夹存放各镇报告。\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "-o", "out.txt", "reports"], cwd=tmp_path)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    stray = [(line, english_words(line)) for line in lines if english_words(line)]
    assert not stray, stray
    # Written by hand: each message below is what the Chinese catalogue says for this case.
    assert "lzlint：提示：reports/README.md：已跳过" in result.stderr
    assert "lzlint：错误：reports/b.txt：不是文本文件：满是 NUL 字节" in result.stderr
    assert "lzlint：已将 text 格式的输出写入 out.txt" in result.stderr
    assert "1 个文件未能读取（见上方的错误信息）。" in result.stderr
    assert "1 个文件没有检查（列为 F001）" in result.stderr
    out = (tmp_path / "out.txt").read_text(encoding="utf-8")
    # The unread file's F001 reason drops its path before the Chinese colon: it is not said twice.
    assert "reports/b.txt:1:1: F001 文件未检查：不是文本文件：满是 NUL 字节" in out
    assert "reports/c.pdf:1:1: F001 文件未检查：PDF 文件无法检查" in out


def test_config_errors_main_added_speak_chinese(chinese: None, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("关于2023年度法治政府建设情况的报告\n", encoding="utf-8")
    (tmp_path / ".lzlint.yaml").write_text("ignore：[W703]\n", encoding="utf-8")
    colon = run_lzlint(["--no-cache", "r.txt"], cwd=tmp_path)
    assert colon.returncode == 2
    assert "：“ignore：”用了全角冒号（：）；YAML 需要半角冒号加一个空格：“ignore: ”" in colon.stderr
    (tmp_path / ".lzlint.yaml").write_bytes("# 说明\nignore: [W703]\n".encode("gb18030"))
    gbk = run_lzlint(["--no-cache", "r.txt"], cwd=tmp_path)
    assert gbk.returncode == 2 and "不是 UTF-8" in gbk.stderr and "GBK/GB18030" in gbk.stderr and "请另存为 UTF-8" in gbk.stderr
    assert not english_words(gbk.stderr), gbk.stderr

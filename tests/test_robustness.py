"""Bad and extreme input: a sensible result or one clear line, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import docx
import pytest

from lzlint.model.document import Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import lint_source
from lzlint.sources.text import decode
from tests.conftest import SEEDS, lzlint_executable, run_lzlint

SEED_000 = SEEDS / "000_01a9da65d0d1e63d.txt"


def as_json(args: list[str], cwd: Path) -> tuple[int, list[dict[str, object]], str]:
    result = run_lzlint(["--format", "json", *args], cwd=cwd)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout) if result.stdout else [], result.stderr


def seed_text() -> str:
    text = SEED_000.read_text(encoding="utf-8")
    return text if text.endswith("\n") else text + "\n"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n\xe3\x80\x80\n  "], ids=["empty", "whitespace"])
def test_empty_and_blank_files_report_missing_sections_on_line_1(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "a.txt").write_bytes(content)
    code, findings, stderr = as_json(["a.txt"], tmp_path)
    assert code == 1 and stderr == ""
    structural = [f for f in findings if f["code"].startswith("S")]
    # Every required part is missing: the four sections, title, 落款/日期, addressee.
    assert {f["code"] for f in structural} == {"S101", "S102", "S103", "S104", "S106", "S107", "S109"}
    first_line = content.decode().split("\n")[0]
    assert all(f["line"] == 1 and 1 <= f["column"] <= len(first_line) + 1 for f in structural)


def test_five_megabyte_file_is_linted_in_seconds(tmp_path: Path) -> None:
    copies = 500
    text = seed_text()
    (tmp_path / "big.txt").write_text(text * copies, encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 5_000_000
    started = time.monotonic()
    code, findings, _ = as_json(["--select", "A501,Q301", "big.txt"], tmp_path)
    assert time.monotonic() - started < 60
    lines_per_copy = text.count("\n")
    # 000 has its bookmark artifact on line 7 and its wrong rate on line 16.
    assert [f["line"] for f in findings if f["code"] == "A501"] == [7 + k * lines_per_copy for k in range(copies)]
    assert [f["line"] for f in findings if f["code"] == "Q301"] == [16 + k * lines_per_copy for k in range(copies)]
    assert code == 1


def test_a_line_of_100000_characters(tmp_path: Path) -> None:
    line = "依法行政，" * 19_999 + "[bookmark: _GoBack]"
    (tmp_path / "long.txt").write_text(line + "\n", encoding="utf-8")
    started = time.monotonic()
    text = run_lzlint(["--format", "text", "long.txt"], cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert text.returncode == 1 and "Traceback" not in text.stderr
    assert len(text.stdout) < 10_000  # each finding shows a window, not the whole line
    _, findings, _ = as_json(["--select", "A501", "long.txt"], tmp_path)
    assert [(f["line"], f["column"], f["end_column"]) for f in findings] == [(1, 99_996, 100_015)]


def test_nul_bytes_in_a_text_file_are_linted_at_the_right_columns(tmp_path: Path) -> None:
    text = "一、主要举措和成效\n" + "我镇坚持依法行政。" * 20 + "\x00\x00[bookmark: x]\n"
    (tmp_path / "nul.txt").write_bytes(text.encode())
    code, findings, _ = as_json(["--select", "A501", "nul.txt"], tmp_path)
    assert [(f["line"], f["column"]) for f in findings] == [(2, 9 * 20 + 3)]
    assert code == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("标题".encode() + b"\xed\xa0\x80" + "正文\n".encode() * 5, "invalid UTF-8 at offset 6"),
        (b"\xff\xfe" + "标题".encode("utf-16-le") + b"\x00\xd8", "cannot decode as UTF-16-LE (BOM): invalid byte 0x00 at offset 6"),
    ],
    ids=["utf-8", "utf-16"],
)
def test_lone_surrogates_are_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    (tmp_path / "s.txt").write_bytes(data)
    result = run_lzlint(["s.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_mixed_line_ends_give_the_lf_findings(pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    lines = seed_text().split("\n")
    ends = ("\n", "\r\n", "\r")
    mixed = "".join(line + ends[i % 3] for i, line in enumerate(lines[:-1]))
    source = decode(mixed.encode(), "m.txt")
    assert source.line_endings == "mixed" and source.encode(source.text) == mixed.encode()

    def key(text: str) -> list[tuple[str, int, int, int, int]]:
        result = lint_source(decode(text.encode(), "m.txt"), pack, vocabulary, Settings())
        return [(d.code, d.line, d.column, d.end_line, d.end_column) for d in result.diagnostics]

    assert key(mixed) == key(seed_text()) != []


def test_a_directory_of_thousands_of_files(tmp_path: Path) -> None:
    for index in range(2000):
        folder = tmp_path / f"d{index % 20}"
        folder.mkdir(exist_ok=True)
        body = "[bookmark: x]正文\n" if index % 100 == 0 else "正文\n"
        (folder / f"r{index:04}.txt").write_text(body, encoding="utf-8")
    started = time.monotonic()
    result = run_lzlint(["--format", "concise", "--select", "A501", "."], cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 20


def test_symlink_loops_end_with_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "ok.txt").write_text("[bookmark: x]\n", encoding="utf-8")
    result = run_lzlint(["--format", "concise", "--select", "A501", "."], cwd=tmp_path)
    assert result.returncode == 2
    # The files not read are listed in the output too, as not checked (F001).
    assert result.stdout == (
        "sub/ok.txt:1:1: A501 文档转换残留“[bookmark: x]”，发布前应删除。\n"
        "a.txt:1:1: F001 文件未检查：cannot read: Too many levels of symbolic links\n"
        "b.txt:1:1: F001 文件未检查：cannot read: Too many levels of symbolic links\n"
    )
    assert result.stderr.splitlines() == [
        "lzlint: error: a.txt: cannot read: Too many levels of symbolic links",
        "lzlint: error: b.txt: cannot read: Too many levels of symbolic links",
    ]
    named = run_lzlint(["a.txt"], cwd=tmp_path)
    assert (named.returncode, named.stderr) == (2, "lzlint: error: a.txt: cannot read: Too many levels of symbolic links\n")


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_fifos_and_devices_are_refused_not_read_forever(tmp_path: Path, special: str) -> None:
    if special == "fifo":
        os.mkfifo(tmp_path / "pipe.txt")
        special = "pipe.txt"
    result = run_lzlint([special], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"lzlint: error: {special}: not a regular file\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("正文\n", encoding="utf-8")
    path.chmod(0)
    result = run_lzlint(["secret.txt"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "lzlint: error: secret.txt: permission denied\n")


RULE = """code: Z101
name: local-rule
severity: warning
check: pattern
params:
  patterns:
    - {pattern}
message: 本地规则
description: a rule of the user's own
examples:
  bad: ["aaaa"]
  good: ["bbbb"]
"""


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("code: Z101\nname: x\n  severity: [\n", "z.yaml:3: invalid YAML: mapping values are not allowed in this context"),
        (RULE.replace("severity: warning", "severity: 3"), "z.yaml:3: severity must be a non-empty string"),
        (RULE.replace("    - {pattern}", "    - 5"), "z.yaml:6: parameter 'patterns' must be a list of non-empty strings"),
        (RULE.format(pattern="'(a+)+$'"), "z.yaml:6: parameter 'patterns' regular expression '(a+)+$' nests unbounded quantifiers and could hang"),
        (RULE.format(pattern="'(\\w*)*x'"), "z.yaml:6: parameter 'patterns' regular expression '(\\\\w*)*x' nests unbounded quantifiers"),
        (RULE.format(pattern="'(a|aa)+$'"), "z.yaml:6: parameter 'patterns' regular expression '(a|aa)+$' repeats alternatives that can begin alike and could hang"),
    ],
    ids=["yaml-syntax", "wrong-type", "wrong-param-type", "catastrophic-regex", "catastrophic-star", "catastrophic-alternation"],
)
def test_malformed_rule_files_name_file_and_line(tmp_path: Path, content: str, error: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "z.yaml").write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text("a" * 40 + "!\n", encoding="utf-8")
    started = time.monotonic()
    result = run_lzlint(["--rules", "rules", "a.txt"], cwd=tmp_path)
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert result.stderr.startswith("lzlint: error: rules/z.yaml:") and error in result.stderr
    assert result.stderr.count("\n") == 1


def test_lzlint_never_writes_the_files_it_reads(tmp_path: Path) -> None:
    text = seed_text()
    for name, codec, bom in [("u8", "utf-8", b""), ("bom", "utf-8", b"\xef\xbb\xbf"), ("u16", "utf-16-le", b"\xff\xfe"), ("gb", "gb18030", b"")]:
        (tmp_path / f"{name}.txt").write_bytes(bom + text.replace("\n", "\r\n").encode(codec))
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "report.docx"))
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n")
    old = 1_600_000_000_000_000_000  # mtimes in the past, so a rewrite would show
    for path in tmp_path.iterdir():
        os.utime(path, ns=(old, old))
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    result = run_lzlint(["--format", "text", "."], cwd=tmp_path)
    assert result.returncode == 2  # scan.txt is refused, the rest linted
    assert result.stdout.count("A501") == 5
    # Every input is byte for byte and mtime for mtime as it was (the findings
    # cache, .lzlint_cache/, is the only thing lzlint adds, like ruff's).
    after = {name: ((tmp_path / name).read_bytes(), (tmp_path / name).stat().st_mtime_ns) for name in before}
    assert after == before
    assert {p.name for p in tmp_path.iterdir()} - set(before) <= {".lzlint_cache"}


def test_file_names_that_are_not_utf8_are_reported_not_a_traceback(tmp_path: Path) -> None:
    """GBK-named files, as a Windows ZIP unpacked on Linux leaves them."""
    name = "洪山镇报告.txt".encode("gbk")
    (tmp_path / os.fsdecode(name)).write_text(seed_text(), encoding="utf-8")
    for args in (["--format", "text"], ["--format", "gitlab"], ["--format", "sarif"], ["--format", "json"], ["--format", "junit"], ["-o", "out.json", "--format", "json"]):
        result = subprocess.run([*lzlint_executable(), "--no-cache", *args, "."], cwd=tmp_path, capture_output=True)
        # With -o, stderr says what was written and the summary (issue 14); never a traceback.
        told = b"lzlint: wrote the json output to out.json\nlzlint: 2 errors, " if "-o" in args else b""
        assert (result.returncode, result.stderr[: len(told)]) == (1, told), args
        assert b"Traceback" not in result.stderr and (told or result.stderr == b"")
    # The name is printed as the bytes it has (text), percent-encoded in a SARIF URI.
    text = subprocess.run([*lzlint_executable(), "--no-cache", "--format", "concise", "."], cwd=tmp_path, capture_output=True).stdout
    assert text.startswith(name + b":")
    sarif = subprocess.run([*lzlint_executable(), "--no-cache", "--format", "sarif", "."], cwd=tmp_path, capture_output=True).stdout
    assert b'"uri": "%BA%E9%C9%BD%D5%F2%B1%A8%B8%E6.txt"' in sarif
    # A baseline written with such a name is read back and matches.
    assert subprocess.run([*lzlint_executable(), "--write-baseline", "b.json", "."], cwd=tmp_path, capture_output=True).returncode == 0
    again = subprocess.run([*lzlint_executable(), "--baseline", "b.json", "--format", "concise", "."], cwd=tmp_path, capture_output=True)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml", "a.txt"], "lzlint: error: Invalid value for '--format': 'xml' is not one of"),
        (["--bogus"], "lzlint: error: No such option '--bogus'"),
        (["--jobs", "0", "a.txt"], "lzlint: error: Invalid value for '-j' / '--jobs'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_lzlint(args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.endswith(" (see lzlint --help)\n")
    assert result.stderr.count("\n") == 1


def test_a_full_disk_or_closed_stdin_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(seed_text(), encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = subprocess.run([*lzlint_executable(), "--no-cache", "a.txt"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (2, "lzlint: error: cannot write the output: No space left on device\n")
    closed = subprocess.run([*lzlint_executable(), "-"], capture_output=True, text=True, cwd=tmp_path, preexec_fn=lambda: os.close(0))
    assert (closed.returncode, closed.stderr) == (2, "lzlint: error: -: standard input is closed\n")


def test_write_baseline_never_overwrites_an_input(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text(seed_text(), encoding="utf-8")
    result = run_lzlint(["--write-baseline", "a.txt", "a.txt"], cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "lzlint: error: a.txt: is an input file; lzlint does not overwrite its inputs\n")
    assert report.read_text(encoding="utf-8") == seed_text()


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("empty", ["reports"], "lzlint: error: no .txt, .md or .docx file to check in reports\n"),
        ("readme-only", ["reports"], "lzlint: note: reports/README.md: skipped, Markdown without any of a report's section headings"
                                     " (README, notes); name it to lint it\n"
                                     "lzlint: error: no .txt, .md or .docx file to check in reports\n"),
        ("report", ["--select", "", "reports"], "lzlint: error: no rule is enabled: --select, --ignore and the config leave none (see lzlint --list-rules)\n"),
        ("report", ["--no-default-rules", "reports"], "lzlint: error: no rule is enabled: --select, --ignore and the config leave none (see lzlint --list-rules)\n"),
    ],
)
def test_a_run_that_would_check_nothing_fails(tmp_path: Path, setup: str, args: list[str], message: str) -> None:
    """A CI gate over a folder must not go green because it checked nothing."""
    folder = tmp_path / "reports"
    folder.mkdir()
    if setup == "readme-only":
        (folder / "README.md").write_text("# 说明\n\n本目录存放报告草稿。\n", encoding="utf-8")
    elif setup == "report":
        (folder / "a.txt").write_text(seed_text(), encoding="utf-8")
    result = run_lzlint(args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)

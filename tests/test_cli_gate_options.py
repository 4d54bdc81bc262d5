"""Smaller things in the way of users (issue 14): the pre-commit fix advice, what the
reviewer's command wrote, Ctrl-C, lower-case codes, and config files typed on Chinese Windows."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS, lzlint_executable, run_lzlint

SEED_000 = next(SEEDS.glob("000_*.txt"))


# --- pre-commit: the fix advice names what the user can run -------------------


def _drafts(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(SEED_000, tmp_path / "reports" / "甲镇 初稿.txt")
    return tmp_path


def test_under_pre_commit_the_summary_names_the_fix_hook(tmp_path: Path) -> None:
    result = run_lzlint(["--no-cache", "reports/甲镇 初稿.txt"], cwd=_drafts(tmp_path), env={"PRE_COMMIT": "1"})
    assert result.returncode == 1
    # Seed 000: 4 safe fixes and 11 unsafe ones (counted by hand in test_cli.test_findings_exit_one_and_summary).
    assert result.stdout.endswith(
        "2 errors, 13 warnings, 2 info in 1 file.\n"
        "4 fixable: pre-commit run lzlint-fix --files 'reports/甲镇 初稿.txt' (needs the lzlint-fix hook in .pre-commit-config.yaml).\n"
        "11 more fixable by hand (lzlint --fix --unsafe-fixes could, but they may change meaning; see the findings above).\n"
    )
    assert "--diff" not in result.stdout


def test_outside_pre_commit_the_summary_names_lzlint_options(tmp_path: Path) -> None:
    result = run_lzlint(["--no-cache", "reports/甲镇 初稿.txt"], cwd=_drafts(tmp_path), env={"PRE_COMMIT": ""})
    assert "4 fixable with --fix (see them first with --diff).\n" in result.stdout
    assert "pre-commit run" not in result.stdout


def test_many_files_under_pre_commit_run_the_hook_on_all_files(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    for n in range(6):
        shutil.copy(SEED_000, folder / "reports" / f"{n}.txt")
    result = run_lzlint(["--no-cache", "-j", "1", "--select", "A501", "reports"], cwd=folder, env={"PRE_COMMIT": "1"})
    assert "7 fixable: pre-commit run lzlint-fix --all-files (needs" in result.stdout


# --- the reviewer's command says what it wrote ---------------------------------


def test_reviewer_command_tells_what_went_where_and_the_summary(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    (folder / "reports" / "盖章版.pdf").write_bytes(b"%PDF-1.7\n")
    result = run_lzlint(
        ["--no-cache", "--format", "html", "-o", "review/report.html", "--annotate-dir", "review/word", "reports"], cwd=folder
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "lzlint: wrote the html output to review/report.html",
        "lzlint: wrote 1 Word copy with comments to review/word",
        "lzlint: 2 errors, 13 warnings, 2 info in 1 file.",
        "lzlint: 1 file was not checked (listed as F001): if not a report, exclude it in .lzlint.yaml (exclude: [...]).",
        "lzlint: 4 fixable with --fix (see them first with --diff).",
        "lzlint: 11 more fixable with --fix --unsafe-fixes (they may change meaning: check them with --diff --unsafe-fixes).",
    ]
    assert (folder / "review" / "report.html").is_file() and (folder / "review" / "word" / "甲镇 初稿.docx").is_file()


def test_one_annotated_copy_and_quiet(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    result = run_lzlint(["--no-cache", "--select", "A501", "--annotate", "out.docx", "-o", "out.json", "--format", "json", "reports/甲镇 初稿.txt"], cwd=folder)
    assert result.stderr.splitlines()[:3] == [
        "lzlint: wrote the json output to out.json",
        "lzlint: wrote the Word copy with comments to out.docx",
        "lzlint: 1 error, 0 warnings, 0 info in 1 file.",
    ]
    quiet = run_lzlint(["--no-cache", "-q", "--select", "A501", "-o", "out.json", "--format", "json", "reports/甲镇 初稿.txt"], cwd=folder)
    assert quiet.stderr == ""


def test_output_to_stdout_adds_nothing_on_stderr(tmp_path: Path) -> None:
    result = run_lzlint(["--no-cache", "--format", "json", "--select", "A501", "reports/甲镇 初稿.txt"], cwd=_drafts(tmp_path))
    assert result.stderr == ""


# --- Ctrl-C ---------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_exits_130_not_1(tmp_path: Path) -> None:
    # Reading standard input that never ends: the run waits until interrupted.
    process = subprocess.Popen(
        [*lzlint_executable(), "--no-cache", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        cwd=tmp_path,
        # As from a terminal: Ctrl-C not ignored nor blocked, whatever this test process inherited
        # (a command started with & by a non-interactive shell ignores it, rightly).
        preexec_fn=_sigint_as_from_a_terminal,
    )
    _wait_until_reading(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert err.decode().strip() == "lzlint: aborted"


def _sigint_as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _wait_until_reading(pid: int) -> None:
    """Until the process waits on its standard input (Linux tells in /proc), or 3 s elsewhere."""
    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():
        time.sleep(3)  # past Python's start and lzlint's imports
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if "pipe" in wchan.read_text(encoding="ascii", errors="replace"):
            return
        time.sleep(0.05)


# --- codes in lower case --------------------------------------------------------


def test_select_and_ignore_take_codes_in_lower_case() -> None:
    upper = run_lzlint(["--no-cache", "--format", "concise", "--select", "Q301,W7", str(SEED_000)])
    lower = run_lzlint(["--no-cache", "--format", "concise", "--select", "q301,w7", str(SEED_000)])
    assert lower.returncode == upper.returncode == 1
    assert lower.stdout == upper.stdout and " Q301 " in lower.stdout and " W704 " in lower.stdout
    ignored = run_lzlint(["--no-cache", "--format", "concise", "--select", "all", "--ignore", "w,s", str(SEED_000)])
    assert " W70" not in ignored.stdout and " S10" not in ignored.stdout and " Q301 " in ignored.stdout
    assert run_lzlint(["--select", "q999", str(SEED_000)]).stderr == "lzlint: error: select: 'q999' matches no rule (see lzlint --list-rules)\n"


def test_lower_case_codes_in_the_config(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("select: [q301]\n", encoding="utf-8")
    shutil.copy(SEED_000, tmp_path / "a.txt")
    result = run_lzlint(["--no-cache", "--format", "concise", "a.txt"], cwd=tmp_path)
    assert [line.split()[1] for line in result.stdout.splitlines()] == ["Q301"]


# --- .lzlint.yaml typed on Chinese Windows ----------------------------------------


@pytest.mark.parametrize(
    ("config", "where", "message"),
    [
        ("ignore：[W703]\n", 1, "“ignore：” has a full-width colon (：); YAML needs a half-width colon and a space: “ignore: ”"),
        ("select: [S]\nignore： [W703]\n", 2, "“ignore：” has a full-width colon (：); YAML needs a half-width colon and a space: “ignore: ”"),
        ("select: [S]\nexclude:\n  - drafts/\nfail-on：warning\n", 4, "“fail-on：” has a full-width colon (：); YAML needs a half-width colon and a space: “fail-on: ”"),
    ],
)
def test_a_full_width_colon_is_named_with_its_line(tmp_path: Path, config: str, where: int, message: str) -> None:
    (tmp_path / ".lzlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    result = run_lzlint(["a.txt"], cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"lzlint: error: {tmp_path / '.lzlint.yaml'}:{where}: {message}\n"


def test_a_full_width_colon_inside_a_value_is_fine(tmp_path: Path) -> None:
    (tmp_path / ".lzlint.yaml").write_text("words: [依法治县办：]\nselect: [A501]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    assert run_lzlint(["--no-cache", "a.txt"], cwd=tmp_path).returncode == 0


def test_a_config_saved_as_gbk_says_so_and_where(tmp_path: Path) -> None:
    # 注释 in GBK is d7 a2 ca cd: d7 a2 happens to be a UTF-8 sequence, ca cd is not
    # (cd is no continuation byte), so reading stops at line 2, byte column 5 ("# " and d7 a2 before it).
    (tmp_path / ".lzlint.yaml").write_bytes("select: [S]\n# 注释\nignore: [W703]\n".encode("gbk"))
    (tmp_path / "a.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    result = run_lzlint(["a.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"lzlint: error: {tmp_path / '.lzlint.yaml'}:2: not UTF-8 (byte 0xca at column 5); it looks saved as GBK/GB18030"
        " (as Notepad or WPS on Chinese Windows may do): save it as UTF-8\n"
    )


def test_ctrl_c_while_lzlint_is_still_importing_exits_130_without_a_traceback() -> None:
    # The command's entry point imports the command line inside its handler: a Ctrl-C that
    # lands during those imports (the first 0.15 s) is made to happen there, deterministically.
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'lzlint.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "from lzlint.__main__ import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "LZLINT_LANG": "en"}, check=False)
    assert result.returncode == 130
    assert result.stderr == "lzlint: aborted\n"

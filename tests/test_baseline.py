"""Baselines: record findings once, then report only new ones."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from lzlint.errors import LzlintError
from lzlint.run.baseline import load_baseline, new_findings, write_baseline
from lzlint.run.engine import FileResult
from lzlint.run.fingerprint import text_hash
from tests.conftest import SEEDS, run_lzlint
from tests.format_samples import two_files

SEED = "000_01a9da65d0d1e63d.txt"


@pytest.fixture()
def county(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "甲镇.txt").write_bytes((SEEDS / SEED).read_bytes())
    return tmp_path


def _under(directory: Path) -> list[FileResult]:
    """two_files() with its reports/… paths placed under `directory`."""
    return [replace(r, path=str(directory / r.path)) for r in two_files()]


def test_written_file_is_keyed_by_relative_path_code_and_message(tmp_path: Path) -> None:
    baseline = tmp_path / "ci" / "baseline.json"
    baseline.parent.mkdir()
    results = _under(tmp_path)
    assert write_baseline(results, baseline) == 3
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data == {
        "lzlint-baseline": 1,
        "findings": sorted(
            [
                # the same typo 健立 twice in one file: one key, count 2
                {"path": "../reports/甲镇.txt", "code": "W703", "message-sha256": text_hash("“健立”应为“建立”。"), "count": 2},
                {"path": "../reports/甲镇.txt", "code": "Q301", "message-sha256": text_hash("比率与数字不符：75÷80=93.75%，请核对。"), "count": 1},
            ],
            key=lambda f: (f["path"], f["code"], f["message-sha256"]),
        ),
    }


def test_counts_let_only_the_extra_duplicate_through(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(
        json.dumps({"lzlint-baseline": 1, "findings": [{"path": "reports/甲镇.txt", "code": "W703", "message-sha256": text_hash("“健立”应为“建立”。"), "count": 1}]}),
        encoding="utf-8",
    )
    results = _under(tmp_path)
    kept = new_findings(results, load_baseline(baseline), baseline)
    # the first 健立 is accounted for; the second one and the Q301 are new
    assert [(d.line, d.code) for d in kept[0].diagnostics] == [(2, "W703"), (3, "Q301")]
    assert kept[1].diagnostics == ()


def test_text_hash_ignores_whitespace_changes() -> None:
    assert text_hash("健立 制度") == text_hash(" 健立\u3000\n制度 ")
    assert text_hash("健立制度") != text_hash("健立 制度")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a valid baseline file"),
        ("[]", "not an lzlint baseline"),
        ('{"lzlint-baseline": 2, "findings": []}', "not an lzlint baseline"),
        ('{"lzlint-baseline": 1, "findings": [{"path": "a", "code": "W703", "message-sha256": "abc", "count": 1}]}', "findings[0] needs"),
        ('{"lzlint-baseline": 1, "findings": [{"path": "a", "code": "W703", "message-sha256": "' + "a" * 64 + '", "count": 0}]}', "findings[0] needs"),
    ],
)
def test_corrupt_baseline_is_one_line_exit_2(county: Path, content: str, message: str) -> None:
    (county / "b.json").write_text(content, encoding="utf-8")
    result = run_lzlint(["--baseline", "b.json", "reports"], cwd=county)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("lzlint: error: b.json: ") and message in lines[0]


def test_missing_baseline_is_exit_2(county: Path) -> None:
    result = run_lzlint(["--baseline", "nope.json", "reports"], cwd=county)
    assert (result.returncode, result.stderr) == (2, "lzlint: error: nope.json: baseline file not found (create it with --write-baseline)\n")
    with pytest.raises(LzlintError):
        load_baseline(county / "nope.json")


def test_workflow_survives_edits_elsewhere_and_reports_new_findings(county: Path) -> None:
    written = run_lzlint(["--write-baseline", "lzlint-baseline.json", "reports"], cwd=county)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert written.stderr.startswith("lzlint: recorded 17 findings in lzlint-baseline.json")  # 000: 2+13+2, hand-counted (see test_cli)
    clean = run_lzlint(["--format", "concise", "--baseline", "lzlint-baseline.json", "reports"], cwd=county)
    assert (clean.returncode, clean.stdout) == (0, "")

    report = county / "reports" / "甲镇.txt"
    text = report.read_text(encoding="utf-8")
    # A paragraph above every finding moves them all down a line; a second
    # [bookmark] artifact is a new finding of a code already in the baseline.
    body = text.rstrip()  # the seed ends in a stray space without a newline
    report.write_text("新增的一段说明文字。\n" + body + "\n[bookmark: _New]\n", encoding="utf-8")
    later = run_lzlint(["--format", "concise", "--baseline", "lzlint-baseline.json", "reports"], cwd=county)
    assert later.returncode == 1
    last_line = 1 + len(body.split("\n")) + 1
    assert later.stdout == f"reports/甲镇.txt:{last_line}:1: A501 文档转换残留“[bookmark: _New]”，发布前应删除。\n"


def test_baseline_paths_work_from_another_directory(county: Path) -> None:
    assert run_lzlint(["--write-baseline", "lzlint-baseline.json", "reports"], cwd=county).returncode == 0
    # Run from inside reports/: the file is now "甲镇.txt", the baseline "../lzlint-baseline.json".
    result = run_lzlint(["--format", "concise", "--baseline", "../lzlint-baseline.json", "."], cwd=county / "reports")
    assert (result.returncode, result.stdout) == (0, "")

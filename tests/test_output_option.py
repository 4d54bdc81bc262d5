"""-o/--output FILE: the output goes to a file, the exit status stays the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_lzlint

SEED = SEEDS / "000_01a9da65d0d1e63d.txt"  # has findings of error severity


@pytest.mark.parametrize("extra", [["--format", "concise"], ["--format", "json"], ["--statistics"]])
def test_output_file_holds_exactly_what_stdout_would(tmp_path: Path, extra: list[str]) -> None:
    to_stdout = run_lzlint([str(SEED), *extra])
    out = tmp_path / "out.txt"
    to_file = run_lzlint([str(SEED), *extra, "-o", str(out)])
    assert to_stdout.returncode == to_file.returncode == 1
    assert to_file.stdout == ""
    assert out.read_bytes() == to_stdout.stdout.encode("utf-8")
    assert "。" in out.read_text(encoding="utf-8") or extra == ["--statistics"]


def test_text_output_to_a_file_is_not_coloured(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    run_lzlint([str(SEED), "--output", str(out)])
    assert "\x1b[" not in out.read_text(encoding="utf-8")


def test_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "r.txt"
    shutil.copy(SEED, source)
    before = source.read_bytes()
    proc = run_lzlint([str(tmp_path), "-o", str(source)])
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"lzlint: error: {source}: is an input file; lzlint does not overwrite its inputs"
    assert source.read_bytes() == before


def test_unwritable_output_is_one_line_and_status_2(tmp_path: Path) -> None:
    # A missing folder is created (as for --annotate-dir); a file where the folder should be cannot be.
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    proc = run_lzlint([str(SEED), "-o", str(tmp_path / "afile" / "out.txt")])
    assert proc.returncode == 2
    assert proc.stderr.startswith("lzlint: error: ") and "cannot write" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_long_output_is_written_whole_in_pieces(tmp_path: Path) -> None:
    from lzlint.outputs.output_file import pieces, write_output

    text = "报告：第一行\n" * 400_000  # 2.8 million characters, three pieces
    assert [len(p) for p in pieces(text)] == [1 << 20, 1 << 20, len(text) - 2 * (1 << 20)]
    write_output(tmp_path / "out.txt", text)
    assert (tmp_path / "out.txt").read_bytes() == text.encode("utf-8")


def test_output_option_holds_for_diff_and_rule_listing(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "r.txt")
    before = (tmp_path / "r.txt").read_bytes()
    result = run_lzlint(["--diff", "--exit-zero", "-o", "fixes.diff", "r.txt"], cwd=tmp_path)
    # --exit-zero holds for --diff too; the diff went to the file, the summary to stderr.
    assert (result.returncode, result.stdout) == (0, "")
    assert (tmp_path / "fixes.diff").read_text(encoding="utf-8").startswith("--- a/r.txt\n+++ b/r.txt\n")
    assert (tmp_path / "r.txt").read_bytes() == before
    assert run_lzlint(["--list-rules", "-o", "rules.txt"], cwd=tmp_path).stdout == ""
    assert "S101" in (tmp_path / "rules.txt").read_text(encoding="utf-8")


def test_help_tells_exit_statuses_and_the_other_command() -> None:
    out = run_lzlint(["--help"]).stdout
    assert "Exit status: 0 no finding at or above --fail-on; 1 such findings;" in out
    assert "lzlint test-rules DIR..." in out


def test_output_folder_is_created_as_for_annotate_dir(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "r.txt")
    result = run_lzlint(["--format", "json", "-o", "out/ci/report.json", "r.txt"], cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "out" / "ci" / "report.json").read_text(encoding="utf-8").startswith("[")

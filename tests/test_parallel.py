"""Linting many files: input order, a pool only where it pays, one Vocabulary per worker."""

from __future__ import annotations

import concurrent.futures
import os
import pty
import select
import shutil
import subprocess
from functools import partial
from pathlib import Path

import pytest

from lzlint.model.document import Vocabulary
from lzlint.outputs.formatters import FilePart
from lzlint.ruleset.rules import Rule, default_rules_dir
from lzlint.run import parallel
from lzlint.run.config import Settings
from lzlint.run.engine import FileResult
from lzlint.run.parallel import LintJob, lint_files
from tests.conftest import SEEDS, lzlint_executable, run_lzlint

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _load_and_record(record: Path) -> Vocabulary:
    """A Vocabulary factory that notes the process that called it."""
    with record.open("a", encoding="utf-8") as out:
        out.write(f"{os.getpid()}\n")
    return Vocabulary.load(default_rules_dir() / "lexicon")


def _copies(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    # Names in reverse order of the seeds, so input order differs from any sort.
    for number in range(count):
        path = folder / f"{count - number:03d}_{SEED_FILES[number % 5].name}"
        shutil.copy(SEED_FILES[number % 5], path)
        paths.append(path)
    return paths


def _job(pack: tuple[Rule, ...], record: Path) -> LintJob:
    return LintJob(pack, Settings(), partial(_load_and_record, record), None)


def test_pool_results_equal_in_process_results_in_input_order(tmp_path: Path, pack: tuple[Rule, ...]) -> None:
    files = _copies(tmp_path / "r", 12)
    files.insert(5, tmp_path / "missing.txt")
    serial = lint_files(files, _job(pack, tmp_path / "serial.log"), jobs=1)
    pooled = lint_files(files, _job(pack, tmp_path / "pool.log"), jobs=2)
    assert [r.path for r in pooled] == [str(f) for f in files]
    assert pooled == serial
    assert pooled[5].error is not None and "missing.txt" in pooled[5].error
    assert sum(len(r.diagnostics) for r in pooled) > 50
    # One Vocabulary per process, never one per file: in process, just one;
    # with the pool, one in each of the two workers and one in the parent,
    # which loads it first so that a bad lexicon is a clear error.
    assert (tmp_path / "serial.log").read_text().split() == [str(os.getpid())]
    pool_pids = (tmp_path / "pool.log").read_text().split()
    assert len(pool_pids) == len(set(pool_pids)) == 3 and str(os.getpid()) in pool_pids


def test_workers_render_each_file_part_as_the_format_would(tmp_path: Path, pack: tuple[Rule, ...]) -> None:
    files = _copies(tmp_path / "r", 12)
    part = FilePart("text", color=False)
    for jobs in (1, 2):
        job = LintJob(pack, Settings(), partial(_load_and_record, tmp_path / "log"), None, part)
        results = lint_files(files, job, jobs=jobs)
        for result in results:
            assert result.diagnostics.parts == {"text": part.render(FileResult(result.path, tuple(result.diagnostics), result.lines))}
        # One block per finding, a blank line between blocks.
        assert all(r.diagnostics.parts["text"].count("\n\n") + 1 == len(r.diagnostics) > 1 for r in results)


def test_few_files_stay_in_process(tmp_path: Path, pack: tuple[Rule, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []

    class Recording(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs: object) -> None:
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Recording)
    few = _copies(tmp_path / "few", 3)
    lint_files(few, _job(pack, tmp_path / "few.log"), jobs=2)
    assert started == []
    many = _copies(tmp_path / "many", 3 * parallel.MIN_FILES_PER_WORKER)
    lint_files(many, _job(pack, tmp_path / "many.log"), jobs=8)
    assert started == [3]


def test_two_batches_with_their_own_jobs_share_one_pool(tmp_path: Path, pack: tuple[Rule, ...]) -> None:
    """This year's reports with every rule, last year's with none (only digested), through the same two workers."""
    from dataclasses import replace

    from lzlint.run.parallel import Workers, start_linting

    this_year, last_year = _copies(tmp_path / "2025", 12), _copies(tmp_path / "2024", 10)
    checked = _job(pack, tmp_path / "pool.log")
    read_only = replace(checked, rules=())
    with Workers(2, (checked, read_only), len(this_year) + len(last_year)) as workers:
        linting = start_linting(this_year, 0, workers)
        reading = start_linting(last_year, 1, workers)
        both = linting.results(), reading.results()
    assert both == (lint_files(this_year, checked, jobs=1), lint_files(last_year, read_only, jobs=1))
    assert all(r.diagnostics for r in both[0]) and not any(r.diagnostics for r in both[1])
    # Two workers and the parent: not a second pool for last year's.
    assert len(set((tmp_path / "pool.log").read_text().split())) == 3


def test_progress_counts_every_file(tmp_path: Path, pack: tuple[Rule, ...]) -> None:
    files = _copies(tmp_path / "r", 10)
    for jobs in (1, 2):
        steps: list[int] = []
        lint_files(files, _job(pack, tmp_path / "log"), jobs=jobs, progress=steps.append)
        assert sum(steps) == 10


def test_jobs_option_does_not_change_output(tmp_path: Path) -> None:
    _copies(tmp_path / "r", 12)
    one = run_lzlint(["--no-cache", "--jobs", "1", "r"], cwd=tmp_path)
    two = run_lzlint(["--no-cache", "-j", "2", "r"], cwd=tmp_path)
    assert (one.returncode, one.stdout) == (two.returncode, two.stdout)
    assert one.stdout.count("r/001_") > 0
    assert run_lzlint(["--jobs", "0", "r"], cwd=tmp_path).returncode == 2


def _stderr_on_terminal(args: list[str], cwd: Path) -> str:
    """Run lzlint with stderr on a pseudo-terminal; what it wrote there."""
    main, secondary = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([*lzlint_executable(), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=secondary, env=env)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    _copies(tmp_path / "r", 24)
    shown = _stderr_on_terminal(["--no-cache", "r"], tmp_path)
    assert "lzlint" in shown and "24/24" in shown
    assert _stderr_on_terminal(["--no-cache", "--quiet", "r"], tmp_path) == ""
    assert _stderr_on_terminal(["--no-cache", *(f"r/{p.name}" for p in sorted((tmp_path / "r").iterdir())[:5])], tmp_path) == ""
    piped = run_lzlint(["--no-cache", "r"], cwd=tmp_path)
    assert piped.stderr == ""

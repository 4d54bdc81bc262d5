"""Linting many files: cached findings first, the rest on several cores.

Results come back in input order whatever finishes first, so the output of
a run does not depend on --jobs. Each worker process builds its Vocabulary
(lexicon, tokenizer) once, in its initializer, not once per file. A run with
few files to lint stays in one process: starting workers and their
tokenizers would cost more than it saves.

Where the output format prints each file apart (formatters.FilePart), a
file's part is rendered right after it is linted, in the worker, and cached
with its findings; a cached file without it gets it rendered and cached here.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from lzlint.errors import LzlintError
from lzlint.folder.paragraphs import Digest, DigestOptions, StoredDigest, digest
from lzlint.folder.units import ReportUnit, document_units
from lzlint.locale import language, set_language
from lzlint.model.document import Document, Vocabulary
from lzlint.outputs.formatters import FilePart
from lzlint.ruleset.rules import Rule
from lzlint.run.cache import ResultCache
from lzlint.run.config import Settings
from lzlint.run.engine import (
    FileResult,
    file_result,
    lint_document,
    read_input,
    source_notes,
)
from lzlint.run.findings import Findings
from lzlint.sources import Source

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Below this many files to lint per worker, a worker does not pay for itself.
MIN_FILES_PER_WORKER = 4

VocabularyFactory = Callable[[], Vocabulary]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class LintJob:
    """What linting one source needs, the same for every file of a run."""

    rules: tuple[Rule, ...]
    settings: Settings
    vocabulary: VocabularyFactory  # picklable (e.g. functools.partial of Vocabulary.load)
    cache: ResultCache | None
    # The run's line-oriented output format, whose parts are rendered and cached with the findings.
    part: FilePart | None = None
    # How each report is digested for the checks over the folder; None when they do not run.
    digest: DigestOptions | None = None
    # The run's language (--verbose notes, errors): a spawned worker starts with the default.
    language: str = field(default_factory=language)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _finish(
    source: Source,
    found: Findings,
    notes: tuple[str, ...],
    units: tuple[ReportUnit, ...],
    job: LintJob,
    *,
    cached: bool,
    summary: Digest | StoredDigest | None = None,
) -> FileResult:
    """The result of `source`, with the part of the run's format; the cache told of anything new."""
    result = file_result(source, found, job.settings, notes, digest=summary, units=units)
    # Only the part of the findings as cached is worth keeping: none was switched off by per-file-ignores.
    if job.part is not None and result.diagnostics is found and job.part.key not in found.parts:
        found = found.with_part(job.part.key, job.part.render(result))
        result = replace(result, diagnostics=found)
        cached = False
    if not cached and job.cache is not None and source.path != "-":
        job.cache.store(source, found, notes, units, summary)
    return result


def _lint(source: Source, job: LintJob, vocabulary: Vocabulary) -> FileResult:
    doc = Document.parse(source, vocabulary, job.settings.year)
    units = document_units(doc)
    found = Findings(lint_document(doc, job.rules))
    summary = digest(doc, job.digest, units) if job.digest is not None else None
    return _finish(source, found, source_notes(source, doc, units), units, job, cached=False, summary=summary)


# A worker process's own state, set once by its initializer: this is the
# ProcessPoolExecutor way of giving every task the same expensive objects.
_worker: tuple[LintJob, Vocabulary] | None = None


def _start_worker(job: LintJob) -> None:
    global _worker
    # Ctrl-C reaches every process of the terminal's group: the main process
    # ends the run (exit 130); a worker printing its own traceback would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(job.language)
    _worker = (job, job.vocabulary())


def _lint_in_worker(source: Source) -> FileResult:
    assert _worker is not None, "worker used before its initializer ran"
    job, vocabulary = _worker
    return _lint(source, job, vocabulary)


def _read(path: Path | str, settings: Settings) -> Source | FileResult:
    try:
        return read_input(path, settings)
    except LzlintError as exc:
        return FileResult(str(path), error=str(exc))


def lint_files(files: Sequence[Path | str], job: LintJob, jobs: int, progress: Progress | None = None) -> list[FileResult]:
    """Lint `files` ("-" is standard input) with up to `jobs` processes; results in input order.

    `progress`, when given, is called with the number of files just finished.
    """
    with start_linting(files, job, jobs) as linting:
        return linting.results(progress)


def start_linting(files: Sequence[Path | str], job: LintJob, jobs: int) -> Linting:
    """lint_files in two steps: the workers start on `files` here, and Linting.results waits for them.

    Between the two, the main process is free for other work (the folder
    checks work out this year's copies while last year's reports are read).
    """
    results: list[FileResult | None] = [None] * len(files)
    todo: list[tuple[int, Source]] = []
    for index, path in enumerate(files):
        read = _read(path, job.settings)
        if isinstance(read, FileResult):
            results[index] = read
            continue
        cached = job.cache.load_with_digest(read) if job.cache is not None and read.path != "-" else None
        # An entry written by a run without the folder checks has no digest: linted again to make one.
        if cached is None or (job.digest is not None and cached[3] is None):
            todo.append((index, read))
        else:
            found, notes, units, summary = cached
            results[index] = _finish(read, found, notes, units, job, cached=True, summary=summary if job.digest is not None else None)
    workers = min(jobs, len(todo) // MIN_FILES_PER_WORKER)
    if workers <= 1:
        return Linting(job, results, todo)
    # Imported here: multiprocessing costs 16 ms that in-process runs should not pay.
    from concurrent.futures import ProcessPoolExecutor

    job.vocabulary()  # a bad lexicon is one clear error here, not a broken pool
    chunksize = max(1, min(16, len(todo) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(job,))
    try:
        done = pool.map(_lint_in_worker, [source for _, source in todo], chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    return Linting(job, results, todo, pool, done)


@dataclass
class Linting:
    """Files being linted (start_linting): the results so far, the files left, the workers on them.

    A context manager: leaving it early (an error, Ctrl-C) drops the files
    not started rather than lint the whole folder before exiting.
    """

    job: LintJob
    found: list[FileResult | None]  # by input index: None until linted
    todo: list[tuple[int, Source]]
    pool: ProcessPoolExecutor | None = None
    linted: Iterator[FileResult] | None = None

    @property
    def waiting(self) -> bool:
        """Whether any file is still to be linted (not all came from the cache or failed to read)."""
        return bool(self.todo)

    def results(self, progress: Progress | None = None) -> list[FileResult]:
        """Every file's result, in input order, once all are linted."""
        results = self.found
        if progress is not None and len(self.todo) < len(results):
            progress(len(results) - len(self.todo))
        if self.linted is None and self.todo:
            vocabulary = self.job.vocabulary()
            for index, source in self.todo:
                results[index] = _lint(source, self.job, vocabulary)
                if progress is not None:
                    progress(1)
        elif self.linted is not None:
            for (index, _), result in zip(self.todo, self.linted):
                results[index] = result
                if progress is not None:
                    progress(1)
        self.todo = []
        return [r for r in results if r is not None]

    def __enter__(self) -> Linting:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self.pool is not None:
            # On Ctrl-C, the files not started are dropped: waiting for them would delay exiting.
            interrupted = kind is not None and issubclass(kind, KeyboardInterrupt)
            self.pool.shutdown(wait=not interrupted, cancel_futures=kind is not None)

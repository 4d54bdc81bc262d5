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
from collections.abc import Callable, Sequence
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
    from concurrent.futures import Future, ProcessPoolExecutor

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
    # Whether each result keeps the file's text, for the output: last year's reports are only digested.
    keep_text: bool = True


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
    if not job.keep_text:
        result = replace(result, lines=())
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
    # The fingerprint keys the folder's cached findings: with no cache, nothing asks for it.
    summary = digest(doc, job.digest, units, fingerprinted=job.cache is not None) if job.digest is not None else None
    return _finish(source, found, source_notes(source, doc, units), units, job, cached=False, summary=summary)


# A worker process's own state, set once by its initializer: this is the
# ProcessPoolExecutor way of giving every task the same expensive objects.
_worker: tuple[tuple[LintJob, ...], Vocabulary] | None = None


def _start_worker(jobs: tuple[LintJob, ...]) -> None:
    global _worker
    # Ctrl-C reaches every process of the terminal's group: the main process
    # ends the run (exit 130); a worker printing its own traceback would only add noise.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_language(jobs[0].language)
    # One vocabulary for all the run's jobs: they differ in rules, cache and digest, not in words.
    _worker = (jobs, jobs[0].vocabulary())


def _lint_chunk_in_worker(kind: int, sources: list[Source]) -> list[FileResult]:
    assert _worker is not None, "worker used before its initializer ran"
    jobs, vocabulary = _worker
    return [_lint(source, jobs[kind], vocabulary) for source in sources]


def _read(path: Path | str, settings: Settings) -> Source | FileResult:
    try:
        return read_input(path, settings)
    except LzlintError as exc:
        return FileResult(str(path), error=str(exc))


def lint_files(files: Sequence[Path | str], job: LintJob, jobs: int, progress: Progress | None = None) -> list[FileResult]:
    """Lint `files` ("-" is standard input) with up to `jobs` processes; results in input order.

    `progress`, when given, is called with the number of files just finished.
    """
    with Workers(jobs, (job,), len(files)) as workers:
        return start_linting(files, 0, workers).results(progress)


@dataclass
class Workers:
    """The worker processes of one run, started when a batch of files first needs them, shared by its batches.

    A run may lint files with more than one LintJob (this year's reports
    with every rule, last year's only digested): each batch of files names
    its job by number in `kinds`, and one pool serves them all, so last
    year's are read by workers already started, right after this year's.
    A context manager: leaving it early (an error, Ctrl-C) drops the files
    not started rather than lint the whole folder before exiting.
    """

    jobs: int  # processes at most
    kinds: tuple[LintJob, ...]
    files: int  # files the run may hand them, all batches together: how many workers are worth starting
    pool: ProcessPoolExecutor | None = None

    @property
    def chunksize(self) -> int:
        """Files handed to a worker at a time: few enough that each worker gets several batches."""
        return max(1, min(16, self.files // (max(1, self.jobs) * 4)))

    def submit(self, kind: int, sources: list[Source]) -> Future[list[FileResult]]:
        if self.pool is None:
            # Imported here: multiprocessing costs 16 ms that in-process runs should not pay.
            from concurrent.futures import ProcessPoolExecutor

            self.kinds[0].vocabulary()  # a bad lexicon is one clear error here, not a broken pool
            workers = min(self.jobs, max(2, self.files // MIN_FILES_PER_WORKER))
            self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(self.kinds,))
        return self.pool.submit(_lint_chunk_in_worker, kind, sources)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self.pool is None:
            return
        if kind is None:
            self.pool.shutdown()
        else:
            # On Ctrl-C, the files not started are dropped: waiting for them would delay exiting.
            self.pool.shutdown(wait=not issubclass(kind, KeyboardInterrupt), cancel_futures=True)


def start_linting(files: Sequence[Path | str], kind: int, workers: Workers) -> Linting:
    """Lint `files` with job number `kind` of `workers`: they start here, and Linting.results waits for them.

    Between the two, the main process is free for other work (reading last
    year's reports, the folder checks on this year's). The workers start on
    the first files while the main process reads the rest (reading 10,000
    reports takes a second or two). A run with fewer than
    MIN_FILES_PER_WORKER * 2 files to lint stays in this process.
    """
    job = workers.kinds[kind]
    linting = Linting(job, [None] * len(files), [])
    submitted = 0
    for index, path in enumerate(files):
        read = _read(path, job.settings)
        if isinstance(read, FileResult):
            linting.found[index] = read
            continue
        cached = job.cache.load_with_digest(read) if job.cache is not None and read.path != "-" else None
        # An entry written by a run without the folder checks has no digest: linted again to make one.
        if cached is None or (job.digest is not None and cached[3] is None):
            linting.todo.append((index, read))
        else:
            found, notes, units, summary = cached
            linting.found[index] = _finish(read, found, notes, units, job, cached=True, summary=summary if job.digest is not None else None)
        enough = workers.chunksize if workers.pool is not None else max(workers.chunksize, 2 * MIN_FILES_PER_WORKER)
        if workers.jobs > 1 and len(linting.todo) - submitted >= enough:
            linting.hand(linting.todo[submitted:], kind, workers)
            submitted = len(linting.todo)
    if workers.pool is not None and submitted < len(linting.todo):
        linting.hand(linting.todo[submitted:], kind, workers)
    return linting


@dataclass
class Linting:
    """A batch of files being linted (start_linting): the results so far, the files left, the workers' share."""

    job: LintJob
    found: list[FileResult | None]  # by input index: None until linted
    todo: list[tuple[int, Source]]
    chunks: list[Future[list[FileResult]]] = field(default_factory=list)  # the workers' share of todo, in order

    def hand(self, files: list[tuple[int, Source]], kind: int, workers: Workers) -> None:
        """Hand `files` to the workers, a chunk at a time."""
        for start in range(0, len(files), workers.chunksize):
            self.chunks.append(workers.submit(kind, [source for _, source in files[start : start + workers.chunksize]]))

    @property
    def waiting(self) -> bool:
        """Whether any file is still to be linted (not all came from the cache or failed to read)."""
        return bool(self.todo)

    def results(self, progress: Progress | None = None) -> list[FileResult]:
        """Every file's result, in input order, once all are linted."""
        results = self.found
        if progress is not None and len(self.todo) < len(results):
            progress(len(results) - len(self.todo))
        if self.chunks:
            places = iter(self.todo)
            for chunk in self.chunks:
                linted = chunk.result()
                for result, (index, _) in zip(linted, places):
                    results[index] = result
                if progress is not None:
                    progress(len(linted))
        elif self.todo:
            vocabulary = self.job.vocabulary()
            for index, source in self.todo:
                results[index] = _lint(source, self.job, vocabulary)
                if progress is not None:
                    progress(1)
        self.todo = []
        return [r for r in results if r is not None]

"""The bounded worker pool: at most `workers` checks at once, at most `queue` more waiting, the rest refused.

Checking is CPU work in Python, so each worker is a process (threads would
share one core under the GIL) that loads the rules' vocabulary and jieba
once, when it starts, then checks one request at a time, received and
answered over a pipe. Processes are started with `spawn`: forking a server
that runs an event loop and threads is unsafe.

A request first takes a place (`admit`): running or waiting. When all
places are taken it is refused at once with 503 and a Retry-After, before
its body is read. A place then waits for a free worker.

A worker is owned by one request while it checks. If that request ends
first (its time is up, or the client went away), the worker's process is
killed and a fresh one is started for the next request: a runaway check
cannot hold a worker, and the bound counts what the machine is doing. A
worker that raises answers with the exception's type only (its message may
quote the draft); one that dies is replaced the same way.

Tests may run the work in threads instead (`processes=False`): quicker to
start, but a thread cannot be stopped, so its worker is free again only when
its work ends.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from lzlint.locale import set_language
from lzlint.model.document import Vocabulary
from lzlint.sources import Source
from lzlint.web import limits as refuse
from lzlint.web.check import (
    CheckJob,
    CheckOutcome,
    CheckRequest,
    check_uploads,
    request_folder,
)
from lzlint.web.limits import Limits

Work = Callable[[CheckRequest, CheckJob, Vocabulary], CheckOutcome]

# Linted once when a worker starts, so that loading jieba's dictionary is
# not paid by the first clerk's request.
_WARM_UP = "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n"


class WorkerFailed(Exception):
    """The work raised (args: the exception's type name) or the worker process died."""


def warm_up(job: CheckJob, vocabulary: Vocabulary) -> None:
    from lzlint.run.engine import lint_source

    lint_source(Source("warm-up.txt", _WARM_UP, "utf-8"), job.rules, vocabulary, job.settings)


def _worker_main(conn: Connection, job: CheckJob, work: Work, memory: int) -> None:
    """A worker process: limit its memory, load once, then answer requests until the pipe closes."""
    import resource

    # The data segment (heap and private mappings), not the address space: shared
    # libraries of a converter the reader may start (LibreOffice) do not count.
    resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    set_language(job.language)
    vocabulary = job.vocabulary()
    warm_up(job, vocabulary)
    conn.send(("ready", None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", work(request, job, vocabulary)))
        except Exception as exc:  # noqa: BLE001 - reported by type only, the server goes on
            conn.send(("raised", type(exc).__name__))


class _ProcessWorker:
    """One worker process, started when first needed and again after it is stopped."""

    def __init__(self, job: CheckJob, work: Work, memory: int) -> None:
        self.job = job
        self.work = work
        self.memory = memory
        self.process: BaseProcess | None = None
        self.conn: Connection | None = None
        self._starting = threading.Lock()  # a call waits for a start under way

    def start(self) -> None:
        with self._starting:
            if self.process is None:
                self._spawn()

    def _spawn(self) -> None:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker_main, args=(theirs, self.job, self.work, self.memory), daemon=True, name="lzlint-check")
        process.start()
        theirs.close()
        self.process, self.conn = process, ours
        self._receive()  # "ready"

    def _receive(self) -> CheckOutcome | None:
        assert self.conn is not None
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerFailed("died") from None
        if kind == "raised":
            raise WorkerFailed(value)
        return value  # type: ignore[no-any-return]

    def call(self, request: CheckRequest) -> CheckOutcome:
        """Blocking: the outcome of `request`, or WorkerFailed."""
        self.start()
        assert self.conn is not None
        try:
            self.conn.send(request)
        except OSError:
            raise WorkerFailed("died") from None
        outcome = self._receive()
        assert outcome is not None
        return outcome

    def stop(self, restart: bool = True) -> bool:
        """Kill the process and start a fresh one in the background; True: the worker can be handed out at once."""
        with self._starting:
            if self.process is not None:
                self.process.kill()
                self.process.join()
            if self.conn is not None:
                self.conn.close()
            self.process = self.conn = None
        if restart:
            # Started now, not on the next call, so the next request does not pay for it.
            threading.Thread(target=self.start, name="lzlint-restart", daemon=True).start()
        return True


class _ThreadWorker:
    """The work run in the calling thread, for tests: quick to start, impossible to stop."""

    def __init__(self, job: CheckJob, work: Work, vocabulary: Vocabulary) -> None:
        self.job, self.work, self.vocabulary = job, work, vocabulary

    def start(self) -> None:
        warm_up(self.job, self.vocabulary)

    def call(self, request: CheckRequest) -> CheckOutcome:
        try:
            return self.work(request, self.job, self.vocabulary)
        except Exception as exc:  # noqa: BLE001 - as a worker process reports it
            raise WorkerFailed(type(exc).__name__) from None

    def stop(self, restart: bool = True) -> bool:
        return False


class CheckPool:
    """`limits.workers` workers and a bounded number of requests waiting for them."""

    def __init__(self, job: CheckJob, limits: Limits, work: Work = check_uploads, processes: bool = True) -> None:
        self.job = job
        self.limits = limits
        self._places = 0  # requests admitted: running or waiting
        if processes:
            self._workers: list[_ProcessWorker | _ThreadWorker] = [_ProcessWorker(job, work, limits.worker_bytes) for _ in range(limits.workers)]
        else:
            vocabulary = job.vocabulary()
            self._workers = [_ThreadWorker(job, work, vocabulary) for _ in range(limits.workers)]
        self._free: asyncio.Queue[_ProcessWorker | _ThreadWorker] | None = None

    def start(self) -> None:
        """Start every worker now (blocking) so that the first requests do not wait for it."""
        for worker in self._workers:
            worker.start()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop(restart=False)

    @property
    def waiting_or_running(self) -> int:
        return self._places

    @contextmanager
    def admit(self) -> Iterator[None]:
        """Hold a place for one request, or refuse it (503) when every place is taken."""
        if self._places >= self.limits.workers + self.limits.queue:
            raise refuse.busy(self.limits)
        self._places += 1
        try:
            yield
        finally:
            self._places -= 1

    def _free_workers(self) -> asyncio.Queue[_ProcessWorker | _ThreadWorker]:
        if self._free is None:  # made in the event loop that uses it
            self._free = asyncio.Queue()
            for worker in self._workers:
                self._free.put_nowait(worker)
        return self._free

    async def run(self, request: CheckRequest) -> CheckOutcome:
        """The outcome of `request` once a worker is free; Refusal(500) when the worker failed."""
        free = self._free_workers()
        request = replace(request, folder=f"check-{secrets.token_hex(8)}")
        worker = await free.get()
        call = asyncio.ensure_future(asyncio.to_thread(worker.call, request))
        # The call's own outcome is read here or dropped; never "exception never retrieved".
        call.add_done_callback(lambda c: c.cancelled() or c.exception())
        back: _ProcessWorker | _ThreadWorker | None = worker
        try:
            return await asyncio.shield(call)
        except asyncio.CancelledError:
            # Time is up or the client left: stop the work now if it can be stopped.
            if not call.done() and not worker.stop():
                back = None
                call.add_done_callback(lambda _: free.put_nowait(worker))
            raise
        except WorkerFailed:
            worker.stop()
            raise refuse.failed() from None
        finally:
            if back is not None:
                # The worker is done with the folder, or was killed before it could remove it.
                shutil.rmtree(request_folder(self.job, request), ignore_errors=True)
                free.put_nowait(back)

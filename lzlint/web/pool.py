"""The bounded worker pool: at most `workers` checks at once, at most `queue` more waiting, the rest refused.

Checking is CPU work in Python, so the workers are processes (threads would
share one core under the GIL); each loads the rules' vocabulary and jieba
once, when it starts, not once per request. Processes are started with
`spawn`: forking a server that runs an event loop and threads is unsafe.

A request first takes a place (`admit`): running or waiting. When all
places are taken it is refused at once with 503 and a Retry-After, before
its body is read. A place then waits for a worker slot. A slot is given
back when the work in the worker has really finished, not when a client
gave up or timed out, so the bound counts what the machine is doing.

A worker that dies takes the pool down with it (BrokenProcessPool): that
request gets 500, and the next one gets a fresh pool.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

from lzlint.model.document import Vocabulary
from lzlint.sources import Source
from lzlint.web import limits as refuse
from lzlint.web.check import CheckJob, CheckOutcome, CheckRequest, check_uploads
from lzlint.web.limits import Limits

Work = Callable[[CheckRequest, CheckJob, Vocabulary], CheckOutcome]

# A worker process's own state, set once by its initializer (the
# ProcessPoolExecutor way of giving every task the same expensive objects).
_worker: tuple[CheckJob, Vocabulary, Work] | None = None

# Linted once when a worker starts, so that loading jieba's dictionary is
# not paid by the first clerk's request.
_WARM_UP = "关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n全面推进依法行政。\n"


def warm_up(job: CheckJob, vocabulary: Vocabulary) -> None:
    from lzlint.run.engine import lint_source

    lint_source(Source("warm-up.txt", _WARM_UP, "utf-8"), job.rules, vocabulary, job.settings)


def _start_worker(job: CheckJob, work: Work) -> None:
    global _worker
    vocabulary = job.vocabulary()
    warm_up(job, vocabulary)
    _worker = (job, vocabulary, work)


def _in_worker(request: CheckRequest) -> CheckOutcome:
    assert _worker is not None, "worker used before its initializer ran"
    job, vocabulary, work = _worker
    return work(request, job, vocabulary)


def _ready() -> bool:
    return _worker is not None


class CheckPool:
    """Runs checks in `limits.workers` processes (or threads, for tests) with a bounded queue."""

    def __init__(self, job: CheckJob, limits: Limits, work: Work = check_uploads, processes: bool = True) -> None:
        self.job = job
        self.limits = limits
        self._work = work
        self._processes = processes
        self._places = 0  # requests admitted: running or waiting
        self._slots: asyncio.Semaphore | None = None
        # Thread mode shares one vocabulary; process mode loads one per worker.
        self._vocabulary = None if processes else job.vocabulary()
        self._executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if self._processes:
            return ProcessPoolExecutor(
                max_workers=self.limits.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.job, self._work),
            )
        return ThreadPoolExecutor(max_workers=self.limits.workers, thread_name_prefix="lzlint-check")

    def start(self) -> None:
        """Start every worker now and wait until each has loaded its vocabulary."""
        if self._processes:
            for future in [self._executor.submit(_ready) for _ in range(self.limits.workers)]:
                future.result()
        else:
            assert self._vocabulary is not None
            warm_up(self.job, self._vocabulary)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

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

    def _submit(self, request: CheckRequest) -> Future[CheckOutcome]:
        if self._processes:
            return self._executor.submit(_in_worker, request)
        assert self._vocabulary is not None
        return self._executor.submit(self._work, request, self.job, self._vocabulary)

    def _renew(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()

    def _submit_or_renew(self, request: CheckRequest) -> Future[CheckOutcome]:
        try:
            return self._submit(request)
        except BrokenProcessPool:
            # A worker died after the last request; this one gets a fresh pool.
            self._renew()
            return self._submit(request)

    async def run(self, request: CheckRequest) -> CheckOutcome:
        """The outcome of `request` once a worker slot is free; Refusal(500) when the worker failed."""
        if self._slots is None:  # made in the event loop that uses it
            self._slots = asyncio.Semaphore(self.limits.workers)
        slots = self._slots
        await slots.acquire()
        loop = asyncio.get_running_loop()
        executor = self._executor
        try:
            future = self._submit_or_renew(request)
        except BaseException:
            slots.release()
            raise

        def give_back(_: Future[CheckOutcome]) -> None:
            try:
                loop.call_soon_threadsafe(slots.release)
            except RuntimeError:  # the server stopped meanwhile: nothing waits for the slot
                pass

        future.add_done_callback(give_back)
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            if self._executor is executor:  # not renewed yet by another request that saw it break
                self._renew()
            raise refuse.failed() from None
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - what a worker raised is not shown (it may quote the draft): 500
            raise refuse.failed() from None

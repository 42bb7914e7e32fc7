"""Runs summaries off the event loop: a bounded thread pool, a bounded queue, and a time budget per request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from service.errors import ClientDisconnectedError, JobTimeoutError, QueueFullError

T = TypeVar("T")


class JobRunner:
    """At most `max_concurrent` jobs run at once and at most `max_queued` wait; more are refused with 429.

    A job that outlives its time budget is answered with 504, and one whose client goes away (`abandoned`) is
    dropped: a queued job is cancelled at once; a running thread cannot be killed, so `on_abandon` is called for
    it to stop at its next check (the summariser's `should_stop`), and it keeps its slot until then, so the bound
    on concurrent work holds even when clients give up.

    Example:
        >>> runner = JobRunner(max_concurrent=1, max_queued=0, retry_after_s=1)
        >>> asyncio.run(runner.run(lambda: 6 * 7, timeout_s=5))
        42
        >>> runner.shutdown()
    """

    def __init__(self, *, max_concurrent: int, max_queued: int, retry_after_s: int) -> None:
        self._executor = ThreadPoolExecutor(max_workers=max_concurrent, thread_name_prefix="summarize")
        self._capacity = max_concurrent + max_queued
        self._retry_after_s = retry_after_s
        self._pending = 0
        self._running = 0
        self._rejected = 0
        # Released from worker threads (done callbacks), taken on the event loop.
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    @property
    def running(self) -> int:
        """Jobs a thread is working on now (the rest of `pending` waits in the queue)."""
        return self._running

    @property
    def rejected(self) -> int:
        """Jobs refused with 429 since the runner was made."""
        return self._rejected

    async def run(
        self, job: Callable[[], T], *, timeout_s: float, abandoned: Callable[[], Awaitable[object]] | None = None,
        on_abandon: Callable[[], object] | None = None,
    ) -> T:
        """Run `job` in the pool and return its result, or raise QueueFullError / JobTimeoutError, or
        ClientDisconnectedError when what `abandoned()` awaits (e.g. the client's disconnect) happens first."""
        with self._lock:
            if self._pending >= self._capacity:
                self._rejected += 1
                raise QueueFullError(
                    f"The server is busy: {self._pending} summaries are running or waiting; "
                    f"retry in {self._retry_after_s} s.",
                    details={"retry_after_s": self._retry_after_s},
                    headers={"Retry-After": str(self._retry_after_s)},
                )
            self._pending += 1
        try:
            future = self._executor.submit(self._counted, job)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)
        result = asyncio.wrap_future(future)
        watch = asyncio.ensure_future(abandoned()) if abandoned is not None else None
        waits: list[asyncio.Future[Any]] = [result] if watch is None else [result, watch]
        try:
            await asyncio.wait(waits, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        except BaseException:  # this request's task was cancelled (e.g. the server is stopping)
            future.cancel()
            result.cancel()
            if on_abandon is not None:
                on_abandon()
            raise
        finally:
            if watch is not None:
                watch.cancel()
        if result.done():
            return result.result()
        future.cancel()  # cancels the job if it is still queued, freeing its place at once
        result.cancel()  # no one will read it
        if on_abandon is not None:
            on_abandon()
        if watch is not None and watch.done() and not watch.cancelled():
            watch.exception()  # retrieved, so a failed watch is not logged as never retrieved
            raise ClientDisconnectedError("The client disconnected; its summary was dropped.")
        raise JobTimeoutError(
            f"The summary did not finish within the time budget of {timeout_s:g} s; "
            "send fewer or shorter documents.",
            details={"timeout_s": timeout_s},
        )

    def _counted(self, job: Callable[[], T]) -> T:
        with self._lock:
            self._running += 1
        try:
            return job()
        finally:
            with self._lock:
                self._running -= 1

    def _release(self, _: object = None) -> None:
        with self._lock:
            self._pending -= 1

    def shutdown(self) -> None:
        """Drop queued jobs and let running ones finish in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)

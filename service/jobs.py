"""Runs summaries off the event loop: a bounded thread pool, a bounded queue, and a time budget per request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from service.errors import JobTimeoutError, QueueFullError

T = TypeVar("T")


class JobRunner:
    """At most `max_concurrent` jobs run at once and at most `max_queued` wait; more are refused with 429.

    A job that outlives its time budget is answered with 504, but a running thread cannot be stopped: it keeps its
    slot until it finishes, so the bound on concurrent work holds even when clients give up.

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
        # Released from worker threads (done callbacks), taken on the event loop.
        self._lock = threading.Lock()

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    async def run(self, job: Callable[[], T], *, timeout_s: float) -> T:
        """Run `job` in the pool and return its result, or raise QueueFullError / JobTimeoutError."""
        with self._lock:
            if self._pending >= self._capacity:
                raise QueueFullError(
                    f"The server is busy: {self._pending} summaries are running or waiting; "
                    f"retry in {self._retry_after_s} s.",
                    details={"retry_after_s": self._retry_after_s},
                    headers={"Retry-After": str(self._retry_after_s)},
                )
            self._pending += 1
        try:
            future = self._executor.submit(job)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout=timeout_s)
        except TimeoutError:
            future.cancel()  # frees the place at once if the job was still queued
            raise JobTimeoutError(
                f"The summary did not finish within the time budget of {timeout_s:g} s; "
                "send fewer or shorter documents.",
                details={"timeout_s": timeout_s},
            ) from None

    def _release(self, _: object = None) -> None:
        with self._lock:
            self._pending -= 1

    def shutdown(self) -> None:
        """Drop queued jobs and let running ones finish in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)

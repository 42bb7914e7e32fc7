"""Jobs for work too long for one request (a pile told as stories): queued, run one at a time, polled by id.

Everything is bounded: at most `max_pending` jobs queued or running (more get 429 with Retry-After), a result is
kept `ttl_s` seconds after its job ends and at most `max_kept` ended jobs are kept (the oldest go first), and a
job that runs past `timeout_s` is stopped at its next check and fails with `timeout`. Ids are
`secrets.token_urlsafe(16)`: 128 random bits, so a job's result is readable only by whoever was given its id.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

from service.errors import InternalError, JobNotFoundError, JobTimeoutError, QueueFullError, ServiceError
from summarizer import StoppedError, SummarizerError

logger = logging.getLogger(__name__)

Status = Literal["queued", "running", "succeeded", "failed"]
#: Work for a job: given a `should_stop` to ask between steps, returns the JSON result.
Work = Callable[[Callable[[], bool]], dict[str, Any]]


@dataclass
class Job:
    """One job: its status, and its result or error once it has ended."""

    id: str
    status: Status = "queued"
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    ended: float | None = None
    stop: threading.Event = field(default_factory=threading.Event)

    def view(self) -> dict[str, Any]:
        """The body of `GET /jobs/{id}`: the status, and the result or the error once there is one."""
        body: dict[str, Any] = {"status": self.status}
        if self.result is not None:
            body["result"] = self.result
        if self.error is not None:
            body["error"] = self.error
        return body


class JobStore:
    """Queues jobs on one worker thread and keeps their results for a while.

    Example:
        >>> store = JobStore(max_pending=1, max_kept=4, ttl_s=60, timeout_s=60, retry_after_s=1)
        >>> job = store.submit(lambda should_stop: {"answer": 42})
        >>> store.wait(job.id, timeout=5) and store.get(job.id).view()
        {'status': 'succeeded', 'result': {'answer': 42}}
        >>> store.shutdown()
    """

    def __init__(
        self, *, max_pending: int, max_kept: int, ttl_s: float, timeout_s: float, retry_after_s: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stories")
        self._max_pending, self._max_kept, self._ttl_s = max_pending, max_kept, ttl_s
        self._timeout_s, self._retry_after_s, self._clock = timeout_s, retry_after_s, clock
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._done: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def submit(self, work: Work) -> Job:
        """Queue `work` as a new job, or raise QueueFullError when `max_pending` jobs are queued or running."""
        with self._lock:
            self._forget_expired()
            pending = sum(1 for job in self._jobs.values() if job.ended is None)
            if pending >= self._max_pending:
                raise QueueFullError(
                    f"The server is busy: {pending} story jobs are queued or running; "
                    f"retry in {self._retry_after_s} s.",
                    details={"retry_after_s": self._retry_after_s},
                    headers={"Retry-After": str(self._retry_after_s)},
                )
            job = Job(id=secrets.token_urlsafe(16))
            self._jobs[job.id] = job
            self._done[job.id] = threading.Event()
        self._executor.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job:
        """The job with this id, or JobNotFoundError (never made, or ended more than `ttl_s` ago)."""
        with self._lock:
            self._forget_expired()
            job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFoundError(
                "No such job: its id is wrong, or it ended long enough ago that its result was dropped "
                f"(results are kept {self._ttl_s:g} s); submit the work again.")
        return job

    def wait(self, job_id: str, timeout: float | None = None) -> bool:
        """Block until the job has ended (for tests and scripts); False if it has not within `timeout`."""
        done = self._done.get(job_id)
        return done.wait(timeout) if done is not None else True

    def shutdown(self) -> None:
        """Stop the running job at its next check and drop the queued ones."""
        with self._lock:
            for job in self._jobs.values():
                job.stop.set()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, work: Work) -> None:
        if job.stop.is_set():
            return self._end(job, error=ServiceError("The server is stopping; the job was dropped."))
        job.status = "running"
        deadline = self._clock() + self._timeout_s
        try:
            result = work(lambda: job.stop.is_set() or self._clock() > deadline)
        except StoppedError:
            timeout = JobTimeoutError(f"The job did not finish within its time budget of {self._timeout_s:g} s; "
                                      "send a smaller pile.", details={"timeout_s": self._timeout_s})
            return self._end(job, error=timeout)
        except (SummarizerError, ServiceError) as exc:
            return self._end(job, error=exc)
        except Exception as exc:  # the job fails, the server goes on; the traceback goes to the log
            return self._end(job, error=InternalError(f"Internal error: {type(exc).__name__}; the server log has "
                                                      "the details."), cause=exc)
        return self._end(job, result=result)

    def _end(self, job: Job, *, result: dict[str, Any] | None = None, error: Exception | None = None,
             cause: Exception | None = None) -> None:
        if cause is not None:
            logger.error("story job %s failed", job.id, exc_info=cause)
        with self._lock:
            if error is not None:
                job.status, job.error = "failed", _error_body(error)
            else:
                job.status, job.result = "succeeded", result
            job.ended = self._clock()
            self._jobs.move_to_end(job.id)
            self._forget_expired()
        self._done[job.id].set()

    def _forget_expired(self) -> None:
        """Drop ended jobs past their lifetime, then the oldest ended ones beyond `max_kept` (lock held)."""
        now = self._clock()
        ended = [job for job in self._jobs.values() if job.ended is not None]
        expired = [job for job in ended if now - (job.ended or now) > self._ttl_s]
        surplus = [job for job in ended if job not in expired][:max(0, len(ended) - len(expired) - self._max_kept)]
        for job in expired + surplus:
            del self._jobs[job.id]
            self._done.pop(job.id, None)


def _error_body(exc: Exception) -> dict[str, Any]:
    """The error of a failed job, in the shape of every error body's `error` object."""
    if isinstance(exc, ServiceError):
        return {"code": exc.code, "message": exc.message, "details": exc.details}
    code = exc.code if isinstance(exc, SummarizerError) else "internal_error"
    return {"code": code, "message": str(exc), "details": None}

"""The job store on its own: unguessable ids, a time budget, and a bound on the results it keeps."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from service.errors import JobNotFoundError, QueueFullError
from service.story_jobs import JobStore
from summarizer import NoUsableTextError, StoppedError


def store(**options: float) -> JobStore:
    settings = {"max_pending": 2, "max_kept": 8, "ttl_s": 60, "timeout_s": 60, "retry_after_s": 3, **options}
    return JobStore(**settings)  # type: ignore[arg-type]


def test_ids_are_long_random_and_never_repeat() -> None:
    jobs = store(max_pending=200)
    ids = [jobs.submit(lambda _: {}).id for _ in range(100)]
    jobs.shutdown()

    assert len(set(ids)) == 100 and min(len(i) for i in ids) >= 22


def test_a_job_past_its_time_budget_fails_with_timeout_at_its_next_check() -> None:
    now = [0.0]
    jobs = JobStore(max_pending=2, max_kept=8, ttl_s=60, timeout_s=10, retry_after_s=3, clock=lambda: now[0])
    answers: list[bool] = []
    checked, go_on = threading.Event(), threading.Event()

    def slow(should_stop: Callable[[], bool]) -> dict[str, int]:
        answers.append(should_stop())  # within its budget: go on
        checked.set()
        go_on.wait(5)
        answers.append(should_stop())  # past it: stop (as the library does between steps)
        raise StoppedError("stopped")

    job = jobs.submit(slow)
    assert checked.wait(5)
    now[0] = 10.5
    go_on.set()
    assert jobs.wait(job.id, timeout=5)
    view = jobs.get(job.id).view()
    jobs.shutdown()

    assert answers == [False, True]
    assert view["status"] == "failed" and view["error"]["code"] == "timeout"


def test_a_library_error_fails_the_job_with_its_code() -> None:
    jobs = store()

    def unusable(_: Callable[[], bool]) -> dict[str, int]:
        raise NoUsableTextError("No usable sentence found.")

    job = jobs.submit(unusable)
    jobs.wait(job.id, timeout=5)

    assert jobs.get(job.id).view() == {"status": "failed", "error": {
        "code": "no_usable_text", "message": "No usable sentence found.", "details": None}}
    jobs.shutdown()


def test_only_the_newest_ended_jobs_are_kept_and_a_full_queue_is_refused() -> None:
    jobs = store(max_kept=2, max_pending=1)
    ended = []
    for n in range(4):
        job = jobs.submit(lambda _, n=n: {"n": n})
        jobs.wait(job.id, timeout=5)
        ended.append(job.id)
    gate = threading.Event()
    jobs.submit(lambda _: {"gate": gate.wait(5)})

    with pytest.raises(QueueFullError):
        jobs.submit(lambda _: {})
    for old in ended[:2]:
        with pytest.raises(JobNotFoundError):
            jobs.get(old)
    assert [jobs.get(i).view()["result"] for i in ended[2:]] == [{"n": 2}, {"n": 3}]
    gate.set()
    jobs.shutdown()

from __future__ import annotations

import asyncio
import threading

import pytest

from service.errors import JobTimeoutError, QueueFullError
from service.jobs import JobRunner


def test_a_job_runs_off_the_event_loop_thread_and_returns_its_result() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=0, retry_after_s=1)

    name = asyncio.run(runner.run(lambda: threading.current_thread().name, timeout_s=5))

    assert name.startswith("summarize") and runner.pending == 0
    runner.shutdown()


def test_jobs_past_the_running_and_queued_bound_are_refused() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=1, retry_after_s=3)
    gate = threading.Event()

    async def scenario() -> None:
        running = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        queued = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        await asyncio.sleep(0.05)
        with pytest.raises(QueueFullError) as refused:
            await runner.run(lambda: True, timeout_s=5)
        assert refused.value.headers == {"Retry-After": "3"}
        gate.set()
        assert await running and await queued

    asyncio.run(scenario())
    assert runner.pending == 0
    runner.shutdown()


def test_a_timed_out_job_keeps_its_slot_until_its_thread_finishes() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=0, retry_after_s=1)
    gate = threading.Event()

    async def scenario() -> None:
        with pytest.raises(JobTimeoutError):
            await runner.run(lambda: gate.wait(5), timeout_s=0.05)
        # The thread is still working, so the bound still counts it.
        assert runner.pending == 1
        with pytest.raises(QueueFullError):
            await runner.run(lambda: True, timeout_s=1)
        gate.set()
        await asyncio.sleep(0.05)
        assert await runner.run(lambda: "free again", timeout_s=1) == "free again"

    asyncio.run(scenario())
    runner.shutdown()


def test_a_queued_job_that_times_out_never_runs() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=1, retry_after_s=1)
    gate = threading.Event()
    ran: list[str] = []

    async def scenario() -> None:
        blocker = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        await asyncio.sleep(0.02)
        with pytest.raises(JobTimeoutError):
            await runner.run(lambda: ran.append("queued"), timeout_s=0.05)
        assert runner.pending == 1
        gate.set()
        await blocker

    asyncio.run(scenario())
    assert ran == []
    runner.shutdown()


def test_the_runner_counts_jobs_running_waiting_and_refused() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=1, retry_after_s=1)
    gate = threading.Event()
    seen: dict[str, int] = {}

    async def scenario() -> None:
        running = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        queued = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        await asyncio.sleep(0.05)
        for _ in range(2):
            with pytest.raises(QueueFullError):
                await runner.run(lambda: True, timeout_s=5)
        seen.update(running=runner.running, pending=runner.pending, rejected=runner.rejected)
        gate.set()
        await running, await queued

    asyncio.run(scenario())
    assert seen == {"running": 1, "pending": 2, "rejected": 2}
    assert (runner.running, runner.pending, runner.rejected) == (0, 0, 2)
    runner.shutdown()

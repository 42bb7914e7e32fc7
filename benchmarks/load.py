"""Load test of the HTTP service on 127.0.0.1: latency at and beyond capacity, 429s, recovery, and memory.

Run it from the repository root; it starts its own server (a fake embedder with a fixed delay by default, or the
real model with --real), drives it, stops it, and prints a JSON report:

    python -m benchmarks.load                       # long form: 5,000 leak-check requests, ~2-3 minutes
    python -m benchmarks.load --quick               # the short form the test suite runs (~30 s)
    python -m benchmarks.load --real --leak-requests 1000 --out docs/benchmarks/load.json

Phases: warm-up; baseline (one request at a time); overload (many more concurrent clients than job slots and
queue places, so the server must answer 429 with Retry-After); recovery (one at a time again, latency compared
with the baseline); leak check (server RSS after the warm-up against RSS after N more requests). Every loop is
bounded in requests and seconds, and only loopback addresses are ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from benchmarks._common import free_port, percentile, rss_bytes, running_server

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
#: Statuses the service may answer under load by design; anything else 5xx is a failure.
EXPECTED_STATUSES = frozenset({200, 429, 503, 504})


def serve_fake(port: int, *, delay_s: float) -> None:
    """Serve the real app on 127.0.0.1 with the fake embedder, slowed to a model's pace, in place of the model."""
    import uvicorn

    from service.app import create_app
    from service.model import get_model_loader
    from service.settings import Settings
    from summarizer import Summarizer
    from summarizer.testing import FakeEmbedder

    def loader(settings: Settings) -> Summarizer:
        # Calls are not recorded: the leak check sends thousands of requests, and the list would grow with them.
        embedder = FakeEmbedder(delay_s=delay_s, record=False)
        return Summarizer(embedder, limits=settings.limits(), cache_size=settings.cache_size)

    # The request log follows uvicorn's level unless the environment asks for it (thousands of lines otherwise).
    os.environ.setdefault("SUMMARIZER_LOG_LEVEL", "warning")
    app = create_app()
    app.dependency_overrides[get_model_loader] = lambda: loader
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


@contextmanager
def server(
    *, real: bool = False, delay_s: float = 0.01, env: dict[str, str] | None = None, ready_timeout_s: float = 120,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A server process on a free loopback port, ready; its base URL and process. Stopped on exit (SIGTERM)."""
    port = free_port()
    command = ([sys.executable, "-m", "service", "--port", str(port), "--log-level", "warning"] if real else
               [sys.executable, "-m", "benchmarks.load", "serve-fake", "--port", str(port), "--delay", str(delay_s)])
    with running_server(command, port=port, env={**os.environ, **(env or {})}, within=ready_timeout_s) as started:
        yield started


def request_body(n: int) -> dict[str, Any]:
    """A small story of three articles; n picks one of 20 wordings, so the embedding cache stays bounded."""
    v = n % 20
    lead = f"The council of district {v} approved the new budget on Tuesday after a long debate."
    return {"documents": [
        {"id": "a", "text": f"{lead}\n\nThe budget adds money for schools and roads in district {v}. "
                            "Critics said the plan raises taxes too quickly. The mayor welcomed the vote."},
        {"id": "b", "text": f"{lead}\n\nSchools get the largest share of the new spending. "
                            "The vote was seven to four. Opponents promised to challenge the plan in court."},
        {"id": "c", "text": f"Officials in district {v} passed a budget on Tuesday. "
                            "Road repairs will start in the spring. Taxes will rise by two percent next year."},
    ], "sentences": 3}


def percentiles(latencies: Sequence[float]) -> dict[str, float | None]:
    """p50, p95 and p99 in milliseconds (None when there are no samples)."""
    return {f"p{q}_ms": round(percentile(latencies, q) * 1000, 1) if latencies else None for q in (50, 95, 99)}


@dataclass
class Phase:
    """What one phase sent and got back."""

    name: str
    requests: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latency_ok: dict[str, float | None] = field(default_factory=dict)
    retry_after_on_429: bool = True
    transport_errors: int = 0
    seconds: float = 0.0


async def drive(base: str, *, name: str, requests: int, concurrency: int, max_seconds: float, offset: int = 0) -> Phase:
    """Send up to `requests` POST /summarize from `concurrency` clients, for at most `max_seconds`."""
    check_loopback(base)
    phase, latencies, statuses = Phase(name), [], Counter[int]()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker() -> None:
            for n in counter:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post("/summarize", json=request_body(offset + n))
                except httpx.TransportError:
                    phase.transport_errors += 1
                    continue
                elapsed = time.perf_counter() - started
                statuses[response.status_code] += 1
                if response.status_code == 200:
                    latencies.append(elapsed)
                elif response.status_code == 429 and not response.headers.get("retry-after", "").isdigit():
                    phase.retry_after_on_429 = False

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        phase.seconds = round(time.perf_counter() - started, 2)
    phase.requests = sum(statuses.values()) + phase.transport_errors
    phase.statuses = dict(sorted(statuses.items()))
    phase.latency_ok = percentiles(latencies)
    return phase


def check_loopback(base: str) -> None:
    host = urlsplit(base).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"the load test only targets loopback addresses, not {host!r}")


@dataclass(frozen=True)
class Plan:
    """How much load each phase sends."""

    warmup: int = 50
    baseline: int = 50
    overload: int = 600
    overload_concurrency: int = 32
    recovery: int = 50
    leak_requests: int = 5000
    leak_concurrency: int = 2
    max_seconds_per_phase: float = 120.0


QUICK = Plan(warmup=20, baseline=20, overload=120, overload_concurrency=16, recovery=20, leak_requests=300,
             leak_concurrency=2, max_seconds_per_phase=20.0)


def run(base: str, pid: int, plan: Plan) -> dict[str, Any]:
    """Drive a started server through every phase; the report (JSON-ready)."""
    phases = []

    def phase(name: str, requests: int, concurrency: int, offset: int = 0) -> Phase:
        result = asyncio.run(drive(base, name=name, requests=requests, concurrency=concurrency,
                                   max_seconds=plan.max_seconds_per_phase, offset=offset))
        phases.append(result)
        return result

    phase("warmup", plan.warmup, 1)
    rss_start = rss_bytes(pid)
    baseline = phase("baseline", plan.baseline, 1)
    overload = phase("overload", plan.overload, plan.overload_concurrency)
    time.sleep(1.0)  # let the last queued jobs drain
    recovery = phase("recovery", plan.recovery, 1)
    rss_before_leak = rss_bytes(pid)
    leak = phase("leak", plan.leak_requests, plan.leak_concurrency, offset=7)
    rss_end = rss_bytes(pid)
    all_statuses: Counter[int] = Counter()
    for p in phases:
        all_statuses.update(p.statuses)
    unexpected = {s: c for s, c in all_statuses.items() if s not in EXPECTED_STATUSES}
    return {
        "plan": asdict(plan),
        "phases": [asdict(p) for p in phases],
        "unexpected_statuses": unexpected,
        "transport_errors": sum(p.transport_errors for p in phases),
        "overload_429": overload.statuses.get(429, 0),
        "retry_after_on_every_429": all(p.retry_after_on_429 for p in phases),
        "baseline_p50_ms": baseline.latency_ok["p50_ms"],
        "recovery_p50_ms": recovery.latency_ok["p50_ms"],
        "rss_mib": {"after_warmup": round(rss_start / 2**20, 1), "before_leak_check": round(rss_before_leak / 2**20, 1),
                    "after_leak_check": round(rss_end / 2**20, 1)},
        "leak_check_requests_ok": leak.statuses.get(200, 0),
        "rss_growth_mib_over_leak_check": round((rss_end - rss_before_leak) / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    fake = sub.add_parser("serve-fake", help="serve the app with the slowed fake embedder (used by the tests)")
    fake.add_argument("--port", type=int, required=True)
    fake.add_argument("--delay", type=float, default=0.01, help="seconds each embedding call sleeps")
    parser.add_argument("--quick", action="store_true", help="the short form run by the test suite")
    parser.add_argument("--real", action="store_true", help="load the real model instead of the fake embedder")
    parser.add_argument("--delay", type=float, default=0.01, help="fake embedder: seconds per embedding call")
    parser.add_argument("--leak-requests", type=int, help="requests in the leak check (default 5000; quick 300)")
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    args = parser.parse_args(argv)
    if args.command == "serve-fake":
        serve_fake(args.port, delay_s=args.delay)
        return
    plan = QUICK if args.quick else Plan()
    if args.leak_requests is not None:
        plan = Plan(**{**asdict(plan), "leak_requests": args.leak_requests})
    # One job slot and four queue places: 24-32 concurrent clients are several times capacity.
    env = {"SUMMARIZER_MAX_CONCURRENT_JOBS": "1", "SUMMARIZER_MAX_QUEUED_JOBS": "4", "SUMMARIZER_RETRY_AFTER_S": "1"}
    with server(real=args.real, delay_s=args.delay, env=env) as (base, process):
        report = run(base, process.pid, plan)
    report["server"] = "real model" if args.real else f"fake embedder, {args.delay:g} s per call"
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Load and memory against a real server process on 127.0.0.1 (the fake embedder, with a delay like a model's)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from benchmarks._common import rss_bytes
from benchmarks.load import QUICK, run, server

pytestmark = pytest.mark.e2e


def test_at_and_beyond_capacity_only_429s_with_retry_after_then_recovery_and_no_leak() -> None:
    env = {"SUMMARIZER_MAX_CONCURRENT_JOBS": "1", "SUMMARIZER_MAX_QUEUED_JOBS": "4", "SUMMARIZER_RETRY_AFTER_S": "1"}
    with server(delay_s=0.01, env=env) as (base, process):
        report = run(base, process.pid, QUICK)
    print("\n", {k: v for k, v in report.items() if k not in ("phases", "plan")})
    phases = {p["name"]: p for p in report["phases"]}

    assert report["unexpected_statuses"] == {} and report["transport_errors"] == 0
    assert report["overload_429"] > 0 and report["retry_after_on_every_429"]
    assert phases["overload"]["statuses"].get(200, 0) > 0  # saturated, still serving
    for name in ("baseline", "recovery", "leak"):
        assert set(phases[name]["statuses"]) == {200}, phases[name]
    # Recovery: back near the baseline (loose: the CI machine's CPU is shared).
    assert report["recovery_p50_ms"] <= 3 * report["baseline_p50_ms"] + 50, report
    assert report["leak_check_requests_ok"] >= 100  # bounded by time too: a busy CI machine gets through fewer
    assert report["rss_growth_mib_over_leak_check"] < 20, report["rss_mib"]


def _chunks(total: int, size: int = 2**20) -> Iterator[bytes]:
    yield b'{"documents":[{"text":"'
    for _ in range(total // size):
        yield b"a" * size
    yield b'"}]}'


def test_a_streamed_50_mb_body_is_refused_without_the_server_buffering_it() -> None:
    with server(delay_s=0.01) as (base, process):
        before = rss_bytes(process.pid)
        peak = before
        for _ in range(3):  # three in a row: a buffered body would show as 50 MB or more each time
            try:
                response = httpx.post(f"{base}/summarize", content=_chunks(50 * 2**20),
                                      headers={"content-type": "application/json"}, timeout=30)
                assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"
            except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
                pass  # the server answered 413 and closed while the client was still sending: also a refusal
            peak = max(peak, rss_bytes(process.pid))
        time.sleep(0.2)
        healthy = httpx.get(f"{base}/healthz", timeout=5).status_code

    assert healthy == 200
    assert (peak - before) / 2**20 < 30, f"RSS grew by {(peak - before) / 2**20:.1f} MiB"

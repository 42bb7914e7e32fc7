"""Load and memory against a real server process on 127.0.0.1 (the fake embedder, with a delay like a model's)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import requests

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
            # The rest of the body is read and thrown away before the 413 is sent, so the client reads it.
            response = httpx.post(f"{base}/summarize", content=_chunks(50 * 2**20),
                                  headers={"content-type": "application/json"}, timeout=30)
            assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"
            peak = max(peak, rss_bytes(process.pid))
        time.sleep(0.2)
        healthy = httpx.get(f"{base}/healthz", timeout=5).status_code

    assert healthy == 200
    assert (peak - before) / 2**20 < 30, f"RSS grew by {(peak - before) / 2**20:.1f} MiB"


def _post_with_requests(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    response = requests.post(url, data=body, headers={"content-type": "application/json"}, timeout=60)
    return response.status_code, response.json()


def _post_with_httpx(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    response = httpx.post(url, content=body, headers={"content-type": "application/json"}, timeout=60)
    return response.status_code, response.json()


def _post_with_urllib(url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=body, headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_60_mb_body_gets_the_json_413_with_requests_httpx_and_urllib_and_is_never_buffered() -> None:
    # requests and urllib send the whole body before they read the answer: a server that answers and closes
    # first makes them see "connection reset by peer" instead of the 413.
    body = b'{"documents":[{"text":"' + b"a" * (60 * 10**6) + b'"}]}'
    answers: dict[str, tuple[int, dict[str, Any]]] = {}
    with server(delay_s=0.01) as (base, process):
        before = peak = rss_bytes(process.pid)
        watching = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not watching.is_set():
                peak = max(peak, rss_bytes(process.pid))
                time.sleep(0.005)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            for post in (_post_with_requests, _post_with_httpx, _post_with_urllib):
                answers[post.__name__] = post(f"{base}/summarize", body)
        finally:
            watching.set()
            watcher.join()
        healthy = httpx.get(f"{base}/healthz", timeout=5).status_code

    for client, (status, error) in answers.items():
        assert status == 413 and error["error"]["code"] == "body_too_large", (client, status, error)
        assert error["error"]["details"] == {"max_body_bytes": 10 * 1024 * 1024}
    assert healthy == 200
    assert (peak - before) / 2**20 < 30, f"RSS grew by {(peak - before) / 2**20:.1f} MiB for a 57 MiB body"

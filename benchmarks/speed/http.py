"""The HTTP stage of the speed benchmark: `summarize-server` as users run it, timed cold and cached."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks._common import BIN, ROOT, free_port, peak_rss_mb, percentile, wait_until_ready
from benchmarks.speed.plan import Plan
from benchmarks.speed.results import HttpRun, LoadRun
from summarizer import Document


def body(documents: Sequence[Document]) -> dict[str, Any]:
    return {"documents": [{"id": d.id, "text": d.text} for d in documents], "sentences": 5}


def http_benchmark(backend: str, plan: Plan, scratch: Path, stories: dict[str, list[Document]],
                   clusters: list[tuple[str, tuple[Document, ...]]]) -> HttpRun:
    """Start `summarize-server` with SUMMARIZER_BACKEND=backend, time requests cold and cached, stop it, read RSS."""
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "SUMMARIZER_BACKEND": backend}
    with open(scratch / f"server-{backend}.log", "ab") as log:
        started = time.perf_counter()
        server = subprocess.Popen([str(BIN / "summarize-server"), "--port", str(port), "--log-level", "warning"],
                                  cwd=ROOT, stdout=log, stderr=log, env=env)
    result = HttpRun(backend=backend, port=port)
    try:
        with httpx.Client(base_url=url, timeout=300) as client:
            ready = wait_until_ready(url, server, within=300, since=started)
            result.listening_s, result.ready_s = ready.listening_s, ready.ready_s
            result.idle_rss_mb = peak_rss_mb(server.pid)

            def post(payload: dict[str, Any]) -> float | None:
                """Latency of one request, or None (and the reason kept) when it is not answered 200."""
                begun = time.perf_counter()
                response = client.post("/summarize", json=payload)
                elapsed = time.perf_counter() - begun
                if response.status_code != 200:
                    result.failures.append(f"{response.status_code} after {elapsed:.1f} s: {response.text[:160]}")
                    return None
                return elapsed

            def load(payloads: list[dict[str, Any]], concurrency: int) -> LoadRun:
                begun = time.perf_counter()
                with ThreadPoolExecutor(concurrency) as pool:
                    answers = list(pool.map(post, payloads))
                wall = time.perf_counter() - begun
                latencies = [a for a in answers if a is not None] or [float("nan")]
                return LoadRun(concurrency=concurrency, n=len(answers), failed=answers.count(None),
                               p50_s=percentile(latencies, 50), p95_s=percentile(latencies, 95),
                               max_s=max(latencies), requests_per_s=(len(answers) - answers.count(None)) / wall,
                               latencies_s=latencies)

            seeds_body = body(stories["seeds"])
            result.seeds_first_s = post(seeds_body)
            result.seeds_cached = [load([seeds_body] * n, c) for n, c in zip(plan.http_cached, (1, 4), strict=True)]
            n1, n4 = plan.http_cold
            if n1 + n4:
                bodies = [body(docs) for _, docs in clusters]
                result.cold_clusters = [load(bodies[:n1], 1), load(bodies[n1:n1 + n4], 4)]
                result.cold_cluster_ids = [c for c, _ in clusters[:n1 + n4]]
            if "duc-100" in stories:
                story_body = body(stories["duc-100"])
                result.story100_first_s = post(story_body)
                result.story100_repeat_s = [post(story_body) for _ in range(3)]
            result.info = client.get("/info").json()
            result.peak_rss_mb_hwm = peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        timer = threading.Timer(60, server.kill)
        timer.start()
        _, status, usage = os.wait4(server.pid, 0)
        timer.cancel()
        server.returncode = os.waitstatus_to_exitcode(status)
    # VmHWM, not ru_maxrss: the server is the driver's direct child, so its ru_maxrss starts at the driver's RSS
    result.peak_rss_mb = result.peak_rss_mb_hwm or usage.ru_maxrss / 1024
    return result

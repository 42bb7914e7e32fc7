"""Shared fixtures: a deterministic fake embedder for fast unit tests, the real model once per session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from summarizer import Document, Summarizer, read_paths
from summarizer.testing import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_summarizer(fake_embedder: FakeEmbedder) -> Summarizer:
    return Summarizer(fake_embedder)


@pytest.fixture(scope="session")
def real_summarizer() -> Summarizer:
    """The packaged all-MiniLM-L6-v2 on the CPU, loaded once for the whole test session."""
    return Summarizer(device="cpu")


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return read_paths([SEEDS]).documents


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(env: dict[str, str] | None = None, *, ready_within: float = 180) -> Iterator[str]:
    """A real `summarize-server` with the packaged model on a free 127.0.0.1 port, once ready; its base URL.

    `env` overrides the process environment (an API key set outside is removed unless given here).
    """
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_API_KEY"} | (env or {})
    process = subprocess.Popen([str(Path(sys.executable).parent / "summarize-server"), "--port", str(port),
                                "--log-level", "warning"], cwd=ROOT, env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_within
        while True:
            assert process.poll() is None, "the server exited"
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"the server did not become ready in {ready_within:.0f} s"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)

"""Shared fixtures: a deterministic fake embedder for fast unit tests, the real model once per session."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks._common import BIN, free_port
from benchmarks._common import running_server as started_server
from summarizer import Document, Summarizer, read_paths
from summarizer.testing import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: The installed `summarize` command, beside the interpreter running the tests.
SUMMARIZE = str(BIN / "summarize")


def run_summarize(*args: str, stdin: str | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`summarize ARGS` as a real process from the repository root; it must never print a traceback."""
    result = subprocess.run([SUMMARIZE, *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                            timeout=timeout)
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_summarizer(fake_embedder: FakeEmbedder) -> Summarizer:
    return Summarizer(fake_embedder)


@pytest.fixture(scope="session")
def real_summarizer() -> Summarizer:
    """The packaged all-MiniLM-L6-v2 on the CPU through torch (the reference the onnx backend is checked against),
    loaded once for the whole test session."""
    return Summarizer(device="cpu", backend="torch")


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return read_paths([SEEDS]).documents


@contextmanager
def running_server(env: dict[str, str] | None = None, *, ready_within: float = 180) -> Iterator[str]:
    """A real `summarize-server` with the packaged model on a free 127.0.0.1 port, once ready; its base URL.

    `env` overrides the process environment (an API key set outside is removed unless given here).
    """
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "SUMMARIZER_API_KEY"} | (env or {})
    command = [str(BIN / "summarize-server"), "--port", str(port), "--log-level", "warning"]
    with started_server(command, port=port, env=environment, within=ready_within) as (base, _):
        yield base

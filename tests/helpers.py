"""Helpers shared by the service and reliability tests (imported from here, never from another test module)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from fastapi.testclient import TestClient


class BlockingEmbedder:
    """Wraps an embedder so each `encode` waits until the test releases it: a summary that takes as long as
    the test wants."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.dimension, self.device = inner.name, inner.dimension, inner.device
        self.started = threading.Event()
        self.release = threading.Event()

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.started.set()
        self.release.wait(timeout=30)
        return np.asarray(self.inner.encode(texts))


def wait_ready(client: TestClient, timeout: float = 60.0) -> None:
    """Poll /readyz until the (background-loaded) model is ready: the first load of a test process imports
    scikit-learn (`Summarizer(preload=True)`), seconds on a busy machine."""
    deadline = time.monotonic() + timeout
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the model did not become ready"
        time.sleep(0.01)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Assert the one error shape with this status and code; return the error object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])

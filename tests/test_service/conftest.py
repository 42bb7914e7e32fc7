"""Fixtures for the service tests: an app with a fake-embedder summariser and settings overridden per test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.model import get_model_loader
from service.settings import Settings, get_settings
from summarizer import Document, Summarizer


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


def wait_ready(client: TestClient, timeout: float = 10.0) -> None:
    """Poll /readyz until the (background-loaded) model is ready."""
    deadline = time.monotonic() + timeout
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "the model did not become ready"
        time.sleep(0.01)


@pytest.fixture
def make_client(fake_embedder: Any) -> Callable[..., Any]:
    """A context manager giving a started TestClient; keyword arguments override settings, and `summarizer`
    (a Summarizer or a loader function) replaces the model."""

    @contextmanager
    def make(
        *, summarizer: Summarizer | Callable[[Settings], Summarizer] | None = None, ready: bool = True,
        **settings: Any,
    ) -> Iterator[TestClient]:
        app = create_app()
        overridden = Settings(**settings)
        if summarizer is None:
            loader: Callable[[Settings], Summarizer] = lambda s: Summarizer(  # noqa: E731
                fake_embedder, limits=s.limits(), cache_size=s.cache_size)
        elif isinstance(summarizer, Summarizer):
            loader = lambda _: summarizer  # noqa: E731
        else:
            loader = summarizer
        app.dependency_overrides[get_settings] = lambda: overridden
        app.dependency_overrides[get_model_loader] = lambda: loader
        with TestClient(app) as client:
            if ready:
                wait_ready(client)
            yield client

    return make


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Iterator[TestClient]:
    with make_client() as started:
        yield started


@pytest.fixture
def app_of(client: TestClient) -> FastAPI:
    app = client.app
    assert isinstance(app, FastAPI)
    return app


@pytest.fixture
def seed_request(seed_documents: tuple[Document, ...]) -> dict[str, Any]:
    """The five seed articles as a request body, ids the file stems (as the CLI names them)."""
    return {"documents": [{"id": d.id, "text": d.text} for d in seed_documents]}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """Assert the one error shape with this status and code; return the error object."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])

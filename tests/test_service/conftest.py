"""Fixtures for the service tests: an app with a fake-embedder summariser and settings overridden per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.app import create_app
from service.model import get_model_loader
from service.settings import Settings, get_settings
from summarizer import Document, Summarizer
from tests.helpers import wait_ready


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

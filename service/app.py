"""The ASGI application: wires settings, the model's lifespan, the body guard, error handlers and routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import Scope

from service import __version__
from service.deps import resolve
from service.errors import install_error_handlers
from service.examples import add_examples
from service.jobs import JobRunner
from service.metrics import Metrics
from service.metrics import router as metrics_router
from service.middleware import ApiKeyMiddleware, BodyGuardMiddleware
from service.model import ModelState, get_model_loader
from service.observe import ObserveMiddleware, configure_request_log
from service.routes import router, summarize_router
from service.settings import get_settings
from service.stories import make_job_store
from service.stories import router as stories_router
from service.ui import router as ui_router

DESCRIPTION = """Extractive multi-document summarisation of news stories: send the articles that tell one story,
get back the few sentences that tell it, each traced to the exact span of the article it comes from and to the
other articles that report the same. Every error has the body `{"error": {"code", "message", "details"}}`."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start loading the model in a thread (the server answers meanwhile) and make the bounded job runner."""
    settings = resolve(app, get_settings)
    configure_request_log(settings.log_format, settings.log_level)
    loader = resolve(app, get_model_loader)
    model = ModelState()
    model.start(partial(loader, settings))
    jobs = JobRunner(max_concurrent=settings.max_concurrent_jobs, max_queued=settings.max_queued_jobs,
                     retry_after_s=settings.retry_after_s)
    app.state.model, app.state.jobs = model, jobs
    app.state.story_jobs = story_jobs = make_job_store(settings)
    try:
        yield
    finally:
        jobs.shutdown()
        story_jobs.shutdown()


def _max_body_bytes(scope: Scope) -> int:
    return resolve(scope.get("app"), get_settings).max_body_bytes


def _max_drain_bytes(scope: Scope) -> int:
    return resolve(scope.get("app"), get_settings).max_drain_bytes


def _api_key(scope: Scope) -> str | None:
    key = resolve(scope.get("app"), get_settings).api_key
    return None if key is None else key.get_secret_value()


def create_app() -> FastAPI:
    """A new application; settings and the model loader come from (overridable) dependencies."""
    app = FastAPI(title="story-summarizer", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)
    app.state.metrics = Metrics(app)  # the app's own registry: two apps in one process count apart
    app.add_middleware(BodyGuardMiddleware, max_body_bytes=_max_body_bytes, max_drain_bytes=_max_drain_bytes)
    # Added after the body guard, so it runs before it: a request without the key is refused before its body is read.
    app.add_middleware(ApiKeyMiddleware, api_key=_api_key)
    # Added last, so it runs first: every request is logged and counted, the refused ones too.
    app.add_middleware(ObserveMiddleware, metrics=app.state.metrics)
    app.include_router(router)
    app.include_router(summarize_router)
    app.include_router(summarize_router, prefix="/v1")
    app.include_router(metrics_router)
    app.include_router(stories_router)
    app.include_router(stories_router, prefix="/v1")
    app.include_router(ui_router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description,
                                 routes=app.routes)
            app.openapi_schema = add_examples(schema)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


app = create_app()

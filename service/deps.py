"""The dependencies routes declare, as `Annotated` aliases, and how the lifespan resolves overrides of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, Request

from service.jobs import JobRunner
from service.model import ModelState
from service.settings import Settings, get_settings
from summarizer import Summarizer

T = TypeVar("T")


def resolve(app: Any, dependency: Callable[[], T]) -> T:
    """Call a no-argument dependency as a request would get it, honouring `app.dependency_overrides`.

    The lifespan and the body-guard middleware run outside any request, where FastAPI resolves nothing, yet they
    must see the same settings and model loader as the routes (and as tests that override them).
    """
    overrides = app.dependency_overrides if isinstance(app, FastAPI) else {}
    return overrides.get(dependency, dependency)()


def get_model_state(request: Request) -> ModelState:
    """The model state the lifespan made for this app."""
    state: ModelState = request.app.state.model
    return state


def get_summarizer(model: Annotated[ModelState, Depends(get_model_state)]) -> Summarizer:
    """The loaded summariser, or a 503 while it loads or if it failed to load."""
    return model.get()


def get_jobs(request: Request) -> JobRunner:
    """The bounded job runner the lifespan made for this app."""
    jobs: JobRunner = request.app.state.jobs
    return jobs


SettingsDep = Annotated[Settings, Depends(get_settings)]
ModelStateDep = Annotated[ModelState, Depends(get_model_state)]
SummarizerDep = Annotated[Summarizer, Depends(get_summarizer)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]

"""The routes: health and readiness probes, service info, and summarising (also under `/v1`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from service.deps import JobsDep, ModelStateDep, SettingsDep, SummarizerDep
from service.documents import check_size, prepare
from service.errors import error_responses
from service.observe import note_summary
from service.schemas import (
    CacheInfo,
    InfoResponse,
    LimitsInfo,
    ModelInfo,
    StatusResponse,
    SummarizeRequest,
    SummaryResponse,
)
from summarizer import NoUsableTextError, Summarizer

#: Probes and info: answered on the event loop, never queued behind summaries.
router = APIRouter(tags=["service"])
#: Summarising; mounted at the root and under /v1.
summarize_router = APIRouter(tags=["summarize"])


@router.get("/healthz", summary="Liveness: the process answers")
async def healthz() -> StatusResponse:
    """Answers 200 as long as the server process is up, even while the model loads or summaries run."""
    return StatusResponse(status="ok")


@router.get("/readyz", summary="Readiness: the model is loaded", responses=error_responses(503))
async def readyz(model: ModelStateDep) -> StatusResponse:
    """Answers 200 once the model is loaded, 503 before (or if loading failed)."""
    model.get()
    return StatusResponse(status="ready")


@router.get("/info", summary="Version, model and limits", responses=error_responses(503))
async def info(summarizer: SummarizerDep, settings: SettingsDep) -> InfoResponse:
    """The service version, the embedding model in use, and the limits in force."""
    from service import __version__

    embedder, limits, stats = summarizer.embedder, summarizer.limits, summarizer.cache_stats()
    return InfoResponse(
        version=__version__,
        model=ModelInfo(name=embedder.name, dimension=embedder.dimension, device=embedder.device),
        limits=LimitsInfo(
            **asdict(limits), max_body_bytes=settings.max_body_bytes, max_concurrent_jobs=settings.max_concurrent_jobs,
            max_queued_jobs=settings.max_queued_jobs, request_timeout_s=settings.request_timeout_s,
        ),
        cache=None if stats is None else CacheInfo(
            size=stats.size, capacity=stats.capacity, hits=stats.hits, misses=stats.misses,
            hit_rate=round(stats.hit_rate, 4),
        ),
    )


@summarize_router.post(
    "/summarize",
    summary="Summarise a story told by several articles",
    response_class=JSONResponse,
    responses={
        200: {"model": SummaryResponse, "description": "The summary: the JSON form of the library's `Summary`, "
              "the same as `summarize --format json`."},
        **error_responses(400, 401, 413, 415, 422, 429, 499, 500, 503, 504),
    },
)
async def summarize(
    request: SummarizeRequest, http: Request, summarizer: SummarizerDep, jobs: JobsDep, settings: SettingsDep,
) -> JSONResponse:
    """Pick the sentences that tell the story, each with the span of its article it comes from
    (`text == document[start:end]`, in the text as sent, or as extracted from HTML) and the articles that
    report the same."""
    check_size(request.documents, summarizer.limits)  # before any HTML is extracted or a queue place taken
    stop = threading.Event()
    result = await jobs.run(lambda: summarize_request(summarizer, request, should_stop=stop.is_set),
                            timeout_s=settings.request_timeout_s, abandoned=lambda: _disconnected(http),
                            on_abandon=stop.set)
    note_summary(http.state, http.app.state.metrics, result)
    return JSONResponse(result)


async def _disconnected(http: Request) -> None:
    # The body has been read, so the next message the server sends is the client's disconnect.
    while (await http.receive())["type"] != "http.disconnect":
        pass


def summarize_request(
    summarizer: Summarizer, request: SummarizeRequest, *, should_stop: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """The response body for a request: `Summary.to_dict()`, plus `extracted_text` when asked (runs in a thread)."""
    prepared = prepare(request.documents)
    empty = prepared.empty
    try:
        summary = summarizer(prepared.documents, sentences=request.sentences, words=request.words,
                             ratio=request.ratio, order=request.order, seed=request.seed, since=request.since,
                             should_stop=should_stop)
    except NoUsableTextError as exc:
        if not empty:
            raise
        raise NoUsableTextError(f"{exc} No article text was found in the HTML of: {', '.join(empty)}.") from exc
    if empty:
        summary = replace(summary, warnings=prepared.noted(summary.warnings))
    result = summary.to_dict()
    if request.return_text:
        result["extracted_text"] = prepared.extracted
    return result

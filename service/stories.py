"""`POST /stories` (a pile of articles told as stories, as a job) and `GET /jobs/{id}` (the job's status and result).

A pile always becomes a job, answered at once with 202 and `Location: /jobs/{id}`: telling a pile embeds every
article, which takes from seconds to minutes, so a client polls instead of holding a request open, and the
answer's shape never depends on the pile's size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator

from service.deps import SettingsDep, SummarizerDep
from service.documents import check_size, prepare
from service.errors import error_responses
from service.schemas import DocumentIn, SummarizeRequest
from service.settings import Settings
from service.story_jobs import JobStore
from summarizer import Summarizer
from summarizer.stages.group import DEFAULT_LINKAGE, DEFAULT_THRESHOLD, Linkage
from summarizer.stories import tell_stories

router = APIRouter(tags=["stories"])


class StoriesRequest(SummarizeRequest):
    """A pile of articles about many stories: the body of `/summarize`, plus how the articles are grouped."""

    documents: list[DocumentIn] = Field(min_length=1, description="The articles, about any number of stories.")
    threshold: float = Field(
        DEFAULT_THRESHOLD, gt=0, le=2, allow_inf_nan=False,
        description="Distance under which articles are grouped; lower gives more, smaller stories.",
    )
    linkage: Linkage = Field(DEFAULT_LINKAGE,
                             description="complete: farthest pair of two groups; average: their mean distance.")
    since: str | None = Field(None, max_length=64, description="Not for a pile: its stories are told whole (422).")

    @field_validator("since")
    @classmethod
    def _no_since(cls, since: str | None) -> None:
        if since is not None:  # as `summarize batch` refuses it on a pile's line
            raise ValueError('"since" is for one story; a pile\'s stories are told whole')
        return None


class JobAccepted(BaseModel):
    """A job was queued: poll `location` (also in the `Location` header) for its status and result."""

    id: str = Field(description="The job's id: unguessable, the only way to its result.")
    status: Literal["queued"] = "queued"
    location: str = Field(description="Where to poll: /jobs/{id}.")


class JobView(BaseModel):
    """A job's status; `result` once it succeeded (the JSON of `summarize stories --format json`), `error` (the
    `error` object of every error body) once it failed."""

    status: Literal["queued", "running", "succeeded", "failed"]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


def get_story_jobs(request: Request) -> JobStore:
    """The job store the lifespan made for this app."""
    store: JobStore = request.app.state.story_jobs
    return store


def make_job_store(settings: Settings) -> JobStore:
    """The bounded job store the settings describe."""
    return JobStore(max_pending=settings.max_story_jobs, max_kept=settings.max_kept_jobs,
                    ttl_s=settings.job_result_ttl_s, timeout_s=settings.job_timeout_s,
                    retry_after_s=settings.retry_after_s)


StoryJobsDep = Annotated[JobStore, Depends(get_story_jobs)]


@router.post(
    "/stories", status_code=202, response_model=JobAccepted,
    summary="Group a pile of articles into stories and summarise each (a job)",
    responses={**error_responses(400, 401, 413, 415, 422, 429, 500, 503)},
)
async def stories(
    request: StoriesRequest, summarizer: SummarizerDep, jobs: StoryJobsDep, settings: SettingsDep,
) -> JSONResponse:
    """Queue the pile and answer 202 at once, with `Location: /jobs/{id}`; `GET /jobs/{id}` gives the stories,
    largest first, each with its id, label, articles and summary. The pile's size is checked now (413); the
    documents and options when the job runs (its `error`)."""
    limits = settings.pile_limits()
    check_size(request.documents, limits)  # before a queue place is taken
    job = jobs.submit(lambda should_stop: tell_request(summarizer, request, settings, should_stop=should_stop))
    location = f"/jobs/{job.id}"
    return JSONResponse(JobAccepted(id=job.id, location=location).model_dump(), status_code=202,
                        headers={"Location": location})


@router.get("/jobs/{job_id}", response_model=JobView, response_model_exclude_none=True,
            summary="A story job's status, and its result or error", responses={**error_responses(401, 404)})
async def job(job_id: str, jobs: StoryJobsDep) -> dict[str, Any]:
    """`queued` or `running` until the job ends, then `succeeded` with its `result` or `failed` with its `error`.
    A result is kept for `SUMMARIZER_JOB_RESULT_TTL_S` seconds after its job ends; then, like an id that never
    was, it is a 404 `job_not_found`."""
    return jobs.get(job_id).view()


def tell_request(
    summarizer: Summarizer, request: StoriesRequest, settings: Settings, *,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """A job's result: the pile's stories as JSON (runs in the job's thread)."""
    prepared = prepare(request.documents)
    told = tell_stories(summarizer, prepared.documents, sentences=request.sentences, words=request.words,
                        ratio=request.ratio, order=request.order, seed=request.seed, threshold=request.threshold,
                        linkage=request.linkage, limits=settings.pile_limits(), should_stop=should_stop)
    result = told.to_dict()
    result["warnings"] = list(prepared.noted(result["warnings"]))
    if request.return_text:
        result["extracted_text"] = prepared.extracted
    return result

"""Request and response bodies of the HTTP API, with their constraints on the fields.

The summary itself is not re-declared here: `POST /summarize` returns `Summary.to_dict()` exactly (the shape of
the CLI's `--format json`), and its documented schema is derived from the library's dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from summarizer import Order, Summary
from summarizer.limits import MAX_SEED, MIN_WORDS


class DocumentIn(BaseModel):
    """One article: its plain `text`, or its `html` (the article text is extracted from it)."""

    model_config = ConfigDict(extra="forbid", strict=True)  # no type coercion: "3", true or 3.0 for a count is a 422

    id: str | None = Field(
        None, min_length=1, max_length=200,
        description="Unique id of the document; `doc-N` (N = its 1-based position) when left out.",
    )
    text: str | None = Field(None, description="The article as plain text; offsets index this string.")
    html: str | None = Field(
        None, description="The article as an HTML page; offsets index the text extracted from it "
        "(returned as `extracted_text` when `return_text` is true). Nothing is fetched.",
    )
    published: str | None = Field(
        None, max_length=64, description="When the article was published: an ISO 8601 date or date-time (a date "
        "alone means its start, UTC unless an offset is given), e.g. `2024-05-16T09:30:00+08:00`; for `html`, the "
        "page's own date when left out. Needed for `order: time`, `first_reported` and `since`.",
    )
    title: str | None = Field(None, max_length=1000, description="The article's title (for `html`, the page's).")
    source: str | None = Field(None, max_length=200, description="The outlet's name (for `html`, the site's).")
    url: str | None = Field(None, max_length=2000, description="Where the article is (never fetched).")

    @model_validator(mode="after")
    def _one_source(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            fetched = " (a `url` is only recorded, never fetched: send the article's text or page)" \
                if self.url is not None and self.text is None and self.html is None else ""
            raise ValueError(f"give exactly one of `text` or `html` for each document{fetched}")
        return self


class SummarizeRequest(BaseModel):
    """A story to summarise: its articles and how long the summary should be (at most one of the lengths)."""

    model_config = ConfigDict(extra="forbid", strict=True)  # no type coercion: "3", true or 3.0 for a count is a 422

    documents: list[DocumentIn] = Field(min_length=1, description="The articles telling one story.")
    sentences: int | None = Field(None, ge=1, description="Sentences in the summary (5 when no length is given).")
    words: int | None = Field(None, ge=MIN_WORDS, description="Word budget of the summary; never exceeded.")
    ratio: float | None = Field(
        None, gt=0, le=1, allow_inf_nan=False, description="Share of the distinct usable sentences to keep.",
    )
    order: Order = Field(
        "story", description="story: in the order the story unfolds; rank: most important first; time: in the order "
        "first reported (needs documents' `published`).",
    )
    since: str | None = Field(
        None, max_length=64, description="An ISO 8601 date-time: summarise only what the articles published after "
        "it add (a point reported at or before it, or a paraphrase of it, is never chosen).",
    )
    seed: int = Field(0, ge=0, le=MAX_SEED, description="Seed for clustering; same seed, same summary.")
    return_text: bool = Field(
        False, description="Also return the text extracted from each HTML document, which its offsets index.",
    )

    @field_validator("documents")
    @classmethod
    def _unique_ids(cls, documents: list[DocumentIn]) -> list[DocumentIn]:
        ids = [d.id for d in documents if d.id is not None]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"document ids must be unique; repeated: {', '.join(repeated)}")
        return documents


@dataclass(frozen=True)
class SummaryResponse(Summary):
    """The library's `Summary` as JSON; `extracted_text` is present only when `return_text` was true."""

    extracted_text: dict[str, str] | None = None


class ErrorInfo(BaseModel):
    """What went wrong: a stable machine-readable `code`, a message saying what to do, and details."""

    code: str = Field(description="Stable error code, e.g. `input_too_large`.")
    message: str = Field(description="What went wrong and what to do about it.")
    details: Any = Field(None, description="Structured details, e.g. the fields that failed validation.")


class ErrorResponse(BaseModel):
    """The one shape of every error response."""

    error: ErrorInfo


class StatusResponse(BaseModel):
    """The answer of the health probes."""

    status: Literal["ok", "ready"]


class ModelInfo(BaseModel):
    """The embedding model in use."""

    name: str
    dimension: int
    device: str


class LimitsInfo(BaseModel):
    """The limits in force: the library's `Limits` (one field each) and the service's own."""

    max_documents: int
    max_document_chars: int
    max_total_chars: int
    max_body_bytes: int
    max_sentences: int
    max_words: int
    max_concurrent_jobs: int
    max_queued_jobs: int
    request_timeout_s: float


class CacheInfo(BaseModel):
    """The embedding cache shared by all requests of this process (null when it is off)."""

    size: int
    capacity: int
    hits: int
    misses: int
    hit_rate: float


class InfoResponse(BaseModel):
    """The service version, its model, the limits in force and the embedding cache's hit rate."""

    version: str
    model: ModelInfo
    limits: LimitsInfo
    cache: CacheInfo | None

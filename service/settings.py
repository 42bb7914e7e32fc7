"""The service's settings, read from `SUMMARIZER_*` environment variables.

Their defaults come from the library: the model's (`DEFAULT_BATCH_SIZE`, `DEFAULT_CACHE_SIZE`) and the limits'
(`SERVICE_LIMITS`, the library's `Limits()` with three bounds tightened for a server).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer import Backend, Limits
from summarizer.embedding.base import DEFAULT_BACKEND, DEFAULT_BATCH_SIZE
from summarizer.embedding.cache import DEFAULT_CACHE_SIZE
from summarizer.limits import MIN_WORDS

ENV_PREFIX = "SUMMARIZER_"
#: uvicorn's log levels.
LogLevel = Literal["critical", "error", "warning", "info", "debug", "trace"]
#: How the request log is written.
LogFormat = Literal["text", "json"]
#: The service's default limits: the library's, with documents, characters per document and characters per request
#: lowered, because a request has a time budget (request_timeout_s, 60 s) and the embedding stage cannot be stopped
#: part-way: input far past 2,000,000 characters would be refused with a 504 only after minutes of CPU spent on it,
#: where a 413 costs nothing. Every other limit is the library's default. An operator raises them in the settings.
SERVICE_LIMITS = dataclasses.replace(Limits(), max_documents=100, max_document_chars=1_000_000,
                                     max_total_chars=2_000_000)


class Settings(BaseSettings):
    """Everything an operator can tune; each field is read from `SUMMARIZER_<NAME>` (e.g. `SUMMARIZER_PORT`)."""

    # Environment only (no .env file): what the process sees is what it gets, in production and in tests.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    host: str = Field(default="127.0.0.1", description="Interface the server listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port the server listens on.")
    workers: int = Field(default=1, ge=1, description="Server processes; each loads its own copy of the model.")
    log_level: LogLevel = Field(
        default="info", description="Log level of uvicorn and of the request log (`warning` silences the latter).",
    )
    log_format: LogFormat = Field(
        default="text", description="The request log, one line per request on stderr: `text` (key=value pairs) "
        "or `json` (one object a line).",
    )
    metrics: bool = Field(default=True, description="Serve Prometheus metrics at /metrics (behind the API key "
                          "when one is set).")
    device: str = Field(default="cpu", description="Where the model runs: cpu, cuda, cuda:N or auto.")
    batch_size: int = Field(default=DEFAULT_BATCH_SIZE, ge=1, description="Sentences embedded per batch.")
    backend: Backend = Field(
        default=DEFAULT_BACKEND, description="auto: onnx on the CPU, torch on a GPU; torch: the packaged model; onnx: "
        "the same model in ONNX Runtime on the CPU (starts without torch).",
    )
    cache_size: int = Field(
        default=DEFAULT_CACHE_SIZE, ge=0,
        description="Sentence embeddings, and sentences of split documents, kept across requests (0 turns both off).",
    )

    max_documents: int = Field(
        default=SERVICE_LIMITS.max_documents, ge=1, description="Documents in one request at most (else 413).",
    )
    max_document_chars: int = Field(
        default=SERVICE_LIMITS.max_document_chars, ge=1,
        description="Characters of text in one document at most (else 413).",
    )
    max_total_chars: int = Field(
        default=SERVICE_LIMITS.max_total_chars, ge=1,
        description="Characters of text in one request at most (else 413).",
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1, description="Bytes of request body at most (else 413).",
    )
    max_drain_bytes: int = Field(
        default=128 * 1024 * 1024, ge=0,
        description="Bytes of a body over max_body_bytes that are read and thrown away before the 413 is sent, so "
        "that clients that send the whole body before reading the answer (requests, urllib) get it; a larger "
        "body gets the 413 at once and the connection is closed.",
    )
    max_sentences: int = Field(
        default=SERVICE_LIMITS.max_sentences, ge=1, description="Largest `sentences` accepted (else 422).",
    )
    max_words: int = Field(
        default=SERVICE_LIMITS.max_words, ge=MIN_WORDS, description="Largest `words` accepted (else 422).",
    )

    max_concurrent_jobs: int = Field(default=1, ge=1, description="Summaries computed at the same time (threads).")
    max_queued_jobs: int = Field(default=8, ge=0, description="Summaries waiting for a thread at most (else 429).")
    request_timeout_s: float = Field(
        default=60.0, gt=0, description="Time budget of one summary, queueing included (else 504).",
    )
    retry_after_s: int = Field(default=5, ge=1, description="Seconds a client is told to wait after a 429.")
    max_pile_documents: int = Field(
        default=500, ge=1, description="Articles in one pile sent to POST /stories at most (else 413).",
    )
    max_pile_chars: int = Field(
        default=5_000_000, ge=1, description="Characters of text in one pile at most (else 413).",
    )
    max_story_jobs: int = Field(
        default=4, ge=1, description="Story jobs queued or running at most (else 429); they run one at a time.",
    )
    max_kept_jobs: int = Field(
        default=64, ge=1, description="Ended story jobs whose result or error is kept at most (oldest dropped first).",
    )
    job_result_ttl_s: float = Field(
        default=600.0, gt=0, description="Seconds a story job's result is kept after it ends (then 404).",
    )
    job_timeout_s: float = Field(
        default=900.0, gt=0, description="Time budget of one story job once it runs (else it fails with timeout).",
    )
    api_key: SecretStr | None = Field(
        default=None, description="When set, every route but /healthz, /readyz and the page shells (/, /piles, "
        "/static/) needs it in the header `X-API-Key: <key>` or `Authorization: Bearer <key>` (else 401).",
    )

    @field_validator("api_key")
    @classmethod
    def _key_not_empty(cls, value: SecretStr | None) -> SecretStr | None:
        # An empty key set by mistake must not read as "no key": refuse to start instead of serving unprotected.
        if value is not None and not value.get_secret_value().strip():
            raise ValueError("must not be empty; unset it to turn the API key off")
        return value

    def limits(self) -> Limits:
        """The library limits these settings put in force (a setting of the same name for each field of `Limits`)."""
        return Limits(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Limits)})

    def pile_limits(self) -> Limits:
        """The limits of a pile sent to POST /stories: the request limits with the pile's own counts."""
        return dataclasses.replace(self.limits(), max_documents=self.max_pile_documents,
                                   max_total_chars=self.max_pile_chars)


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once (override with `app.dependency_overrides[get_settings]`)."""
    return Settings()

"""The service's settings, read from `SUMMARIZER_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer import Limits

ENV_PREFIX = "SUMMARIZER_"


class Settings(BaseSettings):
    """Everything an operator can tune; each field is read from `SUMMARIZER_<NAME>` (e.g. `SUMMARIZER_PORT`)."""

    # Environment only (no .env file): what the process sees is what it gets, in production and in tests.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    host: str = Field(default="127.0.0.1", description="Interface the server listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port the server listens on.")
    workers: int = Field(default=1, ge=1, description="Server processes; each loads its own copy of the model.")
    log_level: Literal["critical", "error", "warning", "info", "debug", "trace"] = Field(default=
        "info", description="uvicorn's log level."
    )
    device: str = Field(default="cpu", description="Where the model runs: cpu, cuda, cuda:N or auto.")
    batch_size: int = Field(default=64, ge=1, description="Sentences embedded per batch.")
    backend: Literal["torch", "onnx"] = Field(
        default="torch", description="torch: the packaged model; onnx: int8 ONNX Runtime on the CPU (faster, smaller).",
    )
    cache_size: int = Field(
        default=20_000, ge=0,
        description="Sentence embeddings, and sentences of split documents, kept across requests (0 turns both off).",
    )

    max_documents: int = Field(default=100, ge=1, description="Documents in one request at most (else 413).")
    max_document_chars: int = Field(
        default=1_000_000, ge=1, description="Characters of text in one document at most (else 413).",
    )
    max_total_chars: int = Field(
        default=2_000_000, ge=1, description="Characters of text in one request at most (else 413).",
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1, description="Bytes of request body at most (else 413).",
    )
    max_sentences: int = Field(default=100, ge=1, description="Largest `sentences` accepted (else 422).")
    max_words: int = Field(default=5000, ge=10, description="Largest `words` accepted (else 422).")

    max_concurrent_jobs: int = Field(default=1, ge=1, description="Summaries computed at the same time (threads).")
    max_queued_jobs: int = Field(default=8, ge=0, description="Summaries waiting for a thread at most (else 429).")
    request_timeout_s: float = Field(
        default=60.0, gt=0, description="Time budget of one summary, queueing included (else 504).",
    )
    retry_after_s: int = Field(default=5, ge=1, description="Seconds a client is told to wait after a 429.")
    api_key: SecretStr | None = Field(
        default=None, description="When set, every route but /healthz, /readyz and the page shell (/, /static/) "
        "needs it in the header `X-API-Key: <key>` or `Authorization: Bearer <key>` (else 401).",
    )

    @field_validator("api_key")
    @classmethod
    def _key_not_empty(cls, value: SecretStr | None) -> SecretStr | None:
        # An empty key set by mistake must not read as "no key": refuse to start instead of serving unprotected.
        if value is not None and not value.get_secret_value().strip():
            raise ValueError("must not be empty; unset it to turn the API key off")
        return value

    def limits(self) -> Limits:
        """The library limits these settings put in force."""
        return Limits(
            max_documents=self.max_documents, max_document_chars=self.max_document_chars,
            max_total_chars=self.max_total_chars, max_sentences=self.max_sentences, max_words=self.max_words,
        )


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once (override with `app.dependency_overrides[get_settings]`)."""
    return Settings()

from __future__ import annotations

import dataclasses

import pytest
from pydantic import ValidationError

from service.schemas import LimitsInfo
from service.settings import SERVICE_LIMITS, Settings, get_settings
from summarizer import Limits


def test_defaults_serve_on_localhost_8000_with_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOST", "PORT", "WORKERS"):
        monkeypatch.delenv(f"SUMMARIZER_{name}", raising=False)

    settings = Settings()

    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)
    assert settings.max_concurrent_jobs == 1 and settings.request_timeout_s == 60.0


def test_settings_are_read_from_summarizer_prefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_PORT", "9001")
    monkeypatch.setenv("SUMMARIZER_MAX_DOCUMENTS", "12")
    monkeypatch.setenv("PORT", "1")

    settings = Settings()

    assert settings.port == 9001 and settings.max_documents == 12


def test_a_bad_value_is_refused_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_CONCURRENT_JOBS", "0")

    with pytest.raises(ValidationError, match="max_concurrent_jobs"):
        Settings()


def test_limits_carry_the_configured_values() -> None:
    settings = Settings(max_documents=3, max_document_chars=10, max_total_chars=20, max_sentences=4, max_words=50)

    assert settings.limits() == Limits(max_documents=3, max_document_chars=10, max_total_chars=20,
                                       max_sentences=4, max_words=50)


def test_get_settings_is_read_once() -> None:
    assert get_settings() is get_settings()


def test_the_limit_defaults_are_the_library_limits_tightened_only_where_the_service_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for field in dataclasses.fields(Limits):
        monkeypatch.delenv(f"SUMMARIZER_{field.name.upper()}", raising=False)

    assert Settings().limits() == SERVICE_LIMITS
    names = [f.name for f in dataclasses.fields(Limits)]
    changed = {name for name in names if getattr(SERVICE_LIMITS, name) != getattr(Limits(), name)}
    assert changed == {"max_documents", "max_document_chars", "max_total_chars"}


def test_info_reports_every_library_limit() -> None:
    assert {f.name for f in dataclasses.fields(Limits)} <= set(LimitsInfo.model_fields)

"""The request log: one line per request with its id (kept from X-Request-ID or made, and echoed), method, route,
status, duration, and for a summary its documents and sentences, as text or JSON, never with article text."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from benchmarks._common import free_port, running_server
from service.observe import FIELDS, LOGGER


@contextmanager
def request_log(make_client: Callable[..., Any], **settings: Any) -> Iterator[tuple[TestClient, io.StringIO]]:
    """A started client whose request log (as the lifespan configured it) is written to a buffer."""
    buffer = io.StringIO()
    with make_client(**settings) as client:
        handler, = logging.getLogger(LOGGER).handlers
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(buffer)
        yield client, buffer


def json_lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_a_summary_gets_one_json_line_with_every_field_and_the_id_the_client_sent_echoed(
    make_client: Callable[..., Any], seed_request: dict[str, Any],
) -> None:
    with request_log(make_client, log_format="json") as (client, buffer):
        response = client.post("/summarize", json=seed_request, headers={"X-Request-ID": "trace-42.a"})
    line, = json_lines(buffer)
    body = response.json()

    assert response.headers["X-Request-ID"] == "trace-42.a"
    assert set(FIELDS) <= set(line) and line["level"] == "info" and line["logger"] == LOGGER
    assert (line["request_id"], line["method"], line["route"], line["status"]) == (
        "trace-42.a", "POST", "/summarize", 200)
    assert line["documents"] == len(seed_request["documents"]) == len(body["documents"])
    assert line["sentences"] == sum(d["sentences"] for d in body["documents"]) > 0
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    # No article text: not a sentence of the input, not a sentence of the summary.
    logged = buffer.getvalue()
    assert all(s["text"][:40] not in logged for s in body["sentences"])
    assert all(d["text"][:40] not in logged for d in seed_request["documents"])


def test_without_a_usable_request_id_one_is_made_and_echoed_and_each_request_gets_its_own(
    make_client: Callable[..., Any],
) -> None:
    with request_log(make_client, log_format="json") as (client, buffer):
        plain = client.get("/healthz")
        spaced = client.get("/healthz", headers={"X-Request-ID": "has a space"})
        long = client.get("/healthz", headers={"X-Request-ID": "x" * 129})
    lines = json_lines(buffer)
    made = [plain.headers["X-Request-ID"], spaced.headers["X-Request-ID"], long.headers["X-Request-ID"]]

    assert all(re.fullmatch(r"[0-9a-f]{32}", rid) for rid in made) and len(set(made)) == 3
    assert [line["request_id"] for line in lines] == made
    assert all(line["documents"] is None and line["sentences"] is None for line in lines)


def test_refused_requests_are_logged_too_with_their_status_and_route(make_client: Callable[..., Any]) -> None:
    with request_log(make_client, log_format="json", api_key="k") as (client, buffer):
        unauthorised = client.post("/v1/summarize", json={"documents": [{"text": "x"}]},
                                   headers={"X-Request-ID": "r1"})
        missing = client.get("/nowhere", headers={"X-API-Key": "k", "X-Request-ID": "r2"})
    lines = {line["request_id"]: line for line in json_lines(buffer)}

    assert unauthorised.headers["X-Request-ID"] == "r1" and missing.headers["X-Request-ID"] == "r2"
    assert (lines["r1"]["status"], lines["r1"]["route"]) == (401, "/v1/summarize")
    assert (lines["r2"]["status"], lines["r2"]["route"]) == (404, "<unmatched>")


def test_the_text_format_is_one_line_of_key_value_pairs(make_client: Callable[..., Any]) -> None:
    with request_log(make_client, log_format="text") as (client, buffer):
        client.get("/healthz", headers={"X-Request-ID": "abc"})
    line, = buffer.getvalue().splitlines()

    assert re.fullmatch(r"\S+Z INFO service\.requests request_id=abc method=GET route=/healthz status=200 "
                        r"duration_ms=\d+\.\d documents=- sentences=-", line), line


@pytest.mark.parametrize("level", ["warning", "error"])
def test_a_log_level_above_info_silences_the_request_log(make_client: Callable[..., Any], level: str) -> None:
    with request_log(make_client, log_level=level) as (client, buffer):
        client.get("/healthz")

    assert buffer.getvalue() == ""


@pytest.mark.e2e
def test_a_real_server_process_writes_one_json_line_per_request_to_stderr_with_the_echoed_id(
    tmp_path: Path, seed_request: dict[str, Any],
) -> None:
    port = free_port()
    command = [sys.executable, "-m", "benchmarks.load", "serve-fake", "--port", str(port), "--delay", "0"]
    env = {**os.environ, "SUMMARIZER_LOG_LEVEL": "info", "SUMMARIZER_LOG_FORMAT": "json"}
    with (tmp_path / "server.log").open("wb") as log, running_server(command, port=port, env=env, log=log) as (
            base, _):
        response = httpx.post(f"{base}/summarize", json=seed_request, headers={"X-Request-ID": "e2e-1"}, timeout=60)
    lines = [json.loads(line) for line in (tmp_path / "server.log").read_text().splitlines()
             if line.startswith("{")]
    mine = [line for line in lines if line["request_id"] == "e2e-1"]

    assert response.status_code == 200 and response.headers["X-Request-ID"] == "e2e-1"
    assert len(mine) == 1 and {k: mine[0][k] for k in ("method", "route", "status", "documents")} == {
        "method": "POST", "route": "/summarize", "status": 200, "documents": 5}
    assert mine[0]["sentences"] == sum(d["sentences"] for d in response.json()["documents"])
    assert all(line["route"] == "/readyz" for line in lines if line is not mine[0])  # the readiness polls

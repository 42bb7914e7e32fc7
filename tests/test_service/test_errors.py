from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from service.errors import library_status
from summarizer import (
    DeviceUnavailableError,
    InputTooLargeError,
    InvalidOptionError,
    ModelError,
    NoDocumentsError,
    NoUsableTextError,
    Summarizer,
    SummarizerError,
)
from tests.helpers import BlockingEmbedder, assert_error, wait_ready

ARTICLE = "Putin arrived in Beijing on Thursday for a two-day state visit with his delegation.\n"


def test_every_library_error_has_one_status_and_code() -> None:
    assert library_status(NoUsableTextError("x")) == (400, "no_usable_text")
    assert library_status(NoDocumentsError("x")) == (400, "no_documents")
    assert library_status(InputTooLargeError("x")) == (413, "input_too_large")
    assert library_status(InvalidOptionError("x")) == (422, "invalid_option")
    assert library_status(ModelError("x")) == (503, "model_unavailable")
    assert library_status(SummarizerError("x")) == (500, "internal_error")


def test_input_with_no_usable_sentence_is_a_400(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"text": "BREAKING\n\nWorld news\n"}]})

    error = assert_error(response, 400, "no_usable_text")
    assert "No usable sentence" in error["message"]


def test_too_many_documents_is_a_413(make_client: Any) -> None:
    with make_client(max_documents=2) as client:
        response = client.post("/summarize", json={"documents": [{"text": ARTICLE}] * 3})

    error = assert_error(response, 413, "input_too_large")
    assert "3 documents is over the limit of 2" in error["message"]


def test_too_many_characters_is_a_413(make_client: Any) -> None:
    with make_client(max_total_chars=100) as client:
        response = client.post("/summarize", json={"documents": [{"text": ARTICLE}, {"text": ARTICLE}]})

    error = assert_error(response, 413, "input_too_large")
    assert "over the limit of 100" in error["message"]


def test_too_large_a_body_is_a_413_before_it_is_parsed(make_client: Any) -> None:
    with make_client(max_body_bytes=1000) as client:
        response = client.post("/summarize", content=b"{" + b" " * 2000,
                               headers={"content-type": "application/json"})

    error = assert_error(response, 413, "body_too_large")
    assert error["details"] == {"max_body_bytes": 1000}


def test_a_schema_error_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"text": ARTICLE}], "sentences": 0})

    error = assert_error(response, 422, "invalid_request")
    assert error["message"].startswith("sentences: ")
    assert error["details"][0]["field"] == "sentences"


@pytest.mark.parametrize(("body", "field"), [
    ({"documents": []}, "documents"),
    ({}, "documents"),
    ({"documents": [{"text": ARTICLE, "html": "<p>x</p>"}]}, "documents.0"),
    ({"documents": [{"text": ARTICLE}], "ratio": 1.5}, "ratio"),
    ({"documents": [{"text": ARTICLE}], "order": "random"}, "order"),
    ({"documents": [{"text": ARTICLE}], "seed": 2**40}, "seed"),
    ({"documents": [{"text": ARTICLE}], "colour": "red"}, "colour"),
])
def test_schema_errors_name_the_field(client: TestClient, body: dict[str, Any], field: str) -> None:
    error = assert_error(client.post("/summarize", json=body), 422, "invalid_request")

    assert error["details"][0]["field"] == field
    assert error["message"].startswith(f"{field}: ")


@pytest.mark.parametrize(("field", "value"), [
    ("sentences", True), ("sentences", "3"), ("sentences", 3.0), ("words", "50"), ("ratio", "0.5"),
    ("seed", True), ("return_text", "yes"), ("return_text", 0), ("order", 1),
])
def test_a_value_of_the_wrong_json_type_is_refused_not_converted(client: TestClient, field: str, value: Any) -> None:
    error = assert_error(client.post("/summarize", json={"documents": [{"text": ARTICLE}], field: value}), 422,
                         "invalid_request")

    assert error["details"][0]["field"] == field


def test_an_integer_where_a_number_is_wanted_is_taken(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"text": ARTICLE}], "ratio": 1})

    assert response.status_code == 200, response.text
    assert response.json()["parameters"]["ratio"] == 1.0


def test_a_document_id_of_white_space_alone_is_a_422(client: TestClient) -> None:
    body = {"documents": [{"id": "a", "text": ARTICLE}, {"id": "  ", "text": ARTICLE}]}

    error = assert_error(client.post("/summarize", json=body), 422, "invalid_option")

    assert "Document ids must hold more than white space" in error["message"]


def test_repeated_document_ids_are_a_422(client: TestClient) -> None:
    body = {"documents": [{"id": "a", "text": ARTICLE}, {"id": "a", "text": ARTICLE}]}

    error = assert_error(client.post("/summarize", json=body), 422, "invalid_request")

    assert error["details"][0]["field"] == "documents"
    assert "repeated: a" in error["message"]


def test_malformed_json_is_a_422(client: TestClient) -> None:
    response = client.post("/summarize", content=b'{"documents": [', headers={"content-type": "application/json"})

    assert_error(response, 422, "invalid_request")


def test_conflicting_lengths_are_a_422_from_the_library(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"text": ARTICLE}], "sentences": 2, "words": 50})

    error = assert_error(response, 422, "invalid_option")
    assert "not sentences and words" in error["message"]


def test_a_sentence_count_over_the_configured_limit_is_a_422(make_client: Any) -> None:
    with make_client(max_sentences=3) as client:
        response = client.post("/summarize", json={"documents": [{"text": ARTICLE}], "sentences": 4})

    assert "between 1 and 3" in assert_error(response, 422, "invalid_option")["message"]


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_a_415(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}

    response = client.post("/summarize", content=b'{"documents": []}', headers=headers)

    assert_error(response, 415, "unsupported_media_type")


def test_unknown_paths_and_methods_have_the_error_shape_and_say_what_there_is(client: TestClient) -> None:
    missing = assert_error(client.get("/nowhere"), 404, "not_found")
    refused = client.get("/summarize")

    assert missing["message"] == "No such path: /nowhere; the API's paths are listed at /docs and /openapi.json."
    assert assert_error(refused, 405, "method_not_allowed")["message"] == (
        "GET is not allowed on /summarize; it takes POST.")
    assert refused.headers["allow"] == "POST"


def test_every_route_answers_503_while_the_model_loads_except_healthz(
    make_client: Any, fake_summarizer: Summarizer,
) -> None:
    loaded = threading.Event()

    def slow_load(_: object) -> Summarizer:
        loaded.wait(timeout=30)
        return fake_summarizer

    with make_client(summarizer=slow_load, ready=False) as client:
        try:
            assert client.get("/healthz").status_code == 200
            for response in (client.get("/readyz"), client.get("/info"),
                             client.post("/summarize", json={"documents": [{"text": ARTICLE}]})):
                assert_error(response, 503, "model_loading")
                assert response.headers["Retry-After"] == "2"
        finally:
            loaded.set()
        wait_ready(client)
        assert client.post("/summarize", json={"documents": [{"text": ARTICLE}]}).status_code == 200


@pytest.mark.parametrize(("failure", "code"), [
    (ModelError("The embedding model package is not installed"), "model_unavailable"),
    (DeviceUnavailableError("CUDA was asked for but torch sees no GPU"), "device_unavailable"),
], ids=["model", "device"])
def test_a_model_that_fails_to_load_leaves_the_service_up_and_unready_saying_why(
    make_client: Any, failure: ModelError, code: str,
) -> None:
    def broken(_: object) -> Summarizer:
        raise failure

    with make_client(summarizer=broken, ready=False) as client:
        app = client.app
        assert isinstance(app, FastAPI)
        assert app.state.model.wait(timeout=5)
        for response in (client.get("/readyz"), client.post("/summarize", json={"documents": [{"text": ARTICLE}]})):
            error = assert_error(response, 503, code)
            assert str(failure) in error["message"]
        assert client.get("/healthz").status_code == 200


def test_a_full_queue_is_a_429_with_retry_after(make_client: Any, fake_embedder: Any) -> None:
    blocking = BlockingEmbedder(fake_embedder)
    with make_client(summarizer=Summarizer(blocking), max_concurrent_jobs=1, max_queued_jobs=0,
                     retry_after_s=7) as client:
        first = threading.Thread(target=client.post, args=("/summarize",),
                                 kwargs={"json": {"documents": [{"text": ARTICLE}]}})
        first.start()
        try:
            assert blocking.started.wait(timeout=10)
            response = client.post("/summarize", json={"documents": [{"text": ARTICLE}]})
        finally:
            blocking.release.set()
            first.join(timeout=10)

    error = assert_error(response, 429, "queue_full")
    assert response.headers["Retry-After"] == "7"
    assert error["details"] == {"retry_after_s": 7}


def test_a_summary_over_its_time_budget_is_a_504(make_client: Any, fake_embedder: Any) -> None:
    blocking = BlockingEmbedder(fake_embedder)
    with make_client(summarizer=Summarizer(blocking), request_timeout_s=0.2) as client:
        try:
            started = time.monotonic()
            response = client.post("/summarize", json={"documents": [{"text": ARTICLE}]})
            elapsed = time.monotonic() - started
        finally:
            blocking.release.set()

    error = assert_error(response, 504, "timeout")
    assert error["details"] == {"timeout_s": 0.2}
    assert elapsed < 5


def test_an_unexpected_error_is_a_500_with_the_error_shape_and_no_traceback(
    make_client: Any, fake_embedder: Any,
) -> None:
    class Broken:
        name, dimension, device = "broken", 4, "cpu"

        def encode(self, texts: object, *, progress: bool = False) -> object:
            raise RuntimeError("secret internals")

    with make_client(summarizer=Summarizer(Broken())) as client:
        client_500 = TestClient(client.app, raise_server_exceptions=False)
        response = client_500.post("/summarize", json={"documents": [{"text": ARTICLE}]})

    error = assert_error(response, 500, "internal_error")
    assert "secret" not in response.text and error["details"] is None


def test_the_batch_output_and_the_api_report_a_library_error_under_the_same_code() -> None:
    from summarizer.batch import error_code

    for exc in (NoUsableTextError("x"), NoDocumentsError("x"), InputTooLargeError("x"), InvalidOptionError("x"),
                ModelError("x"), SummarizerError("x")):
        assert error_code(exc) == library_status(exc)[1]
    assert error_code(ValueError("x")) == "internal_error"

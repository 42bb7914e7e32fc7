from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from service.errors import error_table
from service.examples import load_example
from service.schemas import SummarizeRequest


def test_docs_and_the_openapi_schema_are_served(client: TestClient) -> None:
    docs = client.get("/docs")
    schema = client.get("/openapi.json").json()

    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert {"/healthz", "/readyz", "/info", "/summarize", "/v1/summarize"} <= set(schema["paths"])


def test_the_summarize_operation_documents_every_error_with_the_one_error_body(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/summarize"]["post"]

    assert set(operation["responses"]) == {"200", "400", "401", "413", "415", "422", "429", "499", "500", "503", "504"}
    for status in ("400", "401", "413", "415", "422", "429", "499", "500", "503", "504"):
        ref = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorResponse")


def test_each_error_status_is_described_by_every_code_answered_with_it(client: TestClient) -> None:
    responses = client.get("/openapi.json").json()["paths"]["/summarize"]["post"]["responses"]
    codes = {status: set(re.findall(r"`([a-z_]+)`:", response["description"]))
             for status, response in responses.items() if status != "200"}

    assert {"bad_input", "invalid_json", "no_usable_text"} <= codes["400"]
    assert codes["413"] == {"input_too_large", "body_too_large"}
    assert codes["422"] == {"invalid_request", "invalid_option"}
    assert codes["499"] == {"client_closed_request"} and codes["500"] == {"internal_error"}
    assert codes["503"] == {"model_loading", "model_unavailable", "device_unavailable"}
    for status, found in codes.items():
        assert found == set(error_table()[int(status)]), status


def test_the_documented_examples_are_a_real_request_and_its_response(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/summarize"]["post"]
    example = load_example()

    request = operation["requestBody"]["content"]["application/json"]["examples"]["seeds"]["value"]
    response = operation["responses"]["200"]["content"]["application/json"]["example"]
    assert request == example["request"] and response == example["response"]
    SummarizeRequest.model_validate(request)
    texts = {d["id"]: d["text"] for d in request["documents"]}
    assert len(response["sentences"]) == request["sentences"]
    for sentence in response["sentences"]:
        assert texts[sentence["document_id"]][sentence["start"]:sentence["end"]] == sentence["text"]
    assert response["parameters"]["model"] == "sentence-transformers/all-MiniLM-L6-v2"


def test_the_documented_summary_schema_has_the_fields_of_the_library_summary(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]

    assert set(schemas["SummaryResponse"]["properties"]) == {
        "sentences", "clusters", "documents", "parameters", "warnings", "text", "extracted_text",
    }
    assert set(schemas["SummaryResponse"]["required"]) == {"sentences", "clusters", "documents", "parameters"}


def _fuzz(client: TestClient, mode: GenerationMode, max_examples: int) -> list[int]:
    schema = schemathesis.openapi.from_dict(client.get("/openapi.json").json())
    operations = [result.ok() for result in schema.get_all_operations()]
    strategy = st.one_of([operation.as_strategy(generation_mode=mode) for operation in operations])
    statuses: list[int] = []

    @settings(max_examples=max_examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(case=strategy)
    def check(case: Any) -> None:
        kwargs = case.as_transport_kwargs(base_url=str(client.base_url))
        if not kwargs.get("cookies"):
            kwargs.pop("cookies", None)
        if isinstance(kwargs.get("data"), str | bytes):
            kwargs["content"] = kwargs.pop("data")
        response = client.request(**kwargs)
        statuses.append(response.status_code)
        assert response.status_code < 500, f"{case.as_curl_command()} -> {response.status_code} {response.text}"
        if response.status_code >= 400:
            assert set(response.json()["error"]) == {"code", "message", "details"}

    check()
    return statuses


@pytest.mark.parametrize(("mode", "max_examples"), [(GenerationMode.POSITIVE, 30), (GenerationMode.NEGATIVE, 20)])
def test_no_request_the_schema_allows_or_forbids_makes_a_server_error(
    client: TestClient, mode: GenerationMode, max_examples: int,
) -> None:
    statuses = _fuzz(client, mode, max_examples)

    assert statuses and all(status < 500 for status in statuses)

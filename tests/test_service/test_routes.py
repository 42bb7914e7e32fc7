from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.routes import summarize_request
from service.schemas import SummarizeRequest
from summarizer import Document, Summarizer

ARTICLE = (
    "Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit.\n\n"
    "Chinese leader Xi Jinping welcomed him with a military band outside the Great Hall of the People.\n\n"
    "The two leaders are expected to sign a joint statement on their partnership later in the day.\n"
)


def test_healthz_answers_ok(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_answers_ready_once_the_model_is_loaded(client: TestClient) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_info_reports_version_model_and_the_limits_from_the_settings(make_client: Any) -> None:
    with make_client(max_documents=7, max_body_bytes=12345, request_timeout_s=9.5) as client:
        body = client.get("/info").json()

    assert body["version"] == "0.1.0"
    assert body["model"] == {"name": "fake-hashing-embedder", "dimension": 64, "device": "cpu"}
    assert body["limits"]["max_documents"] == 7
    assert body["limits"]["max_body_bytes"] == 12345
    assert body["limits"]["request_timeout_s"] == 9.5
    assert body["limits"]["max_total_chars"] == 2_000_000


def test_info_reports_the_embedding_cache_hit_rate_after_a_repeated_story(
    make_client: Any, seed_request: dict[str, Any],
) -> None:
    with make_client() as client:
        assert client.get("/info").json()["cache"]["hits"] == 0
        client.post("/summarize", json=seed_request)
        client.post("/summarize", json={**seed_request, "sentences": 2})  # other options: the stages run again
        cache = client.get("/info").json()["cache"]

    assert cache["hits"] == cache["misses"] > 0 and cache["hit_rate"] == 0.5
    assert cache["capacity"] == 20_000 and cache["size"] == cache["misses"]


def test_info_shows_no_cache_when_it_is_turned_off(make_client: Any) -> None:
    with make_client(cache_size=0) as client:
        assert client.get("/info").json()["cache"] is None


@pytest.mark.parametrize("path", ["/summarize", "/v1/summarize"])
def test_summarize_returns_exactly_the_library_summary_with_verbatim_offsets(
    client: TestClient, seed_request: dict[str, Any], fake_summarizer: Summarizer,
    seed_documents: tuple[Document, ...], path: str,
) -> None:
    response = client.post(path, json=seed_request)

    assert response.status_code == 200
    body = response.json()
    assert body == json.loads(json.dumps(fake_summarizer(seed_documents).to_dict()))
    texts = {d.id: d.text for d in seed_documents}
    assert len(body["sentences"]) == 5
    for sentence in body["sentences"]:
        assert texts[sentence["document_id"]][sentence["start"]:sentence["end"]] == sentence["text"]
        for support in sentence["support"]:
            assert texts[support["document_id"]][support["start"]:support["end"]] == support["text"]


def test_summarize_passes_length_order_and_seed_to_the_summariser(
    client: TestClient, seed_request: dict[str, Any],
) -> None:
    response = client.post("/summarize", json={**seed_request, "words": 60, "order": "rank", "seed": 3})

    body = response.json()
    assert response.status_code == 200
    assert body["parameters"]["words"] == 60 and body["parameters"]["order"] == "rank"
    assert body["parameters"]["seed"] == 3 and body["parameters"]["sentences"] is None
    assert sum(len(s["text"].split()) for s in body["sentences"]) <= 60
    assert [s["rank"] for s in body["sentences"]] == sorted(s["rank"] for s in body["sentences"])


def test_documents_without_ids_are_named_by_their_position(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"text": ARTICLE}, {"text": ARTICLE.upper()}],
                                               "sentences": 1})

    assert response.status_code == 200
    assert [d["id"] for d in response.json()["documents"]] == ["doc-1", "doc-2"]


def test_html_documents_are_summarised_from_their_extracted_text_which_is_returned_when_asked(
    client: TestClient,
) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    html = f"<html><head><title>T</title></head><body><nav>Home | World</nav><article>{paragraphs}</article>"

    response = client.post("/summarize", json={"documents": [{"id": "page", "html": html}], "sentences": 2,
                                               "return_text": True})

    body = response.json()
    assert response.status_code == 200
    extracted = body["extracted_text"]["page"]
    assert "Putin arrived in Beijing" in extracted and "<p>" not in extracted
    for sentence in body["sentences"]:
        assert extracted[sentence["start"]:sentence["end"]] == sentence["text"]


def test_extracted_text_is_left_out_unless_asked(client: TestClient) -> None:
    response = client.post("/summarize", json={"documents": [{"html": f"<html><body><p>{ARTICLE}</p></body></html>"}]})

    assert response.status_code == 200

    assert "extracted_text" not in response.json()
    assert set(response.json()) == {"sentences", "clusters", "documents", "parameters", "warnings", "text"}


def test_an_html_document_without_article_text_is_left_out_with_a_warning(fake_summarizer: Summarizer) -> None:
    request = SummarizeRequest.model_validate(
        {"documents": [{"id": "a", "text": ARTICLE}, {"id": "empty", "html": "<html><body></body></html>"}]}
    )

    result = summarize_request(fake_summarizer, request)

    assert [w for w in result["warnings"] if w.startswith("empty:")] == [
        "empty: no article text was found in its HTML; it was left out."]  # one warning, not also "is empty"
    assert {s["document_id"] for s in result["sentences"]} == {"a"}

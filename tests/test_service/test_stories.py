"""POST /stories and GET /jobs/{id} in-process, with the fake embedder: 202, polling, the result, the bounds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from summarizer import Summarizer
from summarizer.stories import tell_stories
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, LONE, STORY
from tests.helpers import BlockingEmbedder, assert_error

PILE = (STORY[0], FLOOD[0], STORY[1], LONE, FLOOD[1], STORY[2], FLOOD[2])
BODY = {"documents": [{"id": d.id, "text": d.text} for d in PILE], "sentences": 2}


def poll(client: TestClient, location: str, *, within: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        response = client.get(location)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        if body["status"] in ("succeeded", "failed"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.02)


def test_a_pile_is_accepted_with_202_and_a_location_and_polling_gives_its_stories(client: TestClient) -> None:
    accepted = client.post("/stories", json=BODY)

    assert accepted.status_code == 202, accepted.text
    location = accepted.headers["location"]
    assert location == accepted.json()["location"] == f"/jobs/{accepted.json()['id']}"
    assert len(accepted.json()["id"]) >= 22 and accepted.json()["status"] == "queued"
    done = poll(client, location)
    assert set(done) == {"status", "result"} and done["status"] == "succeeded"
    expected = tell_stories(Summarizer(FakeEmbedder()), PILE, sentences=2).to_dict()
    assert done["result"]["stories"] == [{**s, "documents": list(s["documents"])} for s in _plain(expected)["stories"]]
    assert [len(s["documents"]) for s in done["result"]["stories"]] == [3, 3, 1]
    assert client.get(f"/v1{location}").json() == done


def _plain(data: Any) -> Any:
    """Tuples as lists, as JSON has them."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    return data


def test_a_job_whose_options_conflict_fails_with_the_error_body(client: TestClient) -> None:
    accepted = client.post("/stories", json={**BODY, "words": 50})

    done = poll(client, accepted.headers["location"])
    assert done["status"] == "failed" and set(done) == {"status", "error"}
    assert done["error"]["code"] == "invalid_option" and "one of sentences, words or ratio" in done["error"]["message"]


def test_an_unknown_job_is_a_404_with_the_error_body(client: TestClient) -> None:
    assert_error(client.get("/jobs/not-a-job"), 404, "job_not_found")


def test_a_pile_over_the_limit_is_refused_with_413_before_it_is_queued(make_client: Callable[..., Any]) -> None:
    with make_client(max_pile_documents=3) as client:
        assert_error(client.post("/stories", json=BODY), 413, "input_too_large")
        assert_error(client.post("/stories", json={**BODY, "threshold": 0}), 422, "invalid_request")


def test_a_pile_of_more_characters_than_the_limit_is_refused_with_413_before_it_is_queued(
    make_client: Callable[..., Any],
) -> None:
    total = sum(len(d.text) for d in PILE)
    with make_client(max_pile_chars=total - 1) as client:
        error = assert_error(client.post("/stories", json=BODY), 413, "input_too_large")
        assert f"{total:,} characters" in error["message"]
    with make_client(max_pile_chars=total) as client:
        assert client.post("/stories", json=BODY).status_code == 202


def test_html_whose_text_is_over_the_character_limit_fails_its_job_with_input_too_large(
    make_client: Callable[..., Any],
) -> None:
    pages = [{"id": d.id, "html": f"<html><body><article><p>{d.text}</p></article></body></html>"} for d in PILE]
    with make_client(max_pile_chars=sum(len(d.text) for d in PILE) // 2) as client:
        accepted = client.post("/stories", json={"documents": pages})  # the text is known once extracted

        assert accepted.status_code == 202, accepted.text
        done = poll(client, accepted.headers["location"])
        assert done["status"] == "failed" and done["error"]["code"] == "input_too_large"


def test_an_html_page_without_article_text_gets_one_warning_in_a_pile(client: TestClient) -> None:
    body = {"documents": [*BODY["documents"], {"id": "blank", "html": "<html><body></body></html>"}]}

    done = poll(client, client.post("/stories", json=body).headers["location"])

    assert done["status"] == "succeeded", done
    assert [w for w in done["result"]["warnings"] if w.startswith("blank:")] == [
        "blank: no article text was found in its HTML; it was left out."]


def test_since_is_refused_for_a_pile(client: TestClient) -> None:
    error = assert_error(client.post("/stories", json={**BODY, "since": "2030-01-01"}), 422, "invalid_request")

    assert error["details"][0]["field"] == "since"
    assert "a pile's stories are told whole" in error["message"]


def test_a_full_queue_answers_429_with_retry_after_and_frees_its_place_when_the_job_ends(
    make_client: Callable[..., Any],
) -> None:
    blocking = BlockingEmbedder(FakeEmbedder())
    with make_client(summarizer=Summarizer(blocking), max_story_jobs=1, retry_after_s=7) as client:
        first = client.post("/stories", json=BODY)
        assert blocking.started.wait(10)
        assert client.get(first.headers["location"]).json() == {"status": "running"}

        refused = client.post("/stories", json=BODY)

        assert_error(refused, 429, "queue_full")
        assert refused.headers["retry-after"] == "7"
        blocking.release.set()
        assert poll(client, first.headers["location"])["status"] == "succeeded"
        assert client.post("/stories", json=BODY).status_code == 202


def test_a_result_is_dropped_after_its_lifetime(make_client: Callable[..., Any]) -> None:
    with make_client(job_result_ttl_s=0.3) as client:
        location = client.post("/stories", json=BODY).headers["location"]
        assert poll(client, location)["status"] == "succeeded"
        time.sleep(0.5)

        assert_error(client.get(location), 404, "job_not_found")


def test_the_openapi_schema_documents_the_job_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    assert {"202", "413", "429"} <= set(paths["/stories"]["post"]["responses"])
    assert {"200", "404"} <= set(paths["/jobs/{job_id}"]["get"]["responses"])
    assert "job_not_found" in paths["/jobs/{job_id}"]["get"]["responses"]["404"]["description"]

"""GET /metrics: every series an operator scrapes, in the Prometheus text format, moving with the requests made."""

from __future__ import annotations

import threading
from typing import Any

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from summarizer import Summarizer
from tests.helpers import BlockingEmbedder, assert_error

ARTICLE = ("The council approved the budget on Tuesday after a long debate. Schools get the largest share of the "
           "new money. Road repairs will start in the spring, officials said.")


def scrape(client: TestClient, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics as {(name, sorted labels): value}."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_every_series_is_listed_and_moves_when_a_story_is_summarised(
    client: TestClient, seed_request: dict[str, Any],
) -> None:
    before = scrape(client)
    response = client.post("/summarize", json=seed_request)
    after = scrape(client)
    documents = response.json()["documents"]
    distinct = sum(c["size"] for c in response.json()["clusters"])

    assert response.status_code == 200
    names = {name for name, _ in after}
    assert {
        "summarizer_http_requests_total", "summarizer_http_request_duration_seconds_bucket",
        "summarizer_http_request_duration_seconds_count", "summarizer_http_request_duration_seconds_sum",
        "summarizer_jobs_running", "summarizer_jobs_queued", "summarizer_jobs_rejected_total",
        "summarizer_model_load_seconds", "summarizer_model_ready", "summarizer_documents_total",
        "summarizer_sentences_embedded_total", "summarizer_embedding_cache_hits_total",
        "summarizer_embedding_cache_misses_total", "summarizer_embedding_cache_size",
    } <= names
    post = {"method": "POST", "route": "/summarize"}
    assert value(after, "summarizer_http_requests_total", **post, status="200") == value(
        before, "summarizer_http_requests_total", **post, status="200") + 1
    assert value(after, "summarizer_http_request_duration_seconds_count", **post) == 1
    assert value(after, "summarizer_http_request_duration_seconds_sum", **post) > 0
    assert value(after, "summarizer_http_request_duration_seconds_bucket", **post, le="+Inf") == 1
    assert value(after, "summarizer_documents_total") - value(before, "summarizer_documents_total") == len(documents)
    assert value(after, "summarizer_sentences_embedded_total") - value(
        before, "summarizer_sentences_embedded_total") == distinct > 0
    assert value(after, "summarizer_embedding_cache_misses_total") - value(
        before, "summarizer_embedding_cache_misses_total") == distinct
    assert value(after, "summarizer_embedding_cache_size") == distinct
    assert value(after, "summarizer_model_ready") == 1 and value(after, "summarizer_model_load_seconds") > 0
    assert value(after, "summarizer_jobs_running") == value(after, "summarizer_jobs_queued") == 0
    # The scrape before this one is counted too, under its own route.
    assert value(after, "summarizer_http_requests_total", method="GET", route="/metrics", status="200") >= 1

    client.post("/summarize", json={**seed_request, "sentences": 2})  # the same story, other options: every
    # sentence from the embedding cache (the same request again would be answered from the summary cache)
    again = scrape(client)
    assert value(again, "summarizer_embedding_cache_hits_total") - value(
        after, "summarizer_embedding_cache_hits_total") == distinct


def test_requests_refused_before_routing_are_labelled_by_their_route_and_unknown_paths_are_not_labelled_by_path(
    client: TestClient,
) -> None:
    client.post("/v1/summarize", content=b"plain text", headers={"content-type": "text/plain"})
    client.get("/no/such/page-123")
    samples = scrape(client)

    assert value(samples, "summarizer_http_requests_total", method="POST", route="/v1/summarize", status="415") == 1
    assert value(samples, "summarizer_http_requests_total", method="GET", route="<unmatched>", status="404") == 1
    assert not any("page-123" in str(labels) for _, labels in samples)


def test_a_request_turned_away_with_429_is_counted_and_the_running_job_shows(
    make_client: Any, fake_embedder: Any,
) -> None:
    blocking = BlockingEmbedder(fake_embedder)
    with make_client(summarizer=Summarizer(blocking), max_concurrent_jobs=1, max_queued_jobs=0) as client:
        first = threading.Thread(target=client.post, args=("/summarize",),
                                 kwargs={"json": {"documents": [{"text": ARTICLE}]}})
        first.start()
        try:
            assert blocking.started.wait(timeout=10)
            refused = client.post("/summarize", json={"documents": [{"text": ARTICLE}]})
            busy = scrape(client)
        finally:
            blocking.release.set()
            first.join(timeout=10)
        done = scrape(client)

    assert refused.status_code == 429
    assert value(busy, "summarizer_jobs_rejected_total") == 1 and value(busy, "summarizer_jobs_running") == 1
    assert value(busy, "summarizer_http_requests_total", method="POST", route="/summarize", status="429") == 1
    assert value(done, "summarizer_jobs_running") == 0


def test_metrics_can_be_turned_off(make_client: Any) -> None:
    with make_client(metrics=False) as client:
        error = assert_error(client.get("/metrics"), 404, "not_found")

    assert "SUMMARIZER_METRICS" in error["message"]


def test_with_an_api_key_metrics_ask_for_it_as_a_bearer_token_like_prometheus_sends(make_client: Any) -> None:
    with make_client(api_key="s3cret") as client:
        assert_error(client.get("/metrics"), 401, "unauthorized")
        assert_error(client.get("/metrics", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        samples = scrape(client, Authorization="Bearer s3cret")

    assert value(samples, "summarizer_http_requests_total", method="GET", route="/metrics", status="401") == 2


def test_two_apps_in_one_process_count_in_registries_of_their_own(make_client: Any) -> None:
    with make_client() as first, make_client() as second:
        for _ in range(3):
            first.get("/healthz")
        counted = scrape(first), scrape(second)

    assert value(counted[0], "summarizer_http_requests_total", method="GET", route="/healthz", status="200") == 3
    assert value(counted[1], "summarizer_http_requests_total", method="GET", route="/healthz", status="200") == 0

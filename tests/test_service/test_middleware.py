from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from service.middleware import is_json
from tests.helpers import assert_error


@pytest.mark.parametrize(("content_type", "expected"), [
    ("application/json", True), ("application/json; charset=utf-8", True), ("application/problem+json", True),
    ("text/json", False), ("text/plain", False), ("multipart/form-data", False), ("", False), (None, False),
])
def test_only_json_content_types_are_json(content_type: str | None, expected: bool) -> None:
    assert is_json(content_type) is expected


def test_a_streamed_body_without_content_length_is_cut_off_at_the_limit(make_client: Any) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b" " * 100

    with make_client(max_body_bytes=1000) as client:
        response = client.post("/summarize", content=chunks(), headers={"content-type": "application/json"})

    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_error(response, 413, "body_too_large")


def test_a_body_under_the_limit_reaches_the_route_intact(make_client: Any) -> None:
    article = "Putin arrived in Beijing on Thursday for a two-day state visit with his delegation.\n"
    with make_client(max_body_bytes=1000) as client:
        response = client.post("/summarize", json={"documents": [{"id": "é", "text": article}], "sentences": 1})

    assert response.status_code == 200
    assert response.json()["sentences"][0]["text"] == article.strip()


def test_get_requests_are_not_guarded(make_client: Any) -> None:
    with make_client(max_body_bytes=1) as client:
        assert client.get("/healthz").status_code == 200

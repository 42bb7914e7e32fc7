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
    def chunks() -> Iterator[bytes]:  # 10,000 bytes in all, and no length declared
        for _ in range(100):
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


def _guard_over(chunks: int, *, headers: dict[str, str], max_drain_bytes: int) -> tuple[int, int]:
    """Send a JSON body of `chunks` 100-byte messages through the body guard (limit 1,000 bytes) alone; return the
    status it answers with and how many messages it read."""
    import asyncio

    from service.middleware import BodyGuardMiddleware

    read = 0
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b" " * 100, "more_body": read < chunks}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def never_called(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the body was over the limit")

    guard = BodyGuardMiddleware(never_called, max_body_bytes=lambda _: 1000,
                                max_drain_bytes=lambda _: max_drain_bytes)
    scope = {"type": "http", "method": "POST", "path": "/summarize",
             "headers": [(k.encode(), v.encode()) for k, v in {"content-type": "application/json", **headers}.items()]}
    asyncio.run(guard(scope, receive, send))  # type: ignore[arg-type]
    return statuses[0], read


def test_the_rest_of_a_refused_body_is_read_before_the_413_unless_the_client_waits_or_it_is_too_big() -> None:
    # Streamed: cut off at the limit (11 messages), then the other 89 are read and thrown away.
    assert _guard_over(100, headers={}, max_drain_bytes=10**6) == (413, 100)
    # Declared over the limit: the whole of it is read, none of it kept.
    assert _guard_over(100, headers={"content-length": "10000"}, max_drain_bytes=10**6) == (413, 100)
    # Past the drain bound, the reading stops (the server then closes the connection).
    assert _guard_over(100, headers={}, max_drain_bytes=2000) == (413, 32)
    # Declared over the drain bound, or the client waits for an answer before sending (Expect: 100-continue).
    assert _guard_over(100, headers={"content-length": "10000"}, max_drain_bytes=5000) == (413, 0)
    assert _guard_over(100, headers={"content-length": "10000", "expect": "100-continue"},
                       max_drain_bytes=10**6) == (413, 0)

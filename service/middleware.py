"""Pure ASGI guards that run before FastAPI parses anything: the optional API key (401), and request bodies:
JSON only (415), and no more than `max_body_bytes` (413).

An oversized body is refused on its Content-Length, or as soon as the bytes streamed pass the limit: no more than
the limit is ever kept. The rest of a refused body is read and thrown away (up to `max_drain_bytes`) before the
error is sent, because clients such as `requests` and `urllib` send the whole body before they read an answer: a
server that answers and closes first makes them see "connection reset" instead of the 413. A client that sent
`Expect: 100-continue` has not sent its body yet and gets the error at once. A request without the right key is
refused before its body is read at all.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from email.message import Message

from starlette.types import ASGIApp, Receive, Scope, Send

from service.errors import (
    BodyTooLargeError,
    ServiceError,
    UnauthorizedError,
    UnsupportedMediaTypeError,
    service_error_response,
)

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
#: Paths answered without the API key: the probes (orchestrators call them) and the web page's static shell
#: (a browser cannot send a header when it opens a page; the page then sends the key the user types with
#: every API call). None of them reveals data or does work.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/", "/piles"})
OPEN_PREFIXES = ("/static/",)


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header declares JSON (`application/json` or `application/*+json`).

    Example:
        >>> is_json("application/json; charset=utf-8"), is_json("text/plain"), is_json(None)
        (True, False, False)
    """
    if not content_type:
        return False
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (subtype == "json" or subtype.endswith("+json"))


class BodyGuardMiddleware:
    """Refuses request bodies that are not JSON or are over the byte limit, before the app reads them.

    Args:
        app: the application to guard.
        max_body_bytes: reads the limit for a request; called per request so settings overrides apply.
        max_drain_bytes: reads how much of a refused body is read and thrown away before the error is sent.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: Callable[[Scope], int],
                 max_drain_bytes: Callable[[Scope], int]) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_drain_bytes = max_drain_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        limit = self.max_body_bytes(scope)
        declared = headers.get("content-length", "")
        body = _Body(receive)
        try:
            if not is_json(headers.get("content-type")):
                raise UnsupportedMediaTypeError(
                    f"Send the request body as JSON with the header Content-Type: application/json "
                    f"(got {headers.get('content-type') or 'no Content-Type'}).",
                    details={"content_type": headers.get("content-type")},
                )
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            content = await body.read(limit)
        except ServiceError as exc:
            bound = self.max_drain_bytes(scope)
            waiting = "100-continue" in headers.get("expect", "").lower()  # the client has not sent the body
            if not waiting and not (declared.isdigit() and int(declared) > bound):
                await body.drain(bound)
            await service_error_response(exc)(scope, receive, send)
            return
        await self.app(scope, _replay(content, receive), send)


def presented_key(headers: dict[str, str]) -> str | None:
    """The API key a request presents, from `X-API-Key: <key>` or `Authorization: Bearer <key>`.

    Example:
        >>> presented_key({"authorization": "Bearer s3cret"}), presented_key({"x-api-key": "k"}), presented_key({})
        ('s3cret', 'k', None)
    """
    if "x-api-key" in headers:
        return headers["x-api-key"]
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


class ApiKeyMiddleware:
    """Refuses every request but the health probes unless it presents the API key; off when the key is None.

    Args:
        app: the application to guard.
        api_key: reads the key for a request (None: no key needed); called per request so settings overrides apply.
    """

    def __init__(self, app: ASGIApp, *, api_key: Callable[[Scope], str | None]) -> None:
        self.app = app
        self.api_key = api_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        expected = self.api_key(scope) if scope["type"] in ("http", "websocket") else None
        if expected is None or scope["path"] in OPEN_PATHS or scope["path"].startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        given = presented_key(headers)
        # compare_digest takes as long whatever the first differing byte, so the key cannot be guessed by timing.
        if given is not None and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            await self.app(scope, receive, send)
            return
        error = UnauthorizedError(
            "A valid API key is required: send it in the header X-API-Key: <key> or Authorization: Bearer <key>."
            if given is None else "The API key is wrong; check the key you were given.",
            headers={"WWW-Authenticate": "Bearer"},
        )
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})  # policy violation
            return
        await service_error_response(error)(scope, receive, send)


def _too_large(limit: int) -> BodyTooLargeError:
    return BodyTooLargeError(
        f"The request body is over the limit of {limit:,} bytes; send fewer or shorter documents.",
        details={"max_body_bytes": limit},
    )


class _Body:
    """A request body read from the server, message by message, knowing when it has all been sent."""

    def __init__(self, receive: Receive) -> None:
        self._receive = receive
        self.complete = False

    async def _next(self) -> bytes:
        message = await self._receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            self.complete = True
        return bytes(message.get("body", b""))

    async def read(self, limit: int) -> bytes:
        """The whole body, or BodyTooLargeError as soon as more than `limit` bytes have come."""
        # Content-Length can be absent (chunked) or wrong, so the bytes themselves are counted too.
        chunks: list[bytes] = []
        size = 0
        while not self.complete:
            chunk = await self._next()
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
        return b"".join(chunks)

    async def drain(self, bound: int) -> None:
        """Read the rest and throw it away, stopping after `bound` bytes."""
        size = 0
        while not self.complete and size <= bound:
            size += len(await self._next())


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> dict[str, object]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        # After the body, pass through to the server so the app still learns of a disconnect.
        return dict(await receive())

    return replay

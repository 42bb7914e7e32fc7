"""One log line and one metrics observation per request, with a request id the client can quote.

An incoming `X-Request-ID` (printable ASCII, up to 128 characters) is kept, else one is made; either way it is
echoed in the response's `X-Request-ID`. The line holds the id, method, route template, status, duration, and for
summaries the documents and sentences; never article text, the path's query or a header's value.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.metrics import Metrics
from service.settings import LogFormat

#: The request log's logger; `configure_request_log` gives it its one handler.
LOGGER = "service.requests"
#: The route label of a request no route matched (a 404): raw paths would make a series per path.
UNMATCHED = "<unmatched>"
_REQUEST_ID = re.compile(r"[\x21-\x7e]{1,128}")
#: The fields of a line, in order; `documents` and `sentences` are null for what is not a summary.
FIELDS = ("request_id", "method", "route", "status", "duration_ms", "documents", "sentences")

logger = logging.getLogger(LOGGER)


class ObserveMiddleware:
    """Times each HTTP request, labels it by its route template, logs one line and counts it in `metrics`.

    Args:
        app: the application to wrap (outermost, so refusals by the other middleware are seen too).
        metrics: the app's metrics.
    """

    def __init__(self, app: ASGIApp, *, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        self._templates: list[tuple[re.Pattern[str], str]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope["headers"])
        incoming = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500  # unless a response starts: an exception escaping the app is answered 500 further out

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"x-request-id", request_id.encode("latin-1"))]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            if self._templates is None:  # the routes are all in place once the first request comes
                self._templates = route_templates(scope.get("app"))
            # From the path, not from routing: a request refused before routing (401, 413, 415) is labelled too.
            route = route_template(self._templates, scope["path"])
            self.metrics.observe(scope["method"], route, status, seconds)
            noted = scope["state"].get("summary_counts") or {}
            logger.info("request", extra={"fields": {
                "request_id": request_id, "method": scope["method"], "route": route, "status": status,
                "duration_ms": round(seconds * 1000, 1), "documents": noted.get("documents"),
                "sentences": noted.get("sentences"),
            }})


def route_templates(app: Any) -> list[tuple[re.Pattern[str], str]]:
    """Each route's path pattern and template (`/static/{name}`), routers included under a prefix too."""
    found: list[tuple[re.Pattern[str], str]] = []

    def walk(routes: Iterable[Any]) -> None:
        for route in routes:
            contexts = getattr(route, "effective_route_contexts", None)  # a router included with a prefix
            if callable(contexts):
                walk(contexts())
                continue
            pattern, template = getattr(route, "path_regex", None), getattr(route, "path_format", None)
            if isinstance(pattern, re.Pattern) and isinstance(template, str):
                found.append((pattern, template))

    walk(getattr(app, "routes", ()))
    return found


def route_template(templates: Sequence[tuple[re.Pattern[str], str]], path: str) -> str:
    """The template of the first route whose pattern matches `path`, or `<unmatched>`.

    Example:
        >>> route_template([(re.compile(r"^/static/(?P<name>.*)$"), "/static/{name}")], "/static/app.js")
        '/static/{name}'
    """
    return next((template for pattern, template in templates if pattern.match(path)), UNMATCHED)


def note_summary(state: Any, metrics: Metrics, result: Mapping[str, Any]) -> None:
    """Record a summary's counts for the request's log line and the metrics, from its response body."""
    documents = result.get("documents", [])
    counts = {"documents": len(documents), "sentences": sum(int(d.get("sentences", 0)) for d in documents)}
    state.summary_counts = counts
    metrics.documents.inc(counts["documents"])
    metrics.sentences_embedded.inc(sum(int(c.get("size", 0)) for c in result.get("clusters", [])))


class RequestLogFormatter(logging.Formatter):
    """Writes a request's fields as `key=value` pairs (text) or one JSON object (json), after the time."""

    def __init__(self, style: LogFormat) -> None:
        super().__init__()
        self.style = style

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = getattr(record, "fields", {"message": record.getMessage()})
        when = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z"
        if self.style == "json":
            return json.dumps({"time": when, "level": record.levelname.lower(), "logger": record.name, **fields},
                              ensure_ascii=True)
        pairs = " ".join(f"{key}={'-' if value is None else value}" for key, value in fields.items())
        return f"{when} {record.levelname} {record.name} {pairs}"


def configure_request_log(style: LogFormat, level: str) -> None:
    """Send the request log to stderr in `style` at uvicorn's `level` (`warning` and above silence it)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RequestLogFormatter(style))
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG if level == "trace" else level.upper())

"""The one place where errors become HTTP responses, all with the body `{"error": {"code", "message", "details"}}`.

Library exceptions are mapped to status codes by `LIBRARY_ERRORS`; the service's own conditions (model loading,
queue full, time budget, body limits) are `ServiceError`s that carry their status. Error tree::

    ServiceError                  a condition of the service, not of the input's content
    ├── ModelLoadingError         503 model_loading      the model is still loading (Retry-After)
    ├── ModelUnavailableError     503 model_unavailable  the model failed to load
    ├── QueueFullError            429 queue_full         every job slot and queue place is taken (Retry-After)
    ├── JobTimeoutError           504 timeout            the summary did not finish within its time budget
    ├── UnauthorizedError         401 unauthorized       the API key is missing or wrong
    ├── ClientDisconnectedError   499 client_closed_request  the client went away; its work was dropped
    ├── BodyTooLargeError         413 body_too_large     the request body is over max_body_bytes
    └── UnsupportedMediaTypeError 415 unsupported_media_type  the body is not application/json
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.schemas import ErrorResponse
from summarizer import (
    DeviceUnavailableError,
    InputError,
    InputTooLargeError,
    InvalidOptionError,
    ModelError,
    NoDocumentsError,
    NoUsableTextError,
    StoppedError,
    SummarizerError,
    UnreadableFileError,
)

logger = logging.getLogger(__name__)

#: Library exception -> HTTP status, most specific first; the first `isinstance` match wins. The error code is
#: the exception's own `code`, shared with the batch output.
LIBRARY_ERRORS: tuple[tuple[type[SummarizerError], int], ...] = (
    (NoUsableTextError, 400),
    (NoDocumentsError, 400),
    (UnreadableFileError, 400),
    (InputTooLargeError, 413),
    (InputError, 400),
    (InvalidOptionError, 422),
    (DeviceUnavailableError, 503),
    (ModelError, 503),
    (StoppedError, 499),
    (SummarizerError, 500),
)

#: Codes for the HTTP errors Starlette raises itself (unknown path, wrong method, unparsable body).
_HTTP_CODES = {400: "invalid_json", 404: "not_found", 405: "method_not_allowed"}
#: FastAPI's detail when the body cannot be parsed at all (not UTF-8, or JSON nested too deeply to parse).
_UNPARSABLE_BODY = "There was an error parsing the body"


class ServiceError(Exception):
    """A condition of the service that ends a request with `status_code` and the error body."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers


class ModelLoadingError(ServiceError):
    """The model is still loading; try again shortly."""

    status_code = 503
    code = "model_loading"


class ModelUnavailableError(ServiceError):
    """The model failed to load; the service cannot summarise until it is restarted."""

    status_code = 503
    code = "model_unavailable"


class QueueFullError(ServiceError):
    """Every job slot and queue place is taken."""

    status_code = 429
    code = "queue_full"


class JobTimeoutError(ServiceError):
    """The summary did not finish within the request's time budget."""

    status_code = 504
    code = "timeout"


class UnauthorizedError(ServiceError):
    """The API key is missing or wrong."""

    status_code = 401
    code = "unauthorized"


class ClientDisconnectedError(ServiceError):
    """The client disconnected before its summary was ready; its queued or running work was dropped."""

    status_code = 499  # nginx's "client closed request": nobody reads it, but logs and metrics do
    code = "client_closed_request"


class BodyTooLargeError(ServiceError):
    """The request body is larger than `max_body_bytes`."""

    status_code = 413
    code = "body_too_large"


class UnsupportedMediaTypeError(ServiceError):
    """The request body is not declared as JSON."""

    status_code = 415
    code = "unsupported_media_type"


#: Every error status the API documents, for the OpenAPI `responses` of the routes.
ERROR_DESCRIPTIONS: dict[int, str] = {
    401: "The API key is missing or wrong (`unauthorized`), when the server has one.",
    400: "No usable sentence in the input (`no_usable_text`).",
    413: "Too many documents or characters (`input_too_large`), or too large a body (`body_too_large`).",
    415: "The body is not `application/json` (`unsupported_media_type`).",
    422: "The body does not match the schema (`invalid_request`, naming the field) or an option is out of "
         "range (`invalid_option`).",
    429: "The work queue is full (`queue_full`); retry after `Retry-After` seconds.",
    503: "The model is loading (`model_loading`, with `Retry-After`) or failed to load (`model_unavailable`).",
    504: "The summary did not finish within the time budget (`timeout`).",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all with the one error body."""
    return {status: {"model": ErrorResponse, "description": ERROR_DESCRIPTIONS[status]} for status in statuses}


def error_response(
    status_code: int, code: str, message: str, *, details: Any = None, headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The JSON response every error is sent as."""
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status_code, headers=headers)


def service_error_response(exc: ServiceError) -> JSONResponse:
    """The response for a `ServiceError` (also used by middleware, which runs outside the exception handlers)."""
    return error_response(exc.status_code, exc.code, exc.message, details=exc.details, headers=exc.headers)


def library_status(exc: SummarizerError) -> tuple[int, str]:
    """The (status, code) a library exception is answered with."""
    for kind, status in LIBRARY_ERRORS:
        if isinstance(exc, kind):
            return status, exc.code
    return 500, "internal_error"  # unreachable: SummarizerError is the last entry


def validation_details(exc: RequestValidationError) -> list[dict[str, str]]:
    """Each schema problem as the dotted field it is about, its message and its type (the input is left out,
    as it can be a whole article)."""
    details = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] == "body":
            location = location[1:]
        message = str(error.get("msg", ""))
        if error.get("type") == "json_invalid":  # its location is the character offset, not a field
            reason = (error.get("ctx") or {}).get("error", "")
            location = []
            message = f"invalid JSON at character {error['loc'][-1]}: {reason}; send one JSON object"
        details.append({"field": ".".join(location) or "body", "message": message, "type": str(error.get("type", ""))})
    return details


async def _on_service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    return service_error_response(exc)


async def _on_library_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SummarizerError)
    status, code = library_status(exc)
    if status >= 500:
        logger.error("summariser failed: %s", exc, exc_info=exc)
    return error_response(status, code, str(exc))


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = validation_details(exc)
    first = details[0] if details else {"field": "body", "message": "invalid request"}
    more = f" (and {len(details) - 1} more problems, see details)" if len(details) > 1 else ""
    return error_response(422, "invalid_request", f"{first['field']}: {first['message']}{more}", details=details)


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    message = str(exc.detail)
    if message == _UNPARSABLE_BODY:
        message = ("The request body cannot be parsed as JSON: it is not UTF-8, or it is nested too deeply; "
                   "send one JSON object in UTF-8.")
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Logged in full here; the client gets the same body shape and no traceback.
    logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "Internal error; the server log has the details.")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one error body."""
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(SummarizerError, _on_library_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected_error)

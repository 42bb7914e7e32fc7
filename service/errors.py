"""The one place where errors become HTTP responses, all with the body `{"error": {"code", "message", "details"}}`.

Every error is a class that carries its `code` and `http_status`: the library's `SummarizerError` tree
(`summarizer/errors.py`) and the service's own `ServiceError` tree below. The handlers read those attributes,
and the OpenAPI descriptions of the error responses are generated from the same classes (`error_table`), so
adding an error means adding one class. Error tree (code, status)::

    ServiceError                  internal_error          500  the base: a condition of the service
    ├── InternalError             internal_error          500  an unexpected error (details in the server log)
    ├── ModelLoadingError         model_loading           503  the model is still loading (Retry-After)
    ├── ModelUnavailableError     model_unavailable       503  the model failed to load (ModelError's code; a library
    │                                                          error keeps its own, e.g. device_unavailable)
    ├── QueueFullError            queue_full              429  every job slot and queue place is taken
    ├── JobTimeoutError           timeout                 504  the summary did not finish within its budget
    ├── JobNotFoundError          job_not_found           404  no job has this id (or its result was dropped)
    ├── UnauthorizedError         unauthorized            401  the API key is missing or wrong
    ├── ClientDisconnectedError   client_closed_request   499  the client went away (StoppedError's code)
    ├── BodyTooLargeError         body_too_large          413  the request body is over max_body_bytes
    ├── UnsupportedMediaTypeError unsupported_media_type  415  the body is not application/json
    ├── InvalidRequestError       invalid_request         422  the body does not match the schema
    ├── InvalidJsonError          invalid_json            400  the body cannot be parsed (raised by Starlette)
    ├── NotFoundError             not_found               404  no such path (raised by Starlette)
    └── MethodNotAllowedError     method_not_allowed      405  the path has no such method (raised by Starlette)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.schemas import ErrorResponse
from summarizer import ModelError, StoppedError, SummarizerError
from summarizer.errors import error_classes

logger = logging.getLogger(__name__)

#: FastAPI's detail when the body cannot be parsed at all (not UTF-8, or JSON nested too deeply to parse).
_UNPARSABLE_BODY = "There was an error parsing the body"


class ServiceError(Exception):
    """A condition of the service that ends a request with its `http_status` and the error body."""

    code: ClassVar[str] = "internal_error"
    http_status: ClassVar[int] = 500

    def __init__(self, message: str, *, details: Any = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.headers = headers


class InternalError(ServiceError):
    """An unexpected error; the body holds no traceback, the server log has the details."""


class ModelLoadingError(ServiceError):
    """The model is still loading; try again after `Retry-After` seconds."""

    code: ClassVar[str] = "model_loading"
    http_status: ClassVar[int] = 503


class ModelUnavailableError(ServiceError):
    """The model failed to load; the service cannot summarise until it is restarted."""

    code: ClassVar[str] = ModelError.code
    http_status: ClassVar[int] = ModelError.http_status


class QueueFullError(ServiceError):
    """Every job slot and queue place is taken; retry after `Retry-After` seconds."""

    code: ClassVar[str] = "queue_full"
    http_status: ClassVar[int] = 429


class JobTimeoutError(ServiceError):
    """The summary did not finish within the request's time budget."""

    code: ClassVar[str] = "timeout"
    http_status: ClassVar[int] = 504


class JobNotFoundError(ServiceError):
    """No job has this id, or the job ended long enough ago that its result was dropped."""

    code: ClassVar[str] = "job_not_found"
    http_status: ClassVar[int] = 404


class UnauthorizedError(ServiceError):
    """The API key is missing or wrong (when the server has one)."""

    code: ClassVar[str] = "unauthorized"
    http_status: ClassVar[int] = 401


class ClientDisconnectedError(ServiceError):
    """The client disconnected before its summary was ready; its queued or running work was dropped."""

    code: ClassVar[str] = StoppedError.code
    http_status: ClassVar[int] = StoppedError.http_status


class BodyTooLargeError(ServiceError):
    """The request body is larger than `max_body_bytes`."""

    code: ClassVar[str] = "body_too_large"
    http_status: ClassVar[int] = 413


class UnsupportedMediaTypeError(ServiceError):
    """The request body is not declared as `application/json`."""

    code: ClassVar[str] = "unsupported_media_type"
    http_status: ClassVar[int] = 415


class InvalidRequestError(ServiceError):
    """The body does not match the schema; `details[].field` names each field at fault."""

    code: ClassVar[str] = "invalid_request"
    http_status: ClassVar[int] = 422


class InvalidJsonError(ServiceError):
    """The body cannot be parsed as JSON."""

    code: ClassVar[str] = "invalid_json"
    http_status: ClassVar[int] = 400


class NotFoundError(ServiceError):
    """No route has this path."""

    code: ClassVar[str] = "not_found"
    http_status: ClassVar[int] = 404


class MethodNotAllowedError(ServiceError):
    """The path exists, but not with this method."""

    code: ClassVar[str] = "method_not_allowed"
    http_status: ClassVar[int] = 405


#: The errors Starlette raises itself (unknown path, wrong method, unparsable body), by the status it gives them.
_HTTP_ERRORS: dict[int, type[ServiceError]] = {
    cls.http_status: cls for cls in (InvalidJsonError, NotFoundError, MethodNotAllowedError)
}


def error_table() -> dict[int, dict[str, str]]:
    """Every error the API can answer with: status -> {code: one-line description}, read from the classes.

    Where a service error shares its code with a library error (`internal_error`, `model_unavailable`,
    `client_closed_request`), the service's description is the one given: it says what the code means to an
    API client. The two roots are bases, described by their subclasses.
    """
    table: dict[int, dict[str, str]] = {}
    classes: list[type[ServiceError] | type[SummarizerError]] = [
        *error_classes(ServiceError)[1:], *error_classes(SummarizerError)[1:]]
    for cls in classes:
        description = (cls.__doc__ or "").strip().splitlines()[0]
        table.setdefault(cls.http_status, {}).setdefault(cls.code, description)
    return dict(sorted(table.items()))


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all with the one error body, each described by
    the codes it is answered with."""
    table = error_table()
    return {status: {"model": ErrorResponse, "description": "\n".join(
        f"- `{code}`: {description}" for code, description in sorted(table[status].items()))}
        for status in statuses}


def error_response(
    status_code: int, code: str, message: str, *, details: Any = None, headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The JSON response every error is sent as."""
    body = {"error": {"code": code, "message": message, "details": details}}
    return JSONResponse(body, status_code=status_code, headers=headers)


def service_error_response(exc: ServiceError) -> JSONResponse:
    """The response for a `ServiceError` (also used by middleware, which runs outside the exception handlers)."""
    return error_response(exc.http_status, exc.code, exc.message, details=exc.details, headers=exc.headers)


def library_status(exc: SummarizerError) -> tuple[int, str]:
    """The (status, code) a library exception is answered with: the ones its class carries."""
    return exc.http_status, exc.code


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
    return service_error_response(InvalidRequestError(f"{first['field']}: {first['message']}{more}", details=details))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    known = _HTTP_ERRORS.get(exc.status_code)
    code = known.code if known is not None else "http_error"
    message = str(exc.detail)
    if message == _UNPARSABLE_BODY:
        message = ("The request body cannot be parsed as JSON: it is not UTF-8, or it is nested too deeply; "
                   "send one JSON object in UTF-8.")
    elif message == "Not Found":  # Starlette's own words for a path no route has
        message = f"No such path: {request.url.path}; the API's paths are listed at /docs and /openapi.json."
    elif message == "Method Not Allowed":
        allowed = (exc.headers or {}).get("Allow", "")
        message = f"{request.method} is not allowed on {request.url.path}; it takes {allowed or 'other methods'}."
    return error_response(exc.status_code, code, message, headers=exc.headers)


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Logged in full here; the client gets the same body shape and no traceback.
    logger.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return service_error_response(InternalError("Internal error; the server log has the details."))


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into the one error body."""
    app.add_exception_handler(ServiceError, _on_service_error)
    app.add_exception_handler(SummarizerError, _on_library_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected_error)

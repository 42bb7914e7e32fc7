"""Typed errors raised by the summariser; each message says what to do next.

Each exception class is one row of the one error table: its stable `code` (e.g. "no_usable_text"), the one the
HTTP API and the batch output report it under; the `http_status` the API answers it with; and the `exit_code`
the CLI exits with. The service and the CLI read these attributes; nothing else maps errors.

Exception tree (code, HTTP status, CLI exit code)::

    SummarizerError                  internal_error        500  1
    ├── InputError                   bad_input             400  2  the input cannot be summarised as given
    │   ├── NoDocumentsError         no_documents          400  2  no documents, or no readable text files
    │   ├── UnreadableFileError      unreadable_input      400  2  a path is missing, a directory empty, a file binary
    │   ├── NoUsableTextError        no_usable_text        400  2  no sentence in any document can be used
    │   └── InputTooLargeError       input_too_large       413  2  over a documented limit
    ├── InvalidOptionError           invalid_option        422  2  an option is out of range or options conflict
    ├── StoppedError                 client_closed_request 499  1  the caller's `should_stop` asked to stop
    └── ModelError                   model_unavailable     503  1  the model cannot be loaded or run
        └── DeviceUnavailableError   device_unavailable    503  1  the requested device (e.g. CUDA) is not there
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

#: The CLI's exit codes: success, an internal error (the model, a bug), bad usage or unusable input.
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2

T = TypeVar("T", bound=Exception)


class SummarizerError(Exception):
    """Base class of every error the summariser raises on purpose."""

    code: ClassVar[str] = "internal_error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = EXIT_INTERNAL


class InputError(SummarizerError):
    """The input cannot be summarised as given."""

    code: ClassVar[str] = "bad_input"
    http_status: ClassVar[int] = 400
    exit_code: ClassVar[int] = EXIT_USAGE


class NoDocumentsError(InputError):
    """No documents were given, or the paths given hold no readable text files."""

    code: ClassVar[str] = "no_documents"


class UnreadableFileError(InputError):
    """A path is missing, not a regular file or directory, or a file is binary."""

    code: ClassVar[str] = "unreadable_input"


class NoUsableTextError(InputError):
    """No sentence in any document is usable in a summary."""

    code: ClassVar[str] = "no_usable_text"


class InputTooLargeError(InputError):
    """A document, or the input as a whole, is over a documented limit."""

    code: ClassVar[str] = "input_too_large"
    http_status: ClassVar[int] = 413


class InvalidOptionError(SummarizerError):
    """An option is out of range, or two options conflict."""

    code: ClassVar[str] = "invalid_option"
    http_status: ClassVar[int] = 422
    exit_code: ClassVar[int] = EXIT_USAGE


class StoppedError(SummarizerError):
    """The caller's `should_stop` returned True between two stages; the summary was abandoned."""

    code: ClassVar[str] = "client_closed_request"
    http_status: ClassVar[int] = 499  # nginx's "client closed request": nobody reads it, but logs and metrics do


class ModelError(SummarizerError):
    """The embedding model could not be loaded or run."""

    code: ClassVar[str] = "model_unavailable"
    http_status: ClassVar[int] = 503


class DeviceUnavailableError(ModelError):
    """The requested compute device is not available on this machine."""

    code: ClassVar[str] = "device_unavailable"


def error_classes(base: type[T]) -> list[type[T]]:
    """`base` and every class below it, depth first in definition order: the rows of an error table.

    Example:
        >>> [cls.__name__ for cls in error_classes(ModelError)]
        ['ModelError', 'DeviceUnavailableError']
    """
    rows: list[type[T]] = [base]
    for sub in base.__subclasses__():
        rows.extend(error_classes(sub))
    return rows

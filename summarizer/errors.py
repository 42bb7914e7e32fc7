"""Typed errors raised by the summariser; each message says what to do next.

Each exception carries a stable `code` (e.g. "no_usable_text"), the one the HTTP API and the batch output
report it under.

Exception tree::

    SummarizerError
    ├── InputError                 the input cannot be summarised as given (CLI exit 2, HTTP 400/413)
    │   ├── NoDocumentsError       no documents, or no readable text files in the paths given
    │   ├── UnreadableFileError    a path is missing, a directory is empty, or a file is binary
    │   ├── NoUsableTextError      no sentence in any document can be used in a summary
    │   └── InputTooLargeError     a document or the whole input is over a documented limit
    ├── InvalidOptionError         an option is out of range or options conflict (CLI exit 2, HTTP 422)
    ├── StoppedError               the caller's `should_stop` asked to stop; the summary was abandoned
    └── ModelError                 the embedding model cannot be loaded or run (CLI exit 1, HTTP 503)
        └── DeviceUnavailableError the requested device (e.g. CUDA) is not available
"""

from __future__ import annotations

from typing import ClassVar


class SummarizerError(Exception):
    """Base class of every error the summariser raises on purpose."""

    code: ClassVar[str] = "internal_error"


class InputError(SummarizerError):
    """The input cannot be summarised as given."""

    code: ClassVar[str] = "bad_input"


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


class InvalidOptionError(SummarizerError):
    """An option is out of range, or two options conflict."""

    code: ClassVar[str] = "invalid_option"


class StoppedError(SummarizerError):
    """The caller's `should_stop` returned True between two stages; the summary was abandoned."""

    code: ClassVar[str] = "client_closed_request"


class ModelError(SummarizerError):
    """The embedding model could not be loaded or run."""

    code: ClassVar[str] = "model_unavailable"


class DeviceUnavailableError(ModelError):
    """The requested compute device is not available on this machine."""

    code: ClassVar[str] = "device_unavailable"

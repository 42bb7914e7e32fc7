"""The batch output: one JSON record per input line, a summary or an error, and the one place records become
lines (every engine and `batch-build` write through `encode`)."""

from __future__ import annotations

import json
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.types import Stories, Summary


def summary_record(story_id: str, summary: Summary) -> dict[str, Any]:
    """The output record of a story that was summarised."""
    return {"id": story_id, "summary": summary.to_dict()}


def stories_record(pile_id: str, stories: Stories) -> dict[str, Any]:
    """The output record of a pile that was told as stories."""
    return {"id": pile_id, "stories": stories.to_dict()}


def error_record(story_id: str | None, line: int, code: str, message: str) -> dict[str, Any]:
    """The output record of a line that failed: its story id (None when unknown), input line and error.

    Example:
        >>> encode(error_record("s2", 2, "no_usable_text", "No usable sentence found."))
        '{"id": "s2", "line": 2, "error": {"code": "no_usable_text", "message": "No usable sentence found."}}'
    """
    return {"id": story_id, "line": line, "error": {"code": code, "message": message}}


def exception_record(story_id: str, line: int, exc: BaseException) -> dict[str, Any]:
    """The error record of a story whose summarising raised `exc`."""
    return error_record(story_id, line, error_code(exc), _message(exc))


def error_code(exc: BaseException) -> str:
    """The error code written for an exception raised while summarising a story (the HTTP API's codes)."""
    return exc.code if isinstance(exc, SummarizerError) else "internal_error"


def is_error(record: dict[str, Any]) -> bool:
    """Whether a record reports a failure."""
    return "error" in record


def encode(record: dict[str, Any]) -> str:
    """One output line (without its newline); NaN or infinity would not be JSON, so they are refused."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False)


def _message(exc: BaseException) -> str:
    if isinstance(exc, SummarizerError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}; please report it with the story that caused it."

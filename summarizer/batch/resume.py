"""Resuming: what an earlier run already wrote to the output, and the plan of what is left to do."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.batch.engine import Task
from summarizer.batch.records import error_record
from summarizer.batch.story import StoryLineError, loose_id, parse_story
from summarizer.errors import UnreadableFileError


@dataclass(frozen=True)
class Done:
    """What an earlier run already wrote: how often each story id appears, and the lines of id-less errors."""

    ids: Counter[str]
    lines: frozenset[int]
    repaired: bool = False


def read_done(output: str | Path) -> Done:
    """Read the records of an earlier run from `output`, cutting off a last line left half-written by a crash.

    Raises:
        UnreadableFileError: a line other than the last is not an output record.
    """
    path = Path(output)
    if not path.exists():
        return Done(Counter(), frozenset())
    ids: Counter[str] = Counter()
    lines: set[int] = set()
    keep = 0  # bytes of whole, valid records from the start of the file
    with path.open("rb") as handle:
        data = handle.read()
    offset, number = 0, 0
    while offset < len(data):
        end = data.find(b"\n", offset)
        number += 1
        chunk = data[offset:] if end < 0 else data[offset:end]
        record = _record(chunk) if end >= 0 else None
        if record is None:
            if end >= 0 and data[end + 1:].strip():
                raise UnreadableFileError(
                    f"line {number} of {path} is not a batch output record, so it cannot be resumed; "
                    "give a new output path, or delete or fix that line."
                )
            break  # the last line, cut short by a crash: it is rewritten
        if record.get("id") is not None:
            ids[str(record["id"])] += 1
        elif isinstance(record.get("line"), int):
            lines.add(record["line"])
        offset = keep = end + 1
    repaired = keep < len(data)
    if repaired:
        with path.open("r+b") as handle:
            handle.truncate(keep)
    return Done(ids, frozenset(lines), repaired)


def _record(chunk: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(chunk)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(record, dict) and "id" in record and ("summary" in record or "stories" in record
                                                        or "error" in record):
        return record
    return None


@dataclass(frozen=True)
class Plan:
    """The input lines still to do, each numbered by its place in this run's output: the stories for an engine,
    and the error records of the lines that are not stories (written in their place, with no engine)."""

    tasks: tuple[Task, ...]
    errors: tuple[tuple[int, dict[str, Any]], ...]

    @property
    def size(self) -> int:
        """The lines this run writes."""
        return len(self.tasks) + len(self.errors)


def plan(lines: Iterable[str], done: Done) -> Plan:
    """Each input line not yet done, as a story to summarise or, when the line is invalid, its error record.

    A repeated story id is an error on every line after the first; ids already in the output, as often as
    they are there, and id-less error lines already there are skipped.

    Example:
        >>> lines = ['{"id": "a", "documents": []}', "{bad", '{"id": "a", "documents": []}']
        >>> todo = plan(lines, Done(Counter(), frozenset()))
        >>> [(i, s.id) for i, s in todo.tasks], [(i, r["error"]["code"]) for i, r in todo.errors]
        ([(0, 'a')], [(1, 'invalid_json'), (2, 'duplicate_id')])
    """
    tasks: list[Task] = []
    errors: list[tuple[int, dict[str, Any]]] = []
    seen: Counter[str] = Counter()
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        index = len(tasks) + len(errors)
        try:
            story = parse_story(text, line=number)
        except StoryLineError as exc:
            story_id = loose_id(text)
            seen_before = story_id is not None and seen[story_id] > 0
            if story_id is not None:
                seen[story_id] += 1
                if seen[story_id] <= done.ids[story_id]:
                    continue
            elif number in done.lines:
                continue
            if seen_before:  # a repeated id is the clearer report
                errors.append((index, error_record(story_id, number, "duplicate_id", _duplicate(story_id))))
            else:
                errors.append((index, error_record(story_id, number, exc.code, str(exc))))
            continue
        seen[story.id] += 1
        if seen[story.id] <= done.ids[story.id]:
            continue
        if seen[story.id] > 1:
            errors.append((index, error_record(story.id, number, "duplicate_id", _duplicate(story.id))))
        else:
            tasks.append((index, story))
    return Plan(tuple(tasks), tuple(errors))


def _duplicate(story_id: str | None) -> str:
    return f"story id {story_id!r} was used on an earlier line; give every story a unique id."

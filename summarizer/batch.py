"""Batch summarisation: stories from a JSON Lines file in, one summary or error per line out, resumable.

Input, one story per line (blank lines are skipped)::

    {"id": "story-1", "documents": [{"id": "reuters", "text": "..."}], "words": 100}

`sentences`, `words`, `ratio`, `order` and `seed` are optional and mean what they mean to `Summarizer`.
Output, one line per input line, in input order::

    {"id": "story-1", "summary": {...Summary.to_dict()...}}
    {"id": "story-2", "line": 2, "error": {"code": "no_usable_text", "message": "..."}}

A story that cannot be summarised is reported on its line and the batch goes on. Each line is written and
flushed as soon as it and every line before it are done, so a crash loses only the stories in flight; a
second run with the same output skips the stories already in it. The engine that does the work is
pluggable: `LocalEngine` here, `summarizer.batch_ray.RayEngine` on Ray (this module never imports Ray).

Example:
    >>> report = run_batch("stories.jsonl", "summaries.jsonl", engine=LocalEngine())  # doctest: +SKIP
    >>> report.summarised, report.failed  # doctest: +SKIP
    (37, 2)
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from tqdm.auto import tqdm

from summarizer.errors import (
    InputError,
    InvalidOptionError,
    NoDocumentsError,
    SummarizerError,
    UnreadableFileError,
)
from summarizer.io.reader import read_paths
from summarizer.types import Document, Order, Summary

#: The fields a story line may have; any other field is reported as an error on its line (it is likely a typo).
STORY_FIELDS = ("id", "documents", "sentences", "words", "ratio", "order", "seed")
class StorySummarizer(Protocol):
    """What summarises one story: `Summarizer` or anything called the same way."""

    def __call__(
        self, documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
        ratio: float | None = None, order: Order = "story", seed: int = 0,
    ) -> Summary: ...


@dataclass(frozen=True)
class SummarizerFactory:
    """Makes the packaged `Summarizer`; picklable, so each Ray worker can build its own model from it.

    Example:
        >>> SummarizerFactory(device="cpu").backend
        'torch'
    """

    device: str = "cpu"
    backend: str = "torch"
    batch_size: int = 64

    def __call__(self) -> StorySummarizer:
        from summarizer.pipeline import Summarizer  # the model stack loads in the worker that calls this

        return Summarizer(device=self.device, backend=self.backend, batch_size=self.batch_size)


@dataclass(frozen=True)
class Story:
    """One valid input line: a story's documents and the options to summarise it with."""

    id: str
    line: int
    documents: tuple[Document, ...]
    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    order: Order = "story"
    seed: int = 0


class StoryLineError(ValueError):
    """An input line is not a story (bad JSON, a missing or mistyped field, a repeated id)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


#: Work for an engine: (position in this run's output, story).
Task = tuple[int, Story]
#: What an engine gives back: (position in this run's output, the output line without its newline, whether the
#: line is an error).
Result = tuple[int, str, bool]


class Engine(Protocol):
    """Runs stories through a summariser; results may come back in any order."""

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Summarise every task, yielding each result as soon as it is done."""
        ...


@dataclass
class LocalEngine:
    """Summarises stories one after another in this process, with one model.

    Args:
        factory: makes the summariser, once, when the engine first runs.
    """

    factory: Callable[[], StorySummarizer] = field(default_factory=SummarizerFactory)

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Summarise every task in order (the model loads before the first)."""
        if not tasks:
            return
        summarizer = self.factory()
        for index, story in tasks:
            record = summarise_story(summarizer, story)
            yield index, encode(record), "error" in record


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did: lines written, how many of them are errors, and stories skipped as already done."""

    output: Path
    summarised: int
    failed: int
    skipped: int
    repaired: bool = False

    @property
    def written(self) -> int:
        return self.summarised + self.failed


def parse_story(text: str, *, line: int) -> Story:
    """Turn one input line into a `Story`, or raise `StoryLineError` saying what is wrong with it.

    Example:
        >>> parse_story('{"id": "s1", "documents": [{"id": "a", "text": "Hi."}], "words": 50}', line=1).words
        50
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoryLineError("invalid_json", f"not valid JSON ({exc}); write one JSON object per line.") from exc
    if not isinstance(data, dict):
        raise StoryLineError("invalid_json", f"a JSON {type(data).__name__} where a story object was expected; "
                                             'write one {"id": ..., "documents": [...]} object per line.')
    unknown = sorted(set(data) - set(STORY_FIELDS))
    if unknown:
        raise StoryLineError("invalid_story", f"unknown field(s) {', '.join(map(repr, unknown))}; "
                                              f"a story may have only {', '.join(STORY_FIELDS)}.")
    story_id = data.get("id")
    if not isinstance(story_id, str) or not story_id:
        raise StoryLineError("invalid_story", 'every story needs an "id": a non-empty string, unique in the file.')
    if "documents" not in data:
        raise StoryLineError("invalid_story",
                             'no "documents": give a list of {"id": ..., "text": ...} articles.')
    raw_documents = data["documents"]
    if not isinstance(raw_documents, list):
        raise StoryLineError("invalid_story", '"documents" must be a list of {"id": ..., "text": ...} articles.')
    documents = []
    for number, raw in enumerate(raw_documents, start=1):
        if not (isinstance(raw, dict) and isinstance(raw.get("id"), str) and isinstance(raw.get("text"), str)):
            raise StoryLineError("invalid_story",
                                 f'document {number} must be an object with string "id" and "text".')
        documents.append(Document(id=raw["id"], text=raw["text"]))
    options: dict[str, Any] = {}
    for name, kinds in (("sentences", (int,)), ("words", (int,)), ("ratio", (int, float)), ("order", (str,)),
                        ("seed", (int,))):
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, kinds):
            wanted = "a string" if kinds == (str,) else "an integer" if kinds == (int,) else "a number"
            raise StoryLineError("invalid_option", f'"{name}" must be {wanted}, not {json.dumps(value)}.')
        options[name] = float(value) if name == "ratio" else value
    return Story(id=story_id, line=line, documents=tuple(documents), **options)


def summarise_story(summarizer: StorySummarizer, story: Story) -> dict[str, Any]:
    """Summarise one story into its output record; a failure becomes an error record, never an exception."""
    try:
        summary = summarizer(story.documents, sentences=story.sentences, words=story.words, ratio=story.ratio,
                             order=story.order, seed=story.seed)
    except Exception as exc:  # one bad story must not stop the batch; the error goes on its line
        return error_record(story.id, story.line, error_code(exc), _message(exc))
    return {"id": story.id, "summary": summary.to_dict()}


def error_code(exc: BaseException) -> str:
    """The error code written for an exception raised while summarising a story (the HTTP API's codes)."""
    return exc.code if isinstance(exc, SummarizerError) else "internal_error"


def error_record(story_id: str | None, line: int, code: str, message: str) -> dict[str, Any]:
    """The output record of a line that failed: its story id (None when unknown), input line and error."""
    return {"id": story_id, "line": line, "error": {"code": code, "message": message}}


def encode(record: dict[str, Any]) -> str:
    """One output line (without its newline); NaN or infinity would not be JSON, so they are refused."""
    return json.dumps(record, ensure_ascii=False, allow_nan=False)


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
    if isinstance(record, dict) and "id" in record and ("summary" in record or "error" in record):
        return record
    return None


def plan(lines: Iterable[str], done: Done) -> Iterator[Story | dict[str, Any]]:
    """Each input line not yet done, as a `Story` to summarise or, when the line is invalid, its error record.

    A repeated story id is an error on every line after the first; ids already in the output, as often as
    they are there, and id-less error lines already there are skipped.
    """
    seen: Counter[str] = Counter()
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            story = parse_story(text, line=number)
        except StoryLineError as exc:
            story_id = _loose_id(text)
            seen_before = story_id is not None and seen[story_id] > 0
            if story_id is not None:
                seen[story_id] += 1
                if seen[story_id] <= done.ids[story_id]:
                    continue
            elif number in done.lines:
                continue
            if seen_before:  # a repeated id is the clearer report
                yield error_record(story_id, number, "duplicate_id", _duplicate(story_id))
            else:
                yield error_record(story_id, number, exc.code, str(exc))
            continue
        seen[story.id] += 1
        if seen[story.id] <= done.ids[story.id]:
            continue
        if seen[story.id] > 1:
            yield error_record(story.id, number, "duplicate_id", _duplicate(story.id))
        else:
            yield story


def _loose_id(text: str) -> str | None:
    """The id of a line that is not a valid story, when it has one, so its error is keyed to it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def _duplicate(story_id: str | None) -> str:
    return f"story id {story_id!r} was used on an earlier line; give every story a unique id."


class OrderedWriter:
    """Writes results in input order as they complete, holding back any that finish early."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._pending: dict[int, str] = {}
        self._next = 0

    def put(self, index: int, line: str) -> None:
        """Accept the result at `index`; write and flush it and any held-back results that now follow."""
        self._pending[index] = line
        while self._next in self._pending:
            self._handle.write(self._pending.pop(self._next) + "\n")
            self._next += 1
        self._handle.flush()

    @property
    def held(self) -> int:
        """Results done but waiting for an earlier one."""
        return len(self._pending)


def run_batch(
    stories: str | Path, output: str | Path, *, engine: Engine, progress: bool | None = None,
) -> BatchReport:
    """Summarise every story in the JSON Lines file `stories` into `output`, resuming where a run left off.

    Args:
        stories: the input, one story per line.
        output: the output, one record per line; appended to when it exists.
        engine: what summarises the stories (`LocalEngine()`, or a `RayEngine`).
        progress: show a progress bar on stderr; None shows one only on a terminal.

    Raises:
        UnreadableFileError: `stories` cannot be read or `output` is not an earlier run's output.
    """
    source, target = Path(stories), Path(output)
    if source.resolve() == target.resolve():
        raise InvalidOptionError(f"the output {target} is the input; give another output path.")
    done = read_done(target)
    try:
        with source.open(encoding="utf-8") as handle:
            items = list(plan(handle, done))
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(f"{source} cannot be read as UTF-8 text ({exc}); give a JSON Lines file.") from exc
    skipped = sum(done.ids.values()) + len(done.lines)
    tasks = [(index, item) for index, item in enumerate(items) if isinstance(item, Story)]
    failed = len(items) - len(tasks)
    with target.open("a", encoding="utf-8") as handle, tqdm(
        total=len(items), unit="story", disable=None if progress is None else not progress, desc="summarising",
    ) as bar:
        writer = OrderedWriter(handle)
        for index, item in enumerate(items):  # invalid lines are written in their place among the results
            if not isinstance(item, Story):
                writer.put(index, encode(item))
                bar.update()
        for index, line, is_error in engine.run(tasks):
            failed += is_error
            writer.put(index, line)
            bar.update()
        if writer.held:
            raise RuntimeError(f"the engine returned {writer.held} results out of order and never the one before")
    return BatchReport(output=target, summarised=len(items) - failed, failed=failed, skipped=skipped,
                       repaired=done.repaired)


def build_batch(
    stories_dir: str | Path, output: str | Path, *, glob: str | None = None, sentences: int | None = None,
    words: int | None = None, ratio: float | None = None, order: Order | None = None, seed: int | None = None,
) -> tuple[int, list[str]]:
    """Write a batch file with one story per subfolder of `stories_dir`, its text files (via `read_paths`) the
    documents and the folder's name the story id; options given are written on every line.

    Args:
        stories_dir: a folder of story folders.
        output: the JSON Lines file to write (replaced).
        glob: where the documents are inside each story folder (e.g. "docs" or "docs/*.txt"); the folder itself
            when None.

    Returns:
        The number of stories written and a warning for each folder left out (and why) or read with trouble.

    Raises:
        NoDocumentsError: `stories_dir` holds no story folders.

    Example:
        >>> build_batch("/data/duc2003", "/tmp/stories.jsonl", glob="docs", words=100)  # doctest: +SKIP
        (39, [])
    """
    root = Path(stories_dir)
    if not root.is_dir():
        raise UnreadableFileError(f"{root} is not a directory; give a folder that holds one folder per story.")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise NoDocumentsError(f"{root} holds no story folders; put each story's articles in a folder of its own.")
    options = {name: value for name, value in (("sentences", sentences), ("words", words), ("ratio", ratio),
                                              ("order", order), ("seed", seed)) if value is not None}
    written, warnings = 0, []
    temporary = Path(f"{output}.part")
    with temporary.open("w", encoding="utf-8") as handle:
        for folder in folders:
            paths = sorted(folder.glob(glob)) if glob else [folder]
            if not paths:
                warnings.append(f"{folder.name}: nothing matches {glob!r} in {folder}; story left out.")
                continue
            try:
                read = read_paths(paths)
            except InputError as exc:
                warnings.append(f"{folder.name}: {exc} Story left out.")
                continue
            warnings.extend(f"{folder.name}: {warning}" for warning in read.warnings)
            documents = [{"id": d.id, "text": d.text} for d in read.documents]
            handle.write(encode({"id": folder.name, "documents": documents, **options}) + "\n")
            written += 1
    os.replace(temporary, output)
    return written, warnings


def _message(exc: BaseException) -> str:
    if isinstance(exc, SummarizerError):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}; please report it with the story that caused it."


__all__ = [
    "STORY_FIELDS", "BatchReport", "Done", "Engine", "LocalEngine", "OrderedWriter", "Story",
    "StoryLineError", "StorySummarizer", "SummarizerFactory", "build_batch", "encode", "error_code",
    "error_record", "parse_story", "plan", "read_done", "run_batch", "summarise_story",
]

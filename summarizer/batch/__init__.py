"""Batch summarisation: stories from a JSON Lines file in, one summary or error per line out, resumable.

Input, one story per line (blank lines are skipped)::

    {"id": "story-1", "documents": [{"id": "reuters", "text": "..."}], "words": 100}

`sentences`, `words`, `ratio`, `order`, `seed` and `since` are optional and mean what they mean to `Summarizer`; a
document may also carry `published`, `title`, `source` and `url`.
Output, one line per input line, in input order::

    {"id": "story-1", "summary": {...Summary.to_dict()...}}
    {"id": "story-2", "line": 2, "error": {"code": "no_usable_text", "message": "..."}}

A story that cannot be summarised is reported on its line and the batch goes on. Each line is written and
flushed as soon as it and every line before it are done, so a crash loses only the stories in flight; a
second run with the same output skips the stories already in it. The engine that does the work is
pluggable: `LocalEngine` here, `summarizer.batch.ray.RayEngine` on Ray (this package never imports Ray).

The modules, one job each: `story` (the input line), `records` (the output line), `engine` (the engine
contract and the local engine), `resume` (what is done, what is left), `run` (ordered writing), `build`
(`batch-build`), `ray` (the Ray engine, imported only when asked for).

Example:
    >>> report = run_batch("stories.jsonl", "summaries.jsonl", engine=LocalEngine())  # doctest: +SKIP
    >>> report.summarised, report.failed  # doctest: +SKIP
    (37, 2)
"""

from __future__ import annotations

from summarizer.batch.build import build_batch
from summarizer.batch.engine import (
    Engine,
    LocalEngine,
    Result,
    StorySummarizer,
    SummarizerFactory,
    Task,
    summarise,
    summarise_story,
)
from summarizer.batch.records import encode, error_code, error_record
from summarizer.batch.resume import Done, Plan, plan, read_done
from summarizer.batch.run import BatchReport, OrderedWriter, run_batch
from summarizer.batch.story import STORY_FIELDS, Story, StoryLineError, parse_story

__all__ = [
    "BatchReport",
    "build_batch",
    "Done",
    "encode",
    "Engine",
    "error_code",
    "error_record",
    "LocalEngine",
    "OrderedWriter",
    "parse_story",
    "Plan",
    "plan",
    "read_done",
    "Result",
    "run_batch",
    "Story",
    "STORY_FIELDS",
    "StoryLineError",
    "StorySummarizer",
    "summarise",
    "summarise_story",
    "SummarizerFactory",
    "Task",
]

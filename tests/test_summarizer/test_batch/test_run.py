"""Batch summarisation with the local engine and the fake embedder: the line format, errors, order and resuming."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer import Document, Summarizer, Summary
from summarizer.batch import (
    LocalEngine,
    OrderedWriter,
    read_done,
    run_batch,
)
from summarizer.errors import UnreadableFileError
from summarizer.testing import FakeEmbedder
from tests.builders import STORY as BASE_STORY
from tests.builders import read_records, story_line, write_lines
from tests.conftest import ROOT

#: The batch tests' story: two articles.
STORY = BASE_STORY[:2]


class CountingFactory:
    """Makes fake-embedder summarisers and counts the stories they are asked to summarise."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self) -> CountingSummarizer:
        return CountingSummarizer(self.calls)


class CountingSummarizer:
    def __init__(self, calls: list[list[str]]) -> None:
        self.calls = calls
        self.summarizer = Summarizer(FakeEmbedder())

    def __call__(self, documents: Sequence[Document], **options: Any) -> Summary:
        self.calls.append([d.id for d in documents])
        return self.summarizer(documents, **options)


def test_the_local_engine_writes_one_line_per_story_in_input_order_and_reports_bad_lines_on_theirs(
    tmp_path: Path,
) -> None:
    stories = write_lines(
        tmp_path / "stories.jsonl",
        story_line("first", sentences=2),
        "{not json",
        "",
        story_line("empty", [Document("x", "Hello there")]),
        json.dumps({"id": "no-documents"}),
        story_line("first"),
        story_line("last", STORY[:1], words=30, order="rank"),
    )
    factory = CountingFactory()

    report = run_batch(stories, tmp_path / "out.jsonl", engine=LocalEngine(factory))

    records = read_records(tmp_path / "out.jsonl")
    assert [(r["id"], r.get("error", {}).get("code")) for r in records] == [
        ("first", None), (None, "invalid_json"), ("empty", "no_usable_text"), ("no-documents", "invalid_story"),
        ("first", "duplicate_id"), ("last", None),
    ]
    assert [r.get("line") for r in records] == [None, 2, 4, 5, 6, None]
    assert (report.summarised, report.failed, report.skipped) == (2, 4, 0)
    assert len(factory.calls) == 3  # the two good stories and the one with no usable text
    expected = Summarizer(FakeEmbedder())(STORY, sentences=2).to_dict()
    assert records[0]["summary"] == json.loads(json.dumps(expected))
    assert records[5]["summary"]["parameters"]["order"] == "rank"
    assert "sentence" in records[2]["error"]["message"]

def test_a_seed_out_of_range_is_an_invalid_option_on_its_line_not_an_internal_error(tmp_path: Path) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", story_line("negative", seed=-1),
                          story_line("huge", seed=2**64), story_line("fine", seed=2**32 - 1))

    run_batch(stories, tmp_path / "out.jsonl", engine=LocalEngine(CountingFactory()))

    records = read_records(tmp_path / "out.jsonl")
    assert [(r["id"], r.get("error", {}).get("code")) for r in records] == [
        ("negative", "invalid_option"), ("huge", "invalid_option"), ("fine", None)]
    assert "seed must be a whole number from 0 to 4,294,967,295" in records[0]["error"]["message"]


def test_a_resumed_run_summarises_only_the_stories_not_yet_written_and_leaves_the_others_untouched(
    tmp_path: Path,
) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", *(story_line(f"s{i}", sentences=2) for i in range(4)))
    output = tmp_path / "out.jsonl"
    run_batch(stories, output, engine=LocalEngine(CountingFactory()))
    full = output.read_bytes()
    lines = full.splitlines(keepends=True)
    output.write_bytes(b"".join(lines[:2]) + lines[2][: len(lines[2]) // 2])  # a crash while writing s2
    factory = CountingFactory()

    report = run_batch(stories, output, engine=LocalEngine(factory))

    assert len(factory.calls) == 2 and (report.summarised, report.skipped, report.repaired) == (2, 2, True)
    assert output.read_bytes() == full

def test_a_resumed_run_does_not_repeat_bad_lines_or_duplicates_already_reported(tmp_path: Path) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"), "{bad", story_line("a"), story_line("b"))
    output = tmp_path / "out.jsonl"
    run_batch(stories, output, engine=LocalEngine(CountingFactory()))
    before = output.read_text(encoding="utf-8")
    factory = CountingFactory()

    report = run_batch(stories, output, engine=LocalEngine(factory))

    assert factory.calls == [] and report.written == 0 and report.skipped == 4
    assert output.read_text(encoding="utf-8") == before

def test_an_output_damaged_before_its_last_line_is_refused_rather_than_overwritten(tmp_path: Path) -> None:
    output = write_lines(tmp_path / "out.jsonl", "garbage", json.dumps({"id": "a", "summary": {}}))

    with pytest.raises(UnreadableFileError, match="line 1 .* give a new output path"):
        read_done(output)
    assert output.read_text(encoding="utf-8").startswith("garbage")

def test_results_finishing_out_of_order_are_held_back_and_written_in_order(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        writer = OrderedWriter(handle)
        writer.put(1, "one")
        writer.put(2, "two")
        written_early = path.read_text(encoding="utf-8")
        writer.put(0, "zero")

    assert written_early == "" and path.read_text(encoding="utf-8") == "zero\none\ntwo\n"

def test_importing_the_library_and_running_the_local_engine_never_imports_ray(tmp_path: Path) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"))
    code = f"""
import sys
import summarizer, summarizer.batch, summarizer.cli
from summarizer import Summarizer
from summarizer.batch import LocalEngine, run_batch
from summarizer.testing import FakeEmbedder
report = run_batch({str(stories)!r}, {str(tmp_path / 'out.jsonl')!r},
                   engine=LocalEngine(lambda: Summarizer(FakeEmbedder())))
assert report.summarised == 1, report
print(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray.")))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"

"""Batch summarisation with the local engine and the fake embedder: the line format, errors, order and resuming."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarizer import Document, Summarizer, Summary
from summarizer.batch import (
    LocalEngine,
    OrderedWriter,
    Story,
    StoryLineError,
    build_batch,
    parse_story,
    read_done,
    run_batch,
)
from summarizer.cli import cli
from summarizer.errors import UnreadableFileError
from summarizer.testing import FakeEmbedder
from tests.conftest import ROOT, SEEDS, build_document

STORY = [
    build_document(
        "wire",
        "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday.",
        "The two leaders signed a joint statement on deepening their strategic partnership.",
        "Trade between the two countries reached a record level last year, officials said.",
    ),
    build_document(
        "daily",
        "Putin arrived in Beijing for a two-day state visit, his first trip abroad since his inauguration.",
        "Washington has warned Beijing against supplying Russia's defense industry with machine tools.",
        "The leaders discussed the war in Ukraine in informal talks on Thursday evening.",
    ),
]


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


def story_line(story_id: str, documents: Sequence[Document] = STORY, **options: Any) -> str:
    return json.dumps({"id": story_id, "documents": [{"id": d.id, "text": d.text} for d in documents], **options})


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_story_line_is_parsed_with_its_options() -> None:
    story = parse_story(story_line("s1", sentences=2, order="rank", seed=3), line=7)

    assert (story.id, story.line, story.sentences, story.order, story.seed) == ("s1", 7, 2, "rank", 3)
    assert [d.id for d in story.documents] == ["wire", "daily"] and story.documents[0].text == STORY[0].text


@pytest.mark.parametrize(("line", "code", "message"), [
    ("{not json", "invalid_json", "not valid JSON"),
    ("[1, 2]", "invalid_json", "a JSON list"),
    ('{"documents": []}', "invalid_story", '"id"'),
    ('{"id": "s"}', "invalid_story", 'no "documents"'),
    ('{"id": "s", "documents": "text"}', "invalid_story", "must be a list"),
    ('{"id": "s", "documents": [{"id": "a"}]}', "invalid_story", "document 1"),
    ('{"id": "s", "documents": [], "sentence": 3}', "invalid_story", "unknown field(s) 'sentence'"),
    ('{"id": "s", "documents": [], "sentences": "3"}', "invalid_option", '"sentences" must be an integer'),
    ('{"id": "s", "documents": [], "ratio": true}', "invalid_option", '"ratio" must be a number'),
])
def test_a_line_that_is_not_a_story_raises_an_error_with_a_code_and_a_fix(line: str, code: str, message: str) -> None:
    with pytest.raises(StoryLineError) as caught:
        parse_story(line, line=1)

    assert caught.value.code == code and message in str(caught.value)


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


def test_batch_build_makes_one_story_per_folder_with_its_files_as_documents(tmp_path: Path) -> None:
    for name in ("beta", "alpha"):
        (tmp_path / "stories" / name / "docs").mkdir(parents=True)
        for seed in sorted(SEEDS.iterdir())[:2]:
            (tmp_path / "stories" / name / "docs" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "stories" / "empty" / "docs").mkdir(parents=True)

    written, warnings = build_batch(tmp_path / "stories", tmp_path / "b.jsonl", glob="docs", words=50)

    records = read_records(tmp_path / "b.jsonl")
    assert written == 2 and [r["id"] for r in records] == ["alpha", "beta"]
    assert [d["id"] for d in records[0]["documents"]] == [p.stem for p in sorted(SEEDS.iterdir())[:2]]
    assert records[0]["words"] == 50 and "sentences" not in records[0]
    assert len(warnings) == 1 and warnings[0].startswith("empty:")
    assert isinstance(parse_story(json.dumps(records[0]), line=1), Story)


def test_the_batch_command_reports_failures_on_stderr_and_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("summarizer.batch.SummarizerFactory.__call__", lambda self: Summarizer(FakeEmbedder()))
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"), "{bad")

    result = CliRunner().invoke(cli, ["batch", str(stories), "-o", str(tmp_path / "out.jsonl")])

    assert result.exit_code == 0, result.output
    assert "2 stories written" in result.stderr and "1 failed" in result.stderr
    assert len(read_records(tmp_path / "out.jsonl")) == 2


@pytest.mark.parametrize("args", [
    ["batch", "{stories}", "-o", "{out}", "--workers", "2"],
    ["batch", "{stories}", "-o", "{stories}"],
    ["batch", "{tmp}/missing.jsonl", "-o", "{out}"],
    ["batch-build", "{tmp}", "-o", "{out}", "--sentences", "2", "--words", "40"],
    ["batch-build", "{tmp}", "-o", "{out}"],
])
def test_bad_usage_of_the_batch_commands_exits_with_two(tmp_path: Path, args: list[str]) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"))
    values = {"stories": str(stories), "out": str(tmp_path / "out.jsonl"), "tmp": str(tmp_path)}

    result = CliRunner().invoke(cli, [a.format(**values) for a in args])

    assert result.exit_code == 2, result.output
    assert not (tmp_path / "out.jsonl").exists() or (tmp_path / "out.jsonl").read_text() == ""


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

"""The CLI in process: the batch commands' reports and exit codes, and the last line of defence (an unexpected
error is one line and exit 1, with a traceback only when asked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import summarizer.cli as cli_module
from summarizer import Summarizer
from summarizer.cli import cli
from summarizer.testing import FakeEmbedder
from tests.builders import read_records, story_line, write_lines

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")


class _Broken:
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom in the pipeline")


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *, debug: bool) -> tuple[int, str]:
    monkeypatch.setattr(cli_module, "Summarizer", lambda **kw: _Broken())
    if debug:
        monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    else:
        monkeypatch.delenv("SUMMARIZER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        cli_module.main([SEEDS, "-n", "2"])
    return int(exited.value.code or 0), capsys.readouterr().err


def test_an_internal_error_is_one_line_on_stderr_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = _run(monkeypatch, capsys, debug=False)

    assert code == cli_module.EXIT_INTERNAL == 1
    assert err == ("summarize: error: internal error: RuntimeError: boom in the pipeline "
                   "(set SUMMARIZER_DEBUG=1 for a traceback)\n")


def test_summarizer_debug_adds_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = _run(monkeypatch, capsys, debug=True)

    assert code == 1
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("boom in the pipeline")' in err
    assert err.endswith("internal error: RuntimeError: boom in the pipeline (set SUMMARIZER_DEBUG=1 for a traceback)\n")


def test_the_batch_command_reports_failures_on_stderr_and_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("summarizer.batch.SummarizerFactory.__call__", lambda self: Summarizer(FakeEmbedder()))
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"), "{bad")

    result = CliRunner().invoke(cli, ["batch", str(stories), "-o", str(tmp_path / "out.jsonl")])

    assert result.exit_code == 0, result.output
    assert "2 stories written" in result.stderr and "1 failed" in result.stderr
    assert len(read_records(tmp_path / "out.jsonl")) == 2

@pytest.mark.parametrize(("args", "message"), [
    (["batch", "{stories}", "-o", "{out}", "--workers", "2"], "--workers is for --engine ray"),
    (["batch", "{stories}", "-o", "{stories}"], "is the input; give another output path"),
    (["batch", "{tmp}/missing.jsonl", "-o", "{out}"], "does not exist"),
    (["batch-build", "{tmp}", "-o", "{out}", "--sentences", "2", "--words", "40"], "not --sentences and --words"),
    (["batch-build", "{tmp}", "-o", "{out}"], "holds no story folders"),
])
def test_bad_usage_of_the_batch_commands_exits_with_two(tmp_path: Path, args: list[str], message: str) -> None:
    stories = write_lines(tmp_path / "stories.jsonl", story_line("a"))
    before = stories.read_text()
    values = {"stories": str(stories), "out": str(tmp_path / "out.jsonl"), "tmp": str(tmp_path)}

    result = CliRunner().invoke(cli, [a.format(**values) for a in args])

    assert result.exit_code == 2, result.output
    assert message in result.output
    assert stories.read_text() == before  # the input is never written over
    assert not (tmp_path / "out.jsonl").exists() or (tmp_path / "out.jsonl").read_text() == ""

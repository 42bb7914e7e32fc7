"""The CLI's last line of defence: an unexpected error is one line and exit 1, with a traceback only when asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import summarizer.cli as cli_module

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

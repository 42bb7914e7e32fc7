"""Hostile input against the service (in process) and the CLI: each gets its status or exit code and a clear message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import summarizer.cli as cli_module
from summarizer import Summarizer
from summarizer.cli import cli
from summarizer.testing import FakeEmbedder
from tests.helpers import assert_error

GOOD = "Putin arrived in Beijing on Monday for talks with Xi. The two leaders signed a trade deal after the meeting. "
JSON = {"content-type": "application/json"}


def _raw(body: bytes, content_type: str | None = "application/json") -> dict[str, Any]:
    return {"content": body, "headers": {"content-type": content_type} if content_type else {}}


#: (case, request kwargs, status, error code or None for 200, words the message must contain)
CASES: list[tuple[str, dict[str, Any], int, str | None, str]] = [
    ("empty body", _raw(b""), 422, "invalid_request", "body"),
    ("wrong content type", _raw(b"{}", "text/plain"), 415, "unsupported_media_type", "Content-Type: application/json"),
    ("no content type", _raw(b"{}", None), 415, "unsupported_media_type", "Content-Type"),
    ("invalid JSON", _raw(b"{not json"), 422, "invalid_request", "invalid JSON at character"),
    ("deeply nested JSON array", _raw(b"[" * 100_000 + b"]" * 100_000), 400, "invalid_json", "nested too deeply"),
    ("deeply nested inside documents", _raw(b'{"documents":' + b"[" * 5000 + b"]" * 5000 + b"}"), 400,
     "invalid_json", "nested too deeply"),
    ("invalid UTF-8", _raw(b'{"documents":[{"text":"\xff\xfe"}]}'), 400, "invalid_json", "UTF-8"),
    ("10,000 tiny documents", {"json": {"documents": [{"text": "a"}] * 10_000}}, 413, "input_too_large",
     "10000 documents is over the limit of 100"),
    ("one word a million times", {"json": {"documents": [{"text": "word " * 1_000_000}]}}, 413, "input_too_large",
     "over the limit of 1,000,000"),
    ("invalid surrogates", _raw(('{"documents":[{"text":"' + GOOD + '\\ud800 \\udc80."}]}').encode()), 400,
     "bad_input", "unpaired surrogate"),
    ("NUL bytes and control characters", {"json": {"documents": [{"text": GOOD + "\x00\x01\x1b[31m\x7f" + GOOD}]}},
     200, None, ""),
    ("right-to-left and zero-width characters",
     {"json": {"documents": [{"text": "\u202e" + GOOD + "\u200b\u200f\u2066مرحبا بالعالم. \u2069" + GOOD}]}},
     200, None, ""),
    ("zero-width characters only", {"json": {"documents": [{"text": "\u200b" * 1000}]}}, 400, "no_usable_text",
     "No usable sentence"),
    ("HTML with scripts and huge attributes", {"json": {"documents": [{"html": (
        "<html><body><script>" + "x" * 100_000 + "</script><div title='" + "a" * 1_000_000 + "'><p>" + GOOD * 3
        + "</p></div></body></html>")}]}}, 200, None, ""),
    ("duplicate document ids", {"json": {"documents": [{"id": "a", "text": GOOD}, {"id": "a", "text": GOOD}]}},
     422, "invalid_request", "repeated: a"),
    ("a URL instead of a document", {"json": {"documents": [{"url": "http://127.0.0.1:9/"}]}}, 422,
     "invalid_request", "never fetched"),
]


@pytest.mark.parametrize(("case", "request_kwargs", "status", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_hostile_request_gets_its_status_and_a_clear_message(
    make_client: Callable[..., Any], case: str, request_kwargs: dict[str, Any], status: int, code: str | None,
    words: str,
) -> None:
    with make_client() as client:
        response = client.post("/summarize", **request_kwargs)

    if code is None:
        assert response.status_code == status, response.text
        body = response.json()
        assert body["sentences"] and {s["document_id"] for s in body["sentences"]} == {"doc-1"}
    else:
        error = assert_error(response, status, code)
        assert words in error["message"], error["message"]
        assert "Traceback" not in response.text


def test_a_50_mb_document_is_refused_as_a_body_too_large(make_client: Callable[..., Any]) -> None:
    # In process the test client sends the whole body; that the guard reads no more than the limit of a streamed
    # body, with bounded memory, is shown against a real server in test_load.py.
    body = b'{"documents":[{"text":"' + b"a" * (50 * 2**20) + b'"}]}'

    with make_client() as client:
        response = client.post("/summarize", content=body, headers=JSON)

    error = assert_error(response, 413, "body_too_large")
    assert "over the limit of 10,485,760 bytes" in error["message"]


# The CLI: the same inputs as files, each with its exit code and a one-line reason on stderr.


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    # The CLI's summariser with the fake embedder: these inputs are about reading and checking, not the model.
    monkeypatch.setattr(cli_module, "Summarizer", lambda **kw: Summarizer(FakeEmbedder(), cache_size=0))

    def run(*args: str, stdin: bytes | None = None) -> Any:
        return CliRunner().invoke(cli, list(args), input=stdin)

    return run


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(("case", "data", "exit_code", "words"), [
    ("empty file", b"", 2, "empty or white space only"),
    ("NUL bytes", GOOD.encode() + b"\x00", 2, "looks binary"),
    ("50 MB document", b"word " * (10 * 2**20), 2, "is over 5,000,000 bytes"),
    ("one word a million times", b"word " * 1_000_000, 2, "No usable sentence"),
    ("invalid UTF-8", GOOD.encode() + b"\xff\xfe" + GOOD.encode(), 0, "not valid UTF-8"),
    ("control characters", (GOOD + "\x01\x1b[31m\x7f" + GOOD).encode(), 0, ""),
    ("right-to-left and zero-width", ("\u202e" + GOOD + "\u200b\u200f" + GOOD).encode(), 0, ""),
    ("encoded surrogates (CESU-8)", GOOD.encode() + b"\xed\xa0\x80." + GOOD.encode(), 0, "not valid UTF-8"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_hostile_file_gets_its_exit_code_and_a_one_line_reason(
    run_cli: Callable[..., Any], tmp_path: Path, case: str, data: bytes, exit_code: int, words: str,
) -> None:
    result = run_cli(_write(tmp_path, "story.txt", data), "--format", "json")

    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert words in result.output
    if exit_code == 0:
        json.loads(result.stdout)


def test_ten_thousand_tiny_files_are_refused_with_the_document_limit(
    run_cli: Callable[..., Any], tmp_path: Path,
) -> None:
    for n in range(10_000):
        (tmp_path / f"{n:05d}.txt").write_bytes(b"a")

    result = run_cli(str(tmp_path))

    assert result.exit_code == 2
    assert "10000 documents is over the limit of 1000" in result.output


def test_duplicate_file_stems_become_distinct_ids(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    first = _write(tmp_path, "story.txt", GOOD.encode())
    second = _write(tmp_path / "x", "story.txt", GOOD.encode())

    result = run_cli(first, second, "--format", "json")

    assert result.exit_code == 0, result.output
    assert {d["id"] for d in json.loads(result.stdout)["documents"]} == {"story", second}

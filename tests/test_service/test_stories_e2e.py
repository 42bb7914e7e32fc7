"""The job API through a real `summarize-server` with the real model: 202, polling, the stories, 429, 404."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer import Document
from tests.builders import FLOOD, LONE
from tests.conftest import ROOT, running_server
from tests.helpers import assert_error

pytestmark = pytest.mark.e2e
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running_server({"SUMMARIZER_MAX_STORY_JOBS": "1", "SUMMARIZER_RETRY_AFTER_S": "9"}) as base:
        yield base


def test_a_pile_is_accepted_then_polled_to_the_same_stories_as_the_cli_and_a_second_pile_meanwhile_gets_429(
    server: str, seed_documents: tuple[Document, ...], tmp_path: Path,
) -> None:
    pile = sorted([*seed_documents, *FLOOD, LONE], key=lambda d: d.id)  # the order the CLI reads them in
    body = {"documents": [{"id": d.id, "text": d.text} for d in pile], "sentences": 2}

    accepted = httpx.post(f"{server}/stories", json=body, timeout=30)
    busy = httpx.post(f"{server}/stories", json=body, timeout=30)

    assert accepted.status_code == 202, accepted.text
    location = accepted.headers["location"]
    assert_error(busy, 429, "queue_full")
    assert busy.headers["retry-after"] == "9"
    statuses, deadline = [], time.monotonic() + 600
    while not statuses or statuses[-1]["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, statuses[-1]
        statuses.append(httpx.get(f"{server}{location}", timeout=30).json())
        time.sleep(0.5)
    assert {s["status"] for s in statuses} <= {"queued", "running", "succeeded"}
    result = statuses[-1]["result"]
    for document in pile:
        (tmp_path / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    cli = subprocess.run([str(BIN / "summarize"), "stories", str(tmp_path), "-n", "2", "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=600, check=True)
    expected: dict[str, Any] = json.loads(cli.stdout)
    assert [(s["id"], s["label"], s["documents"]) for s in result["stories"]] == [
        (s["id"], s["label"], s["documents"]) for s in expected["stories"]]
    assert [[x["text"] for x in s["summary"]["sentences"]] for s in result["stories"]] == [
        [x["text"] for x in s["summary"]["sentences"]] for s in expected["stories"]]
    assert [len(s["documents"]) for s in result["stories"]] == [5, 3, 1]


def test_an_unknown_job_is_a_404_with_the_error_body(server: str) -> None:
    assert_error(httpx.get(f"{server}/jobs/Zm9yZ2VkLWlk", timeout=30), 404, "job_not_found")

"""End to end: a real `summarize-server` process with the real model, called over HTTP, against the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.examples import EXAMPLE_PATH, build_example
from summarizer import Document
from tests.builders import NEWSROOM_TEXTS, write_newsroom_files
from tests.conftest import ROOT, running_server

pytestmark = pytest.mark.e2e

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real server on a free port with the packaged model, ready; its base URL."""
    with running_server({"SUMMARIZER_MAX_CONCURRENT_JOBS": "1", "SUMMARIZER_REQUEST_TIMEOUT_S": "300"}) as base:
        yield base


def test_seeds_in_five_attributed_verbatim_sentences_out_stable_and_equal_to_the_cli(
    server: str, seed_documents: tuple[Document, ...],
) -> None:
    body = {"documents": [{"id": d.id, "text": d.text} for d in seed_documents]}

    first = httpx.post(f"{server}/summarize", json=body, timeout=120)
    second = httpx.post(f"{server}/v1/summarize", json=body, timeout=120)
    cli = subprocess.run([str(BIN / "summarize"), "seeds", "--format", "json"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True)

    assert first.status_code == 200, first.text
    summary = first.json()
    texts = {d.id: d.text for d in seed_documents}
    assert len(summary["sentences"]) == 5
    for sentence in summary["sentences"]:
        assert sentence["document_id"] in texts
        assert texts[sentence["document_id"]][sentence["start"]:sentence["end"]] == sentence["text"]
    assert second.content == first.content
    assert summary == json.loads(cli.stdout)
    # The three versions of CNN's story are one source; the response says so, as the CLI's JSON does.
    assert {d["id"]: d.get("same_source_as") for d in summary["documents"]} == {
        "agencies-partnership": None, "boston-red-carpet": "agencies-partnership",
        "cnn-welcome": "agencies-partnership", "repost-arrival": None, "upi-solidarity": None}


def test_healthz_answers_within_a_second_while_a_large_request_is_summarised(
    server: str, seed_documents: tuple[Document, ...],
) -> None:
    # Forty articles: each seed eight times, every other word tagged per copy so that no copy is a near-duplicate
    # of another (duplicates would be embedded once): tens of seconds of work on a CPU.
    documents = [{"id": f"{d.id}-{n}", "text": _variant(d.text, n)} for n in range(8) for d in seed_documents]
    result: dict[str, Any] = {}

    def summarise() -> None:
        result["response"] = httpx.post(f"{server}/summarize", json={"documents": documents}, timeout=300)

    worker = threading.Thread(target=summarise)
    worker.start()
    time.sleep(1.0)  # let the summary get going
    timings = []
    while worker.is_alive() and len(timings) < 5:
        started = time.monotonic()
        health = httpx.get(f"{server}/healthz", timeout=5)
        timings.append(time.monotonic() - started)
        assert health.status_code == 200 and health.json() == {"status": "ok"}
        time.sleep(0.2)
    busy = worker.is_alive()
    worker.join(timeout=300)

    assert busy, "the large summary finished before /healthz was asked; make it larger"
    assert timings and max(timings) < 1.0, timings
    assert result["response"].status_code == 200


def _variant(text: str, n: int) -> str:
    words = text.split(" ")
    return " ".join(f"{w}-v{n}" if i % 2 == 0 and w.isalpha() else w for i, w in enumerate(words))


def test_the_stored_openapi_example_is_what_the_model_gives_today() -> None:
    stored = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))

    assert json.loads(json.dumps(build_example(ROOT / "seeds"))) == stored, "regenerate it: python -m service.examples"


def test_publication_times_since_and_differing_tolls_over_http_match_the_cli(server: str, tmp_path: Path) -> None:
    documents = [{"id": "ap", "text": NEWSROOM_TEXTS["ap"], "published": "2024-05-13T08:00:00Z", "source": "AP"},
                 {"id": "upi", "text": NEWSROOM_TEXTS["upi"], "published": "2024-05-13T10:00:00Z"}]
    full = httpx.post(f"{server}/summarize", json={"documents": documents, "sentences": 4, "order": "time"},
                      timeout=120).json()
    update = httpx.post(f"{server}/summarize", json={"documents": documents, "sentences": 4,
                                                       "since": "2024-05-13T09:00:00Z"}, timeout=120).json()
    files = write_newsroom_files(tmp_path)
    cli = subprocess.run([str(BIN / "summarize"), *map(str, files), "--format", "json", "-n", "4"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, check=True)
    pages = [{"id": "ap", "html": files[0].read_text(encoding="utf-8")},
             {**json.loads(files[1].read_text(encoding="utf-8"))},
             {"id": "herald", "text": files[2].read_text(encoding="utf-8"), "published": "2024-05-14T09:00:00+02:00",
              "title": "Survivors found in market ruins", "source": "Herald", "url": "https://example.org/herald/quake"}]
    same = httpx.post(f"{server}/summarize", json={"documents": pages, "sentences": 4}, timeout=120).json()

    (toll,) = [s for s in full["sentences"] if s["disagreements"]]
    assert [v["text"] for v in toll["disagreements"][0]["values"]] == ["12", "15"]
    assert toll["first_reported"] == {"document_id": "ap", "published": "2024-05-13T08:00:00+00:00"}
    assert update["sentences"] and all(s["document_id"] == "upi" and s["new"] for s in update["sentences"])
    assert same == json.loads(cli.stdout)  # the page's and the file's metadata, read the same way by both

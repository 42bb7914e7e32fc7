"""Piles on the Ray engine: the embedding spread over the actors, grouped once on the gathered vectors, and the
same output as the local engine (byte for byte with the fake model, the same stories with the real one)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from summarizer import Summarizer, read_paths
from summarizer.batch import LocalEngine, run_batch
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, LONE, STORY, story_line, write_lines
from tests.conftest import ROOT, SEEDS, SUMMARIZE

pytest.importorskip("ray.data", reason="the ray engine needs the ray extra: pip install 'story-summarizer[ray]'")
pytestmark = pytest.mark.e2e


def fake_summarizer() -> Summarizer:
    """A module-level factory, so Ray can pickle it by reference and each actor imports it."""
    return Summarizer(FakeEmbedder())


def test_the_ray_engine_tells_piles_as_the_local_engine_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.batch.ray import RayEngine

    monkeypatch.chdir(ROOT)  # Ray workers import the factory from the driver's working directory
    stories = write_lines(tmp_path / "in.jsonl", story_line("pile", (*STORY, *FLOOD, LONE), pile=True, sentences=2),
                          story_line("story", STORY, words=40),
                          story_line("strict", (*FLOOD, LONE), pile=True, threshold=0.05),
                          story_line("bad", STORY, pile=True, sentences=0))

    local = run_batch(stories, tmp_path / "local.jsonl", engine=LocalEngine(fake_summarizer))
    on_ray = run_batch(stories, tmp_path / "ray.jsonl", engine=RayEngine(fake_summarizer, workers=2, num_cpus=2))

    assert (on_ray.summarised, on_ray.failed) == (local.summarised, local.failed) == (3, 1)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    records = [json.loads(line) for line in (tmp_path / "ray.jsonl").open(encoding="utf-8")]
    assert [len(s["documents"]) for s in records[0]["stories"]["stories"]] == [3, 3, 1]
    assert len(records[2]["stories"]["stories"]) == 4 and records[3]["error"]["code"] == "invalid_option"


def test_the_batch_command_tells_a_pile_the_same_with_the_real_model_on_both_engines(tmp_path: Path) -> None:
    documents = [*read_paths([SEEDS]).documents, *FLOOD, LONE]
    stories = write_lines(tmp_path / "in.jsonl", story_line("pile", documents, pile=True, sentences=2))
    outputs = {}
    for engine in ("local", "ray"):
        output = tmp_path / f"{engine}.jsonl"
        extra = ["--workers", "2"] if engine == "ray" else []
        result = subprocess.run([SUMMARIZE, "batch", str(stories), "-o", str(output), "--engine", engine, *extra],
                                capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert result.returncode == 0, result.stderr
        outputs[engine] = json.loads(output.read_text(encoding="utf-8"))["stories"]

    local, on_ray = outputs["local"], outputs["ray"]
    assert [(s["id"], s["label"], s["documents"]) for s in on_ray["stories"]] == [
        (s["id"], s["label"], s["documents"]) for s in local["stories"]]
    assert [len(s["documents"]) for s in local["stories"]] == [5, 3, 1]
    assert [[x["text"] for x in s["summary"]["sentences"]] for s in on_ray["stories"]] == [
        [x["text"] for x in s["summary"]["sentences"]] for s in local["stories"]]
    assert on_ray["parameters"] == local["parameters"]

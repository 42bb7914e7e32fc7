"""The Ray engine in a local Ray instance: the same output as the local engine, with the fake and the real model."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from summarizer import Summarizer, read_paths
from summarizer.batch import LocalEngine, run_batch
from summarizer.testing import FakeEmbedder
from tests.conftest import ROOT, SEEDS, SUMMARIZE

pytest.importorskip("ray.data", reason="the ray engine needs the ray extra: pip install 'story-summarizer[ray]'")
pytestmark = pytest.mark.e2e


def fake_summarizer() -> Summarizer:
    """A module-level factory, so Ray can pickle it by reference and each actor imports it."""
    return Summarizer(FakeEmbedder())


def seed_stories(path: Path) -> Path:
    documents = [{"id": d.id, "text": d.text} for d in read_paths([SEEDS]).documents]
    lines = [
        json.dumps({"id": "all", "documents": documents, "sentences": 3}),
        "{not json",
        json.dumps({"id": "no-text", "documents": [{"id": "x", "text": "Hello there"}]}),
        json.dumps({"id": "two", "documents": documents[:2], "words": 60, "order": "rank"}),
        json.dumps({"id": "rest", "documents": documents[2:]}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_ray_engine_writes_the_same_lines_as_the_local_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer.batch.ray import RayEngine

    monkeypatch.chdir(ROOT)  # Ray workers import the factory from the driver's working directory
    stories = seed_stories(tmp_path / "stories.jsonl")

    local = run_batch(stories, tmp_path / "local.jsonl", engine=LocalEngine(fake_summarizer))
    on_ray = run_batch(stories, tmp_path / "ray.jsonl", engine=RayEngine(fake_summarizer, workers=2, num_cpus=2))

    assert (on_ray.summarised, on_ray.failed) == (local.summarised, local.failed) == (3, 2)
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    codes = [json.loads(line).get("error", {}).get("code") for line in (tmp_path / "ray.jsonl").open()]
    assert codes == [None, "invalid_json", "no_usable_text", None, None]


def test_the_batch_command_gives_the_same_summaries_with_the_real_model_on_both_engines(tmp_path: Path) -> None:
    stories = seed_stories(tmp_path / "stories.jsonl")
    outputs = {}
    for engine in ("local", "ray"):
        output = tmp_path / f"{engine}.jsonl"
        extra = ["--workers", "1"] if engine == "ray" else []
        result = subprocess.run([SUMMARIZE, "batch", str(stories), "-o", str(output), "--engine", engine, *extra],
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, result.stderr
        assert "5 stories written" in result.stderr and "2 failed" in result.stderr
        outputs[engine] = [json.loads(line) for line in output.open(encoding="utf-8")]

    local, on_ray = outputs["local"], outputs["ray"]
    assert [r["id"] for r in on_ray] == [r["id"] for r in local] == ["all", None, "no-text", "two", "rest"]
    for mine, theirs in zip(local, on_ray, strict=True):
        if "summary" not in mine:
            assert mine == theirs
            continue
        texts = [s["text"] for s in mine["summary"]["sentences"]]
        assert texts == [s["text"] for s in theirs["summary"]["sentences"]] and texts
        assert mine["summary"]["parameters"] == theirs["summary"]["parameters"]
        scores = zip(mine["summary"]["sentences"], theirs["summary"]["sentences"], strict=True)
        assert all(a["score"] == pytest.approx(b["score"], abs=1e-5) for a, b in scores)

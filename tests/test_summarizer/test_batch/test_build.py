"""`batch-build`: one story per folder, its files the documents."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.batch.build import build_batch
from summarizer.batch.story import Story, parse_story
from tests.builders import read_records
from tests.conftest import SEEDS


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

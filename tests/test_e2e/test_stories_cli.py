"""`summarize stories` run as a real process with the real model: the seeds, a second story and a lone article
in one pile come out as three stories, in every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.builders import FLOOD, LONE
from tests.conftest import SEEDS
from tests.conftest import run_summarize as run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of nine articles: the five seeds, three reports of a flood and one chess report."""
    folder = tmp_path_factory.mktemp("pile")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    for document in (*FLOOD, LONE):
        (folder / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def told(pile: Path) -> dict[str, Any]:
    result = run("stories", str(pile), "-n", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_pile_comes_out_as_three_stories_largest_first_each_with_verbatim_sentences(
    told: dict[str, Any], pile: Path,
) -> None:
    stories = told["stories"]
    seeds = sorted(p.stem for p in SEEDS.glob("*.txt"))

    assert [sorted(s["documents"]) for s in stories] == [seeds, sorted(d.id for d in FLOOD), ["chess"]]
    assert told["parameters"]["stories"] == 3 and told["parameters"]["documents"] == 9
    for story in stories:
        assert story["id"].startswith("story-") and story["label"]
        assert 1 <= len(story["summary"]["sentences"]) <= 2
        for sentence in story["summary"]["sentences"]:
            assert sentence["document_id"] in story["documents"]
            text = (pile / f"{sentence['document_id']}.txt").read_text(encoding="utf-8")
            assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    assert "putin" in stories[0]["label"].lower() and "yangtze" in stories[1]["label"].lower()


def test_each_storys_summary_is_what_summarize_gives_for_its_articles(told: dict[str, Any], pile: Path) -> None:
    flood = told["stories"][1]
    alone = run(*[str(pile / f"{doc}.txt") for doc in flood["documents"]], "-n", "2", "--format", "json")

    assert alone.returncode == 0, alone.stderr
    summary = json.loads(alone.stdout)
    assert [s["text"] for s in summary["sentences"]] == [s["text"] for s in flood["summary"]["sentences"]]
    assert summary["parameters"] == flood["summary"]["parameters"]


def test_text_and_markdown_print_each_storys_label_and_summary(told: dict[str, Any], pile: Path) -> None:
    text = run("stories", str(pile), "-n", "2")
    markdown = run("stories", str(pile), "-n", "2", "--format", "markdown")

    assert text.returncode == markdown.returncode == 0
    for n, story in enumerate(told["stories"], start=1):
        assert f"[{n}] {story['label']} ({len(story['documents'])} article" in text.stdout
        assert f"## {n}. {story['label']}" in markdown.stdout
        for sentence in story["summary"]["sentences"]:
            assert " ".join(sentence["text"].split()) in text.stdout
    assert markdown.stdout.startswith("# Stories\n") and "### Sources" in markdown.stdout


def test_bad_options_and_missing_paths_exit_2_with_one_line_before_the_model_loads(pile: Path) -> None:
    both = run("stories", str(pile), "-n", "2", "-w", "50")
    threshold = run("stories", str(pile), "--threshold", "0")
    missing = run("stories", str(pile / "nowhere"))

    for result in (both, threshold, missing):
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("summarize: error:")
    assert "threshold" in threshold.stderr and "does not exist" in missing.stderr

"""Piles on batch lines (`"pile": true`) with the local engine and the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.batch import LocalEngine, run_batch
from summarizer.batch.pile import parts
from summarizer.batch.records import encode
from summarizer.batch.story import StoryLineError, parse_story
from summarizer.stories import tell_stories
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, LONE, STORY, read_records, story_line, write_lines

PILE = (*STORY, *FLOOD, LONE)


def fake() -> Summarizer:
    return Summarizer(FakeEmbedder())


def test_a_pile_line_is_parsed_with_its_threshold_and_a_threshold_without_a_pile_is_refused() -> None:
    line = parse_story(story_line("p", PILE, pile=True, threshold=0.5, words=40), line=3)

    assert (line.pile, line.threshold, line.words, len(line.documents)) == (True, 0.5, 40, 7)
    with pytest.raises(StoryLineError, match='add "pile": true') as caught:
        parse_story(story_line("s", threshold=0.5), line=1)
    assert caught.value.code == "invalid_option"
    with pytest.raises(StoryLineError, match='"pile" must be true or false'):
        parse_story(story_line("s", pile="yes"), line=1)


def test_a_pile_line_with_since_is_refused_rather_than_told_whole() -> None:
    with pytest.raises(StoryLineError, match='"since" is for one story') as caught:
        parse_story(story_line("p", PILE, pile=True, since="2024-05-16T00:00:00Z"), line=2)

    assert caught.value.code == "invalid_option"


def test_the_local_engine_tells_a_pile_as_tell_stories_does_and_summarises_a_story_beside_it(tmp_path: Path) -> None:
    stories = write_lines(tmp_path / "in.jsonl", story_line("one", STORY, sentences=2),
                          story_line("pile", PILE, pile=True, sentences=2), story_line("bad", PILE, pile=True, ratio=2))

    report = run_batch(stories, tmp_path / "out.jsonl", engine=LocalEngine(fake))

    records = read_records(tmp_path / "out.jsonl")
    assert (report.summarised, report.failed) == (2, 1)
    assert [set(r) for r in records] == [{"id", "summary"}, {"id", "stories"}, {"id", "line", "error"}]
    expected = encode({"id": "pile", "stories": tell_stories(fake(), PILE, sentences=2).to_dict()})
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[1] == expected
    assert [len(s["documents"]) for s in records[1]["stories"]["stories"]] == [3, 3, 1]
    assert records[2]["error"]["code"] == "invalid_option"


def test_a_pile_already_in_the_output_is_skipped_on_a_second_run(tmp_path: Path) -> None:
    stories = write_lines(tmp_path / "in.jsonl", story_line("pile", PILE, pile=True))
    run_batch(stories, tmp_path / "out.jsonl", engine=LocalEngine(fake))

    again = run_batch(stories, tmp_path / "out.jsonl", engine=LocalEngine(fake))

    assert (again.summarised, again.skipped) == (0, 1)
    assert len(json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["stories"]["stories"]) == 3


def test_a_pile_is_cut_into_runs_of_nearly_equal_length_for_the_workers() -> None:
    cut = parts(PILE, 3)

    assert [len(p) for p in cut] == [3, 2, 2] and [d for p in cut for d in p] == list(PILE)
    assert parts(PILE[:2], 8) == [(PILE[0],), (PILE[1],)]

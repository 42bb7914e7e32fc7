"""Batch lines with publication times and `since`: parsed, summarised, and written by batch-build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer import Summarizer
from summarizer.batch.build import build_batch
from summarizer.batch.engine import summarise_story
from summarizer.batch.story import StoryLineError, parse_story
from summarizer.testing import FakeEmbedder
from tests.builders import TIMED_STORY, read_records


def timed_line(**options: object) -> str:
    documents = [{"id": d.id, "text": d.text, "published": d.published, "title": f"{d.id} report"}
                 for d in TIMED_STORY]
    return json.dumps({"id": "quake", "documents": documents, **options})


def test_documents_keep_their_metadata_and_the_story_its_since() -> None:
    story = parse_story(timed_line(since="2024-05-13T12:00:00Z", order="time"), line=1)

    assert story.since == "2024-05-13T12:00:00Z" and story.order == "time"
    assert [(d.published, d.title) for d in story.documents] == [(d.published, f"{d.id} report")
                                                                 for d in TIMED_STORY]


def test_a_story_with_since_is_summarised_to_what_is_new() -> None:
    story = parse_story(timed_line(since="2024-05-13T12:00:00Z", sentences=2), line=1)

    record = summarise_story(Summarizer(FakeEmbedder()), story)

    assert [s["document_id"] for s in record["summary"]["sentences"]] == ["herald", "herald"]
    assert record["summary"]["parameters"]["since"] == "2024-05-13T12:00:00+00:00"


def test_a_since_that_is_not_a_string_is_an_option_error() -> None:
    with pytest.raises(StoryLineError, match='"since" must be a string') as caught:
        parse_story(timed_line(since=20240513), line=1)

    assert caught.value.code == "invalid_option"


@pytest.mark.parametrize(("document", "message"), [
    ({"id": "a", "text": "x", "author": "b"}, "unknown field(s) 'author'"),
    ({"id": "a", "text": "x", "published": 2024}, "'published' must be string(s)"),
])
def test_a_document_with_an_unknown_or_mistyped_field_is_refused(document: dict[str, object], message: str) -> None:
    with pytest.raises(StoryLineError, match=re.escape(message)):
        parse_story(json.dumps({"id": "s", "documents": [document]}), line=1)


def test_a_bad_date_fails_its_story_only_with_the_document_named() -> None:
    story = parse_story(json.dumps({"id": "s", "documents": [{"id": "a", "text": "x", "published": "soon"}]}),
                        line=1)

    record = summarise_story(Summarizer(FakeEmbedder()), story)

    assert record["error"]["code"] == "bad_input" and "Document 'a'" in record["error"]["message"]


def test_batch_build_writes_the_metadata_files_carry(tmp_path: Path) -> None:
    folder = tmp_path / "stories" / "quake"
    folder.mkdir(parents=True)
    (folder / "ap.txt").write_text("---\npublished: 2024-05-13\nsource: AP\n---\n" + TIMED_STORY[0].text,
                                   encoding="utf-8")

    build_batch(tmp_path / "stories", tmp_path / "out.jsonl")

    (document,) = read_records(tmp_path / "out.jsonl")[0]["documents"]
    assert (document["published"], document["source"], "title" in document) == ("2024-05-13", "AP", False)

"""Preparing a document (clean, split, vectorise), and the cache that keeps it across calls."""

from __future__ import annotations

import pytest

import summarizer.stages.prepare as prepare_module
from summarizer import Summarizer
from summarizer.testing import FakeEmbedder
from tests.builders import STORY, build_document


def test_a_story_grown_by_one_article_splits_only_the_new_article_and_summarises_as_if_uncached(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prepared: list[str] = []
    prepare = prepare_module.prepare
    monkeypatch.setattr(prepare_module, "prepare", lambda d: prepared.append(d.id) or prepare(d))
    summarizer = Summarizer(FakeEmbedder())
    extra = build_document(
        "late", "Russia and China signed eleven new agreements on energy, trade and science on Thursday night.",
        STORY[0].text)  # a copy of another article's sentences too: duplicates are still grouped across articles

    summarizer(STORY, sentences=3)
    grown = summarizer([*STORY, extra], sentences=3)

    assert prepared == [d.id for d in STORY] + ["late"]
    assert grown.to_dict() == Summarizer(FakeEmbedder(), cache_size=0)([*STORY, extra], sentences=3).to_dict()

def test_a_document_is_prepared_again_when_its_text_or_its_id_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared: list[str] = []
    prepare = prepare_module.prepare
    monkeypatch.setattr(prepare_module, "prepare", lambda d: prepared.append(d.id) or prepare(d))
    summarizer = Summarizer(FakeEmbedder())
    first = STORY[0]
    edited = build_document(first.id, first.text.replace("Beijing", "Moscow"))
    renamed = build_document("renamed", first.text)

    for documents in ([first, STORY[1]], [edited, STORY[1]], [renamed, STORY[1]]):
        texts = {d.id: d.text for d in documents}
        summary = summarizer(documents, sentences=2)
        assert all(s.text == texts[s.document_id][s.start:s.end] for s in summary.sentences)

    assert prepared == [first.id, STORY[1].id, first.id, "renamed"]

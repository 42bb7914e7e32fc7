from __future__ import annotations

import numpy as np
import pytest

import summarizer.stages.prepare as prepare_module
from summarizer import Summarizer
from summarizer.embedding.cache import CachingEmbedder
from summarizer.lru import LruCache
from summarizer.testing import FakeEmbedder
from tests.conftest import build_document
from tests.test_summarizer.test_pipeline import STORY


def test_a_repeated_sentence_is_embedded_once_and_gives_the_same_vector() -> None:
    inner = FakeEmbedder()
    cached = CachingEmbedder(inner, capacity=10)

    first = cached.encode(["Putin arrived.", "Xi met him."])
    second = cached.encode(["Xi met him.", "Putin arrived.", "Xi met him."])

    assert inner.calls == [["Putin arrived.", "Xi met him."]]
    assert np.array_equal(second, first[[1, 0, 1]])
    stats = cached.stats()
    assert (stats.hits, stats.misses, stats.size) == (3, 2, 2) and stats.hit_rate == 0.6


def test_the_cache_is_bounded_and_forgets_the_least_recently_used() -> None:
    inner = FakeEmbedder()
    cached = CachingEmbedder(inner, capacity=2)

    cached.encode(["a one", "b two"])
    cached.encode(["a one"])          # a is now the most recent
    cached.encode(["c three"])        # evicts b
    cached.encode(["a one", "b two"])

    assert cached.stats().size == 2
    assert inner.calls[-1] == ["b two"]


def test_entries_are_keyed_by_model_name_as_well_as_text() -> None:
    inner = FakeEmbedder()
    cached = CachingEmbedder(inner, capacity=10)
    cached.encode(["same text"])
    inner.name = "another-model"  # type: ignore[misc]

    cached.encode(["same text"])

    assert len(inner.calls) == 2


def test_a_zero_capacity_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CachingEmbedder(FakeEmbedder(), capacity=0)


def test_a_repeated_story_embeds_nothing_and_gives_the_same_summary() -> None:
    inner = FakeEmbedder()
    summarizer = Summarizer(inner)

    first = summarizer(STORY, sentences=3)
    second = summarizer(STORY, sentences=3)

    assert len(inner.calls) == 1 and first.to_dict() == second.to_dict()
    stats = summarizer.cache_stats()
    assert stats is not None and stats.hits == stats.misses


def test_a_story_grown_by_one_article_embeds_only_the_new_sentences() -> None:
    inner = FakeEmbedder()
    summarizer = Summarizer(inner)
    extra = build_document(
        "late", "Russia and China signed eleven new agreements on energy, trade and science on Thursday night.")

    summarizer(STORY, sentences=3)
    summarizer([*STORY, extra], sentences=3)

    assert inner.calls[-1] == [" ".join(extra.text.split())]


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


def test_the_lru_cache_bounds_the_summed_weight_and_drops_the_least_recently_used() -> None:
    cache: LruCache[str, str] = LruCache(capacity=5)
    cache.put("a", "A", weight=2)
    cache.put("b", "B", weight=2)
    assert cache.get("a") == "A"      # a is now the most recent
    cache.put("c", "C", weight=2)     # 6 > 5: b goes
    cache.put("huge", "H", weight=9)  # heavier than the whole cache: held by nobody

    assert (cache.get("b"), cache.get("huge"), cache.size) == (None, None, 0)
    cache.put("a", "A2", weight=1)
    assert (cache.get("a"), cache.size) == ("A2", 1)


def test_the_cache_can_be_turned_off() -> None:
    inner = FakeEmbedder()
    summarizer = Summarizer(inner, cache_size=0)

    summarizer(STORY, sentences=2)
    summarizer(STORY, sentences=2)

    assert len(inner.calls) == 2 and summarizer.cache_stats() is None

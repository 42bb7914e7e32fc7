from __future__ import annotations

import numpy as np
import pytest

from summarizer import Summarizer
from summarizer.embedding.cache import CachingEmbedder
from summarizer.testing import FakeEmbedder
from tests.builders import STORY, build_document


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

    summarizer(STORY, sentences=3)
    second = summarizer(STORY, sentences=2)  # other options: the stages run again, on cached vectors

    assert len(inner.calls) == 1
    assert second.to_dict() == Summarizer(FakeEmbedder(), cache_size=0)(STORY, sentences=2).to_dict()
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

def test_the_cache_can_be_turned_off() -> None:
    inner = FakeEmbedder()
    summarizer = Summarizer(inner, cache_size=0)

    summarizer(STORY, sentences=2)
    summarizer(STORY, sentences=2)

    assert len(inner.calls) == 2 and summarizer.cache_stats() is None

"""The stories benchmark's scoring: B-cubed and ARI on groupings whose figures are known by hand."""

from __future__ import annotations

import pytest

from benchmarks.stories import Pile, b_cubed, ours, score, tfidf_baseline
from summarizer import Summarizer
from summarizer.stories import embed_articles
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, LONE, STORY


def test_b_cubed_is_one_for_the_true_grouping_and_drops_for_a_merge_and_a_split() -> None:
    truth = ["a", "a", "b", "b"]

    assert b_cubed([1, 1, 2, 2], truth) == (1.0, 1.0, 1.0)
    assert b_cubed([1, 1, 1, 1], truth) == pytest.approx((0.5, 1.0, 2 / 3))
    assert b_cubed([1, 2, 3, 4], truth) == pytest.approx((1.0, 0.5, 2 / 3))


def test_the_score_of_the_true_grouping_has_an_ari_of_one_and_counts_the_stories() -> None:
    result = score([7, 7, 9], ["x", "x", "y"])

    assert (result.f1, result.ari, result.stories) == (1.0, 1.0, 2)


def test_ours_and_the_baseline_recover_a_small_pile() -> None:
    documents = (*STORY, *FLOOD, LONE)
    vectors = tuple(embed_articles(Summarizer(FakeEmbedder()), documents))
    pile = Pile(documents, ("putin",) * 3 + ("flood",) * 3 + ("chess",), vectors)

    assert score(ours()(pile, 0.9), pile.truth).f1 == 1.0
    assert score(tfidf_baseline(pile, 0.9), pile.truth).f1 == 1.0
    assert pile.subset(["flood"]).documents == FLOOD

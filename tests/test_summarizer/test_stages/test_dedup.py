from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.stages.dedup import group_duplicates, sentence_vectors, similar_pairs
from tests.builders import build_sentence

WIRE = "Putin's red-carpet welcome to Beijing comes a day after Zelensky halted all upcoming international visits."


def test_the_same_wire_copy_in_two_outlets_is_one_group_with_both_kept_as_members() -> None:
    sentences = [build_sentence("cnn", 0, WIRE), build_sentence("whdh", 3, WIRE.replace("'", "\u2019"))]

    (group,) = group_duplicates(sentences)

    assert group.members == (0, 1) and group.similarities == (1.0, 1.0)


def test_a_lightly_edited_copy_is_a_near_duplicate() -> None:
    edited = WIRE.replace("comes a day after", "came one day after")
    groups = group_duplicates([build_sentence("a", 0, WIRE), build_sentence("b", 0, edited)])

    assert [g.members for g in groups] == [(0, 1)]
    assert 0.75 <= groups[0].similarities[1] < 1.0


def test_different_sentences_stay_apart_even_when_they_share_words() -> None:
    other = "Putin's welcome in Beijing was followed by talks with Xi about trade and energy."
    groups = group_duplicates([build_sentence("a", 0, WIRE), build_sentence("b", 0, other)])

    assert [g.members for g in groups] == [(0,), (1,)]


def test_the_representative_is_the_first_candidate_not_a_headline() -> None:
    headline = build_sentence("a", 0, WIRE, candidate=False)
    body = build_sentence("b", 2, WIRE)

    (group,) = group_duplicates([headline, body])

    assert group.representative == 1 and group.members == (1, 0)


def test_sentences_without_words_do_not_break_grouping() -> None:
    groups = group_duplicates([build_sentence("a", 0, "\u2014"), build_sentence("a", 1, WIRE)])

    assert sorted(m for g in groups for m in g.members) == [0, 1]


def test_no_sentences_give_no_groups() -> None:
    assert group_duplicates([]) == []


def test_vectors_computed_document_by_document_and_stacked_group_the_same_as_all_at_once() -> None:
    first = [build_sentence("a", 0, WIRE), build_sentence("a", 1, "Xi and Putin signed a trade pact on Tuesday.")]
    second = [build_sentence("b", 0, WIRE.replace("Thursday", "Friday")), build_sentence("b", 1, "—")]
    stacked = sp.vstack([sentence_vectors(first), sentence_vectors(second)], format="csr")

    by_document = group_duplicates([*first, *second], vectors=stacked)

    assert by_document == group_duplicates([*first, *second])
    assert [g.members for g in by_document] == [(0, 2), (1,), (3,)]
    assert sentence_vectors([]).shape[0] == 0


def test_vectors_that_do_not_match_the_sentences_are_refused() -> None:
    with pytest.raises(ValueError, match="1 vectors for 2 sentences"):
        group_duplicates([build_sentence("a", 0, WIRE)] * 2, vectors=sentence_vectors([build_sentence("a", 0, WIRE)]))


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.75, 0.9, 1.0])
def test_similar_pairs_are_exactly_the_pairs_the_full_product_finds(threshold: float) -> None:
    # Sentences drawn from a small vocabulary, so that many pairs share words, some share most, and some are equal;
    # the prefix filter must find every pair the product of all rows does, at the same float32 values.
    rng = np.random.default_rng(0)
    words = "putin xi met beijing in on the a talks war trade signed pact thursday leaders said".split()
    texts = [" ".join(rng.choice(words, size=int(rng.integers(3, 12)))) + "." for _ in range(300)]
    texts += texts[:20]
    vectors = sentence_vectors([build_sentence("a", i, t) for i, t in enumerate(texts)])

    product = (vectors @ vectors.T).tocoo()
    expected = {(i, j) for i, j, v in zip(product.row, product.col, product.data, strict=True)
                if i < j and v >= threshold - 1e-9}
    first, second = similar_pairs(vectors, threshold)

    assert set(zip(first.tolist(), second.tolist(), strict=True)) == expected
    assert len(first) == len(expected) >= 10  # no pair twice, and pairs to find


@pytest.mark.parametrize("threshold", [0.75, 1.0])
def test_groups_are_the_components_of_the_full_product_when_sentences_come_in_many_copies(threshold: float) -> None:
    # A wire story carried by many outlets: identical rows are compared once. At 1.0, float32 rounding leaves some
    # rows short of themselves (their copies are not one group), and copies must still join what their original
    # joins.
    from scipy.sparse.csgraph import connected_components

    rng = np.random.default_rng(1)
    words = "putin xi met beijing in on the a talks war trade signed pact thursday leaders said".split()
    texts = [" ".join(rng.choice(words, size=int(rng.integers(3, 12)))) + "." for _ in range(60)]
    texts = [texts[int(i)] for i in rng.integers(0, 60, size=600)]  # each about ten times, in any order
    sentences = [build_sentence("a", i, t) for i, t in enumerate(texts)]
    vectors = sentence_vectors(sentences)

    product = (vectors @ vectors.T).tocoo()
    keep = product.data >= threshold - 1e-9
    graph = sp.csr_matrix((np.ones(int(keep.sum())), (product.row[keep], product.col[keep])), shape=product.shape)
    _, labels = connected_components(graph, directed=False)
    expected = sorted(tuple(np.flatnonzero(labels == label).tolist()) for label in np.unique(labels))

    groups = group_duplicates(sentences, threshold=threshold)

    assert sorted(tuple(sorted(g.members)) for g in groups) == expected
    assert len(expected) < len(texts)  # copies were grouped

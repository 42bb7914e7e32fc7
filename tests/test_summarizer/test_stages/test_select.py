from __future__ import annotations

import numpy as np

from summarizer.stages.select import Unit, Weights, neighbours, select


def _unit(doc: int, position: int, words: int, documents: tuple[int, ...] = ()) -> Unit:
    text = " ".join(["word"] * words)
    return Unit(text=text, document=doc, position=position, words=words, documents=frozenset(documents or (doc,)))


def _axis(i: int, dim: int = 8) -> np.ndarray:
    return np.eye(1, dim, i, dtype=np.float32)[0]


def test_one_sentence_per_topic_and_the_most_important_topic_first() -> None:
    units = [_unit(0, 0, 20, (0, 1, 2)), _unit(1, 5, 20), _unit(2, 1, 20), _unit(0, 2, 20)]
    embeddings = np.stack([_axis(0), _axis(0) * 0.9 + _axis(1) * 0.1, _axis(2), _axis(3)])
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    labels = np.array([0, 0, 1, 2])
    centroids = np.stack([_axis(0), _axis(2), _axis(3)])

    selection = select(units, embeddings, labels, centroids, documents=3, sentences=2, words=None, weights=Weights())

    assert [p.unit for p in selection.picks] == [0, 2]
    assert [p.rank for p in selection.picks] == [0, 1]
    assert len({p.cluster for p in selection.picks}) == 2


def test_a_word_budget_is_never_exceeded_and_is_filled_with_the_next_topic_that_fits() -> None:
    units = [_unit(0, 0, 60), _unit(1, 0, 30), _unit(2, 0, 25)]
    embeddings = np.stack([_axis(0), _axis(1), _axis(2)])
    labels = np.arange(3)

    selection = select(units, embeddings, labels, embeddings, documents=3, sentences=None, words=56,
                       weights=Weights())

    chosen = [p.unit for p in selection.picks]
    assert sum(units[i].words for i in chosen) <= 56
    assert chosen == [1, 2]


def test_a_sentence_too_similar_to_one_chosen_is_passed_over() -> None:
    units = [_unit(0, 0, 20), _unit(1, 0, 20), _unit(2, 3, 20)]
    near_copy = _axis(0) * 0.99 + _axis(1) * 0.14
    embeddings = np.stack([_axis(0), near_copy / np.linalg.norm(near_copy), _axis(2)])
    labels = np.arange(3)

    selection = select(units, embeddings, labels, embeddings, documents=3, sentences=3, words=None,
                       weights=Weights())

    assert sorted(p.unit for p in selection.picks) in ([0, 2], [1, 2])


def test_neighbours_are_found_in_blocks_including_the_row_itself() -> None:
    rows = np.stack([_axis(0), _axis(0), _axis(1)])

    assert [n.tolist() for n in neighbours(rows, rows, 0.9)] == [[0, 1], [0, 1], [2]]


def test_with_fill_a_topic_whose_best_sentence_does_not_fit_gives_way_to_the_best_fitting_sentence_of_any_topic(
) -> None:
    # After the first pick 20 words are left. Topic 1's best sentence (30 words) no longer fits; its other
    # sentence fits but is weak, while topic 2 holds a short sentence reported by every article.
    units = [_unit(0, 0, 40, (0, 1, 2)), _unit(1, 0, 30, (0, 1, 2)), _unit(1, 9, 15), _unit(2, 1, 18, (0, 1, 2))]
    embeddings = np.stack([_axis(0), _axis(1), _axis(2), _axis(3)])
    labels = np.array([0, 1, 1, 2])
    centroids = np.stack([_axis(0), _axis(1), _axis(3)])

    plain = select(units, embeddings, labels, centroids, documents=3, sentences=None, words=60,
                   weights=Weights(fill=0.0))
    filled = select(units, embeddings, labels, centroids, documents=3, sentences=None, words=60,
                    weights=Weights(fill=1.0))

    assert [p.unit for p in plain.picks] == [0, 2]
    assert [p.unit for p in filled.picks] == [0, 3]
    assert filled.picks[1].cluster == 2

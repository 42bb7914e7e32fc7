"""Topics: seeded k-means over sentence embeddings."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.stages.cluster import cluster_embeddings, kmeans


def _points(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(4, 16, dtype=np.float32) * 5
    points = np.vstack([c + rng.normal(scale=0.3, size=(10, 16)) for c in centres]).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_the_same_seed_gives_the_same_topics_and_the_seed_is_what_decides() -> None:
    # Points with no groups in them, where k-means's starting points decide where it ends.
    rng = np.random.default_rng(0)
    points = rng.normal(size=(60, 16)).astype(np.float32)
    points /= np.linalg.norm(points, axis=1, keepdims=True)

    first, second = cluster_embeddings(points, k=4, seed=7), cluster_embeddings(points, k=4, seed=7)

    assert len(set(first[0].tolist())) == 4
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])
    assert any(not np.array_equal(first[0], cluster_embeddings(points, k=4, seed=s)[0]) for s in range(8))


def test_well_separated_groups_are_recovered_with_unit_length_centroids() -> None:
    labels, centroids = cluster_embeddings(_points(), k=4, seed=0)

    assert [len(set(labels[i:i + 10].tolist())) for i in range(0, 40, 10)] == [1, 1, 1, 1]
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0, atol=1e-5)


def test_asking_for_more_topics_than_points_gives_one_topic_per_point() -> None:
    labels, centroids = cluster_embeddings(_points()[:3], k=5, seed=0)

    assert labels.tolist() == [0, 1, 2] and centroids.shape == (3, 16)


def test_k_means_is_as_tight_as_scikit_learns_on_real_shaped_data() -> None:
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(12, 48))
    points = np.vstack([c + rng.normal(scale=0.8, size=(25, 48)) for c in centres])
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    for k in (4, 12, 20):
        labels, centroids = kmeans(points, k, seed=0)
        ours = float(((points - centroids[labels]) ** 2).sum())
        reference = KMeans(n_clusters=k, random_state=0, n_init=4).fit(points).inertia_

        assert ours <= 1.02 * reference, (k, ours, reference)
        assert np.allclose(centroids, [points[labels == c].mean(axis=0) for c in range(k)])


def test_no_topic_is_left_empty_even_when_points_repeat() -> None:
    points = np.repeat(np.eye(3), [8, 1, 1], axis=0)

    labels, _ = kmeans(points, 5, seed=0)

    assert sorted(set(labels.tolist())) == [0, 1, 2, 3, 4]


def test_k_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="k must be between 1"):
        kmeans(np.eye(3), 4, seed=0)

from __future__ import annotations

import numpy as np

from summarizer.stages.cluster import cluster_embeddings


def _points(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = np.eye(4, 16, dtype=np.float32) * 5
    points = np.vstack([c + rng.normal(scale=0.3, size=(10, 16)) for c in centres]).astype(np.float32)
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_the_same_seed_gives_the_same_topics() -> None:
    first = cluster_embeddings(_points(), k=4, seed=7)
    second = cluster_embeddings(_points(), k=4, seed=7)

    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])


def test_well_separated_groups_are_recovered_with_unit_length_centroids() -> None:
    labels, centroids = cluster_embeddings(_points(), k=4, seed=0)

    assert [len(set(labels[i:i + 10].tolist())) for i in range(0, 40, 10)] == [1, 1, 1, 1]
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0, atol=1e-5)


def test_asking_for_more_topics_than_points_gives_one_topic_per_point() -> None:
    labels, centroids = cluster_embeddings(_points()[:3], k=5, seed=0)

    assert labels.tolist() == [0, 1, 2] and centroids.shape == (3, 16)

"""Groups sentence embeddings into topics with k-means, seeded so the same input gives the same topics."""

from __future__ import annotations

import numpy as np


def cluster_embeddings(embeddings: np.ndarray, *, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Cluster unit-length rows into `k` topics; return (labels, unit-length centroids).

    With `k` at or above the number of rows, every row is its own topic.

    Example:
        >>> import numpy as np
        >>> labels, centroids = cluster_embeddings(np.eye(3, dtype=np.float32), k=3, seed=0)
        >>> sorted(labels.tolist()), centroids.shape
        ([0, 1, 2], (3, 3))
    """
    n = embeddings.shape[0]
    if k >= n:
        return np.arange(n), embeddings.copy()
    from sklearn.cluster import KMeans  # scikit-learn takes seconds to import: only when there is work for it

    model = KMeans(n_clusters=k, random_state=seed, n_init=4).fit(embeddings)
    labels = model.labels_.astype(np.int64)
    centroids = model.cluster_centers_.astype(np.float32)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    return labels, centroids / np.maximum(norms, 1e-12)

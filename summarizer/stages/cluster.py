"""Groups sentence embeddings into topics with k-means, seeded so the same input gives the same topics.

k-means is Lloyd's algorithm from greedy k-means++ starts, the best of `STARTS` kept, as scikit-learn's `KMeans`
runs it; it is a few lines of numpy here because importing scikit-learn alone (it loads scipy.stats) took
1.5-2 s of a 4.6 s cold start of `summarize` on the 2-core machine, and SciPy's `kmeans2` has a single start, no
convergence test and warns on empty clusters.
"""

from __future__ import annotations

import math

import numpy as np

#: k-means starts; the one of least inertia is kept (the first of equals).
STARTS = 4
#: Lloyd iterations per start at most (they stop earlier when no point changes topic).
MAX_ITERATIONS = 300


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
    labels, centroids = kmeans(embeddings, k, seed=seed)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    return labels, (centroids / np.maximum(norms, 1e-12)).astype(np.float32)


def kmeans(points: np.ndarray, k: int, *, seed: int, starts: int = STARTS) -> tuple[np.ndarray, np.ndarray]:
    """(labels, centres) of the k-means clustering of the rows of `points` (1 ≤ k ≤ rows) of least inertia over
    `starts` seeded starts.

    Example:
        >>> import numpy as np
        >>> labels, centres = kmeans(np.array([[0.0], [0.1], [5.0], [5.2]]), 2, seed=0)
        >>> bool(labels[0] == labels[1] != labels[2] == labels[3]), sorted(round(float(c), 2) for c in centres.ravel())
        (True, [0.05, 5.1])
    """
    # float32, as the embeddings are and as scikit-learn computes for them: 1.8x as fast as float64 at 8,300
    # sentences (1.1 s against 2.0 s at k = 10), and the same topics in all 78 DUC 2003 clusterings tried
    # (k = 10 and 25, seed 0).
    x = np.asarray(points, dtype=np.float32)
    if not 1 <= k <= x.shape[0]:
        raise ValueError(f"k must be between 1 and the number of points ({x.shape[0]}), not {k}")
    rng = np.random.default_rng(seed)
    squared = np.einsum("ij,ij->i", x, x)
    best: tuple[float, np.ndarray, np.ndarray] | None = None
    for _ in range(starts):
        labels, centres, inertia = _lloyd(x, squared, _plus_plus(x, squared, k, rng))
        if best is None or inertia < best[0]:
            best = (inertia, labels, centres)
    assert best is not None
    return best[1], best[2]


def _distances(x: np.ndarray, squared: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances, points × centres."""
    return np.maximum(squared[:, None] - 2.0 * (x @ centres.T) + np.einsum("ij,ij->i", centres, centres), 0.0)


def _plus_plus(x: np.ndarray, squared: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy k-means++ (Arthur & Vassilvitskii 2007): each new centre is the best for the inertia of 2 + ln k
    candidates drawn in proportion to their squared distance to the nearest centre so far."""
    n = x.shape[0]
    trials = 2 + int(math.log(k))
    chosen = [int(rng.integers(n))]
    closest = _distances(x, squared, x[chosen])[:, 0]
    for _ in range(1, k):
        total = float(closest.sum())
        if total <= 0.0:  # every point sits on a centre: take the first points not yet chosen
            chosen.append(next(i for i in range(n) if i not in chosen))
            continue
        candidates = np.searchsorted(np.cumsum(closest), rng.random(trials) * total).clip(0, n - 1)
        after = np.minimum(closest[:, None], _distances(x, squared, x[candidates]))
        pick = int(np.argmin(after.sum(axis=0)))
        chosen.append(int(candidates[pick]))
        closest = after[:, pick]
    return x[chosen].copy()


def _lloyd(x: np.ndarray, squared: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Lloyd's iterations from `centres` until no point changes topic; an emptied topic takes the point farthest
    from its centre. Returns labels, centres (the means of their points) and the inertia."""
    k = centres.shape[0]
    labels = np.full(x.shape[0], -1)
    for _ in range(MAX_ITERATIONS):
        distances = _distances(x, squared, centres)
        new = np.argmin(distances, axis=1)
        sizes = np.bincount(new, minlength=k)
        for empty in np.flatnonzero(sizes == 0).tolist():
            nearest = distances[np.arange(x.shape[0]), new]
            nearest[sizes[new] <= 1] = -1.0  # never take the last point of another topic
            far = int(np.argmax(nearest))
            sizes[new[far]] -= 1
            new[far], sizes[empty] = empty, 1
        if np.array_equal(new, labels):
            break
        labels = new
        members = np.zeros((k, x.shape[0]), dtype=np.float32)
        members[labels, np.arange(x.shape[0])] = 1.0
        centres = (members @ x) / sizes.astype(np.float32)[:, None]
    inertia = float(_distances(x, squared, centres)[np.arange(x.shape[0]), labels].sum())
    return labels.astype(np.int64), centres, inertia

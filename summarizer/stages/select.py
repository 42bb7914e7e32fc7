"""Scores sentences and topics, and picks one representative per topic until the length is reached.

A sentence's score mixes how central it is to the whole story and to its topic, how many articles
report it, how early it comes in its article, and whether its length and opening read well alone.
A topic's importance is its best sentence's score, raised by how many articles the topic covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.types import Unit

_BLOCK_ROWS = 1024
# Openings that lean on a previous sentence ("He also said…", "But…") read badly out of context.
_DANGLING = re.compile(r"^[“\"‘']?(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|also|however|"
                       r"meanwhile|still|yet|so|then)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    """How much each signal counts in a sentence's score (the quality benchmark tunes these)."""

    story: float = 0.30
    topic: float = 0.20
    coverage: float = 0.50
    position: float = 0.20
    support_similarity: float = 0.75
    redundancy: float = 0.75
    dangling_penalty: float = 0.85
    fill: float = 1.0


@dataclass(frozen=True)
class Pick:
    """A chosen unit, its topic, its score, and its rank in the order of choice."""

    unit: int
    cluster: int
    score: float
    rank: int


@dataclass(frozen=True)
class Selection:
    """The picks, in the order chosen, with what was computed on the way (for reporting)."""

    picks: tuple[Pick, ...]
    scores: np.ndarray
    coverage: np.ndarray
    cluster_importance: np.ndarray
    cluster_documents: tuple[frozenset[int], ...]


def neighbours(queries: np.ndarray, rows: np.ndarray, threshold: float) -> list[np.ndarray]:
    """For every query, the indices of `rows` with cosine similarity at or above `threshold`.

    Computed in blocks of queries, so memory stays linear in the number of rows.

    Example:
        >>> import numpy as np
        >>> [n.tolist() for n in neighbours(np.eye(2), np.eye(2), 0.5)]
        [[0], [1]]
    """
    result: list[np.ndarray] = []
    for begin in range(0, queries.shape[0], _BLOCK_ROWS):
        block = queries[begin:begin + _BLOCK_ROWS] @ rows.T
        result.extend(np.flatnonzero(row >= threshold) for row in block)
    return result


def score_units(
    units: Sequence[Unit], embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray,
    *, documents: int, weights: Weights,
) -> tuple[np.ndarray, np.ndarray]:
    """Score every unit; return (scores, share of the articles that report it or a paraphrase of it)."""
    sizes = np.array([len(u.documents) for u in units], dtype=np.float32)
    story = (embeddings * sizes[:, None]).sum(axis=0)
    story /= max(float(np.linalg.norm(story)), 1e-12)
    story_centrality = embeddings @ story
    topic_centrality = np.einsum("ij,ij->i", embeddings, centroids[labels])

    near = neighbours(embeddings, embeddings, weights.support_similarity)
    coverage = np.array(
        [len(u.documents.union(*(units[j].documents for j in near[i]))) for i, u in enumerate(units)],
        dtype=np.float32,
    ) / max(documents, 1)

    position = 1.0 / (1.0 + 0.2 * np.array([u.position for u in units], dtype=np.float32))
    words = np.array([u.words for u in units], dtype=np.float32)
    length = np.clip(0.6 + 0.4 * (words - 6) / 6, 0.6, 1.0) * np.clip(1.0 - 0.3 * (words - 45) / 35, 0.7, 1.0)
    dangling = np.array([weights.dangling_penalty if _DANGLING.match(u.text) else 1.0 for u in units])

    base = (weights.story * story_centrality + weights.topic * topic_centrality
            + weights.coverage * coverage + weights.position * position)
    return (base * length * dangling).astype(np.float32), coverage


def select(
    units: Sequence[Unit], embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray,
    *, documents: int, sentences: int | None, words: int | None, weights: Weights,
) -> Selection:
    """Pick at most one sentence per topic, most important topic first, until the length is reached.

    With a word budget, a sentence that does not fit is passed over for the next topic's, so the
    budget is filled without ever being exceeded. A sentence too similar to one already picked is
    passed over for the next-best sentence of its topic.
    """
    scores, coverage = score_units(units, embeddings, labels, centroids, documents=documents, weights=weights)
    k = int(centroids.shape[0])
    cluster_documents = tuple(
        frozenset().union(*(units[i].documents for i in np.flatnonzero(labels == c).tolist())) for c in range(k)
    )
    best = np.array([scores[labels == c].max() if np.any(labels == c) else 0.0 for c in range(k)])
    importance = best * (0.5 + 0.5 * np.array([len(d) for d in cluster_documents]) / max(documents, 1))

    lengths = np.array([u.words for u in units], dtype=np.int64)
    closest = np.full(len(units), -np.inf, dtype=np.float32)  # each unit's highest similarity to a pick
    open_topics = np.ones(k, dtype=bool)
    picks: list[Pick] = []
    used_words = 0
    for cluster in sorted(range(k), key=lambda c: (-importance[c], c)):
        if sentences is not None and len(picks) >= sentences:
            break
        if not open_topics[cluster]:
            continue
        allowed = closest < weights.redundancy
        if words is not None:
            allowed &= lengths <= words - used_words
        members = np.flatnonzero(labels == cluster)
        candidates = members[allowed[members]]
        if weights.fill and words is not None and members.size and not allowed[members[np.argmax(scores[members])]]:
            # The topic's best sentence does not fit: the best sentence that fits, from any topic left, fills in.
            candidates = np.flatnonzero(allowed & open_topics[labels])
        if not candidates.size:
            continue
        unit = int(candidates[np.argmax(scores[candidates])])
        picks.append(Pick(unit, int(labels[unit]), float(scores[unit]), len(picks)))
        open_topics[labels[unit]] = False
        used_words += int(lengths[unit])
        closest = np.maximum(closest, embeddings @ embeddings[unit])
    return Selection(tuple(picks), scores, coverage, importance.astype(np.float32), cluster_documents)

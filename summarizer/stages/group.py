"""Groups a pile of articles into stories: one vector of meaning and one of wording per article, complete-link
agglomerative clustering of their blended cosine distance, cut at a threshold (no number of stories needed).

Meaning is the mean of an article's sentence embeddings (the ones its summary uses), leaning on its lead; wording
is TF-IDF over the pile's word uni- and bigrams, which carries the names, places and dates that set apart related
stories. Complete link asks that every pair of a story's articles share something, rather than that their pairs
do on average: a story's articles may each tell a different side of it (so the mean of its pairs is low) yet none
is unrelated to another, while two related stories (two floods, two space flights) mostly hold some pair of
articles with little in common beyond the field they share. An article close to no other stays a story of its
own. The result depends on the set of articles, not on their order (the clustering runs in the order of the ids),
and each story's id is a hash of its sorted article ids, so the same articles make the same story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import scipy.sparse as sp

#: How clusters of articles are compared: the mean distance of their pairs (average) or their farthest pair.
Linkage = Literal["average", "complete"]
LINKAGES: tuple[Linkage, ...] = get_args(Linkage)
#: The farthest pair: on the dev pile and every robustness mix its best worst-of-mixes F1 is higher than average
#: link's (0.920 against 0.910), with loose stories kept whole; the cost is that two lone articles pair up a
#: little more readily, since the threshold a pair must pass is looser (docs/benchmarks/stories.md).
DEFAULT_LINKAGE: Linkage = "complete"
#: Blended cosine distance under which clusters of articles are merged (with complete link: under which every
#: pair of the merged cluster lies): the threshold whose worst B³ F1 over the dev pile, its halves, its TDT
#: clusters, related stories, the seeds mixed in and half the clusters with lone articles is highest
#: (docs/benchmarks/stories.md).
DEFAULT_THRESHOLD = 0.925
#: Share of meaning (sentence embeddings) in the blended similarity; the rest is wording (TF-IDF).
DENSE_WEIGHT = 0.1
#: Sentence positions over which an article's lead counts more: weight 1 / (1 + position / LEAD_DECAY).
LEAD_DECAY = 3.0
#: Terms in a story's label.
LABEL_TERMS = 4


@dataclass(frozen=True)
class Grouping:
    """Stories as groups of document indexes (each in input order), largest first, ties by first document."""

    groups: tuple[tuple[int, ...], ...]
    labels: tuple[str, ...]


def document_vector(embeddings: np.ndarray, positions: Sequence[int], *, dimension: int) -> np.ndarray:
    """An article's meaning: the unit-length mean of its sentence embeddings, the lead weighted most.

    Example:
        >>> [round(float(x), 3) for x in document_vector(np.eye(2), [0, 3], dimension=2)]
        [0.894, 0.447]
    """
    if len(positions) == 0:
        return np.zeros(dimension, dtype=np.float32)
    weights = 1.0 / (1.0 + np.asarray(positions, dtype=np.float64) / LEAD_DECAY)
    mean = (np.asarray(embeddings, dtype=np.float64) * weights[:, None]).sum(axis=0)
    norm = np.linalg.norm(mean)
    return (mean / norm if norm > 0 else mean).astype(np.float32)


def wording_vectors(texts: Sequence[str], *, min_df: int = 2) -> tuple[sp.csr_matrix, list[str]]:
    """TF-IDF rows (unit length) of the texts over word uni- and bigrams found in `min_df` texts or more, and the
    terms; no rows of terms when no term is shared that often (every row is then zero)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # scikit-learn takes seconds: only when grouping

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2),
                                 min_df=min(min_df, len(texts)), dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no term left (only stop words, or nothing shared)
        return sp.csr_matrix((len(texts), 0)), []
    return sp.csr_matrix(matrix), list(vectorizer.get_feature_names_out())


def similarity(dense: np.ndarray, wording: sp.csr_matrix, *, dense_weight: float = DENSE_WEIGHT) -> np.ndarray:
    """The blended cosine similarity of every pair of articles."""
    meaning = np.asarray(dense, dtype=np.float64) @ np.asarray(dense, dtype=np.float64).T
    words = (wording @ wording.T).toarray() if wording.shape[1] else np.zeros_like(meaning)
    return dense_weight * meaning + (1.0 - dense_weight) * words


def cluster(similarities: np.ndarray, *, threshold: float, linkage: Linkage = DEFAULT_LINKAGE) -> np.ndarray:
    """A cluster label per article: agglomerative clustering of 1 - similarity, merged while under `threshold`."""
    if len(similarities) < 2:
        return np.zeros(len(similarities), dtype=np.int64)
    distances = np.clip(1.0 - similarities, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage=linkage,
                                    distance_threshold=threshold)
    return np.asarray(model.fit_predict(distances), dtype=np.int64)


def group_documents(
    ids: Sequence[str], dense: np.ndarray, texts: Sequence[str], *, threshold: float = DEFAULT_THRESHOLD,
    linkage: Linkage = DEFAULT_LINKAGE, dense_weight: float = DENSE_WEIGHT,
) -> Grouping:
    """Group articles (their unique ids, meaning vectors and texts) into stories.

    Example:
        >>> texts = ["Putin met Xi in Beijing.", "Xi met Putin in Beijing.", "Floods hit the Yangtze river."]
        >>> dense = np.eye(3, dtype=np.float32)
        >>> group_documents(["a", "b", "c"], dense, texts).groups
        ((0, 1), (2,))
    """
    order = sorted(range(len(ids)), key=lambda i: ids[i])  # the same pile in any order clusters the same
    wording, _ = wording_vectors([texts[i] for i in order])
    labels = cluster(similarity(dense[order], wording, dense_weight=dense_weight), threshold=threshold,
                     linkage=linkage)
    members: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        members.setdefault(label, []).append(order[row])
    groups = sorted((tuple(sorted(m)) for m in members.values()), key=lambda g: (-len(g), g[0]))
    return Grouping(groups=tuple(groups), labels=labels_of(texts, groups))


def labels_of(texts: Sequence[str], groups: Sequence[Sequence[int]]) -> tuple[str, ...]:
    """Each group's label: its most telling terms, by TF-IDF over the pile (terms of one article included)."""
    wording, terms = wording_vectors(texts, min_df=1)
    return tuple(_label(wording, terms, group, texts[group[0]]) for group in groups)


def _label(wording: sp.csr_matrix, terms: Sequence[str], rows: Sequence[int], fallback: str) -> str:
    """The story's most telling terms (summed TF-IDF over its articles), a term inside a better one left out;
    the first words of its first article when there is no term."""
    if not terms:
        return " ".join(fallback.split()[:8])
    weights = np.asarray(wording[list(rows)].sum(axis=0)).ravel()
    ranked = sorted(np.flatnonzero(weights).tolist(), key=lambda i: (-round(float(weights[i]), 9), terms[i]))
    chosen: list[str] = []
    for index in ranked:
        term = terms[index]
        if all(word.isdigit() and len(word) != 4 for word in term.split()):  # "000" of "300,000"; years stay
            continue
        if not any(f" {term} " in f" {other} " or f" {other} " in f" {term} " for other in chosen):
            chosen.append(term)
        if len(chosen) == LABEL_TERMS:
            break
    return ", ".join(chosen) if chosen else " ".join(fallback.split()[:8])


def story_id(document_ids: Sequence[str]) -> str:
    """An id that is the same for the same articles, whatever their order: a hash of the sorted ids.

    Example:
        >>> story_id(["b", "a"]) == story_id(["a", "b"]) != story_id(["a"])
        True
    """
    digest = hashlib.blake2b("\n".join(sorted(document_ids)).encode("utf-8"), digest_size=8)
    return f"story-{digest.hexdigest()}"

"""The story's independent sources, and how far they report each sentence.

Articles that copy one another (a reprint, a rewrite, successive versions of one wire story) are one source, so
that what one newsroom wrote counts once however many articles carry it: in the concepts a summary covers
(`summarizer.stages.concepts`), in the support a sentence has and in the story's centre (`summarizer.stages.select`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from summarizer.types import Sentence, Unit

#: An article more than this share of whose sentences have a paraphrase in another article copies it (most of them).
COPY_SHARE = 0.5
_BLOCK_ROWS = 1024


@dataclass(frozen=True)
class Sources:
    """The story's independent sources: articles that copy one another (a reprint, a rewrite, successive versions of
    one wire story) are one source, so what one newsroom wrote counts once however many articles carry it.

    Attributes:
        of: (documents,) the source of each article, numbered in the order of their first article.
        closest: (units, sources) each unit's highest cosine to a sentence of each source (1 where it carries the
            unit; 0 for an article with no candidate sentence).
    """

    of: np.ndarray
    closest: np.ndarray

    @property
    def count(self) -> int:
        """How many independent sources tell the story."""
        return int(self.closest.shape[1])

    def attribute(self, sentences: Sequence[tuple[int, Sentence]]) -> list[tuple[int, Sentence]]:
        """`sentences` given as (document index, sentence), as (source index, sentence)."""
        return [(int(self.of[document]), sentence) for document, sentence in sentences]

    def carrying(self, unit: Unit) -> int:
        """How many sources carry `unit` (itself or a copy of it)."""
        return len({int(self.of[document]) for document in unit.documents})


def closest(units: Sequence[Unit], embeddings: np.ndarray, *, documents: int) -> np.ndarray:
    """(units, documents): each unit's highest cosine to a sentence of each article; 1 for an article carrying it,
    0 for an article with no sentence. Computed in blocks of units, so memory stays linear in units × articles.

    Example:
        >>> from summarizer.types import Unit
        >>> units = [Unit("a", 0, 0, 1, frozenset({0})), Unit("b", 1, 0, 1, frozenset({1}))]
        >>> vectors = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)  # cosine 0.6
        >>> [[round(float(c), 2) for c in row] for row in closest(units, vectors, documents=3)]
        [[1.0, 0.6, 0.0], [0.6, 1.0, 0.0]]
    """
    # The units of each article side by side (a unit several articles carry, once for each), so that each article's
    # closest sentence is one reduction over its run of columns.
    pairs = sorted((document, j) for j, unit in enumerate(units) for document in unit.documents)
    result = np.zeros((len(units), documents), dtype=np.float32)
    if not pairs:
        return result
    columns = np.array([j for _, j in pairs], dtype=np.int64)
    present = np.array(sorted({d for d, _ in pairs}), dtype=np.int64)
    starts = np.flatnonzero(np.diff([-1, *(d for d, _ in pairs)]))
    by_article = embeddings[columns].T
    for begin in range(0, len(units), _BLOCK_ROWS):
        block = np.maximum.reduceat(embeddings[begin:begin + _BLOCK_ROWS] @ by_article, starts, axis=1)
        result[begin:begin + _BLOCK_ROWS, present] = block
    return result


def find_sources(units: Sequence[Unit], embeddings: np.ndarray, *, documents: int, similarity: float) -> Sources:
    """The story's sources: an article more than COPY_SHARE of whose sentences have a paraphrase (cosine at or above
    `similarity`) in another article copies it, and the two are one source (and so on, transitively).

    Example:
        >>> from summarizer.types import Unit
        >>> units = [Unit("a", 0, 0, 1, frozenset({0, 1})), Unit("b", 2, 0, 1, frozenset({2}))]
        >>> find_sources(units, np.eye(2, dtype=np.float32), documents=3, similarity=0.75).of.tolist()
        [0, 0, 1]
    """
    nearest = closest(units, embeddings, documents=documents)
    if not documents:
        return Sources(of=np.zeros(0, dtype=np.int64), closest=nearest)
    held: list[list[int]] = [[] for _ in range(documents)]
    for j, unit in enumerate(units):
        for document in unit.documents:
            held[document].append(j)
    copies = np.zeros((documents, documents), dtype=bool)
    for a in range(documents):
        if held[a]:
            copies[a] = (nearest[held[a]] >= similarity).mean(axis=0) > COPY_SHARE
    _, labels = connected_components(csr_matrix(copies), directed=True, connection="weak")
    number = {label: i for i, label in enumerate(dict.fromkeys(labels.tolist()))}
    of = np.array([number[label] for label in labels.tolist()], dtype=np.int64)
    if len(number) == documents:  # no copies: every article is its own source, in order
        return Sources(of=of, closest=nearest)
    order = np.argsort(of, kind="stable")
    starts = np.flatnonzero(np.diff([-1, *of[order].tolist()]))
    by_source = np.maximum.reduceat(nearest[:, order], starts, axis=1) if len(units) else nearest[:, starts]
    return Sources(of=of, closest=by_source)


def support(nearest: np.ndarray, *, full: float, floor: float) -> np.ndarray:
    """How far the sources report each unit, from `nearest` (units × sources, each unit's highest cosine in each):
    the mean over sources of that cosine scaled from 0 at `floor` to 1 at `full` (a paraphrase); a source carrying
    the unit supports it fully.

    Example:
        >>> [round(float(g), 2) for g in support(np.array([[1.0, 0.6]]), full=0.75, floor=0.5)]
        [0.7]
    """
    span = max(full - floor, 1e-6)
    if not nearest.shape[1]:
        return np.zeros(nearest.shape[0], dtype=np.float32)
    return np.clip((nearest - floor) / span, 0.0, 1.0).mean(axis=1).astype(np.float32)

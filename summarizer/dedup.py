"""Groups exact and near-identical sentences across articles so each is embedded once.

Two outlets running the same wire copy, or one lightly edited, give near-identical sentences; the
first candidate of each group stands for it, and the others become its support.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize as normalize_rows

from summarizer.document import Sentence
from summarizer.segment import normalize

#: Cosine similarity of binary word uni- and bigram vectors at or above which two sentences are one.
NEAR_DUPLICATE = 0.75
_BLOCK_ROWS = 1024


@dataclass(frozen=True)
class Group:
    """Sentences that say the same thing in the same words; `members[0]` is the one kept."""

    members: tuple[int, ...]
    similarities: tuple[float, ...]

    @property
    def representative(self) -> int:
        return self.members[0]


def group_duplicates(sentences: Sequence[Sentence], *, threshold: float = NEAR_DUPLICATE) -> list[Group]:
    """Group sentences (by index) whose wording is identical or nearly so, in first-seen order.

    The representative is the group's first candidate sentence (else its first sentence), and
    `similarities[i]` is member i's lexical similarity to it (1.0 for an exact copy).

    Example:
        >>> from summarizer.document import Sentence
        >>> a = Sentence("a", 0, 0, 25, "Putin arrived in Beijing.")
        >>> b = Sentence("b", 0, 0, 25, "Putin arrived in Beijing!")
        >>> [g.members for g in group_duplicates([a, b])]
        [(0, 1)]
    """
    if not sentences:
        return []
    keys = [normalize(s.text) for s in sentences]
    matrix = _vectors(keys)
    rows, cols = [], []
    for begin in range(0, matrix.shape[0], _BLOCK_ROWS):
        block = (matrix[begin:begin + _BLOCK_ROWS] @ matrix.T).tocoo()
        keep = block.data >= threshold - 1e-9
        rows.append(block.row[keep] + begin)
        cols.append(block.col[keep])
    n = len(sentences)
    row_index, col_index = np.concatenate(rows), np.concatenate(cols)
    graph = csr_matrix((np.ones(len(row_index)), (row_index, col_index)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)

    by_label: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        by_label.setdefault(label, []).append(index)
    groups = []
    for members in sorted(by_label.values(), key=lambda m: m[0]):
        lead = next((i for i in members if sentences[i].candidate), members[0])
        ordered = [lead] + [i for i in members if i != lead]
        sims = (matrix[ordered] @ matrix[lead].T).toarray().ravel() if len(ordered) > 1 else np.ones(1)
        groups.append(Group(tuple(ordered), tuple(round(min(float(s), 1.0), 4) for s in sims)))
    groups.sort(key=lambda g: g.representative)
    return groups


def _vectors(keys: list[str]) -> csr_matrix:
    # A sentence with no word characters gets a placeholder token, so the vocabulary is never empty.
    # Binary n-grams without IDF: the score (shared n-grams over the geometric mean of both counts)
    # must not depend on what else is in the input.
    vectorizer = CountVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, binary=True,
                                 dtype=np.float32)
    return normalize_rows(vectorizer.fit_transform([k or "\x00" for k in keys])).tocsr()

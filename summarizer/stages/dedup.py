"""Groups exact and near-identical sentences across articles so each is embedded once.

Two outlets running the same wire copy, or one lightly edited, give near-identical sentences; the
first candidate of each group stands for it, and the others become its support. The groups whose
representative may be chosen become the story's `Unit`s, what the later stages embed, cluster and select.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from summarizer.errors import NoUsableTextError
from summarizer.stages.prepare import PreparedDocument
from summarizer.stages.text import sentence_vectors
from summarizer.types import Sentence, Unit

#: Cosine similarity of binary word uni- and bigram vectors at or above which two sentences are one.
NEAR_DUPLICATE = 0.75
# Dot products this far under the threshold still count (float rounding).
_TOLERANCE = 1e-9
# Candidate pairs whose shared n-grams are counted at once.
_SLICE = 65536


@dataclass(frozen=True)
class Group:
    """Sentences that say the same thing in the same words; `members[0]` is the one kept."""

    members: tuple[int, ...]
    similarities: tuple[float, ...]

    @property
    def representative(self) -> int:
        return self.members[0]


@dataclass(frozen=True)
class Candidates:
    """A story's sentences, as (document index, sentence) in input order, grouped: `groups` are the groups whose
    representative may be chosen, and `units[i]` is what group i offers to the later stages."""

    sentences: tuple[tuple[int, Sentence], ...]
    groups: tuple[Group, ...]
    units: tuple[Unit, ...]


def deduplicate(prepared: Sequence[PreparedDocument]) -> Candidates:
    """Group the sentences of all documents across articles and keep the groups a summary may use.

    Raises:
        NoUsableTextError: no group's representative may be chosen.
    """
    flat = tuple((doc, s) for doc, p in enumerate(prepared) for s in p.split.sentences)
    vectors = sp.vstack([p.vectors for p in prepared], format="csr")
    groups = tuple(g for g in group_duplicates([s for _, s in flat], vectors=vectors)
                   if flat[g.representative][1].candidate)
    if not groups:
        raise NoUsableTextError(
            "No usable sentence found: every sentence is a fragment, headline, question, quotation without its "
            "speaker, labelled row, caption or unpunctuated run of text. Give full news articles with punctuated "
            "sentences."
        )
    return Candidates(sentences=flat, groups=groups, units=tuple(_unit(flat, g) for g in groups))


def _unit(flat: Sequence[tuple[int, Sentence]], group: Group) -> Unit:
    doc, sentence = flat[group.representative]
    return Unit(text=sentence.display(), document=doc, position=sentence.position, words=sentence.words,
                documents=frozenset(flat[m][0] for m in group.members))


def group_duplicates(
    sentences: Sequence[Sentence], *, threshold: float = NEAR_DUPLICATE, vectors: csr_matrix | None = None,
) -> list[Group]:
    """Group sentences (by index) whose wording is identical or nearly so, in first-seen order.

    The representative is the group's first candidate sentence (else its first sentence), and
    `similarities[i]` is member i's lexical similarity to it (1.0 for an exact copy). `vectors`, when given,
    are `sentence_vectors(sentences)` computed earlier (e.g. document by document and stacked).

    Example:
        >>> from summarizer.types import Sentence
        >>> a = Sentence("a", 0, 0, 25, "Putin arrived in Beijing.")
        >>> b = Sentence("b", 0, 0, 25, "Putin arrived in Beijing!")
        >>> [g.members for g in group_duplicates([a, b])]
        [(0, 1)]
    """
    if not sentences:
        return []
    matrix = sentence_vectors(sentences) if vectors is None else vectors
    if matrix.shape[0] != len(sentences):
        raise ValueError(f"{matrix.shape[0]} vectors for {len(sentences)} sentences")
    _, labels = connected_components(_similarity_graph(matrix, threshold), directed=False)

    by_label: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        by_label.setdefault(label, []).append(index)
    groups = []
    for members in sorted(by_label.values(), key=lambda m: m[0]):
        lead = next((i for i in members if sentences[i].candidate), members[0])
        ordered = [lead] + [i for i in members if i != lead]
        sims = [1.0] + [_dot(matrix, lead, i) for i in ordered[1:]]  # the representative is itself
        groups.append(Group(tuple(ordered), tuple(round(min(s, 1.0), 4) for s in sims)))
    groups.sort(key=lambda g: g.representative)
    return groups


def _similarity_graph(matrix: csr_matrix, threshold: float) -> csr_matrix:
    """A graph of the rows with the connected components of "dot product at or above `threshold`": each row
    identical to an earlier one joined to that row, and the pairs among the rest (`similar_pairs`), so that a wire
    sentence 200 outlets carry is one row to compare, not 20,000 pairs."""
    n = matrix.shape[0]
    original = _identical_rows(matrix)
    copies = np.flatnonzero(original != np.arange(n))
    sizes = np.diff(matrix.indptr)
    term = matrix.data[matrix.indptr[copies]] * matrix.data[matrix.indptr[copies]]
    alike = _float32_sums(sizes[copies], term, key=sizes[copies]) >= threshold - _TOLERANCE
    # Near a threshold of 1, float32 rounding can leave a row short of itself: its copies are compared as rows.
    original[copies[~alike]] = copies[~alike]
    distinct = np.flatnonzero(original == np.arange(n))
    first, second = similar_pairs(matrix if len(distinct) == n else matrix[distinct], threshold)
    rows = np.concatenate([distinct[first], original[copies[alike]]])
    columns = np.concatenate([distinct[second], copies[alike]])
    return csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, n))


def _identical_rows(matrix: csr_matrix) -> np.ndarray:
    """For each row, the first row with the same n-grams (itself when there is none before it)."""
    seen: dict[bytes, int] = {}
    indices, indptr = matrix.indices, matrix.indptr
    return np.array([seen.setdefault(indices[indptr[i]:indptr[i + 1]].tobytes(), i) for i in range(matrix.shape[0])],
                    dtype=np.int64)


def similar_pairs(matrix: csr_matrix, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of rows (i < j) of `matrix` whose dot product is at or above `threshold`, for rows that are binary
    vectors scaled to unit length, as `sentence_vectors` makes them.

    The dot product is what the sparse product of `matrix` with its transpose gives in float32 (the same sum, in
    the same order), but computed only for the pairs that can reach `threshold`: by prefix filtering (Bayardo,
    Ma & Srikant, "Scaling Up All Pairs Similarity Search", 2007), two rows of a and b n-grams with a cosine of
    at least t share at least t²·max(a, b) of them, so they share one among the rarest a - ⌈t²a⌉ + 1 n-grams of
    the first row and the rarest b - ⌈t²b⌉ + 1 of the second. The full product pairs every two sentences that
    share any word ("the"); this pairs those that share a rare one (at 0.75, 8 times as fast over the 9,386
    sentences of the 39 DUC 2003 clusters). At a low threshold most pairs are candidates, and it is slower.

    Example:
        >>> from summarizer.types import Sentence
        >>> texts = ["Putin arrived in Beijing on Thursday.", "Putin arrived in Beijing Thursday.", "Xi spoke."]
        >>> rows = sentence_vectors([Sentence("a", i, 0, len(t), t) for i, t in enumerate(texts)])
        >>> [p.tolist() for p in similar_pairs(rows, 0.75)]
        [[0], [1]]
    """
    n = matrix.shape[0]
    sizes = np.diff(matrix.indptr)
    bound = max(threshold - _TOLERANCE, 0.0) ** 2
    # Each row's n-grams, rarest in the input first (ties by bucket), and the first of them that must be shared.
    rows = np.repeat(np.arange(n), sizes)
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    order = np.lexsort((matrix.indices, frequency[matrix.indices], rows))
    rank_in_row = np.arange(matrix.nnz) - matrix.indptr[rows]
    prefix = sizes - np.maximum(np.ceil(bound * sizes - 1e-6), 1).astype(np.int64) + 1
    keep = order[rank_in_row < prefix[rows]]
    prefixes = csr_matrix((np.ones(len(keep), dtype=np.int32), (rows[keep], matrix.indices[keep])),
                          shape=matrix.shape)
    candidates = sp.triu(prefixes @ prefixes.T, k=1).tocoo()
    first, second = candidates.row.astype(np.int64), candidates.col.astype(np.int64)
    if not len(first):
        return first, second
    ones = csr_matrix((np.ones(matrix.nnz, dtype=np.int32), matrix.indices, matrix.indptr), shape=matrix.shape)
    shared = np.concatenate([  # in slices, so memory stays bounded however many pairs are candidates
        np.asarray(ones[first[at:at + _SLICE]].multiply(ones[second[at:at + _SLICE]]).sum(axis=1)).ravel()
        for at in range(0, len(first), _SLICE)])
    term = matrix.data[matrix.indptr[first]] * matrix.data[matrix.indptr[second]]
    top = int(sizes.max()) + 1  # at most 2^20 buckets, so the key below fits in 64 bits
    key = (shared * top + sizes[first]) * top + sizes[second]
    similar = _float32_sums(shared, term, key=key) >= threshold - _TOLERANCE
    return first[similar], second[similar]


def _float32_sums(counts: np.ndarray, terms: np.ndarray, *, key: np.ndarray) -> np.ndarray:
    """For each i, `counts[i]` copies of the float32 `terms[i]` added one at a time in float32, as the sparse product
    of two binary unit rows adds up their shared n-grams; entries with the same `key` have the same count and term,
    and are summed once."""
    _, where, back = np.unique(key, return_index=True, return_inverse=True)
    counts, terms = counts[where], terms[where]
    total = np.zeros(len(where), dtype=np.float32)
    for step in range(int(counts.max(initial=0))):
        total = np.where(counts > step, total + terms, total)
    return total[back.ravel()]


def _dot(matrix: csr_matrix, a: int, b: int) -> float:
    """Dot product of two rows of a CSR matrix (without transposing its million columns)."""
    row_a = slice(int(matrix.indptr[a]), int(matrix.indptr[a + 1]))
    row_b = slice(int(matrix.indptr[b]), int(matrix.indptr[b + 1]))
    _, in_a, in_b = np.intersect1d(matrix.indices[row_a], matrix.indices[row_b], assume_unique=True,
                                   return_indices=True)
    return float(matrix.data[row_a][in_a] @ matrix.data[row_b][in_b])

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
_BLOCK_ROWS = 1024


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
    transposed = matrix.T.tocsr()
    rows, cols = [], []
    for begin in range(0, matrix.shape[0], _BLOCK_ROWS):
        block = (matrix[begin:begin + _BLOCK_ROWS] @ transposed).tocoo()
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
        sims = [_dot(matrix, lead, i) for i in ordered]
        groups.append(Group(tuple(ordered), tuple(round(min(s, 1.0), 4) for s in sims)))
    groups.sort(key=lambda g: g.representative)
    return groups


def _dot(matrix: csr_matrix, a: int, b: int) -> float:
    """Dot product of two rows of a CSR matrix (without transposing its million columns)."""
    row_a = slice(int(matrix.indptr[a]), int(matrix.indptr[a + 1]))
    row_b = slice(int(matrix.indptr[b]), int(matrix.indptr[b + 1]))
    _, in_a, in_b = np.intersect1d(matrix.indices[row_a], matrix.indices[row_b], assume_unique=True,
                                   return_indices=True)
    return float(matrix.data[row_a][in_a] @ matrix.data[row_b][in_b])

"""Chooses the summary's sentences: the set that maximises one objective under the length asked for.

The objective (`summarizer.stages.objective`) adds up the concepts the chosen sentences cover
(`summarizer.stages.concepts`), each counted once, and a reward for covering the story's topics, taken from each
topic with diminishing returns, and the chosen sentences' own relevance: per word with a word budget (so the
budget's words go to sentences central to the story), once per sentence with a count. A sentence's relevance, what
the topic reward is made of too, mixes how central it is to the whole story and to its topic, how far the articles
report it (in grades: an article telling it in other words counts in part), and how early it comes in its article.

Readability guards hold whatever the objective says: fragments, headlines, questions and bare quotes never reach
this stage, a sentence opening on a word that leans on a previous one ("He also said", "But") or told by a bare
pronoun (", he said.") is passed over while any other is left, and no two near-paraphrases are chosen together.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from summarizer.stages.concepts import DEFAULT_CONCEPT_MODEL, ConceptModel, find_concepts
from summarizer.stages.objective import Constraints, Objective, solve_greedy, solve_program
from summarizer.stages.sources import Sources, find_sources, support
from summarizer.types import Sentence, Unit

_BLOCK_ROWS = 1024
# Openings that lean on a previous sentence ("He also said…", "But…", "Consequently, …", "Firstly, …", "As a result,
# …") read badly out of context; the phrases only with their comma ("In addition to Texas, …" stands alone).
_DANGLING = re.compile(r"^[“\"‘']?(?:(?:he|she|it|they|this|that|these|those|his|her|its|their|but|and|also|however|"
                       r"meanwhile|still|yet|so|then|consequently|therefore|thus|hence|accordingly|moreover|"
                       r"furthermore|nevertheless|nonetheless|likewise|similarly|indeed|otherwise|additionally|"
                       r"firstly|secondly|thirdly|lastly)\b|(?:in addition|as a result|for example|for instance|"
                       r"in fact|after all|instead),)", re.IGNORECASE)
# An attribution to a bare pronoun leans on a previous sentence as much: "Seventeen others died in landslides, he
# said.", "The plan, she said, would cost $5 billion." (a clause to the sentence's last full stop after it).
_PRONOUN_SOURCE = re.compile(r"(?:,|''|”|\")\s*(?:he|she|they)\s+(?:said|says|added|adds|noted|told|explained|stated)"
                             r"\b[^.]*[.!?]?[\"”']*\s*$", re.IGNORECASE)

Solver = Literal["program", "greedy"]


@dataclass(frozen=True)
class Weights:
    """How sentences are valued and chosen (the quality benchmark measures each).

    Attributes:
        story, topic, coverage, position: what a sentence's relevance is made of.
        support_similarity: cosine at or above which another sentence reports the same point (a paraphrase); an
            article more than half of whose sentences have one in another article copies it (`stages/sources.py`).
        support_floor: cosine at or below which an article's closest sentence lends no support to a sentence; from
            there to `support_similarity` its support grows linearly (an article telling a point in other words
            supports it in part).
        redundancy: cosine at or above which two sentences may not both be chosen.
        diversity: λ, the weight of the topic reward next to the concepts (whose weights sum to 1).
        relevance: ρ, the weight of each chosen sentence's own relevance, in units of an average sentence's concept
            weight. With a number of sentences it counts once per sentence (each must carry a point of its own);
            with a word budget it counts per word, in proportion to the sentence's length (otherwise many short
            sentences would collect more of it than fewer long ones in the same words).
        solver: "program" (exact, HiGHS) or "greedy" (cost-scaled).
        cost_exponent: r in the greedy's gain / words^r.
        concepts: the model that weighs concepts.
    """

    story: float = 0.30
    topic: float = 0.20
    coverage: float = 0.50
    position: float = 0.20
    support_similarity: float = 0.75
    support_floor: float = 0.5
    redundancy: float = 0.75
    diversity: float = 0.03
    relevance: float = 1.0
    solver: Solver = "program"
    cost_exponent: float = 1.0
    concepts: ConceptModel = field(default=DEFAULT_CONCEPT_MODEL, repr=False)


@dataclass(frozen=True)
class Pick:
    """A chosen unit, its topic, what it adds to the objective, and its rank (most valuable first)."""

    unit: int
    cluster: int
    score: float
    rank: int


@dataclass(frozen=True)
class Selection:
    """The picks, most valuable first, with what was computed on the way (for reporting)."""

    picks: tuple[Pick, ...]
    scores: np.ndarray
    cluster_importance: np.ndarray
    cluster_documents: tuple[frozenset[int], ...]
    sources: np.ndarray  # the source of each article (`summarizer.stages.sources.Sources.of`)


@dataclass(frozen=True)
class Relevance:
    """Each unit's relevance and its centrality to the story."""

    scores: np.ndarray
    centrality: np.ndarray


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


def centrality(units: Sequence[Unit], embeddings: np.ndarray, sources: Sources) -> np.ndarray:
    """Each unit's cosine to the story: the mean of all units, each counted once per source carrying it.

    Example:
        >>> from summarizer.types import Unit
        >>> units = [Unit("a", 0, 0, 1, frozenset({0, 1})), Unit("b", 1, 1, 1, frozenset({1}))]
        >>> two = Sources(of=np.array([0, 1]), closest=np.zeros((2, 2)))  # two articles, two sources
        >>> [round(float(c), 3) for c in centrality(units, np.eye(2, dtype=np.float32), two)]
        [0.894, 0.447]
    """
    sizes = np.array([sources.carrying(u) for u in units], dtype=np.float32)
    story = (embeddings * sizes[:, None]).sum(axis=0)
    story /= max(float(np.linalg.norm(story)), 1e-12)
    return (embeddings @ story).astype(np.float32)


def score_units(
    units: Sequence[Unit], embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray,
    *, sources: Sources, weights: Weights,
) -> Relevance:
    """Each unit's relevance: centrality to the story and to its topic, its graded support by the story's
    independent `sources`, and position, with a short sentence (under 12 words) or a long one (over 45) worth less."""
    story_centrality = centrality(units, embeddings, sources)
    topic_centrality = np.einsum("ij,ij->i", embeddings, centroids[labels])
    supported = support(sources.closest, full=weights.support_similarity, floor=weights.support_floor)

    position = 1.0 / (1.0 + 0.2 * np.array([u.position for u in units], dtype=np.float32))
    words = np.array([u.words for u in units], dtype=np.float32)
    length = np.clip(0.6 + 0.4 * (words - 6) / 6, 0.6, 1.0) * np.clip(1.0 - 0.3 * (words - 45) / 35, 0.7, 1.0)
    base = (weights.story * story_centrality + weights.topic * topic_centrality
            + weights.coverage * supported + weights.position * position)
    return Relevance((base * length).astype(np.float32), story_centrality.astype(np.float32))


def select(
    sentences: Sequence[tuple[int, Sentence]], units: Sequence[Unit], embeddings: np.ndarray, labels: np.ndarray,
    centroids: np.ndarray, *, documents: int, length: int | None, words: int | None, weights: Weights,
    excluded: np.ndarray | None = None,
) -> Selection:
    """The units that maximise the objective with at most `length` sentences and at most `words` words (with a
    count alone, at most that many sentences of the story's average length).

    Args:
        sentences: every kept sentence of every document, as (document index, sentence): the concepts' source.
        units: the sentences that may be chosen, with `embeddings`, topic `labels` and unit-length `centroids`.
        documents: how many documents tell the story (articles that copy one another count as one source).
        length: the most sentences to choose (None: as many as the words allow).
        words: the word budget, never exceeded (None: no budget).
        excluded: a mask of units that may not be chosen (points the reader already knows).
    """
    sources = find_sources(units, embeddings, documents=documents, similarity=weights.support_similarity)
    relevance = score_units(units, embeddings, labels, centroids, sources=sources, weights=weights)
    objective = _objective(sentences, units, relevance, labels, sources=sources, weights=weights,
                           per_word=words is not None or length is None)
    constraints = _constraints(units, embeddings, length=length, words=words, weights=weights, excluded=excluded)
    chosen = (solve_program(objective, constraints, cost_exponent=weights.cost_exponent)
              if weights.solver == "program" else None)
    if chosen is None:
        chosen = solve_greedy(objective, constraints, cost_exponent=weights.cost_exponent)
    picks = tuple(Pick(unit, int(labels[unit]), gain, rank)
                  for rank, (unit, gain) in enumerate(objective.ranked(chosen)))

    k = int(centroids.shape[0])
    cluster_documents = tuple(
        frozenset().union(*(units[i].documents for i in np.flatnonzero(labels == c).tolist())) for c in range(k)
    )
    scores = relevance.scores
    best = np.array([scores[labels == c].max() if np.any(labels == c) else 0.0 for c in range(k)])
    importance = best * (0.5 + 0.5 * np.array([len(d) for d in cluster_documents]) / max(documents, 1))
    return Selection(picks, scores, importance.astype(np.float32), cluster_documents, sources.of)


def _objective(
    sentences: Sequence[tuple[int, Sentence]], units: Sequence[Unit], relevance: Relevance, labels: np.ndarray,
    *, sources: Sources, weights: Weights, per_word: bool,
) -> Objective:
    concepts = find_concepts(sources.attribute(sentences), units, relevance.centrality, sources=sources.count,
                             model=weights.concepts)
    concept_weights = concepts.weights / max(float(concepts.weights.sum()), 1e-12)
    scores = np.maximum(relevance.scores.astype(np.float64), 1e-9)
    # ρ is in units of an average sentence's concept weight, so it means the same in stories of any size.
    per_sentence = float(np.asarray(concepts.incidence @ concept_weights).mean()) if concepts.names else 1.0
    lengths = np.array([u.words for u in units], dtype=np.float64)
    share = lengths / lengths.mean() if per_word else np.ones_like(lengths)
    return Objective(weights=concept_weights, incidence=concepts.incidence,
                     relevance=weights.relevance * per_sentence * share * scores / scores.mean(),
                     topics=np.asarray(labels, dtype=np.int64), mass=scores / scores.sum(),
                     diversity=weights.diversity)


def _constraints(
    units: Sequence[Unit], embeddings: np.ndarray, *, length: int | None, words: int | None, weights: Weights,
    excluded: np.ndarray | None = None,
) -> Constraints:
    lengths = np.array([u.words for u in units], dtype=np.int64)
    allowed = np.array([not (_DANGLING.match(u.text) or _PRONOUN_SOURCE.search(u.text)) for u in units])
    if not allowed.any():  # every sentence leans on another: better one of them than nothing
        allowed[:] = True
    if words is None and length is not None:
        # A count alone would be met with the longest sentences, which hold the most concepts: a summary of n
        # sentences is also kept within n sentences of the story's average length.
        words = length * math.ceil(float(lengths[allowed].mean()))
    if excluded is not None:
        allowed = (allowed & ~excluded) if (allowed & ~excluded).any() else ~excluded
    return Constraints(lengths=lengths, words=words, sentences=length, allowed=allowed, embeddings=embeddings,
                       redundancy=weights.redundancy)

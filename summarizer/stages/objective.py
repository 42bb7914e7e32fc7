"""The objective a summary maximises, and two ways to maximise it under its length: an exact integer program and a
cost-scaled greedy.

For a set S of chosen sentences::

    F(S) = Σ_{c covered by S} w_c  +  Σ_{j∈S} r_j  +  λ Σ_k √(Σ_{j∈S in topic k} q_j)

the weight of the concepts S covers (each once), the relevance of its sentences, and a reward for spreading over
the story's topics that grows with the square root of the relevance taken from each topic (Lin & Bilmes 2011), so
a second sentence from a topic earns less than the first from another. F is monotone and submodular. It is
maximised subject to a word budget (never exceeded), a number of sentences, or both, and to no two chosen
sentences being near-paraphrases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix, csc_matrix, csr_matrix, hstack, identity, vstack

#: The most sentences an integer program is given; a larger story gives it the greedy's choice and then its best
#: sentences by what each is worth alone and per word, in turn (a bound on the problem's size, never on its running
#: time, so the answer never depends on speed).
MAX_PROGRAM_SENTENCES = 300
#: Branch-and-bound nodes HiGHS may explore: a bound on work that, unlike a time limit, gives the same answer on
#: every machine. Past it the best solution found is used (or the greedy one when none was found).
MAX_PROGRAM_NODES = 2000
# A set's worth is lowered by at most this for holding later sentences, so that of equal sets the one of earlier
# sentences is the optimum (too small to outweigh a real difference; in a large pool the step between neighbours,
# _TIE / pool size, is below HiGHS's tolerances, and HiGHS picks among exact equals itself, deterministically).
_TIE = 1e-6
# The relative gap HiGHS may stop at: small enough that only the tie-break is left to chance.
_GAP = 1e-7
# HiGHS's primal solution status for "a feasible solution exists" (kSolutionStatusFeasible).
_FEASIBLE = 2
# Where the square root is replaced by its tangents in the program (a topic's mass lies in [0, 1]).
_TANGENTS = tuple(1e-4 * 2.0**i for i in range(15))


@dataclass(frozen=True)
class Objective:
    """F's ingredients for a story of n sentences and m concepts.

    Attributes:
        weights: (m,) each concept's worth.
        incidence: (n, m) binary, which sentence holds which concept.
        relevance: (n,) r_j, each sentence's own worth.
        topics: (n,) the topic of each sentence.
        mass: (n,) q_j, each sentence's share of its topic's reward.
        diversity: λ, the weight of the topic reward.
    """

    weights: np.ndarray
    incidence: csr_matrix
    relevance: np.ndarray
    topics: np.ndarray
    mass: np.ndarray
    diversity: float

    def value(self, chosen: list[int] | np.ndarray) -> float:
        """F of a set of sentences.

        Example:
            >>> from scipy.sparse import csr_matrix
            >>> f = Objective(np.array([1.0, 2.0]), csr_matrix(np.array([[1, 1], [0, 1]])), np.zeros(2),
            ...               np.zeros(2, dtype=int), np.full(2, 0.5), 0.0)
            >>> f.value([0]), f.value([0, 1])  # concept 1 is covered twice but counts once
            (3.0, 3.0)
        """
        chosen = np.asarray(chosen, dtype=np.int64)
        covered = np.asarray(self.incidence[chosen].sum(axis=0)).ravel() > 0 if chosen.size else np.zeros(0, bool)
        concepts = float(self.weights[covered].sum()) if chosen.size else 0.0
        topic_mass = np.bincount(self.topics[chosen], weights=self.mass[chosen]) if chosen.size else np.zeros(0)
        return concepts + float(self.relevance[chosen].sum()) + self.diversity * float(np.sqrt(topic_mass).sum())

    def gains(self, covered: np.ndarray, topic_mass: np.ndarray) -> np.ndarray:
        """What each sentence would add to a set that covers `covered` and has `topic_mass` in each topic."""
        concepts = self.incidence @ np.where(covered, 0.0, self.weights)
        before = np.sqrt(topic_mass[self.topics])
        spread = self.diversity * (np.sqrt(topic_mass[self.topics] + self.mass) - before)
        return np.asarray(concepts).ravel() + self.relevance + spread

    def ranked(self, chosen: list[int]) -> list[tuple[int, float]]:
        """The chosen sentences, most valuable first: each with what it adds to those before it."""
        covered = np.zeros(self.weights.shape[0], dtype=bool)
        topic_mass = np.zeros(int(self.topics.max(initial=0)) + 1)
        left, order = list(chosen), []
        while left:
            gains = self.gains(covered, topic_mass)
            best = max(left, key=lambda j: (gains[j], -j))
            order.append((best, float(gains[best])))
            left.remove(best)
            covered |= self.incidence[best].toarray().ravel() > 0
            topic_mass[self.topics[best]] += self.mass[best]
        return order


@dataclass(frozen=True)
class Constraints:
    """What a summary may hold: each sentence's length in words, the budget, the number of sentences, which
    sentences may be chosen at all, and no two whose unit-length `embeddings` have a cosine at or above
    `redundancy`."""

    lengths: np.ndarray
    words: int | None
    sentences: int | None
    allowed: np.ndarray
    embeddings: np.ndarray
    redundancy: float

    def conflicts(self, pool: np.ndarray) -> list[tuple[int, int]]:
        """The pairs of positions in `pool` that may not be chosen together."""
        vectors = self.embeddings[pool]
        a, b = np.nonzero(np.triu(vectors @ vectors.T >= self.redundancy, 1))
        return list(zip(a.tolist(), b.tolist(), strict=True))


def solve_greedy(objective: Objective, constraints: Constraints, *, cost_exponent: float = 1.0) -> list[int]:
    """Add the sentence of best gain per word^`cost_exponent` while one fits; then keep whichever is worth more,
    this set or the best single sentence (Lin & Bilmes' guarantee needs that comparison)."""
    lengths = constraints.lengths.astype(np.float64)
    covered = np.zeros(objective.weights.shape[0], dtype=bool)
    topic_mass = np.zeros(int(objective.topics.max(initial=0)) + 1)
    open_ = constraints.allowed.copy()
    chosen: list[int] = []
    used = 0.0
    while constraints.sentences is None or len(chosen) < constraints.sentences:
        fits = open_ & (lengths <= (constraints.words - used)) if constraints.words is not None else open_
        if not fits.any():
            break
        gains = objective.gains(covered, topic_mass)
        ratio = gains / lengths**cost_exponent if constraints.words is not None else gains
        ratio = np.where(fits, ratio, -np.inf)
        best = int(np.argmax(ratio))  # the first of equals: ties go to the earlier sentence
        if gains[best] <= 0:
            break
        chosen.append(best)
        used += lengths[best]
        open_[best] = False
        open_ &= constraints.embeddings @ constraints.embeddings[best] < constraints.redundancy
        covered |= objective.incidence[best].toarray().ravel() > 0
        topic_mass[objective.topics[best]] += objective.mass[best]
    singles = _fitting(constraints)
    if singles.size:
        single = int(singles[np.argmax(_alone(objective)[singles])])  # the first of equals
        if objective.value([single]) > objective.value(chosen):
            return [single]
    return chosen


def solve_program(objective: Objective, constraints: Constraints, *, cost_exponent: float = 1.0) -> list[int] | None:
    """The exact maximiser of F (its square roots replaced by tangent lines) as a mixed-integer program solved by
    HiGHS, over at most MAX_PROGRAM_SENTENCES sentences; None when HiGHS finds no solution within
    MAX_PROGRAM_NODES nodes. A story with more sentences than that is solved over a pool that holds the greedy's
    choice (`solve_greedy` with `cost_exponent`; `_pool`), and the answer is whichever of the program's and the
    greedy's is worth more (the greedy's when HiGHS finds none), so it is never worth less than the greedy's."""
    candidates = _fitting(constraints)
    greedy = (solve_greedy(objective, constraints, cost_exponent=cost_exponent)
              if candidates.size > MAX_PROGRAM_SENTENCES else None)
    pool = _pool(objective, constraints, candidates, greedy or [])
    if not pool.size:
        return []
    incidence = objective.incidence[pool].tocsc()
    held = np.flatnonzero(np.diff(incidence.indptr) > 0)  # the concepts the pool can cover
    incidence = incidence[:, held]
    topics = np.unique(objective.topics[pool])
    n, m, k = len(pool), len(held), len(topics) if objective.diversity else 0
    # Variables: s (chosen sentences, binary), x (covered concepts), t (each topic's reward).
    cost = np.concatenate([
        -objective.relevance[pool] + _TIE * np.arange(n) / n,  # of equal sets, the one of earlier sentences
        -objective.weights[held], np.full(k, -objective.diversity)])
    # x_c <= Σ_{j holds c} s_j
    rows: list[object] = [hstack([-incidence.T, identity(m), coo_matrix((m, k))])]
    lower, upper = [np.full(m, -np.inf)], [np.zeros(m)]
    if constraints.words is not None:
        rows.append(_row(constraints.lengths[pool].astype(np.float64), n + m + k))
        lower.append(np.array([-np.inf]))
        upper.append(np.array([float(constraints.words)]))
    if constraints.sentences is not None:
        rows.append(_row(np.ones(n), n + m + k))
        lower.append(np.array([-np.inf]))
        upper.append(np.array([float(constraints.sentences)]))
    pairs = constraints.conflicts(pool)
    if pairs:
        index = np.repeat(np.arange(len(pairs)), 2)
        rows.append(coo_matrix((np.ones(2 * len(pairs)), (index, np.ravel(pairs))), shape=(len(pairs), n + m + k)))
        lower.append(np.full(len(pairs), -np.inf))
        upper.append(np.ones(len(pairs)))
    if k:  # t_k <= √z + (mass_k - z) / (2√z) for each tangent point z: a row per topic and z, in that order
        tangents, bounds = _tangents(objective.topics[pool], objective.mass[pool], topics, offset=n + m)
        rows.append(tangents)
        lower.append(np.full(len(bounds), -np.inf))
        upper.append(bounds)
    upper_bounds = np.concatenate([constraints.allowed[pool].astype(float), np.ones(m), np.full(k, np.inf)])
    x = _highs(cost, vstack(rows, format="csc"), np.concatenate(lower), np.concatenate(upper), upper_bounds,
               integers=n)
    if x is None:
        return None if greedy is None else sorted(greedy)
    chosen = sorted(int(pool[i]) for i in np.flatnonzero(x[:n] > 0.5))
    if greedy is not None and objective.value(greedy) > objective.value(chosen):
        return sorted(greedy)
    return chosen


def _highs(cost: np.ndarray, matrix: csc_matrix, lower: np.ndarray, upper: np.ndarray, column_upper: np.ndarray,
           *, integers: int) -> np.ndarray | None:
    """min cost·x subject to lower ≤ matrix·x ≤ upper and 0 ≤ x ≤ column_upper, the first `integers` of x
    integral, by HiGHS; the best solution found within MAX_PROGRAM_NODES nodes, or None.

    It calls HiGHS's own bindings (highspy) the way `scipy.optimize.milp` does (on the DUC 2003 stories both choose
    the same sentences in all 78 programs), without importing scipy.optimize, which took a quarter of a second of
    `summarize`'s start. highspy's public `Highs` class prints a banner on standard output as it is made, before
    logging can be turned off; its base class `_Highs`, without the Python callbacks, prints nothing.
    """
    from highspy._core import HighsLp, HighsVarType, MatrixFormat, _Highs

    solver = _Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_max_nodes", MAX_PROGRAM_NODES)
    solver.setOptionValue("mip_rel_gap", _GAP)
    program = HighsLp()
    program.num_row_, program.num_col_ = matrix.shape
    program.col_cost_, program.col_lower_, program.col_upper_ = cost, np.zeros(matrix.shape[1]), column_upper
    program.row_lower_, program.row_upper_ = lower, upper
    program.a_matrix_.format_ = MatrixFormat.kColwise
    program.a_matrix_.start_, program.a_matrix_.index_, program.a_matrix_.value_ = (
        matrix.indptr, matrix.indices, matrix.data)
    program.integrality_ = ([HighsVarType.kInteger] * integers
                            + [HighsVarType.kContinuous] * (matrix.shape[1] - integers))
    solver.passModel(program)
    solver.run()
    if solver.getInfo().primal_solution_status != _FEASIBLE:
        return None
    return np.asarray(solver.getSolution().col_value)


def _tangents(topics: np.ndarray, mass: np.ndarray, columns: np.ndarray, *,
              offset: int) -> tuple[coo_matrix, np.ndarray]:
    """The rows t_c - Σ_{j in topic c} mass_j / (2√z), ≤ √z - z / (2√z), for each topic `columns[c]` (its t at
    `offset` + c) and each tangent point z, topic by topic (the sentences' entries in their order, then t's)."""
    slopes = np.array([0.5 / math.sqrt(z) for z in _TANGENTS])
    row_ids: list[np.ndarray] = []
    column_ids: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for column, topic in enumerate(columns.tolist()):
        members = np.flatnonzero(topics == topic)
        for index, slope in enumerate(slopes):
            row_ids.append(np.full(len(members) + 1, column * len(slopes) + index))
            column_ids.append(np.append(members, offset + column))
            values.append(np.append(-slope * mass[members], 1.0))
    matrix = coo_matrix((np.concatenate(values), (np.concatenate(row_ids), np.concatenate(column_ids))),
                        shape=(len(columns) * len(slopes), offset + len(columns)))
    matrix.eliminate_zeros()
    bounds = np.array([math.sqrt(z) - slope * z for z, slope in zip(_TANGENTS, slopes.tolist(), strict=True)])
    return matrix, np.tile(bounds, len(columns))


def _fitting(constraints: Constraints) -> np.ndarray:
    """The sentences that may be chosen and fit the word budget alone."""
    fits = constraints.allowed.copy()
    if constraints.words is not None:
        fits &= constraints.lengths <= constraints.words
    return np.flatnonzero(fits)


def _alone(objective: Objective) -> np.ndarray:
    """F of each sentence alone (what each would add to nothing)."""
    return objective.gains(np.zeros(objective.weights.shape[0], dtype=bool),
                           np.zeros(int(objective.topics.max(initial=0)) + 1))


def _pool(objective: Objective, constraints: Constraints, candidates: np.ndarray, first: list[int]) -> np.ndarray:
    """The sentences the program chooses from, in story order: every candidate, or, of more than
    MAX_PROGRAM_SENTENCES, the sentences `first` and then the best by what each is worth alone and the best by what
    each is worth per word, in turn (ties by position): the two measures the greedy compares, so a long sentence
    worth much and a short one worth much for its length both reach the program.

    Example:
        >>> f = Objective(np.ones(4), csr_matrix(np.eye(4)), np.zeros(4), np.zeros(4, dtype=int), np.zeros(4), 0.0)
        >>> c = Constraints(np.array([9, 9, 1, 9]), 10, None, np.ones(4, bool), np.eye(4, dtype=np.float32), 0.9)
        >>> import unittest.mock
        >>> with unittest.mock.patch(f"{__name__}.MAX_PROGRAM_SENTENCES", 2):
        ...     _pool(f, c, np.arange(4), []).tolist()  # sentence 0 is first by worth, 2 by worth per word
        [0, 2]
    """
    if candidates.size <= MAX_PROGRAM_SENTENCES:
        return candidates
    alone = _alone(objective)[candidates]
    by_worth = candidates[np.lexsort((candidates, -alone))]
    by_worth_per_word = candidates[np.lexsort((candidates, -alone / np.maximum(constraints.lengths[candidates], 1)))]
    ranked = dict.fromkeys([*first, *(int(j) for pair in zip(by_worth, by_worth_per_word, strict=True) for j in pair)])
    return np.sort(np.fromiter(ranked, dtype=np.int64, count=len(ranked))[:MAX_PROGRAM_SENTENCES])


def _row(values: np.ndarray, width: int) -> csr_matrix:
    row = np.zeros(width)
    row[: values.shape[0]] = values
    return csr_matrix(row)

"""The objective and its two solvers, on hand-built stories where the right answer is known."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import summarizer.stages.objective as objective_stage
from summarizer.stages.objective import (
    MAX_PROGRAM_SENTENCES,
    Constraints,
    Objective,
    solve_greedy,
    solve_program,
)


def _objective(incidence: list[list[int]], weights: list[float], *, topics: list[int] | None = None,
               mass: list[float] | None = None, diversity: float = 0.0) -> Objective:
    n = len(incidence)
    return Objective(weights=np.array(weights, dtype=np.float64), incidence=csr_matrix(np.array(incidence)),
                     relevance=np.zeros(n), topics=np.array(topics or [0] * n),
                     mass=np.array(mass or [1.0 / n] * n), diversity=diversity)


def _constraints(lengths: list[int], *, words: int | None = None, sentences: int | None = None,
                 embeddings: np.ndarray | None = None, redundancy: float = 0.99) -> Constraints:
    n = len(lengths)
    return Constraints(lengths=np.array(lengths), words=words, sentences=sentences, allowed=np.ones(n, dtype=bool),
                       embeddings=np.eye(n, dtype=np.float32) if embeddings is None else embeddings,
                       redundancy=redundancy)


def _best(objective: Objective, constraints: Constraints) -> float:
    """The optimum by brute force over every subset."""
    n = len(constraints.lengths)
    best = 0.0
    for size in range(1, n + 1):
        for subset in itertools.combinations(range(n), size):
            if constraints.words is not None and sum(constraints.lengths[list(subset)]) > constraints.words:
                continue
            if constraints.sentences is not None and size > constraints.sentences:
                continue
            best = max(best, objective.value(list(subset)))
    return best


def test_a_concept_covered_twice_counts_once() -> None:
    objective = _objective([[1, 1, 0], [1, 0, 1], [1, 0, 0]], [2.0, 1.0, 1.0])

    assert objective.value([0]) == 3.0
    assert objective.value([0, 1]) == 4.0  # concept 0 is in both: it counts once
    assert objective.value([0, 2]) == 3.0  # sentence 2 only repeats concept 0: it adds nothing


def test_a_second_sentence_from_a_covered_topic_earns_less_than_the_first_from_an_uncovered_one() -> None:
    # No concepts: only the topic reward. Sentences 0 and 1 are in topic 0, sentence 2 in topic 1, all as relevant.
    objective = _objective([[0], [0], [0]], [0.0], topics=[0, 0, 1], mass=[0.25, 0.25, 0.25], diversity=1.0)

    gains = objective.gains(np.zeros(1, dtype=bool), np.array([0.25, 0.0]))  # sentence 0 already chosen

    assert gains[2] > gains[1] > 0
    assert objective.value([0, 2]) > objective.value([0, 1])


def test_the_program_spreads_over_topics_when_only_the_topic_reward_decides() -> None:
    # No concepts, no relevance: two of four sentences, topics 0, 0, 1, 1. Taking one from each topic is worth
    # √0.4 + √0.2 = 1.08; both of topic 0, √0.7 = 0.84. The program must read the square roots (their tangents).
    objective = _objective([[0]] * 4, [0.0], topics=[0, 0, 1, 1], mass=[0.4, 0.3, 0.2, 0.1], diversity=1.0)
    constraints = _constraints([10, 10, 10, 10], sentences=2)

    chosen = solve_program(objective, constraints)

    assert chosen == [0, 2]
    assert objective.value(chosen) == pytest.approx(_best(objective, constraints))


def test_the_program_never_exceeds_the_word_budget_and_finds_the_optimum() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        incidence = (rng.random((7, 9)) < 0.35).astype(int).tolist()
        lengths = rng.integers(5, 30, size=7).tolist()
        objective = _objective(incidence, rng.random(9).round(3).tolist())
        constraints = _constraints(lengths, words=50)

        chosen = solve_program(objective, constraints)

        assert chosen is not None
        assert sum(lengths[i] for i in chosen) <= 50
        assert abs(objective.value(chosen) - _best(objective, constraints)) < 1e-6


def test_the_greedy_never_exceeds_the_word_budget_nor_the_sentence_count() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        incidence = (rng.random((8, 10)) < 0.3).astype(int).tolist()
        lengths = rng.integers(5, 30, size=8).tolist()
        objective = _objective(incidence, rng.random(10).tolist())

        constraints = _constraints(lengths, words=40, sentences=2)

        chosen = solve_greedy(objective, constraints)

        assert chosen and sum(lengths[i] for i in chosen) <= 40
        assert len(chosen) <= 2
        # Not just within the limits: near the optimum ((1 - 1/e) / 2 is Lin & Bilmes' bound for one budget).
        assert objective.value(chosen) >= (1 - 1 / np.e) / 2 * _best(objective, constraints)


def test_greedy_and_program_agree_where_greedy_is_optimal() -> None:
    # Disjoint concepts of equal length: the greedy's best-ratio-first is optimal, and so must the program be.
    objective = _objective([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], [4.0, 3.0, 2.0, 1.0])
    constraints = _constraints([10, 10, 10, 10], words=25)

    assert sorted(solve_greedy(objective, constraints)) == sorted(solve_program(objective, constraints) or []) == [0, 1]


def test_the_program_beats_the_greedy_where_the_greedy_is_fooled_by_a_dense_short_sentence() -> None:
    # Sentence 0 has the best value per word but leaves room for nothing else worth having.
    objective = _objective([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [3.0, 5.0, 5.0])
    constraints = _constraints([5, 10, 10], words=20)

    greedy, program = solve_greedy(objective, constraints), solve_program(objective, constraints)

    assert program == [1, 2]
    assert objective.value(program) > objective.value(greedy)


def test_a_count_of_sentences_is_respected_by_both_solvers() -> None:
    objective = _objective([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [1.0, 2.0, 3.0])
    constraints = _constraints([10, 10, 10], sentences=2)

    assert sorted(solve_program(objective, constraints) or []) == sorted(solve_greedy(objective, constraints)) == [1, 2]


def test_near_paraphrases_are_never_chosen_together() -> None:
    # Each sentence holds a concept of its own, so without the guard all three would be chosen; 1 and 2 say the same
    # in other words (identical vectors), and 2's concept is worth more.
    objective = _objective([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [1.0, 1.0, 2.0])
    embeddings = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    constraints = _constraints([5, 5, 5], words=100, embeddings=embeddings, redundancy=0.9)

    assert solve_program(objective, constraints) == [0, 2]
    assert sorted(solve_greedy(objective, constraints)) == [0, 2]
    unguarded = _constraints([5, 5, 5], words=100, embeddings=embeddings, redundancy=1.01)
    assert solve_program(objective, unguarded) == sorted(solve_greedy(objective, unguarded)) == [0, 1, 2]


def test_the_same_input_gives_the_same_choice_even_among_equal_sentences() -> None:
    objective = _objective([[1, 0], [1, 0], [0, 1], [0, 1]], [1.0, 1.0])
    constraints = _constraints([10, 10, 10, 10], words=20)

    runs = {tuple(solve_program(objective, constraints) or []) for _ in range(5)}
    greedy_runs = {tuple(solve_greedy(objective, constraints)) for _ in range(5)}

    assert runs == {(0, 2)}  # of equals, the earlier sentence
    assert greedy_runs == {(0, 2)}


def _long_and_short(long: int, short: int = 40) -> tuple[Objective, Constraints]:
    """`long` sentences of 20 words worth 1.0 each, then `short` of 5 words worth 0.6; a budget of 20 words."""
    n = long + short
    weights = np.concatenate([np.full(long, 1.0), np.full(short, 0.6)])
    objective = Objective(weights, csr_matrix(np.eye(n)), np.zeros(n), np.zeros(n, dtype=int), np.full(n, 1 / n), 0.0)
    lengths = np.concatenate([np.full(long, 20), np.full(short, 5)])
    return objective, Constraints(lengths, 20, None, np.ones(n, dtype=bool), np.eye(n, dtype=np.float32), 0.99)


def test_a_story_larger_than_the_program_bound_is_solved_over_its_best_sentences() -> None:
    n = MAX_PROGRAM_SENTENCES + 50
    incidence = np.eye(n, dtype=int)
    weights = np.linspace(1.0, 2.0, n)  # the later a sentence, the more it is worth
    objective = Objective(weights, csr_matrix(incidence), np.zeros(n), np.zeros(n, dtype=int), np.full(n, 1 / n), 0.0)
    constraints = Constraints(np.full(n, 10), 30, None, np.ones(n, dtype=bool), np.eye(n, dtype=np.float32), 0.99)

    assert solve_program(objective, constraints) == [n - 3, n - 2, n - 1]


def test_a_story_larger_than_the_program_bound_keeps_short_sentences_worth_much_for_their_length() -> None:
    # More long sentences than the bound, each worth more alone than any short one; the budget holds one long
    # sentence or four short ones, and four short ones are worth more. Ranked by worth alone, the pool would hold
    # only long sentences; it also ranks by worth per word and holds the greedy's choice.
    long = MAX_PROGRAM_SENTENCES + 10
    objective, constraints = _long_and_short(long)

    program, greedy = solve_program(objective, constraints), solve_greedy(objective, constraints)

    assert program is not None
    assert len(program) == 4 and min(program) >= long  # four short sentences
    assert abs(objective.value(program) - 2.4) < 1e-9
    assert objective.value(program) >= objective.value(greedy)


def test_a_large_story_gets_the_greedys_choice_with_the_callers_cost_exponent_when_highs_finds_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    objective, constraints = _long_and_short(MAX_PROGRAM_SENTENCES + 10)
    monkeypatch.setattr(objective_stage, "_highs", lambda *args, **kwargs: None)  # no solution within the bound

    for exponent in (0.0, 1.0):  # 0: gain alone picks a long sentence; 1: gain per word picks four short ones
        expected = sorted(solve_greedy(objective, constraints, cost_exponent=exponent))
        assert solve_program(objective, constraints, cost_exponent=exponent) == expected
    assert solve_program(objective, constraints, cost_exponent=0.0) != solve_program(objective, constraints)


def test_the_greedy_keeps_the_best_single_sentence_when_it_is_worth_more_than_its_set() -> None:
    # Sentence 0 has the best value per word, and after it sentence 1 no longer fits; alone, 1 is worth more.
    objective = _objective([[1, 0], [0, 1]], [1.0, 3.0])
    constraints = _constraints([2, 10], words=10)

    assert solve_greedy(objective, constraints) == [1]


def test_ranked_puts_the_sentence_that_adds_most_first() -> None:
    objective = _objective([[1, 0], [1, 1]], [1.0, 2.0])

    assert objective.ranked([0, 1]) == [(1, 3.0), (0, 0.0)]

"""The one hook `since` has into selection: units masked as excluded are never chosen (kept apart from
test_select.py, whose selection rules are being tuned)."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.stages.cluster import cluster_embeddings
from summarizer.stages.select import Weights, select
from summarizer.testing import FakeEmbedder
from summarizer.types import Unit
from tests.builders import build_sentence

TEXTS = (
    "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday.",
    "Trade between the two countries reached a record level last year, officials said.",
    "Energy cooperation and a new gas pipeline were on the agenda of the talks in Beijing.",
    "He also said the talks went well and would go on for another two days.",
    "The visit marks 75 years of diplomatic relations between Moscow and Beijing.",
)


def chosen(excluded: np.ndarray | None, *, solver: str = "program", length: int = 3) -> list[int]:
    sentences = [(i, build_sentence(f"d{i}", 0, t)) for i, t in enumerate(TEXTS)]
    units = [Unit(t, i, 0, len(t.split()), frozenset({i})) for i, t in enumerate(TEXTS)]
    embeddings = FakeEmbedder().encode(list(TEXTS))
    labels, centroids = cluster_embeddings(embeddings, k=3, seed=0)
    selection = select(sentences, units, embeddings, labels, centroids, documents=len(TEXTS), length=length,
                       words=None, weights=Weights(solver=solver), excluded=excluded)  # type: ignore[arg-type]
    return sorted(p.unit for p in selection.picks)


@pytest.mark.parametrize("solver", ["program", "greedy"])
def test_excluded_units_are_never_chosen_and_the_rest_fill_the_summary(solver: str) -> None:
    before = chosen(None, solver=solver)
    mask = np.zeros(len(TEXTS), dtype=bool)
    mask[before[0]] = True

    after = chosen(mask, solver=solver)

    assert before[0] not in after and len(after) == len(before)


def test_when_every_unit_is_excluded_nothing_is_chosen() -> None:
    assert chosen(np.ones(len(TEXTS), dtype=bool)) == []


def test_a_new_sentence_that_leans_on_another_is_chosen_when_it_is_the_only_new_one() -> None:
    mask = np.ones(len(TEXTS), dtype=bool)
    mask[3] = False  # "He also said ...": passed over while any other sentence is allowed

    assert chosen(mask, length=2) == [3]

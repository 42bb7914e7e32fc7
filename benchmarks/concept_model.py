"""Fits the concept model that weighs concepts (`summarizer.stages.concepts.DEFAULT_CONCEPT_MODEL`).

Each concept of each development cluster is one example: its features (`concepts.FEATURES`) as the summariser
computes them, and whether any of the cluster's human reference summaries holds it. A logistic regression
(scikit-learn, C=1, standardised features) is fitted on every cluster given. The clusters are read at run time
from ../shared/eval (DUC texts never enter the repository). Run from the repository root:

    python -m benchmarks.concept_model [DATASET]

It prints the model as Python source, to paste into `summarizer/stages/concepts.py`, and each feature's
coefficient. The quality benchmark's cross-validated row (`ours-cv`) refits it on two folds for the third.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from benchmarks._common import DEFAULT_DUC
from benchmarks.dataset import Cluster, load_dataset
from summarizer import Summarizer, Weights
from summarizer.stages.concepts import FEATURES, ConceptModel, concept_features, concept_pairs
from summarizer.stages.dedup import deduplicate
from summarizer.stages.prepare import prepare
from summarizer.stages.select import centrality

#: Inverse regularisation strength of the logistic regression (scikit-learn's default).
C = 1.0


@dataclass(frozen=True)
class Examples:
    """One cluster's concepts: their features, and whether a reference summary holds each."""

    cluster: str
    features: np.ndarray
    labels: np.ndarray


def examples(summarizer: Summarizer, cluster: Cluster) -> Examples:
    """The concepts of `cluster` as the summariser sees them, labelled by the cluster's references."""
    candidates = deduplicate([prepare(d) for d in cluster.documents])
    embeddings = np.asarray(summarizer.embedder.encode([u.text for u in candidates.units]), dtype=np.float32)
    names, features, _ = concept_features(candidates.sentences, candidates.units,
                                          centrality(candidates.units, embeddings),
                                          documents=len(cluster.documents))
    referenced = {c for path in cluster.references
                  for c, _, _ in concept_pairs(path.read_text(encoding="utf-8", errors="replace"))}
    return Examples(cluster.id, features, np.array([name in referenced for name in names], dtype=np.int64))


def fit(data: Sequence[Examples], *, c: float = C) -> ConceptModel:
    """A logistic model of `labels` from `features`, fitted on every example of every cluster given."""
    from sklearn.linear_model import LogisticRegression

    features = np.vstack([d.features for d in data])
    labels = np.concatenate([d.labels for d in data])
    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000).fit((features - mean) / scale, labels)
    return ConceptModel(coefficients=tuple(round(float(v), 4) for v in model.coef_[0]),
                        intercept=round(float(model.intercept_[0]), 4),
                        mean=tuple(round(float(v), 4) for v in mean), scale=tuple(round(float(v), 4) for v in scale))


def folds(ids: Sequence[str], count: int = 3) -> list[list[str]]:
    """`count` folds of the sorted cluster ids, dealt in turn (so both DUC tasks land in every fold).

    Example:
        >>> folds(["a", "b", "c", "d"], 2)
        [['a', 'c'], ['b', 'd']]
    """
    ordered = sorted(ids)
    return [ordered[f::count] for f in range(count)]


class CrossValidated:
    """Ours with the concept model refitted on the other folds for each cluster's fold (the `ours-cv` row).

    Args:
        summarizer: the loaded summariser whose embedder (and its cache) the folds share.
        clusters: every cluster of the run; they are dealt into `count` folds by `folds`.
        weights: the other weights, as for `ours`.
    """

    def __init__(self, summarizer: Summarizer, clusters: Sequence[Cluster], *, count: int = 3,
                 weights: Weights | None = None, name: str = "ours-cv") -> None:
        self.name = name
        self._summarizer = summarizer
        self._clusters = {c.id: c for c in clusters}
        self._folds = folds(list(self._clusters), count)
        self._weights = weights or Weights()
        self._examples: dict[str, Examples] = {}
        self.models: dict[int, ConceptModel] = {}

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        fold = next(f for f, ids in enumerate(self._folds) if cluster.id in ids)
        if fold not in self.models:
            train = [self._example(c) for f, ids in enumerate(self._folds) if f != fold for c in ids]
            self.models[fold] = fit(train)
        summarizer = Summarizer(self._summarizer.embedder, limits=self._summarizer.limits,
                                weights=replace(self._weights, concepts=self.models[fold]))
        return [" ".join(s.text.split()) for s in summarizer(list(cluster.documents), words=words).sentences]

    def _example(self, cluster_id: str) -> Examples:
        if cluster_id not in self._examples:
            self._examples[cluster_id] = examples(self._summarizer, self._clusters[cluster_id])
        return self._examples[cluster_id]


def source(model: ConceptModel) -> str:
    """The model as the Python source of `DEFAULT_CONCEPT_MODEL`."""
    return (f"DEFAULT_CONCEPT_MODEL = ConceptModel(\n    coefficients={model.coefficients},\n"
            f"    intercept={model.intercept},\n    mean={model.mean},\n    scale={model.scale},\n)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.concept_model", description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DUC,
                        help="folder of <cluster>/docs/*.txt and <cluster>/models/*.txt (default: %(default)s)")
    args = parser.parse_args(argv)
    summarizer = Summarizer(device="cpu", backend="torch")
    data = [examples(summarizer, cluster) for cluster in load_dataset(args.dataset)]
    model = fit(data)
    positives = sum(int(d.labels.sum()) for d in data)
    total = sum(len(d.labels) for d in data)
    print(f"# {len(data)} clusters, {total} concepts, {positives} in a reference summary", file=sys.stderr)
    for name, value in zip(FEATURES, model.coefficients, strict=True):
        print(f"#   {name:20s} {value:+.3f}", file=sys.stderr)
    print(source(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())

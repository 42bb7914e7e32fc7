"""Fits the concept model that weighs concepts (`summarizer.stages.concepts.DEFAULT_CONCEPT_MODEL`).

Each concept of each development cluster is one example: its features (`concepts.FEATURES`) as the summariser
computes them, and whether any of the cluster's human reference summaries holds it. A logistic regression
(scikit-learn, C=1, standardised features) is fitted on every cluster given. The clusters are read at run time
from ../shared/eval (DUC texts never enter the repository). Run from the repository root:

    python -m benchmarks.concept_model [DATASET]

It prints the model as Python source, to paste into `summarizer/stages/concepts.py`, and each feature's
coefficient. The quality benchmark's cross-validated row (`ours-cv`) refits it on two folds for the third.

    python -m benchmarks.concept_model --ceiling [DATASET]

scores instead, in one ROUGE run, ours, ours with the model cross-validated, ours with concept models that know the
answer in part (`Sharpened`: each concept's log-odds moved toward whether a reference holds it, so that R-1 can be
read against the model's AUC), and ours with each concept weighed by the share of the cluster's references that
hold it (`Ceiling`): what the selection would score if the concept model knew the references, among the concepts
it keeps and among every concept. The distance between those rows is the room a better concept model has.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from unittest import mock

import numpy as np

import summarizer.stages.concepts as concepts_stage
import summarizer.stages.select as select_stage
from benchmarks._common import DEFAULT_DUC
from benchmarks.dataset import Cluster, load_dataset
from benchmarks.scoring import score
from benchmarks.systems import Ours, System
from summarizer import Summarizer, Weights
from summarizer.stages.concepts import FEATURES, ConceptModel, Concepts, concept_features, concept_pairs
from summarizer.stages.dedup import deduplicate
from summarizer.stages.prepare import prepare
from summarizer.stages.select import centrality
from summarizer.stages.sources import find_sources
from summarizer.types import Sentence, Unit

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
    sources = find_sources(candidates.units, embeddings, documents=len(cluster.documents),
                           similarity=summarizer.weights.support_similarity)
    names, features, _ = concept_features(sources.attribute(candidates.sentences), candidates.units,
                                          centrality(candidates.units, embeddings, sources), sources=sources.count)
    referenced = reference_shares(cluster)
    return Examples(cluster.id, features, np.array([name in referenced for name in names], dtype=np.int64))


def reference_shares(cluster: Cluster) -> dict[str, float]:
    """Each concept of the cluster's references, with the share of the references that hold it."""
    held = [{c for c, _, _ in concept_pairs(path.read_text(encoding="utf-8", errors="replace"))}
            for path in cluster.references]
    return {c: sum(c in h for h in held) / len(held) for c in set().union(*held)}


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

    def with_weights(self, weights: Weights, *, name: str) -> CrossValidated:
        """The same folds, labelled examples and fold models (fitted once: they depend on the clusters and the
        summariser given, not on `weights`), summarising with other `weights`."""
        other = CrossValidated(self._summarizer, list(self._clusters.values()), count=len(self._folds),
                               weights=weights, name=name)
        other._examples, other.models = self._examples, self.models
        return other

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        summarizer = Summarizer(self._summarizer.embedder, limits=self._summarizer.limits,
                                weights=replace(self._weights, concepts=self.model_for(cluster.id)))
        return [" ".join(s.text.split()) for s in summarizer(list(cluster.documents), words=words).sentences]

    def model_for(self, cluster_id: str) -> ConceptModel:
        """The concept model fitted on the folds other than the cluster's."""
        fold = next(f for f, ids in enumerate(self._folds) if cluster_id in ids)
        if fold not in self.models:
            train = [self._example(c) for f, ids in enumerate(self._folds) if f != fold for c in ids]
            self.models[fold] = fit(train)
        return self.models[fold]

    def _example(self, cluster_id: str) -> Examples:
        if cluster_id not in self._examples:
            self._examples[cluster_id] = examples(self._summarizer, self._clusters[cluster_id])
        return self._examples[cluster_id]


class _Told:
    """Ours with each concept's weight changed by what the cluster's references hold (`reweigh`): a mark to measure
    the concept model against, not a system."""

    def __init__(self, summarizer: Summarizer, *, name: str, every_concept: bool = False) -> None:
        self.name = name
        self._every = every_concept
        # No summary cache: the weights below are not part of its key.
        self._ours = Ours(Summarizer(summarizer.embedder, limits=summarizer.limits, weights=summarizer.weights,
                                     preload=False, cache_size=0), name=name)

    def reweigh(self, names: Sequence[str], features: np.ndarray, model: ConceptModel,
                shares: dict[str, float]) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        shares = reference_shares(cluster)

        def weighed(sentences: Sequence[tuple[int, Sentence]], units: Sequence[Unit], centrality: np.ndarray, *,
                    sources: int, model: ConceptModel) -> Concepts:
            names, features, incidence = concept_features(sentences, units, centrality, sources=sources)
            return Concepts(names=names, features=features, incidence=incidence,
                            weights=self.reweigh(names, features, model, shares))

        with mock.patch.object(select_stage, "find_concepts", weighed), \
                mock.patch.object(concepts_stage, "MIN_SOURCES", 1 if self._every else concepts_stage.MIN_SOURCES):
            return self._ours(cluster, words)


class Ceiling(_Told):
    """Ours with each concept weighed by the share of the cluster's references that hold it (`ours-ceiling`): the
    selection as shipped, told the references' concepts.

    Args:
        summarizer: the loaded summariser whose embedder and weights it uses.
        every_concept: weigh every concept of the story, including those fewer than `concepts.MIN_SOURCES` sources
            report (which the summariser drops), so that the mark shows what that filter costs too.
    """

    def __init__(self, summarizer: Summarizer, *, every_concept: bool = False, name: str = "ours-ceiling") -> None:
        super().__init__(summarizer, name=name, every_concept=every_concept)

    def reweigh(self, names: Sequence[str], features: np.ndarray, model: ConceptModel,
                shares: dict[str, float]) -> np.ndarray:
        return np.array([shares.get(n, 0.0) for n in names], dtype=np.float64)


class Sharpened(_Told):
    """Ours with a concept model that knows the answer in part: each concept's log-odds moved by `step` up when a
    reference holds the concept and down when none does. The larger the step, the better the model ranks the
    concepts; `auc()` measures how well (over every concept it weighed), so that R-1 can be read against the
    model's AUC."""

    def __init__(self, summarizer: Summarizer, step: float) -> None:
        super().__init__(summarizer, name=f"ours-sharpened-{step:g}")
        self.step = step
        self._labels: list[np.ndarray] = []
        self._scores: list[np.ndarray] = []

    def reweigh(self, names: Sequence[str], features: np.ndarray, model: ConceptModel,
                shares: dict[str, float]) -> np.ndarray:
        labels = np.array([n in shares for n in names], dtype=np.float64)
        probability = model.weigh(features)
        log_odds = np.log(probability) - np.log1p(-probability) + self.step * (2 * labels - 1)
        self._labels.append(labels)
        self._scores.append(log_odds)
        return 1.0 / (1.0 + np.exp(-log_odds))

    def auc(self) -> float:
        """The area under the ROC curve of the weights given so far against whether a reference holds the concept."""
        from sklearn.metrics import roc_auc_score

        return float(roc_auc_score(np.concatenate(self._labels), np.concatenate(self._scores)))


#: The steps of the sharpened models in the ceiling table.
STEPS = (0.2, 0.4, 0.7)


def ceiling_table(summarizer: Summarizer, clusters: Sequence[Cluster], *, news_events: Sequence[str] = (),
                  words: int = 100, steps: Sequence[float] = STEPS) -> str:
    """Ours, ours cross-validated, ours with sharpened concept models and the two ceilings, scored in one ROUGE run,
    as a Markdown table (recall x100; the AUC of the concept weights where there is a model; the last column is the
    mean over the `news_events` clusters, DUC's task 2, when there are any)."""
    from sklearn.metrics import roc_auc_score

    cross_validated = CrossValidated(summarizer, clusters)
    sharpened = [Sharpened(summarizer, step) for step in steps]
    systems: list[System] = [Ours(summarizer), cross_validated, *sharpened, Ceiling(summarizer),
                             Ceiling(summarizer, every_concept=True, name="ours-ceiling-all")]
    summaries = {s.name: {c.id: s(c, words) for c in clusters} for s in systems}
    data = [examples(summarizer, c) for c in clusters]
    labels = np.concatenate([d.labels for d in data])
    aucs = {"ours": roc_auc_score(labels, np.concatenate([summarizer.weights.concepts.weigh(d.features)
                                                          for d in data])),
            "ours-cv": roc_auc_score(labels, np.concatenate([cross_validated.model_for(d.cluster).weigh(d.features)
                                                             for d in data]))}
    aucs.update({s.name: s.auc() for s in sharpened})
    scores = score(clusters, summaries, words=words)
    events = set(news_events)
    task2 = [c.id for c in clusters if c.id in events]
    lines = ["| system | concept AUC | R-1 | R-2 | SU4 | task 2 R-1 / R-2 |", "|---|---|---|---|---|---|"]
    for name in summaries:
        mean = scores.averages[name]
        cells = " | ".join(f"{100 * mean[m].value:.2f}" for m in ("ROUGE-1", "ROUGE-2", "ROUGE-SU4"))
        by_task = " / ".join(
            f"{100 * sum(scores.clusters[name][c][m] for c in task2) / len(task2):.2f}" for m in ("ROUGE-1", "ROUGE-2")
        ) if task2 else "-"
        concept_auc = f"{aucs[name]:.4f}" if name in aucs else "-"
        lines.append(f"| {name} | {concept_auc} | {cells} | {by_task} |")
    return "\n".join(lines)


def source(model: ConceptModel) -> str:
    """The model as the Python source of `DEFAULT_CONCEPT_MODEL`."""
    return (f"DEFAULT_CONCEPT_MODEL = ConceptModel(\n    coefficients={model.coefficients},\n"
            f"    intercept={model.intercept},\n    mean={model.mean},\n    scale={model.scale},\n)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.concept_model", description=__doc__.split("\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DUC,
                        help="folder of <cluster>/docs/*.txt and <cluster>/models/*.txt (default: %(default)s)")
    parser.add_argument("--ceiling", action="store_true",
                        help="score ours against the references-told ceilings instead of printing the model")
    args = parser.parse_args(argv)
    summarizer = Summarizer(device="cpu", backend="torch")
    if args.ceiling:
        from benchmarks.quality import tasks  # here: the quality benchmark imports this module

        news_events = [c for c, task in tasks(args.dataset).items() if task == "task2_tdt"]
        print(ceiling_table(summarizer, load_dataset(args.dataset), news_events=news_events))
        return 0
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

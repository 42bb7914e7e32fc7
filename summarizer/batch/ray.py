"""The Ray engine of `summarizer.batch`: stories summarised by a pool of Ray actors, one model per actor.

Needs the `ray` extra (`pip install 'story-summarizer[ray]'`); nothing else in the package imports this module.
With no address, a Ray instance is started on this machine for the run and stopped after it; with an address
(or RAY_ADDRESS set) the run joins that cluster, whose nodes need this package and its model installed.

Example:
    >>> from summarizer.batch import run_batch
    >>> run_batch("stories.jsonl", "summaries.jsonl", engine=RayEngine(workers=4))  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import pickle
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import ray
import ray.data

from summarizer.batch.engine import Result, StorySummarizer, SummarizerFactory, Task, summarise
from summarizer.errors import InvalidOptionError


class _SummariseStories:
    """A Ray Data actor: builds one summariser when it starts, then summarises the stories it is given."""

    def __init__(self, factory: Callable[[], StorySummarizer]) -> None:
        self.summarizer = factory()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        indexes, lines, errors = [], [], []
        for index, payload in zip(batch["index"], batch["story"], strict=True):
            result = summarise(self.summarizer, (int(index), pickle.loads(payload)))
            indexes.append(result.position)
            lines.append(result.line)
            errors.append(result.error)
        return {"index": np.asarray(indexes, dtype=np.int64), "line": np.asarray(lines, dtype=object),
                "error": np.asarray(errors, dtype=bool)}


@dataclass
class RayEngine:
    """Summarises stories with Ray Data: `map_batches` over a fixed pool of `workers` actors.

    Args:
        factory: makes each actor's summariser; must be picklable (the default makes the packaged model).
        address: the Ray cluster to join ("auto", "ray://host:10001", ...); None starts a local instance
            (unless RAY_ADDRESS is set).
        workers: actors, each with its own model; None gives one per CPU of the cluster (one per GPU with
            a CUDA device).
        gpus_per_worker: GPUs each actor reserves (e.g. 1 with device="cuda"; 0.25 packs four on a GPU).
        num_cpus: CPUs of a local instance this engine starts; None lets Ray count them.
    """

    factory: Callable[[], StorySummarizer] = field(default_factory=SummarizerFactory)
    address: str | None = None
    workers: int | None = None
    gpus_per_worker: float = 0.0
    num_cpus: int | None = None

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Summarise every task on the actor pool, yielding each result as it arrives (in any order)."""
        if not tasks:
            return
        started = not ray.is_initialized()
        if started:
            ray.init(address=self.address, num_cpus=self.num_cpus if self.address is None else None,
                     include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                     configure_logging=True)
        try:
            yield from self._run(tasks)
        finally:
            if started:
                ray.shutdown()

    def _run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the batch has its own bar; Ray's would fight it on stderr
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # not the execution plan of every run
        logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # nor "bars disabled"
        workers = self.workers or self._default_workers()
        rows = [{"index": index, "story": pickle.dumps(story)} for index, story in tasks]
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))  # one story a block: even spread
        options: dict[str, Any] = {"num_gpus": self.gpus_per_worker} if self.gpus_per_worker else {}
        summaries = dataset.map_batches(
            _SummariseStories, fn_constructor_kwargs={"factory": self.factory}, batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1, **options,
        )
        for row in summaries.iter_rows():
            yield Result(int(row["index"]), str(row["line"]), bool(row["error"]))

    def _default_workers(self) -> int:
        resources = ray.cluster_resources()
        if self.gpus_per_worker:
            workers = math.floor(resources.get("GPU", 0) / self.gpus_per_worker)
            if workers < 1:
                raise InvalidOptionError(
                    f"the Ray cluster has {resources.get('GPU', 0):g} GPUs, fewer than the {self.gpus_per_worker:g} "
                    "one worker needs; use --device cpu or join a cluster with GPUs."
                )
            return workers
        return max(1, math.floor(resources.get("CPU", 1)))


__all__ = ["RayEngine"]

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
from summarizer.batch.pile import (
    check_pile,
    embed_part,
    gather_pile,
    group_pile,
    known_for,
    options_of,
    parts,
    tell_part,
)
from summarizer.batch.records import encode, exception_record, is_error
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
            stories = [task for task in tasks if not task[1].pile]
            piles = [task for task in tasks if task[1].pile]
            if stories:
                yield from self._run(stories)
            if piles:
                yield from self._run_piles(piles)
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

    def _run_piles(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Each pile: its articles embedded in parts across the actors, grouped once here on the gathered
        vectors, then its stories summarised across the actors from those vectors (nothing embedded twice)."""
        options: dict[str, Any] = {"num_gpus": self.gpus_per_worker} if self.gpus_per_worker else {}
        worker = ray.remote(num_cpus=1, **options)(_PileWorker)
        actors: list[Any] = [worker.remote(self.factory) for _ in range(self.workers or self._default_workers())]
        pool = ray.util.ActorPool(actors)
        dimension: int | None = None
        for index, line in tasks:
            try:
                check_pile(line)
                vectors = [v for part in pool.map(lambda a, p: a.embed.remote(p), parts(line.documents, len(actors)))
                           for v in part]
                dimension = dimension or ray.get(actors[0].dimension.remote())
                grouping = group_pile(line, vectors, dimension=dimension)
                jobs = [([line.documents[i] for i in group], label, known_for(group, vectors), options_of(line))
                        for group, label in zip(grouping.groups, grouping.labels, strict=True)]
                told = list(pool.map(lambda a, job: a.tell.remote(*job), jobs))
                record = gather_pile(line, told, model=ray.get(actors[0].model.remote()))
            except Exception as exc:  # one bad pile must not stop the batch; the error goes on its line
                record = exception_record(line.id, line.line, _cause(exc))
            yield Result(index, encode(record), is_error(record))

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


class _PileWorker:
    """A Ray actor for piles: one summariser, used to embed parts of a pile and to tell its stories."""

    def __init__(self, factory: Callable[[], StorySummarizer]) -> None:
        self.summarizer: Any = factory()  # a Summarizer: piles need its embedder and caches

    def dimension(self) -> int:
        return int(self.summarizer.embedder.dimension)

    def model(self) -> str:
        return str(self.summarizer.embedder.name)

    def embed(self, documents: Sequence[Any]) -> list[Any]:
        return embed_part(self.summarizer, documents)

    def tell(self, members: Sequence[Any], label: str, known: dict[str, np.ndarray], options: Any) -> Any:
        return tell_part(self.summarizer, members, label, known, options)


def _cause(exc: BaseException) -> BaseException:
    """The library error behind a Ray task error, so the record carries its code."""
    cause = getattr(exc, "cause", None)
    return cause if isinstance(cause, BaseException) else exc


__all__ = ["RayEngine"]

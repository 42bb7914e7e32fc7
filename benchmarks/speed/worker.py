"""The measuring side of the speed benchmark: one task per process, so the driver can read each one's peak RSS.

Run by `benchmarks.speed` as `python -m benchmarks.speed.worker TASK.json RESULT.json`; not meant to be run by hand.
Tasks: `library` (floor vs ours interleaved in one process, then the cache runs), `single` (the floor or ours once,
for the scaling series), `lexrank`, `startup` (import and model load times).
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import _common as common
from benchmarks.speed.results import (
    CacheRuns,
    LexRankRun,
    LibraryInput,
    LibraryRun,
    SingleRun,
    StartupRun,
    to_data,
)

_WARMUP_SENTENCES = 64


def peak_rss_mb() -> float:
    """This process's peak resident set so far, in MB: VmHWM (ru_maxrss would carry the parent's over exec)."""
    hwm = common.peak_rss_mb()
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TimedEmbedder:
    """Passes calls to an embedder and adds up the seconds spent in `encode` (the embedding share of a summary)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seconds = 0.0

    @property
    def name(self) -> str:
        return str(self.inner.name)

    @property
    def dimension(self) -> int:
        return int(self.inner.dimension)

    @property
    def device(self) -> str:
        return str(self.inner.device)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        started = time.perf_counter()
        try:
            return np.asarray(self.inner.encode(texts, progress=progress))
        finally:
            self.seconds += time.perf_counter() - started


def _clock(call: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _threads(backend: str) -> int:
    if backend == "onnx":
        import os

        from summarizer.embedding.onnx import allotted_threads

        # OMP_NUM_THREADS when set, else onnxruntime's default intra-op pool: one thread per core
        return allotted_threads() or len(os.sched_getaffinity(0))
    import torch

    return int(torch.get_num_threads())


def _load(backend: str) -> tuple[Any, Any, float]:
    """Summarizer(cache_size=0) on `backend`, its raw embedder, and the seconds the model took to load."""
    from summarizer import Summarizer

    started = time.perf_counter()
    summarizer = Summarizer(device="cpu", backend=backend, cache_size=0, preload=True)
    return summarizer, summarizer.embedder, time.perf_counter() - started


def library(task: dict[str, Any]) -> LibraryRun:
    """Per input: floor and ours alternately (`repeats` times each, after a warm-up), then the cache runs."""
    from benchmarks.speed.inputs import load, timed_unique_sentences
    from summarizer import Summarizer

    summarizer, raw, load_s = _load(task["backend"])
    timed = TimedEmbedder(raw)
    ours = Summarizer(timed, cache_size=0)
    results = LibraryRun(backend=task["backend"], load_s=load_s, threads=_threads(task["backend"]), inputs={})
    first = True
    for spec in task["inputs"]:
        documents = load(Path(spec["path"]))
        texts, prep_s = timed_unique_sentences(documents)
        if first:  # warm-up: one call of each on this input (thread pools, allocator, lazy imports)
            raw.encode(texts[:_WARMUP_SENTENCES])
            ours(documents, sentences=5)
            first = False
        floor_s: list[float] = []
        ours_s: list[float] = []
        embed_s: list[float] = []
        for r in range(spec["repeats"]):
            for what in (("floor", "ours") if r % 2 == 0 else ("ours", "floor")):  # alternate who goes first
                if what == "floor":
                    floor_s.append(_clock(partial(raw.encode, texts)))
                else:
                    timed.seconds = 0.0
                    ours_s.append(_clock(partial(ours, documents, sentences=5)))
                    embed_s.append(timed.seconds)
        entry = LibraryInput(sentences=len(texts), prep_s=prep_s, floor_s=floor_s, ours_s=ours_s, ours_embed_s=embed_s)
        if spec.get("cache_repeats"):
            entry.cache = _cache_runs(raw, documents, spec["cache_repeats"])
        results.inputs[spec["name"]] = entry
    results.peak_rss_mb = peak_rss_mb()
    return results


def _cache_runs(raw: Any, documents: Sequence[Any], repeats: int) -> CacheRuns:
    """With fresh caches each time (a new `Summarizer(raw)`, caches on as in the service): the story without its
    last article (cold), the same again (repeat), then the whole story (grown by one article); and the floor of
    the grown call: the new sentences embedded alone."""
    from benchmarks.speed.inputs import unique_sentences
    from summarizer import Summarizer

    base, grown = list(documents[:-1]), list(documents)
    known = set(unique_sentences(base))
    new = [t for t in unique_sentences(grown) if t not in known]
    cold: list[float] = []
    repeat: list[float] = []
    grown_s: list[float] = []
    new_floor: list[float] = []
    misses: list[int] = []
    for _ in range(repeats):
        ours = Summarizer(raw, cache_size=20_000)
        cold.append(_clock(partial(ours, base, sentences=5)))
        repeat.append(_clock(partial(ours, base, sentences=5)))
        before = _misses(ours)
        grown_s.append(_clock(partial(ours, grown, sentences=5)))
        misses.append(_misses(ours) - before)
        new_floor.append(_clock(lambda: raw.encode(new)))
    return CacheRuns(articles=len(base), cold_s=cold, repeat_s=repeat, grown_s=grown_s, new_sentences=len(new),
                     grown_misses=misses, new_floor_s=new_floor)


def _misses(summarizer: Any) -> int:
    stats = summarizer.cache_stats()
    return int(stats.misses) if stats is not None else 0


def single(task: dict[str, Any]) -> SingleRun:
    """The floor or ours on one input, once (or `repeats` times), in a process of its own."""
    from benchmarks.speed.inputs import load, timed_unique_sentences
    from summarizer import Summarizer

    summarizer, raw, load_s = _load(task["backend"])
    documents = load(Path(task["path"]))
    texts, prep_s = timed_unique_sentences(documents)
    raw.encode(texts[:_WARMUP_SENTENCES])
    rss_before = peak_rss_mb()
    timed = TimedEmbedder(raw)
    ours = Summarizer(timed, cache_size=0)
    times: list[float] = []
    embed: list[float] = []
    for _ in range(task["repeats"]):
        timed.seconds = 0.0
        if task["what"] == "floor":
            times.append(_clock(lambda: raw.encode(texts)))
        else:
            times.append(_clock(lambda: ours(documents, sentences=5)))
            embed.append(timed.seconds)
    return SingleRun(what=task["what"], sentences=len(texts), prep_s=prep_s, seconds=times, embed_s=embed,
                     load_s=load_s, rss_before_mb=rss_before, peak_rss_mb=peak_rss_mb())


def lexrank(task: dict[str, Any]) -> LexRankRun:
    """sumy's LexRank (benchmarks.systems, blingfire tokenizer) on one input, `repeats` times after a warm-up."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from benchmarks.dataset import Cluster
    from benchmarks.speed.inputs import load
    from benchmarks.systems import Sumy, sentences_of

    documents = tuple(load(Path(task["path"])))
    system = Sumy("lexrank", LexRankSummarizer)
    system(Cluster("warm-up", documents[:1], ()), 100)
    cluster = Cluster(task["name"], documents, ())
    times = [_clock(lambda: system(cluster, 100)) for _ in range(task["repeats"])]
    return LexRankRun(seconds=times, sentences=sum(len(sentences_of(d.text)) for d in documents),
                      peak_rss_mb=peak_rss_mb())


def startup(task: dict[str, Any]) -> StartupRun:
    """Seconds to import the library, then to load the model on `backend`, in a fresh process."""
    started = time.perf_counter()
    import summarizer  # noqa: F401

    import_s = time.perf_counter() - started
    _, _, load_s = _load(task["backend"])
    return StartupRun(import_s=import_s, load_s=load_s, peak_rss_mb=peak_rss_mb())


TASKS: dict[str, Callable[[dict[str, Any]], object]] = {
    "library": library, "single": single, "lexrank": lexrank, "startup": startup,
}


def main(argv: list[str]) -> None:
    task = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = TASKS[task["task"]](task)
    Path(argv[1]).write_text(json.dumps(to_data(result)), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])

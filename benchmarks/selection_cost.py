"""What choosing sentences costs next to embedding them, from 1,000 to 10,000 distinct sentences.

Each input is embedded with the packaged model (torch, the CPU), then topics are found and sentences selected for a
100-word summary and for 5 sentences, each timed in this one process, side by side, so the shares hold however busy
the machine is. An untimed small input goes first (the model's first batches, the stages' imports), and each
input starts with the concept stage's caches empty. Run from the repository root (DUC 2003 is read from
../shared/eval at run time):

    python -m benchmarks.selection_cost [--sizes 1000 3000 10000] [--out docs/benchmarks]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks._common import DEFAULT_DUC, cpu_model, usable_cores
from benchmarks.speed.inputs import duc_articles, packed, stress, unique_sentences
from summarizer import Weights
from summarizer.embedding.factory import make_embedder
from summarizer.limits import Length
from summarizer.stages.cluster import cluster_embeddings
from summarizer.stages.concepts import _pairs, stem
from summarizer.stages.dedup import deduplicate
from summarizer.stages.prepare import prepare
from summarizer.stages.select import select

SIZES = (1000, 3000, 10000)
#: Distinct sentences of the untimed first input.
WARM_UP = 200


@dataclass(frozen=True)
class Point:
    """The seconds one input took at each stage."""

    sentences: int
    documents: int
    embed_s: float
    topics_s: dict[str, float]
    select_s: dict[str, float]


def measure(size: int, pool: Sequence[str], embedder: object) -> Point:
    """Time one input; the per-sentence and per-word caches of the concept stage start empty, as in a fresh
    process (the inputs of larger sizes hold those of smaller ones)."""
    _pairs.cache_clear()
    stem.cache_clear()
    item = packed(pool, size)
    candidates = deduplicate([prepare(d) for d in item.documents])
    texts = [u.text for u in candidates.units]
    started = time.perf_counter()
    embeddings = np.asarray(embedder.encode(texts), dtype=np.float32)  # type: ignore[attr-defined]
    embed_s = time.perf_counter() - started
    topics_s, select_s = {}, {}
    for name, length in (("100 words", Length(words=100)), ("5 sentences", Length(sentences=5))):
        target = length.resolve(distinct=len(candidates.units))
        started = time.perf_counter()
        labels, centroids = cluster_embeddings(embeddings, k=target.topics, seed=0)
        topics_s[name] = time.perf_counter() - started
        started = time.perf_counter()
        select(candidates.sentences, candidates.units, embeddings, labels, centroids,
               documents=len(item.documents), length=target.sentences, words=target.words, weights=Weights())
        select_s[name] = time.perf_counter() - started
    return Point(len(texts), len(item.documents), embed_s, topics_s, select_s)


def render(points: Sequence[Point], *, command: str, load: tuple[float, float]) -> str:
    lines = ["# What selection costs", "",
             "Seconds per stage in one process, side by side: embedding the distinct sentences (all-MiniLM-L6-v2, "
             "torch, CPU), finding topics (k-means) and selecting (concepts, relevance, the integer program), "
             "after an untimed warm-up input; each input starts with the concept caches empty.", "",
             "| sentences | articles | embed (s) | mode | topics (s) | select (s) | topics + select, % of embed |",
             "|---|---|---|---|---|---|---|"]
    for p in points:
        for mode in p.select_s:
            share = 100 * (p.topics_s[mode] + p.select_s[mode]) / p.embed_s
            lines.append(f"| {p.sentences:,} | {p.documents} | {p.embed_s:.1f} | {mode} | {p.topics_s[mode]:.2f} "
                         f"| {p.select_s[mode]:.2f} | {share:.1f}% |")
    lines += ["", f"- Command: `{command}` (from the repository root)",
              f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
              f"- Machine: {usable_cores()} cores, {cpu_model()}; load average {load[0]:.1f} before and "
              f"{load[1]:.1f} after (a shared machine: the shares, measured side by side, are the figures to read)",
              "- Inputs: the first N distinct sentences of the speed benchmark's stress input (every DUC 2003 "
              "article, then word-shuffled copies), packed 20 to an article (`benchmarks.speed.inputs.packed`)."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.selection_cost", description=__doc__.split("\n")[0])
    parser.add_argument("--duc", type=Path, default=DEFAULT_DUC, help="DUC 2003 folder (default: %(default)s)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="distinct sentences per input")
    parser.add_argument("--out", type=Path, default=None, help="folder for selection.md (default: print only)")
    args = parser.parse_args(argv)
    before = os.getloadavg()[0]
    pool = unique_sentences(stress(duc_articles(args.duc)).documents)
    embedder = make_embedder("torch", device="cpu")
    measure(WARM_UP, pool, embedder)  # not reported: the model's first batches and the stages' first-use imports
    points = []
    for size in args.sizes:
        points.append(measure(size, pool, embedder))
        print(points[-1], file=sys.stderr)
    command = "python -m benchmarks.selection_cost " + " ".join(argv or sys.argv[1:])
    report = render(points, command=command.strip(), load=(before, os.getloadavg()[0]))
    print(report)
    if args.out is not None:
        (args.out / "selection.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

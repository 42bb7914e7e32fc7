"""Batch throughput: stories per second of `summarize batch` with the local and the Ray engine.

Builds a batch of the DUC 2003 clusters (in a temporary folder: their text never enters the repository), then
times the whole command, model loading and Ray start-up included, once on the full batch and once on its first
story alone; the difference gives the steady rate, without the fixed start-up cost.

    python -m benchmarks.scale                          # local, and ray with 2 workers, on the 39 clusters
    python -m benchmarks.scale --engines ray --workers 1 2 --limit 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import BIN, DEFAULT_DUC, ROOT
from summarizer.batch.build import build_batch

SUMMARIZE = str(BIN / "summarize")


def timed(stories: Path, output: Path, engine: str, workers: int | None) -> float:
    """Seconds `summarize batch` takes on `stories` (a fresh output, so nothing is resumed)."""
    output.unlink(missing_ok=True)
    command = [SUMMARIZE, "batch", str(stories), "-o", str(output), "--engine", engine]
    if workers is not None:
        command += ["--workers", str(workers)]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    lines = output.read_text(encoding="utf-8").splitlines()
    failed = sum('"error": {"code"' in line[:300] for line in lines)
    if failed:
        print(f"warning: {failed} of {len(lines)} stories failed with {engine}", file=sys.stderr)
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duc", type=Path, default=DEFAULT_DUC, help="folder of cluster folders (each with docs/)")
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--workers", nargs="+", type=int, default=[2], help="Ray worker counts to measure")
    parser.add_argument("--limit", type=int, help="the first N clusters only")
    parser.add_argument("--words", type=int, default=100, help="summary length, as in the quality benchmark")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="scale-") as folder:
        work = Path(folder)
        stories, first = work / "stories.jsonl", work / "first.jsonl"
        count, _ = build_batch(args.duc, stories, glob="docs", words=args.words)
        lines = stories.read_text(encoding="utf-8").splitlines()[: args.limit or None]
        count = len(lines)
        stories.write_text("\n".join(lines) + "\n", encoding="utf-8")
        first.write_text(lines[0] + "\n", encoding="utf-8")
        runs = [("local", None)] if "local" in args.engines else []
        runs += [("ray", w) for w in args.workers] if "ray" in args.engines else []
        rows = []
        for engine, workers in runs:
            total = timed(stories, work / "out.jsonl", engine, workers)
            fixed = timed(first, work / "out.jsonl", engine, workers)
            steady = (count - 1) / (total - fixed) if total > fixed else float("nan")
            rows.append({"engine": engine, "workers": workers or 1, "stories": count, "seconds": round(total, 1),
                         "stories_per_s": round(count / total, 3), "one_story_s": round(fixed, 1),
                         "steady_stories_per_s": round(steady, 3)})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)

    print(f"Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
          f"{platform.processor() or platform.machine()}; Python {platform.python_version()}\n")
    print("| engine | workers | stories | wall (s) | stories/s | one story (s) | steady stories/s |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['engine']} | {r['workers']} | {r['stories']} | {r['seconds']} | {r['stories_per_s']} | "
              f"{r['one_story_s']} | {r['steady_stories_per_s']} |")


if __name__ == "__main__":
    main()

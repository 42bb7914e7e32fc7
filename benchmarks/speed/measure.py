"""The measuring run of the speed benchmark: every measured thing in a process of its own, collected into `Results`.

Workers (`python -m benchmarks.speed.worker`) measure the library, the scaling series, LexRank and start-up; the
CLI and the HTTP service are run as the processes users run. Each child's peak RSS is read from the kernel.
"""

from __future__ import annotations

import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from benchmarks._common import BIN, ROOT, cpu_model
from benchmarks.speed import inputs
from benchmarks.speed.http import http_benchmark
from benchmarks.speed.plan import STAGES, Plan
from benchmarks.speed.results import (
    CliRun,
    InputInfo,
    LexRankRun,
    LibraryRun,
    Machine,
    Results,
    ScalingPoint,
    SingleRun,
    Startup,
    StartupRun,
    from_data,
    to_data,
)
from summarizer import Document
from summarizer.embedding.base import MODEL_BACKENDS

T = TypeVar("T")


@dataclass
class Finished:
    """A child process that has ended: exit code, wall time and its own peak RSS (from wait4)."""

    code: int | None
    wall_s: float
    peak_rss_mb: float
    timed_out: bool = False


#: Runs a command as its child and writes the child's peak RSS and wall time. Without this small launcher, the
#: child's ru_maxrss would start at the driver's own RSS: Linux carries the pre-exec address space's high-water
#: mark over exec (and the driver holds every input in memory).
LAUNCHER = """import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"maxrss_kb": usage.ru_maxrss, "wall_s": wall, "code": os.waitstatus_to_exitcode(status)}, out)
"""


def run_process(command: Sequence[str], *, log: Path, timeout_s: float, env: dict[str, str] | None = None) -> Finished:
    """Run a command to its end (killed after `timeout_s`) and read its own peak RSS from the kernel's rusage."""
    measured = log.with_name(f"rusage-{time.monotonic_ns()}.json")
    with open(log, "ab") as err:
        process = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(measured), *command], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, **(env or {})},
                                   start_new_session=True)
        timer = threading.Timer(timeout_s, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        try:
            process.wait()
        finally:
            timer.cancel()
    if not measured.exists():  # the launcher itself was killed: the command ran out of time
        return Finished(None, timeout_s, 0.0, True)
    usage = json.loads(measured.read_text(encoding="utf-8"))
    killed = usage["code"] == -signal.SIGKILL
    return Finished(None if killed else usage["code"], usage["wall_s"], usage["maxrss_kb"] / 1024, killed)


class Runner:
    """Runs worker tasks in fresh processes and keeps their task files and logs in a scratch folder."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.log = scratch / "workers.log"
        self._count = 0

    def worker(self, kind: type[T], task: dict[str, Any], *, timeout_s: float = 1800) -> tuple[T | None, Finished]:
        """Run one worker task; its result as a `kind`, with the worker's own peak RSS, or None if it timed out."""
        self._count += 1
        task_path = self.scratch / f"task-{self._count}.json"
        result_path = self.scratch / f"result-{self._count}.json"
        task_path.write_text(json.dumps(task), encoding="utf-8")
        done = run_process([sys.executable, "-m", "benchmarks.speed.worker", str(task_path), str(result_path)],
                           log=self.log, timeout_s=timeout_s)
        if done.timed_out:
            return None, done
        if done.code != 0 or not result_path.exists():
            tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"worker task {task['task']} failed (exit {done.code}):\n{tail}")
        data = json.loads(result_path.read_text(encoding="utf-8"))
        return from_data(kind, {**data, "process_peak_rss_mb": done.peak_rss_mb}), done

    def required(self, kind: type[T], task: dict[str, Any]) -> T:
        """`worker`, for a task that must finish."""
        result, done = self.worker(kind, task)
        if result is None:
            raise RuntimeError(f"worker task {task['task']} ran out of time after {done.wall_s:.0f} s")
        return result


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> Machine:
    versions = {}
    for package in ("torch", "onnxruntime", "sentence-transformers", "story-summarizer", "sumy", "uvicorn",
                    "fastapi"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    memory = next((int(line.split()[1]) / 1024 ** 2 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0.0)
    return Machine(cpu=cpu_model(), cores=os.cpu_count(), usable_cores=len(os.sched_getaffinity(0)),
                   memory_gb=round(memory, 1), python=platform.python_version(), os=platform.platform(),
                   versions=versions, gpu="none (CPU only; no GPU machine was available for this run)")


def build_inputs(plan: Plan, duc: Path) -> tuple[dict[str, inputs.Input], list[tuple[str, tuple[Document, ...]]]]:
    items = {"seeds": inputs.seeds(ROOT)}
    clusters: list[tuple[str, tuple[Document, ...]]] = []
    if plan.quick:
        pool = inputs.unique_sentences(items["seeds"].documents)
    else:
        articles = inputs.duc_articles(duc)
        clusters = inputs.duc_clusters(duc)
        for size in inputs.STORY_SIZES:
            story = inputs.merged_story(articles, size)
            items[story.name] = story
        stress = inputs.stress(articles)
        items[stress.name] = stress
        pool = inputs.unique_sentences(stress.documents)
    for name, _ in plan.scaling:
        if name.startswith("packed-"):
            items[name] = inputs.packed(pool, int(name.split("-")[1]))
    return items, clusters


def run(plan: Plan, duc: Path, scratch: Path, results: Results, stages: Sequence[str] = STAGES) -> None:
    """Measure the `stages` of `plan`, filling `results` as it goes (so a failure keeps what was measured)."""
    results.machine, results.load_before, results.quick = machine(), list(os.getloadavg()), plan.quick
    began = time.perf_counter()
    say("building inputs")
    items, clusters = build_inputs(plan, duc)
    paths = {name: inputs.save(item, scratch) for name, item in items.items()}
    results.inputs = {name: InputInfo(description=item.description, articles=len(item.documents),
                                      characters=sum(len(d.text) for d in item.documents))
                      for name, item in items.items()}
    runner = Runner(scratch)

    for backend, specs in (("torch", dict(plan.library) if "library" in stages else {}),
                           ("onnx", {k: (v, 0) for k, v in plan.onnx_library.items()} if "onnx" in stages else {})):
        if not specs:
            continue
        say(f"library, {backend}: floor and ours alternately on {', '.join(specs)}")
        task = {"task": "library", "backend": backend, "inputs": [
            {"name": n, "path": str(paths[n]), "repeats": r, "cache_repeats": c} for n, (r, c) in specs.items()]}
        setattr(results, f"library_{backend}", runner.required(LibraryRun, task))

    if "scaling" in stages:
        results.scaling = []
        for name, repeats in plan.scaling:
            runs = {}
            for what in ("floor", "ours"):
                say(f"scaling: {what} on {name} in its own process")
                runs[what] = runner.required(SingleRun, {"task": "single", "backend": "torch", "path": str(paths[name]),
                                                         "what": what, "repeats": repeats})
            results.scaling.append(ScalingPoint(input=name, floor=runs["floor"], ours=runs["ours"]))

    if "lexrank" in stages:
        results.lexrank = {}
        for name, repeats in plan.lexrank.items():
            say(f"lexrank on {name}")
            outcome, done = runner.worker(LexRankRun, {"task": "lexrank", "path": str(paths[name]), "name": name,
                                                       "repeats": repeats}, timeout_s=plan.lexrank_timeout_s)
            lexrank = outcome or LexRankRun(process_peak_rss_mb=done.peak_rss_mb)
            lexrank.timed_out, lexrank.timeout_s = done.timed_out, plan.lexrank_timeout_s
            results.lexrank[name] = lexrank

    if "startup" in stages:
        say("start-up: python -c 'import summarizer', and model load per backend")
        imports = [run_process([sys.executable, "-c", "import summarizer"], log=runner.log, timeout_s=120)
                   for _ in range(plan.imports)]
        bare = [run_process([sys.executable, "-c", "pass"], log=runner.log, timeout_s=60)
                for _ in range(plan.imports)]
        results.startup = Startup(import_process_s=[f.wall_s for f in imports],
                                  python_bare_process_s=[f.wall_s for f in bare])
        for backend in MODEL_BACKENDS:
            loads = [runner.required(StartupRun, {"task": "startup", "backend": backend}) for _ in range(plan.startups)]
            setattr(results.startup, backend, loads)

    if "cli" in stages:
        results.cli = {}
        for name, repeats in plan.cli.items():
            say(f"CLI: summarize {name}/ -n 5, {repeats} times")
            processes = [run_process([str(BIN / "summarize"), str(scratch / name), "-n", "5"], log=runner.log,
                                     timeout_s=900) for _ in range(repeats)]
            if any(p.code != 0 for p in processes):
                raise RuntimeError(f"summarize {name}/ failed; see {runner.log}")
            results.cli[name] = CliRun(wall_s=[p.wall_s for p in processes],
                                       peak_rss_mb=max(p.peak_rss_mb for p in processes))

    stories: dict[str, list[Document]] = {name: inputs.load(paths[name]) for name in ("seeds", "duc-100")
                                          if name in items}
    if "http" in stages:
        results.http = {}
        for backend in MODEL_BACKENDS:
            say(f"HTTP: summarize-server with SUMMARIZER_BACKEND={backend}")
            results.http[backend] = http_benchmark(backend, plan, scratch, stories, clusters)

    results.load_after = list(os.getloadavg())
    results.total_s = time.perf_counter() - began


def save(results: Results, path: Path) -> None:
    """Write the raw results (`--render` and `--merge` read them back)."""
    path.write_text(json.dumps(to_data(results)), encoding="utf-8")

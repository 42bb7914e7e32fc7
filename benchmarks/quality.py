"""Summary-quality benchmark: ours against Lead, LexRank, TextRank, LSA and random sentences, scored with ROUGE.

Run it from the repository root (the dataset defaults to ../shared/eval/duc2003):

    python -m benchmarks.quality [DATASET] [--quick] [--out docs/benchmarks] [--ours-config NAME:field=value,...]

Every cluster is summarised by every system to the same 100-word budget, then scored in one ROUGE run with
ROUGE-1, ROUGE-2 and ROUGE-SU4 recall and 95% confidence intervals. A full run writes `quality.md` and
`quality_clusters.csv` to --out; a quick run (6 clusters, for CI) prints its table and writes only when
--out is given. For ablations, `run_ours(dataset, weights=Weights(...))` scores a variant beside `ours`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import re
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks._common import DEFAULT_DUC, DOCS, ROOT, cpu_model, usable_cores
from benchmarks.concept_model import CrossValidated, folds
from benchmarks.dataset import Cluster, load_dataset
from benchmarks.scoring import METRICS, ScorerName, Scores, score
from benchmarks.systems import RANDOM_SEED, Ours, System, baselines, names, parse_config, word_count
from summarizer import Summarizer, Weights, __version__

DEFAULT_DATASET = DEFAULT_DUC
DEFAULT_OUT = DOCS
WORDS = 100
_SHORT = {"ROUGE-1": "R-1", "ROUGE-2": "R-2", "ROUGE-SU4": "SU4"}


@dataclass(frozen=True)
class Run:
    """One benchmark run: the clusters, every system's summaries and time, the scores, and the set-up cost."""

    dataset: Path
    clusters: tuple[Cluster, ...]
    systems: tuple[str, ...]
    summaries: dict[str, dict[str, list[str]]]
    seconds: dict[str, float]
    scores: Scores
    model_load_seconds: float
    words: int
    started: dt.datetime

    def value(self, system: str, metric: str) -> float:
        """The system's average recall on the metric (ROUGE-1.5.5: the mean of its bootstrap resamples)."""
        return self.scores.averages[system][metric].value

    def cluster_value(self, system: str, cluster: str, metric: str) -> float:
        """The system's recall on one cluster."""
        return self.scores.clusters[system][cluster][metric]


def run_benchmark(
    dataset: Path = DEFAULT_DATASET, *, quick: bool = False, only: Sequence[str] | None = None, words: int = WORDS,
    summarizer: Summarizer | None = None, variants: Sequence[tuple[str, Weights]] = (),
    with_baselines: bool = True, scorer: ScorerName = "auto", seed: int = RANDOM_SEED, log: bool = True,
    cross_validate: bool = False, onnx: bool = False,
) -> Run:
    """Summarise every cluster with ours, its weight `variants` and the baselines, and score them in one ROUGE run.

    Args:
        dataset: a folder laid out as `<cluster>/docs/*.txt` and `<cluster>/models/*.txt`.
        quick: score only the quick-mode clusters (6, spread evenly over the sorted ids).
        only: score only these clusters.
        words: the word budget of every summary.
        summarizer: a loaded summariser to reuse; the packaged model on the CPU when None.
        variants: (name, weights) pairs, each run as another system beside `ours`.
        with_baselines: also run Lead, LexRank, TextRank, LSA and random sentences.
        scorer: "rouge-1.5.5", "py-rouge", or "auto" (the official script when perl can run it).
        seed: the random baseline's seed.
        log: report progress on stderr.
        cross_validate: also run `ours-cv`, ours with its concept model refitted on two folds for the third.
        onnx: also run `ours-onnx`, ours on the ONNX backend (the default on a CPU).

    Example:
        >>> run = run_benchmark(Path("../shared/eval/duc2003"), quick=True)  # doctest: +SKIP
        >>> run.value("ours", "ROUGE-2") > run.value("lead", "ROUGE-2")  # doctest: +SKIP
        True
    """
    started = dt.datetime.now(dt.UTC)
    clusters = tuple(load_dataset(Path(dataset), quick=quick, only=list(only) if only else None))
    load_start = time.perf_counter()
    base = summarizer or Summarizer(device="cpu", backend="torch")
    model_load = time.perf_counter() - load_start if summarizer is None else 0.0
    systems: list[System] = [Ours(base)]
    if cross_validate:
        systems.append(CrossValidated(base, clusters))
    if onnx:
        systems.append(Ours(Summarizer(device="cpu", backend="onnx"), name="ours-onnx"))
    systems.extend(Ours(base, weights=w, name=n) for n, w in variants)
    if with_baselines:
        systems.extend(baselines(seed=seed))
    system_names = names(systems)

    summaries: dict[str, dict[str, list[str]]] = {}
    seconds: dict[str, float] = {}
    for system in systems:
        start = time.perf_counter()
        summaries[system.name] = {c.id: system(c, words) for c in clusters}
        seconds[system.name] = time.perf_counter() - start
        if log:
            print(f"{system.name}: {len(clusters)} clusters in {seconds[system.name]:.1f} s", file=sys.stderr)
    scores = score(clusters, summaries, words=words, scorer=scorer)
    return Run(Path(dataset), clusters, tuple(system_names), summaries, seconds, scores, model_load, words, started)


def run_ours(
    dataset: Path = DEFAULT_DATASET, *, weights: Weights, name: str = "ours-variant", quick: bool = False,
    summarizer: Summarizer | None = None, scorer: ScorerName = "auto",
) -> Run:
    """Score a variant of our scoring weights beside the default `ours`, without the baselines (an ablation).

    Example:
        >>> run = run_ours(weights=Weights(position=0.0), name="ours-nopos", quick=True)  # doctest: +SKIP
        >>> print(render_table(run))  # doctest: +SKIP
    """
    return run_benchmark(dataset, quick=quick, summarizer=summarizer, variants=[(name, weights)],
                         with_baselines=False, scorer=scorer)


def _cell(run: Run, system: str, metric: str) -> str:
    interval = run.scores.averages[system].get(metric)
    if interval is None:
        return "n/a"
    return f"{100 * interval.value:.2f} ({100 * interval.low:.2f}–{100 * interval.high:.2f})"


def mean_words(run: Run, system: str) -> float:
    """The system's mean summary length in words, before ROUGE's cut at the budget."""
    lengths = [sum(word_count(s) for s in run.summaries[system][c.id]) for c in run.clusters]
    return sum(lengths) / max(len(lengths), 1)


def render_table(run: Run) -> str:
    """The results as a Markdown table: recall x100 with 95% intervals, mean words, and seconds per system."""
    header = "| system | " + " | ".join(f"{_SHORT[m]} (95% CI)" for m in METRICS) + " | words | time (s) |"
    lines = [header, "|---|" + "---|" * (len(METRICS) + 2)]
    for system in run.systems:
        cells = " | ".join(_cell(run, system, m) for m in METRICS)
        lines.append(f"| {system} | {cells} | {mean_words(run, system):.1f} | {run.seconds[system]:.1f} |")
    return "\n".join(lines)


def tasks(dataset: Path) -> dict[str, str]:
    """Each cluster's DUC task from the dataset's clusters.tsv, when there is one."""
    path = dataset / "clusters.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["cluster"]: row["task"] for row in csv.DictReader(handle, delimiter="\t")}


def render_breakdown(run: Run) -> str:
    """Per-task means, and how often ours beats each baseline cluster by cluster, on R-2 and R-1."""
    by_task: dict[str, list[str]] = {}
    for cluster, task in tasks(run.dataset).items():
        if any(c.id == cluster for c in run.clusters):
            by_task.setdefault(task, []).append(cluster)
    lines: list[str] = []
    if by_task:
        lines += ["Mean recall x100 by DUC task (R-1 / R-2):", "",
                  "| system | " + " | ".join(f"{t} ({len(c)})" for t, c in sorted(by_task.items())) + " |",
                  "|---|" + "---|" * len(by_task)]
        for system in run.systems:
            cells = [" / ".join(f"{100 * _mean(run, system, ids, m):.2f}" for m in ("ROUGE-1", "ROUGE-2"))
                     for _, ids in sorted(by_task.items())]
            lines.append(f"| {system} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += ["Clusters where ours scores higher / equal / lower than each system:", "",
              "| against | R-1 | R-2 |", "|---|---|---|"]
    for system in run.systems:
        if system == "ours":
            continue
        cells = []
        for metric in ("ROUGE-1", "ROUGE-2"):
            diffs = [run.cluster_value("ours", c.id, metric) - run.cluster_value(system, c.id, metric)
                     for c in run.clusters]
            cells.append(f"{sum(d > 0 for d in diffs)} / {sum(d == 0 for d in diffs)} / {sum(d < 0 for d in diffs)}")
        lines.append(f"| {system} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def render_folds(run: Run) -> str:
    """Ours-cv fold by fold: the clusters scored, and ours-cv beside ours (whose model saw every cluster)."""
    if "ours-cv" not in run.systems:
        return ""
    ids = [c.id for c in run.clusters]
    lines = ["| fold | clusters | ours-cv R-1 / R-2 | ours R-1 / R-2 |", "|---|---|---|---|"]
    for number, fold in enumerate(folds(ids), start=1):
        cells = [" / ".join(f"{100 * _mean(run, system, fold, m):.2f}" for m in ("ROUGE-1", "ROUGE-2"))
                 for system in ("ours-cv", "ours")]
        lines.append(f"| {number} | {len(fold)} ({fold[0]}, {fold[1]}, ...) | {cells[0]} | {cells[1]} |")
    cells = [" / ".join(f"{100 * _mean(run, system, ids, m):.2f}" for m in ("ROUGE-1", "ROUGE-2"))
             for system in ("ours-cv", "ours")]
    lines.append(f"| all | {len(ids)} | {cells[0]} | {cells[1]} |")
    return ("## Cross-validation\n\n`ours-cv` refits the concept model (`benchmarks.concept_model.fit`) on two folds "
            "of the clusters (`folds`: the sorted ids dealt in turn) and summarises the third with it; `ours` uses the "
            "shipped model, fitted on all 39. Mean per-cluster recall x100:\n\n" + "\n".join(lines) + "\n\n")


def _mean(run: Run, system: str, clusters: Sequence[str], metric: str) -> float:
    return sum(run.cluster_value(system, c, metric) for c in clusters) / max(len(clusters), 1)


def machine() -> str:
    """Cores, CPU model, OS and Python of this machine, in one line."""
    return (f"{usable_cores()} cores, {cpu_model()}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}")


#: A section heading of the report.
_SECTION = re.compile(r"^## .*$", re.MULTILINE)


def write_report(run: Run, out: Path, *, command: str) -> tuple[Path, Path]:
    """Write `quality.md` (the table and how it was made) and `quality_clusters.csv` (per cluster) to `out`."""
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / "quality_clusters.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["cluster", "system", "rouge_1_r", "rouge_2_r", "rouge_su4_r", "words"])
        for cluster in run.clusters:
            for system in run.systems:
                values = run.scores.clusters[system][cluster.id]
                writer.writerow([cluster.id, system, *(f"{values[m]:.5f}" if m in values else "" for m in METRICS),
                                 sum(word_count(s) for s in run.summaries[system][cluster.id])])
    md_path = out / "quality.md"
    report = render_report(run, command=command)
    if md_path.exists():  # hand-written sections (the ablation, ...) come from other experiments: keep them
        report = keep_sections(md_path.read_text(encoding="utf-8"), report)
    md_path.write_text(report, encoding="utf-8")
    return md_path, csv_path


def keep_sections(previous: str, report: str) -> str:
    """`report` with every section of the `previous` report that `report` does not write itself (the hand-written
    ones: the ablation and the other experiments) put back before its breakdown, in their order."""
    written = set(_SECTION.findall(report))
    headings = list(_SECTION.finditer(previous))
    bounds = [h.start() for h in headings] + [len(previous)]
    kept = [previous[bounds[i]:bounds[i + 1]].rstrip("\n") + "\n\n"
            for i, heading in enumerate(headings) if heading[0] not in written]
    at = report.find("\n## Breakdown\n")
    at = len(report) if at < 0 else at + 1
    return report[:at] + "".join(kept) + report[at:]


def render_report(run: Run, *, command: str) -> str:
    """The Markdown report: the table, the set-up that made it, and the breakdown by task and cluster."""
    try:
        from importlib.metadata import version

        sumy_version = version("sumy")
    except Exception:  # noqa: BLE001 - the version is only informative
        sumy_version = "unknown"
    dataset_name = run.dataset.name or str(run.dataset)
    return f"""# Summary quality

Recall x100 of each system's {run.words}-word summaries against the human references of {len(run.clusters)} \
clusters of `{dataset_name}`, with 95% confidence intervals.

{render_table(run)}

- Command: `{command}` (from the repository root)
- Date: {run.started:%Y-%m-%d %H:%M} UTC
- Machine: {machine()}
- Scorer: {run.scores.scorer}: `{run.scores.command}` (ROUGE-1, ROUGE-2 and ROUGE-SU4 recall, summaries cut at \
{run.words} words, Porter stemming, stop words kept, the {len(run.clusters[0].references)} references pooled). \
The value shown is what the scorer reports: for ROUGE-1.5.5, the mean of its 1000 bootstrap resamples.
- Clusters: {", ".join(c.id for c in run.clusters)}
- Library: story-summarizer {__version__}, model {_model_name(run)}; sumy {sumy_version}.
- Time: seconds to summarise all clusters, per system, on this machine (ours excludes loading the model, \
{run.model_load_seconds:.1f} s once; scoring is not included). `words`: mean summary length before ROUGE's cut.

## Systems

- **ours**: `Summarizer(device="cpu", backend="torch")(documents, words={run.words})`, default `Weights`; \
**ours-cv**: the same with the concept model refitted without the cluster's fold (below); **ours-onnx**: \
`Summarizer(backend="onnx")`, the ONNX export of the same model (the default backend on a CPU); other \
`ours-*` rows are weight variants given with `--ours-config`.
- **lead**: the first sentences of the most recent article (by the date in its DOCNO) that fit the budget.
- **lead-100w**: the published Lead baseline: the most recent article's first {run.words} words, cut mid-sentence.
- **lexrank**, **textrank**, **lsa**: sumy's summarisers (English Snowball stemmer and sumy's English stop \
words) on the cluster's articles, oldest first, as one plain-text document (`PlaintextParser`). sumy's default \
`Tokenizer` needs NLTK's punkt data, which cannot be downloaded here, so the parser is given a tokenizer built on \
blingfire (`benchmarks.systems.BlingfireTokenizer`: `to_sentences`, `to_words`).
- **random**: sentences in a random order (seeded with `{RANDOM_SEED}` and the cluster id).

Every system but lead-100w gives whole sentences: in its order of preference, each sentence is added if it still \
fits in {run.words} words, the rule ours follows. The baselines split sentences with blingfire; ours uses its own \
splitter. ROUGE's `-l {run.words}` cut applies to all alike.

{render_folds(run)}## Breakdown

{render_breakdown(run)}

Per-cluster recall of every system: [`quality_clusters.csv`](quality_clusters.csv).
"""


def _model_name(run: Run) -> str:
    try:
        from summarizer import MODEL_NAME

        return MODEL_NAME
    except ImportError:
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.quality",
        description="Score ours and the baselines with ROUGE-1/2/SU4 recall at 100 words on a DUC-style dataset.")
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET,
                        help="folder of <cluster>/docs/*.txt and <cluster>/models/*.txt (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="only 6 clusters chosen evenly (for CI)")
    parser.add_argument("--clusters", nargs="+", metavar="ID", help="only these clusters")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"folder for quality.md and quality_clusters.csv (default: {DEFAULT_OUT.relative_to(ROOT)}"
                             " for a full run; a quick or partial run writes only when this is given)")
    parser.add_argument("--ours-config", action="append", default=[], metavar="NAME:field=value,...",
                        help="also run ours with these summarizer.Weights, as system ours-NAME (repeatable)")
    parser.add_argument("--no-baselines", action="store_true", help="run ours and its variants only")
    parser.add_argument("--cv", action=argparse.BooleanOptionalAction, default=None,
                        help="also run ours-cv, the concept model refitted on 2 folds for the 3rd (default: full runs)")
    parser.add_argument("--onnx", action=argparse.BooleanOptionalAction, default=None,
                        help="also run ours-onnx, the ONNX backend (default: full runs)")
    parser.add_argument("--scorer", choices=["auto", "rouge-1.5.5", "py-rouge"], default="auto",
                        help="ROUGE implementation (default: ROUGE-1.5.5 when perl can run it, else py-rouge)")
    parser.add_argument("--words", type=int, default=WORDS, help="word budget (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=RANDOM_SEED, help="random baseline's seed (default: %(default)s)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark from the command line; print the table and write the report."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args = parser.parse_args(args_list)
    try:
        variants = [parse_config(spec) for spec in args.ours_config]
    except ValueError as error:
        parser.error(str(error))
    partial = bool(args.quick or args.clusters)
    run = run_benchmark(args.dataset, quick=args.quick, only=args.clusters, words=args.words, variants=variants,
                        with_baselines=not args.no_baselines, scorer=args.scorer, seed=args.seed,
                        cross_validate=not partial if args.cv is None else args.cv,
                        onnx=not partial if args.onnx is None else args.onnx)
    print(f"{run.scores.scorer}, {len(run.clusters)} clusters, recall x100 (95% CI):")
    print(render_table(run))
    out = args.out or (None if args.quick or args.clusters else DEFAULT_OUT)
    if out is not None:
        command = shlex.join(["python", "-m", "benchmarks.quality", *args_list])
        md_path, csv_path = write_report(run, out, command=command)
        print(f"Wrote {md_path} and {csv_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The speed benchmark's headline numbers, derived from `Results`: medians, ratios to the floor, target verdicts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.speed.plan import TARGETS
from benchmarks.speed.results import Results
from summarizer.embedding.base import MODEL_BACKENDS


@dataclass
class Stats:
    """Median, min, max and count of some timings."""

    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass
class LibraryRow:
    """Ours against the floor on one input and backend, in one process."""

    input: str
    backend: str
    sentences: int
    floor: Stats
    ours: Stats
    ratio: float
    paired_ratio: Stats
    non_embedding: Stats | None
    floor_sentences_per_s: float
    ours_sentences_per_s: float


@dataclass
class CacheRow:
    """The caches across calls on one story."""

    articles: int
    cold: Stats
    repeat: Stats
    repeat_ratio: float
    grown: Stats
    new_sentences: int
    grown_misses: list[int]
    new_floor: Stats
    grown_ratio: float


@dataclass
class ScalingRow:
    """One point of the scaling series."""

    input: str
    sentences: int
    floor_s: float
    ours_s: float
    non_embedding_s: float
    prep_s: float
    floor_rss_mb: float
    ours_rss_mb: float
    floor_rss_before_mb: float
    ours_rss_before_mb: float
    n: int
    ratio: float = 0.0
    non_embedding_share_of_floor: float = 0.0

    def __post_init__(self) -> None:
        self.ratio = self.ours_s / self.floor_s
        self.non_embedding_share_of_floor = self.non_embedding_s / self.floor_s


@dataclass
class Target:
    """A target and how the run measured against it (None: not measured)."""

    target: str
    value: float | None
    limit: float
    met: bool | None
    shown: str
    bound: str

    @classmethod
    def check(cls, name: str, value: float | None, limit: float, unit: str = "x") -> Target:
        met = None if value is None else value <= limit
        shown = "not measured" if value is None else (f"{value:.2f}x" if unit == "x" else f"{value:.0f} MB")
        bound = f"{limit}x" if unit == "x" else f"{limit} MB"
        return cls(target=name, value=value, limit=limit, met=met, shown=shown, bound=bound)


@dataclass
class Derived:
    """The headline numbers of a run."""

    library: dict[str, LibraryRow] = field(default_factory=dict)  # "input/backend" -> row
    cache: dict[str, CacheRow] = field(default_factory=dict)
    scaling: list[ScalingRow] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)

    def medians(self, name: str, backend: str = "torch") -> tuple[float | None, float | None]:
        """Median seconds of ours and of the floor on input `name` with `backend` (None when not measured)."""
        row = self.library.get(f"{name}/{backend}")
        return (row.ours.median, row.floor.median) if row else (None, None)


def derive(results: Results) -> Derived:
    """The headline numbers: medians, ratios to the floor, and the verdict on each target."""
    out = Derived()
    for backend in MODEL_BACKENDS:
        run = results.library(backend)
        for name, entry in (run.inputs if run else {}).items():
            floor, ours = Stats.of(entry.floor_s), Stats.of(entry.ours_s)
            # (a run before the fix of the cache runs left the embedder untimed after the first input: no split)
            rest = [o - e for o, e in zip(entry.ours_s, entry.ours_embed_s, strict=True)] \
                if any(entry.ours_embed_s) else []
            paired = [o / f for o, f in zip(entry.ours_s, entry.floor_s, strict=True)]
            out.library[f"{name}/{backend}"] = LibraryRow(
                input=name, backend=backend, sentences=entry.sentences, floor=floor, ours=ours,
                ratio=ours.median / floor.median, paired_ratio=Stats.of(paired),
                non_embedding=Stats.of(rest) if rest else None,
                floor_sentences_per_s=entry.sentences / floor.median,
                ours_sentences_per_s=entry.sentences / ours.median)
            if entry.cache is not None:
                c = entry.cache
                out.cache[name] = CacheRow(
                    articles=c.articles, cold=Stats.of(c.cold_s), repeat=Stats.of(c.repeat_s),
                    repeat_ratio=statistics.median(r / f for r, f in zip(c.repeat_s, c.cold_s, strict=True)),
                    grown=Stats.of(c.grown_s), new_sentences=c.new_sentences, grown_misses=c.grown_misses,
                    new_floor=Stats.of(c.new_floor_s),
                    grown_ratio=statistics.median(c.grown_s) / statistics.median(c.new_floor_s))
    for point in results.scaling or []:
        floor_run, ours_run = point.floor, point.ours
        rest = [o - e for o, e in zip(ours_run.seconds, ours_run.embed_s, strict=True)]
        out.scaling.append(ScalingRow(
            input=point.input, sentences=floor_run.sentences, floor_s=statistics.median(floor_run.seconds),
            ours_s=statistics.median(ours_run.seconds), non_embedding_s=statistics.median(rest),
            prep_s=ours_run.prep_s, floor_rss_mb=floor_run.process_peak_rss_mb or 0.0,
            ours_rss_mb=ours_run.process_peak_rss_mb or 0.0, floor_rss_before_mb=floor_run.rss_before_mb or 0.0,
            ours_rss_before_mb=ours_run.rss_before_mb or 0.0, n=len(ours_run.seconds)))

    for name in ("seeds", "duc-100"):
        row = out.library.get(f"{name}/torch")
        # Each ours run over the floor run beside it: drift on a shared machine moves both, so pairs cancel it.
        out.targets.append(Target.check(
            f"library end-to-end / floor, {name} (torch, same process, median of paired runs)",
            None if row is None else row.paired_ratio.median, TARGETS["library_ratio"]))
    for name, row_c in out.cache.items():
        out.targets.append(Target.check(f"repeated request / first, {name} minus its last article",
                                        row_c.repeat_ratio, TARGETS["repeat_ratio"]))
        out.targets.append(Target.check(f"story grown by one article / new sentences embedded alone, {name}",
                                        row_c.grown_ratio, TARGETS["grown_ratio"]))
    for backend, limit in (("torch", TARGETS["rss_torch_mb"]), ("onnx", TARGETS["rss_onnx_mb"])):
        http = (results.http or {}).get(backend)
        out.targets.append(Target.check(f"service peak RSS, {backend}", None if http is None else http.peak_rss_mb,
                                        limit, unit="MB"))
    return out

"""What the speed benchmark measures, as dataclasses: the workers write them, the driver collects them into
`Results`, and the report reads them. They travel as JSON (worker files, the raw results a run saves, speed.json)
through `to_data` and `from_data`, so a saved run can be rendered again.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class CacheRuns:
    """Sequences with fresh caches: the story without its last article (cold), again (repeat), then the whole
    story (grown by one article), and the new article's sentences embedded alone (its floor)."""

    articles: int
    cold_s: list[float]
    repeat_s: list[float]
    grown_s: list[float]
    new_sentences: int
    grown_misses: list[int]
    new_floor_s: list[float]


@dataclass
class LibraryInput:
    """The floor and ours, alternately, on one input in one process."""

    sentences: int
    prep_s: float
    floor_s: list[float]
    ours_s: list[float]
    ours_embed_s: list[float]
    cache: CacheRuns | None = None


@dataclass
class LibraryRun:
    """A `library` worker: the model loaded once, then every input."""

    backend: str
    load_s: float
    threads: int
    inputs: dict[str, LibraryInput]
    peak_rss_mb: float | None = None
    process_peak_rss_mb: float | None = None


@dataclass
class SingleRun:
    """A `single` worker: the floor or ours on one input, in a process of its own."""

    what: str
    sentences: int
    prep_s: float
    seconds: list[float]
    embed_s: list[float]
    load_s: float
    rss_before_mb: float | None
    peak_rss_mb: float | None = None
    process_peak_rss_mb: float | None = None


@dataclass
class ScalingPoint:
    """One input of the scaling series: the floor and ours, each in its own process."""

    input: str
    floor: SingleRun
    ours: SingleRun


@dataclass
class LexRankRun:
    """sumy's LexRank on one input (no times when it ran out of time)."""

    seconds: list[float] = field(default_factory=list)
    sentences: int = 0
    peak_rss_mb: float | None = None
    process_peak_rss_mb: float | None = None
    timed_out: bool = False
    timeout_s: float = 0.0


@dataclass
class StartupRun:
    """A `startup` worker: seconds to import the library, then to load the model."""

    import_s: float
    load_s: float
    peak_rss_mb: float | None = None
    process_peak_rss_mb: float | None = None


@dataclass
class Startup:
    """Start-up costs: `python -c "import summarizer"` and a bare Python as processes, and model loads."""

    import_process_s: list[float]
    python_bare_process_s: list[float]
    torch: list[StartupRun] = field(default_factory=list)
    onnx: list[StartupRun] = field(default_factory=list)


@dataclass
class CliRun:
    """`summarize DIR -n 5` as a process, several times."""

    wall_s: list[float]
    peak_rss_mb: float


@dataclass
class LoadRun:
    """Requests sent to the server at one concurrency."""

    concurrency: int
    n: int
    failed: int
    p50_s: float
    p95_s: float
    max_s: float
    requests_per_s: float
    latencies_s: list[float]


@dataclass
class HttpRun:
    """`summarize-server` on one backend: start-up, cold and cached requests, memory."""

    backend: str
    port: int
    listening_s: float | None = None
    ready_s: float | None = None
    idle_rss_mb: float | None = None
    seeds_first_s: float | None = None
    seeds_cached: list[LoadRun] = field(default_factory=list)
    cold_clusters: list[LoadRun] = field(default_factory=list)
    cold_cluster_ids: list[str] = field(default_factory=list)
    story100_first_s: float | None = None
    story100_repeat_s: list[float | None] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    peak_rss_mb_hwm: float | None = None
    peak_rss_mb: float = 0.0


@dataclass
class Machine:
    """Where the run happened."""

    cpu: str
    cores: int | None
    usable_cores: int
    memory_gb: float
    python: str
    os: str
    versions: dict[str, str]
    gpu: str


@dataclass
class InputInfo:
    """One input of the run."""

    description: str
    articles: int
    characters: int


@dataclass
class Results:
    """Everything one run (or several merged runs) measured; a stage not run stays None."""

    machine: Machine | None = None
    load_before: list[float] = field(default_factory=list)
    quick: bool = False
    inputs: dict[str, InputInfo] = field(default_factory=dict)
    library_torch: LibraryRun | None = None
    library_onnx: LibraryRun | None = None
    scaling: list[ScalingPoint] | None = None
    lexrank: dict[str, LexRankRun] | None = None
    startup: Startup | None = None
    cli: dict[str, CliRun] | None = None
    http: dict[str, HttpRun] | None = None
    load_after: list[float] | None = None
    total_s: float | None = None
    date: str = ""
    command: str = ""
    commands: list[str] | None = None

    def library(self, backend: str) -> LibraryRun | None:
        """The library run on `backend`, if measured."""
        run: LibraryRun | None = getattr(self, f"library_{backend}")
        return run


def to_data(value: Any) -> Any:
    """JSON-ready data for a value built of these dataclasses; a field at its None default is left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)
                if not (getattr(value, f.name) is None and f.default is None)}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def from_data(kind: type[T], data: Any) -> T:
    """Rebuild a `kind` (one of these dataclasses) from what `to_data` made; an unknown field is an error."""
    return typing.cast(T, _build(kind, data))


def _build(kind: Any, data: Any) -> Any:
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        unknown = set(data) - set(hints)
        if unknown:
            raise ValueError(f"{kind.__name__} has no field(s) {sorted(unknown)}")
        return kind(**{name: _build(hints[name], value) for name, value in data.items()})
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        return _build(next(a for a in args if a is not type(None)), data)
    if origin is list:
        return [_build(args[0], v) for v in data]
    if origin is dict:
        return {k: _build(args[1], v) for k, v in data.items()}
    return data

"""How much the speed benchmark runs: its stages, the repeats of each measurement, and the targets it checks."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The stages of a run, in order; `--stages` picks some of them.
STAGES = ("library", "onnx", "scaling", "lexrank", "startup", "cli", "http")
#: The targets: ratios to the floor and peak RSS bounds.
TARGETS = {"library_ratio": 1.15, "repeat_ratio": 0.1, "grown_ratio": 1.3, "rss_torch_mb": 1500, "rss_onnx_mb": 600}


@dataclass
class Plan:
    """How much of everything to run: the full run, or the quick smoke test."""

    quick: bool
    library: dict[str, tuple[int, int]] = field(default_factory=dict)  # input -> (repeats, cache repeats)
    onnx_library: dict[str, int] = field(default_factory=dict)
    scaling: list[tuple[str, int]] = field(default_factory=list)  # input -> repeats
    lexrank: dict[str, int] = field(default_factory=dict)
    cli: dict[str, int] = field(default_factory=dict)
    startups: int = 2
    imports: int = 5
    http_cached: tuple[int, int] = (20, 20)  # requests at concurrency 1, 4
    http_cold: tuple[int, int] = (12, 16)
    lexrank_timeout_s: int = 240

    @classmethod
    def make(cls, quick: bool, lite: bool = False) -> Plan:
        if quick:
            return cls(quick, library={"seeds": (3, 2)}, onnx_library={"seeds": 2},
                       scaling=[("packed-10", 2), ("seeds", 1)], lexrank={"seeds": 2}, cli={"seeds": 2},
                       startups=1, imports=3, http_cached=(5, 8), http_cold=(0, 0))
        if lite:  # every input, fewest repeats: for a machine too loaded to finish the full run in time
            return cls(quick, library={"seeds": (3, 2), "duc-20": (2, 1), "duc-100": (2, 1)},
                       onnx_library={"seeds": 2, "duc-100": 1},
                       scaling=[("packed-10", 2), ("packed-100", 1), ("duc-20", 1), ("packed-1000", 1)],
                       lexrank={"seeds": 2, "duc-20": 1, "duc-100": 1}, cli={"seeds": 2, "duc-20": 1}, startups=1,
                       imports=3, http_cached=(8, 8), http_cold=(4, 8), lexrank_timeout_s=150)
        return cls(quick, library={"seeds": (15, 5), "duc-20": (5, 2), "duc-100": (3, 1)},
                   onnx_library={"seeds": 5, "duc-100": 2},
                   scaling=[("packed-10", 3), ("packed-100", 3), ("duc-20", 1), ("packed-1000", 1), ("duc-100", 1),
                            ("packed-10000", 1), ("stress-500", 1)],
                   lexrank={"seeds": 5, "duc-20": 3, "duc-100": 1}, cli={"seeds": 3, "duc-20": 2, "duc-100": 1},
                   http_cold=(8, 12))

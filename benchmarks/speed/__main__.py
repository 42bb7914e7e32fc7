"""`python -m benchmarks.speed`: plan, measure (or read a saved run), derive, report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from benchmarks._common import DEFAULT_DUC, DOCS, ROOT
from benchmarks.speed import __doc__ as DESCRIPTION
from benchmarks.speed.derive import derive
from benchmarks.speed.measure import run, save, say
from benchmarks.speed.plan import STAGES, Plan
from benchmarks.speed.report import plot, tables, write_doc
from benchmarks.speed.results import Results, from_data, to_data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=(DESCRIPTION or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="seeds only, few repeats (smoke test); writes nothing")
    parser.add_argument("--duc", type=Path, default=DEFAULT_DUC, help="DUC 2003 folder (<cluster>/docs/*.txt)")
    parser.add_argument("--render", type=Path, default=None, metavar="RAW.json",
                        help="do not measure: rebuild the report from the raw results a run saved")
    parser.add_argument("--lite", action="store_true",
                        help="every input but the fewest repeats (for a heavily loaded machine)")
    parser.add_argument("--stages", default=",".join(STAGES),
                        help="comma-separated stages to run (default all: %(default)s)")
    parser.add_argument("--merge", type=Path, default=None, metavar="RAW.json",
                        help="start from the raw results of an earlier run, replacing the stages run now")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"folder for speed.md/.json/_scaling.png (default {DOCS.relative_to(ROOT)} for a full "
                        "run, none for --quick)")
    args = parser.parse_args(argv)
    plan = Plan.make(args.quick, args.lite)
    command = "python -m benchmarks.speed" + (" --quick" if args.quick else "") + (" --lite" if args.lite else "")
    if args.render:
        results = read_results(args.render)
        command = results.command
    else:
        stages = [s for s in args.stages.split(",") if s]
        unknown = sorted(set(stages) - set(STAGES))
        if unknown:
            parser.error(f"unknown stages {unknown}; choose from {', '.join(STAGES)}")
        results = read_results(args.merge) if args.merge else Results()
        if args.merge or len(stages) < len(STAGES):
            command += f" --stages {','.join(stages)}" + (" --merge RAW.json" if args.merge else "")
            earlier = results.commands or ([results.command] if results.command else [])
            results.commands = [*earlier, command]
        scratch = Path(tempfile.mkdtemp(prefix="speed-bench-"))  # outside the repository: DUC text never lands in it
        raw = Path(tempfile.gettempdir()) / "speed-bench-raw.json"
        try:
            run(plan, args.duc, scratch, results, stages)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            results.date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            results.command = command
            save(results, raw)  # kept even if reporting fails
            say(f"raw results in {raw} (python -m benchmarks.speed --render {raw} rebuilds the report)")
    derived = derive(results)
    report = tables(results, derived, command)
    print(report)
    out = args.out or (None if args.quick else DOCS)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "speed.json").write_text(
            json.dumps({"results": to_data(results), "derived": to_data(derived)}, indent=1) + "\n", encoding="utf-8")
        plot(derived, out / "speed_scaling.png")
        write_doc(out / "speed.md", report)
        say(f"wrote {out / 'speed.md'}, speed.json and speed_scaling.png")


def read_results(path: Path) -> Results:
    """The results a run saved: its raw file, or the speed.json it wrote."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return from_data(Results, data.get("results", data))


if __name__ == "__main__":
    main()

"""Running a batch: the plan goes to an engine, and the results are written in input order as they complete."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tqdm.auto import tqdm

from summarizer.batch.engine import Engine
from summarizer.batch.records import encode
from summarizer.batch.resume import plan, read_done
from summarizer.errors import InvalidOptionError, UnreadableFileError


@dataclass(frozen=True)
class BatchReport:
    """What a batch run did: lines written, how many of them are errors, and stories skipped as already done."""

    output: Path
    summarised: int
    failed: int
    skipped: int
    repaired: bool = False

    @property
    def written(self) -> int:
        return self.summarised + self.failed


class OrderedWriter:
    """Writes results in input order as they complete, holding back any that finish early."""

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._pending: dict[int, str] = {}
        self._next = 0

    def put(self, index: int, line: str) -> None:
        """Accept the result at `index`; write and flush it and any held-back results that now follow."""
        self._pending[index] = line
        while self._next in self._pending:
            self._handle.write(self._pending.pop(self._next) + "\n")
            self._next += 1
        self._handle.flush()

    @property
    def held(self) -> int:
        """Results done but waiting for an earlier one."""
        return len(self._pending)


def run_batch(
    stories: str | Path, output: str | Path, *, engine: Engine, progress: bool | None = None,
) -> BatchReport:
    """Summarise every story in the JSON Lines file `stories` into `output`, resuming where a run left off.

    Args:
        stories: the input, one story per line.
        output: the output, one record per line; appended to when it exists.
        engine: what summarises the stories (`LocalEngine()`, or a `RayEngine`).
        progress: show a progress bar on stderr; None shows one only on a terminal.

    Raises:
        UnreadableFileError: `stories` cannot be read or `output` is not an earlier run's output.
    """
    source, target = Path(stories), Path(output)
    if source.resolve() == target.resolve():
        raise InvalidOptionError(f"the output {target} is the input; give another output path.")
    done = read_done(target)
    try:
        with source.open(encoding="utf-8") as handle:
            todo = plan(handle, done)
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(f"{source} cannot be read as UTF-8 text ({exc}); give a JSON Lines file.") from exc
    skipped = sum(done.ids.values()) + len(done.lines)
    failed = len(todo.errors)
    with target.open("a", encoding="utf-8") as handle, tqdm(
        total=todo.size, unit="story", disable=None if progress is None else not progress, desc="summarising",
    ) as bar:
        writer = OrderedWriter(handle)
        for index, record in todo.errors:  # invalid lines are written in their place among the results
            writer.put(index, encode(record))
            bar.update()
        for result in engine.run(todo.tasks):
            failed += result.error
            writer.put(result.position, result.line)
            bar.update()
        if writer.held:
            raise RuntimeError(f"the engine returned {writer.held} results out of order and never the one before")
    return BatchReport(output=target, summarised=todo.size - failed, failed=failed, skipped=skipped,
                       repaired=done.repaired)

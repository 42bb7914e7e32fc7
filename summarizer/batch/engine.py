"""The engine contract: what summarises a story, the work an engine is given and what it gives back, and
`LocalEngine`, which does the work in this process (`summarizer.batch.ray.RayEngine` does it on Ray)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from summarizer.batch.records import encode, exception_record, is_error, summary_record
from summarizer.batch.story import Story
from summarizer.embedding.base import DEFAULT_BACKEND, DEFAULT_BATCH_SIZE
from summarizer.types import Document, Order, Summary


class StorySummarizer(Protocol):
    """What summarises one story: `Summarizer` or anything called the same way."""

    def __call__(
        self, documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
        ratio: float | None = None, order: Order = "story", seed: int = 0, since: str | None = None,
    ) -> Summary: ...


@dataclass(frozen=True)
class SummarizerFactory:
    """Makes the packaged `Summarizer`; picklable, so each Ray worker can build its own model from it.

    Example:
        >>> SummarizerFactory(device="cpu").backend
        'auto'
    """

    device: str = "cpu"
    backend: str = DEFAULT_BACKEND
    batch_size: int = DEFAULT_BATCH_SIZE

    def __call__(self) -> StorySummarizer:
        from summarizer.pipeline import Summarizer  # the model stack loads in the worker that calls this

        return Summarizer(device=self.device, backend=self.backend, batch_size=self.batch_size)


#: Work for an engine: (position in this run's output, story).
Task = tuple[int, Story]


class Result(NamedTuple):
    """What an engine gives back for a task: its position in this run's output, the output line (without its
    newline), and whether that line reports an error."""

    position: int
    line: str
    error: bool


class Engine(Protocol):
    """Runs stories through a summariser; results may come back in any order."""

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Summarise every task, yielding each result as soon as it is done."""
        ...


def summarise_story(summarizer: StorySummarizer, story: Story) -> dict[str, Any]:
    """Summarise one story, or tell a pile's stories, into its output record; a failure becomes an error record,
    never an exception."""
    try:
        if story.pile:
            from summarizer.batch.pile import tell_pile  # the model stack is loaded by now

            return tell_pile(summarizer, story)  # type: ignore[arg-type]  # a pile needs the whole Summarizer
        since = {"since": story.since} if story.since is not None else {}
        summary = summarizer(story.documents, sentences=story.sentences, words=story.words, ratio=story.ratio,
                             order=story.order, seed=story.seed, **since)
    except Exception as exc:  # one bad story must not stop the batch; the error goes on its line
        return exception_record(story.id, story.line, exc)
    return summary_record(story.id, summary)


def summarise(summarizer: StorySummarizer, task: Task) -> Result:
    """Summarise one task into its `Result`, the encoded output line: what every engine does with a task."""
    index, story = task
    record = summarise_story(summarizer, story)
    return Result(index, encode(record), is_error(record))


@dataclass
class LocalEngine:
    """Summarises stories one after another in this process, with one model.

    Args:
        factory: makes the summariser, once, when the engine first runs.
    """

    factory: Callable[[], StorySummarizer] = field(default_factory=SummarizerFactory)

    def run(self, tasks: Sequence[Task]) -> Iterator[Result]:
        """Summarise every task in order (the model loads before the first)."""
        if not tasks:
            return
        summarizer = self.factory()
        for task in tasks:
            yield summarise(summarizer, task)

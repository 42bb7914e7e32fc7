"""What the `summarize` commands share: their common options and how they report to stderr."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

import click

from summarizer.embedding.base import BACKENDS, DEFAULT_BACKEND, DEFAULT_BATCH_SIZE
from summarizer.errors import SummarizerError
from summarizer.types import ORDERS

HELP = {"help_option_names": ["-h", "--help"]}
_F = TypeVar("_F", bound=Callable[..., Any])


def stacked(*decorators: Callable[[_F], _F]) -> Callable[[_F], _F]:
    """Options shared by several commands, listed in the order --help shows them."""
    def decorate(function: _F) -> _F:
        for option in reversed(decorators):
            function = option(function)
        return function
    return decorate


def summary_options(of: str) -> Callable[[_F], _F]:
    """How long `of` is, its order and its clustering seed (files, stories)."""
    return stacked(
        click.option("-n", "--sentences", type=int, help=f"Sentences in {of} (default 5)."),
        click.option("-w", "--words", type=int, help=f"Word budget of {of}; never exceeded."),
        click.option("-r", "--ratio", type=float, help="Share of the distinct usable sentences, in (0, 1]."),
        click.option("--order", type=click.Choice(ORDERS), default="story", show_default=True,
                     help="story: in the order the story unfolds in the sources; rank: most important first; time: "
                          "in the order first reported (needs publication times)."),
        click.option("--seed", type=int, default=0, show_default=True,
                     help="Seed for clustering (0 to 4,294,967,295); same seed, same summary."),
    )


def model_options(device_help: str = "cpu, cuda, cuda:N or auto.") -> Callable[[_F], _F]:
    """Where and how the model runs (files, stories, batch)."""
    return stacked(
        click.option("--device", default="cpu", show_default=True, help=device_help),
        click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
                     help="auto: onnx on the CPU, torch on a GPU; torch: the model as packaged; onnx: ONNX Runtime, "
                          "CPU only, the same vectors without torch (built on first use)."),
        click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
                     help="Sentences embedded per batch."),
    )


@contextmanager
def reported() -> Iterator[None]:
    """A library error ends the command with one line on stderr and the exit code its class carries."""
    try:
        yield
    except SummarizerError as exc:
        fail(str(exc), exc.exit_code)


def library_notes_to_stderr() -> None:
    """What the library logs (the one-time ONNX build) goes to stderr as `summarize: note: ...`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("summarize: note: %(message)s"))
    library = logging.getLogger("summarizer")
    library.handlers = [handler]
    library.propagate = False


def warn(message: str) -> None:
    click.echo(f"summarize: warning: {message}", err=True)


def fail(message: str, code: int) -> NoReturn:
    click.echo(f"summarize: error: {message}", err=True)
    sys.exit(code)

"""The `summarize` command: summarise articles in local files, directories or standard input.

`summarize PATHS...` runs the default `files` command; other subcommands are named first
(`summarize serve`). Exit codes: 0 success, 2 bad usage or unusable input (one-line reason on
stderr), 1 internal error.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click

from summarizer.embedding.base import BACKENDS, DEFAULT_BACKEND, DEFAULT_BATCH_SIZE
from summarizer.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, SummarizerError
from summarizer.io.reader import read_paths
from summarizer.io.render import FORMATS, render
from summarizer.io.stories import render_stories
from summarizer.pipeline import Summarizer
from summarizer.stages.group import DEFAULT_THRESHOLD
from summarizer.types import ORDERS
from summarizer.version import __version__

if TYPE_CHECKING:
    from summarizer.batch.engine import Engine

_HELP = {"help_option_names": ["-h", "--help"]}


class _DefaultGroup(click.Group):
    """A group whose arguments, unless they start with a subcommand's name, go to the `files` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = ["files", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings=_HELP)
@click.version_option(__version__, prog_name="summarize")
def cli() -> None:
    """Summarise a news story told by several articles: summarize PATHS... [OPTIONS].

    \b
    Examples:
      summarize seeds/
      summarize seeds/ --words 100 --format markdown
      cat article.txt | summarize - --sentences 3
      summarize stories today/ --words 60
      summarize serve --port 8000
    """


@cli.command("files", context_settings=_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-n", "--sentences", type=int, help="Sentences in the summary (default 5).")
@click.option("-w", "--words", type=int, help="Word budget; never exceeded.")
@click.option("-r", "--ratio", type=float, help="Share of the distinct usable sentences, in (0, 1].")
@click.option("--order", type=click.Choice(ORDERS), default="story", show_default=True,
              help="story: in the order the story unfolds in the sources; rank: most important first; time: in the "
                   "order first reported (needs publication times).")
@click.option("--since", help="Only what articles published after this ISO 8601 date-time add "
                              "(e.g. 2024-05-16T12:00:00+08:00).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text: one sentence per line; json: the whole summary; markdown: with sources.")
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda, cuda:N or auto.")
@click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
              help="auto: onnx on the CPU, torch on a GPU; torch: the model as packaged; onnx: int8 ONNX Runtime, "
                   "CPU only, faster (built on first use).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for clustering; same seed, same summary.")
@click.option("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Sentences embedded per batch.")
def summarize_command(
    paths: tuple[str, ...], sentences: int | None, words: int | None, ratio: float | None, order: str,
    since: str | None, fmt: str, device: str, backend: str, seed: int, batch_size: int,
) -> None:
    """(default) Summarise the articles in PATHS: files (.txt, .md, .html, .json), directories of them, or - for
    stdin.

    Each file is one article about the same story; its name without suffix is its id. A text file may open with
    front matter (--- lines of title:, published:, source:, url:); an HTML page gives its title, date and site
    name; a .json file holds one document as the HTTP API takes it.
    Set SUMMARIZER_DEBUG=1 to see the traceback of an internal error.

    \b
    Examples:
      summarize seeds/
      summarize seeds/ --words 100 --format markdown
      cat article.txt | summarize - --sentences 3
      summarize story/ --order time --since 2024-05-16T12:00:00Z
    """
    interactive = sys.stderr.isatty()
    _library_notes_to_stderr()
    with _reported():
        read = read_paths(paths)
        for warning in read.warnings:
            _warn(warning)
        summarizer = Summarizer(device=device, batch_size=batch_size, preload=False, backend=backend, cache_size=0)
        summary = summarizer(read.documents, sentences=sentences, words=words, ratio=ratio,
                             order=order,  # type: ignore[arg-type]
                             seed=seed, since=since, progress=interactive)
    for warning in summary.warnings:
        _warn(warning)
    sys.stdout.write(render(summary, fmt))  # type: ignore[arg-type]


@cli.command("stories", context_settings=_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-n", "--sentences", type=int, help="Sentences in each story's summary (default 5).")
@click.option("-w", "--words", type=int, help="Word budget of each story's summary; never exceeded.")
@click.option("-r", "--ratio", type=float, help="Share of each story's distinct usable sentences, in (0, 1].")
@click.option("--order", type=click.Choice(ORDERS), default="story", show_default=True, help="As for summarize.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text, json or markdown.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True,
              help="Distance under which articles are grouped (0-2); lower gives more, smaller stories.")
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda, cuda:N or auto.")
@click.option("--backend", type=click.Choice(BACKENDS), default="torch", show_default=True, help="torch or onnx.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for clustering; same seed, same summary.")
@click.option("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, show_default=True, help="Sentences per batch.")
def stories_command(
    paths: tuple[str, ...], sentences: int | None, words: int | None, ratio: float | None, order: str, fmt: str,
    threshold: float, device: str, backend: str, seed: int, batch_size: int,
) -> None:
    """Group the articles in PATHS (one pile, read as by the default command) into stories, largest first, and
    summarise each; an article that belongs with no other is a story of its own. E.g. summarize stories today/ -n 3
    """
    from summarizer.stories import tell_stories

    with _reported():
        read = read_paths(paths)
        for warning in read.warnings:
            _warn(warning)
        told = tell_stories(Summarizer(device=device, batch_size=batch_size, preload=False, backend=backend,
                                       cache_size=0), read.documents, sentences=sentences, words=words, ratio=ratio,
                            order=order, seed=seed, threshold=threshold, progress=sys.stderr.isatty())  # type: ignore[arg-type]
    for warning in told.warnings:
        _warn(warning)
    sys.stdout.write(render_stories(told, fmt))  # type: ignore[arg-type]


@cli.command("serve", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def serve_command(ctx: click.Context) -> None:
    """Start the HTTP service (same as summarize-server; --help lists its options)."""
    try:
        from service.__main__ import main as serve_main  # the web stack is imported only here
    except ImportError as exc:
        _fail(f"the HTTP service needs the service extra: pip install 'story-summarizer[service]' ({exc})",
              EXIT_USAGE)
    serve_main(list(ctx.args))


@cli.command("batch", context_settings=_HELP)
@click.argument("stories", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines of summaries, in input order; an existing one is resumed, not replaced.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: one model in this process; ray: a pool of Ray actors, one model each.")
@click.option("--address", help="Ray cluster to join (ray engine), e.g. auto or ray://head:10001; "
                                "a local Ray instance is started when not given.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Ray actors, each with its own model (ray engine; default one per CPU, or per GPU with cuda).")
@click.option("--device", default="cpu", show_default=True,
              help="cpu, cuda, cuda:N or auto; with the ray engine, cuda gives each worker one GPU.")
@click.option("--backend", type=click.Choice(BACKENDS), default=DEFAULT_BACKEND, show_default=True,
              help="auto: onnx on the CPU, torch on a GPU; torch: the model as packaged; onnx: int8 ONNX Runtime, "
                   "CPU only, faster.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Sentences embedded per batch.")
def batch_command(
    stories: str, output: str, engine: str, address: str | None, workers: int | None, device: str, backend: str,
    batch_size: int,
) -> None:
    """Summarise every story in the JSON Lines file STORIES into --output, one line per story.

    \b
    Input, one story per line ("sentences", "words", "ratio", "order" and "seed" are optional):
      {"id": "s1", "documents": [{"id": "reuters", "text": "..."}], "words": 100}
    Output, in input order:
      {"id": "s1", "summary": {...}}
      {"id": "s2", "line": 2, "error": {"code": "no_usable_text", "message": "..."}}

    A story that fails is reported on its line and the batch goes on; the exit code is still 0, and the
    number of failed stories is printed on stderr. Each line is written as soon as it is done: run the same
    command again after a crash and the stories already in --output are skipped (delete a story's line to
    redo it). Exit codes: 0 done, 2 bad usage or unreadable files, 1 internal error (the model or Ray failed).

    \b
    Examples:
      summarize batch-build stories/ -o stories.jsonl --words 100
      summarize batch stories.jsonl -o summaries.jsonl
      summarize batch stories.jsonl -o summaries.jsonl --engine ray --workers 4
      summarize batch stories.jsonl -o summaries.jsonl --engine ray --address auto
    """
    from summarizer.batch.engine import LocalEngine, SummarizerFactory
    from summarizer.batch.run import run_batch

    _library_notes_to_stderr()
    factory = SummarizerFactory(device=device, backend=backend, batch_size=batch_size)
    runner: Engine
    if engine == "local":
        for name, value in (("--address", address), ("--workers", workers)):
            if value is not None:
                raise click.UsageError(f"{name} is for --engine ray; drop it or add --engine ray.")
        runner = LocalEngine(factory)
    else:
        try:
            from summarizer.batch.ray import RayEngine  # Ray is imported only for this engine
        except ImportError as exc:
            _fail(f"the ray engine needs the ray extra: pip install 'story-summarizer[ray]' ({exc})", EXIT_USAGE)
        runner = RayEngine(factory, address=address, workers=workers,
                           gpus_per_worker=1.0 if device.startswith("cuda") else 0.0)
    try:
        with _reported():
            report = run_batch(stories, output, engine=runner)
    except ConnectionError as exc:
        _fail(f"cannot join the Ray cluster at {address or 'RAY_ADDRESS'} ({exc}); check --address, or leave it "
              "out to start Ray on this machine.", EXIT_USAGE)
    if report.repaired:
        _warn(f"the last line of {output} was cut short by an earlier run; it was written again.")
    failed = f", {report.failed} failed (see the \"error\" on their lines)" if report.failed else ""
    skipped = f"; {report.skipped} already in {output} skipped" if report.skipped else ""
    click.echo(f"summarize: {report.written} stories written to {output}{failed}{skipped}.", err=True)


@cli.command("batch-build", context_settings=_HELP)
@click.argument("stories_dir", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The batch file to write (replaced).")
@click.option("--glob", "pattern", help="Where each story's articles are inside its folder, e.g. docs or "
                                        "'docs/*.txt' (default: the folder itself).")
@click.option("-n", "--sentences", type=int, help="Sentences in each summary, written on every line.")
@click.option("-w", "--words", type=int, help="Word budget of each summary, written on every line.")
@click.option("-r", "--ratio", type=float, help="Share of each story's distinct usable sentences, in (0, 1].")
@click.option("--order", type=click.Choice(ORDERS), help="Sentence order, written on every line.")
@click.option("--seed", type=int, help="Clustering seed, written on every line.")
def batch_build_command(
    stories_dir: str, output: str, pattern: str | None, sentences: int | None, words: int | None,
    ratio: float | None, order: str | None, seed: int | None,
) -> None:
    """Write a batch file for `summarize batch` from STORIES_DIR, a folder with one folder per story.

    Each story folder's text files (.txt, .md) are its articles and its name is the story id. A folder with
    no readable articles is left out with a warning. Exit codes: 0 written, 2 bad usage or no story found.

    \b
    Examples:
      summarize batch-build stories/ -o stories.jsonl
      summarize batch-build duc2003/ -o /tmp/duc.jsonl --glob docs --words 100
    """
    from summarizer.batch.build import build_batch

    given = [name for name, value in (("--sentences", sentences), ("--words", words), ("--ratio", ratio))
             if value is not None]
    if len(given) > 1:
        raise click.UsageError(f"give one of --sentences, --words or --ratio, not {' and '.join(given)}.")
    with _reported():
        written, warnings = build_batch(stories_dir, output, glob=pattern, sentences=sentences, words=words,
                                        ratio=ratio, order=order,  # type: ignore[arg-type]
                                        seed=seed)
    for warning in warnings:
        _warn(warning)
    if not written:
        _fail(f"no story in {stories_dir} could be read (see the warnings); {output} is empty.", EXIT_USAGE)
    click.echo(f"summarize: {written} stories written to {output}.", err=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `summarize` console script; never lets a traceback reach the user unasked."""
    try:
        cli.main(args=argv, prog_name="summarize", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        os._exit(EXIT_OK)  # the reader went away (e.g. `| head`); nothing more to say
    except Exception as exc:  # an internal error: report it in one line unless debugging
        if os.environ.get("SUMMARIZER_DEBUG"):
            traceback.print_exc()
        _fail(f"internal error: {type(exc).__name__}: {exc} (set SUMMARIZER_DEBUG=1 for a traceback)",
              EXIT_INTERNAL)


@contextmanager
def _reported() -> Iterator[None]:
    """A library error ends the command with one line on stderr and the exit code its class carries."""
    try:
        yield
    except SummarizerError as exc:
        _fail(str(exc), exc.exit_code)


def _library_notes_to_stderr() -> None:
    """What the library logs (the one-time ONNX build) goes to stderr as `summarize: note: ...`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("summarize: note: %(message)s"))
    library = logging.getLogger("summarizer")
    library.handlers = [handler]
    library.propagate = False


def _warn(message: str) -> None:
    click.echo(f"summarize: warning: {message}", err=True)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"summarize: error: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":
    main()

"""The `summarize` command: summarise articles in local files, directories or standard input.

`summarize PATHS...` runs the default `files` command; other subcommands are named first
(`summarize serve`). Exit codes: 0 success, 2 bad usage or unusable input (one-line reason on
stderr), 1 internal error.
"""

from __future__ import annotations

import os
import sys
import traceback

import click

from summarizer.cli.batch import batch_build_command, batch_command
from summarizer.cli.common import (
    HELP,
    fail,
    library_notes_to_stderr,
    model_options,
    reported,
    summary_options,
    warn,
)
from summarizer.errors import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from summarizer.io.reader import read_paths
from summarizer.io.render import FORMATS, render
from summarizer.io.stories import render_stories
from summarizer.pipeline import Summarizer
from summarizer.stages.group import DEFAULT_THRESHOLD
from summarizer.version import __version__


class _DefaultGroup(click.Group):
    """A group whose arguments, unless they start with a subcommand's name, go to the `files` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help", "--version")):
            args = ["files", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup, context_settings=HELP)
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


@cli.command("files", context_settings=HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@summary_options("the summary")
@click.option("--since", help="Only what articles published after this ISO 8601 date-time add "
                              "(e.g. 2024-05-16T12:00:00+08:00).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="text: one sentence per line; json: the whole summary; markdown: with sources.")
@model_options()
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
    library_notes_to_stderr()
    with reported():
        read = read_paths(paths)
        for warning in read.warnings:
            warn(warning)
        summarizer = Summarizer(device=device, batch_size=batch_size, preload=False, backend=backend, cache_size=0)
        summary = summarizer(read.documents, sentences=sentences, words=words, ratio=ratio,
                             order=order,  # type: ignore[arg-type]
                             seed=seed, since=since, progress=interactive)
    for warning in summary.warnings:
        warn(warning)
    sys.stdout.write(render(summary, fmt))  # type: ignore[arg-type]


@cli.command("stories", context_settings=HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@summary_options("each story's summary")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text, json or markdown.")
@click.option("--threshold", type=float, default=DEFAULT_THRESHOLD, show_default=True,
              help="Distance under which articles are grouped (0-2); lower gives more, smaller stories.")
@model_options()
def stories_command(
    paths: tuple[str, ...], sentences: int | None, words: int | None, ratio: float | None, order: str, fmt: str,
    threshold: float, device: str, backend: str, seed: int, batch_size: int,
) -> None:
    """Group the articles in PATHS (one pile, read as by the default command) into stories, largest first, and
    summarise each; an article that belongs with no other is a story of its own. E.g. summarize stories today/ -n 3
    """
    from summarizer.stories import tell_stories

    library_notes_to_stderr()
    with reported():
        read = read_paths(paths)
        for warning in read.warnings:
            warn(warning)
        told = tell_stories(Summarizer(device=device, batch_size=batch_size, preload=False, backend=backend,
                                       cache_size=0), read.documents, sentences=sentences, words=words, ratio=ratio,
                            order=order, seed=seed, threshold=threshold, progress=sys.stderr.isatty())  # type: ignore[arg-type]
    for warning in told.warnings:
        warn(warning)
    sys.stdout.write(render_stories(told, fmt))  # type: ignore[arg-type]


@cli.command("serve", add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def serve_command(ctx: click.Context) -> None:
    """Start the HTTP service (same as summarize-server; --help lists its options)."""
    try:
        from service.__main__ import main as serve_main  # the web stack is imported only here
    except ImportError as exc:
        fail(f"the HTTP service needs the service extra: pip install 'story-summarizer[service]' ({exc})",
              EXIT_USAGE)
    serve_main(list(ctx.args))


cli.add_command(batch_command)
cli.add_command(batch_build_command)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `summarize` console script; never lets a traceback reach the user unasked."""
    try:
        cli.main(args=argv, prog_name="summarize", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        os._exit(EXIT_OK)  # the reader went away (e.g. `| head`); nothing more to say
    except Exception as exc:  # an internal error: report it in one line unless debugging
        if os.environ.get("SUMMARIZER_DEBUG"):
            traceback.print_exc()
        fail(f"internal error: {type(exc).__name__}: {exc} (set SUMMARIZER_DEBUG=1 for a traceback)",
              EXIT_INTERNAL)


if __name__ == "__main__":
    main()

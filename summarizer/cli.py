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

from summarizer import __version__
from summarizer.errors import InputError, InvalidOptionError, ModelError, SummarizerError
from summarizer.pipeline import Summarizer
from summarizer.reader import read_paths
from summarizer.render import render

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2
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
      summarize serve --port 8000
    """


@cli.command("files", context_settings=_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-n", "--sentences", type=int, help="Sentences in the summary (default 5).")
@click.option("-w", "--words", type=int, help="Word budget; never exceeded.")
@click.option("-r", "--ratio", type=float, help="Share of the distinct usable sentences, in (0, 1].")
@click.option("--order", type=click.Choice(["story", "rank"]), default="story", show_default=True,
              help="story: in the order the story unfolds in the sources; rank: most important first.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text: one sentence per line; json: the whole summary; markdown: with sources.")
@click.option("--device", default="cpu", show_default=True, help="cpu, cuda, cuda:N or auto.")
@click.option("--backend", type=click.Choice(["torch", "onnx"]), default="torch", show_default=True,
              help="torch: the model as packaged; onnx: int8 ONNX Runtime, CPU only, faster (built on first use).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for clustering; same seed, same summary.")
@click.option("--batch-size", type=int, default=64, show_default=True, help="Sentences embedded per batch.")
def summarize_command(
    paths: tuple[str, ...], sentences: int | None, words: int | None, ratio: float | None, order: str,
    fmt: str, device: str, backend: str, seed: int, batch_size: int,
) -> None:
    """(default) Summarise the articles in PATHS: files (.txt, .md), directories of them, or - for stdin.

    Each file is one article about the same story; its name without suffix is its id.
    Set SUMMARIZER_DEBUG=1 to see the traceback of an internal error.

    \b
    Examples:
      summarize seeds/
      summarize seeds/ --words 100 --format markdown
      cat article.txt | summarize - --sentences 3
    """
    interactive = sys.stderr.isatty()
    try:
        read = read_paths(paths)
        for warning in read.warnings:
            _warn(warning)
        summarizer = Summarizer(device=device, batch_size=batch_size, preload=False, backend=backend, cache_size=0)
        summary = summarizer(read.documents, sentences=sentences, words=words, ratio=ratio,
                             order=order,  # type: ignore[arg-type]
                             seed=seed, progress=interactive)
    except (InputError, InvalidOptionError) as exc:
        _fail(str(exc), EXIT_USAGE)
    except ModelError as exc:
        _fail(str(exc), EXIT_INTERNAL)
    except SummarizerError as exc:
        _fail(str(exc), EXIT_INTERNAL)
    for warning in summary.warnings:
        _warn(warning)
    sys.stdout.write(render(summary, fmt))  # type: ignore[arg-type]


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


def _warn(message: str) -> None:
    click.echo(f"summarize: warning: {message}", err=True)


def _fail(message: str, code: int) -> None:
    click.echo(f"summarize: error: {message}", err=True)
    sys.exit(code)


if __name__ == "__main__":
    main()

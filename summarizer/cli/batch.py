"""`summarize batch` and `summarize batch-build`: many stories from JSON Lines, and that file from folders."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from summarizer.cli.common import HELP, fail, library_notes_to_stderr, model_options, reported, warn
from summarizer.errors import EXIT_USAGE
from summarizer.types import ORDERS

if TYPE_CHECKING:
    from summarizer.batch.engine import Engine


@click.command("batch", context_settings=HELP)
@click.argument("stories", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="JSON Lines of summaries, in input order; an existing one is resumed, not replaced.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: one model in this process; ray: a pool of Ray actors, one model each.")
@click.option("--address", help="Ray cluster to join (ray engine), e.g. auto or ray://head:10001; "
                                "a local Ray instance is started when not given.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Ray actors, each with its own model (ray engine; default one per CPU, or per GPU with cuda).")
@model_options("cpu, cuda, cuda:N or auto; with the ray engine, cuda gives each worker one GPU.")
def batch_command(
    stories: str, output: str, engine: str, address: str | None, workers: int | None, device: str, backend: str,
    batch_size: int,
) -> None:
    """Summarise every story in the JSON Lines file STORIES into --output, one line per story.

    \b
    Input, one story per line ("sentences", "words", "ratio", "order", "seed" and "since" are optional;
    "pile": true with an optional "threshold" tells a pile of stories):
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

    library_notes_to_stderr()
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
            fail(f"the ray engine needs the ray extra: pip install 'story-summarizer[ray]' ({exc})", EXIT_USAGE)
        runner = RayEngine(factory, address=address, workers=workers,
                           gpus_per_worker=1.0 if device.startswith("cuda") else 0.0)
    try:
        with reported():
            report = run_batch(stories, output, engine=runner)
    except ConnectionError as exc:
        fail(f"cannot join the Ray cluster at {address or 'RAY_ADDRESS'} ({exc}); check --address, or leave it "
              "out to start Ray on this machine.", EXIT_USAGE)
    if report.repaired:
        warn(f"the last line of {output} was cut short by an earlier run; it was written again.")
    failed = f", {report.failed} failed (see the \"error\" on their lines)" if report.failed else ""
    skipped = f"; {report.skipped} already in {output} skipped" if report.skipped else ""
    click.echo(f"summarize: {report.written} stories written to {output}{failed}{skipped}.", err=True)


@click.command("batch-build", context_settings=HELP)
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

    Each story folder's article files (.txt, .md, .html, .htm) are its articles and its name is the story id. A
    folder with no readable articles is left out with a warning. Exit codes: 0 written, 2 bad usage or no story
    found.

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
    with reported():
        written, warnings = build_batch(stories_dir, output, glob=pattern, sentences=sentences, words=words,
                                        ratio=ratio, order=order,  # type: ignore[arg-type]
                                        seed=seed)
    for warning in warnings:
        warn(warning)
    if not written:
        fail(f"no story in {stories_dir} could be read (see the warnings); {output} is empty.", EXIT_USAGE)
    click.echo(f"summarize: {written} stories written to {output}.", err=True)

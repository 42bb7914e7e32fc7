"""`batch-build`: a batch input file made from a folder with one folder of articles per story."""

from __future__ import annotations

import os
from pathlib import Path

from summarizer.batch.records import encode
from summarizer.errors import InputError, NoDocumentsError, UnreadableFileError
from summarizer.io.documents import METADATA_FIELDS
from summarizer.io.reader import read_paths
from summarizer.types import Order


def build_batch(
    stories_dir: str | Path, output: str | Path, *, glob: str | None = None, sentences: int | None = None,
    words: int | None = None, ratio: float | None = None, order: Order | None = None, seed: int | None = None,
) -> tuple[int, list[str]]:
    """Write a batch file with one story per subfolder of `stories_dir`, its text files (via `read_paths`) the
    documents, with what metadata they carry, and the folder's name the story id; options given are written on
    every line.

    Args:
        stories_dir: a folder of story folders.
        output: the JSON Lines file to write (replaced).
        glob: where the documents are inside each story folder (e.g. "docs" or "docs/*.txt"); the folder itself
            when None.

    Returns:
        The number of stories written and a warning for each folder left out (and why) or read with trouble.

    Raises:
        NoDocumentsError: `stories_dir` holds no story folders.

    Example:
        >>> build_batch("/data/duc2003", "/tmp/stories.jsonl", glob="docs", words=100)  # doctest: +SKIP
        (39, [])
    """
    root = Path(stories_dir)
    if not root.is_dir():
        raise UnreadableFileError(f"{root} is not a directory; give a folder that holds one folder per story.")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise NoDocumentsError(f"{root} holds no story folders; put each story's articles in a folder of its own.")
    options = {name: value for name, value in (("sentences", sentences), ("words", words), ("ratio", ratio),
                                              ("order", order), ("seed", seed)) if value is not None}
    written, warnings = 0, []
    temporary = Path(f"{output}.part")
    with temporary.open("w", encoding="utf-8") as handle:
        for folder in folders:
            paths = sorted(folder.glob(glob)) if glob else [folder]
            if not paths:
                warnings.append(f"{folder.name}: nothing matches {glob!r} in {folder}; story left out.")
                continue
            try:
                read = read_paths(paths)
            except InputError as exc:
                warnings.append(f"{folder.name}: {exc} Story left out.")
                continue
            warnings.extend(f"{folder.name}: {warning}" for warning in read.warnings)
            documents = [{"id": d.id, "text": d.text, **{name: str(getattr(d, name)) for name in METADATA_FIELDS
                                                          if getattr(d, name) is not None}} for d in read.documents]
            handle.write(encode({"id": folder.name, "documents": documents, **options}) + "\n")
            written += 1
    os.replace(temporary, output)
    return written, warnings

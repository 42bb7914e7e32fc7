"""Reads articles from files, directories and standard input into `Document`s, losing nothing silently.

Text is decoded as UTF-8 without newline translation, so offsets index the file's own characters
(a leading byte-order mark is dropped). Invalid UTF-8 is decoded with U+FFFD replacements and reported.
A .html/.htm file is read as a web page (its article text, title, date and site name), a .json file as one
document in the HTTP API's shape, any other as plain text that may open with front matter.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputTooLargeError, NoDocumentsError, UnreadableFileError
from summarizer.io.documents import from_html, from_json, from_text
from summarizer.types import Document

#: File name suffixes read from directories; a file named explicitly is read whatever its suffix (a .json file only
#: then, as a directory may hold JSON that is not an article).
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
#: Bytes read from one file at most; past it the file is refused rather than cut.
MAX_FILE_BYTES = 5_000_000
_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class ReadResult:
    """The documents read, in a stable order, and what was worth telling the user about them."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...]


def decode(data: bytes, *, name: str) -> tuple[str, list[str]]:
    """Decode file bytes to text, refusing binary data and reporting invalid UTF-8.

    Example:
        >>> decode("Putin arrived.".encode(), name="a.txt")
        ('Putin arrived.', [])
    """
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise UnreadableFileError(
            f"{name} looks binary (it contains NUL bytes); give plain-text articles (.txt or .md)."
        )
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        warnings.append(
            f"{name} is not valid UTF-8 (first bad byte at offset {exc.start}); "
            "undecodable bytes were replaced with U+FFFD. Re-save it as UTF-8 to keep them."
        )
    return text, warnings


def read_paths(paths: Sequence[str | Path], *, stdin: Iterable[bytes] | None = None) -> ReadResult:
    """Read every file named, every article file (.txt, .md, .html, .htm) directly inside every directory named,
    and one article from standard input for the path "-".

    Document ids are file stems ("stdin" for "-"), or the "id" of a .json file; a repeated stem is made unique with
    its path. HTML files give the text extracted from them (which offsets then index), and their title,
    publication time and site name; a text file's opening front matter (--- lines of `title:`, `published:`,
    `source:`, `url:`) gives its metadata.

    Example:
        >>> result = read_paths(["seeds/"])  # doctest: +SKIP
        >>> [d.id for d in result.documents]  # doctest: +SKIP
    """
    if not paths:
        raise NoDocumentsError("No input given: name one or more article files or directories, or - for stdin.")
    named: list[tuple[str, bytes]] = []
    for raw in paths:
        if str(raw) == "-":
            source = stdin if stdin is not None else [sys.stdin.buffer.read(MAX_FILE_BYTES + 1)]
            named.append(("stdin", _limited(b"".join(source), "standard input")))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir()
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            )
            if not files:
                raise NoDocumentsError(
                    f"{path} holds no text files; put one article per .txt, .md or .html file in it."
                )
            named.extend((str(p), _read_file(p)) for p in files)
        elif path.is_file():
            named.append((str(path), _read_file(path)))
        elif path.exists():
            raise UnreadableFileError(f"{path} is neither a regular file nor a directory.")
        else:
            raise UnreadableFileError(f"{path} does not exist; check the path.")

    documents: list[Document] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for name, data in named:
        text, decode_warnings = decode(data, name=name)
        warnings.extend(decode_warnings)
        doc_id = "stdin" if name == "stdin" else Path(name).stem
        if doc_id in seen:
            doc_id = name
        document = _document(doc_id, text, name, warnings)
        seen.add(document.id)
        documents.append(document)
    return ReadResult(documents=tuple(documents), warnings=tuple(warnings))


def _document(doc_id: str, text: str, name: str, warnings: list[str]) -> Document:
    """The document a file's text holds, by its suffix."""
    suffix = Path(name).suffix.lower() if name != "stdin" else ""
    if suffix in HTML_SUFFIXES:
        return from_html(doc_id, text)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UnreadableFileError(f"{name} is not valid JSON ({exc}); give one document object.") from exc
        return from_json(data, default_id=doc_id, name=name)
    document, notes = from_text(doc_id, text)
    warnings.extend(notes)
    return document


def _read_file(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return _limited(handle.read(MAX_FILE_BYTES + 1), str(path))
    except OSError as exc:
        raise UnreadableFileError(f"{path} cannot be read ({exc.strerror}); check its permissions.") from exc


def _limited(data: bytes, name: str) -> bytes:
    if len(data) > MAX_FILE_BYTES:
        raise InputTooLargeError(
            f"{name} is over {MAX_FILE_BYTES:,} bytes; split it into articles or summarise it in parts."
        )
    return data

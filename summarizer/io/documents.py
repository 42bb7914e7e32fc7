"""A `Document` from what a file holds: plain text (perhaps opening with front matter), an HTML page, or one
document in the HTTP API's JSON shape (`{"id", "text" or "html", "published", "title", "source", "url"}`)."""

from __future__ import annotations

from typing import Any

from summarizer.errors import UnreadableFileError
from summarizer.io.html import read_html
from summarizer.stages.clean import front_matter
from summarizer.types import Document

#: The optional notes a document may carry, in the library, the API, batch lines, JSON files and front matter.
METADATA_FIELDS = ("published", "title", "source", "url")
#: The fields of a document in the API's shape.
DOCUMENT_FIELDS = ("id", "text", "html", *METADATA_FIELDS)


def from_text(doc_id: str, text: str) -> tuple[Document, list[str]]:
    """A plain-text article; a front-matter block opening it gives its metadata (and stays in its text, where
    cleaning skips it, so offsets still count from the first character). Also returns warnings for keys of the
    block that are not used.

    Example:
        >>> document, _ = from_text("cnn", "---\\ntitle: Putin in Beijing\\n---\\nPutin arrived in Beijing.")
        >>> document.title, document.text.startswith("---")
        ('Putin in Beijing', True)
    """
    fields = front_matter(text).fields
    unused = sorted(set(fields) - set(METADATA_FIELDS))
    warnings = [f"{doc_id}: front-matter key(s) {', '.join(unused)} not used (only {', '.join(METADATA_FIELDS)} "
                "are)"] if unused else []
    notes = {key: fields[key] for key in METADATA_FIELDS if fields.get(key)}
    return Document(id=doc_id, text=text, **notes), warnings


def from_html(doc_id: str, html: str, **given: str | None) -> Document:
    """An HTML page's article: its extracted text, and its title, publication time, site name and address from
    the page where `given` leaves them out (what is given wins)."""
    page = read_html(html)
    found = {"published": page.published, "title": page.title, "source": page.source, "url": page.url}
    notes = {key: given.get(key) or found[key] for key in METADATA_FIELDS}
    return Document(id=doc_id, text=page.text, **notes)


def from_json(data: Any, *, default_id: str, name: str) -> Document:
    """One document in the API's shape, read from the file `name`; its id is `default_id` when it has none.

    Raises:
        UnreadableFileError: not an object, an unknown field, not exactly one of text and html, a field that is
            not a string.
    """
    shape = 'one {"text": ...} or {"html": ...} object, with optional id, published, title, source, url'
    if not isinstance(data, dict):
        raise UnreadableFileError(f"{name} holds a JSON {type(data).__name__}; it must hold {shape}.")
    unknown = sorted(set(data) - set(DOCUMENT_FIELDS))
    if unknown:
        raise UnreadableFileError(f"{name} has unknown field(s) {', '.join(map(repr, unknown))}; it must hold {shape}.")
    wrong = [key for key, value in data.items() if value is not None and not isinstance(value, str)]
    if wrong:
        raise UnreadableFileError(f"{name}: {', '.join(map(repr, wrong))} must be string(s).")
    if (data.get("text") is None) == (data.get("html") is None):
        raise UnreadableFileError(f"{name} must give exactly one of \"text\" or \"html\"; it must hold {shape}.")
    doc_id = data.get("id") or default_id
    notes = {key: data.get(key) for key in METADATA_FIELDS}
    if data.get("html") is not None:
        return from_html(doc_id, data["html"], **notes)
    return Document(id=doc_id, text=data["text"], **notes)

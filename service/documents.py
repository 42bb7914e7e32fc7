"""Turns the documents of a request into the library's `Document`s: ids given or generated, HTML made text (by the
library's `summarizer.io.html`, as the CLI reads .html files), metadata carried over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.schemas import DocumentIn
from summarizer import Document, Limits
from summarizer.io.documents import METADATA_FIELDS, from_html


@dataclass(frozen=True)
class Prepared:
    """The documents to summarise, and the text extracted from each HTML document (by id)."""

    documents: tuple[Document, ...]
    extracted: dict[str, str]

    @property
    def empty(self) -> list[str]:
        """The ids of the HTML documents in which no article text was found."""
        return [doc_id for doc_id, text in self.extracted.items() if not text.strip()]

    def noted(self, warnings: Sequence[str]) -> tuple[str, ...]:
        """`warnings` led by one for each HTML document in which no article text was found, in place of what the
        library says of it (that it is empty, or has no usable sentence): one warning for one problem."""
        empty = self.empty
        return (tuple(f"{doc_id}: no article text was found in its HTML; it was left out." for doc_id in empty)
                + tuple(w for w in warnings if not w.startswith(tuple(f"{doc_id}: " for doc_id in empty))))


def document_ids(documents: Sequence[DocumentIn]) -> list[str]:
    """The id of each document: its own, or `doc-N` for the N-th (1-based), made unique against the ids given.

    Example:
        >>> document_ids([DocumentIn(text="a"), DocumentIn(id="doc-1", text="b"), DocumentIn(text="c")])
        ['doc-1-1', 'doc-1', 'doc-3']
    """
    taken = {d.id for d in documents if d.id is not None}
    ids = []
    for number, document in enumerate(documents, start=1):
        if document.id is not None:
            ids.append(document.id)
            continue
        candidate, suffix = f"doc-{number}", 0
        while candidate in taken:
            suffix += 1
            candidate = f"doc-{number}-{suffix}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def check_size(documents: Sequence[DocumentIn], limits: Limits) -> None:
    """Refuse more documents than the limit, or more characters of text than the limits, before any work is spent
    on them (the library checks again, the text extracted from HTML pages too)."""
    texts = zip(document_ids(documents), (d.text for d in documents), strict=True)
    limits.check_size(len(documents), [(doc_id, len(text)) for doc_id, text in texts if text is not None])


def prepare(documents: Sequence[DocumentIn]) -> Prepared:
    """The library documents for a request's documents (HTML extraction is CPU work: call it off the loop); an HTML
    document's title, publication time, site name and address come from the page where the request leaves them
    out."""
    prepared: list[Document] = []
    extracted: dict[str, str] = {}
    for doc_id, document in zip(document_ids(documents), documents, strict=True):
        notes = {name: getattr(document, name) for name in METADATA_FIELDS}
        if document.html is not None:
            prepared.append(from_html(doc_id, document.html, **notes))
            extracted[doc_id] = prepared[-1].text
        else:
            prepared.append(Document(id=doc_id, text=document.text or "", **notes))
    return Prepared(documents=tuple(prepared), extracted=extracted)

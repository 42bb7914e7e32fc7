"""Extractive multi-document summarisation: the few sentences that tell a story, traced to their sources.

Example:
    >>> from summarizer import Document, Summarizer
    >>> summarizer = Summarizer(device="cpu")  # doctest: +SKIP
    >>> summary = summarizer([Document("a", text_a), Document("b", text_b)], sentences=5)  # doctest: +SKIP
    >>> for sentence in summary.sentences:  # doctest: +SKIP
    ...     print(sentence.document_id, sentence.start, sentence.end, sentence.text)
"""

from __future__ import annotations

from summarizer.embed import MODEL_NAME, Embedder, SentenceTransformerEmbedder
from summarizer.errors import (
    DeviceUnavailableError,
    InputError,
    InputTooLargeError,
    InvalidOptionError,
    ModelError,
    NoDocumentsError,
    NoUsableTextError,
    StoppedError,
    SummarizerError,
    UnreadableFileError,
)
from summarizer.limits import DEFAULT_SENTENCES, Limits
from summarizer.pipeline import Summarizer, summarize
from summarizer.reader import ReadResult, read_paths
from summarizer.selection import Weights
from summarizer.types import (
    Cluster,
    Document,
    DocumentInfo,
    Order,
    Parameters,
    Sentence,
    Summary,
    SummarySentence,
    Support,
)
from summarizer.version import __version__

__all__ = [
    "DEFAULT_SENTENCES", "MODEL_NAME", "Cluster", "DeviceUnavailableError", "Document", "DocumentInfo",
    "Embedder", "InputError", "InputTooLargeError", "InvalidOptionError", "Limits", "ModelError",
    "NoDocumentsError", "NoUsableTextError", "Order", "Parameters", "ReadResult", "Sentence",
    "SentenceTransformerEmbedder", "StoppedError", "Summarizer", "Summary", "SummarySentence", "SummarizerError",
    "Support", "UnreadableFileError", "Weights", "__version__", "read_paths", "summarize",
]

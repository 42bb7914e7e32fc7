"""Extractive multi-document summarisation: the few sentences that tell a story, traced to their sources.

This module is the public facade: every name in `__all__` is importable from `summarizer`, wherever it is
defined (the layout is drawn in docs/architecture.md).

Example:
    >>> from summarizer import Document, Summarizer
    >>> summarizer = Summarizer(device="cpu")  # doctest: +SKIP
    >>> summary = summarizer([Document("a", text_a), Document("b", text_b)], sentences=5)  # doctest: +SKIP
    >>> for sentence in summary.sentences:  # doctest: +SKIP
    ...     print(sentence.document_id, sentence.start, sentence.end, sentence.text)
"""

from __future__ import annotations

from summarizer.embedding.base import MODEL_NAME, Backend, Embedder
from summarizer.embedding.torch import SentenceTransformerEmbedder
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
from summarizer.io.reader import ReadResult, read_paths
from summarizer.limits import DEFAULT_SENTENCES, Length, Limits
from summarizer.pipeline import Summarizer, summarize
from summarizer.stages.select import Weights
from summarizer.stories import tell_stories
from summarizer.types import (
    Cluster,
    Disagreement,
    Document,
    DocumentInfo,
    FigureValue,
    FirstReport,
    Order,
    Parameters,
    Sentence,
    Stories,
    Story,
    StoryParameters,
    Summary,
    SummarySentence,
    Support,
)
from summarizer.version import __version__

__all__ = [
    "__version__",
    "Backend",
    "Cluster",
    "DEFAULT_SENTENCES",
    "DeviceUnavailableError",
    "Disagreement",
    "Document",
    "DocumentInfo",
    "Embedder",
    "FigureValue",
    "FirstReport",
    "InputError",
    "InputTooLargeError",
    "InvalidOptionError",
    "Length",
    "Limits",
    "MODEL_NAME",
    "ModelError",
    "NoDocumentsError",
    "NoUsableTextError",
    "Order",
    "Parameters",
    "read_paths",
    "ReadResult",
    "Sentence",
    "SentenceTransformerEmbedder",
    "StoppedError",
    "Stories",
    "Story",
    "StoryParameters",
    "summarize",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "SummarySentence",
    "Support",
    "tell_stories",
    "UnreadableFileError",
    "Weights",
]

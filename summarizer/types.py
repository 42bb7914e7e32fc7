"""The plain, immutable values that flow through the pipeline and make up a `Summary`.

Identity is position, never text: a sentence is (document id, index, start, end), so two outlets
carrying the same wire copy stay two sentences.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

#: How the summary's sentences are ordered: as the story unfolds in the sources, most important first, or in the
#: order the points were first reported (by the articles' `published` times).
Order = Literal["story", "rank", "time"]
ORDERS: tuple[Order, ...] = get_args(Order)
#: Optional fields left out of `Summary.to_dict()` when unset, so a story without times reads as before.
_OMITTED_WHEN_NONE = frozenset({"first_reported", "new", "published", "title", "source", "url", "since",
                                "same_source_as"})


@dataclass(frozen=True)
class Document:
    """One article: an id and its text exactly as read; all offsets index into `text`.

    `published` is when it was published: an ISO 8601 date or date-time string (a date alone means its start;
    UTC unless an offset is given) or a `datetime`; `title`, `source` (the outlet's name) and `url` are notes
    carried into the summary. All four are optional.

    Example:
        >>> Document(id="reuters", text="Putin arrived in Beijing. Xi met him.").id
        'reuters'
        >>> Document("ap", "Putin arrived.", published="2024-05-16T09:30:00+08:00", source="AP").source
        'AP'
    """

    id: str
    text: str
    published: str | datetime | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: `text == document.text[start:end]`, verbatim.

    `position` is the sentence's index among the document's kept sentences (0 = lead);
    `candidate` says whether it may be chosen for a summary (headlines, captions, fragments may not).
    """

    document_id: str
    position: int
    start: int
    end: int
    text: str
    candidate: bool = True
    reason: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    def display(self) -> str:
        """The text with hard line breaks and runs of white space collapsed to one space."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Unit:
    """One distinct sentence to choose from: its display text, its document (index) and position there, its
    length in words, and the documents (indexes) carrying it or a copy of it."""

    text: str
    document: int
    position: int
    words: int
    documents: frozenset[int]


@dataclass(frozen=True)
class Support:
    """A sentence in another article that reports the same thing as a summary sentence."""

    document_id: str
    start: int
    end: int
    text: str
    similarity: float
    published: str | None = None


@dataclass(frozen=True)
class FirstReport:
    """The earliest article (by `published`; ties by input order) that reports a point or a paraphrase of it."""

    document_id: str
    published: str


@dataclass(frozen=True)
class FigureValue:
    """A figure as one article gives it: `text == document.text[start:end]`."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Disagreement:
    """One figure of a point that articles report differently: the summary sentence's value first."""

    values: tuple[FigureValue, ...]


@dataclass(frozen=True)
class SummarySentence:
    """A chosen sentence, where it comes from, why it was chosen, and who else reports it."""

    text: str
    document_id: str
    start: int
    end: int
    position: int
    cluster: int
    cluster_size: int
    rank: int
    score: float
    support: tuple[Support, ...] = ()
    first_reported: FirstReport | None = None
    new: bool | None = None
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True)
class Cluster:
    """A topic found in the story: its size, the articles it covers and its most telling terms."""

    id: int
    size: int
    documents: tuple[str, ...]
    terms: tuple[str, ...]
    importance: float
    selected: bool


@dataclass(frozen=True)
class DocumentInfo:
    """What became of one input document."""

    id: str
    characters: int
    sentences: int
    candidates: int
    dropped_lines: int
    repeated_sentences: int
    selected: int
    warnings: tuple[str, ...] = ()
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    same_source_as: str | None = None


@dataclass(frozen=True)
class Parameters:
    """The options a summary was made with, after defaults and limits were applied."""

    sentences: int | None
    words: int | None
    ratio: float | None
    order: Order
    seed: int
    clusters: int
    model: str
    dimension: int
    device: str
    since: str | None = None


@dataclass(frozen=True)
class Summary:
    """The result of summarising a story: the sentences, their sources, and how they were found.

    Example:
        >>> summary = summarize([Document("a", text_a), Document("b", text_b)], sentences=3)  # doctest: +SKIP
        >>> print(summary.text)  # doctest: +SKIP
    """

    sentences: tuple[SummarySentence, ...]
    clusters: tuple[Cluster, ...]
    documents: tuple[DocumentInfo, ...]
    parameters: Parameters
    warnings: tuple[str, ...] = ()
    text: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain JSON-ready data (the shape the HTTP API and `--format json` return); the
        optional notes that are unset (`first_reported`, `new`, `published`, `since`, ...) are left out."""
        return dataclasses.asdict(self, dict_factory=_without_unset)


@dataclass(frozen=True)
class StoryParameters:
    """How a pile was grouped into stories, and the options every story was summarised with."""

    documents: int
    stories: int
    threshold: float
    linkage: str
    sentences: int | None
    words: int | None
    ratio: float | None
    order: Order
    seed: int
    model: str


@dataclass(frozen=True)
class Story:
    """One story found in a pile: an id that is the same for the same articles, the ids of its articles (in
    input order), a label (its most telling terms) and its `Summary`."""

    id: str
    label: str
    documents: tuple[str, ...]
    summary: Summary


@dataclass(frozen=True)
class Stories:
    """A pile of articles told as stories: largest first, ties by the input position of their first article.

    Example:
        >>> stories = tell_stories(Summarizer(FakeEmbedder()), documents, sentences=3)  # doctest: +SKIP
        >>> [(s.label, len(s.documents)) for s in stories.stories]  # doctest: +SKIP
    """

    stories: tuple[Story, ...]
    parameters: StoryParameters
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The stories as plain JSON-ready data (the shape of `summarize stories --format json` and of a job's
        result): {"stories": [{"id", "label", "documents", "summary"}], "parameters": {...}}."""
        return dataclasses.asdict(self, dict_factory=_without_unset)


def _without_unset(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    return {key: value for key, value in items if value is not None or key not in _OMITTED_WHEN_NONE}

"""From a pile of articles to its stories: embed every article once, group the articles, summarise each group.

The three steps are separate functions so that an engine can spread the embedding and the summaries over
workers and group once on the gathered vectors (`summarizer.batch.ray`); `tell_stories` runs them in one process.
The sentences are embedded through the summariser's embedder (its cache included), and each story's summary
reads the vectors computed for the grouping: nothing is embedded twice.

Example:
    >>> from summarizer import Document, Summarizer
    >>> from summarizer.testing import FakeEmbedder
    >>> documents = [Document("a", "Putin met Xi in Beijing on Thursday for two days of talks."),
    ...              Document("b", "Xi met Putin in Beijing on Thursday for talks on trade."),
    ...              Document("c", "Floods on the Yangtze river forced thousands from their homes.")]
    >>> stories = tell_stories(Summarizer(FakeEmbedder()), documents, sentences=1)
    >>> [story.documents for story in stories.stories]
    [('a', 'b'), ('c',)]
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.embedding.base import Embedder
from summarizer.errors import InvalidOptionError, NoUsableTextError, StoppedError
from summarizer.limits import DEFAULT_SENTENCES, Length, Limits, check_input
from summarizer.pipeline import Summarizer
from summarizer.stages.group import (
    DEFAULT_LINKAGE,
    DEFAULT_THRESHOLD,
    LINKAGES,
    Grouping,
    Linkage,
    document_vector,
    group_documents,
    story_id,
)
from summarizer.types import Document, Order, Stories, Story, StoryParameters, Summary


@dataclass(frozen=True)
class Options:
    """How a pile is grouped and how each story is summarised (the options of `Summarizer.__call__`)."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    order: Order = "story"
    seed: int = 0
    threshold: float = DEFAULT_THRESHOLD
    linkage: Linkage = DEFAULT_LINKAGE

    def check(self, documents: Sequence[Document], limits: Limits) -> None:
        """Refuse options or a pile the summariser does not accept, before any model work."""
        if not (0.0 < self.threshold <= 2.0):
            raise InvalidOptionError(f"threshold must be more than 0 and at most 2 (a cosine distance), "
                                     f"not {self.threshold}.")
        if self.linkage not in LINKAGES:
            raise InvalidOptionError(f"linkage must be {' or '.join(map(repr, LINKAGES))}, not {self.linkage!r}.")
        check_input(documents, Length(sentences=self.sentences, words=self.words, ratio=self.ratio),
                    order=self.order, limits=limits, seed=self.seed)


@dataclass(frozen=True)
class ArticleVectors:
    """What the grouping needs of one article: its usable sentences' texts, positions and vectors (what its
    summary will embed), from which its meaning vector is made, and its wording (its sentences, joined)."""

    texts: tuple[str, ...]
    positions: tuple[int, ...]
    vectors: np.ndarray
    wording: str


def embed_articles(
    summarizer: Summarizer, documents: Sequence[Document], *, progress: bool = False,
) -> list[ArticleVectors]:
    """Embed the usable sentences of every article in one call to the summariser's embedder (so its cache keeps
    them), each distinct sentence once."""
    prepared = [summarizer.prepare(d) for d in documents]
    per_article = [[(s.display(), s.position) for s in p.split.sentences if s.candidate] for p in prepared]
    distinct = list(dict.fromkeys(text for article in per_article for text, _ in article))
    encoded = np.asarray(summarizer.embedder.encode(distinct, progress=progress), dtype=np.float32)
    row = {text: i for i, text in enumerate(distinct)}
    dimension = summarizer.embedder.dimension
    return [ArticleVectors(tuple(t for t, _ in a), tuple(p for _, p in a),
                           encoded[[row[t] for t, _ in a]] if a else np.zeros((0, dimension), np.float32),
                           "\n".join(s.text for s in p.split.sentences))
            for a, p in zip(per_article, prepared, strict=True)]


def group_articles(
    ids: Sequence[str], vectors: Sequence[ArticleVectors], *, dimension: int, threshold: float = DEFAULT_THRESHOLD,
    linkage: Linkage = DEFAULT_LINKAGE,
) -> Grouping:
    """Group the articles (their ids and vectors) into stories: no model work, so it can run where no model is."""
    dense = np.stack([document_vector(v.vectors, v.positions, dimension=dimension) for v in vectors])
    return group_documents(ids, dense, [v.wording for v in vectors], threshold=threshold, linkage=linkage)


def summarise_story(
    summarizer: Summarizer, documents: Sequence[Document], known: Mapping[str, np.ndarray], options: Options,
    *, limits: Limits | None = None, should_stop: Callable[[], bool] | None = None,
) -> Summary:
    """The summary of one story's articles, exactly as `summarizer(documents, ...)` gives it, reading the
    sentences' vectors from `known` (those of the grouping) before asking the model; `limits` are the pile's."""
    reader = copy.copy(summarizer)  # the same model, caches and weights; another embedder and limits
    reader.embedder = KnownVectors(known, summarizer.embedder)
    reader.limits = limits or summarizer.limits
    return reader(documents, sentences=options.sentences, words=options.words, ratio=options.ratio,
                  order=options.order, seed=options.seed, should_stop=should_stop)


def tell_stories(
    summarizer: Summarizer, documents: Sequence[Document], *, sentences: int | None = None,
    words: int | None = None, ratio: float | None = None, order: Order = "story", seed: int = 0,
    threshold: float = DEFAULT_THRESHOLD, linkage: Linkage = DEFAULT_LINKAGE, limits: Limits | None = None,
    progress: bool = False, should_stop: Callable[[], bool] | None = None,
) -> Stories:
    """Group a pile of articles into stories and summarise each one.

    Args:
        summarizer: the loaded summariser (its embedder and caches are used).
        documents: the pile, each article with a unique id.
        sentences, words, ratio, order, seed: each story's summary, as for `Summarizer.__call__`.
        threshold: the blended cosine distance under which articles are grouped (lower: more, smaller stories).
        linkage: "complete" (two groups' farthest pair of articles, the default) or "average" (their mean
            distance; with average link, a threshold near the former default 0.8625 fits the pile better).
        limits: the largest pile accepted (the summariser's limits when None).
        should_stop: asked between steps and stories; True stops the work with StoppedError.

    Returns:
        The stories, largest first (ties: the one whose first article comes first), each with its summary.

    Raises:
        InvalidOptionError, InputTooLargeError, NoDocumentsError: as for a summary, before any model work.
        NoUsableTextError: a story has no usable sentence (e.g. an article of fragments alone).
    """
    options = Options(sentences, words, ratio, order, seed, threshold, linkage)
    limits = limits or summarizer.limits
    options.check(documents, limits)
    stop = _stopper(should_stop)
    vectors = embed_articles(summarizer, documents, progress=progress)
    stop()
    grouping = group_articles([d.id for d in documents], vectors, dimension=summarizer.embedder.dimension,
                              threshold=threshold, linkage=linkage)
    known = known_vectors(vectors)
    told: list[tuple[Story | None, str]] = []
    for group, label in zip(grouping.groups, grouping.labels, strict=True):
        stop()
        members = [documents[i] for i in group]
        told.append(tell_story(summarizer, members, label, known, options, limits=limits, should_stop=should_stop))
    return gather(summarizer.embedder.name, options, documents=len(documents), told=told)


def tell_story(
    summarizer: Summarizer, members: Sequence[Document], label: str, known: Mapping[str, np.ndarray],
    options: Options, *, limits: Limits | None = None, should_stop: Callable[[], bool] | None = None,
) -> tuple[Story | None, str]:
    """One group told as a `Story`, or (None, why) when its articles hold no usable sentence."""
    try:
        summary = summarise_story(summarizer, members, known, options, limits=limits, should_stop=should_stop)
    except NoUsableTextError:
        return None, (f"{', '.join(d.id for d in members)}: no usable sentence (fragments, headlines or no text "
                      "at all); left out of the stories.")
    return Story(story_id([d.id for d in members]), label, tuple(d.id for d in members), summary), ""


def gather(model: str, options: Options, *, documents: int, told: Sequence[tuple[Story | None, str]]) -> Stories:
    """The stories told, in the grouping's order, and a warning for each group left out.

    Raises:
        NoUsableTextError: no group could be told.
    """
    stories = tuple(story for story, _ in told if story is not None)
    if not stories:
        raise NoUsableTextError(
            "No usable sentence found in any article of the pile: every sentence is a fragment, headline, "
            "question, bare quote or unpunctuated run of text. Give full news articles with punctuated sentences.")
    return Stories(stories, parameters(model, options, documents=documents, stories=len(stories)),
                   warnings=tuple(why for story, why in told if story is None))


def known_vectors(vectors: Sequence[ArticleVectors]) -> dict[str, np.ndarray]:
    """Every embedded sentence of the pile, by text."""
    return {text: row for v in vectors for text, row in zip(v.texts, v.vectors, strict=True)}


def parameters(model: str, options: Options, *, documents: int, stories: int) -> StoryParameters:
    """The `StoryParameters` of a pile told with these options (with no length given, the sentences each summary
    has by default, as a summary's own parameters say)."""
    unset = options.sentences is None and options.words is None and options.ratio is None
    return StoryParameters(documents=documents, stories=stories, threshold=options.threshold,
                           linkage=options.linkage, sentences=DEFAULT_SENTENCES if unset else options.sentences,
                           words=options.words, ratio=options.ratio, order=options.order, seed=options.seed,
                           model=model)


class KnownVectors:
    """An embedder that answers from vectors already computed and asks `inner` only for the rest."""

    def __init__(self, known: Mapping[str, np.ndarray], inner: Embedder) -> None:
        self.known, self.inner = known, inner
        self.name, self.dimension, self.device = inner.name, inner.dimension, inner.device

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.known))
        fresh = dict(zip(missing, self.inner.encode(missing, progress=progress), strict=True)) if missing else {}
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([np.asarray(self.known[t] if t in self.known else fresh[t], dtype=np.float32)
                         for t in texts])


def _stopper(should_stop: Callable[[], bool] | None) -> Callable[[], None]:
    def stop() -> None:
        if should_stop is not None and should_stop():
            raise StoppedError("Stopped on request (should_stop returned True); the stories were abandoned.")

    return stop


__all__ = ["ArticleVectors", "embed_articles", "gather", "group_articles", "KnownVectors", "Options",
           "summarise_story", "tell_stories", "tell_story"]

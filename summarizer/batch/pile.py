"""A pile on a batch line (`"pile": true`): its articles told as stories, in this process or spread over workers.

`tell_pile` does it all with one summariser. An engine with many workers splits it the same way
`summarizer.stories` does: `embed_part` on each worker for its share of the articles, `group_pile` once on the
gathered vectors (no model needed), and `tell_part` on a worker for each story, given its sentences' vectors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from summarizer.batch.records import stories_record
from summarizer.batch.story import Story as Line
from summarizer.limits import Limits
from summarizer.types import Document, Story

if TYPE_CHECKING:  # the model stack loads only in the workers that tell stories
    from summarizer.pipeline import Summarizer
    from summarizer.stages.group import Grouping
    from summarizer.stories import ArticleVectors, Options


def options_of(line: Line) -> Options:
    """The grouping and summary options of a pile line."""
    from summarizer.stages.group import DEFAULT_THRESHOLD
    from summarizer.stories import Options

    threshold = DEFAULT_THRESHOLD if line.threshold is None else line.threshold
    return Options(line.sentences, line.words, line.ratio, line.order, line.seed, threshold)


def tell_pile(summarizer: Summarizer, line: Line) -> dict[str, Any]:
    """The output record of a pile told by one summariser."""
    from summarizer.stories import tell_stories

    options = options_of(line)
    told = tell_stories(summarizer, line.documents, sentences=options.sentences, words=options.words,
                        ratio=options.ratio, order=options.order, seed=options.seed, threshold=options.threshold)
    return stories_record(line.id, told)


def check_pile(line: Line, limits: Limits | None = None) -> None:
    """Refuse a pile's options or documents before any worker is asked (the errors of `tell_stories`)."""
    options_of(line).check(line.documents, limits or Limits())


def parts(documents: Sequence[Document], count: int) -> list[tuple[Document, ...]]:
    """The documents cut into at most `count` runs of nearly equal length, in order.

    Example:
        >>> [len(p) for p in parts([Document(str(i), "") for i in range(7)], 3)]
        [3, 2, 2]
    """
    count = max(1, min(count, len(documents)))
    size, extra = divmod(len(documents), count)
    cuts = [0]
    for n in range(count):
        cuts.append(cuts[-1] + size + (n < extra))
    return [tuple(documents[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]


def embed_part(summarizer: Summarizer, documents: Sequence[Document]) -> list[ArticleVectors]:
    """What the grouping needs of each article of a part of the pile (on a worker)."""
    from summarizer.stories import embed_articles

    return embed_articles(summarizer, documents)


def group_pile(line: Line, vectors: Sequence[ArticleVectors], *, dimension: int) -> Grouping:
    """The pile's stories from the gathered vectors (once, where the results are gathered)."""
    from summarizer.stories import group_articles

    options = options_of(line)
    return group_articles([d.id for d in line.documents], vectors, dimension=dimension,
                          threshold=options.threshold, linkage=options.linkage)


def known_for(members: Sequence[int], vectors: Sequence[ArticleVectors]) -> dict[str, np.ndarray]:
    """The vectors of the sentences of these articles only: what a worker needs to summarise their story."""
    from summarizer.stories import known_vectors

    return known_vectors([vectors[i] for i in members])


def tell_part(
    summarizer: Summarizer, members: Sequence[Document], label: str, known: Mapping[str, np.ndarray],
    options: Options,
) -> tuple[Story | None, str]:
    """One story of a pile told (on a worker): its articles, summarised with the `known` vectors of their
    sentences."""
    from summarizer.stories import tell_story

    return tell_story(summarizer, members, label, known, options, limits=Limits())


def gather_pile(line: Line, told: Sequence[tuple[Story | None, str]], *, model: str) -> dict[str, Any]:
    """The output record of a pile whose stories were told on workers (in the grouping's order)."""
    from summarizer.stories import gather

    return stories_record(line.id, gather(model, options_of(line), documents=len(line.documents), told=told))

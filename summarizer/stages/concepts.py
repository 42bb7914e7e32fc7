"""Concepts: the content word pairs a story is told with, and how much a summary gains by covering each.

A concept is a pair of adjacent words, stemmed (Porter, by Snowball's own C library through `PyStemmer`), that are
not both stop words, as in Gillick & Favre's ICSI summariser ("A Scalable Global Model for Summarization", 2009).
A concept counts once however many chosen sentences hold it. Only concepts reported by at least
MIN_SOURCES independent sources are kept: what one newsroom says alone is not yet the story, however many
articles reprint it (articles that copy one another are one source: `summarizer.stages.sources.find_sources`).

How much a concept is worth is the probability, under a logistic model, that a human summary of the story holds
it (Li, Qian & Liu, "Using Supervised Bigram-based ILP for Extractive Summarization", 2013). The model reads six
features of the concept in the story and was fitted on the DUC 2003 development clusters by
`python -m benchmarks.concept_model`, which prints the `DEFAULT_CONCEPT_MODEL` below and its cross-validated effect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import Stemmer
from scipy.sparse import csr_matrix

from summarizer.stages.stopwords import ENGLISH_STOP_WORDS
from summarizer.types import Sentence, Unit

#: Added to scikit-learn's English stop words: reporting verbs and the pieces a possessive or contraction leaves
#: ("Russia's" is the words "Russia" and "s", as ROUGE tokenises it).
EXTRA_STOP_WORDS = frozenset({"said", "says", "say", "told", "mr", "mrs", "ms", "s", "t"})
#: The features of a concept, in the model's order.
FEATURES = ("share_of_sources", "log_occurrences", "earliest_position", "capitalised", "has_stop_word",
            "centrality")
#: Concepts must be reported by this many independent sources (by the one there is, in a story of one source).
MIN_SOURCES = 2
# ROUGE-1.5.5's tokens: runs of letters and digits (it lowercases and replaces everything else by spaces).
_WORD = re.compile(r"[^\W_]+")
_STEMMER = Stemmer.Stemmer("porter")


@dataclass(frozen=True)
class ConceptModel:
    """A logistic model of whether a human summary holds a concept: P = 1 / (1 + exp(-(b + w . (x - mean) / scale))).

    Example:
        >>> model = ConceptModel(coefficients=(1.0,), intercept=0.0, mean=(0.0,), scale=(1.0,), features=("x",))
        >>> model.weigh(np.array([[0.0]])).tolist()
        [0.5]
    """

    coefficients: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    features: tuple[str, ...] = FEATURES

    def weigh(self, features: np.ndarray) -> np.ndarray:
        """The probability for each row of `features` (one column per name in `features`)."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(self.intercept + z @ np.asarray(self.coefficients))))


#: Fitted on all 39 DUC 2003 clusters (14,165 concepts, 2,275 of them in a reference summary) by
#: `python -m benchmarks.concept_model`: longer-lived, earlier, more widely reported and more central concepts count
#: more; capitalised ones and pairs with a stop word less.
DEFAULT_CONCEPT_MODEL = ConceptModel(
    coefficients=(0.3036, 0.3815, 0.269, -0.101, -0.123, 0.2357),
    intercept=-1.8704,
    mean=(0.2643, 1.3987, 0.2089, 0.2374, 0.7588, 0.6208),
    scale=(0.1356, 0.4333, 0.1923, 0.4091, 0.4278, 0.1131),
)


@dataclass(frozen=True)
class Concepts:
    """A story's concepts: their names, features and weights, and which unit holds which (`incidence[u, c]`)."""

    names: tuple[str, ...]
    features: np.ndarray
    weights: np.ndarray
    incidence: csr_matrix


@lru_cache(maxsize=1 << 16)  # bounded: a server sees words without end (2^16 words: about 10 MB)
def stem(word: str) -> str:
    """The Porter stem of a lowercase word; a word the stemmer empties (e.g. "s") stands for itself.

    Example:
        >>> stem("summaries"), stem("pledged")
        ('summari', 'pledg')
    """
    return _STEMMER.stemWord(word) or word


def concept_pairs(text: str) -> tuple[tuple[str, bool, bool], ...]:
    """Each concept of `text` in order, with whether a word of it is capitalised past the sentence's first word,
    and whether one of its words is a stop word.

    Example:
        >>> [c for c, _, _ in concept_pairs("Xi Jinping pledged to deepen ties.")]
        ['xi jinp', 'jinp pledg', 'pledg to', 'to deepen', 'deepen ti']
        >>> concept_pairs("Then Putin arrived.")
        (('then putin', True, True), ('putin arriv', True, False))
    """
    # A unit's text is its sentence's with white space collapsed: the same key, so each is read once.
    return _pairs(" ".join(text.split()))


@lru_cache(maxsize=1 << 15)  # bounded, like the embedding cache: repeated stories read each sentence once
def _pairs(text: str) -> tuple[tuple[str, bool, bool], ...]:
    raw = _WORD.findall(text)
    lower = [w.lower() for w in raw]
    stems = [stem(w) for w in lower]
    stop_set = stop_words()
    stop = [w in stop_set for w in lower]
    upper = [w[:1].isupper() for w in raw]
    return tuple(
        (f"{stems[i]} {stems[i + 1]}", (i > 0 and upper[i]) or upper[i + 1], stop[i] or stop[i + 1])
        for i in range(len(raw) - 1) if not (stop[i] and stop[i + 1])
    )


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words and `EXTRA_STOP_WORDS`."""
    return ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS


def min_sources(sources: int) -> int:
    """How many sources must report a concept for it to count: MIN_SOURCES, or every source of a smaller story.

    Example:
        >>> [min_sources(n) for n in (1, 2, 3, 10)]
        [1, 2, 2, 2]
    """
    return max(1, min(sources, MIN_SOURCES))


def concept_features(
    sentences: Sequence[tuple[int, Sentence]], units: Sequence[Unit], centrality: np.ndarray, *, sources: int,
) -> tuple[tuple[str, ...], np.ndarray, csr_matrix]:
    """The concepts of a story that count, their `FEATURES`, and the units × concepts incidence matrix.

    Args:
        sentences: every kept sentence of every document, as (source index, sentence): articles that copy one
            another share a source index.
        units: the sentences that may be chosen.
        centrality: each unit's similarity to the story as a whole.
        sources: how many independent sources tell the story.
    """
    # Every occurrence of every concept in the story: the concept's number, the source, the sentence's position,
    # and whether the words are capitalised or a stop word.
    ids: dict[str, int] = {}
    numbers: list[int] = []
    counts: list[int] = []
    capitals: list[bool] = []
    stops: list[bool] = []
    for _, sentence in sentences:
        pairs = concept_pairs(sentence.text)
        numbers += [ids.setdefault(c, len(ids)) for c, _, _ in pairs]
        capitals += [capital for _, capital, _ in pairs]
        stops += [stop for _, _, stop in pairs]
        counts.append(len(pairs))
    concept = np.array(numbers, dtype=np.int64)
    source = np.repeat(np.array([s for s, _ in sentences], dtype=np.int64), counts)
    position = np.repeat(np.array([x.position for _, x in sentences], dtype=np.int64), counts)
    total = len(ids)
    occurrences = np.bincount(concept, minlength=total)
    capitalised = np.bincount(concept, weights=np.array(capitals, dtype=np.float64), minlength=total)
    last = np.full(total, -1)
    np.maximum.at(last, concept, np.arange(len(concept)))
    has_stop = np.array(stops, dtype=bool)[last] if total else np.zeros(0, dtype=bool)
    # Each source's earliest position for each concept it reports.
    pair = concept * (int(source.max(initial=0)) + 1) + source
    order = np.lexsort((position, pair))
    pair = pair[order]
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    reporters = np.bincount(concept[order][first], minlength=total)
    earliest = np.bincount(concept[order][first], weights=1.0 / (1.0 + position[order][first]),
                           minlength=total) / np.maximum(reporters, 1)

    # The concepts of the units that enough sources report, numbered in the order the units first hold them.
    enough = (reporters >= min_sources(sources)).tolist()
    index: dict[int, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for u, unit in enumerate(units):
        for c in dict.fromkeys(ids.get(name, -1) for name, _, _ in concept_pairs(unit.text)):
            if c >= 0 and enough[c]:
                rows.append(u)
                columns.append(index.setdefault(c, len(index)))
    kept = np.fromiter(index, dtype=np.int64, count=len(index))
    best_centrality = np.full(len(kept), -np.inf)
    np.maximum.at(best_centrality, np.array(columns, dtype=np.int64),
                  np.asarray(centrality, dtype=np.float64)[np.array(rows, dtype=np.int64)])
    names_by_id = list(ids)
    names = tuple(names_by_id[c] for c in kept.tolist())
    features = np.column_stack([
        reporters[kept] / max(sources, 1), np.log1p(occurrences[kept]), earliest[kept],
        capitalised[kept] / occurrences[kept], has_stop[kept].astype(np.float64), best_centrality,
    ]).reshape(len(names), len(FEATURES))
    incidence = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(units), len(names)))
    return names, features, incidence


def find_concepts(
    sentences: Sequence[tuple[int, Sentence]], units: Sequence[Unit], centrality: np.ndarray, *, sources: int,
    model: ConceptModel = DEFAULT_CONCEPT_MODEL,
) -> Concepts:
    """The story's concepts with their weights under `model`."""
    names, features, incidence = concept_features(sentences, units, centrality, sources=sources)
    weights = model.weigh(features) if names else np.zeros(0)
    return Concepts(names=names, features=features, weights=weights, incidence=incidence)

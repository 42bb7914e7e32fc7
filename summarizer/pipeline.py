"""The summariser: read and clean, split, deduplicate, embed, cluster, select, assemble.

Example:
    >>> from summarizer import Document, Summarizer
    >>> summarizer = Summarizer(device="cpu")  # doctest: +SKIP
    >>> summary = summarizer([Document("a", text_a), Document("b", text_b)], sentences=5)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from summarizer.assemble import assemble
from summarizer.cache import DEFAULT_CACHE_SIZE, CacheStats, CachingEmbedder, LruCache
from summarizer.clean import CleanResult, find_paragraphs
from summarizer.cluster import cluster_embeddings
from summarizer.dedup import Group, group_duplicates, sentence_vectors
from summarizer.embed import DEFAULT_BATCH_SIZE, Embedder, make_embedder
from summarizer.errors import NoUsableTextError, StoppedError
from summarizer.limits import Length, Limits, check_input
from summarizer.segment import SplitResult, split_sentences
from summarizer.selection import Unit, Weights, select
from summarizer.types import Document, Order, Parameters, Sentence, Summary

#: Distinct sentences from which a progress bar is worth showing (when the caller asks for one).
_PROGRESS_MIN_SENTENCES = 500


@dataclass(frozen=True)
class _Prepared:
    """What one document gives before embedding, whatever it is summarised with: paragraphs, sentences and
    their near-duplicate vectors (a pure function of the document's id and text, so it can be cached)."""

    cleaned: CleanResult
    split: SplitResult
    vectors: sp.csr_matrix


def _prepare(document: Document) -> _Prepared:
    cleaned = find_paragraphs(document.text)
    split = split_sentences(document.id, document.text, cleaned.paragraphs)
    return _Prepared(cleaned, split, sentence_vectors(split.sentences))


class Summarizer:
    """Holds the loaded embedding model; call it on a story's documents to get its `Summary`.

    Args:
        embedder: what turns sentences into vectors; the packaged all-MiniLM-L6-v2 when None.
        device: "cpu" (default), "cuda", "cuda:N" or "auto", for the packaged model.
        batch_size: sentences embedded per batch, for the packaged model.
        limits: the largest input accepted.
        weights: how sentences are scored.
        preload: load the packaged model now; when False it loads on first use, so bad input is
            reported before the model's start-up cost is paid.
        backend: "torch" (sentence-transformers) or "onnx" (int8 ONNX Runtime, CPU only, ~1.5x faster).
        cache_size: sentences whose embeddings are kept across calls, and sentences whose documents' splitting
            is kept (0 turns both caches off).

    Example:
        >>> summarizer = Summarizer()  # doctest: +SKIP
        >>> print(summarizer(documents, words=100).text)  # doctest: +SKIP
    """

    def __init__(
        self, embedder: Embedder | None = None, *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE,
        limits: Limits | None = None, weights: Weights | None = None, preload: bool = True,
        backend: str = "torch", cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        base = embedder or make_embedder(backend, device=device, batch_size=batch_size, preload=preload)
        self.embedder: Embedder = CachingEmbedder(base, capacity=cache_size) if cache_size > 0 else base
        self._prepared: LruCache[tuple[str, bytes], _Prepared] | None = (
            LruCache(cache_size) if cache_size > 0 else None)
        self.limits = limits or Limits()
        self.weights = weights or Weights()

    def __call__(
        self, documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
        ratio: float | None = None, order: Order = "story", seed: int = 0, progress: bool = False,
        should_stop: Callable[[], bool] | None = None,
    ) -> Summary:
        """Summarise one story told by `documents` to a number of sentences, a word budget or a ratio.

        With `progress`, a bar on stderr follows the embedding of inputs of 500 or more distinct sentences.
        Exactly one of `sentences`, `words` (a budget never exceeded) or `ratio` (of the distinct
        usable sentences) may be given; with none, the summary has DEFAULT_SENTENCES sentences.
        `should_stop` is asked between stages; when it returns True the call raises StoppedError (a server uses
        it to drop the work of a client that went away).
        """
        length = Length(sentences=sentences, words=words, ratio=ratio)
        check_input(documents, length, order=order, limits=self.limits)
        stop = _stopper(should_stop)
        prepared = [self._prepare(d) for d in documents]
        splits = [p.split for p in prepared]
        flat = [(doc, s) for doc, split in enumerate(splits) for s in split.sentences]
        stop()
        vectors = sp.vstack([p.vectors for p in prepared], format="csr")
        groups = [g for g in group_duplicates([s for _, s in flat], vectors=vectors)
                  if flat[g.representative][1].candidate]
        if not groups:
            raise NoUsableTextError(
                "No usable sentence found: every sentence is a fragment, headline, question, bare quote or "
                "unpunctuated run of text. Give full news articles with punctuated sentences."
            )
        stop()
        units = [_unit(flat, g) for g in groups]
        target = length.resolve(len(units))
        sentences, wanted, k = target.sentences, target.wanted, target.topics

        embeddings = np.asarray(self.embedder.encode(
            [u.text for u in units], progress=progress and len(units) >= _PROGRESS_MIN_SENTENCES), dtype=np.float32)
        stop()
        labels, centroids = cluster_embeddings(embeddings, k=k, seed=seed)
        chosen = select(units, embeddings, labels, centroids, documents=len(documents),
                        sentences=sentences, words=words, weights=self.weights)
        stop()
        parameters = Parameters(
            sentences=sentences, words=words, ratio=ratio, order=order, seed=seed, clusters=k,
            model=self.embedder.name, dimension=self.embedder.dimension, device=self.embedder.device,
        )
        return assemble(documents, splits, [p.cleaned.dropped_lines for p in prepared], flat, groups, units, embeddings,
                        labels, chosen, parameters=parameters, wanted=wanted,
                        support_similarity=self.weights.support_similarity)

    def _prepare(self, document: Document) -> _Prepared:
        """Clean, split and vectorise a document, or take the result from the last time it was seen."""
        if self._prepared is None:
            return _prepare(document)
        key = (document.id, hashlib.blake2b(document.text.encode("utf-8"), digest_size=16).digest())
        found = self._prepared.get(key)
        if found is None:
            found = _prepare(document)
            self._prepared.put(key, found, weight=max(1, len(found.split.sentences)))
        return found

    def cache_stats(self) -> CacheStats | None:
        """Size, capacity, hits and misses of the embedding cache, or None when it is off."""
        return self.embedder.stats() if isinstance(self.embedder, CachingEmbedder) else None


def _stopper(should_stop: Callable[[], bool] | None) -> Callable[[], None]:
    def stop() -> None:
        if should_stop is not None and should_stop():
            raise StoppedError("Stopped on request (should_stop returned True); the summary was abandoned.")

    return stop


def _unit(flat: Sequence[tuple[int, Sentence]], group: Group) -> Unit:
    doc, sentence = flat[group.representative]
    return Unit(text=sentence.display(), document=doc, position=sentence.position, words=sentence.words,
                documents=frozenset(flat[m][0] for m in group.members))


def summarize(
    documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
    ratio: float | None = None, order: Order = "story", seed: int = 0, device: str = "cpu", backend: str = "torch",
) -> Summary:
    """Summarise documents with a summariser made for this one call (load a `Summarizer` to reuse the model).

    Example:
        >>> summary = summarize([Document("a", text_a), Document("b", text_b)], words=100)  # doctest: +SKIP
    """
    summarizer = Summarizer(device=device, backend=backend, cache_size=0)
    return summarizer(documents, sentences=sentences, words=words, ratio=ratio, order=order, seed=seed)


__all__ = ["Summarizer", "summarize"]

"""The summariser: check, prepare (clean, split), deduplicate, embed, cluster, select, assemble.

Each stage is a function in `summarizer.stages` (embedding in `summarizer.embedding`); `Summarizer` holds what
lives across calls (the model and its caches) and runs the stages in order.

Example:
    >>> from summarizer import Document, Summarizer
    >>> summarizer = Summarizer(device="cpu")  # doctest: +SKIP
    >>> summary = summarizer([Document("a", text_a), Document("b", text_b)], sentences=5)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import datetime

import numpy as np

from summarizer.embedding.base import DEFAULT_BACKEND, DEFAULT_BATCH_SIZE, Backend, Embedder
from summarizer.embedding.cache import DEFAULT_CACHE_SIZE, CacheStats, CachingEmbedder
from summarizer.embedding.factory import make_embedder
from summarizer.errors import StoppedError
from summarizer.limits import Length, Limits, check_input
from summarizer.lru import LruCache
from summarizer.stages.assemble import assemble
from summarizer.stages.cluster import cluster_embeddings
from summarizer.stages.dedup import Candidates, deduplicate
from summarizer.stages.prepare import DocumentCache, PreparedDocument, prepare
from summarizer.stages.select import Weights, select
from summarizer.stages.timeline import iso, known_units, read_timeline
from summarizer.types import Document, Order, Parameters, Summary

#: Distinct sentences from which a progress bar is worth showing (when the caller asks for one).
_PROGRESS_MIN_SENTENCES = 500


class Summarizer:
    """Holds the loaded embedding model; call it on a story's documents to get its `Summary`.

    Args:
        embedder: what turns sentences into vectors; the packaged all-MiniLM-L6-v2 when None.
        device: "cpu" (default), "cuda", "cuda:N" or "auto", for the packaged model.
        batch_size: sentences embedded per batch, for the packaged model.
        limits: the largest input accepted.
        weights: how sentences are scored.
        preload: load the packaged model, and the library the stages import on first use (highspy), now; when
            False they load on first use, so bad input is reported before the start-up cost is paid.
        backend: "auto" (default: onnx on the CPU, torch on a GPU), "torch" (sentence-transformers) or "onnx"
            (ONNX Runtime, CPU only: the same vectors without importing torch; built from the packaged weights on
            first use).
        cache_size: sentences whose embeddings are kept across calls, sentences whose documents' splitting is
            kept, and sentences of the stories whose summaries are kept (a story asked for again with the same
            documents and options gets its summary back without running the stages); 0 turns the caches off.

    Example:
        >>> summarizer = Summarizer()  # doctest: +SKIP
        >>> print(summarizer(documents, words=100).text)  # doctest: +SKIP
    """

    def __init__(
        self, embedder: Embedder | None = None, *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE,
        limits: Limits | None = None, weights: Weights | None = None, preload: bool = True,
        backend: Backend | str = DEFAULT_BACKEND, cache_size: int = DEFAULT_CACHE_SIZE,
    ) -> None:
        base = embedder or make_embedder(backend, device=device, batch_size=batch_size, preload=preload)
        self.embedder: Embedder = CachingEmbedder(base, capacity=cache_size) if cache_size > 0 else base
        self._prepare: Callable[[Document], PreparedDocument] = (
            DocumentCache(cache_size) if cache_size > 0 else prepare)
        self._summaries: LruCache[bytes, Summary] | None = LruCache(cache_size) if cache_size > 0 else None
        self.limits = limits or Limits()
        self.weights = weights or Weights()
        if preload:
            import_stage_libraries()

    def __call__(
        self, documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
        ratio: float | None = None, order: Order = "story", seed: int = 0, since: str | datetime | None = None,
        progress: bool = False, should_stop: Callable[[], bool] | None = None,
    ) -> Summary:
        """Summarise one story told by `documents` to a number of sentences, a word budget or a ratio.

        With `progress`, a bar on stderr follows the embedding of inputs of 500 or more distinct sentences.
        Exactly one of `sentences`, `words` (a budget never exceeded) or `ratio` (of the distinct
        usable sentences) may be given; with none, the summary has DEFAULT_SENTENCES sentences.
        `should_stop` is asked between stages; when it returns True the call raises StoppedError (a server uses
        it to drop the work of a client that went away).
        Order "time" puts the points in the order first reported (by the documents' `published`). With `since`
        (an ISO 8601 date-time), only what the articles published after it add is chosen: a point reported by an
        article published at or before it, or a paraphrase of it, is known and never chosen.
        """
        length = Length(sentences=sentences, words=words, ratio=ratio)
        check_input(documents, length, order=order, limits=self.limits, seed=seed)
        timeline = read_timeline(documents, order=order, since=since)
        key = _summary_key(documents, self.embedder.name, repr(self.weights), repr(self.weights.concepts), sentences,
                           words, ratio, order, seed, iso(timeline.since))
        found = self._summaries.get(key) if self._summaries is not None else None
        if found is not None:
            return found
        stop = _stopper(should_stop)
        prepared = [self._prepare(d) for d in documents]
        stop()
        candidates = deduplicate(prepared)
        stop()
        target = length.resolve(distinct=len(candidates.units))
        embeddings = self._embed(candidates, progress=progress)
        stop()
        labels, centroids = cluster_embeddings(embeddings, k=target.topics, seed=seed)
        known = None if timeline.since is None else known_units(
            candidates.units, embeddings, old=timeline.before_since(), threshold=self.weights.support_similarity)
        selection = select(candidates.sentences, candidates.units, embeddings, labels, centroids,
                           documents=len(documents), length=target.sentences, words=target.words,
                           weights=self.weights, excluded=known)
        stop()
        parameters = Parameters(
            sentences=target.sentences, words=words, ratio=ratio, order=order, seed=seed, clusters=target.topics,
            model=self.embedder.name, dimension=self.embedder.dimension, device=self.embedder.device,
            since=iso(timeline.since),
        )
        summary = assemble(documents, prepared, candidates, embeddings, labels, selection, parameters=parameters,
                           wanted=target.wanted, support_similarity=self.weights.support_similarity,
                           timeline=timeline, open_units=None if known is None else int((~known).sum()))
        if self._summaries is not None:  # weighed like the other caches: by the story's sentences
            self._summaries.put(key, summary, weight=max(1, sum(len(p.split.sentences) for p in prepared)))
        return summary

    def prepare(self, document: Document) -> PreparedDocument:
        """A document cleaned, split and vectorised, as the summary sees it (kept in the document cache)."""
        return self._prepare(document)

    def cache_stats(self) -> CacheStats | None:
        """Size, capacity, hits and misses of the embedding cache, or None when it is off."""
        return self.embedder.stats() if isinstance(self.embedder, CachingEmbedder) else None

    def _embed(self, candidates: Candidates, *, progress: bool) -> np.ndarray:
        """One unit-length row per unit (the model is asked once for the whole story)."""
        texts = [u.text for u in candidates.units]
        show = progress and len(texts) >= _PROGRESS_MIN_SENTENCES
        return np.asarray(self.embedder.encode(texts, progress=show), dtype=np.float32)


def _summary_key(documents: Sequence[Document], *settings: object) -> bytes:
    """What a summary depends on: every field of every document, in order, and the model, weights and options
    (a Summary is frozen, so the one kept can be handed out again)."""
    documents_fields = [[getattr(d, f.name) for f in fields(Document)] for d in documents]
    return hashlib.blake2b(json.dumps([documents_fields, *settings], default=str).encode("utf-8"),
                           digest_size=20).digest()


def import_stage_libraries() -> None:
    """Import what the stages import on first use (highspy, for the integer program), so that the first call does
    not wait for it (a server's readiness includes it)."""
    import highspy._core  # noqa: F401


def _stopper(should_stop: Callable[[], bool] | None) -> Callable[[], None]:
    def stop() -> None:
        if should_stop is not None and should_stop():
            raise StoppedError("Stopped on request (should_stop returned True); the summary was abandoned.")

    return stop


def summarize(
    documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None,
    ratio: float | None = None, order: Order = "story", seed: int = 0, since: str | datetime | None = None,
    device: str = "cpu", backend: Backend = DEFAULT_BACKEND,
) -> Summary:
    """Summarise documents with a summariser made for this one call (load a `Summarizer` to reuse the model).

    Example:
        >>> summary = summarize([Document("a", text_a), Document("b", text_b)], words=100)  # doctest: +SKIP
    """
    summarizer = Summarizer(device=device, backend=backend, cache_size=0)
    return summarizer(documents, sentences=sentences, words=words, ratio=ratio, order=order, seed=seed, since=since)


__all__ = ["Summarizer", "summarize"]

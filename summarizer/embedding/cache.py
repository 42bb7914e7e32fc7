"""The embedding cache: an embedder wrapped so repeated text is embedded once across calls.

A story that grows by one article then costs only the new article's sentences.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.embedding.base import Embedder
from summarizer.lru import LruCache

#: Sentences kept by default: about 1.5 KB each for 384 float32 dimensions, so ~30 MB.
DEFAULT_CACHE_SIZE = 20_000


@dataclass(frozen=True)
class CacheStats:
    """How well the cache has done since it was made."""

    size: int
    capacity: int
    hits: int
    misses: int

    @property
    def hit_rate(self) -> float:
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0


class CachingEmbedder:
    """Wraps an embedder with a least-recently-used cache keyed by (model name, sentence text).

    Example:
        >>> from summarizer.testing import FakeEmbedder
        >>> inner = FakeEmbedder()
        >>> cached = CachingEmbedder(inner, capacity=100)
        >>> cached.encode(["Putin arrived.", "Putin arrived."]).shape
        (2, 64)
        >>> _ = cached.encode(["Putin arrived."])
        >>> inner.calls, cached.stats().hits
        ([['Putin arrived.']], 1)
    """

    def __init__(self, embedder: Embedder, *, capacity: int = DEFAULT_CACHE_SIZE) -> None:
        self.inner = embedder
        self._entries: LruCache[tuple[str, str], np.ndarray] = LruCache(capacity)
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    @property
    def device(self) -> str:
        return self.inner.device

    def load(self) -> None:
        """Load the wrapped model now, when it loads lazily."""
        load = getattr(self.inner, "load", None)
        if callable(load):
            load()

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(self._entries.size, self._entries.capacity, self._hits, self._misses)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        name = self.inner.name
        found: dict[str, np.ndarray] = {}
        for text in dict.fromkeys(texts):
            vector = self._entries.get((name, text))
            if vector is not None:
                found[text] = vector
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        misses = sum(1 for t in texts if t not in found)
        with self._lock:
            self._hits += len(texts) - misses
            self._misses += misses
        if missing:
            fresh = np.asarray(self.inner.encode(missing, progress=progress), dtype=np.float32)
            for text, vector in zip(missing, fresh, strict=True):
                found[text] = vector.copy()
                self._entries.put((name, text), found[text])
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])

"""A bounded, thread-safe cache of sentence embeddings shared across calls, so repeated text is embedded once.

A story that grows by one article then costs only the new article's sentences.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.embed import Embedder

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
        >>> from tests.conftest import FakeEmbedder  # doctest: +SKIP
        >>> cached = CachingEmbedder(FakeEmbedder(), capacity=100)  # doctest: +SKIP
    """

    def __init__(self, embedder: Embedder, *, capacity: int = DEFAULT_CACHE_SIZE) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity}")
        self.inner = embedder
        self._capacity = capacity
        self._entries: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
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
            return CacheStats(len(self._entries), self._capacity, self._hits, self._misses)

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        name = self.inner.name
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = self._entries.get((name, text))
                if vector is not None:
                    self._entries.move_to_end((name, text))
                    found[text] = vector
            missing = list(dict.fromkeys(t for t in texts if t not in found))
            self._hits += len(texts) - sum(1 for t in texts if t not in found)
            self._misses += sum(1 for t in texts if t not in found)
        if missing:
            fresh = np.asarray(self.inner.encode(missing, progress=progress), dtype=np.float32)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    found[text] = vector.copy()
                    self._entries[(name, text)] = found[text]
                    self._entries.move_to_end((name, text))
                while len(self._entries) > self._capacity:
                    self._entries.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])

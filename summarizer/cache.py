"""Bounded, thread-safe caches shared across calls, so repeated text is embedded (and split) once.

A story that grows by one article then costs only the new article's sentences.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from summarizer.embed import Embedder

#: Sentences kept by default: about 1.5 KB each for 384 float32 dimensions, so ~30 MB.
DEFAULT_CACHE_SIZE = 20_000

K = TypeVar("K")
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """A thread-safe least-recently-used map whose entries' weights sum to at most `capacity`.

    Example:
        >>> cache: LruCache[str, int] = LruCache(capacity=3)
        >>> cache.put("a", 1, weight=2); cache.put("b", 2, weight=2)
        >>> cache.get("a"), cache.get("b"), cache.size
        (None, 2, 2)
    """

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity}")
        self.capacity = capacity
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """The summed weight of the entries held."""
        return self._weight

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: K, value: V, *, weight: int = 1) -> None:
        """Hold `value` under `key`, dropping the least recently used entries until the weights fit."""
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._entries[key] = (value, weight)
            self._weight += weight
            while self._weight > self.capacity:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._weight -= dropped


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

"""A bounded, thread-safe least-recently-used map: the one cache class behind the embedding cache and the
per-document cache, so a cache hit gives the same result as a miss and memory stays bounded."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

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

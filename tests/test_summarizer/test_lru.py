"""The one LRU cache class behind the embedding and document caches."""

from __future__ import annotations

from summarizer.lru import LruCache


def test_the_lru_cache_bounds_the_summed_weight_and_drops_the_least_recently_used() -> None:
    cache: LruCache[str, str] = LruCache(capacity=5)
    cache.put("a", "A", weight=2)
    cache.put("b", "B", weight=2)
    assert cache.get("a") == "A"      # a is now the most recent
    cache.put("c", "C", weight=2)     # 6 > 5: b goes
    cache.put("huge", "H", weight=9)  # heavier than the whole cache: held by nobody

    assert (cache.get("b"), cache.get("huge"), cache.size) == (None, None, 0)
    cache.put("a", "A2", weight=1)
    assert (cache.get("a"), cache.size) == ("A2", 1)

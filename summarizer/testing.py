"""Test doubles for code that uses the summariser: a deterministic embedder that needs no model.

`Summarizer(FakeEmbedder())` runs the whole pipeline in milliseconds, with summaries that depend only on the
input, so users' own tests (and ours) need neither the model nor its start-up time.

Example:
    >>> from summarizer import Document, Summarizer
    >>> from summarizer.testing import FakeEmbedder
    >>> summarizer = Summarizer(FakeEmbedder())
    >>> text = "Putin arrived in Beijing on Thursday for two days of talks with Xi Jinping."
    >>> summarizer([Document("a", text)], sentences=1).sentences[0].text == text
    True
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence

import numpy as np


class FakeEmbedder:
    """Bag-of-words vectors from hashed tokens: deterministic, instant, and similar for similar wording.

    Args:
        delay_s: seconds each `encode` call sleeps first (without the GIL, like a model's native code), to give
            a service under test the time profile of a model.
        record: keep the texts of every call in `calls` (turn off for long runs, where the list would grow).

    Example:
        >>> embedder = FakeEmbedder()
        >>> vectors = embedder.encode(["Putin arrived.", "Putin arrived!", "Xi waited."])
        >>> round(float(vectors[0] @ vectors[1]), 3), embedder.calls
        (1.0, [['Putin arrived.', 'Putin arrived!', 'Xi waited.']])
    """

    name = "fake-hashing-embedder"
    dimension = 64
    device = "cpu"

    def __init__(self, *, delay_s: float = 0.0, record: bool = True) -> None:
        self.delay_s = delay_s
        self.record = record
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """One L2-normalised row of hashed word counts per text."""
        if self.delay_s:
            time.sleep(self.delay_s)
        if self.record:
            self.calls.append(list(texts))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

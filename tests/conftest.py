"""Shared fixtures: a deterministic fake embedder for fast unit tests, the real model once per session."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from summarizer import Document, Summarizer, read_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


class FakeEmbedder:
    """Bag-of-words vectors from hashed tokens: deterministic, instant, and similar for similar wording."""

    name = "fake-hashing-embedder"
    dimension = 64
    device = "cpu"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.calls.append(list(texts))
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def fake_summarizer(fake_embedder: FakeEmbedder) -> Summarizer:
    return Summarizer(fake_embedder)


@pytest.fixture(scope="session")
def real_summarizer() -> Summarizer:
    """The packaged all-MiniLM-L6-v2 on the CPU, loaded once for the whole test session."""
    return Summarizer(device="cpu")


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    return read_paths([SEEDS]).documents


def build_document(doc_id: str, *sentences: str) -> Document:
    """A document whose paragraphs are the given sentences, one per line."""
    return Document(id=doc_id, text="\n\n".join(sentences) + "\n")

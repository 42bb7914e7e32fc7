"""Picks the embedding backend by name; a backend's own imports (onnxruntime) load only when it is chosen."""

from __future__ import annotations

from summarizer.embedding.base import BACKENDS, DEFAULT_BATCH_SIZE, Embedder
from summarizer.embedding.torch import SentenceTransformerEmbedder
from summarizer.errors import InvalidOptionError


def make_embedder(
    backend: str = "torch", *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE, preload: bool = True,
) -> Embedder:
    """The packaged model on the given backend: "torch" (sentence-transformers) or "onnx" (int8, CPU only).

    Example:
        >>> make_embedder("torch", device="cpu", preload=False).name
        'sentence-transformers/all-MiniLM-L6-v2'
    """
    if backend == "torch":
        return SentenceTransformerEmbedder(device=device, batch_size=batch_size, preload=preload)
    if backend == "onnx":
        from summarizer.embedding.onnx import OnnxEmbedder

        return OnnxEmbedder(device=device, batch_size=batch_size, preload=preload)
    raise InvalidOptionError(f"Unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}.")

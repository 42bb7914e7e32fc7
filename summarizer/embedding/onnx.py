"""The onnx backend: the packaged all-MiniLM-L6-v2 in ONNX Runtime on the CPU, without torch.

The ONNX file is built by `summarizer.embedding.onnx_export` on first use. At run time only onnxruntime and
tokenizers are needed, so a process starts in about a second where torch takes several. The vectors are the
torch model's (float32; a test on the seeds checks them), and a sentence's vector does not depend on the
sentences batched with it, so cached and fresh vectors agree.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.embedding.base import DEFAULT_BATCH_SIZE, MODEL_NAME, model_path
from summarizer.embedding.onnx_export import build_onnx
from summarizer.errors import InvalidOptionError, ModelError

ONNX_NAME = f"{MODEL_NAME} (onnx)"
#: Padded tokens per inference batch at most (the batch size is lowered for long sentences).
_TOKENS_PER_BATCH = 1024


def allotted_threads() -> int | None:
    """The threads this process is allotted by `OMP_NUM_THREADS` (Ray sets it to an actor's CPUs, and torch follows
    it), or None when it is unset or not a positive number: then ONNX Runtime takes one thread per core. Without
    it, every Ray actor of the batch engine ran a thread per core of the machine, and two actors on two cores ran
    no faster than one.

    Example:
        >>> import os, unittest.mock
        >>> with unittest.mock.patch.dict(os.environ, {"OMP_NUM_THREADS": "1"}):
        ...     allotted_threads()
        1
    """
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


class OnnxEmbedder:
    """all-MiniLM-L6-v2 in ONNX Runtime on the CPU: mean pooling over tokens, then L2 normalisation.

    Example:
        >>> embedder = OnnxEmbedder()  # doctest: +SKIP
        >>> embedder.encode(["Putin arrived in Beijing."]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, *, device: str = "cpu", batch_size: int = DEFAULT_BATCH_SIZE, directory: Path | None = None,
                 preload: bool = True) -> None:
        if device != "cpu":
            raise InvalidOptionError(f"The onnx backend runs on the CPU only, not {device!r}; use --device cpu "
                                     "or the torch backend.")
        if batch_size < 1:
            raise InvalidOptionError(f"batch_size must be at least 1, not {batch_size}.")
        self._batch_size = batch_size
        self._directory = directory
        self._session: Any = None
        self._tokenizer: Any = None
        if preload:
            self.load()

    def load(self) -> None:
        """Build the ONNX file if needed and start an inference session; loading twice is a no-op."""
        if self._session is not None:
            return
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError(f"The onnx backend needs onnxruntime and tokenizers; reinstall story-summarizer, "
                             f"which depends on them ({exc})") from exc
        path = build_onnx(self._directory)
        config = json.loads((Path(model_path()) / "sentence_bert_config.json").read_text(encoding="utf-8"))
        tokenizer = Tokenizer.from_file(str(Path(model_path()) / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=int(config.get("max_seq_length", 256)))
        tokenizer.no_padding()  # the packaged tokenizer.json pads every text to 128 tokens; batches are padded here
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # Idle worker threads sleep instead of spinning: on a shared 2-core machine the spinning threads took CPU
        # from the others (80 seed sentences: 3.5 s with spinning, 2.3-2.6 s without); the embeddings are the same.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        threads = allotted_threads()
        if threads is not None:
            options.intra_op_num_threads = threads
        try:
            self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # a corrupt or truncated file: say how to rebuild it
            raise ModelError(f"Cannot load the ONNX model {path} ({exc}); delete it to rebuild it.") from exc
        self._tokenizer = tokenizer

    @property
    def name(self) -> str:
        return ONNX_NAME

    @property
    def dimension(self) -> int:
        self.load()
        return int(self._session.get_outputs()[0].shape[-1] or 384)

    @property
    def device(self) -> str:
        return "cpu"

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # Texts are tokenised one at a time and padded here: `encode_batch` starts the tokenizers library's thread
        # pool, whose threads compete with ONNX Runtime's on a small machine and made the process 0.15 s slower to
        # exit (0.04 s after tokenising one by one; hyperfine means of 10 on the 2-core machine).
        encodings = [self._tokenizer.encode(text) for text in texts]
        # Batches of similar length waste less work on padding, and a cap on padded tokens per batch bounds
        # the attention buffers, which onnxruntime's arena keeps at their peak: summarising 100 DUC articles
        # peaked at 537 MB with 4,096 tokens a batch, 479 MB with 2,048 and 414 MB with 1,024, at the same
        # 150-170 sentences/s. Results go back in input order.
        order = sorted(range(len(texts)), key=lambda i: (-len(encodings[i].ids), i))
        result = np.zeros((len(texts), 0), dtype=np.float32)
        begin = 0
        while begin < len(order):
            longest = len(encodings[order[begin]].ids)
            size = max(1, min(self._batch_size, _TOKENS_PER_BATCH // max(longest, 1)))
            indices = order[begin:begin + size]
            begin += size
            feed = {name: np.zeros((len(indices), longest), dtype=np.int64)
                    for name in ("input_ids", "attention_mask", "token_type_ids")}
            for row, i in enumerate(indices):
                encoding = encodings[i]
                width = len(encoding.ids)
                feed["input_ids"][row, :width] = encoding.ids
                feed["attention_mask"][row, :width] = encoding.attention_mask
                feed["token_type_ids"][row, :width] = encoding.type_ids
            hidden = self._session.run(None, feed)[0]
            mask = feed["attention_mask"][:, :, None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if result.shape[1] == 0:
                result = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            result[indices] = pooled
        return result

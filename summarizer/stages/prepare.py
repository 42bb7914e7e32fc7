"""A document's own share of the work: clean it, split it, vectorise its sentences' wording, and tell its language.

The result is a pure function of the document's id and text, so a `DocumentCache` keeps it across calls: a story
that grows by one article then cleans and splits only that article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import scipy.sparse as sp

from summarizer.lru import LruCache
from summarizer.stages.clean import CleanResult, find_paragraphs
from summarizer.stages.segment import SplitResult, split_sentences
from summarizer.stages.stopwords import function_word_share
from summarizer.stages.text import sentence_vectors
from summarizer.types import Document


@dataclass(frozen=True)
class PreparedDocument:
    """A document's paragraphs, its sentences, one near-duplicate vector per sentence, and the share of its words
    that are common English function words (None for a text too short to tell)."""

    cleaned: CleanResult
    split: SplitResult
    vectors: sp.csr_matrix
    english: float | None


def prepare(document: Document) -> PreparedDocument:
    """Clean, split and vectorise one document.

    Example:
        >>> prepared = prepare(Document("a", "Putin arrived in Beijing on Thursday for talks with Xi."))
        >>> len(prepared.split.sentences), prepared.vectors.shape[0]
        (1, 1)
    """
    cleaned = find_paragraphs(document.text)
    split = split_sentences(document.id, document.text, cleaned.paragraphs)
    return PreparedDocument(cleaned, split, sentence_vectors(split.sentences), function_word_share(document.text))


class DocumentCache:
    """`prepare`, remembered for the documents seen most recently, keyed by id and a hash of the text.

    Entries weigh their number of sentences, so `capacity` bounds the sentences held.
    """

    def __init__(self, capacity: int) -> None:
        self._entries: LruCache[tuple[str, bytes], PreparedDocument] = LruCache(capacity)

    def __call__(self, document: Document) -> PreparedDocument:
        key = (document.id, hashlib.blake2b(document.text.encode("utf-8"), digest_size=16).digest())
        found = self._entries.get(key)
        if found is None:
            found = prepare(document)
            self._entries.put(key, found, weight=max(1, len(found.split.sentences)))
        return found

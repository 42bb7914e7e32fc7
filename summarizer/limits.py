"""What the summariser accepts, checked before any model work: the input limits, and a summary's length.

`Limits()` holds the one set of default limits; the service's settings start from it (`service/settings.py`),
and the README's table states it. `Length` is how long a summary is asked to be (sentences, a word budget or a
ratio) and resolves to the number of sentences wanted and of topics to find.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.errors import InputError, InputTooLargeError, InvalidOptionError, NoDocumentsError, NoUsableTextError
from summarizer.types import ORDERS, Document

#: Sentences in a summary when no length is given.
DEFAULT_SENTENCES = 5
#: The smallest word budget: below it hardly any news sentence fits.
MIN_WORDS = 10
#: The largest clustering seed (numpy's random state is an unsigned 32-bit integer).
MAX_SEED = 2**32 - 1
#: Average words per news sentence, used to turn a word budget into a number of topics.
_WORDS_PER_SENTENCE = 22
#: Topics found per sentence wanted: a few spare topics let redundant or oversized ones be passed over.
_TOPICS_PER_SENTENCE = 2.0
#: A lone UTF-16 surrogate: a Python str can hold one (e.g. from JSON "\ud800"), but it is not text and no
#: encoder or tokenizer takes it.
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """The largest input the summariser accepts; larger input is refused with InputTooLargeError.

    Example:
        >>> Limits().max_documents, Limits(max_documents=10).max_documents
        (1000, 10)
    """

    max_documents: int = 1000
    max_document_chars: int = 5_000_000
    max_total_chars: int = 20_000_000
    max_sentences: int = 100
    max_words: int = 5000

    def check(self, documents: Sequence[Document]) -> None:
        """Refuse documents that cannot be summarised: none, too many or too long, repeated ids, no text."""
        if not documents:
            raise NoDocumentsError("No documents given: pass at least one article.")
        self.check_size(len(documents), [(d.id, len(d.text)) for d in documents])
        ids = [d.id for d in documents]
        if blank := [i for i in ids if not i.strip()]:
            raise InvalidOptionError(f"Document ids must hold more than white space, not {blank[0]!r}; give each "
                                     "document a name.")
        if len(set(ids)) != len(ids):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            raise InvalidOptionError(f"Document ids must be unique; repeated: {', '.join(repeated)}.")
        if not any(d.text.strip() for d in documents):
            raise NoUsableTextError("Every document is empty or white space only; give articles with text in them.")
        for document in documents:
            if (bad := _SURROGATE.search(document.text)) is not None:
                raise InputError(
                    f"Document {document.id!r} holds an unpaired surrogate (U+{ord(bad.group()):04X}) at character "
                    f"{bad.start():,}, which is not valid Unicode; send valid UTF-8 text."
                )

    def check_size(self, count: int, lengths: Sequence[tuple[str, int]]) -> None:
        """Refuse `count` documents over the limit, or a document or all of them together over their limits in
        characters, from the (id, characters) of the documents whose text is known (a server checks the text it was
        sent before it extracts the text of HTML pages).

        Example:
            >>> Limits(max_total_chars=10).check_size(2, [("a", 6), ("b", 6)])  # doctest: +ELLIPSIS
            Traceback (most recent call last):
            ...
            summarizer.errors.InputTooLargeError: The documents hold 12 characters, over the limit of 10; ...
        """
        if count > self.max_documents:
            raise InputTooLargeError(
                f"{count} documents is over the limit of {self.max_documents}; summarise fewer at once."
            )
        for doc_id, length in lengths:
            if length > self.max_document_chars:
                raise InputTooLargeError(
                    f"Document {doc_id!r} has {length:,} characters, over the limit of {self.max_document_chars:,}; "
                    "split it or summarise it separately."
                )
        total = sum(length for _, length in lengths)
        if total > self.max_total_chars:
            raise InputTooLargeError(
                f"The documents hold {total:,} characters, over the limit of {self.max_total_chars:,}; "
                "summarise fewer at once."
            )

@dataclass(frozen=True)
class Target:
    """A length resolved against the story: the sentences and word budget to select with, and how many
    sentences and topics that means."""

    sentences: int | None
    words: int | None
    wanted: int
    topics: int


@dataclass(frozen=True)
class Length:
    """How long a summary should be: at most one of a number of `sentences`, a `words` budget (never exceeded)
    or a `ratio` of the distinct usable sentences; with none, DEFAULT_SENTENCES sentences.

    Example:
        >>> Length(words=100).resolve(distinct=40)
        Target(sentences=None, words=100, wanted=5, topics=10)
        >>> Length(ratio=0.25).resolve(distinct=12)
        Target(sentences=3, words=None, wanted=3, topics=6)
    """

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None

    def check(self, limits: Limits) -> None:
        """Refuse a length that is out of range or given two ways."""
        given = [name for name, value in (("sentences", self.sentences), ("words", self.words),
                                          ("ratio", self.ratio)) if value is not None]
        if len(given) > 1:
            raise InvalidOptionError(f"Give one of sentences, words or ratio, not {' and '.join(given)}.")
        if self.sentences is not None and not 1 <= self.sentences <= limits.max_sentences:
            raise InvalidOptionError(
                f"sentences must be between 1 and {limits.max_sentences}, not {self.sentences}.")
        if self.words is not None and not MIN_WORDS <= self.words <= limits.max_words:
            raise InvalidOptionError(f"words must be between {MIN_WORDS} and {limits.max_words}, not {self.words}.")
        if self.ratio is not None and not (0.0 < self.ratio <= 1.0 and math.isfinite(self.ratio)):
            raise InvalidOptionError(f"ratio must be more than 0 and at most 1, not {self.ratio}.")

    def resolve(self, distinct: int) -> Target:
        """The target for a story of `distinct` usable sentences: a ratio becomes a number of sentences, a word
        budget counts as budget/22 sentences, and twice as many topics are found as sentences are wanted."""
        sentences = self.sentences
        if sentences is None and self.words is None:
            sentences = DEFAULT_SENTENCES if self.ratio is None else max(1, round(self.ratio * distinct))
        wanted = sentences if sentences is not None else math.ceil((self.words or 0) / _WORDS_PER_SENTENCE)
        return Target(sentences=sentences, words=self.words, wanted=wanted,
                      topics=min(distinct, math.ceil(wanted * _TOPICS_PER_SENTENCE)))


def check_input(documents: Sequence[Document], length: Length, *, order: str, limits: Limits, seed: int = 0) -> None:
    """Refuse options, then documents, that the summariser does not accept, before any work is done."""
    length.check(limits)
    if order not in ORDERS:
        names = ", ".join(map(repr, ORDERS[:-1])) + f" or {ORDERS[-1]!r}"
        raise InvalidOptionError(f"order must be {names}, not {order!r}.")
    check_seed(seed)
    limits.check(documents)


def check_seed(seed: object) -> None:
    """Refuse a clustering seed that is not a whole number from 0 to MAX_SEED.

    Example:
        >>> check_seed(-1)
        Traceback (most recent call last):
        ...
        summarizer.errors.InvalidOptionError: seed must be a whole number from 0 to 4,294,967,295, not -1.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise InvalidOptionError(f"seed must be a whole number from 0 to {MAX_SEED:,}, not {seed!r}.")

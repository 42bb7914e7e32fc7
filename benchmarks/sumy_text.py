"""Text for sumy's summarisers: paragraphs, and a sentence and word tokenizer on blingfire (NLTK's punkt cannot be
downloaded here). Imports nothing of ours, so a process that runs only sumy (`python -m benchmarks.coldstart
lexrank`) loads only what a sumy user would.
"""

from __future__ import annotations

import re

import blingfire

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """An article's paragraphs (separated by a blank line), each on one line."""
    return [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


class BlingfireTokenizer:
    """A sumy tokenizer (`to_sentences`, `to_words`) on blingfire, which needs no NLTK punkt download.

    Example:
        >>> BlingfireTokenizer().to_sentences("He left. She stayed.")
        ('He left.', 'She stayed.')
        >>> BlingfireTokenizer().to_words("It's 5 p.m. -- late.")
        ('It', "'s", '5', 'p.m.', 'late')
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        text = " ".join(paragraph.split())
        if not text:
            return ()
        return tuple(s.strip() for s in blingfire.text_to_sentences(text).split("\n") if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        # sumy's own tokenizer keeps only tokens holding a letter or digit; so does this one.
        return tuple(w for w in blingfire.text_to_words(sentence).split() if any(c.isalnum() for c in w))

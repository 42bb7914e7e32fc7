"""Where articles that report the same point give it different figures (`summarizer.stages.figures`).

Precision comes first: two figures of the same kind are said to differ only when

- they stand in the same place of otherwise near-identical wording (the words around each, figures masked, match
  for WINDOW tokens on both sides, in sentences NEAR_IDENTICAL alike), or
- they are anchored alike: the word after each (the noun the figure counts) or the word before it matches, and
  at least one more word near them does, while the words right next to them do not differ ("killed 12 people" /
  "killed at least 15 people", never "12 killed" / "15 injured" or "killed 12" / "injured 15"), and no place
  named near one figure is missing from the other sentence ("32 in Poland" / "62 across Europe").

Values that a bound or a rough figure reconciles ("at least 12" / "15", "about 300" / "296") do not differ; two
different floors ("at least 62" / "at least 65") do, as outlets reporting different tolls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

import Stemmer

from summarizer.stages.figures import Figure, find_figures
from summarizer.types import Disagreement, FigureValue

#: Tokens on each side of a figure that must match, inside an otherwise near-identical sentence.
WINDOW = 3
#: Share of two sentences' tokens (figures masked) that must match for them to count as near-identical wording.
NEAR_IDENTICAL = 0.6
#: Share of matching tokens below which two sentences are too different for anchored figures to be compared.
ALIKE = 0.15
#: Words near a figure compared on each side, and tokens around it searched for place names.
_ANCHORS, _NEAR = 3, 6
_TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]")
_STEMMER = Stemmer.Stemmer("english")  # Snowball's C library (PyStemmer), as in concepts.py
#: Words passed over when looking for the words around a figure: they say little about what it counts.
_STOP = frozenset("""a an the of in on at to for from by with and or as than that who which where when was were is
    are be been being has have had will would could may might said says say its it their his her they he she this
    these those there here about nearly almost around roughly approximately some estimated least more most over
    under up fewer less just only another other total totalling all per out so far now also""".split())
#: Words just before a figure that make it a part of a whole ("the first two types"): not the whole's figure.
_PART = frozenset("first last top next remaining other another additional further final".split())
#: Words that place a figure somewhere unnamed ("600,000 people there"), so its scope is unknown.
_DEICTIC = frozenset({"there", "here"})
#: When a report was written, which outlets say differently without disagreeing about the point.
_WHEN = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())


@dataclass(frozen=True)
class _Words:
    """A sentence's tokens, lower-cased, each figure one token `#<index>:<kind>`, with the original spellings."""

    tokens: tuple[str, ...]
    spelled: tuple[str, ...]

    @classmethod
    def of(cls, text: str, figures: Sequence[Figure]) -> _Words:
        spelled, at = [], 0
        for index, figure in enumerate(figures):
            spelled += _TOKEN.findall(text[at:figure.start]) + [f"#{index}:{figure.kind}"]
            at = figure.end
        spelled += _TOKEN.findall(text[at:])
        spelled = [t for t in spelled if t.lower() not in _WHEN]
        return cls(tuple(t.lower() for t in spelled), tuple(spelled))

    def masked(self) -> list[str]:
        return [t.split(":")[1] if t.startswith("#") else t for t in self.tokens]

    def figure_at(self, at: int) -> int | None:
        token = self.tokens[at]
        return int(token[1:].split(":")[0]) if token.startswith("#") else None

    def context(self, at: int, step: int) -> list[str]:
        """Up to _ANCHORS stemmed words next to token `at` (before it for step -1), skipping stop words and hyphens,
        up to the clause's edge (other punctuation or another figure)."""
        words: list[str] = []
        i = at + step
        while 0 <= i < len(self.tokens) and len(words) < _ANCHORS:
            token = self.tokens[i]
            if token.startswith("#") or (not token[0].isalnum() and token != "-"):
                break
            if token[0].isalnum() and token not in _STOP:
                words.append(_STEMMER.stemWord(token))
            i += step
        return words

    def names_near(self, at: int) -> set[str]:
        """Capitalised words (places, organisations) in the clause of token `at`, within _NEAR tokens of it and not
        opening the sentence, and "there" or "here"."""
        found = set()
        for step in (-1, 1):
            i = at + step
            while 0 <= i < len(self.tokens) and abs(i - at) <= _NEAR and (
                    self.tokens[i][0].isalnum() or self.tokens[i][0] in "-#"):
                word = self.spelled[i]
                if (i > 0 and word[:1].isupper() and word.isalpha() and word.lower() not in _STOP) or (
                        word.lower() in _DEICTIC):
                    found.add(word[:5].lower())
                i += step
        return found

    def names(self) -> set[str]:
        return {t[:5].lower() for t in self.spelled[1:] if t[:1].isupper() and t.isalpha()} | (
            _DEICTIC & set(self.tokens))

    def part(self, at: int) -> bool:
        """Whether the figure at token `at` counts a part ("the first two", "another 12")."""
        before = [t for t in self.tokens[max(0, at - 2):at] if t not in ("the", "a", "an")]
        return bool(before) and before[-1] in _PART


def differing_figures(a: str, b: str) -> list[tuple[Figure, Figure]]:
    """The pairs (figure of `a`, figure of `b`) that give one fact different values.

    Example:
        >>> pairs = differing_figures("At least 12 people were killed in the blast.",
        ...                           "At least 15 people were killed in the blast.")
        >>> [(f.value, g.value) for f, g in pairs]
        [((12.0,), (15.0,))]
        >>> differing_figures("12 killed in the blast.", "15 injured in the blast.")
        []
    """
    figures_a, figures_b = find_figures(a), find_figures(b)
    if not figures_a or not figures_b:
        return []
    words_a, words_b = _Words.of(a, figures_a), _Words.of(b, figures_b)
    alike = SequenceMatcher(None, words_a.masked(), words_b.masked(), autojunk=False).ratio()
    pairs = _aligned(words_a, words_b) if alike >= NEAR_IDENTICAL else []
    if alike >= ALIKE:
        used_a, used_b = {i for i, _ in pairs}, {j for _, j in pairs}
        pairs += [(i, j) for i, j in _anchored(words_a, words_b, figures_a, figures_b, alike=alike)
                  if i not in used_a and j not in used_b]
    # A figure whose value the other sentence also gives agrees there ("20 million of 30 million voted" /
    # "20 million voted"): it is not set against another of its figures.
    echoed_a = {i for i, f in enumerate(figures_a) if any(_same(f, g) for g in figures_b)}
    echoed_b = {j for j, g in enumerate(figures_b) if any(_same(f, g) for f in figures_a)}
    return [(figures_a[i], figures_b[j]) for i, j in sorted(pairs)
            if i not in echoed_a and j not in echoed_b and _differ(figures_a[i], figures_b[j])]


def _aligned(a: _Words, b: _Words) -> list[tuple[int, int]]:
    """Figures in the same place of near-identical wording: an equal run of the two sentences (figures masked by
    kind) holds both, with WINDOW tokens on each side, or runs to a sentence's edge."""
    matcher = SequenceMatcher(None, a.masked(), b.masked(), autojunk=False)
    pairs = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            fa, fb = a.figure_at(block.a + k), b.figure_at(block.b + k)
            if fa is None or fb is None:
                continue
            left = k >= WINDOW or block.a == 0 or block.b == 0
            right = (block.size - 1 - k >= WINDOW or block.a + block.size == len(a.tokens)
                     or block.b + block.size == len(b.tokens))
            if left and right:
                pairs.append((fa, fb))
    return pairs


def _anchored(
    a: _Words, b: _Words, figures_a: Sequence[Figure], figures_b: Sequence[Figure], *, alike: float,
) -> list[tuple[int, int]]:
    """Figures anchored alike (see the module's docstring), each matching exactly one figure of the other."""
    names_a, names_b = a.names(), b.names()
    spots_a = [(at, a.figure_at(at)) for at in range(len(a.tokens)) if a.figure_at(at) is not None]
    spots_b = [(at, b.figure_at(at)) for at in range(len(b.tokens)) if b.figure_at(at) is not None]
    matches: list[tuple[int, int]] = []
    for at_a, fa in spots_a:
        before_a, after_a = a.context(at_a, -1), a.context(at_a, 1)
        for at_b, fb in spots_b:
            assert fa is not None and fb is not None
            if figures_a[fa].kind != figures_b[fb].kind:
                continue
            before_b, after_b = b.context(at_b, -1), b.context(at_b, 1)
            if _clash(before_a, before_b, 0) or _clash(after_a, after_b, 0) or (
                    after_a[:1] == after_b[:1] and _clash(after_a, after_b, 1)) or a.part(at_a) != b.part(at_b):
                continue  # "killed 12" / "injured 15", "12 people killed" / "15 people injured", "first two"
            if not ((after_a[:1] and after_a[:1] == after_b[:1]) or (before_a[:1] and before_a[:1] == before_b[:1])):
                continue
            shared = len(set(before_a) & set(before_b)) + len(set(after_a) & set(after_b))
            if shared < 2 and alike < NEAR_IDENTICAL:
                continue
            if a.names_near(at_a) - names_b or b.names_near(at_b) - names_a:
                continue  # a place or body named by one and not the other: perhaps a different scope
            matches.append((fa, fb))
    once_a = {fa for fa, _ in matches if sum(x == fa for x, _ in matches) == 1}
    once_b = {fb for _, fb in matches if sum(y == fb for _, y in matches) == 1}
    return [(fa, fb) for fa, fb in matches if fa in once_a and fb in once_b]


def _same(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind and a.value == b.value


def _rounds_to(value: float, rounded: float, step: float) -> bool:
    return step > 1e-9 and abs(round(value / step) * step - rounded) <= 1e-6 * max(abs(rounded), 1.0)


def _clash(a: Sequence[str], b: Sequence[str], at: int) -> bool:
    return len(a) > at and len(b) > at and a[at] != b[at]


def _differ(a: Figure, b: Figure) -> bool:
    """Whether two figures of one fact disagree: same kind and unit, different values that no bound reconciles."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return any(x is not None and y is not None and x != y for x, y in zip(a.value, b.value, strict=True))
    if a.kind == "money" and a.value[0] != b.value[0]:
        return False
    x, y = float(a.value[-1]), float(b.value[-1])  # type: ignore[arg-type]
    if x == y or _rounds_to(x, y, b.step) or _rounds_to(y, x, a.step):
        return False  # "8.4 million" and "8 million", "27,200" and "27,000"
    if "rough" in (a.bound, b.bound) and abs(x - y) <= 0.1 * max(abs(x), abs(y)):
        return False
    for bound, limit, value, other in ((a.bound, x, y, b.bound), (b.bound, y, x, a.bound)):
        if other in ("", "rough") and ((bound == "min" and value >= limit) or (bound == "max" and value <= limit)):
            return False  # "at least 12" and "15" agree
    return True


class _Span(Protocol):
    """A sentence placed in its document: `Sentence`, `Support` and `SummarySentence` all are."""

    @property
    def document_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def text(self) -> str: ...


def disagreements(sentence: _Span, others: Sequence[_Span]) -> tuple[Disagreement, ...]:
    """Each figure of `sentence` that some of `others` (other articles' reports of the same point) give
    differently: the sentence's value first, then each differing one, with offsets into their documents.

    Example:
        >>> from summarizer.types import Support
        >>> own = Support("ap", 100, 120, "At least 12 people were killed in the blast.", 1.0)
        >>> other = Support("upi", 0, 44, "At least 15 people were killed in the blast.", 0.9)
        >>> [[(v.document_id, v.start, v.text) for v in d.values] for d in disagreements(own, [other])]
        [[('ap', 109, '12'), ('upi', 9, '15')]]
    """
    found: dict[int, list[FigureValue]] = {}
    for other in others:
        for mine, theirs in differing_figures(sentence.text, other.text):
            values = found.setdefault(mine.start, [_value_of(sentence, mine)])
            if all((v.document_id, v.start) != (other.document_id, other.start + theirs.start) for v in values):
                values.append(_value_of(other, theirs))
    return tuple(Disagreement(values=tuple(found[start])) for start in sorted(found))


def _value_of(span: _Span, figure: Figure) -> FigureValue:
    return FigureValue(document_id=span.document_id, start=span.start + figure.start, end=span.start + figure.end,
                       text=span.text[figure.start:figure.end])

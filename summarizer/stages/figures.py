"""Figures in news sentences (counts, money, percentages, ages, dates) and where two reports of a point differ.

Precision comes first: two figures are said to differ only when they stand in the same place of otherwise
near-identical wording, or are attached to the same noun with nothing around them that says otherwise ("12 people
were killed" / "15 people were killed", never "12 killed" / "15 injured"). Numbers written as words count from two
to ninety-nine; vaguer quantities ("a dozen", "dozens") are not figures, so such a difference may be missed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Protocol

from summarizer.types import Disagreement, FigureValue

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, start=1)} | {
    name[:3]: n for n, name in enumerate(_MONTH_NAMES, start=1)} | {"sept": 9}
_MONTH = "(?:" + "|".join(f"{name.capitalize()}|{name[:4 if name == 'september' else 3].capitalize()}\\.?"
                          if len(name) > 4 else name.capitalize() for name in _MONTH_NAMES) + ")"
_UNITS = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
          "eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {w: n for n, w in enumerate(_UNITS, start=2)} | {w: 10 * n for n, w in enumerate(_TENS, start=2)} | {
    "one": 1}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_CURRENCIES = {"$": "USD", "us$": "USD", "dollars": "USD", "£": "GBP", "pounds": "GBP", "€": "EUR", "euros": "EUR",
               "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB", "marks": "DEM",
               "francs": "FRF", "pesos": "MXN", "rupees": "INR"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"hundred|thousand|million|billion|trillion"
_WORDNUM = rf"(?:{'|'.join(_TENS)})(?:-(?:one|{'|'.join(_UNITS[:8])}))?|{'|'.join(_UNITS)}"
_FIGURE = re.compile(rf"""
    (?P<time>\b\d{{1,2}}(?::\d{{2}})?\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{{1,2}}:\d{{2}}\b)
  | (?P<date>\b(?P<m1>{_MONTH})\s(?P<d1>\d{{1,2}})\b(?:,?\s(?P<y1>\d{{4}})\b)?
     | \b(?P<d2>\d{{1,2}})\s(?P<m2>{_MONTH})(?:,?\s(?P<y2>\d{{4}})\b)?
     | \b(?P<m3>{_MONTH})\s(?P<y3>\d{{4}})\b
     | (?<![\w$£€¥.,/-])(?P<y4>1[89]\d\d|20\d\d)(?![\w/%]|[-–]\d|[.,]\d))
  | (?P<money>(?P<cur>(?i:US)?[$£€¥])\s?(?P<ma>{_NUM})(?:\s?(?P<ms>(?i:{_SCALE}|bn))\b)?
     | (?<![\w.,])(?P<mb>{_NUM})(?:\s(?P<mbs>(?i:{_SCALE})))?\s(?P<cur2>(?i:dollars|pounds|euros|yen|yuan|rubles|
       roubles|marks|francs|pesos|rupees))\b)
  | (?P<percent>(?<![\w.,])(?P<pa>{_NUM})\s?(?:%|(?i:percent|per\scent)\b))
  | (?P<age>\b(?P<aa>\d{{1,3}})-year-old\b|\b(?i:aged?)\s(?P<ab>\d{{1,3}})\b(?![.,]\d))
  | (?P<count>(?<![\w$£€¥.,/#-])(?P<ca>{_NUM})(?![\w/]|[-–]\d|[.,]\d)(?:\s(?P<cs>(?i:{_SCALE})))?
     | \b(?P<cw>(?i:{_WORDNUM}))\b(?:\s(?P<cws>(?i:{_SCALE})))?)
""", re.VERBOSE)
_TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s]")
#: Words passed over when looking for the words around a figure: they say little about what it counts.
_STOP = frozenset("""a an the of in on at to for from by with and or as than that who which was were is are be been
    being has have had will would could said says say its it their his her they he she this these those there here
    about nearly almost around roughly approximately some estimated least more most over under up fewer less just
    only another other total totalling all""".split())
#: Words before a figure that make it a rough value: within a tenth of it is no disagreement.
_ROUGH = frozenset("about nearly almost around roughly approximately some estimated close".split())
_AT_LEAST = ("at least", "more than", "over", "upwards of", "as many as")
_AT_MOST = ("up to", "fewer than", "less than", "under", "no more than")
#: Tokens on each side of a figure that must match, inside an otherwise near-identical sentence.
WINDOW = 3
#: Share of two sentences' tokens (figures masked) that must match for them to count as near-identical wording.
NEAR_IDENTICAL = 0.6


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence: its span in the sentence's text, its kind and its value in comparable form."""

    start: int
    end: int
    kind: str
    value: tuple[object, ...]
    bound: str = ""  # "rough", "min", "max" or "" (exact), from the words just before it


def find_figures(text: str) -> list[Figure]:
    """The figures in a sentence: counts, money, percentages, ages and dates (times of day and identifiers such
    as "Flight 800" or "F-16" are not figures).

    Example:
        >>> [(text[f.start:f.end], f.kind) for text in ["At least 12 people died on May 16, 1998."]
        ...  for f in find_figures(text)]
        [('12', 'count'), ('May 16, 1998', 'date')]
    """
    figures = []
    for match in _FIGURE.finditer(text):
        kind = match.lastgroup or ""
        if kind == "time" or (kind == "count" and match.group("ca") and _identifier(text, match.start())):
            continue
        value = _value(match, kind)
        if value is not None:
            figures.append(Figure(match.start(), match.end(), kind, value, _bound(text[:match.start()])))
    return figures


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
    tokens_a, tokens_b = _tokens(a, figures_a), _tokens(b, figures_b)
    pairs = _aligned(tokens_a, tokens_b)
    used_a, used_b = {i for i, _ in pairs}, {j for _, j in pairs}
    pairs += [(i, j) for i, j in _attached(tokens_a, tokens_b) if i not in used_a and j not in used_b]
    return [(figures_a[i], figures_b[j]) for i, j in sorted(pairs) if _differ(figures_a[i], figures_b[j])]


def _identifier(text: str, start: int) -> bool:
    """Whether the number at `start` names something ("Flight 800", "No. 2") rather than counts it: the word just
    before it is "No." or a capitalised word that is neither a month nor a stop word ("About 300")."""
    before = text[:start]
    word = re.search(r"(\S+) $", before)
    if word is None:
        return False
    name = word.group(1)
    if name in ("No.", "Nos.", "no.", "#"):
        return True
    return name[0].isupper() and name.isalpha() and name.lower() not in _MONTHS and name.lower() not in _STOP


def _value(match: re.Match[str], kind: str) -> tuple[object, ...] | None:
    group = match.group
    if kind == "date":
        month = next((group(m) for m in ("m1", "m2", "m3") if group(m)), None)
        day = next((int(group(d)) for d in ("d1", "d2") if group(d)), None)
        year = next((int(group(y)) for y in ("y1", "y2", "y3", "y4") if group(y)), None)
        number = _MONTHS.get(month.lower().rstrip(".")) if month else None
        return None if day is not None and not 1 <= day <= 31 else (year, number, day)
    if kind == "money":
        amount, scale = (group("ma"), group("ms")) if group("ma") else (group("mb"), group("mbs"))
        currency = _CURRENCIES.get((group("cur") or group("cur2") or "").lower(), "")
        return (currency, _number(amount) * _SCALES.get((scale or "").lower(), 1.0))
    if kind == "percent":
        return (_number(group("pa")),)
    if kind == "age":
        return (int(group("aa") or group("ab")),)
    if group("ca"):
        return (_number(group("ca")) * _SCALES.get((group("cs") or "").lower(), 1.0),)
    words = group("cw").lower().split("-")
    return (float(sum(_WORD_VALUES[w] for w in words)) * _SCALES.get((group("cws") or "").lower(), 1.0),)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _bound(before: str) -> str:
    """Whether the words before a figure make it rough ("about 300"), a floor ("at least 12") or a ceiling."""
    words = re.findall(r"[a-z]+", before.lower())[-2:]
    if words[-1:] and (words[-1] in _ROUGH or words == ["an", "estimated"]):
        return "rough"
    tail = " ".join(words)
    for phrases, bound in ((_AT_LEAST, "min"), (_AT_MOST, "max")):
        if any(tail == p or tail.endswith(" " + p) or (" " not in p and words[-1:] == [p]) for p in phrases):
            return bound
    return ""


def _tokens(text: str, figures: Sequence[Figure]) -> list[str]:
    """The sentence's words and punctuation, lower-cased, each figure one token `#<index>:<kind>`."""
    tokens, at = [], 0
    for index, figure in enumerate(figures):
        tokens += [t.lower() for t in _TOKEN.findall(text[at:figure.start])] + [f"#{index}:{figure.kind}"]
        at = figure.end
    return tokens + [t.lower() for t in _TOKEN.findall(text[at:])]


def _masked(tokens: Sequence[str]) -> list[str]:
    return [t.split(":")[1] if t.startswith("#") else t for t in tokens]


def _figure(token: str) -> int | None:
    return int(token[1:].split(":")[0]) if token.startswith("#") else None


def _aligned(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Figures in the same place of near-identical wording: an equal run of the two sentences (figures masked by
    kind) holds both, with WINDOW tokens on each side, or runs to a sentence's edge."""
    matcher = SequenceMatcher(None, _masked(a), _masked(b), autojunk=False)
    if matcher.ratio() < NEAR_IDENTICAL:
        return []
    pairs = []
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            i, j = block.a + k, block.b + k
            fa, fb = _figure(a[i]), _figure(b[j])
            if fa is None or fb is None:
                continue
            left = k >= WINDOW or block.a == 0 or block.b == 0
            right = block.size - 1 - k >= WINDOW or block.a + block.size == len(a) or block.b + block.size == len(b)
            if left and right:
                pairs.append((fa, fb))
    return pairs


def _context(tokens: Sequence[str], at: int, step: int, count: int) -> list[str]:
    """Up to `count` words next to token `at` (before it for step -1), skipping stop words and hyphens, up to the
    clause's edge (other punctuation or another figure)."""
    words, i = [], at + step
    while 0 <= i < len(tokens) and len(words) < count:
        token = tokens[i]
        if token.startswith("#") or (not token[0].isalnum() and token != "-"):
            break
        if token[0].isalnum() and token not in _STOP:
            words.append(token[:-1] if token.endswith("s") and len(token) > 3 else token)
        i += step
    return words


def _attached(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Figures attached to the same noun: the same word follows each, one figure per sentence has it, and the
    words around (the word before, the word after the noun) do not differ where both sentences have one."""
    def keyed(tokens: Sequence[str]) -> dict[tuple[str, str], list[tuple[int, list[str], list[str]]]]:
        found: dict[tuple[str, str], list[tuple[int, list[str], list[str]]]] = {}
        for at, token in enumerate(tokens):
            index = _figure(token)
            after = _context(tokens, at, 1, 2)
            if index is None or not after or after[0].isdigit() or after[0].endswith("ed"):
                continue
            found.setdefault((token.split(":")[1], after[0]), []).append((index, _context(tokens, at, -1, 1), after))
        return found

    pairs = []
    found_b = keyed(b)
    for key, here in keyed(a).items():
        there = found_b.get(key, [])
        if len(here) != 1 or len(there) != 1:
            continue
        (fa, before_a, after_a), (fb, before_b, after_b) = here[0], there[0]
        if before_a and before_b and before_a != before_b:
            continue
        if len(after_a) > 1 and len(after_b) > 1 and after_a[1] != after_b[1]:
            continue
        pairs.append((fa, fb))
    return pairs


def _differ(a: Figure, b: Figure) -> bool:
    """Whether two figures of one fact disagree: same kind and unit, different values that no bound reconciles."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        return any(x is not None and y is not None and x != y for x, y in zip(a.value, b.value, strict=True))
    if a.kind == "money" and a.value[0] != b.value[0]:
        return False
    x, y = float(a.value[-1]), float(b.value[-1])  # type: ignore[arg-type]
    if x == y:
        return False
    if "rough" in (a.bound, b.bound) and abs(x - y) <= 0.1 * max(abs(x), abs(y)):
        return False
    for bound, limit, exact, other in ((a.bound, x, y, b.bound), (b.bound, y, x, a.bound)):
        if not other and ((bound == "min" and exact >= limit) or (bound == "max" and exact <= limit)):
            return False  # "at least 12" and "15" agree
    return True


class _Span(Protocol):
    """A sentence placed in its document: `Sentence`, `Support` and `SummarySentence` all are."""

    document_id: str
    start: int
    text: str


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

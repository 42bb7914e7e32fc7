"""Figures in news sentences: counts, amounts of money, percentages, ages and dates, with their values.

Numbers written as words count from two to ninety-nine; vaguer quantities ("a dozen", "dozens") are not figures.
Times of day, identifiers ("Flight 800", "No. 2", "F-16") and physical measures ("minus 20 degrees", "35.9 meters",
"3,900-mile") are not figures either: they are not what outlets report differently about a story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_CURRENCIES = {"$": "USD", "us$": "USD", "dlrs": "USD", "dollars": "USD", "£": "GBP", "pounds": "GBP", "€": "EUR",
               "euros": "EUR", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rubles": "RUB", "roubles": "RUB",
               "marks": "DEM", "francs": "FRF", "pesos": "MXN", "rupees": "INR"}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"hundred|thousand|million|billion|trillion"
_WORDNUM = rf"(?:{'|'.join(_TENS)})(?:-(?:one|{'|'.join(_UNITS[:8])}))?|{'|'.join(_UNITS)}"
_FIGURE = re.compile(rf"""
    (?P<time>\b\d{{1,2}}(?::\d{{2}})?\s?(?:[ap]\.m\.|[ap]m\b)|\b\d{{1,2}}:\d{{2}}\b)
  | (?P<date>\b(?P<m1>{_MONTH})\s(?P<d1>\d{{1,2}})\b(?:,?\s(?P<y1>\d{{4}})\b)?
     | \b(?P<d2>\d{{1,2}})\s(?P<m2>{_MONTH})(?:,?\s(?P<y2>\d{{4}})\b)?
     | \b(?P<m3>{_MONTH})\s(?P<y3>\d{{4}})\b
     | (?<![\w$£€¥.,/-])(?P<y4>1[89]\d\d|20\d\d)(?![\w/%]|[-–]\d|[.,]\d))
  | (?P<money>(?P<cur>(?i:US)?[$£€¥]|dlrs)\s?(?P<ma>{_NUM})(?:\s?(?P<ms>(?i:{_SCALE}|bn))\b)?
     | (?<![\w.,])(?P<mb>{_NUM})(?:\s(?P<mbs>(?i:{_SCALE})))?\s(?P<cur2>(?i:dollars|pounds|euros|yen|yuan|rubles|
       roubles|marks|francs|pesos|rupees))\b)
  | (?P<percent>(?<![\w.,])(?P<pa>{_NUM})\s?(?:%|(?i:percent|per\scent)\b))
  | (?P<age>\b(?P<aa>\d{{1,3}})-year-old\b|\b(?i:aged?)\s(?P<ab>\d{{1,3}})\b(?![.,]\d))
  | (?P<count>(?<![\w$£€¥.,/#-])(?P<ca>{_NUM})(?![\w/]|[-–]\d|[.,]\d)(?:\s(?P<cs>(?i:{_SCALE})))?
     | \b(?P<cw>(?i:{_WORDNUM}))\b(?:\s(?P<cws>(?i:{_SCALE})))?)
""", re.VERBOSE)
#: Words before a figure that make it a rough value: within a tenth of it is no disagreement.
_ROUGH = frozenset("about nearly almost around roughly approximately some estimated close".split())
#: Capitalised words before a number that do not name it ("About 300", "Some 12").
_NOT_NAMES = frozenset("about nearly almost around roughly approximately some estimated at least more over under up "
                       "only just all the a an and but killing including".split())
_AT_LEAST = ("at least", "more than", "over", "upwards of", "as many as")
_AT_MOST = ("up to", "fewer than", "less than", "under", "no more than")
#: Units after a number that make it a physical measure rather than a count.
_MEASURE = re.compile(r"\s?-?\s?(?i:degrees?|celsius|fahrenheit|[cf]\b|kph|mph|km|kilomet(?:er|re)s?|miles?|"
                      r"met(?:er|re)s?|feet|foot|inch(?:es)?|yards?|tons?|tonnes?|acres?|hectares?|square|cubic|"
                      r"cub|kilo(?:gram)?s?|kg|pounds? (?:of|per)|gallons?|liters?|litres?|barrels?|megawatts?|"
                      r"kilowatts?)\b")


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence: its span in the sentence's text, its kind and its value in comparable form."""

    start: int
    end: int
    kind: str
    value: tuple[object, ...]
    bound: str = ""  # "rough", "min", "max" or "" (exact), from the words just before it
    step: float = 1.0  # what its last written digit counts: 10 for "150", 0.1 for "8.4", 1e6 for "8 million"


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
        if kind == "count" and _MEASURE.match(text, match.end()):
            continue
        value = _value(match, kind)
        if value is not None:
            figures.append(Figure(match.start(), match.end(), kind, value, _bound(text[:match.start()]),
                                  _step(match.group(), value)))
    return figures


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
    return name[0].isupper() and name.isalpha() and name.lower() not in _MONTHS and name.lower() not in _NOT_NAMES


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


def _step(written: str, value: tuple[object, ...]) -> float:
    """What the last written digit of a figure counts, so that "8 million" and "8.4 million" are seen to agree.

    Example:
        >>> _step("150", (150.0,)), _step("8.4 million", (8.4e6,)), _step("twenty-five", (25.0,))
        (10.0, 100000.0, 1.0)
    """
    digits = re.search(r"\d[\d,]*(?:\.(\d+))?", written)
    if digits is None or not isinstance(value[-1], float):
        return 1.0
    number = _number(digits.group())
    if digits.group(1):
        return float(value[-1]) / number * 10.0 ** -len(digits.group(1))
    zeros = len(str(int(number))) - len(str(int(number)).rstrip("0")) if number else 0
    return float(value[-1]) / number * 10.0**zeros if number else 1.0


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

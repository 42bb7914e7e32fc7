"""Figures found in news sentences: what counts as one, its kind and its value."""

from __future__ import annotations

import pytest

from summarizer.stages.figures import find_figures


def figures(text: str) -> list[tuple[str, str, tuple[object, ...]]]:
    return [(text[f.start:f.end], f.kind, f.value) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("At least 12 people died.", [("12", "count", (12.0,))]),
    ("Some 2,000 troops and fifteen tanks arrived.", [("2,000", "count", (2000.0,)), ("fifteen", "count", (15.0,))]),
    ("Twenty-five children were hurt.", [("Twenty-five", "count", (25.0,))]),
    ("It affects 2.7 million Americans.", [("2.7 million", "count", (2.7e6,))]),
    ("The deal was worth $1.5 million.", [("$1.5 million", "money", ("USD", 1.5e6))]),
    ("It paid nearly dlrs 400,000 in aid.", [("dlrs 400,000", "money", ("USD", 4e5))]),
    ("They lost 3 billion dollars.", [("3 billion dollars", "money", ("USD", 3e9))]),
    ("Support fell to 56 percent, or 56%.", [("56 percent", "percent", (56.0,)), ("56%", "percent", (56.0,))]),
    ("A 43-year-old man, aged 43, was held.", [("43-year-old", "age", (43,)), ("aged 43", "age", (43,))]),
    ("It opened on May 16, 1998, not 16 May.", [("May 16, 1998", "date", (1998, 5, 16)),
                                                ("16 May", "date", (None, 5, 16))]),
    ("The plan dates from January 1999 and from 1997.", [("January 1999", "date", (1999, 1, None)),
                                                        ("1997", "date", (1997, None, None))]),
])
def test_counts_money_percentages_ages_and_dates_are_found_with_their_values(
    text: str, expected: list[tuple[str, str, tuple[object, ...]]],
) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize("text", [
    "Flight 800 left at 8:19 p.m. after a delay.",
    "The F-16 jets and a Boeing 747 flew over No. 2 terminal.",
    "Temperatures fell to minus 20 degrees Celsius on a 3,900-mile front.",
    "The lake stood at 35.9 meters, and the 1990s were drier.",
    "It was the 21st time, said one of them, and a dozen others agreed.",
])
def test_times_identifiers_measures_ordinals_and_vague_quantities_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_words_before_a_figure_make_it_a_floor_a_ceiling_or_a_rough_value() -> None:
    bounds = [f.bound for f in find_figures("At least 12 died, up to 30 were hurt, about 300 fled and 7 hid.")]

    assert bounds == ["min", "max", "rough", ""]

from __future__ import annotations

import pytest

from summarizer.stages.clean import find_paragraphs, is_boilerplate


def _paragraphs(text: str) -> list[str]:
    return [text[p.start:p.end] for p in find_paragraphs(text).paragraphs]


WRAPPED = (
    "Chinese leader Xi Jinping welcomed Vladimir Putin to Beijing\n"
    "Thursday with a military band serenade and a multiple gun salute outside the\n"
    "capital's Great Hall of the People, heralding the start of a two-day state\n"
    "visit.\n"
    "The visit is Putin's symbolic first overseas foray since\n"
    "entering a new term as Russia's president last week and a mark of support\n"
    "for Putin from Xi.\n"
)


def test_hard_wrapped_lines_are_joined_into_paragraphs_with_offsets_kept() -> None:
    paragraphs = _paragraphs(WRAPPED)

    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Chinese leader") and paragraphs[0].endswith("two-day state\nvisit.")
    assert paragraphs[1].endswith("from Xi.")


def test_a_headline_without_punctuation_is_not_run_into_the_body() -> None:
    text = "Putin arrives in China for state visit\nRussian President Vladimir Putin arrived in Beijing.\n"

    assert _paragraphs(text) == ["Putin arrives in China for state visit",
                                 "Russian President Vladimir Putin arrived in Beijing."]


def test_a_line_ending_in_a_comma_inside_a_quote_continues_in_a_wrapped_file() -> None:
    text = WRAPPED + "Putin hailed the countries' \u201cpractical cooperation,\u201d\npointing to record trade.\n"

    expected = "Putin hailed the countries' \u201cpractical cooperation,\u201d\npointing to record trade."
    assert _paragraphs(text)[-1] == expected


def test_a_line_starting_in_lower_case_continues_the_previous_one() -> None:
    assert _paragraphs("The talks were held in\nthe Great Hall of the People.") == [
        "The talks were held in\nthe Great Hall of the People."]


def test_blank_lines_always_end_a_paragraph_and_crlf_is_handled() -> None:
    text = "First paragraph here.\r\n\r\nSecond paragraph here.\r\n"

    assert _paragraphs(text) == ["First paragraph here.", "Second paragraph here."]


@pytest.mark.parametrize("line", [
    "Source link", "Leave a Comment", "Leave a Reply", "Back to top button", "Advertisement",
    "Photo by Sergey Bobylev/EPA-EFE", "(Copyright (c) 2024 CNN. All Rights Reserved. This material may not be "
    "published, broadcast, rewritten, or redistributed.)", "© 2024 Example News",
    "Join our Newsletter for the latest news right to your inbox",
    "Your email address will not be published. Required fields are marked *",
    "Russian President Vladimir Putin (R) attends a welcome ceremony in Beijing, China, on Thursday. "
    "Photo by Sergey Bobylev/EPA-EFE",
])
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Putin arrived in Beijing on Thursday.",
    "The photo by the agency showed Xi and Putin shaking hands at the ceremony.",
    "Advertisement revenue at state media rose last year, officials said.",
])
def test_reporting_is_not_mistaken_for_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_lines_are_dropped_and_counted() -> None:
    text = "Putin arrived in Beijing.\n\nSource link\n\nLeave a Comment\n"

    result = find_paragraphs(text)

    assert [text[p.start:p.end] for p in result.paragraphs] == ["Putin arrived in Beijing."]
    assert result.dropped_lines == 2


def test_leading_indentation_is_outside_the_paragraph_span() -> None:
    text = "    Indented paragraph of text.\n"

    assert _paragraphs(text) == ["Indented paragraph of text."]

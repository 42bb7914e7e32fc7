"""HTML pages read by the library: article text without markup, and the page's title, date and site name."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from summarizer.errors import UnreadableFileError
from summarizer.io.html import read_html

PAGE = (
    "<html><head><title>Putin in Beijing</title><script>var tracking = 1;</script>"
    '<meta property="og:site_name" content="Example News">'
    '<meta property="article:published_time" content="2024-05-16T09:30:00+08:00"></head><body>'
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
    "<p>Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit.</p>"
    "<p>Chinese leader Xi Jinping welcomed him with a military band outside the Great Hall of the People.</p>"
    "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
)


def test_html_becomes_its_article_text_without_markup_scripts_or_navigation() -> None:
    text = read_html(PAGE).text

    assert "Putin arrived in Beijing on Thursday" in text and "Xi Jinping welcomed him" in text
    assert "<" not in text and "tracking" not in text and "Home | World" not in text


def test_the_pages_title_publication_time_and_site_name_are_taken_from_its_metadata() -> None:
    page = read_html(PAGE)

    assert (page.title, page.published, page.source) == ("Putin in Beijing", "2024-05-16T09:30:00+0800",
                                                         "Example News")


def test_html_without_an_article_or_metadata_is_empty_text_and_no_notes() -> None:
    page = read_html("<html><body></body></html>")

    assert (page.text, page.title, page.published, page.source, page.url) == ("", None, None, None, None)


def test_a_date_only_mentioned_in_the_text_is_not_taken_for_the_publication_date() -> None:
    page = read_html("<html><body><article><p>" + "The treaty was signed on May 3, 2021 in Geneva. " * 4
                     + "</p></article></body></html>")

    assert page.published is None


def test_without_trafilatura_reading_html_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "trafilatura":
            raise ImportError("No module named 'trafilatura'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)

    with pytest.raises(UnreadableFileError, match=r"pip install 'story-summarizer\[html\]'"):
        read_html(PAGE)

"""Article text and metadata from an HTML page, by trafilatura (the `html` extra); nothing is ever fetched.

The CLI (for .html files) and the HTTP service (for `html` documents) both read pages through `read_html`, so a
page gives the same text, and the same offsets, either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import UnreadableFileError

#: htmldate's settings: the page's own metadata only (no guessing from dates in the text), with the time of day.
_DATE_CONFIG = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}


@dataclass(frozen=True)
class HtmlArticle:
    """A page's article text ("" when none is found) and its title, publication time, site name and address,
    when the page states them."""

    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


def read_html(html: str) -> HtmlArticle:
    """The article text of an HTML page and what its metadata says of it.

    Raises:
        UnreadableFileError: trafilatura is not installed (`pip install 'story-summarizer[html]'`).

    Example:
        >>> page = ("<html><head><title>Putin in Beijing</title></head><body><article><p>"
        ...         + "Putin arrived in Beijing. " * 5 + "</p></article></body></html>")
        >>> article = read_html(page)
        >>> article.text.startswith("Putin arrived in Beijing"), article.title
        (True, 'Putin in Beijing')
    """
    try:
        import trafilatura  # optional: only reading HTML needs it
    except ImportError as exc:
        raise UnreadableFileError(
            "Reading HTML needs trafilatura, which is not installed: pip install 'story-summarizer[html]' "
            "(or give the article as plain text)."
        ) from exc
    # Comments and tables are not article prose; precision over recall keeps navigation and boilerplate out.
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True,
                               with_metadata=False, output_format="txt")
    metadata = trafilatura.extract_metadata(html, date_config=dict(_DATE_CONFIG))
    if metadata is None:
        return HtmlArticle(text=text or "")
    return HtmlArticle(text=text or "", title=metadata.title or None, published=metadata.date or None,
                       source=metadata.sitename or None, url=metadata.url or None)

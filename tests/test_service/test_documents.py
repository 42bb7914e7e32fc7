from __future__ import annotations

from service.documents import document_ids, html_to_text, prepare
from service.schemas import DocumentIn

PAGE = (
    "<html><head><title>Putin in Beijing</title><script>var tracking = 1;</script></head><body>"
    "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
    "<p>Russian President Vladimir Putin arrived in Beijing on Thursday for a two-day state visit.</p>"
    "<p>Chinese leader Xi Jinping welcomed him with a military band outside the Great Hall of the People.</p>"
    "</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"
)


def test_missing_ids_are_numbered_by_position_and_given_ids_are_kept() -> None:
    documents = [DocumentIn(text="a"), DocumentIn(id="cnn", text="b"), DocumentIn(text="c")]

    assert document_ids(documents) == ["doc-1", "cnn", "doc-3"]


def test_a_generated_id_never_collides_with_a_given_one() -> None:
    documents = [DocumentIn(text="a"), DocumentIn(id="doc-1", text="b"), DocumentIn(id="doc-1-1", text="c")]

    ids = document_ids(documents)

    assert ids[1:] == ["doc-1", "doc-1-1"] and ids[0] not in ids[1:]


def test_html_becomes_its_article_text_without_markup_scripts_or_navigation() -> None:
    text = html_to_text(PAGE)

    assert "Putin arrived in Beijing on Thursday" in text and "Xi Jinping welcomed him" in text
    assert "<" not in text and "tracking" not in text and "Home | World" not in text


def test_html_without_an_article_is_empty_text() -> None:
    assert html_to_text("<html><body></body></html>") == ""


def test_prepare_keeps_plain_text_verbatim_and_records_extracted_text() -> None:
    text = "  Line one.\r\n\r\nLine two.\u00a0"

    prepared = prepare([DocumentIn(id="t", text=text), DocumentIn(id="h", html=PAGE)])

    assert prepared.documents[0].text == text
    assert prepared.extracted == {"h": prepared.documents[1].text}

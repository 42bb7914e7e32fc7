from __future__ import annotations

from service.documents import document_ids, prepare
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


def test_prepare_keeps_plain_text_verbatim_and_records_extracted_text() -> None:
    text = "  Line one.\r\n\r\nLine two.\u00a0"

    prepared = prepare([DocumentIn(id="t", text=text), DocumentIn(id="h", html=PAGE)])

    assert prepared.documents[0].text == text
    assert prepared.extracted == {"h": prepared.documents[1].text}


def test_an_html_document_takes_title_date_and_site_from_the_page_unless_the_request_gives_them() -> None:
    page = PAGE.replace("<head>", '<head><meta property="og:site_name" content="Example News">'
                        '<meta property="article:published_time" content="2024-05-16T09:30:00+08:00">')

    found, given = prepare([DocumentIn(id="h", html=page), DocumentIn(id="g", html=page, source="Wire")]).documents

    assert (found.title, found.published, found.source) == ("Putin in Beijing", "2024-05-16T09:30:00+0800",
                                                            "Example News")
    assert given.source == "Wire" and given.title == "Putin in Beijing"


def test_plain_text_documents_carry_their_metadata_as_given() -> None:
    document = prepare([DocumentIn(id="t", text="Putin arrived.", published="2024-05-16", title="Arrival",
                                   source="AP", url="https://example.org/a")]).documents[0]

    assert (document.published, document.title, document.source, document.url) == (
        "2024-05-16", "Arrival", "AP", "https://example.org/a")

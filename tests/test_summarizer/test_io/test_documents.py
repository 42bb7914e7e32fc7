"""Articles read from files of every kind: front matter, HTML pages and JSON documents, with their metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import UnreadableFileError, read_paths
from summarizer.stages.prepare import prepare

ARTICLE = ("Putin arrived in Beijing on Thursday for a two-day state visit, his first trip abroad this term.\n\n"
           "Xi Jinping welcomed him with a military band outside the Great Hall of the People.\n")
FRONT = "---\ntitle: Putin in Beijing\npublished: 2024-05-16T09:30:00+08:00\nsource: Wire\nurl: https://example.org/a\n---\n"
PAGE = ("<html><head><title>Putin in Beijing</title><meta property=\"og:site_name\" content=\"Example News\">"
        "<meta property=\"article:published_time\" content=\"2024-05-16T09:30:00+08:00\"></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article></body></html>")


def test_front_matter_is_metadata_kept_in_the_text_but_never_a_sentence(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(FRONT + ARTICLE, encoding="utf-8")

    (document,) = read_paths([tmp_path / "wire.txt"]).documents
    sentences = prepare(document).split.sentences

    assert (document.title, document.published, document.source, document.url) == (
        "Putin in Beijing", "2024-05-16T09:30:00+08:00", "Wire", "https://example.org/a")
    assert document.text == FRONT + ARTICLE
    assert sentences[0].start == len(FRONT) and sentences[0].text.startswith("Putin arrived")
    assert all(document.text[s.start:s.end] == s.text and "---" not in s.text for s in sentences)


def test_unused_front_matter_keys_are_reported_and_a_rule_that_opens_no_block_is_text(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: Visit\nauthor: A. Writer\n---\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\n" + ARTICLE, encoding="utf-8")

    read = read_paths([tmp_path / "a.md", tmp_path / "b.md"])

    assert read.warnings == ("a: front-matter key(s) author not used (only published, title, source, url are)",)
    assert read.documents[1].title is None and prepare(read.documents[1]).split.sentences


def test_an_html_file_is_its_article_text_with_the_pages_title_date_and_site(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")

    (document,) = read_paths([tmp_path]).documents  # directories hold .html articles too

    assert document.id == "page" and document.text.startswith("Putin arrived in Beijing")
    assert "<" not in document.text
    assert (document.title, document.published, document.source) == (
        "Putin in Beijing", "2024-05-16T09:30:00+0800", "Example News")


def test_a_json_file_is_one_document_in_the_apis_shape(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"id": "wire", "text": ARTICLE, "published": "2024-05-16", "source": "Wire"}),
                    encoding="utf-8")
    (tmp_path / "unnamed.json").write_text(json.dumps({"html": PAGE, "source": "Given"}), encoding="utf-8")

    wire, page = read_paths([path, tmp_path / "unnamed.json"]).documents

    assert (wire.id, wire.text, wire.published, wire.source, wire.title) == (
        "wire", ARTICLE, "2024-05-16", "Wire", None)
    assert (page.id, page.source, page.title) == ("unnamed", "Given", "Putin in Beijing")


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not valid JSON"),
    ("[1, 2]", "holds a JSON list"),
    ('{"text": "a", "html": "<p>b</p>"}', 'exactly one of "text" or "html"'),
    ('{"text": "a", "author": "b"}', "unknown field"),
    ('{"text": "a", "published": 2024}', "'published' must be string"),
])
def test_a_json_file_that_is_not_one_document_is_refused_saying_why(
    tmp_path: Path, content: str, message: str,
) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")

    with pytest.raises(UnreadableFileError, match=message):
        read_paths([tmp_path / "bad.json"])


def test_json_files_in_a_directory_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "settings.json").write_text("{}", encoding="utf-8")

    assert [d.id for d in read_paths([tmp_path]).documents] == ["a"]

"""The API's publication times, first reports, `since` and disagreements, with the fake embedder."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.builders import TIMED_STORY
from tests.helpers import assert_error


def body(**options: Any) -> dict[str, Any]:
    documents = [{"id": d.id, "text": d.text, "published": d.published, "source": d.id.upper()} for d in TIMED_STORY]
    return {"documents": documents, "ratio": 1.0, **options}


def test_documents_carry_their_times_and_sentences_their_first_report_and_disagreements(client: TestClient) -> None:
    response = client.post("/summarize", json=body(order="time"))

    assert response.status_code == 200, response.text
    summary = response.json()
    assert [d["published"] for d in summary["documents"]] == [
        "2024-05-13T08:00:00+00:00", "2024-05-13T08:00:00+00:00", "2024-05-14T00:00:00+00:00"]
    assert [d["source"] for d in summary["documents"]] == ["AP", "UPI", "HERALD"]
    firsts = [s["first_reported"]["published"] for s in summary["sentences"]]
    assert firsts == sorted(firsts)
    (toll,) = [s for s in summary["sentences"] if s["disagreements"]]
    assert [v["text"] for v in toll["disagreements"][0]["values"]] == ["12", "15"]
    assert all(x["published"] for s in summary["sentences"] for x in s["support"])


def test_since_gives_only_what_is_new_each_sentence_saying_so(client: TestClient) -> None:
    summary = client.post("/summarize", json=body(since="2024-05-13T12:00:00Z")).json()

    assert summary["sentences"] and all(s["new"] is True and s["document_id"] == "herald"
                                        for s in summary["sentences"])
    assert summary["parameters"]["since"] == "2024-05-13T12:00:00+00:00"


def test_nothing_new_is_an_empty_summary_with_its_warning(client: TestClient) -> None:
    response = client.post("/summarize", json=body(since="2030-01-01T00:00:00Z"))

    assert response.status_code == 200
    assert response.json()["sentences"] == []
    assert response.json()["warnings"][-1].startswith("Nothing new since 2030-01-01T00:00:00+00:00")


def test_a_bad_date_is_a_400_naming_the_document(client: TestClient) -> None:
    request = body()
    request["documents"][1]["published"] = "13 May"

    error = assert_error(client.post("/summarize", json=request), 400, "bad_input")

    assert "Document 'upi' has published '13 May'" in error["message"]


def test_a_bad_since_and_time_order_without_times_are_422s(client: TestClient) -> None:
    untimed = {"documents": [{"id": d.id, "text": d.text} for d in TIMED_STORY]}

    assert "since must be an ISO 8601" in assert_error(
        client.post("/summarize", json=body(since="last week")), 422, "invalid_option")["message"]
    assert "needs publication times" in assert_error(
        client.post("/summarize", json={**untimed, "order": "time"}), 422, "invalid_option")["message"]
    assert_error(client.post("/summarize", json={**untimed, "order": "oldest"}), 422, "invalid_request")


def test_an_html_documents_metadata_comes_from_its_page_unless_given(client: TestClient) -> None:
    page = ("<html><head><title>Quake</title><meta property=\"og:site_name\" content=\"Example News\">"
            "<meta property=\"article:published_time\" content=\"2024-05-13T07:00:00Z\"></head><body><article>"
            + "".join(f"<p>{line}</p>" for line in TIMED_STORY[0].text.split("\n\n")) + "</article></body></html>")
    documents = [{"id": "page", "html": page}, {"id": "given", "html": page, "published": "2024-05-12"}]

    summary = client.post("/summarize", json={"documents": documents, "sentences": 2}).json()

    assert [(d["title"], d["source"], d["published"]) for d in summary["documents"]] == [
        ("Quake", "Example News", "2024-05-13T07:00:00+00:00"), ("Quake", "Example News", "2024-05-12T00:00:00+00:00")]

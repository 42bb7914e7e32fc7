"""The story as it develops, through `Summarizer` with the fake embedder: first reports, time order, what is new
since a moment, and figures where sources differ."""

from __future__ import annotations

import dataclasses
import json

import pytest

from summarizer import Document, InputError, InvalidOptionError, Summarizer
from summarizer.io.render import render
from tests.builders import STORY, TIMED_STORY

EARTHQUAKE = "earthquake struck"
NEW_SINCE = "2024-05-13T12:00:00+00:00"


def point(summary: object, words: str) -> object:
    (found,) = [s for s in summary.sentences if words in s.text]  # type: ignore[attr-defined]
    return found


def test_every_sentence_carries_its_first_report_and_every_support_its_articles_time(
    fake_summarizer: Summarizer,
) -> None:
    summary = fake_summarizer(TIMED_STORY, ratio=1.0)
    published = {"ap": "2024-05-13T08:00:00+00:00", "upi": "2024-05-13T08:00:00+00:00",
                 "herald": "2024-05-14T00:00:00+00:00"}

    assert len(summary.sentences) >= 3
    for sentence in summary.sentences:
        reporters = [sentence.document_id] + [s.document_id for s in sentence.support]
        assert sentence.first_reported is not None
        assert sentence.first_reported.published == min(published[d] for d in reporters)
        assert all(s.published == published[s.document_id] for s in sentence.support)
    assert [d.published for d in summary.documents] == list(published.values())


@pytest.mark.parametrize("order", [("ap", "upi", "herald"), ("upi", "ap", "herald"), ("herald", "upi", "ap")])
def test_a_point_first_reported_by_two_articles_at_one_moment_goes_to_the_one_given_first(
    fake_summarizer: Summarizer, order: tuple[str, ...],
) -> None:
    by_id = {d.id: d for d in TIMED_STORY}
    summary = fake_summarizer([by_id[i] for i in order], ratio=1.0)

    quake = point(summary, EARTHQUAKE)
    tied = [i for i in order if i in ("ap", "upi")]
    assert {s.document_id for s in quake.support} | {quake.document_id} == {"ap", "upi", "herald"}  # type: ignore
    assert quake.first_reported.document_id == tied[0]  # type: ignore[attr-defined]


def test_time_order_puts_the_points_in_the_order_first_reported(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(TIMED_STORY, ratio=1.0, order="time")
    times = [s.first_reported.published for s in summary.sentences]  # type: ignore[union-attr]

    assert times == sorted(times) and times[0] < times[-1]
    assert summary.parameters.order == "time"


def test_time_order_without_times_is_refused_with_what_to_do(fake_summarizer: Summarizer) -> None:
    with pytest.raises(InvalidOptionError, match="needs publication times.*choose order 'story' or 'rank'"):
        fake_summarizer(STORY, order="time")


def test_without_times_first_reported_new_and_published_are_left_out_of_the_json(
    fake_summarizer: Summarizer,
) -> None:
    summary = fake_summarizer(STORY, sentences=3)
    data = summary.to_dict()

    assert all(s.first_reported is None and s.new is None for s in summary.sentences)
    assert all({"first_reported", "new"}.isdisjoint(s) and "disagreements" in s for s in data["sentences"])
    assert all("published" not in x for s in data["sentences"] for x in s["support"])
    assert "since" not in data["parameters"] and "published" not in data["documents"][0]
    assert data["parameters"]["words"] is None  # an option left unset still reads null, as before


def test_since_chooses_only_new_points_and_never_one_an_earlier_article_reports_in_other_words(
    fake_summarizer: Summarizer,
) -> None:
    paraphrase = "Early on Monday morning a powerful earthquake struck Portville, the coastal city."
    summary = fake_summarizer(TIMED_STORY, sentences=3, since=NEW_SINCE)

    assert summary.sentences and all(s.document_id == "herald" and s.new is True for s in summary.sentences)
    assert paraphrase not in [s.text for s in summary.sentences]
    assert all(x.document_id == "herald" for s in summary.sentences for x in s.support)
    assert summary.parameters.since == NEW_SINCE
    assert paraphrase in TIMED_STORY[2].text  # the point is in the new article, but an older one reported it


def test_nothing_new_since_is_an_empty_summary_with_a_warning_not_an_error(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(TIMED_STORY, sentences=3, since="2024-05-15T00:00:00Z")

    assert summary.sentences == () and summary.text == ""
    assert summary.warnings == ("Nothing new since 2024-05-15T00:00:00+00:00: no article was published after it.",)


def test_when_every_later_point_was_reported_before_the_warning_says_so(fake_summarizer: Summarizer) -> None:
    echo = dataclasses.replace(TIMED_STORY[0], id="echo", published="2024-05-15")
    summary = fake_summarizer([*TIMED_STORY[:2], echo], sentences=3, since="2024-05-14")

    assert summary.sentences == ()
    assert "every point of the 1 article(s) published after it was already reported" in summary.warnings[-1]


def test_articles_without_a_time_are_treated_as_new_and_named_in_a_warning(fake_summarizer: Summarizer) -> None:
    undated = Document("blog", "Volunteers collected blankets and bottled water at the football stadium all day.\n")
    summary = fake_summarizer([*TIMED_STORY, undated], sentences=4, since=NEW_SINCE)

    assert "blog" in {s.document_id for s in summary.sentences}
    assert "1 article(s) have no published time and were treated as new: blog." in summary.warnings


def test_a_bad_publication_date_is_refused_naming_its_document(fake_summarizer: Summarizer) -> None:
    bad = dataclasses.replace(TIMED_STORY[1], published="Monday")

    with pytest.raises(InputError, match="Document 'upi' has published 'Monday'"):
        fake_summarizer([TIMED_STORY[0], bad], sentences=2)


def test_different_tolls_for_one_point_are_listed_verbatim_on_its_sentence(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(TIMED_STORY, ratio=1.0)
    texts = {d.id: d.text for d in TIMED_STORY}

    toll = point(summary, "people were killed")
    (disagreement,) = toll.disagreements  # type: ignore[attr-defined]
    assert [(v.document_id, v.text) for v in disagreement.values] == [("ap", "12"), ("upi", "15")]
    assert all(texts[v.document_id][v.start:v.end] == v.text for v in disagreement.values)
    assert point(summary, EARTHQUAKE).disagreements == ()  # type: ignore[attr-defined]
    assert "sources differ: “12” (ap) / “15” (upi)" in render(summary, "text")
    assert "> Sources differ: “12” (`ap`, characters" in render(summary, "markdown")
    as_json = [s for s in json.loads(render(summary, "json"))["sentences"] if s["disagreements"]]
    assert [v["text"] for s in as_json for d in s["disagreements"] for v in d["values"]] == ["12", "15"]

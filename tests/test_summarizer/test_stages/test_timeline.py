"""Publication times, first reports and what is known by a moment, with the fake embedder's vectors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest

from summarizer import Document, InputError, InvalidOptionError
from summarizer.stages.timeline import Timeline, first_report, known_units, parse_time, read_timeline
from summarizer.testing import FakeEmbedder
from summarizer.types import Unit


def test_a_date_alone_means_its_start_in_utc_and_an_offset_is_kept() -> None:
    assert parse_time("2024-05-16") == datetime(2024, 5, 16, tzinfo=UTC)
    assert parse_time("2024-05-16T09:30:00+08:00").utcoffset() == timedelta(hours=8)
    assert parse_time("2024-05-16T09:30:00Z") == datetime(2024, 5, 16, 9, 30, tzinfo=UTC)
    assert parse_time("2024-05-16T09:30") == datetime(2024, 5, 16, 9, 30, tzinfo=UTC)
    assert parse_time(date(2024, 5, 16)) == parse_time(datetime(2024, 5, 16))


@pytest.mark.parametrize("written", ["2024-137", "2024137", "2024-W20-4", "2024-137T00:00Z"])
def test_ordinal_and_week_dates_are_iso_8601_too(written: str) -> None:
    assert parse_time(written) == datetime(2024, 5, 16, tzinfo=UTC)


@pytest.mark.parametrize("written", ["2023-366", "2024-000", "2024-367"])
def test_a_day_the_year_does_not_have_is_refused(written: str) -> None:
    with pytest.raises(ValueError):
        parse_time(written)


def test_a_time_is_kept_to_the_microsecond_and_surrounding_white_space_is_ignored() -> None:
    """The README's promise: digits past the sixth after the seconds' point are dropped, not refused."""
    assert parse_time("  2024-05-16T10:00:00.123456789Z\n") == datetime(2024, 5, 16, 10, 0, 0, 123456, tzinfo=UTC)


def test_times_in_different_offsets_compare_as_moments() -> None:
    assert parse_time("2024-05-16T09:00:00+08:00") < parse_time("2024-05-16T02:00:00Z")


def test_a_bad_publication_date_is_an_input_error_naming_its_document() -> None:
    documents = [Document("ap", "Text.", published="2024-05-16"), Document("upi", "Text.", published="16/05/2024")]

    with pytest.raises(InputError, match="Document 'upi' has published '16/05/2024'.*ISO 8601"):
        read_timeline(documents, order="story", since=None)


def test_a_bad_since_is_an_option_error_that_says_what_a_good_one_looks_like() -> None:
    with pytest.raises(InvalidOptionError, match=r"since must be an ISO 8601 date-time \(e\.g\. 2024-05-16"):
        read_timeline([Document("ap", "Text.")], order="story", since="yesterday")


def test_time_order_without_any_publication_time_is_refused() -> None:
    with pytest.raises(InvalidOptionError, match="order 'time' needs publication times"):
        read_timeline([Document("ap", "Text."), Document("upi", "More.")], order="time", since=None)


def test_time_order_with_some_times_is_accepted() -> None:
    timeline = read_timeline([Document("ap", "Text.", published="2024-05-16"), Document("upi", "More.")],
                             order="time", since=None)

    assert timeline.times == (datetime(2024, 5, 16, tzinfo=UTC), None)


def test_the_first_report_is_the_earliest_dated_reporter_and_a_tie_goes_to_the_earlier_input() -> None:
    same = datetime(2024, 5, 16, 8, tzinfo=UTC)
    timeline = Timeline((datetime(2024, 5, 17, tzinfo=UTC), same, same.astimezone(timezone(timedelta(hours=2))),
                         None))
    ids = ["late", "first-in-input", "same-moment-later-input", "undated"]

    assert first_report([3, 2, 1, 0], timeline, ids).document_id == "first-in-input"  # type: ignore[union-attr]
    assert first_report([0, 3], timeline, ids).document_id == "late"  # type: ignore[union-attr]
    assert first_report([3], timeline, ids) is None


def test_articles_at_or_before_since_are_the_old_ones() -> None:
    moment = datetime(2024, 5, 16, 12, tzinfo=UTC)
    timeline = Timeline((moment - timedelta(hours=1), moment, moment + timedelta(seconds=1), None), moment)

    assert timeline.before_since() == frozenset({0, 1})


def test_a_point_is_known_when_an_old_article_carries_it_a_copy_or_a_paraphrase() -> None:
    texts = ["The earthquake struck the coastal city of Portville early on Monday morning.",
             "Early on Monday morning the earthquake struck Portville, the coastal city.",
             "Aid agencies flew tents and blankets to thousands of families outdoors."]
    units = [Unit(t, d, 0, len(t.split()), frozenset({d})) for t, d in zip(texts, (0, 1, 1), strict=True)]
    vectors = FakeEmbedder().encode(texts)

    known = known_units(units, vectors, old=frozenset({0}), threshold=0.75)

    assert float(vectors[0] @ vectors[1]) >= 0.75 > float(vectors[0] @ vectors[2])
    assert known.tolist() == [True, True, False]
    assert not known_units(units, vectors, old=frozenset(), threshold=0.75).any()
    assert known_units(units, np.asarray(vectors), old=frozenset({1}), threshold=0.75).tolist() == [True, True, True]

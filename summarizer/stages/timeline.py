"""The story in time: the articles' publication times, who reported a point first, and what is known by a moment.

A point is reported by an article when the article carries it, a copy of it, or a paraphrase of it (the test the
summary's support uses: copies, and sentences whose embeddings' cosine reaches `Weights.support_similarity`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from summarizer.errors import InputError, InvalidOptionError
from summarizer.stages.select import neighbours
from summarizer.types import Document, FirstReport, Order, Unit

#: How far below the support threshold a paraphrase still makes a point known: the summary's support is computed
#: from other rows of the same matrix products, whose float rounding may differ by a few units in the last place,
#: and a sentence chosen as new must never show an earlier article among its support.
_KNOWN_MARGIN = 1e-5
_LAST = datetime.max.replace(tzinfo=UTC)
# An ISO 8601 ordinal date (year and day of the year, "2024-137"), which datetime.fromisoformat does not read.
_ORDINAL = re.compile(r"(\d{4})-?(\d{3})(?=$|T)")
_EXAMPLE = "e.g. 2024-05-16 or 2024-05-16T09:30:00+08:00"


@dataclass(frozen=True)
class Timeline:
    """Each document's publication time (None when it has none) and the `since` moment asked for, if any."""

    times: tuple[datetime | None, ...]
    since: datetime | None = None

    @property
    def dated(self) -> bool:
        """Whether any document has a publication time."""
        return any(t is not None for t in self.times)

    def reported(self, first: FirstReport | None, doc_index: Mapping[str, int]) -> tuple[bool, datetime]:
        """A sort key putting points in the order first reported; points with no dated report come last."""
        moment = None if first is None else self.times[doc_index[first.document_id]]
        return (moment is None, moment or _LAST)

    def before_since(self) -> frozenset[int]:
        """The documents published at or before `since` (none without `since`)."""
        if self.since is None:
            return frozenset()
        return frozenset(i for i, t in enumerate(self.times) if t is not None and t <= self.since)


def parse_time(value: str | date | datetime) -> datetime:
    """An ISO 8601 date or date-time as an aware datetime: a date alone means its start, UTC unless an offset is
    given; raises ValueError when it is neither.

    Example:
        >>> parse_time("2024-05-16").isoformat(), parse_time("2024-05-16T09:30+08:00").isoformat()
        ('2024-05-16T00:00:00+00:00', '2024-05-16T09:30:00+08:00')
        >>> parse_time("2024-137T09:30").isoformat(), parse_time("2024-W20-4").isoformat()  # ordinal and week dates
        ('2024-05-16T09:30:00+00:00', '2024-05-16T00:00:00+00:00')
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if (ordinal := _ORDINAL.match(text)) and 1 <= int(ordinal.group(2)) <= 366:
            day = date(int(ordinal.group(1)), 1, 1) + timedelta(days=int(ordinal.group(2)) - 1)
            if day.year != int(ordinal.group(1)):
                raise ValueError(f"{value!r}: {ordinal.group(1)} has no day {ordinal.group(2)}")
            text = day.isoformat() + text[ordinal.end():]
        moment = datetime.fromisoformat(text)
    else:
        raise ValueError(f"{value!r} is not a date")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def iso(moment: datetime | None) -> str | None:
    """A time as the summary writes it (ISO 8601 with its offset), or None."""
    return None if moment is None else moment.isoformat()


def read_timeline(documents: Sequence[Document], *, order: Order, since: str | datetime | None) -> Timeline:
    """The documents' times and `since`, refusing a bad date (naming its document), a bad `since`, and time
    order for a story without times."""
    times: list[datetime | None] = []
    for document in documents:
        if document.published is None:
            times.append(None)
            continue
        try:
            times.append(parse_time(document.published))
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"Document {document.id!r} has published {document.published!r}, which is not an ISO 8601 date or "
                f"date-time ({_EXAMPLE}); correct it or leave it out."
            ) from exc
    moment = None
    if since is not None:
        try:
            moment = parse_time(since)
        except (TypeError, ValueError) as exc:
            raise InvalidOptionError(
                f"since must be an ISO 8601 date-time ({_EXAMPLE}), not {since!r}.") from exc
    timeline = Timeline(tuple(times), moment)
    if order == "time" and not timeline.dated:
        raise InvalidOptionError(
            "order 'time' needs publication times, and no document has one: give each document a published "
            f"date ({_EXAMPLE}), or choose order 'story' or 'rank'.")
    return timeline


def known_units(units: Sequence[Unit], embeddings: np.ndarray, *, old: frozenset[int], threshold: float) -> np.ndarray:
    """Which units an article of `old` (document indexes) reports: carries it, a copy of it, or a paraphrase of it.

    Example:
        >>> units = [Unit("a", 0, 0, 8, frozenset({0})), Unit("b", 1, 0, 8, frozenset({1})),
        ...          Unit("c", 1, 1, 8, frozenset({1}))]
        >>> vectors = np.array([[1, 0], [1, 0], [0, 1]], dtype=np.float32)
        >>> known_units(units, vectors, old=frozenset({0}), threshold=0.75).tolist()
        [True, True, False]
    """
    carried = np.array([bool(u.documents & old) for u in units], dtype=bool)
    known = carried.copy()
    if carried.any():
        for near in neighbours(embeddings[carried], embeddings, threshold - _KNOWN_MARGIN):
            known[near] = True
    return known


def first_report(reporters: Sequence[int], timeline: Timeline, ids: Sequence[str]) -> FirstReport | None:
    """The earliest dated article among `reporters` (document indexes; ties go to the earlier in the input), or
    None when none of them has a time.

    Example:
        >>> line = Timeline((parse_time("2024-05-16"), parse_time("2024-05-15"), parse_time("2024-05-15")))
        >>> first_report([0, 2, 1], line, ["a", "b", "c"])
        FirstReport(document_id='b', published='2024-05-15T00:00:00+00:00')
    """
    dated = [(timeline.times[d], d) for d in set(reporters) if timeline.times[d] is not None]
    if not dated:
        return None
    moment, doc = min(dated, key=lambda item: (item[0], item[1]))
    return FirstReport(document_id=ids[doc], published=iso(moment) or "")


def since_warnings(timeline: Timeline, ids: Sequence[str], *, chosen: int, open_units: int) -> list[str]:
    """What a summary of what is new since `timeline.since` must say: undated articles taken as new, and nothing
    new at all."""
    if timeline.since is None:
        return []
    warnings = []
    undated = [ids[i] for i, t in enumerate(timeline.times) if t is None]
    if undated:
        warnings.append(f"{len(undated)} article(s) have no published time and were treated as new: "
                        f"{', '.join(undated)}.")
    if not chosen:
        later = sum(t is None or t > timeline.since for t in timeline.times)
        why = ("no article was published after it" if not later else
               f"every point of the {later} article(s) published after it was already reported at or before it"
               if not open_units else "no new sentence could be chosen")
        warnings.append(f"Nothing new since {iso(timeline.since)}: {why}.")
    return warnings

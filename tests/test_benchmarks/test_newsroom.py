"""The newsroom benchmark's pieces on a made-up dataset in the DUC layout: splitting by date, scoring flags
against labels, and update summaries that never repeat an earlier article."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks.dataset import load_dataset
from benchmarks.newsroom import (
    LABELS,
    LabelledPair,
    Tally,
    load_labels,
    published_of,
    render_report,
    run_updates,
    score_disagreements,
    split,
)
from summarizer import Summarizer
from summarizer.testing import FakeEmbedder
from tests.builders import NEWSROOM_TEXTS, TIMED_STORY

#: Four articles over three days, named like DUC's: the toll differs between the first two.
ARTICLES = {
    "APW20240513.0001": NEWSROOM_TEXTS["ap"],
    "NYT20240513.0002": NEWSROOM_TEXTS["upi"],
    "APW20240514.0003": TIMED_STORY[2].text,
    "XIE20240515.0004": "Officials opened three shelters in school gyms for families whose homes were destroyed.\n",
}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    docs, models = tmp_path / "q1" / "docs", tmp_path / "q1" / "models"
    docs.mkdir(parents=True)
    models.mkdir()
    for docno, text in ARTICLES.items():
        (docs / f"{docno}.txt").write_text(text, encoding="utf-8")
    (models / "A.txt").write_text("An earthquake killed at least 12 people in Portville.\n", encoding="utf-8")
    return tmp_path


def test_a_docno_gives_its_date_and_a_cluster_splits_at_the_date_boundary_nearest_its_middle(dataset: Path) -> None:
    (cluster,) = load_dataset(dataset)

    since, earlier, later = split(cluster)  # type: ignore[misc]

    assert published_of("XIE20240515.0004") == "2024-05-15"
    assert since == "2024-05-13T12:00:00+00:00"
    assert [d.id for d in earlier] == ["APW20240513.0001", "NYT20240513.0002"]
    assert [d.published for d in later] == ["2024-05-14", "2024-05-15"]


def test_flags_are_scored_against_the_labels_by_overlapping_offsets(dataset: Path) -> None:
    ap, upi = ARTICLES["APW20240513.0001"], ARTICLES["NYT20240513.0002"]
    start_a, start_b = ap.index("At least 12"), upi.index("At least 15")
    a = ("APW20240513.0001", start_a, ap.index("\n", start_a))
    b = ("NYT20240513.0002", start_b, upi.index("\n", start_b))
    twelve, fifteen = (start_a + 9, start_a + 11), (start_b + 9, start_b + 11)
    labelled = LabelledPair("q1", a, b, ((twelve, fifteen),))
    unlabelled = LabelledPair("q1", a, b, ())

    right, wrong = score_disagreements(dataset, [labelled])["all"], score_disagreements(dataset, [unlabelled])["all"]

    assert (right.correct, right.wrong, right.found, right.labelled) == (1, 0, 1, 1)
    assert (wrong.correct, wrong.wrong, wrong.precision) == (0, 1, 0.0)
    assert wrong.errors == [f"pair 0 (q1): APW20240513.0001 characters {twelve[0]}–{twelve[1]} vs "
                            f"NYT20240513.0002 characters {fifteen[0]}–{fifteen[1]}"]


def test_update_summaries_hold_nothing_an_earlier_article_reports(dataset: Path) -> None:
    (update,) = run_updates(load_dataset(dataset), Summarizer(FakeEmbedder()), words=60)

    assert update.update and (update.by_support, update.by_recheck) == (0, 0)
    assert not any("earthquake struck" in s for s in update.update)
    report = render_report({"all": Tally()}, [update], None, command="python -m benchmarks.newsroom",
                           started=dt.datetime(2026, 1, 1), skipped=0, pairs=[])
    assert "reported by an earlier article, by their support: **0**" in report


def test_the_committed_labels_hold_offsets_and_no_text() -> None:
    raw = json.loads(LABELS.read_text(encoding="utf-8"))
    pairs = load_labels()

    assert len(pairs) == len(raw["pairs"]) >= 400 and sum(len(p.differ) for p in pairs) >= 40
    assert all(set(p) == {"cluster", "a", "b", "differ"} for p in raw["pairs"])
    assert all(a[0] <= b[0] < b[1] <= a[1] for p in pairs for x, y in p.differ
               for a, b in (((p.a[1], p.a[2]), x), ((p.b[1], p.b[2]), y)))

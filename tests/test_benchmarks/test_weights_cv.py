"""The cross-validated choice of weights: each fold's pick is made on the other folds only."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.concept_model import CrossValidated, folds
from benchmarks.weights_cv import GRID, SHIPPED, Result, choose, evaluate, render, variants
from summarizer import Summarizer, Weights
from tests.test_benchmarks.test_concept_model import need_rouge, three_clusters


def test_variants_should_move_one_weight_at_a_time() -> None:
    named = variants()
    assert len(named) == 1 + sum(len(v) for v in GRID.values())
    shipped = named[SHIPPED]
    for name, weights in named.items():
        moved = [f for f in GRID if getattr(weights, f) != getattr(shipped, f)]
        assert moved == ([] if name == SHIPPED else [name.split("=")[0]])


def test_a_fold_should_be_given_the_variant_best_on_the_other_folds_not_on_itself() -> None:
    recall = {
        SHIPPED: {"a": (0.40, 0.10), "b": (0.40, 0.10), "c": (0.40, 0.10)},
        "lucky": {"a": (0.60, 0.20), "b": (0.30, 0.05), "c": (0.30, 0.05)},  # best on a alone
        "steady": {"a": (0.30, 0.05), "b": (0.45, 0.10), "c": (0.45, 0.10)},
    }
    picks = choose(recall, [["a"], ["b"], ["c"]])
    # a's pick is made on b and c, where steady leads; b's and c's on folds holding a, where lucky's 0.8 leads
    assert [p.chosen for p in picks] == ["steady", "lucky", "lucky"]
    assert [p.test for p in picks] == [(0.30, 0.05)] * 3  # each pick scored on the fold it never saw
    assert [p.shipped for p in picks] == [(0.40, 0.10)] * 3
    result = Result(recall, picks, "test", dt.datetime(2026, 12, 2))
    assert result.overall("chosen") == pytest.approx((0.30, 0.05))
    assert result.overall(SHIPPED) == pytest.approx((0.40, 0.10))
    report = render(result, command="python -m benchmarks.weights_cv")
    assert "| all | 3 | | **30.00 / 5.00** | 40.00 / 10.00 |" in report
    assert "-10.00 R-1" in report


def test_a_tie_should_go_to_the_shipped_weights() -> None:
    recall = {"other": {"a": (0.4, 0.1), "b": (0.4, 0.1)}, SHIPPED: {"a": (0.4, 0.1), "b": (0.4, 0.1)}}
    assert [p.chosen for p in choose(recall, [["a"], ["b"]])] == [SHIPPED, SHIPPED]


def test_variants_should_share_the_fold_models_fitted_once(tmp_path: Path, fake_summarizer: Summarizer) -> None:
    clusters = three_clusters(tmp_path)
    first = CrossValidated(fake_summarizer, clusters)
    first(clusters[0], 34)
    other = first.with_weights(replace(Weights(), diversity=0.1), name="other")
    assert other.models is first.models and other.model_for("c1") is first.model_for("c1")
    assert other(clusters[0], 34) == first.with_weights(replace(Weights(), diversity=0.1), name="again")(
        clusters[0], 34)


def test_evaluate_should_score_every_variant_and_pick_for_every_fold(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    need_rouge()
    result = evaluate(fake_summarizer, three_clusters(tmp_path))
    assert set(result.recall) == set(variants())
    assert all(set(per) == {"c1", "c2", "c3"} for per in result.recall.values())
    assert [p.clusters for p in result.picks] == [("c1",), ("c2",), ("c3",)]
    assert all(0.0 <= r <= 1.0 for per in result.recall.values() for pair in per.values() for r in pair)


def test_leave_one_out_should_tally_the_picks_and_score_each_on_the_clusters_it_was_picked_for() -> None:
    ids = ["a", "b", "c", "d", "e", "f"]
    recall = {
        SHIPPED: {c: (0.40, 0.10) for c in ids},
        # ahead on a-e, behind on f: it leads only where f is left out
        "steady": {**{c: (0.42, 0.10) for c in ids[:5]}, "f": (0.30, 0.10)},
    }
    picks = choose(recall, folds(ids, len(ids)))
    # with f among the others steady's mean is (4 x 0.52 + 0.40) / 5 = 0.496, behind 0.50: only f's fold picks it
    assert [p.chosen for p in picks] == [SHIPPED] * 5 + ["steady"]
    result = Result(recall, picks, "test", dt.datetime(2026, 12, 3))
    report = render(result, command="python -m benchmarks.weights_cv --folds 6")
    assert "over leave-one-out" in report
    assert "| shipped | 5 | 5 | 40.00 / 10.00 | 40.00 / 10.00 |" in report
    assert "| steady | 1 | 1 | 30.00 / 10.00 | 40.00 / 10.00 |" in report
    assert "| all | 6 | 6 | **38.33 / 10.00** | 40.00 / 10.00 |" in report
    assert "| fold |" not in report


def test_a_fold_count_outside_two_to_the_clusters_should_be_refused(tmp_path: Path,
                                                                    fake_summarizer: Summarizer) -> None:
    clusters = three_clusters(tmp_path)
    for count in (1, 4):
        with pytest.raises(ValueError, match="from 2 to the number of clusters \\(3\\)"):
            evaluate(fake_summarizer, clusters, count=count)


def test_main_should_name_the_report_by_its_folds_and_refuse_a_bad_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks import weights_cv

    recall = {SHIPPED: {"a": (0.4, 0.1), "b": (0.4, 0.1)}}
    asked: list[int] = []

    def fake_run(dataset: Path, *, count: int, scorer: str) -> Result:
        asked.append(count)
        if count > 2:
            raise ValueError(f"--folds must be from 2 to the number of clusters (2), not {count}")
        return Result(recall, choose(recall, folds(["a", "b"], count)), "test", dt.datetime(2026, 12, 3))

    monkeypatch.setattr(weights_cv, "run", fake_run)
    assert weights_cv.main(["--folds", "2", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["weights_cv_2.md"]
    assert "`python -m benchmarks.weights_cv --folds 2 --out" in (tmp_path / "weights_cv_2.md").read_text()
    with pytest.raises(SystemExit) as refused:
        weights_cv.main(["--folds", "5", "--out", str(tmp_path)])
    assert refused.value.code == 2
    assert "--folds must be from 2 to the number of clusters (2), not 5" in capsys.readouterr().err
    assert asked == [2, 5]

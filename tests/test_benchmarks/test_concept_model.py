"""The concept model's benchmark pieces: reference shares and the references-told ceiling, on made-up news."""

from __future__ import annotations

from pathlib import Path

import pytest

import summarizer.stages.concepts as concepts_stage
import summarizer.stages.select as select_stage
from benchmarks.concept_model import Ceiling, Sharpened, ceiling_table, reference_shares
from benchmarks.dataset import Cluster
from benchmarks.scoring import choose_scorer
from benchmarks.systems import Ours
from summarizer import Document, Summarizer

_LEAD = "The council approved the harbour budget on Monday after a long debate in the town hall."
_REPAIRS = "The budget pays for repairs to the old sea wall and two new ferries for the harbour."
_WEATHER = "Rain fell on the parade ground while the band played marches for visiting veterans."
_SPORT = "Local footballers lost their cup match at the weekend despite a late penalty kick."


def make_cluster(root: Path, cluster_id: str = "c1") -> Cluster:
    """Three articles of four sentences (the same ones, rotated); two references, both on the weekend's news, where
    ours alone would choose the budget (its sentences come first in the most articles)."""
    sentences = [_LEAD, _REPAIRS, _WEATHER, _SPORT]
    documents = tuple(Document(f"d{n}", " ".join(sentences[n:] + sentences[:n])) for n in range(3))
    references = []
    for name, text in (("A", _WEATHER), ("B", f"{_WEATHER} {_SPORT}")):
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        references.append(path)
    return Cluster(cluster_id, documents, tuple(references))


def three_clusters(root: Path) -> list[Cluster]:
    """Clusters c1, c2 and c3 (one per fold of three), each as `make_cluster` makes it, in folders under `root`."""
    clusters = []
    for cluster_id in ("c1", "c2", "c3"):
        (root / cluster_id).mkdir()
        clusters.append(make_cluster(root / cluster_id, cluster_id))
    return clusters


def need_rouge() -> None:
    """Skip the calling test where no ROUGE scorer is installed."""
    try:
        choose_scorer()
    except RuntimeError as error:
        pytest.skip(f"no ROUGE scorer installed: {error}")


def test_reference_shares_should_count_the_share_of_references_holding_each_concept(tmp_path: Path) -> None:
    shares = reference_shares(make_cluster(tmp_path))
    assert shares["parad ground"] == 1.0  # in both references
    assert shares["cup match"] == 0.5  # in one of two
    assert "harbour budget" not in shares


def test_the_ceiling_should_choose_what_the_references_hold_and_leave_the_stages_as_they_were(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    cluster = make_cluster(tmp_path)
    before = (select_stage.find_concepts, concepts_stage.MIN_SOURCES)
    assert Ours(fake_summarizer)(cluster, 34) == [_LEAD, _REPAIRS]
    for ceiling in (Ceiling(fake_summarizer), Ceiling(fake_summarizer, every_concept=True)):
        assert ceiling(cluster, 34) == [_WEATHER, _SPORT]
    assert (select_stage.find_concepts, concepts_stage.MIN_SOURCES) == before


def test_the_ceiling_table_should_score_ours_cross_validated_and_both_ceilings_in_one_run(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    need_rouge()
    clusters = three_clusters(tmp_path)
    table = ceiling_table(fake_summarizer, clusters, news_events=["c2"], words=34, steps=(0.5, 5.0))
    rows = {line.split(" | ")[0].strip("| "): line.split(" | ")[1:] for line in table.splitlines()[2:]}
    assert list(rows) == ["ours", "ours-cv", "ours-sharpened-0.5", "ours-sharpened-5", "ours-ceiling",
                          "ours-ceiling-all"]
    r2 = {name: float(cells[2]) for name, cells in rows.items()}
    assert r2["ours-ceiling"] > r2["ours"]  # told the references, the selection takes the weekend's news
    assert r2["ours-sharpened-5"] > r2["ours"]
    concept_auc = {name: cells[0] for name, cells in rows.items()}
    assert concept_auc["ours-ceiling"] == "-"
    assert float(concept_auc["ours"]) < float(concept_auc["ours-sharpened-0.5"]) < float(
        concept_auc["ours-sharpened-5"]) == 1.0
    assert all(cells[4].count("/") == 1 for cells in rows.values())  # the news-event column is filled


def test_a_sharpened_model_should_rank_referenced_concepts_higher_the_larger_its_step(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    cluster = make_cluster(tmp_path)
    before = select_stage.find_concepts
    found = {}
    for step in (0.0, 0.05, 10.0):
        sharpened = Sharpened(fake_summarizer, step)
        found[step] = (sharpened(cluster, 34), sharpened.auc())
    assert found[0.0][0] == Ours(fake_summarizer)(cluster, 34)  # no step: ours
    assert found[0.0][1] < found[0.05][1] < found[10.0][1] == 1.0
    assert found[10.0][0] == [_WEATHER, _SPORT]  # knowing the answer, it takes the weekend's news
    assert select_stage.find_concepts is before


"""The concept model's benchmark pieces: reference shares and the references-told ceiling, on made-up news."""

from __future__ import annotations

from pathlib import Path

import summarizer.stages.concepts as concepts_stage
import summarizer.stages.select as select_stage
from benchmarks.concept_model import Ceiling, reference_shares
from benchmarks.dataset import Cluster
from benchmarks.systems import Ours
from summarizer import Document, Summarizer

_LEAD = "The council approved the harbour budget on Monday after a long debate in the town hall."
_REPAIRS = "The budget pays for repairs to the old sea wall and two new ferries for the harbour."
_WEATHER = "Rain fell on the parade ground while the band played marches for visiting veterans."
_SPORT = "Local footballers lost their cup match at the weekend despite a late penalty kick."


def make_cluster(root: Path) -> Cluster:
    """Three articles of four sentences (the same ones, rotated); two references, both on the weekend's news, where
    ours alone would choose the budget (its sentences come first in the most articles)."""
    sentences = [_LEAD, _REPAIRS, _WEATHER, _SPORT]
    documents = tuple(Document(f"d{n}", " ".join(sentences[n:] + sentences[:n])) for n in range(3))
    references = []
    for name, text in (("A", _WEATHER), ("B", f"{_WEATHER} {_SPORT}")):
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        references.append(path)
    return Cluster("c1", documents, tuple(references))


def test_reference_shares_should_count_the_share_of_references_holding_each_concept(tmp_path: Path) -> None:
    shares = reference_shares(make_cluster(tmp_path))
    assert shares["parad ground"] == 1.0  # in both references
    assert shares["cup match"] == 0.5  # in one of two
    assert "harbour budget" not in shares


def test_the_ceiling_should_choose_what_the_references_hold_and_leave_the_stages_as_they_were(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    cluster = make_cluster(tmp_path)
    before = (select_stage.find_concepts, concepts_stage.MIN_ARTICLES)
    assert Ours(fake_summarizer)(cluster, 34) == [_LEAD, _REPAIRS]
    for ceiling in (Ceiling(fake_summarizer), Ceiling(fake_summarizer, every_concept=True)):
        assert ceiling(cluster, 34) == [_WEATHER, _SPORT]
    assert (select_stage.find_concepts, concepts_stage.MIN_ARTICLES) == before

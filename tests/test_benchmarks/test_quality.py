"""The quality benchmark: its pieces on hand-written text, and the CI quick mode on the DUC 2003 dev set."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.dataset import Cluster, date_key, load_dataset, quick_ids
from benchmarks.quality import keep_sections, render_table, run_benchmark, write_report
from benchmarks.scoring import bootstrap, choose_scorer
from benchmarks.systems import BlingfireTokenizer, Lead, LeadWords, RandomSentences, fit, parse_config
from summarizer import Document, Summarizer, Weights

ROOT = Path(__file__).resolve().parents[2]
DUC2003 = ROOT.parent / "shared" / "eval" / "duc2003"
#: Quick mode must stay cheap enough for CI on two cores (the whole run, model already loaded).

_STORY = [
    "The city council approved a new budget for the harbour district on Monday after a long debate.",
    "Council members said the budget would pay for repairs to the old sea wall and two new ferries.",
    "The harbour district has waited for the repairs since storms damaged the sea wall last winter.",
    "Residents welcomed the decision, though some said the ferries would come too late for this summer.",
    "The mayor said work on the sea wall would begin in the spring and last about two years.",
]


def build_dataset(root: Path) -> Path:
    """Two small clusters of made-up news in the DUC layout, each with two reference summaries."""
    for cluster, offset in (("c1", 0), ("c2", 2)):
        docs = root / cluster / "docs"
        models = root / cluster / "models"
        docs.mkdir(parents=True)
        models.mkdir(parents=True)
        for n, docno in enumerate(("APW20010102.0001", "NYT20010101.0002", "APW20010101.0003")):
            sentences = _STORY[(n + offset) % 5:] + _STORY[:(n + offset) % 5]
            (docs / f"{docno}.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        (models / "A.txt").write_text("\n".join(_STORY[:2]) + "\n", encoding="utf-8")
        (models / "B.txt").write_text("\n".join(_STORY[2:4]) + "\n", encoding="utf-8")
    return root


def test_date_key_should_order_docnos_by_date_then_serial_whatever_the_outlet() -> None:
    docnos = ["NYT19981116.0199", "APW19981117.0914", "APW19981117.0597", "NYT19981012.0242"]
    assert sorted(docnos, key=date_key) == [
        "NYT19981012.0242", "NYT19981116.0199", "APW19981117.0597", "APW19981117.0914"]


def test_quick_ids_should_be_the_same_evenly_spread_clusters_whatever_the_listing_order() -> None:
    ids = [f"d{i:03d}" for i in range(39)]
    assert quick_ids(list(reversed(ids))) == quick_ids(ids) == ["d000", "d006", "d013", "d019", "d026", "d032"]


def test_fit_should_pass_over_a_sentence_that_overflows_the_budget_and_take_a_later_one_that_fits() -> None:
    assert fit(["a b c", "d e f g h", "i j"], 6) == ["a b c", "i j"]


def test_lead_should_take_the_newest_articles_opening_sentences_and_lead_100w_should_cut_at_the_word() -> None:
    cluster = Cluster("c", (Document("old", "Old news here."), Document("new", "First one here. Second one here.")),
                      ())
    assert Lead()(cluster, 5) == ["First one here."]
    assert LeadWords()(cluster, 5) == ["First one here.", "Second one"]


def test_random_sentences_should_be_the_same_for_the_same_seed_and_cluster() -> None:
    cluster = Cluster("c", (Document("a", " ".join(_STORY)),), ())
    assert RandomSentences(3)(cluster, 40) == RandomSentences(3)(cluster, 40)


def test_blingfire_tokenizer_should_split_sentences_and_keep_only_word_tokens() -> None:
    tokenizer = BlingfireTokenizer()
    assert tokenizer.to_sentences("Mr. Smith left at 5 p.m. on Monday. He returned.") == (
        "Mr. Smith left at 5 p.m. on Monday.", "He returned.")
    assert tokenizer.to_words("Rain -- again, he said.") == ("Rain", "again", "he", "said")


def test_parse_config_should_override_only_the_named_weights() -> None:
    name, weights = parse_config("early:position=0.5")
    assert name == "ours-early"
    assert weights == Weights(position=0.5)


def test_parse_config_should_refuse_an_unknown_weight_and_name_the_known_ones() -> None:
    with pytest.raises(ValueError, match="field one of"):
        parse_config("x:nonsense=1")


def test_bootstrap_interval_should_contain_its_mean_and_lie_within_the_values() -> None:
    interval = bootstrap([0.1, 0.2, 0.3, 0.4])
    assert 0.1 <= interval.low <= interval.value <= interval.high <= 0.4


def test_benchmark_on_a_small_made_up_dataset_should_score_every_system_on_every_cluster(
    tmp_path: Path, fake_summarizer: Summarizer,
) -> None:
    pytest.importorskip("sumy")
    try:
        choose_scorer()
    except RuntimeError as error:
        pytest.skip(f"no ROUGE scorer installed: {error}")
    dataset = build_dataset(tmp_path / "data")
    run = run_benchmark(dataset, words=30, summarizer=fake_summarizer, variants=[parse_config("nopos:position=0")],
                        log=False)
    assert run.systems == ("ours", "ours-nopos", "lead", "lead-100w", "lexrank", "textrank", "lsa", "random")
    assert {c.id for c in run.clusters} == {"c1", "c2"}
    assert load_dataset(dataset)[0].newest.id == "APW20010102.0001"
    for system in run.systems:
        assert 0.0 < run.value(system, "ROUGE-1") <= 1.0
        assert set(run.scores.clusters[system]) == {"c1", "c2"}
    md_path, csv_path = write_report(run, tmp_path / "out", command="python -m benchmarks.quality data")
    assert "| ours-nopos |" in md_path.read_text(encoding="utf-8")
    assert len(csv_path.read_text(encoding="utf-8").splitlines()) == 1 + 2 * len(run.systems)


@pytest.mark.e2e
@pytest.mark.skipif(not DUC2003.is_dir(), reason=f"the DUC 2003 dev set is not at {DUC2003} (../shared/eval)")
def test_quick_mode_ours_should_beat_lexrank_lead_and_random_on_rouge_1_and_rouge_2(
    real_summarizer: Summarizer,
) -> None:
    run = run_benchmark(DUC2003, quick=True, summarizer=real_summarizer)
    table = render_table(run)
    assert len(run.clusters) == 6
    for baseline in ("lexrank", "textrank", "lead", "lead-100w", "random"):
        for metric in ("ROUGE-1", "ROUGE-2"):
            assert run.value("ours", metric) > run.value(baseline, metric), f"ours <= {baseline} on {metric}:\n{table}"


def test_a_new_report_keeps_every_hand_written_section_of_the_previous_one_in_order() -> None:
    previous = ("# Summary quality\n\nold table\n\n## Systems\n\nold\n\n## Independent sources\n\nsources\n\n"
                "## Ablation\n\n| step | R-1 |\n\n## Breakdown\n\nold\n")
    report = "# Summary quality\n\nnew table\n\n## Systems\n\nnew\n\n## Breakdown\n\nnew\n"

    merged = keep_sections(previous, report)

    assert merged == ("# Summary quality\n\nnew table\n\n## Systems\n\nnew\n\n## Independent sources\n\nsources\n\n"
                      "## Ablation\n\n| step | R-1 |\n\n## Breakdown\n\nnew\n")
    assert keep_sections("# no ablation here\n", report) == report
    assert keep_sections(merged, report) == merged  # a second run keeps them once

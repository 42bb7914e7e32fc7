from __future__ import annotations

import dataclasses
import json

import pytest

from summarizer import (
    Document,
    InputTooLargeError,
    InvalidOptionError,
    Limits,
    NoDocumentsError,
    NoUsableTextError,
    Summarizer,
    Weights,
)
from summarizer.testing import FakeEmbedder
from tests.builders import STORY, build_document


def test_every_chosen_sentence_is_verbatim_at_its_offsets_in_its_source(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, sentences=4)
    texts = {d.id: d.text for d in STORY}

    assert len(summary.sentences) == 4
    for sentence in summary.sentences:
        assert texts[sentence.document_id][sentence.start:sentence.end] == sentence.text
        for support in sentence.support:
            assert support.document_id != sentence.document_id
            assert texts[support.document_id][support.start:support.end] == support.text


def test_a_sentence_carried_by_two_outlets_is_embedded_once_and_lists_the_copy_as_support(
    fake_embedder: FakeEmbedder, fake_summarizer: Summarizer,
) -> None:
    summary = fake_summarizer(STORY, sentences=4, order="rank")
    embedded = [text for call in fake_embedder.calls for text in call]
    welcome = "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday."

    assert embedded.count(welcome) == 1
    (chosen,) = [s for s in summary.sentences if s.text == welcome]
    assert ("daily", 1.0) in [(s.document_id, s.similarity) for s in chosen.support]


def test_the_same_input_gives_the_same_summary() -> None:
    # Two summarisers without caches, so that every stage runs twice (a cached summary would be the same object).
    first, second = Summarizer(FakeEmbedder(), cache_size=0), Summarizer(FakeEmbedder(), cache_size=0)
    for options in ({"words": 60}, {"sentences": 3}, {"sentences": 4, "order": "rank"}):
        a, b = first(STORY, **options), second(STORY, **options)

        assert a is not b and a.sentences
        assert json.dumps(a.to_dict()) == json.dumps(b.to_dict())


def test_a_word_budget_is_never_exceeded(fake_summarizer: Summarizer) -> None:
    for budget in (10, 25, 40, 75):
        summary = fake_summarizer(STORY, words=budget)
        assert sum(len(s.text.split()) for s in summary.sentences) <= budget


def test_story_order_follows_positions_in_the_sources_and_rank_order_follows_choice(
    fake_summarizer: Summarizer,
) -> None:
    by_rank = fake_summarizer(STORY, sentences=4, order="rank")
    by_story = fake_summarizer(STORY, sentences=4, order="story")

    assert [s.rank for s in by_rank.sentences] == [0, 1, 2, 3]
    assert sorted(s.text for s in by_rank.sentences) == sorted(s.text for s in by_story.sentences)
    assert by_story.sentences[0].position == 0


def test_a_ratio_asks_for_a_share_of_the_distinct_sentences(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, ratio=0.25)

    assert summary.parameters.sentences == 3 and len(summary.sentences) == 3


def test_the_summary_reports_clusters_documents_and_parameters(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, sentences=3, seed=3)

    assert summary.parameters.model == "fake-hashing-embedder" and summary.parameters.seed == 3
    assert [d.id for d in summary.documents] == ["wire", "daily", "herald"]
    assert sum(d.selected for d in summary.documents) == 3
    assert sum(c.selected for c in summary.clusters) == 3
    assert [c.id for c in summary.clusters] == list(range(len(summary.clusters)))
    assert all(c.terms for c in summary.clusters if c.selected)
    assert summary.text == " ".join(s.text for s in summary.sentences)


def test_one_article_is_still_summarised(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY[:1], sentences=2)

    assert len(summary.sentences) == 2 and not summary.warnings


def test_fewer_sentences_than_asked_come_back_with_a_warning(fake_summarizer: Summarizer) -> None:
    single = build_document("one", "Putin arrived in Beijing on Thursday for a two-day state visit.")

    summary = fake_summarizer([single], sentences=5)

    assert len(summary.sentences) == 1
    assert any("Only 1 of the 5 sentences" in w for w in summary.warnings)


def test_identical_articles_give_each_point_once_with_the_others_as_support(fake_summarizer: Summarizer) -> None:
    copies = [dataclasses.replace(STORY[0], id=name) for name in ("a", "b", "c")]

    summary = fake_summarizer(copies, sentences=3)

    assert len({s.text for s in summary.sentences}) == len(summary.sentences)
    assert all({x.document_id for x in s.support} == {"a", "b", "c"} - {s.document_id} for s in summary.sentences)


def test_articles_that_copy_one_another_name_the_first_of_them_as_their_source(fake_summarizer: Summarizer) -> None:
    copies = [dataclasses.replace(STORY[0], id=name) for name in ("a", "b")]

    summary = fake_summarizer([*copies, *STORY[1:]], sentences=3)

    assert {d.id: d.same_source_as for d in summary.documents} == {
        "a": None, "b": "a", **{d.id: None for d in STORY[1:]}}
    assert "same_source_as" not in summary.to_dict()["documents"][0]
    assert summary.to_dict()["documents"][1]["same_source_as"] == "a"


@pytest.mark.parametrize("documents", [
    [Document("empty", "")], [Document("blank", "  \n\t\n ")],
    [Document("run-on", " ".join(["word"] * 5000))],
    [Document("headlines", "Putin in Beijing\n\nXi welcomes Putin\n")],
])
def test_input_without_a_usable_sentence_is_refused_clearly(
    fake_summarizer: Summarizer, documents: list[Document],
) -> None:
    with pytest.raises(NoUsableTextError, match="sentence|empty"):
        fake_summarizer(documents)


def test_an_empty_article_among_good_ones_is_reported_not_fatal(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer([*STORY, Document("empty", "")], sentences=2)

    assert "empty: is empty" in summary.warnings


@pytest.mark.parametrize(("options", "message"), [
    ({"sentences": 0}, "sentences must be between"), ({"words": 5}, "words must be between"),
    ({"ratio": 1.5}, "ratio must be"), ({"ratio": float("nan")}, "ratio must be"),
    ({"sentences": 3, "words": 50}, "not sentences and words"), ({"order": "random"}, "order must be"),
])
def test_bad_options_are_refused_with_what_to_do(
    fake_summarizer: Summarizer, options: dict[str, object], message: str,
) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        fake_summarizer(STORY, **options)  # type: ignore[arg-type]


def test_duplicate_document_ids_are_refused(fake_summarizer: Summarizer) -> None:
    with pytest.raises(InvalidOptionError, match="unique; repeated: wire"):
        fake_summarizer([STORY[0], STORY[0]])


def test_no_documents_are_refused(fake_summarizer: Summarizer) -> None:
    with pytest.raises(NoDocumentsError):
        fake_summarizer([])


def test_input_over_the_limits_is_refused_before_any_work(fake_embedder: FakeEmbedder) -> None:
    summarizer = Summarizer(fake_embedder, limits=Limits(max_documents=2, max_document_chars=300))

    with pytest.raises(InputTooLargeError, match="3 documents"):
        summarizer(STORY)
    with pytest.raises(InputTooLargeError, match="characters"):
        summarizer([Document("long", "x" * 301)])
    assert fake_embedder.calls == []


def test_a_story_asked_for_again_gets_its_summary_back_without_running_the_stages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import summarizer.pipeline as pipeline_module

    selected: list[int] = []
    select = pipeline_module.select
    monkeypatch.setattr(pipeline_module, "select", lambda *a, **k: selected.append(1) or select(*a, **k))
    summarizer = Summarizer(FakeEmbedder())

    first = summarizer(STORY, sentences=3)
    again = summarizer([Document(d.id, d.text) for d in STORY], sentences=3)  # equal documents, new objects

    assert again is first and selected == [1]


@pytest.mark.parametrize("change", ["options", "text", "metadata", "order of documents", "weights"])
def test_a_kept_summary_is_never_given_for_other_documents_options_or_weights(change: str) -> None:
    summarizer = Summarizer(FakeEmbedder())
    first = summarizer(STORY, sentences=3)
    documents, options = list(STORY), {"sentences": 3}
    if change == "options":
        options = {"sentences": 2}
    elif change == "text":
        documents[0] = Document(STORY[0].id, STORY[0].text.replace("Beijing", "Moscow"))
    elif change == "metadata":
        documents[0] = Document(STORY[0].id, STORY[0].text, published="2024-05-16")
    elif change == "order of documents":
        documents.reverse()
    else:
        summarizer.weights = Weights(diversity=0.5)

    again = summarizer(documents, **options)  # type: ignore[arg-type]

    assert again is not first
    assert again.to_dict() == Summarizer(FakeEmbedder(), weights=summarizer.weights, cache_size=0)(
        documents, **options).to_dict()  # type: ignore[arg-type]

"""Piles into stories with the fake embedder: grouping, lone articles, order, summaries, and the shared cache."""

from __future__ import annotations

import pytest

from summarizer import Document, InvalidOptionError, NoUsableTextError, Summarizer
from summarizer.limits import DEFAULT_SENTENCES
from summarizer.stages.group import story_id
from summarizer.stories import tell_stories
from summarizer.testing import FakeEmbedder
from tests.builders import FLOOD, LONE, STORY, build_document

PILE = (STORY[0], FLOOD[0], STORY[1], LONE, FLOOD[1], STORY[2], FLOOD[2])


def test_two_well_separated_stories_give_two_stories_largest_first_ties_by_first_article() -> None:
    stories = tell_stories(Summarizer(FakeEmbedder()), PILE[:3] + PILE[4:], sentences=2)

    assert [s.documents for s in stories.stories] == [("wire", "daily", "herald"),
                                                      ("flood-xinhua", "flood-ap", "flood-reuters")]
    assert stories.parameters.documents == 6 and stories.parameters.stories == 2
    assert "yangtze" in stories.stories[1].label and "putin" in stories.stories[0].label


def test_an_article_that_belongs_with_no_other_stays_a_story_of_its_own() -> None:
    stories = tell_stories(Summarizer(FakeEmbedder()), PILE, sentences=2)

    assert [len(s.documents) for s in stories.stories] == [3, 3, 1]
    assert stories.stories[2].documents == ("chess",)
    assert stories.stories[2].summary.sentences[0].document_id == "chess"


def test_the_same_pile_in_another_order_gives_the_same_stories() -> None:
    summarizer = Summarizer(FakeEmbedder())
    forward = tell_stories(summarizer, PILE, sentences=2)
    backward = tell_stories(summarizer, PILE[::-1], sentences=2)

    def stories_of(result):
        return {s.id: (frozenset(s.documents), s.label) for s in result.stories}

    assert stories_of(forward) == stories_of(backward)
    assert [s.documents for s in backward.stories][0] == ("flood-reuters", "flood-ap", "flood-xinhua")  # input order


def test_a_storys_summary_is_the_summary_of_its_articles_and_its_id_a_hash_of_their_ids() -> None:
    stories = tell_stories(Summarizer(FakeEmbedder()), PILE, words=40, order="rank", seed=3)

    by_id = {d.id: d for d in PILE}
    for story in stories.stories:
        alone = Summarizer(FakeEmbedder())([by_id[i] for i in story.documents], words=40, order="rank", seed=3)
        assert story.summary == alone
        assert story.id == story_id(list(story.documents)) == story_id(sorted(story.documents))


def test_every_sentence_is_embedded_once_for_the_grouping_and_the_summaries_together() -> None:
    embedder = FakeEmbedder()
    summarizer = Summarizer(embedder)

    tell_stories(summarizer, PILE, sentences=3)

    asked = [text for call in embedder.calls for text in call]
    assert len(embedder.calls) == 1 and len(asked) == len(set(asked))


def test_the_grouping_reads_the_summarisers_cache_so_a_pile_summarised_before_embeds_nothing_new() -> None:
    embedder = FakeEmbedder()
    summarizer = Summarizer(embedder)
    summarizer(PILE, sentences=3)  # every usable sentence of the pile is now cached
    before = len(embedder.calls)

    tell_stories(summarizer, PILE, sentences=3)

    assert len(embedder.calls) == before


def test_a_lower_threshold_splits_more_and_the_output_is_the_same_every_time() -> None:
    strict = tell_stories(Summarizer(FakeEmbedder()), PILE, threshold=0.05)
    again = tell_stories(Summarizer(FakeEmbedder()), PILE, threshold=0.05)  # no cache shared with the first

    assert len(strict.stories) == len(PILE)
    assert strict == again and strict.to_dict()["parameters"]["threshold"] == 0.05


def test_options_are_checked_before_any_work() -> None:
    embedder = FakeEmbedder()
    with pytest.raises(InvalidOptionError, match="threshold"):
        tell_stories(Summarizer(embedder), PILE, threshold=0)
    with pytest.raises(InvalidOptionError, match="one of sentences, words or ratio"):
        tell_stories(Summarizer(embedder), PILE, sentences=2, words=50)
    assert embedder.calls == []


def test_an_article_without_a_usable_sentence_is_left_out_with_a_warning_and_a_pile_of_them_is_refused() -> None:
    junk = build_document("junk", "BREAKING", "more soon")

    stories = tell_stories(Summarizer(FakeEmbedder()), [*PILE[:3], junk])

    assert all("junk" not in s.documents for s in stories.stories)
    assert stories.warnings and stories.warnings[0].startswith("junk: no usable sentence")
    with pytest.raises(NoUsableTextError):
        tell_stories(Summarizer(FakeEmbedder()), [junk])


def test_the_json_form_has_the_stories_with_their_summaries_and_the_parameters() -> None:
    data = tell_stories(Summarizer(FakeEmbedder()), [Document("a", STORY[0].text)], sentences=1).to_dict()

    assert set(data) == {"stories", "parameters", "warnings"}
    assert set(data["stories"][0]) == {"id", "label", "documents", "summary"}
    assert data["stories"][0]["documents"] == ["a"] or data["stories"][0]["documents"] == ("a",)


def test_with_no_length_given_the_pile_reports_the_sentences_each_summary_has() -> None:
    told = tell_stories(Summarizer(FakeEmbedder()), PILE)

    assert told.parameters.sentences == DEFAULT_SENTENCES
    assert {s.summary.parameters.sentences for s in told.stories} == {DEFAULT_SENTENCES}
    assert tell_stories(Summarizer(FakeEmbedder()), PILE, words=40).parameters.sentences is None

"""What the summariser accepts: the length asked for, resolved against the story, and the input limits."""

from __future__ import annotations

import re

import pytest

from summarizer import Document, InputError, InputTooLargeError, InvalidOptionError, Length, Limits, Summarizer
from summarizer.limits import DEFAULT_SENTENCES, Target, check_input
from summarizer.stories import tell_stories
from summarizer.testing import FakeEmbedder
from tests.builders import STORY


@pytest.mark.parametrize(("length", "distinct", "target"), [
    (Length(), 40, Target(sentences=DEFAULT_SENTENCES, words=None, wanted=5, topics=10)),
    (Length(sentences=3), 4, Target(sentences=3, words=None, wanted=3, topics=4)),  # never more topics than units
    (Length(words=100), 40, Target(sentences=None, words=100, wanted=5, topics=10)),  # 100 / 22 words a sentence
    (Length(ratio=0.25), 12, Target(sentences=3, words=None, wanted=3, topics=6)),
    (Length(ratio=0.01), 12, Target(sentences=1, words=None, wanted=1, topics=2)),  # at least one sentence
])
def test_a_length_resolves_to_the_sentences_wanted_and_twice_as_many_topics(
    length: Length, distinct: int, target: Target,
) -> None:
    assert length.resolve(distinct=distinct) == target


@pytest.mark.parametrize(("length", "message"), [
    (Length(sentences=101), "sentences must be between 1 and 100, not 101"),
    (Length(words=9), "words must be between 10 and 5000, not 9"),
    (Length(ratio=0.0), "ratio must be more than 0 and at most 1"),
    (Length(sentences=2, words=40, ratio=0.5), "not sentences and words and ratio"),
])
def test_a_length_out_of_range_or_given_twice_is_refused_with_the_range(length: Length, message: str) -> None:
    with pytest.raises(InvalidOptionError, match=message):
        length.check(Limits())


def test_the_options_are_checked_before_the_documents() -> None:
    with pytest.raises(InvalidOptionError, match="order must be 'story', 'rank' or 'time', not 'random'"):
        check_input([], Length(), order="random", limits=Limits())


def test_an_unpaired_surrogate_is_refused_with_where_it_is() -> None:
    with pytest.raises(InputError, match=r"'a' holds an unpaired surrogate \(U\+D800\) at character 3"):
        Limits().check([Document("a", "abc\ud800 and more text.")])


def test_the_characters_of_all_documents_together_have_a_limit_of_their_own() -> None:
    limits = Limits(max_document_chars=10, max_total_chars=15)

    limits.check([Document("a", "x" * 10)])
    with pytest.raises(InputTooLargeError, match="The documents hold 20 characters, over the limit of 15"):
        limits.check([Document("a", "x" * 10), Document("b", "y" * 10)])


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, True, "7"])
def test_a_seed_that_is_not_a_whole_number_in_range_is_refused_before_any_work(seed: object) -> None:
    embedder = FakeEmbedder()

    with pytest.raises(InvalidOptionError, match=r"seed must be a whole number from 0 to 4,294,967,295, not "):
        Summarizer(embedder)(STORY, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(InvalidOptionError, match="seed must be a whole number"):
        tell_stories(Summarizer(embedder), STORY, seed=seed)  # type: ignore[arg-type]
    assert embedder.calls == []
    assert Summarizer(FakeEmbedder())(STORY, seed=2**32 - 1).sentences  # the largest is accepted


@pytest.mark.parametrize("blank", ["", " ", "\t\n"])
def test_a_document_id_of_white_space_alone_is_refused(blank: str) -> None:
    message = re.escape(f"Document ids must hold more than white space, not {blank!r}")
    with pytest.raises(InvalidOptionError, match=message):
        Limits().check([Document("a", "Some text here."), Document(blank, "More text here.")])

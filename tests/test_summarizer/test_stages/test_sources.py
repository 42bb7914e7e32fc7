"""Sources: articles that copy one another are one source, and how far the sources report each sentence."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from summarizer.stages.sources import Sources, closest, find_sources, support
from summarizer.types import Unit
from tests.builders import build_sentence, build_units


def test_support_counts_an_article_fully_at_the_paraphrase_threshold_and_in_part_above_the_floor() -> None:
    # Unit 0 (article 0); article 1 holds a paraphrase of it (cosine 0.8), article 2 a sentence on another side of
    # the same point (cosine 0.6), article 3 nothing close (cosine 0.3).
    cosines = (1.0, 0.8, 0.6, 0.3)
    vectors = np.array([[c, np.sqrt(1.0 - c * c), 0.0] for c in cosines], dtype=np.float32)
    units = [Unit(f"s{d}", d, 0, 10, frozenset({d})) for d in range(4)]

    found = support(closest(units, vectors, documents=4), full=0.75, floor=0.5)

    # Its own article and the paraphrase fully, 0.6 for 40% (of the way from 0.5 to 0.75), 0.3 not at all.
    assert found[0] == pytest.approx((1 + 1 + 0.4 + 0) / 4)


def test_closest_is_the_same_computed_in_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    units = [Unit(f"s{i}", i % 7, i // 7, 10, frozenset({i % 7, (i * 3) % 7})) for i in range(50)]
    whole = closest(units, vectors, documents=8)  # the eighth article has no sentence

    monkeypatch.setattr("summarizer.stages.sources._BLOCK_ROWS", 8)
    blocked = closest(units, vectors, documents=8)

    np.testing.assert_allclose(blocked, whole, rtol=1e-6)
    expected = [[max(float(vectors[i] @ vectors[j]) for j in range(50) if d in units[j].documents)
                 for d in range(7)] for i in range(50)]
    np.testing.assert_allclose(whole[:, :7], expected, rtol=1e-5)
    assert not whole[:, 7].any()


def _copies(articles: tuple[tuple[str, ...], ...]) -> tuple[list[Unit], np.ndarray, Sources]:
    _, units, embeddings = build_units(articles)
    return units, embeddings, find_sources(units, embeddings, documents=len(articles), similarity=0.75)


def test_an_article_most_of_whose_sentences_another_carries_is_one_source_with_it() -> None:
    own = ("Xi Jinping welcomed Vladimir Putin to Beijing on Thursday.",
           "The two leaders signed a joint statement on their partnership.",
           "Trade between the countries reached a record last year.")
    reprint = own[:2] + ("A gas pipeline was on the agenda of the talks in Beijing.",)  # two of its three
    other = ("Ukraine's president cancelled his foreign trips as Russian troops advanced.",
             "The Kremlin said the visit had been planned for months.",
             "Trade between the countries reached a record last year.")  # one of three: not a copy

    units, _, sources = _copies((own, reprint, other))

    assert sources.of.tolist() == [0, 0, 1] and sources.count == 2
    told = [(1, build_sentence("d1", 0, reprint[0])), (2, build_sentence("d2", 4, other[0]))]
    assert [(source, s.position) for source, s in sources.attribute(told)] == [(0, 0), (1, 4)]
    assert sources.carrying(Unit(own[0], 0, 0, 9, frozenset({0, 1, 2}))) == 2


def test_copies_chain_into_one_source_and_sources_are_numbered_by_their_first_article() -> None:
    a = ("Xi Jinping welcomed Vladimir Putin to Beijing on Thursday.",
         "The two leaders signed a joint statement on their partnership.")
    b = ("Ukraine's president cancelled his foreign trips as Russian troops advanced.",
         "The Kremlin said the visit had been planned for months.")
    # Articles 1 and 3 are b; article 2 is a, which article 0 is too.
    units, _, sources = _copies((a, b, a, b))

    assert sources.of.tolist() == [0, 1, 0, 1]
    # Each unit's closest cosine in each source: its own source carries it fully.
    assert sources.closest.shape == (len(units), 2)
    for j, unit in enumerate(units):
        assert sources.closest[j, sources.of[unit.document]] == pytest.approx(1.0)


def test_a_sentence_copies_repeat_is_supported_once_by_their_source() -> None:
    point = "Xi Jinping welcomed Vladimir Putin to Beijing on Thursday."
    articles = ((point, "The two leaders signed a joint statement on their partnership."),
                (point, "The two leaders signed a joint statement on their partnership."),
                (point, "Trade between the countries reached a record last year."),
                ("Ukraine's president cancelled his foreign trips as Russian troops advanced.",
                 "The Kremlin said the visit had been planned for months."))
    _, units, embeddings = build_units(articles)
    # As deduplication gives them: the welcome is one unit, carried by the three articles.
    units[0] = replace(units[0], documents=frozenset({0, 1, 2}))
    sources = find_sources(units, embeddings, documents=4, similarity=0.75)
    found = support(sources.closest, full=0.75, floor=0.5)

    assert sources.of.tolist() == [0, 0, 0, 1]
    # Three articles carry the welcome, but they are one source of two: it is half the story's, not three quarters.
    assert found[0] == pytest.approx(0.5, abs=0.02)

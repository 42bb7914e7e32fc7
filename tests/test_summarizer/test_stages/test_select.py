"""Selection: the objective's maximiser under the length, with the readability guards."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.stages.select import Relevance, Weights, _objective, centrality, neighbours, select
from summarizer.testing import FakeEmbedder
from summarizer.types import Sentence, Unit
from tests.builders import build_sentence

#: Three articles; the first sentence of each reports the same event, so its concepts count.
ARTICLES = (
    ("Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday.",
     "He also said the talks went well and would go on for two days.",
     "Trade between the two countries reached a record level last year."),
    ("Chinese leader Xi Jinping welcomed Russian President Vladimir Putin in Beijing.",
     "Energy cooperation and a new gas pipeline were on the agenda of the talks.",
     "Trade between the two countries reached a record level, officials said."),
    ("Russian President Vladimir Putin arrived in Beijing for talks with Chinese leader Xi Jinping.",
     "The visit marks 75 years of diplomatic relations between the countries.",
     "Ukraine's president cancelled his foreign trips as Russian troops advanced."),
)


Story = tuple[list[tuple[int, Sentence]], list[Unit], np.ndarray]


def _story(articles: tuple[tuple[str, ...], ...] = ARTICLES) -> Story:
    sentences = [(doc, build_sentence(f"d{doc}", position, text))
                 for doc, texts in enumerate(articles) for position, text in enumerate(texts)]
    units = [Unit(text=s.text, document=doc, position=s.position, words=s.words, documents=frozenset({doc}))
             for doc, s in sentences]
    embeddings = FakeEmbedder().encode([u.text for u in units])
    return sentences, units, embeddings


def _select(*, length: int | None = None, words: int | None = None, weights: Weights | None = None,
            articles: tuple[tuple[str, ...], ...] = ARTICLES) -> tuple[list[Unit], list[int]]:
    sentences, units, embeddings = _story(articles)
    topics = min(3, len(units))
    labels = np.arange(len(units)) % topics
    centroids = np.stack([embeddings[labels == k].mean(axis=0) for k in range(topics)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    selection = select(sentences, units, embeddings, labels, centroids, documents=len(articles), length=length,
                       words=words, weights=weights or Weights())
    return units, [p.unit for p in selection.picks]


def test_a_word_budget_is_never_exceeded() -> None:
    for budget in (12, 20, 30, 45, 60):
        units, chosen = _select(words=budget)
        assert sum(units[i].words for i in chosen) <= budget
        assert chosen, f"nothing chosen for {budget} words"


def test_the_point_every_article_reports_is_chosen_first() -> None:
    units, chosen = _select(words=30)

    assert "welcomed" in units[chosen[0]].text or "arrived" in units[chosen[0]].text


def test_a_count_of_sentences_is_met_within_that_many_sentences_of_average_length() -> None:
    units, chosen = _select(length=2)
    average = np.mean([u.words for u in units])

    assert len(chosen) <= 2
    assert sum(units[i].words for i in chosen) <= 2 * np.ceil(average)


def test_a_sentence_opening_on_a_word_that_leans_on_another_is_passed_over_while_others_are_left() -> None:
    units, chosen = _select(length=9, words=200)

    assert all(not units[i].text.startswith("He also") for i in chosen)


def test_when_every_sentence_leans_on_another_one_is_still_chosen() -> None:
    leaning = (("He said the talks went well on Thursday in Beijing.",),
               ("But the talks went well on Thursday in Beijing, he said.",))
    units, chosen = _select(words=20, articles=leaning)

    assert len(chosen) == 1


def test_near_paraphrases_are_not_both_chosen() -> None:
    units, chosen = _select(words=200, length=9)
    _, _, embeddings = _story()

    for a in chosen:
        for b in chosen:
            if a < b:
                assert float(embeddings[a] @ embeddings[b]) < Weights().redundancy


def test_the_greedy_solver_also_keeps_to_the_budget_and_the_guards() -> None:
    units, chosen = _select(words=30, weights=Weights(solver="greedy"))

    assert chosen and sum(units[i].words for i in chosen) <= 30
    assert all(not units[i].text.startswith("He also") for i in chosen)


def test_the_same_input_gives_the_same_choice() -> None:
    assert len({tuple(_select(words=40)[1]) for _ in range(3)}) == 1


def test_picks_come_most_valuable_first() -> None:
    sentences, units, embeddings = _story()
    labels = np.arange(len(units)) % 3
    selection = select(sentences, units, embeddings, labels, embeddings[:3], documents=3, length=None, words=40,
                       weights=Weights())

    assert [p.rank for p in selection.picks] == list(range(len(selection.picks)))
    assert [p.score for p in selection.picks] == sorted((p.score for p in selection.picks), reverse=True)
    assert all(p.cluster == labels[p.unit] for p in selection.picks)


def test_centrality_counts_a_unit_once_per_article_carrying_it() -> None:
    units = [Unit("a", 0, 0, 1, frozenset({0, 1, 2})), Unit("b", 1, 1, 1, frozenset({1}))]

    values = centrality(units, np.eye(2, dtype=np.float32))

    assert values[0] > values[1]


def test_neighbours_are_found_in_blocks_including_the_row_itself() -> None:
    rows = np.eye(3, dtype=np.float32)[[0, 0, 1]]

    assert [n.tolist() for n in neighbours(rows, rows, 0.9)] == [[0, 1], [0, 1], [2]]


def test_with_a_budget_a_sentences_relevance_counts_per_word_and_with_a_count_once() -> None:
    sentences, units, embeddings = _story()
    scores = np.full(len(units), 0.5, dtype=np.float32)
    relevance = Relevance(scores=scores, coverage=scores, centrality=scores)
    labels = np.zeros(len(units), dtype=np.int64)
    lengths = np.array([u.words for u in units], dtype=np.float64)
    assert lengths.min() < lengths.max()

    per_word = _objective(sentences, units, relevance, labels, documents=3, weights=Weights(), per_word=True)
    per_sentence = _objective(sentences, units, relevance, labels, documents=3, weights=Weights(), per_word=False)

    np.testing.assert_allclose(per_word.relevance / per_word.relevance.sum(), lengths / lengths.sum())
    np.testing.assert_allclose(per_sentence.relevance, per_sentence.relevance[0])
    assert per_word.relevance.mean() == pytest.approx(per_sentence.relevance.mean())

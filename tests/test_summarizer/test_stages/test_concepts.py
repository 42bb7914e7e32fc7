"""Concepts: which word pairs count, in how many articles, and what the model makes of them."""

from __future__ import annotations

import numpy as np

from summarizer.stages.concepts import (
    DEFAULT_CONCEPT_MODEL,
    FEATURES,
    ConceptModel,
    concept_features,
    concept_pairs,
    find_concepts,
    min_articles,
)
from summarizer.types import Unit
from tests.builders import build_sentence


def _unit(text: str, doc: int = 0, position: int = 0) -> Unit:
    return Unit(text=text, document=doc, position=position, words=len(text.split()), documents=frozenset({doc}))


def test_a_pair_of_stop_words_is_no_concept_and_words_are_stemmed_as_rouge_tokenises_them() -> None:
    concepts = [c for c, _, _ in concept_pairs("It was the leaders' joint statement on the war.")]

    assert "it was" not in concepts and "on the" not in concepts  # both words are stop words
    assert concepts == ["the leader", "leader joint", "joint statement", "statement on", "the war"]


def test_a_concept_counts_only_when_enough_articles_report_it() -> None:
    texts = ["Putin met Xi Jinping in Beijing on Thursday.", "Putin met Xi Jinping for talks.",
             "Putin met Xi Jinping at a ceremony.", "Putin toured Harbin on Friday."]
    sentences = [(doc, build_sentence(f"d{doc}", 0, text)) for doc, text in enumerate(texts)]
    units = [_unit(text, doc) for doc, text in enumerate(texts)]

    names, features, incidence = concept_features(sentences, units, np.ones(len(units)), documents=4)

    assert "xi jinp" in names and "putin met" in names  # three of four articles
    assert "putin tour" not in names  # one article only
    column = names.index("xi jinp")
    assert features[column, FEATURES.index("share_of_articles")] == 0.75
    assert incidence[:, column].toarray().ravel().tolist() == [1, 1, 1, 0]


def test_min_articles_is_three_in_ten_and_never_one_outlet_alone() -> None:
    # Three articles from 7 up; in a smaller story 3 in 10 of its articles, but two at least; one in a story of one.
    assert [min_articles(n) for n in (1, 2, 3, 4, 5, 6, 7, 10, 100)] == [1, 2, 2, 2, 2, 2, 3, 3, 3]


def test_the_model_weighs_a_widely_reported_early_concept_above_a_rare_late_one() -> None:
    common = [1.0, np.log1p(9), 1.0, 0.0, 0.0, 0.8]
    rare = [0.3, np.log1p(3), 0.1, 0.0, 0.0, 0.5]

    weights = DEFAULT_CONCEPT_MODEL.weigh(np.array([common, rare]))

    assert 0.0 < weights[1] < weights[0] < 1.0


def test_find_concepts_weighs_with_the_model_it_is_given() -> None:
    texts = ["The council approved the harbour budget.", "The council approved the harbour budget today."]
    sentences = [(doc, build_sentence(f"d{doc}", 0, text)) for doc, text in enumerate(texts)]
    units = [_unit(texts[0], 0), _unit(texts[1], 1)]
    flat = ConceptModel(coefficients=(0.0,) * len(FEATURES), intercept=0.0, mean=(0.0,) * len(FEATURES),
                        scale=(1.0,) * len(FEATURES))

    concepts = find_concepts(sentences, units, np.ones(2), documents=2, model=flat)

    assert concepts.names and np.allclose(concepts.weights, 0.5)


def test_the_stop_words_are_scikit_learns_english_list_word_for_word() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as REFERENCE

    from summarizer.stages.stopwords import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == REFERENCE

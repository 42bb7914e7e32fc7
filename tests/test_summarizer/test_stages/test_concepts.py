"""Concepts: which word pairs count, in how many sources, and what the model makes of them."""

from __future__ import annotations

import numpy as np

from summarizer.stages.concepts import (
    DEFAULT_CONCEPT_MODEL,
    FEATURES,
    ConceptModel,
    concept_features,
    concept_pairs,
    find_concepts,
    min_sources,
)
from summarizer.types import Unit
from tests.builders import build_sentence


def _unit(text: str, doc: int = 0, position: int = 0) -> Unit:
    return Unit(text=text, document=doc, position=position, words=len(text.split()), documents=frozenset({doc}))


def test_a_pair_of_stop_words_is_no_concept_and_words_are_stemmed_as_rouge_tokenises_them() -> None:
    concepts = [c for c, _, _ in concept_pairs("It was the leaders' joint statement on the war.")]

    assert "it was" not in concepts and "on the" not in concepts  # both words are stop words
    assert concepts == ["the leader", "leader joint", "joint statement", "statement on", "the war"]


def test_a_concept_counts_only_when_two_sources_report_it() -> None:
    texts = ["Putin met Xi Jinping in Beijing on Thursday.", "Putin met Xi Jinping for talks.",
             "Putin met Xi Jinping at a ceremony.", "Putin toured Harbin on Friday.", "Xi toured Harbin later."]
    # The first two articles are one source (a reprint and its original), the others a source each.
    source = [0, 0, 1, 2, 3]
    sentences = [(source[doc], build_sentence(f"d{doc}", 0, text)) for doc, text in enumerate(texts)]
    units = [_unit(text, doc) for doc, text in enumerate(texts)]

    names, features, incidence = concept_features(sentences, units, np.ones(len(units)), sources=4)

    assert "xi jinp" in names and "putin met" in names  # two of four sources
    assert "putin tour" not in names  # one source only
    assert "tour harbin" in names  # two sources
    column = names.index("xi jinp")
    assert features[column, FEATURES.index("share_of_sources")] == 0.5
    assert incidence[:, column].toarray().ravel().tolist() == [1, 1, 1, 0, 0]


def test_each_feature_of_a_concept_is_counted_over_its_occurrences_and_sources() -> None:
    # "putin met" three times: source 0 at positions 0 and 3, source 1 at position 1; its "Putin" is capitalised
    # past a sentence's first word in two of them.
    sentences = [(0, build_sentence("a", 0, "Putin met Xi in Beijing.")),
                 (0, build_sentence("a", 3, "Later Putin met Xi again.")),
                 (1, build_sentence("b", 1, "Russia's Putin met with Xi.")),
                 (1, build_sentence("b", 2, "Putin met with Xi on Friday."))]
    units = [_unit("Putin met Xi in Beijing.", 0, 0), _unit("Putin met with Xi on Friday.", 1, 2)]

    names, features, incidence = concept_features(sentences, units, np.array([0.25, 0.75]), sources=2)

    putin_met = dict(zip(FEATURES, features[names.index("putin met")].tolist(), strict=True))
    assert putin_met == {"share_of_sources": 1.0, "log_occurrences": np.log1p(4),
                         "earliest_position": (1 / (1 + 0) + 1 / (1 + 1)) / 2,  # each source's earliest
                         "capitalised": 0.5, "has_stop_word": 0.0, "centrality": 0.75}
    assert names == ("putin met",)  # "met xi" and "met with" are each one source's
    assert incidence.toarray().tolist() == [[1], [1]]


def test_a_concept_one_source_reports_does_not_count_however_many_articles_reprint_it() -> None:
    texts = ["Putin met Xi Jinping in Beijing on Thursday."] * 3 + ["Trade grew last year."]
    sentences = [(0 if doc < 3 else 1, build_sentence(f"d{doc}", 0, text)) for doc, text in enumerate(texts)]
    units = [_unit(texts[0], 0), _unit(texts[3], 3)]

    names, _, _ = concept_features(sentences, units, np.ones(len(units)), sources=2)

    assert names == ()


def test_min_sources_is_two_and_one_in_a_story_of_one_source() -> None:
    assert [min_sources(n) for n in (1, 2, 3, 10, 100)] == [1, 2, 2, 2, 2]


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

    concepts = find_concepts(sentences, units, np.ones(2), sources=2, model=flat)

    assert concepts.names and np.allclose(concepts.weights, 0.5)


def test_the_stop_words_are_scikit_learns_english_list_word_for_word() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as REFERENCE

    from summarizer.stages.stopwords import ENGLISH_STOP_WORDS

    assert ENGLISH_STOP_WORDS == REFERENCE


def test_the_share_of_english_function_words_tells_english_from_other_languages_and_needs_forty_words() -> None:
    from summarizer.stages.stopwords import NOT_ENGLISH_BELOW, function_word_share

    english = "The two leaders signed a joint statement on the deepening of their partnership in Beijing. " * 3
    german = "Die beiden Staatschefs unterzeichneten in Peking eine gemeinsame Erklärung über ihre Partnerschaft. " * 4
    assert len(english.split()) >= 40 and len(german.split()) >= 40
    assert function_word_share(english) > NOT_ENGLISH_BELOW > function_word_share(german)
    assert function_word_share(" ".join(english.split()[:39])) is None
    assert len(german * 60) > 20_000  # only a text's first 20,000 characters are read
    assert function_word_share(german * 60 + english * 1_000) < NOT_ENGLISH_BELOW  # the English comes too late

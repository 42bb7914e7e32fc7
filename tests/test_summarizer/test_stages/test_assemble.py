"""Assembling the `Summary`: order, sources and support, topics, per-article notes and warnings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer import Document, Parameters, Summary, SummarySentence
from summarizer.limits import Length
from summarizer.stages.assemble import _cluster_terms, assemble
from summarizer.stages.cluster import cluster_embeddings
from summarizer.stages.dedup import deduplicate
from summarizer.stages.prepare import prepare
from summarizer.stages.select import Weights, select
from summarizer.testing import FakeEmbedder
from summarizer.types import Order
from tests.builders import STORY, build_document

WELCOME = "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday."


def summarise(
    documents: Sequence[Document], *, sentences: int | None = None, words: int | None = None, order: Order = "story",
) -> Summary:
    """The stages before assembling, run by hand, then `assemble` itself."""
    prepared = [prepare(d) for d in documents]
    candidates = deduplicate(prepared)
    target = Length(sentences=sentences, words=words).resolve(distinct=len(candidates.units))
    embeddings = FakeEmbedder().encode([u.text for u in candidates.units])
    labels, centroids = cluster_embeddings(embeddings, k=target.topics, seed=0)
    selection = select(candidates.sentences, candidates.units, embeddings, labels, centroids,
                       documents=len(documents), length=target.sentences, words=target.words, weights=Weights())
    parameters = Parameters(sentences=target.sentences, words=words, ratio=None, order=order, seed=0,
                            clusters=target.topics, model="fake", dimension=64, device="cpu")
    return assemble(documents, prepared, candidates, embeddings, labels, selection, parameters=parameters,
                    wanted=target.wanted, support_similarity=Weights().support_similarity)


def test_rank_order_is_the_order_of_choice_and_story_order_follows_the_earliest_report_of_each_point() -> None:
    by_rank = summarise(STORY, sentences=4, order="rank")
    by_story = summarise(STORY, sentences=4, order="story")
    lengths = {d.id: len(prepare(d).split.sentences) for d in STORY}

    def earliest(sentence: SummarySentence) -> float:
        spans = [(sentence.document_id, sentence.position)]
        for support in sentence.support:
            document = next(d for d in STORY if d.id == support.document_id)
            position = next(s.position for s in prepare(document).split.sentences if s.start == support.start)
            spans.append((support.document_id, position))
        return min(position / lengths[doc] for doc, position in spans)

    assert [s.rank for s in by_rank.sentences] == [0, 1, 2, 3]
    assert sorted(by_rank.sentences, key=lambda s: s.text) == sorted(by_story.sentences, key=lambda s: s.text)
    keys = [earliest(s) for s in by_story.sentences]
    assert keys == sorted(keys)


def test_a_sentence_is_verbatim_and_its_support_comes_from_the_other_articles_exact_copies_first() -> None:
    summary = summarise(STORY, sentences=4)
    texts = {d.id: d.text for d in STORY}

    (welcome,) = [s for s in summary.sentences if s.text == WELCOME]
    assert texts[welcome.document_id][welcome.start:welcome.end] == welcome.text
    assert welcome.support[0].document_id == "daily" and welcome.support[0].similarity == 1.0
    for sentence in summary.sentences:
        assert all(s.document_id != sentence.document_id for s in sentence.support)
        assert all(texts[s.document_id][s.start:s.end] == s.text for s in sentence.support)
        similarities = [s.similarity for s in sentence.support]
        assert similarities == sorted(similarities, reverse=True)


def test_topics_are_numbered_by_importance_and_the_chosen_ones_are_marked() -> None:
    summary = summarise(STORY, sentences=3)
    clusters = summary.clusters

    assert [c.id for c in clusters] == list(range(len(clusters))) == list(range(summary.parameters.clusters))
    assert [c.importance for c in clusters] == sorted((c.importance for c in clusters), reverse=True)
    assert sum(c.selected for c in clusters) == len(summary.sentences) == 3
    assert {s.cluster for s in summary.sentences} == {c.id for c in clusters if c.selected}
    assert sum(c.size for c in clusters) == 11  # 12 sentences, one carried by two outlets
    assert all(set(c.documents) <= {"wire", "daily", "herald"} and c.terms for c in clusters if c.selected)


def test_each_article_is_reported_with_its_counts_and_what_became_of_it() -> None:
    repeated = build_document("repeat", *[STORY[2].text.strip()] * 2)
    summary = summarise([*STORY[:2], repeated, Document("empty", "")], sentences=3)
    infos = {d.id: d for d in summary.documents}

    assert [d.id for d in summary.documents] == ["wire", "daily", "repeat", "empty"]
    assert (infos["wire"].sentences, infos["wire"].candidates, infos["wire"].characters) == (4, 4, len(STORY[0].text))
    assert infos["repeat"].repeated_sentences == 4 and infos["repeat"].sentences == 4
    assert sum(d.selected for d in summary.documents) == len(summary.sentences)
    assert ("repeat: repeats 4 of its own sentences (a body pasted twice?); the repeats were left out"
            in summary.warnings)
    assert "empty: is empty" in summary.warnings


def test_a_budget_no_sentence_fits_gives_an_empty_summary_that_says_so() -> None:
    summary = summarise(STORY, words=10)

    assert summary.sentences == () and summary.text == ""
    assert summary.warnings == ("No usable sentence fits in 10 words; allow more words.",)


def test_fewer_sentences_than_wanted_are_reported_and_the_text_is_the_sentences_collapsed() -> None:
    wrapped = Document("wrapped", "Putin arrived in Beijing on Thursday for a two-day\nstate visit with Xi.\n")
    summary = summarise([wrapped], sentences=3)

    assert len(summary.sentences) == 1 and "\n" in summary.sentences[0].text
    assert summary.text == "Putin arrived in Beijing on Thursday for a two-day state visit with Xi."
    assert summary.warnings[-1] == ("Only 1 of the 3 sentences asked for was chosen: the input has 1 distinct usable "
                                    "sentence, and near-repeats of chosen ones are left out.")


def test_the_shortfall_warning_counts_in_the_plural_when_more_than_one_sentence_was_chosen() -> None:
    two = Document("two", "Putin arrived in Beijing on Thursday for a two-day state visit.\n\n"
                          "Stock markets in Tokyo closed lower after a quiet week of trading.\n")
    summary = summarise([two], sentences=3)

    assert len(summary.sentences) == 2
    assert summary.warnings[-1] == ("Only 2 of the 3 sentences asked for were chosen: the input has 2 distinct usable "
                                    "sentences, and near-repeats of chosen ones are left out.")


FRENCH = ("Le président russe Vladimir Poutine est arrivé jeudi à Pékin pour une visite d'État de deux jours. "
          "Il a été accueilli par le président chinois Xi Jinping devant le Palais du peuple, avec une fanfare "
          "militaire. Les deux dirigeants ont signé une déclaration commune sur l'approfondissement de leur "
          "partenariat stratégique. Ils ont aussi évoqué la guerre en Ukraine, que Pékin présente comme une crise.\n")


def test_an_article_that_does_not_read_as_english_is_named_in_a_warning_and_an_english_one_is_not() -> None:
    summary = summarise([*STORY, Document("fr", FRENCH)], sentences=3)

    french = [w for w in summary.warnings if w.startswith("fr: does not read as English")]
    assert french == ["fr: does not read as English (common English words such as 'the' and 'of' are 0% of its "
                      "words, against 17% or more in English news); the model and the weights that choose sentences "
                      "are built for English, so its sentences may be judged poorly"]
    assert [w for w in summary.warnings if "English" in w] == french
    assert next(d for d in summary.documents if d.id == "fr").warnings == (french[0][len("fr: "):],)


def test_a_topics_terms_are_those_scikit_learns_tfidf_gives() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [s.strip() for d in STORY for s in d.text.split(".") if s.strip()] + ["The the and of.", "Xi's ties."]
    labels = np.arange(len(texts)) % 3
    vectorizer = TfidfVectorizer(stop_words="english", token_pattern=r"(?u)\b[^\W\d_][\w’'-]+\b")
    matrix = vectorizer.fit_transform(texts)
    vocabulary = vectorizer.get_feature_names_out()
    expected = []
    for c in range(4):  # topic 3 has no sentence
        weights = np.asarray(matrix[labels == c].mean(axis=0)).ravel() if c < 3 else np.zeros(len(vocabulary))
        expected.append(tuple(str(vocabulary[i]) for i in np.argsort(-weights, kind="stable")[:5] if weights[i] > 0))

    assert _cluster_terms(texts, labels, 4) == expected
    assert _cluster_terms(["The and of it."], np.zeros(1, dtype=int), 1) == [()]

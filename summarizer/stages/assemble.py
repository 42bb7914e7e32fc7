"""Turns the chosen sentences into a `Summary`: order, sources, support, topics and per-article notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy.sparse import csr_matrix

from summarizer.stages.dedup import Candidates, Group
from summarizer.stages.disagree import disagreements
from summarizer.stages.prepare import PreparedDocument
from summarizer.stages.select import Selection, neighbours
from summarizer.stages.stopwords import ENGLISH_STOP_WORDS, NOT_ENGLISH_BELOW
from summarizer.stages.timeline import Timeline, first_report, iso, since_warnings
from summarizer.types import (
    Cluster,
    Document,
    DocumentInfo,
    Parameters,
    Sentence,
    Summary,
    SummarySentence,
    Support,
)

_TERMS = 5
# A topic's terms: words of two or more characters that start with a letter (scikit-learn's pattern, widened to
# keep apostrophes and hyphens inside words).
_TERM = re.compile(r"(?u)\b[^\W\d_][\w’'-]+\b")


def assemble(
    documents: Sequence[Document], prepared: Sequence[PreparedDocument], candidates: Candidates,
    embeddings: np.ndarray, labels: np.ndarray, selection: Selection, *,
    parameters: Parameters, wanted: int, support_similarity: float, timeline: Timeline | None = None,
    open_units: int | None = None,
) -> Summary:
    """Build the `Summary` for `selection`, in story, rank or time order as `parameters.order` says.

    `embeddings` and `labels` are the units' vectors and topics; `wanted` is the number of sentences asked for
    (a warning says when fewer were chosen), `support_similarity` the cosine at which another article's
    sentence reports the same. `timeline` holds the documents' times (first reports, time order) and `since`;
    `open_units` is how many units were new since it.
    """
    timeline = timeline or Timeline(tuple(None for _ in documents))
    ids = [d.id for d in documents]
    doc_index = {d.id: i for i, d in enumerate(documents)}
    splits = [p.split for p in prepared]
    flat, groups, units = candidates.sentences, candidates.groups, candidates.units
    k = len(selection.cluster_importance)
    by_importance = sorted(range(k), key=lambda c: (-selection.cluster_importance[c], c))
    cluster_id = {c: rank for rank, c in enumerate(by_importance)}
    sizes = np.bincount(labels, minlength=k)
    chosen_units = [p.unit for p in selection.picks]
    near = neighbours(embeddings[chosen_units], embeddings, support_similarity)
    relative = {(s.document_id, s.start): s.position / max(len(split.sentences), 1)
                for split in splits for s in split.sentences}

    picked: list[tuple[float, SummarySentence]] = []
    for pick, similar in zip(selection.picks, near, strict=True):
        group = groups[pick.unit]
        doc, sentence = flat[group.representative]
        support = _support(doc, group, similar, embeddings[pick.unit], embeddings, groups, flat, timeline)
        # Story order places a point where the article reporting it earliest places it.
        story_position = min(relative[key] for key in [(sentence.document_id, sentence.start)]
                             + [(s.document_id, s.start) for s in support])
        first = first_report([doc] + [doc_index[s.document_id] for s in support], timeline, ids)
        picked.append((story_position, SummarySentence(
            text=sentence.text, document_id=sentence.document_id, start=sentence.start, end=sentence.end,
            position=sentence.position, cluster=cluster_id[pick.cluster], cluster_size=int(sizes[pick.cluster]),
            rank=pick.rank, score=round(pick.score, 4), support=tuple(support), first_reported=first,
            new=True if timeline.since is not None else None, disagreements=disagreements(sentence, support),
        )))
    if parameters.order in ("story", "time"):
        picked.sort(key=lambda item: (item[0], doc_index[item[1].document_id], item[1].start))
    if parameters.order == "time":  # stable: points first reported at the same time keep their story order
        picked.sort(key=lambda item: timeline.reported(item[1].first_reported, doc_index))
    sentences = tuple(s for _, s in picked)

    selected_clusters = {p.cluster for p in selection.picks}
    terms = _cluster_terms([u.text for u in units], labels, k)
    clusters = tuple(
        Cluster(id=cluster_id[c], size=int(sizes[c]),
                documents=tuple(documents[d].id for d in sorted(selection.cluster_documents[c])),
                terms=terms[c], importance=round(float(selection.cluster_importance[c]), 4),
                selected=c in selected_clusters)
        for c in by_importance
    )
    # Articles that copy one another are one source: each but the first names the first (in input order).
    first_of_source: dict[int, str] = {}
    for d, source in zip(ids, selection.sources.tolist(), strict=True):
        first_of_source.setdefault(source, d)
    infos = tuple(
        replace(_document_info(d, p, sum(s.document_id == d.id for s in sentences)),
                published=iso(moment), title=d.title, source=d.source, url=d.url,
                same_source_as=None if first_of_source[source] == d.id else first_of_source[source])
        for d, p, moment, source in zip(documents, prepared, timeline.times, selection.sources.tolist(),
                                        strict=True)
    )
    warnings = [f"{d.id}: {w}" for d in infos for w in d.warnings]
    warnings += since_warnings(timeline, ids, chosen=len(sentences), open_units=len(units) if open_units is None
                               else open_units)
    nothing_new = timeline.since is not None and not sentences
    if parameters.words is None and len(sentences) < wanted and not nothing_new:
        count = len(units) if timeline.since is None else open_units
        usable = f"{count} distinct usable sentence{'' if count == 1 else 's'}"
        if timeline.since is not None:
            usable += f" new since {iso(timeline.since)}"
        warnings.append(
            f"Only {len(sentences)} of the {wanted} sentences asked for {'was' if len(sentences) == 1 else 'were'} "
            "chosen: the input has "
            f"{usable}, and near-repeats of chosen ones are left out."
        )
    if parameters.words is not None and not sentences and not nothing_new:
        warnings.append(f"No usable sentence fits in {parameters.words} words; allow more words.")
    return Summary(
        sentences=sentences, clusters=clusters, documents=infos, parameters=parameters,
        warnings=tuple(warnings), text=" ".join(" ".join(s.text.split()) for s in sentences),
    )


def _support(
    doc: int, group: Group, similar: np.ndarray, vector: np.ndarray, embeddings: np.ndarray,
    groups: Sequence[Group], flat: Sequence[tuple[int, Sentence]], timeline: Timeline,
) -> list[Support]:
    """Sentences in other articles saying the same thing: copies first, then close paraphrases."""
    found: dict[tuple[int, int], tuple[float, Sentence]] = {}
    candidates = list(zip(group.members, group.similarities, strict=True))
    for other in similar.tolist():
        if groups[other] is group:
            continue
        similarity = float(embeddings[other] @ vector)
        candidates.extend((member, similarity) for member in groups[other].members)
    for member, similarity in candidates:
        member_doc, sentence = flat[member]
        key = (member_doc, sentence.start)
        if member_doc != doc and (key not in found or found[key][0] < similarity):
            found[key] = (similarity, sentence)
    ordered = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))
    return [Support(document_id=s.document_id, start=s.start, end=s.end, text=s.text,
                    similarity=round(min(sim, 1.0), 4), published=iso(timeline.times[d]))
            for (d, _), (sim, s) in ordered]


def _cluster_terms(texts: Sequence[str], labels: np.ndarray, k: int) -> list[tuple[str, ...]]:
    """The few words that most set each topic apart: the mean over its sentences of their TF-IDF vectors.

    TF-IDF as scikit-learn's TfidfVectorizer computes it by default (raw counts, smoothed IDF ln((1 + n) /
    (1 + df)) + 1, rows L2-normalised, English stop words out; a test checks the terms are the same), in a few
    lines here so that summarising never waits for scikit-learn's import.
    """
    tokens = [[t for t in _TERM.findall(text.lower()) if t not in ENGLISH_STOP_WORDS] for text in texts]
    vocabulary = sorted({t for row in tokens for t in row})
    if not vocabulary:
        return [() for _ in range(k)]
    index = {term: i for i, term in enumerate(vocabulary)}
    counts = csr_matrix(
        (np.ones(sum(map(len, tokens))), ([r for r, row in enumerate(tokens) for _ in row],
                                          [index[t] for row in tokens for t in row])),
        shape=(len(texts), len(vocabulary)),
    )
    counts.sum_duplicates()
    idf = np.log((1 + len(texts)) / (1 + np.bincount(counts.indices, minlength=len(vocabulary)))) + 1
    tfidf = counts.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
    tfidf = csr_matrix(tfidf.multiply(1 / np.maximum(norms, 1e-12)[:, None]))
    terms = []
    for c in range(k):
        rows = tfidf[np.flatnonzero(labels == c)]
        weights = np.asarray(rows.mean(axis=0)).ravel() if rows.shape[0] else np.zeros(len(vocabulary))
        top = [i for i in np.argsort(-weights, kind="stable")[:_TERMS] if weights[i] > 0]
        terms.append(tuple(vocabulary[i] for i in top))
    return terms


def _document_info(document: Document, prepared: PreparedDocument, selected: int) -> DocumentInfo:
    split = prepared.split
    candidates = sum(s.candidate for s in split.sentences)
    warnings = []
    if split.repeated:
        warnings.append(f"repeats {split.repeated} of its own sentences (a body pasted twice?); "
                        "the repeats were left out")
    english = prepared.english
    if english is not None and english < NOT_ENGLISH_BELOW:
        warnings.append(
            f"does not read as English (common English words such as 'the' and 'of' are {english:.0%} of its words, "
            "against 17% or more in English news); the model and the weights that choose sentences are built for "
            "English, so its sentences may be judged poorly")
    if not document.text.strip():
        warnings.append("is empty")
    elif not candidates:
        warnings.append(
            "has no usable sentence (only headlines, fragments, questions, quotations, labelled rows or captions)")
    return DocumentInfo(
        id=document.id, characters=len(document.text), sentences=len(split.sentences), candidates=candidates,
        dropped_lines=prepared.cleaned.dropped_lines + split.boilerplate, repeated_sentences=split.repeated,
        selected=selected, warnings=tuple(warnings),
    )

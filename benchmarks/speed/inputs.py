"""The speed benchmark's inputs, built at run time (DUC text is read from outside the repository, never stored).

Also the one definition of "the unique sentences a request embeds", shared by the driver and its workers.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.dataset import load_dataset
from benchmarks.systems import paragraphs, sentences_of
from summarizer import Document
from summarizer.io.reader import read_paths
from summarizer.stages.dedup import deduplicate
from summarizer.stages.prepare import prepare

#: Articles of the merged DUC stories.
STORY_SIZES = (20, 100)
#: Articles of the stress input: every DUC 2003 article, then word-shuffled copies of the first ones up to this.
STRESS_ARTICLES = 500
#: Sentences per article when sentences are packed into synthetic articles for the scaling series.
PACKED_PER_ARTICLE = 20
VARIANT_SEED = 0


@dataclass(frozen=True)
class Input:
    """One input of the benchmark: its name, how it was made, and its articles."""

    name: str
    description: str
    documents: tuple[Document, ...]


def unique_sentences(documents: Sequence[Document]) -> list[str]:
    """The texts the summariser embeds for `documents`: its own prepare and deduplicate stages' units."""
    return [unit.text for unit in deduplicate([prepare(d) for d in documents]).units]


def timed_unique_sentences(documents: Sequence[Document]) -> tuple[list[str], float]:
    """`unique_sentences` and the seconds it took (the clean-split-deduplicate share of a summary)."""
    started = time.perf_counter()
    texts = unique_sentences(documents)
    return texts, time.perf_counter() - started


def seeds(root: Path) -> Input:
    documents = read_paths([root / "seeds"]).documents
    return Input("seeds", f"the {len(documents)} seed articles (./seeds)", tuple(documents))


def duc_articles(duc: Path) -> list[Document]:
    """Every DUC 2003 article, cluster by cluster (sorted ids), oldest first within a cluster; ids are unique."""
    return [Document(f"{c.id}-{d.id}", d.text) for c in load_dataset(duc) for d in c.documents]


def duc_clusters(duc: Path) -> list[tuple[str, tuple[Document, ...]]]:
    """Each DUC cluster as its own story (the distinct request bodies of the HTTP cold runs)."""
    return [(c.id, c.documents) for c in load_dataset(duc)]


def merged_story(articles: Sequence[Document], count: int) -> Input:
    """The first `count` DUC articles (whole clusters, in cluster order) merged into one story."""
    if len(articles) < count:
        raise ValueError(f"Only {len(articles)} DUC articles, {count} asked for.")
    clusters = sorted({d.id.split("-")[0] for d in articles[:count]})
    return Input(f"duc-{count}", f"the first {count} DUC 2003 articles merged ({len(clusters)} clusters: "
                 f"{clusters[0]}..{clusters[-1]})", tuple(articles[:count]))


def shuffled_words(text: str, rng: random.Random) -> str:
    """The article with the inner words of each sentence shuffled: same length and vocabulary, new bigrams.

    The first and last word of each sentence stay put, so sentences keep their capital and full stop.
    """
    out = []
    for paragraph in paragraphs(text):
        sentences = []
        for sentence in sentences_of(paragraph):
            words = sentence.split()
            inner = words[1:-1]
            rng.shuffle(inner)
            sentences.append(" ".join(words[:1] + inner + words[-1:]) if len(words) > 2 else sentence)
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def stress(articles: Sequence[Document], count: int = STRESS_ARTICLES) -> Input:
    """Every DUC article, then copies of the first ones with each sentence's inner words shuffled, to `count`.

    Shuffling defeats the near-duplicate grouping (word bigrams change), so the copies add sentences to embed
    that have the length and vocabulary of news sentences; they are not meaningful text.
    """
    rng = random.Random(VARIANT_SEED)
    extra = count - len(articles)
    variants = [Document(f"{d.id}-shuffled", shuffled_words(d.text, rng)) for d in articles[:max(extra, 0)]]
    documents = tuple(articles[:count]) + tuple(variants)
    return Input(f"stress-{count}", f"all {len(articles)} DUC 2003 articles + {len(variants)} copies of the first "
                 f"{len(variants)} with the inner words of every sentence shuffled (seed {VARIANT_SEED})", documents)


def packed(pool: Sequence[str], size: int) -> Input:
    """`size` distinct sentences from `pool`, packed into articles of PACKED_PER_ARTICLE one-sentence paragraphs."""
    texts = list(pool[:size])
    documents = tuple(
        Document(f"packed-{i // PACKED_PER_ARTICLE:04d}", "\n\n".join(texts[i:i + PACKED_PER_ARTICLE]))
        for i in range(0, len(texts), PACKED_PER_ARTICLE)
    )
    return Input(f"packed-{size}", f"the first {size} distinct sentences of the stress input, "
                 f"{PACKED_PER_ARTICLE} to an article", documents)


def save(item: Input, folder: Path) -> Path:
    """Write the input as `<folder>/<name>.json` (for the workers) and `<folder>/<name>/NNN-id.txt` (for the CLI)."""
    (folder / item.name).mkdir(parents=True, exist_ok=True)
    for i, d in enumerate(item.documents):
        (folder / item.name / f"{i:04d}-{d.id}.txt").write_text(d.text, encoding="utf-8")
    path = folder / f"{item.name}.json"
    # ids as the CLI will name them, so the library, the CLI and the service see identical documents
    path.write_text(json.dumps([{"id": f"{i:04d}-{d.id}", "text": d.text} for i, d in enumerate(item.documents)]),
                    encoding="utf-8")
    return path


def load(path: Path) -> list[Document]:
    return [Document(d["id"], d["text"]) for d in json.loads(path.read_text(encoding="utf-8"))]

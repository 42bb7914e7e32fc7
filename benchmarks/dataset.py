"""Reads an evaluation set laid out as `<cluster>/docs/<DOCNO>.txt` and `<cluster>/models/<ID>.txt`.

The texts are read at run time from outside the repository (DUC data is never copied into it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from summarizer import Document

#: Clusters scored in quick mode (CI).
QUICK_CLUSTERS = 6
_DOCNO_DATE = re.compile(r"(\d{8})\.(\d+)")


@dataclass(frozen=True)
class Cluster:
    """One story: its articles, oldest first, and the human reference summaries it is scored against."""

    id: str
    documents: tuple[Document, ...]
    references: tuple[Path, ...]

    @property
    def newest(self) -> Document:
        """The most recent article, by the date and serial number in its DOCNO (APW19981016.0240)."""
        return self.documents[-1]


def date_key(doc_id: str) -> tuple[str, int, str]:
    """Sort key for a DOCNO: (yyyymmdd, serial, id); ids without a date sort first.

    Example:
        >>> sorted(["NYT19981012.0245", "APW19981016.0240", "APW19981016.0031"], key=date_key)
        ['NYT19981012.0245', 'APW19981016.0031', 'APW19981016.0240']
    """
    match = _DOCNO_DATE.search(doc_id)
    return (match.group(1), int(match.group(2)), doc_id) if match else ("", 0, doc_id)


def cluster_ids(root: Path) -> list[str]:
    """The clusters under `root` (folders holding both docs/ and models/), sorted."""
    if not root.is_dir():
        raise FileNotFoundError(f"No dataset at {root}: give the folder holding <cluster>/docs and <cluster>/models.")
    ids = sorted(p.name for p in root.iterdir() if (p / "docs").is_dir() and (p / "models").is_dir())
    if not ids:
        raise FileNotFoundError(f"{root} holds no <cluster>/docs and <cluster>/models folders.")
    return ids


def quick_ids(ids: list[str], count: int = QUICK_CLUSTERS) -> list[str]:
    """`count` clusters spread evenly over the sorted ids: the same every run, both DUC tasks represented.

    Example:
        >>> quick_ids([f"c{i:02d}" for i in range(12)], 3)
        ['c00', 'c04', 'c08']
    """
    ordered = sorted(ids)
    if len(ordered) <= count:
        return ordered
    return [ordered[i * len(ordered) // count] for i in range(count)]


def load_cluster(root: Path, cluster_id: str) -> Cluster:
    """Read one cluster's articles (sorted oldest first) and locate its references."""
    folder = root / cluster_id
    paths = sorted((folder / "docs").glob("*.txt"), key=lambda p: date_key(p.stem))
    documents = tuple(Document(p.stem, p.read_text(encoding="utf-8", errors="replace")) for p in paths)
    references = tuple(sorted((folder / "models").glob("*.txt")))
    if not documents or not references:
        raise FileNotFoundError(f"Cluster {folder} needs at least one docs/*.txt and one models/*.txt.")
    return Cluster(cluster_id, documents, references)


def load_dataset(root: Path, *, quick: bool = False, only: list[str] | None = None) -> list[Cluster]:
    """Load every cluster under `root`, or the quick-mode subset, or the clusters named in `only`."""
    ids = cluster_ids(root)
    if only:
        missing = sorted(set(only) - set(ids))
        if missing:
            raise FileNotFoundError(f"No such clusters under {root}: {', '.join(missing)}.")
        ids = [i for i in ids if i in set(only)]
    elif quick:
        ids = quick_ids(ids)
    return [load_cluster(root, i) for i in ids]

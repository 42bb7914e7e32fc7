"""Builders that keep tests short: documents, sentences, a small story, and batch input lines.

Tests import these from here, never from another test module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer import Document, Sentence


def build_document(doc_id: str, *sentences: str) -> Document:
    """A document whose paragraphs are the given sentences, one per line."""
    return Document(id=doc_id, text="\n\n".join(sentences) + "\n")


def build_sentence(doc: str, position: int, text: str, *, candidate: bool = True) -> Sentence:
    """A sentence of document `doc` at `position`, its offsets those of its own text (not a real document's)."""
    return Sentence(doc, position, 0, len(text), text, candidate, "" if candidate else "headline")


#: Three outlets' reports of one visit: a sentence carried by two of them ("Chinese leader Xi Jinping welcomed..."),
#: and the rest distinct.
STORY = (
    build_document(
        "wire",
        "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday.",
        "The two leaders signed a joint statement on deepening their strategic partnership.",
        "Trade between the two countries reached a record level last year, officials said.",
        "Putin is expected to visit the northeastern city of Harbin on Friday to attend a trade fair.",
    ),
    build_document(
        "daily",
        "Putin arrived in Beijing for a two-day state visit, his first trip abroad since his inauguration.",
        "Chinese leader Xi Jinping welcomed Russian President Vladimir Putin to Beijing on Thursday.",
        "Washington has warned Beijing against supplying Russia's defense industry with machine tools.",
        "The leaders discussed the war in Ukraine in informal talks on Thursday evening.",
    ),
    build_document(
        "herald",
        "Xi Jinping greeted Vladimir Putin with a military band in the Great Hall of the People.",
        "Energy cooperation, including a new gas pipeline, was high on the agenda for the talks.",
        "The visit marks 75 years of diplomatic relations between Moscow and Beijing, officials said.",
        "Ukraine's president cancelled all upcoming foreign trips as Russian troops advanced near Kharkiv.",
    ),
)


def story_line(story_id: str, documents: Sequence[Document] = STORY[:2], **options: Any) -> str:
    """One line of a batch input file: a story of `documents` with `options` (sentences, words, ...)."""
    return json.dumps({"id": story_id, "documents": [{"id": d.id, "text": d.text} for d in documents], **options})


def write_lines(path: Path, *lines: str) -> Path:
    """A file holding the given lines, each ended by a newline."""
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def read_records(path: Path) -> list[dict[str, Any]]:
    """The JSON records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def build_timed_document(doc_id: str, published: str | None, *sentences: str) -> Document:
    """A document like `build_document`'s, published at `published` (ISO 8601, or None for no time)."""
    return Document(id=doc_id, text="\n\n".join(sentences) + "\n", published=published)


#: An earthquake told by three outlets over two days: "ap" and "upi" publish at the same moment and report one
#: point in paraphrase and one with different death tolls; "herald", a day later, repeats the first point in
#: other words and adds two new ones.
TIMED_STORY = (
    build_timed_document(
        "ap", "2024-05-13T08:00:00+00:00",
        "A powerful earthquake struck the coastal city of Portville early on Monday morning.",
        "At least 12 people were killed when the old market hall collapsed in the city centre.",
        "Rescue teams from three provinces searched the rubble through the night for survivors.",
    ),
    build_timed_document(
        "upi", "2024-05-13T08:00:00Z",
        "A strong earthquake struck the coastal city of Portville early on Monday morning, officials said.",
        "At least 15 people were killed when the old market hall collapsed in the city centre.",
        "The governor declared a state of emergency across the whole coastal province on Monday.",
    ),
    build_timed_document(
        "herald", "2024-05-14",
        "Early on Monday morning a powerful earthquake struck Portville, the coastal city.",
        "Aid agencies flew tents and blankets to thousands of families who spent the night outdoors.",
        "Engineers began checking schools and bridges for cracks before classes resume next week.",
    ),
)

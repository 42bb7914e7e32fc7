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


#: A second story, far from the first in wording and meaning: three reports of a flood on the Yangtze.
FLOOD = (
    build_document(
        "flood-xinhua",
        "Floodwaters on the Yangtze River forced more than 300,000 people from their homes in Hubei province.",
        "Soldiers piled sandbags on cracked dikes near Wuhan as the river rose for a fifth straight day.",
        "The flood is the worst on the Yangtze since 1954, the water ministry said on Sunday.",
    ),
    build_document(
        "flood-ap",
        "The Yangtze River rose above its 1954 record near Wuhan, and soldiers raced to shore up the dikes.",
        "More than 300,000 people fled their homes in Hubei province as floodwaters spread across farmland.",
        "Rescue boats carried villagers to higher ground while rain kept falling across the river basin.",
    ),
    build_document(
        "flood-reuters",
        "Rain kept falling on the Yangtze River basin, where floodwaters have driven 300,000 people from Hubei.",
        "Troops worked through the night on the dikes protecting Wuhan, a city of seven million people.",
        "The water ministry warned that the Yangtze flood could peak again later this week.",
    ),
)

#: An article that belongs with neither story.
LONE = build_document(
    "chess",
    "Magnus Carlsen won the Norway Chess tournament in Stavanger after a tense final round against Fabiano Caruana.",
    "The Norwegian grandmaster sealed the title with a draw in the last armageddon game of the tournament.",
    "Carlsen has now won the event on home soil six times since its first edition in 2013.",
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

"""Builders that keep tests short: documents, sentences, a small story, and batch input lines.

Tests import these from here, never from another test module.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from summarizer import Document, Sentence
from summarizer.testing import FakeEmbedder
from summarizer.types import Unit


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


def build_units(
    articles: Sequence[Sequence[str]],
) -> tuple[list[tuple[int, Sentence]], list[Unit], np.ndarray]:
    """A story's sentences as (article, sentence), one unit per sentence, and their fake embeddings."""
    sentences = [(doc, build_sentence(f"d{doc}", position, text))
                 for doc, texts in enumerate(articles) for position, text in enumerate(texts)]
    units = [Unit(text=s.text, document=doc, position=s.position, words=s.words, documents=frozenset({doc}))
             for doc, s in sentences]
    return sentences, units, FakeEmbedder().encode([u.text for u in units])


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


#: Two reports of an earthquake, hours apart, that give the toll differently.
NEWSROOM_TEXTS = {
    "ap": "A powerful earthquake struck the coastal city of Portville early on Monday, toppling buildings and "
          "cutting power to thousands of homes.\n\nAt least 12 people were killed when the old market hall "
          "collapsed in the city centre, the regional governor said.\n\nRescue teams from three provinces "
          "searched the rubble through the night for survivors trapped under the market.\n\nHospitals in the "
          "region called in off-duty staff to treat hundreds of injured residents.\n",
    "upi": "An earthquake struck the coastal city of Portville early on Monday, toppling buildings and cutting "
           "power to thousands of homes.\n\nAt least 15 people were killed when the old market hall collapsed "
           "in the city centre, the regional governor said.\n\nThe governor declared a state of emergency across "
           "the whole coastal province and asked the army for help.\n\nSchools and offices in Portville will "
           "stay closed until engineers have checked every building for damage.\n",
}
#: The earthquake in three files of three kinds: an HTML page (its date and site in its metadata), a JSON document
#: in the API's shape, and a text file opening with front matter, a day later.
NEWSROOM_FILES = {
    "ap.html": (
        '<html><head><title>Quake topples market hall</title><meta property="og:site_name" content="AP">'
        '<meta property="article:published_time" content="2024-05-13T08:00:00+00:00"></head><body><nav>Home | World'
        "</nav><article>" + "".join(f"<p>{p}</p>" for p in NEWSROOM_TEXTS["ap"].strip().split("\n\n"))
        + "</article><footer>Copyright 2024 AP. All rights reserved.</footer></body></html>"
    ),
    "upi.json": json.dumps({"id": "upi", "published": "2024-05-13T10:00:00Z", "source": "UPI",
                            "title": "Portville quake", "text": NEWSROOM_TEXTS["upi"]}),
    "herald.txt": (
        "---\ntitle: Survivors found in market ruins\npublished: 2024-05-14T09:00:00+02:00\nsource: Herald\n"
        "url: https://example.org/herald/quake\n---\n"
        "Rescuers pulled two survivors alive from the ruins of the market hall on Tuesday, more than a day after "
        "the earthquake.\n\n"
        "Aid agencies flew tents, blankets and drinking water to families who spent a second night sleeping "
        "outdoors.\n\n"
        "The government promised to rebuild the market hall and to pay for repairs to damaged homes.\n\n"
        "An earthquake struck the coastal city of Portville early on Monday, toppling buildings and cutting power "
        "to thousands of homes.\n"
    ),
}


def write_newsroom_files(folder: Path) -> list[Path]:
    """NEWSROOM_FILES written into `folder`; their paths, oldest article first."""
    for name, content in NEWSROOM_FILES.items():
        (folder / name).write_text(content, encoding="utf-8")
    return [folder / name for name in NEWSROOM_FILES]

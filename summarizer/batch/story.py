"""The batch input: one story per JSON line, parsed into a `Story` or refused with a `StoryLineError` saying why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from summarizer.io.documents import METADATA_FIELDS
from summarizer.types import Document, Order

#: The fields a story line may have; any other field is reported as an error on its line (it is likely a typo).
#: With `"pile": true` the documents are a pile told as stories, grouped under `threshold` (piles only).
STORY_FIELDS = ("id", "documents", "sentences", "words", "ratio", "order", "seed", "since", "pile", "threshold")


@dataclass(frozen=True)
class Story:
    """One valid input line: a story's documents and the options to summarise it with."""

    id: str
    line: int
    documents: tuple[Document, ...]
    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    order: Order = "story"
    seed: int = 0
    pile: bool = False
    threshold: float | None = None
    since: str | None = None


class StoryLineError(ValueError):
    """An input line is not a story (bad JSON, a missing or mistyped field, a repeated id)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_story(text: str, *, line: int) -> Story:
    """Turn one input line into a `Story`, or raise `StoryLineError` saying what is wrong with it.

    Example:
        >>> parse_story('{"id": "s1", "documents": [{"id": "a", "text": "Hi."}], "words": 50}', line=1).words
        50
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoryLineError("invalid_json", f"not valid JSON ({exc}); write one JSON object per line.") from exc
    if not isinstance(data, dict):
        raise StoryLineError("invalid_json", f"a JSON {type(data).__name__} where a story object was expected; "
                                             'write one {"id": ..., "documents": [...]} object per line.')
    unknown = sorted(set(data) - set(STORY_FIELDS))
    if unknown:
        raise StoryLineError("invalid_story", f"unknown field(s) {', '.join(map(repr, unknown))}; "
                                              f"a story may have only {', '.join(STORY_FIELDS)}.")
    story_id = data.get("id")
    if not isinstance(story_id, str) or not story_id:
        raise StoryLineError("invalid_story", 'every story needs an "id": a non-empty string, unique in the file.')
    if "documents" not in data:
        raise StoryLineError("invalid_story",
                             'no "documents": give a list of {"id": ..., "text": ...} articles.')
    raw_documents = data["documents"]
    if not isinstance(raw_documents, list):
        raise StoryLineError("invalid_story", '"documents" must be a list of {"id": ..., "text": ...} articles.')
    documents = []
    for number, raw in enumerate(raw_documents, start=1):
        if not (isinstance(raw, dict) and isinstance(raw.get("id"), str) and isinstance(raw.get("text"), str)):
            raise StoryLineError("invalid_story",
                                 f'document {number} must be an object with string "id" and "text".')
        unknown = sorted(set(raw) - {"id", "text", *METADATA_FIELDS})
        wrong = [name for name in METADATA_FIELDS if raw.get(name) is not None and not isinstance(raw[name], str)]
        if unknown or wrong:
            raise StoryLineError("invalid_story", f"document {number}: " + (
                f"unknown field(s) {', '.join(map(repr, unknown))}; a document may have only id, text, "
                f"{', '.join(METADATA_FIELDS)}." if unknown else f"{', '.join(map(repr, wrong))} must be string(s)."))
        documents.append(Document(id=raw["id"], text=raw["text"], **{n: raw.get(n) for n in METADATA_FIELDS}))
    options: dict[str, Any] = {}
    for name, kinds in (("sentences", (int,)), ("words", (int,)), ("ratio", (int, float)), ("order", (str,)),
                        ("seed", (int,)), ("since", (str,)), ("threshold", (int, float))):
        value = data.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, kinds):
            wanted = "a string" if kinds == (str,) else "an integer" if kinds == (int,) else "a number"
            raise StoryLineError("invalid_option", f'"{name}" must be {wanted}, not {json.dumps(value)}.')
        options[name] = float(value) if name in ("ratio", "threshold") else value
    pile = data.get("pile", False)
    if not isinstance(pile, bool):
        raise StoryLineError("invalid_option", f'"pile" must be true or false, not {json.dumps(pile)}.')
    if "threshold" in options and not pile:
        raise StoryLineError("invalid_option", '"threshold" groups a pile; add "pile": true or drop it.')
    if "since" in options and pile:
        raise StoryLineError("invalid_option", '"since" is for one story; a pile\'s stories are told whole.')
    options["pile"] = pile
    return Story(id=story_id, line=line, documents=tuple(documents), **options)


def loose_id(text: str) -> str | None:
    """The id of a line that is not a valid story, when it has one, so its error is keyed to it.

    Example:
        >>> loose_id('{"id": "s1", "documents": "oops"}'), loose_id("{not json")
        ('s1', None)
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None

"""Renders a `Summary` as plain text, JSON or Markdown with numbered source references."""

from __future__ import annotations

import json
from typing import Literal, get_args

from summarizer.types import Disagreement, Summary

#: The output formats: one sentence per line, the whole `Summary` as JSON, or Markdown with source references.
Format = Literal["text", "json", "markdown"]
FORMATS: tuple[Format, ...] = get_args(Format)


def render(summary: Summary, fmt: Format) -> str:
    """The summary in the given format, ending in a newline (empty for an empty summary in text).

    text: one sentence per line; a sentence whose sources give different figures is followed by an indented
    "sources differ" line for each. json: the whole Summary. markdown: the sentences with numbered references to
    the exact spans they come from, the spans of the articles that support them, and a quoted "sources differ"
    note under a sentence whose sources give different figures.
    """
    if fmt == "json":
        return json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        return "".join(" ".join(s.text.split()) + "\n" + "".join(f"    {_differ_note(d)}\n" for d in s.disagreements)
                       for s in summary.sentences)
    lines = ["# Summary", ""]
    references: list[str] = []
    for sentence in summary.sentences:
        numbers = []
        for doc, start, end, note in [(sentence.document_id, sentence.start, sentence.end, "")] + [
            (s.document_id, s.start, s.end, f", similarity {s.similarity:.2f}") for s in sentence.support
        ]:
            references.append(f"[{len(references) + 1}] `{doc}`, characters {start}–{end}{note}")
            numbers.append(str(len(references)))
        lines += [f"{' '.join(sentence.text.split())} [{', '.join(numbers)}]", ""]
        for disagreement in sentence.disagreements:
            lines += [f"> {_differ_note(disagreement, where=True)}", ""]
    if references:
        lines += ["## Sources", ""] + [ref + "  " for ref in references[:-1]] + references[-1:]
    return "\n".join(lines).rstrip("\n") + "\n"


def _differ_note(disagreement: Disagreement, *, where: bool = False) -> str:
    """`sources differ: "12" (ap) / "15" (upi)`; with `where`, each value's characters too."""
    values = [f"“{' '.join(v.text.split())}” ({'`' + v.document_id + '`' if where else v.document_id}"
              f"{f', characters {v.start}–{v.end}' if where else ''})" for v in disagreement.values]
    return ("Sources differ: " if where else "sources differ: ") + " / ".join(values)

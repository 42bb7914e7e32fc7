"""Renders `Stories` as plain text, JSON or Markdown: each story's label, its articles and its summary."""

from __future__ import annotations

import json

from summarizer.io.render import Format, render
from summarizer.types import Stories, Story


def render_stories(stories: Stories, fmt: Format) -> str:
    """The stories in the given format, ending in a newline.

    text: per story a heading line `[N] label (K articles: ids)` and its summary's sentences, one per line, a
    blank line between stories. json: the whole `Stories`. markdown: a section per story with its summary's
    sentences and numbered source references.
    """
    if fmt == "json":
        return json.dumps(stories.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "text":
        return "\n".join(f"[{n}] {_heading(story)}\n{render(story.summary, 'text')}"
                         for n, story in enumerate(stories.stories, start=1))
    parts = ["# Stories", ""]
    for n, story in enumerate(stories.stories, start=1):
        body = render(story.summary, "markdown").replace("# Summary\n\n", "", 1).replace("## Sources", "### Sources")
        parts += [f"## {n}. {story.label}", "", f"{_articles(story)} · `{story.id}`", "", body]
    return "\n".join(parts).rstrip("\n") + "\n"


def _heading(story: Story) -> str:
    return f"{story.label} ({_articles(story)})"


def _articles(story: Story) -> str:
    count = len(story.documents)
    return f"{count} article{'s' if count != 1 else ''}: {', '.join(story.documents)}"

from __future__ import annotations

import json

from summarizer import Summarizer
from summarizer.io.render import render
from tests.builders import STORY


def test_text_is_one_sentence_per_line_and_nothing_else(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, sentences=3)

    assert render(summary, "text").splitlines() == [s.text for s in summary.sentences]


def test_json_is_the_whole_summary(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, sentences=3)

    assert json.loads(render(summary, "json")) == json.loads(json.dumps(summary.to_dict()))


def test_markdown_numbers_a_reference_for_each_source_span(fake_summarizer: Summarizer) -> None:
    summary = fake_summarizer(STORY, sentences=2)
    markdown = render(summary, "markdown")
    first = summary.sentences[0]

    assert markdown.startswith("# Summary\n")
    assert f"{first.text} [1" in markdown
    assert f"[1] `{first.document_id}`, characters {first.start}\u2013{first.end}" in markdown
    references = sum(1 + len(s.support) for s in summary.sentences)
    assert f"[{references}] `" in markdown and f"[{references + 1}] `" not in markdown

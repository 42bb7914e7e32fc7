"""The batch input line: parsed into a `Story`, or refused with a code and a fix."""

from __future__ import annotations

import pytest

from summarizer.batch.story import StoryLineError, parse_story
from tests.builders import STORY, story_line


def test_a_story_line_is_parsed_with_its_options() -> None:
    story = parse_story(story_line("s1", sentences=2, order="rank", seed=3), line=7)

    assert (story.id, story.line, story.sentences, story.order, story.seed) == ("s1", 7, 2, "rank", 3)
    assert [d.id for d in story.documents] == ["wire", "daily"] and story.documents[0].text == STORY[0].text

@pytest.mark.parametrize(("line", "code", "message"), [
    ("{not json", "invalid_json", "not valid JSON"),
    ("[1, 2]", "invalid_json", "a JSON list"),
    ('{"documents": []}', "invalid_story", '"id"'),
    ('{"id": "s"}', "invalid_story", 'no "documents"'),
    ('{"id": "s", "documents": "text"}', "invalid_story", "must be a list"),
    ('{"id": "s", "documents": [{"id": "a"}]}', "invalid_story", "document 1"),
    ('{"id": "s", "documents": [], "sentence": 3}', "invalid_story", "unknown field(s) 'sentence'"),
    ('{"id": "s", "documents": [], "sentences": "3"}', "invalid_option", '"sentences" must be an integer'),
    ('{"id": "s", "documents": [], "ratio": true}', "invalid_option", '"ratio" must be a number'),
])
def test_a_line_that_is_not_a_story_raises_an_error_with_a_code_and_a_fix(line: str, code: str, message: str) -> None:
    with pytest.raises(StoryLineError) as caught:
        parse_story(line, line=1)

    assert caught.value.code == code and message in str(caught.value)

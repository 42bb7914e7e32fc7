"""Finds an article's paragraphs: joins hard-wrapped lines, drops boilerplate, keeps original offsets.

Nothing is rewritten: a paragraph is a (start, end) span of the original text, so every later offset
still indexes the text as read. A hard-wrapped paragraph keeps its line breaks inside its span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOILERPLATE = re.compile(
    r"""^(?:
        source\ links? | leave\ a\ (?:comment|reply)\b.* | back\ to\ top(?:\ button)? |
        (?:skip\ )?advertisements? | sponsored(?:\ content)? | ad |
        share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ \w+)? | (?:tweet|email|print|comments?) |
        your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.* |
        \(?\s*(?:©|\(c\)|copyright\b).* | .*\ball\ rights\ reserved\b.* |
        .*\bthis\ material\ may\ not\ be\ published\b.* |
        .{0,80}\b(?:join|subscribe\ to|sign\ up\ (?:for|to))\b.{0,60}\bnewsletters?\b.{0,80} |
        (?:read\ more|related(?:\ (?:articles|stories|coverage))?|more\ from\ .{0,40}|click\ here\b.{0,60}) |
        follow\ us\ on\ .{0,60} | (?:photo|image|picture|video)s?(?:\ credits?)?\s*(?:by\b|:).{0,100}
    )[\s.:!]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption line ends with its credit: "… outside the Great Hall on Thursday. Photo by A. Name/EPA-EFE".
_CAPTION = re.compile(
    r"(?:^|[.!?”\"]\s+)(?:photo|image|picture)s?(?:\ credits?)?\s*(?:by\b|:)[^.!?]{1,100}$", re.IGNORECASE
)
# A line ends a sentence when it ends in . ! ? : or ; perhaps followed by closing quotes or brackets.
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_WRAP_MIN, _WRAP_MAX = 50, 110
# A front-matter block: "---" on the first line, "key: value" lines, "---"; at most 40 lines are looked at.
_FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)"
                           r"((?:[ \t]*(?:[A-Za-z_][\w-]*[ \t]*:[^\r\n]*)?(?:\r\n|\r|\n)){0,40}?)"
                           r"---[ \t]*(?:\r\n|\r|\n|\Z)")


@dataclass(frozen=True)
class Paragraph:
    """A span of the original text holding one paragraph (line breaks inside it are hard wraps)."""

    start: int
    end: int


@dataclass(frozen=True)
class CleanResult:
    """An article's paragraphs, and how many of its non-blank lines were dropped as boilerplate."""

    paragraphs: tuple[Paragraph, ...]
    dropped_lines: int


@dataclass(frozen=True)
class FrontMatter:
    """A front-matter block opening a text: where it ends (the article starts there) and its fields."""

    end: int
    fields: dict[str, str]


def front_matter(text: str) -> FrontMatter:
    """The "---"-delimited block of `key: value` lines that opens a text, if there is one (end 0 when not).

    Example:
        >>> front_matter("---\\ntitle: Putin in Beijing\\npublished: 2024-05-16\\n---\\nPutin arrived.")
        FrontMatter(end=54, fields={'title': 'Putin in Beijing', 'published': '2024-05-16'})
        >>> front_matter("Putin arrived.").end
        0
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter(0, {})
    fields = {}
    for line in match.group(1).splitlines():
        if line.strip():
            key, value = line.split(":", 1)
            fields[key.strip().lower()] = value.strip().strip("\"'").strip()
    return FrontMatter(match.end(), fields)


def is_boilerplate(text: str) -> bool:
    """Whether a line or sentence is page furniture rather than reporting.

    Example:
        >>> is_boilerplate("Leave a Comment"), is_boilerplate("Putin arrived in Beijing.")
        (True, False)
    """
    stripped = text.strip()
    return bool(_BOILERPLATE.match(stripped) or _CAPTION.search(stripped))


def find_paragraphs(text: str) -> CleanResult:
    """Split `text` into paragraphs, joining hard-wrapped lines and dropping boilerplate lines.

    A blank line always ends a paragraph. In a hard-wrapped file (several lines of similar width
    that stop mid-sentence), a line that stops mid-sentence continues into the next one; elsewhere
    every line is its own paragraph, so an unpunctuated headline never runs into the body. A front-matter block
    opening the text (`front_matter`) is metadata, not article text: it is skipped.

    Example:
        >>> text = "Putin arrived in Beijing on Thursday for a two-day state visit\\nto China.\\nSource link"
        >>> [text[p.start:p.end] for p in find_paragraphs(text).paragraphs]
        ['Putin arrived in Beijing on Thursday for a two-day state visit\\nto China.']
    """
    skip = front_matter(text).end
    lines = [(start, end) for start, end in _lines(text) if start >= skip]
    width = _wrap_width([text[s:e] for s, e in lines])
    paragraphs: list[Paragraph] = []
    dropped = 0
    open_start: int | None = None
    open_end = 0
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        stripped = line.strip()
        if not stripped or is_boilerplate(stripped):
            dropped += bool(stripped)
            if open_start is not None:
                paragraphs.append(Paragraph(open_start, open_end))
                open_start = None
            continue
        lead = len(line) - len(line.lstrip())
        if open_start is None:
            open_start = start + lead
        open_end = start + len(line.rstrip())
        following = text[lines[number + 1][0]:lines[number + 1][1]].strip() if number + 1 < len(lines) else ""
        if not _continues(stripped, following, width):
            paragraphs.append(Paragraph(open_start, open_end))
            open_start = None
    if open_start is not None:
        paragraphs.append(Paragraph(open_start, open_end))
    return CleanResult(paragraphs=tuple(paragraphs), dropped_lines=dropped)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line terminator (\\n, \\r\\n or \\r)."""
    return [(m.start(), m.start() + len(m.group(1))) for m in re.finditer(r"([^\r\n]*)(?:\r\n|\r|\n|$)", text)
            if m.group(0) or m.start() < len(text)]


def _wrap_width(lines: list[str]) -> int | None:
    """The width a file is hard-wrapped at, or None when it is not hard-wrapped."""
    widths = sorted(
        len(line.rstrip()) for line, nxt in zip(lines, lines[1:], strict=False)
        if nxt.strip() and _WRAP_MIN <= len(line.rstrip()) <= _WRAP_MAX and not _TERMINAL.search(line.rstrip())
    )
    return widths[len(widths) // 2] if len(widths) >= 3 else None


def _continues(line: str, following: str, width: int | None) -> bool:
    if not following or _TERMINAL.search(line):
        return False
    if following[0].islower():
        return True
    return width is not None and 0.6 * width <= len(line) <= width + 15

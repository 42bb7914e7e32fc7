"""Splits paragraphs into sentences with offsets, and marks which sentences may enter a summary.

Segmentation is BlingFire's (a compiled sentence breaker, fast enough to be free next to embedding,
that keeps "U.S.", "p.m.", "$2.5" and quotations intact). BlingFire mishandles titles such as "Mr."
and "Gen." ("She said. Mr. Biden left." stays one sentence, "Gen. Milley" is split), so the few
pieces holding a title are re-split with pySBD's rule set, which gets them right but is ~15x slower.
This module adds what news text needs around that: datelines, inline boilerplate, a body repeated
inside the same article, and the rules for what is not a summary sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import blingfire
import pysbd

from summarizer.stages.clean import Paragraph, is_boilerplate
from summarizer.stages.text import normalize
from summarizer.types import Sentence

#: Sentences shorter than this many words are fragments, never chosen.
MIN_WORDS = 6
#: Sentences longer than this many words (usually unpunctuated runs) are never chosen.
MAX_WORDS = 80

# A dateline: "Hong Kong (CNN) —", "BEIJING, January 26 (Xinhua) --", "LAUSANNE, Switzerland (AP) _",
# "COLUMBIA, S.C. _", "BEIJING —", or the bare "_" that opens some wire paragraphs.
_DATELINE = re.compile(
    r"""^(?:
        (?:[A-Z][\w.'’&-]*(?:[ ,]+[A-Za-z0-9][\w.'’-]*){0,5}\s*)?\([A-Z][\w .&/-]{0,30}\)\s*(?:[—–_-]{1,2}|:)
      | [A-Z][A-Z.'’&-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3}(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:[—–_]|--)
      | [A-Z][A-Z.'’&-]{2,}(?:[ ,]+[A-Z][A-Z.'’&-]+){0,3}\s+-
      | _
    )\s*(?=[A-Z0-9“"‘'`(])""",
    re.VERBOSE,
)
# A place in capitals and a colon opening an article ("ISLAMABAD: ...", "NEW DELHI: ..."): a dateline there, where
# further in, the same form is a label ("VOTING RULES: ..."), and an editors' note is never a place.
_PLACE_COLON = re.compile(r"^(?!.{0,30}\bNOTE\b)[A-Z][A-Z.'’&-]+(?:[ ,]+[A-Z][A-Z.'’&-]+){0,2}:\s*(?=[A-Z0-9“\"‘'`(])")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
_QUESTION = re.compile(r"\?[\"'”’)\]]*$")
_BARE_QUOTE = re.compile(r"^(?:[“\"‘']|``).*(?:[”\"’']|'')$", re.DOTALL)
# A sentence that opens a quotation it does not close: the quotation runs on into the next sentence, which says
# who is speaking ("``I don't think this is a matter of anger." or "“There is a great demand for cashew.").
_QUOTE_RUNS_ON = re.compile(r"^(?:``(?!.*'')|“(?!.*”)|\"(?!.*\"))", re.DOTALL)
# A photo caption that opens a page without its credit: the present tense of what the picture shows, dated to a
# past day ("Putin and Xi meet in Beijing's Great Hall of the People on May 16 during Putin's state visit").
# Only a document's first paragraph, when it is one sentence, is read this way: in an article's own text a dated
# event is told in the past tense.
# The verb follows a name ("Xi Jinping meet", "Putin (R) attends"), so a noun ("a two-day visit") or an infinitive
# ("to inspect") is not read as one.
_CAPTION_VERB = re.compile(
    r"\b[A-Z][\w'’.-]*(?: \([A-Z]\))? (?:meet|attend|arrive|greet|shake|walk|speak|wave|pose|review|sign|hold|"
    r"gesture|listen|look|stand|watch|leave|visit|talk|inspect|deliver|embrace|smile|salute|chat|toast)(?:e?s)?\b"
)
_DATED = re.compile(
    r"\bon (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2})\b"
)
# The quotation marks whose order tells whether a quotation is open: `` and “ open, '' and ” close, and a straight
# double quote turns the state over.
_QUOTE_MARK = re.compile(r"``|''|“|”|\"")
# A label before a colon that makes the sentence a row of a list or table, or an editors' note: "VOTING RULES: ...",
# "EDITOR'S NOTE: ...", "Eds: UPDATES ...", "Representation: ..." (capitals, or a capitalised word and maybe one more).
_LABEL = re.compile(r"^(?:[A-Z][A-Z'’.&-]+(?: [A-Z][A-Z'’.&-]+){0,2}|[A-Z][a-z]+(?:[ -][a-z]+)?):\s")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|added|according|asked|stated|noted|wrote|declared)\b", re.I)
_LINE_BREAKS = str.maketrans("\r\n", "  ")
# What only continues a sentence: a piece opening on it (after white space) was split off the one before.
_CONTINUES = re.compile(r"\s*[,;:)\]}]")
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Cmdr|Sen|Rep|Gov|Rev|Hon|Pres|Supt|Insp|St|Sr|Jr)"
_TITLE_INSIDE = re.compile(rf"\b{_TITLES}\.\s")
_TITLE_AT_END = re.compile(rf"\b{_TITLES}\.$")
_PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=True)


@dataclass(frozen=True)
class SplitResult:
    """A document's kept sentences in order, and how many repeats and boilerplate sentences were dropped."""

    sentences: tuple[Sentence, ...]
    repeated: int
    boilerplate: int


def split_sentences(document_id: str, text: str, paragraphs: tuple[Paragraph, ...]) -> SplitResult:
    """Sentences of one document, each `text[start:end]` verbatim, with candidates marked.

    When the same sentence occurs twice in one article (a body pasted twice), the copy with the
    fewest hard line breaks is kept and the other dropped: within one article a repeat is not support.

    Example:
        >>> from summarizer.stages.clean import find_paragraphs
        >>> text = "WASHINGTON (AP) — The U.S. economy grew 2.5% last year, Dr. Smith said."
        >>> [s.text for s in split_sentences("ap", text, find_paragraphs(text).paragraphs).sentences]
        ['The U.S. economy grew 2.5% last year, Dr. Smith said.']
    """
    # (start, end, the reason known from the sentence's place, whether it opens inside a quotation)
    spans: list[tuple[int, int, str, bool]] = []
    boilerplate = 0
    opening = True  # no sentence yet but headlines: where a dateline or a caption opens the article
    for paragraph in paragraphs:
        inside = False
        chunk = text[paragraph.start:paragraph.end].translate(_LINE_BREAKS)
        pieces = _segment(chunk)
        for a, b in pieces:
            start, end = _trim(chunk, a, b)
            start += _dateline_length(chunk[start:end], first=opening)
            piece = chunk[start:end]
            if not piece or is_boilerplate(piece):
                boilerplate += bool(piece)
                continue
            placed = ""
            if len(pieces) == 1 and not _ENDS_SENTENCE.search(piece):
                placed = "headline"
            elif opening and len(pieces) == 1 and len(paragraphs) > 1 and _is_caption(piece):
                placed = "caption"
            quoted = inside and not piece.startswith(("``", "“", '"'))
            spans.append((paragraph.start + start, paragraph.start + end, placed, quoted))
            inside = _quotation_open_after(piece, inside)
            opening = opening and placed == "headline"

    best: dict[str, tuple[int, int]] = {}
    for i, (start, end, _, _) in enumerate(spans):
        key = normalize(text[start:end])
        breaks = text.count("\n", start, end)
        if key not in best or breaks < best[key][0]:
            best[key] = (breaks, i)
    kept_indices = sorted(i for _, i in best.values())
    sentences = []
    for position, i in enumerate(kept_indices):
        start, end, placed, quoted = spans[i]
        sentence_text = text[start:end]
        reason = placed or _not_candidate_reason(sentence_text, quoted)
        sentences.append(Sentence(document_id, position, start, end, sentence_text, not reason, reason))
    return SplitResult(tuple(sentences), repeated=len(spans) - len(kept_indices), boilerplate=boilerplate)


def _segment(chunk: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph (no line breaks in it): BlingFire, with titles fixed by pySBD."""
    _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
    merged: list[tuple[int, int]] = []
    for a, b in offsets:
        if merged and _TITLE_AT_END.search(chunk[merged[-1][0]:merged[-1][1]]):
            merged[-1] = (merged[-1][0], b)  # "Gen." | "Milley left." belong together
        else:
            merged.append((a, b))
    spans: list[tuple[int, int]] = []
    for a, b in merged:
        pieces = ([(a + span.start, a + span.end) for span in _PYSBD.segment(chunk[a:b])]
                  if _TITLE_INSIDE.search(chunk, a, b) else [(a, b)])
        for piece in pieces:
            if spans and _CONTINUES.match(chunk, piece[0]):
                # No sentence opens on ", " or "; ": the break before it was wrong ("Sen. Gordon Smith, R-Ore.
                # | , will announce", "Santa Rosa, Calif. | ; Craig"), so the piece goes back to its sentence.
                spans[-1] = (spans[-1][0], piece[1])
            else:
                spans.append(piece)
    return [(a, b) for a, b in spans if chunk[a:b].strip()]


def _trim(chunk: str, a: int, b: int) -> tuple[int, int]:
    while a < b and chunk[a].isspace():
        a += 1
    while b > a and chunk[b - 1].isspace():
        b -= 1
    return a, b


def _dateline_length(sentence: str, *, first: bool = False) -> int:
    match = _DATELINE.match(sentence) or (_PLACE_COLON.match(sentence) if first else None)
    return match.end() if match and len(sentence) - match.end() > 20 else 0


def _is_caption(sentence: str) -> bool:
    return bool(_CAPTION_VERB.search(sentence) and _DATED.search(sentence))


def _quotation_open_after(piece: str, inside: bool) -> bool:
    """Whether a quotation is still open after `piece`, given whether one was open before it."""
    for mark in _QUOTE_MARK.findall(piece):
        inside = not inside if mark == '"' else mark in ("``", "“")
    return inside


def _not_candidate_reason(text: str, inside_quotation: bool = False) -> str:
    """Why `text` may not enter a summary ("" when it may).

    `inside_quotation`: the sentence opens inside a quotation begun by an earlier sentence of its paragraph
    (``We tried. | It will work.'' | ...), so it gives someone's words as if they were the article's own.
    """
    words = len(text.split())
    if words < MIN_WORDS:
        return "fragment"
    if words > MAX_WORDS:
        return "too long"
    first = text.lstrip("“\"‘'(")[:1]
    if first.islower() or _CONTINUES.match(text):
        return "fragment"
    if not _ENDS_SENTENCE.search(text):
        return "fragment"
    if _QUESTION.search(text):
        return "question"
    if _LABEL.match(text) and not _ATTRIBUTION.search(text.partition(":")[0]):
        return "label"
    quote = inside_quotation or _BARE_QUOTE.match(text) or _QUOTE_RUNS_ON.match(text)
    if quote and not _ATTRIBUTION.search(text):
        return "quote"
    return ""

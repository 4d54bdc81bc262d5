"""Where a Word comment about a finding is anchored, in text coordinates.

A finding that covers characters is anchored on exactly those characters. A
finding about something missing (its check kind reports absence) or one that
covers no character is anchored on the whole text of a heading or the title,
where a reviewer looks for it: the heading on its own line if that line is
one, else the nearest heading before it, else the title, else the first line
with text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import Heading
from lzlint.outputs.spans import Piece, pieces

# A title is a short line before the first heading that names a 报告 (often
# letter-spaced, 报  告, and sometimes wrapped over two lines).
_TITLE_WORD = re.compile(r"报[\s\u3000]*告")
TITLE_MAX_LENGTH = 60


def title_line(lines: Sequence[str], headings: Sequence[Heading]) -> int | None:
    """The 1-based line of the report's title, or None when it has none."""
    body_start = next((h.line for h in headings if not h.preamble), len(lines) + 1)
    for number in range(1, min(body_start, len(lines) + 1)):
        text = lines[number - 1].strip()
        if text and len(text) <= TITLE_MAX_LENGTH and _TITLE_WORD.search(text):
            return number
    return None


def _whole_line(lines: Sequence[str], number: int) -> Piece:
    text = lines[number - 1]
    indent = len(text) - len(text.lstrip())
    return Piece(number, indent, len(text))


def _landmark(d: Diagnostic, lines: Sequence[str], headings: Sequence[Heading]) -> int | None:
    """The heading or title line a finding about something missing belongs to."""
    heading_lines = [h.line for h in headings if not h.preamble]
    title = title_line(lines, headings)
    if d.line in heading_lines or d.line == title:
        return d.line
    before = [line for line in heading_lines if line < d.line]
    if before:
        return before[-1]
    if title is not None:
        return title
    return next((n for n, text in enumerate(lines, start=1) if text.strip()), None)


def comment_range(
    d: Diagnostic, lines: Sequence[str], headings: Sequence[Heading], *, reports_absence: bool
) -> tuple[Piece, ...]:
    """The pieces of text a comment on `d` spans: non-empty, except in a document without text."""
    if not reports_absence:
        covered = pieces(d, lines)
        if covered:
            return covered
    line = _landmark(d, lines, headings)
    if line is None:
        return (Piece(1, 0, 0),)
    return (_whole_line(lines, line),)

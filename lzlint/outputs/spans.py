"""Where a finding lies in the text, line by line, for output that marks text in place.

A Diagnostic gives a start and an end position (1-based, end exclusive,
columns in code points) that may cross lines or run past a line's end. The
HTML report and the Word comments both need the same thing from it: the
characters it covers on each line, and how a line splits into pieces where
findings begin and end, so that overlapping findings all keep their own range.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from lzlint.diagnostic import Diagnostic

# C0 controls and DEL are invalid in XML 1.0 and invisible in a browser; the
# Unicode control pictures (␀ … ␟, ␡) show them one for one, so columns hold.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if chr(c) != "\t"} | {0x7F: 0x2421}


@dataclass(frozen=True)
class Piece:
    """The characters a finding covers on one line: 0-based, end exclusive."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """A stretch of one line covered by the same findings (keys), maybe none."""

    start: int
    end: int
    keys: frozenset[int]


def pieces(d: Diagnostic, lines: Sequence[str]) -> tuple[Piece, ...]:
    """The finding's characters on each line it covers, clipped to the text.

    Empty when it covers no character: a finding on an empty line, past the
    end of a line, or about something missing at a line with no text.
    """
    found: list[Piece] = []
    for number in range(max(d.line, 1), min(d.end_line, len(lines)) + 1):
        text = lines[number - 1]
        start = d.column - 1 if number == d.line else 0
        end = d.end_column - 1 if number == d.end_line else len(text)
        start, end = max(start, 0), min(end, len(text))
        if start < end:
            found.append(Piece(number, start, end))
    return tuple(found)


def point(d: Diagnostic, lines: Sequence[str]) -> Piece:
    """An empty piece where a finding that covers no character is shown."""
    if not lines:
        return Piece(1, 0, 0)
    line = min(max(d.line, 1), len(lines))
    column = min(max(d.column - 1, 0), len(lines[line - 1]))
    return Piece(line, column, column)


def segments(length: int, keyed: Iterable[tuple[int, Piece]]) -> list[Segment]:
    """Split a line of `length` characters at every start and end of the keyed pieces.

    The segments cover the whole line in order; each carries the keys of the
    pieces that cover it, so a character under two findings is in both.
    """
    keyed = list(keyed)
    cuts = sorted({0, length} | {p.start for _, p in keyed} | {p.end for _, p in keyed})
    found: list[Segment] = []
    for start, end in pairwise(cuts):
        keys = frozenset(k for k, p in keyed if p.start <= start and end <= p.end)
        found.append(Segment(start, end, keys))
    return found


def visible(text: str) -> str:
    """`text` with control characters replaced by their visible pictures, one for one."""
    return text.translate(_CONTROL_PICTURES)

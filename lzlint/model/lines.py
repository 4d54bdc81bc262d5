"""A text's lines, as every position of lzlint counts them (CRLF, CR and LF each end one)."""

from __future__ import annotations

import re

from lzlint.model.lazy_tuple import LazyTuple

_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines without their ends; a final line end does not open an empty line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return tuple(lines)


class Lines(LazyTuple[str]):
    """split_lines(text), split when first read.

    A folder re-run from the cache prints each file's rendered findings and
    never looks at its lines; splitting 10 MB of text would be most of its work.
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def _make(self) -> tuple[str, ...]:
        return split_lines(self._text)

    def __reduce__(self) -> tuple[type[Lines], tuple[str]]:
        # Sent between processes as the text alone, not text and lines.
        return Lines, (self._text,)

"""A text's lines, as every position of lzlint counts them (CRLF, CR and LF each end one)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, overload

_NEWLINE = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines without their ends; a final line end does not open an empty line."""
    lines = _NEWLINE.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return tuple(lines)


class Lines(Sequence[str]):
    """split_lines(text), split when first read.

    A folder re-run from the cache prints each file's rendered findings and
    never looks at its lines; splitting 10 MB of text would be most of its work.
    """

    __slots__ = ("_text", "_lines")

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: tuple[str, ...] | None = None

    def _all(self) -> tuple[str, ...]:
        if self._lines is None:
            self._lines = split_lines(self._text)
        return self._lines

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return self._all()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, (Lines, tuple)):
            return self._all() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Lines], tuple[str]]:
        # Sent between processes as the text alone, not text and lines.
        return Lines, (self._text,)

    def __repr__(self) -> str:
        return f"Lines({self._all()!r})"

"""How a position is written in human-readable output: `12:5`, or `¶12:5` in a .docx."""

from __future__ import annotations

PARAGRAPH_MARK = "¶"


def location(line: int, column: int, unit: str) -> str:
    """`line:column`; a paragraph number is marked with ¶ so nobody looks for line 12."""
    mark = PARAGRAPH_MARK if unit == "paragraph" else ""
    return f"{mark}{line}:{column}"

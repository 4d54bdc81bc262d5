"""How a position is written in human-readable output: `12:5`, or `¶12:5` in a .docx."""

from __future__ import annotations

PARAGRAPH_MARK = "¶"


def location(line: int, column: int, unit: str) -> str:
    """`line:column`; a paragraph number is marked with ¶ so nobody looks for line 12."""
    mark = PARAGRAPH_MARK if unit == "paragraph" else ""
    return f"{mark}{line}:{column}"


# C0 and C1 controls and DEL: a newline in a file name would forge a finding
# line, an ESC sequence would write to the terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_CONTROLS |= {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def printable(text: str) -> str:
    """`text` (a path, a one-line message naming one) with control characters escaped as \\n, \\x1b…"""
    return text.translate(_CONTROLS) if not text.isprintable() else text

"""Source: the decoded text of one input and what is needed to map it back.

`text` keeps line ends exactly as in the file. For a text file the Source
also knows its codec and byte-order mark, so that `encode(text)` gives back
the original bytes (what a later `--fix` needs to write a file byte-exactly).
A Word document's lines are its paragraphs; it is never written back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lzlint.errors import LzlintError
from lzlint.locale import _

PositionUnit = Literal["line", "paragraph"]
SourceKind = Literal["text", "docx"]

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceProblem:
    """Something in the input that reading could not represent faithfully.

    `line` and `column` are 1-based, like a finding's position.
    """

    line: int
    column: int
    detail: str
    # What sort of problem; a `source_problem` rule reports one sort.
    kind: str = "unresolved-auto-numbering"


@dataclass(frozen=True)
class Source:
    """Decoded text of one input, line ends kept exactly as in the file."""

    path: str
    text: str
    encoding: str  # a Python codec name; "docx" for a Word document
    bom: bytes = b""
    kind: SourceKind = "text"
    position_unit: PositionUnit = "line"
    # How the encoding was chosen: "BOM", "UTF-8", "charset-normalizer", "--encoding".
    detected_by: str = ""
    problems: tuple[SourceProblem, ...] = ()
    # Whether encode(text) gives back the file. Always so for the encodings
    # lzlint detects; a codec named with --encoding may map two byte
    # sequences to one character (Big5 does), and then a fix must not write.
    byte_exact: bool = True

    def encode(self, text: str) -> bytes:
        """`text` in this file's encoding, with its BOM: encode(self.text) is the file.

        Word documents are never written back; asking is a programming error
        reported as LzlintError so that it cannot silently corrupt a .docx.
        """
        if self.kind != "text":
            raise LzlintError(_("{path}: a {kind} file is never written back").format(path=self.path, kind=self.kind))
        return self.bom + text.encode(self.encoding)

    @property
    def line_endings(self) -> str:
        """LF, CRLF, CR, mixed, or none (a single line)."""
        found = {m.group() for m in _LINE_END.finditer(self.text)}
        if not found:
            return "none"
        if len(found) > 1:
            return "mixed"
        return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[found.pop()]

    def describe(self) -> str:
        """One line about how the input was read, for --verbose."""
        if self.kind == "docx":
            how = "" if self.detected_by == "python-docx" else f", {_(self.detected_by)}"
            return _("Word document (.docx{how}); positions are ¶paragraph:character").format(how=how)
        name = self.encoding.upper().replace("_", "-")
        bom = _(" with BOM") if self.bom else ""
        how = _(" ({how})").format(how=_(self.detected_by)) if self.detected_by else ""
        inexact = "" if self.byte_exact else _("; re-encoding would not reproduce the file byte for byte")
        return _("text, encoding {name}{bom}{how}, line endings {endings}{inexact}").format(name=name, bom=bom, how=how, endings=self.line_endings, inexact=inexact)

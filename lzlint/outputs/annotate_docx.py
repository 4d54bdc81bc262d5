"""Comments added to a copy of a Word input, on the runs that hold each finding's characters.

The copy is the input opened again from its file and saved under the new
name: styles, numbering, tables, headers, footers, images and comments
already there are kept as they are. The only changes are the comments and
the runs split where a comment starts or ends inside one; both halves of a
split run keep its properties (w:rPr), so the text looks as before.

A finding's line is a paragraph in body order (table cells included, as
lzlint.sources.docx reads them) and its columns count the code points of the
paragraph text as the reader sees it: Word's automatic number first, then
the text of the runs (lzlint.sources.docx.paragraph_runs). The
automatic number is drawn by Word from the numbering definitions and has no
run, so no comment can cover it: a finding that lies wholly inside the
number is anchored on the whole text of its paragraph (the heading the
number belongs to), and one that runs on from the number into the text is
anchored on its part in the text. A paragraph without any text gets an empty
run to carry the comment. Findings about something missing go on the title
or the nearest heading (lzlint.outputs.anchor).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.model.outline import Heading
from lzlint.outputs.anchor import comment_range
from lzlint.outputs.spans import Piece
from lzlint.outputs.word_comments import add_comment, save_document
from lzlint.sources.docx import body_paragraphs, paragraph_runs, paragraph_text
from lzlint.sources.numbering import Element, W

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult

# The run children python-docx counts as text (CT_R.text), as the reader does.
_TEXT_TAGS = frozenset(W + name for name in ("t", "tab", "br", "cr", "noBreakHyphen", "ptab"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class _Anchor:
    """Where a comment starts and ends: 0-based paragraph index and offset in its run text."""

    first: int
    start: int
    last: int
    end: int


def _length(child: Element) -> int:
    return len(str(child)) if child.tag in _TEXT_TAGS else 0


def _split(r: Element, at: int) -> None:
    """Cut run `r` after `at` characters; the rest goes into a copy of it placed right after it."""
    rest = copy.deepcopy(r)
    position = 0
    for kept, moved in zip(list(r), list(rest)):
        if kept.tag == W + "rPr":
            continue
        n = _length(kept)
        if position + n <= at and (n > 0 or position < at):
            rest.remove(moved)
        elif position >= at:
            r.remove(kept)
        else:  # a w:t that straddles the cut
            text = kept.text or ""
            kept.text, moved.text = text[: at - position], text[at - position :]
            kept.set(_XML_SPACE, "preserve")
            moved.set(_XML_SPACE, "preserve")
        position += n
    r.addnext(rest)


def _spans(p: Element) -> list[tuple[int, int, Element]]:
    """(start, end, run) of every run with text, offsets in the paragraph's run text."""
    found: list[tuple[int, int, Element]] = []
    position = 0
    for r in paragraph_runs(p):
        n = sum(_length(child) for child in r)
        if n:
            found.append((position, position + n, r))
        position += n
    return found


def _cut(p: Element, offsets: Collection[int]) -> list[tuple[int, int, Element]]:
    """Split the paragraph's runs so that a run starts or ends at each offset; its spans after."""
    for offset in sorted(offsets):
        for start, end, r in _spans(p):
            if start < offset < end:
                _split(r, offset - start)
                break
    return _spans(p)


def _anchor(found: Sequence[Piece], numbers: Sequence[int], lengths: Sequence[int]) -> _Anchor:
    """A comment range in text coordinates moved into run text, past the automatic numbers."""

    def clip(piece: Piece) -> tuple[int, int]:
        i = piece.line - 1
        start, end = max(piece.start - numbers[i], 0), min(piece.end - numbers[i], lengths[i])
        if end <= start:  # all inside the automatic number, or a paragraph without text
            return 0, lengths[i]
        return start, end

    (start, _), (_, end) = clip(found[0]), clip(found[-1])
    return _Anchor(found[0].line - 1, start, found[-1].line - 1, end)


def _open_copy(result: FileResult) -> tuple[Any, list[Element], list[int]]:
    """The input opened again, its paragraphs, and the length of each one's automatic number."""
    import docx

    try:
        data = _docx_bytes(Path(result.path))
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - it was read a moment ago; anything now means it changed
        raise LzlintError(_("{path}: cannot be read again to annotate it: {exc}").format(path=result.path, exc=exc)) from None
    paragraphs = list(body_paragraphs(document.element.body))
    if not paragraphs:  # an empty body reads as one empty line; give it its paragraph
        paragraphs = [document.add_paragraph()._p]
    texts = [paragraph_text(p) for p in paragraphs]
    lines = result.lines or ("",)
    if len(texts) != len(lines) or not all(line.endswith(text) for line, text in zip(lines, texts)):
        raise LzlintError(_("{path}: changed while it was being checked; run lzlint again").format(path=result.path))
    return document, paragraphs, [len(line) - len(text) for line, text in zip(lines, texts)]


def _docx_bytes(path: Path) -> bytes:
    """The .docx the findings are about: the file, or what LibreOffice makes of a .doc or .wps."""
    from lzlint.sources.office import convert_to_docx, find_soffice, needs_conversion

    soffice = find_soffice() if needs_conversion(path) else None
    if soffice is None:
        return path.read_bytes()
    # Converted again rather than kept from reading: a folder's worth of .docx bytes would fill memory.
    return convert_to_docx(path, soffice)


def annotate_docx(
    result: FileResult, headings: Sequence[Heading], absence_codes: Collection[str], out: Path
) -> int:
    """Write `out`: a copy of the .docx `result` was read from, with a comment per finding; returns the count."""
    from docx.text.run import Run

    document, paragraphs, numbers = _open_copy(result)
    lines = result.lines or ("",)
    lengths = [len(line) - n for line, n in zip(lines, numbers)]
    anchors = [
        _anchor(comment_range(d, lines, headings, reports_absence=d.code in absence_codes), numbers, lengths)
        for d in result.diagnostics
    ]
    cuts: dict[int, set[int]] = {}
    for a in anchors:
        cuts.setdefault(a.first, set()).add(a.start)
        cuts.setdefault(a.last, set()).add(a.end)
    spans = {i: _cut(paragraphs[i], offsets) for i, offsets in cuts.items()}
    for i in [i for i in spans if not spans[i]]:
        empty = paragraphs[i].add_r()  # nothing to span: an empty run holds the comment
        spans[i] = [(0, 0, empty)]
    for d, a in zip(result.diagnostics, anchors):
        first = next(r for start, end, r in spans[a.first] if start == a.start or not lengths[a.first])
        last = [r for start, end, r in spans[a.last] if end == a.end or not lengths[a.last]][-1]
        add_comment(document, Run(first, document.part), Run(last, document.part), d)
    save_document(document, out)
    return len(anchors)

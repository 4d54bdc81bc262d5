"""Reading .docx drafts with python-docx: each paragraph one line, in document order.

Body paragraphs and the paragraphs inside table cells (row by row, cell by
cell, nested tables included) and content controls are read in the order they
appear, each with all the text Word shows in it (paragraph_runs). Headers,
footers, footnotes, comments and text boxes are not part of the report body
and are not read.

Positions in a .docx are ¶paragraph:character: the line number of a finding
is the paragraph number, its column the character offset in the paragraph
text as the reader sees it, automatic number included.

python-docx is imported here only, so runs over text files never load it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.sources.binary import binary_kind
from lzlint.sources.numbering import Element, Numbering, W
from lzlint.sources.source import Source, SourceProblem

# Word's own character for a manual line break inside a paragraph (Shift+Enter)
# is the vertical tab; it keeps the paragraph one line with columns unchanged.
MANUAL_BREAK = "\v"


# Where the runs of a paragraph stop being its own text: a nested paragraph
# (a text box), deleted text of tracked changes, and the fallback copy of
# markup-compatible content, which repeats its first choice.
_NOT_SHOWN = frozenset(
    {W + "p", W + "del", W + "moveFrom", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
)


def paragraph_runs(p: Element) -> list[Element]:
    """The runs whose text Word shows as paragraph `p`, in order.

    Besides its own runs and hyperlinks': runs of tracked insertions, inline
    content controls (a date picker), simple fields (their result) and smart
    tags (older Chinese Word files wrap dates in them); not deleted text, nor
    the paragraphs of a text box inside it.
    """
    runs = []
    for r in p.iter(W + "r"):
        holder = r.getparent()
        while holder is not None and holder.tag not in _NOT_SHOWN:
            holder = holder.getparent()
        if holder is p:
            runs.append(r)
    return runs


def paragraph_text(p: Element) -> str:
    """The text of paragraph `p` as lzlint reads it (without its automatic number)."""
    text = "".join(r.text for r in paragraph_runs(p))
    return text.replace("\r", MANUAL_BREAK).replace("\n", MANUAL_BREAK)


def body_paragraphs(container: Element) -> Iterator[Element]:
    """Paragraph elements of a body, cell or content control, in document order: one per line."""
    for child in container.iterchildren():
        if child.tag == W + "p":
            yield child
        elif child.tag == W + "tbl":
            yield from _table(child)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from body_paragraphs(content)


def _table(table: Element) -> Iterator[Element]:
    # Rows and cells may themselves be wrapped in content controls.
    for row in table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
        for cell in row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            yield from body_paragraphs(cell)


def _part_element(document: Any, relationship: str) -> Element | None:
    """The XML root of a related part, or None when the document has none."""
    try:
        return document.part.part_related_by(relationship).element
    except (KeyError, AttributeError):
        return None


# The most a .docx may unpack to (all parts together). A 300-page report with
# pictures unpacks to tens of megabytes; a planted 1 MB file whose
# document.xml inflates to 1 GB took 2 GB of memory. zipfile stops each part
# at its declared size, so the declared sizes are what is checked.
MAX_UNPACKED_BYTES = 256 << 20


def _refuse_zip_bomb(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx says what is wrong with it
    if unpacked > MAX_UNPACKED_BYTES:
        raise LzlintError(
            _("{path}: unpacks to {size:.0f} MB, more than lzlint reads ({limit} MB); save it again in Word, without embedded files").format(
                path=path, size=unpacked / 2**20, limit=MAX_UNPACKED_BYTES >> 20
            )
        )


def _open(data: bytes, path: str) -> Any:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    kind = binary_kind(data)
    if kind is not None and not kind.startswith(("a ZIP archive", "a Word document")):
        raise LzlintError(_("{path}: not a .docx file: {kind}").format(path=path, kind=_(kind)))
    _refuse_zip_bomb(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types on damaged files
        reason = type(exc).__name__ if not str(exc) else f"{type(exc).__name__}: {str(exc)[:120]}"
        raise LzlintError(_("{path}: not a readable .docx ({reason}); open and save it again in Word").format(path=path, reason=reason)) from None
    numbering = Numbering.from_parts(
        _part_element(document, RELATIONSHIP_TYPE.NUMBERING),
        _part_element(document, RELATIONSHIP_TYPE.STYLES),
    )
    return body, numbering


def read_docx(data: bytes, path: str) -> Source:
    """The paragraphs of a .docx as a Source whose lines are paragraphs."""
    body, numbering = _open(data, path)
    lines: list[str] = []
    problems: list[SourceProblem] = []
    for number, p in enumerate(body_paragraphs(body), start=1):
        text = paragraph_text(p)
        auto = numbering.paragraph_numbering(p)
        if auto is not None:
            label, problem = numbering.render(*auto)
            if problem is not None:
                problems.append(SourceProblem(number, 1, problem))
            # The tab or space Word puts after the number (w:suff) is layout, not text.
            text = label + text
        lines.append(text)
    text = "".join(line + "\n" for line in lines)
    return Source(path, text, "docx", kind="docx", position_unit="paragraph", detected_by="python-docx", problems=tuple(problems))

"""Word copies of the inputs with one comment (批注) per finding.

A .docx input gets a copy of itself with the comments added
(lzlint.outputs.annotate_docx). A text input becomes a new .docx with one paragraph
per line; its runs are split wherever a comment starts or ends, so each
comment spans exactly the characters it is about, even when comments
overlap. python-docx is imported only when annotating.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.model.layout import cover_letter_end
from lzlint.model.outline import Heading, build_outline
from lzlint.outputs.anchor import comment_range
from lzlint.outputs.output_file import refuse_overwriting_inputs
from lzlint.outputs.spans import Piece, segments, visible
from lzlint.outputs.word_comments import add_comment, save_document

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult

# 宋体 is on every Chinese Windows and Word maps it on macOS; without an East
# Asian font Word may pick a Latin one and show the text in a fallback.
EAST_ASIAN_FONT = "宋体"


def _new_document() -> Any:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.shared import Mm
    except ImportError:
        raise LzlintError(_("annotating needs python-docx; install it with: pip install 'python-docx>=1.2'")) from None
    document = docx.Document()
    fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    # python-docx's template is US Letter; 公文 are printed on A4 (GB/T 9704).
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    return document


def annotate_text(
    result: FileResult, headings: Sequence[Heading], absence_codes: Collection[str], out: Path
) -> int:
    """Write `out`: the text of `result` as a .docx with a comment per finding; returns the comment count."""
    lines = result.lines or ("",)
    ranges = [
        comment_range(d, lines, headings, reports_absence=d.code in absence_codes) for d in result.diagnostics
    ]
    per_line: dict[int, list[tuple[int, Piece]]] = {}
    for index, found in enumerate(ranges):
        for piece in found:
            per_line.setdefault(piece.line, []).append((index, piece))
    document = _new_document()
    run_from: dict[tuple[int, int], Any] = {}  # (line, start column) -> run that starts there
    run_to: dict[tuple[int, int], Any] = {}  # (line, end column) -> run that ends there
    for number, text in enumerate(lines, start=1):
        paragraph = document.add_paragraph()
        keyed = per_line.get(number, [])
        if any(p.start == p.end for _, p in keyed):
            # Only a document without text gets an empty anchor: an empty run carries it.
            run_from[(number, 0)] = run_to[(number, 0)] = paragraph.add_run("")
        for seg in segments(len(text), keyed):
            run = paragraph.add_run(visible(text[seg.start : seg.end]))
            run_from[(number, seg.start)] = run
            run_to[(number, seg.end)] = run
    for d, found in zip(result.diagnostics, ranges):
        first, last = found[0], found[-1]
        add_comment(document, run_from[(first.line, first.start)], run_to[(last.line, last.end)], d)
    save_document(document, out)
    return len(ranges)


def plan_outputs(inputs: Sequence[Path | str], annotate: Path | None, annotate_dir: Path | None) -> dict[Path | str, Path]:
    """Which .docx each input is annotated to; refuses what would be ambiguous or overwrite an input."""
    if annotate is None and annotate_dir is None:
        return {}
    if annotate is not None and annotate_dir is not None:
        raise LzlintError(_("--annotate and --annotate-dir cannot be used together"))
    plan: dict[Path | str, Path] = {}
    if annotate is not None:
        if len(inputs) != 1:
            raise LzlintError(_("--annotate writes one file but {count} inputs were given; use --annotate-dir DIR").format(count=len(inputs)))
        if annotate.suffix.lower() != ".docx":
            raise LzlintError(_("--annotate: {annotate} must end in .docx").format(annotate=annotate))
        plan[inputs[0]] = annotate
    else:
        assert annotate_dir is not None
        if "-" in inputs:
            raise LzlintError(_("--annotate-dir cannot name the copy of standard input; use --annotate FILE"))
        files = [Path(p).absolute() for p in inputs]
        root = Path(os.path.commonpath([f.parent for f in files])) if files else Path.cwd()
        taken: dict[Path, Path | str] = {}
        for source, absolute in zip(inputs, files):
            out = annotate_dir / absolute.relative_to(root).with_suffix(".docx")
            if out in taken:
                raise LzlintError(_("{value} and {source} would both be annotated to {out}").format(value=taken[out], source=source, out=out))
            taken[out] = source
            plan[source] = out
    refuse_overwriting_inputs(inputs, plan.values())
    return plan


def write_annotations(
    results: Sequence[FileResult],
    plan: dict[Path | str, Path],
    preamble_cues: tuple[str, ...],
    absence_codes: Collection[str],
) -> list[Path]:
    """Write the planned copy of every input that was linted (inputs that failed to read get none); returns the copies."""
    outputs = {str(source): out for source, out in plan.items()}
    written: list[Path] = []
    for result in results:
        out = outputs.get(result.path)
        if out is not None and result.error is None:
            headings = build_outline(result.lines, preamble_cues, cover_letter_end(result.lines))
            if result.position_unit == "paragraph":
                from lzlint.outputs.annotate_docx import (
                    annotate_docx,  # python-docx: only when annotating Word drafts
                )

                annotate_docx(result, headings, absence_codes, out)
            else:
                annotate_text(result, headings, absence_codes, out)
            written.append(out)
    return written

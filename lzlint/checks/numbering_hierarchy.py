"""Check kind `numbering_hierarchy`: a level in a form GB/T 9704 does not allow there, and a numbered preamble."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.checks.numbering_repair import level_name, repair_fix
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import STYLE_EXAMPLES

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.model.repaired_outline import MarkerRepair
    from lzlint.ruleset.rules import Rule


def _advice(doc: Document, repair: MarkerRepair) -> tuple[str, str, str]:
    """(level, expected, advice) of the message."""
    if repair.kind == "preamble":
        return "导语", "不编号", "导语（开头段落）不应编号，请删去序号，从“一、”开始编排正文标题"
    heading = repair.heading
    level = doc.repaired_outline.levels[heading.depth]
    gb = STYLE_EXAMPLES[level.style]
    if heading.depth == 0:
        return level_name(0), gb, f"GB/T 9704 规定第一级标题用“{gb}”，请把这一级统一改为“一、”“二、”“三、”……"
    parent = doc.repaired_outline.levels[heading.depth - 1]
    above = STYLE_EXAMPLES[parent.style]
    advice = f"GB/T 9704 的层次依次为“一、”“（一）”“1.”“（1）”，“{STYLE_EXAMPLES[level.prevailing]}”不能用在“{above}”之下，这一级请统一改为“{gb}”"
    return level_name(heading.depth), gb, advice


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for repair in doc.repaired_outline.of_kind("level", "preamble"):
        heading = repair.heading
        level, expected, advice = _advice(doc, repair)
        yield rule.diagnostic(
            doc.path, heading.line, heading.marker_start, heading.marker_end,
            fix=repair_fix(doc, repair),
            found=heading.marker, level=level, expected=expected, advice=advice,
        )


KIND = CheckKind(
    name="numbering_hierarchy",
    run=run,
    doc="Reports, once per level, a top level not in 一、 form or a level in a form GB/T 9704 places above its parent's; and a numbered preamble.",
    fields=frozenset({"found", "level", "expected", "advice"}),
    fixable=lambda params: True,
)

"""Check kind `numbering_hierarchy`: a depth numbered in a style GB/T 9704 gives another depth."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.checks.numbering_style import level_name
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import GB_STYLES, STYLE_EXAMPLES, expected_styles

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

# GB/T 9704 writes the third level 1. ; 1、 is common and accepted there.
ACCEPTED = {(2, "arabic_dun")}


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    expected = expected_styles(doc.headings)
    reported: set[int] = set()
    for heading in doc.headings:
        if heading.preamble:
            yield rule.diagnostic(
                doc.path, heading.line, heading.marker_start, heading.marker_end,
                found=heading.marker, level="导语", expected="不编号",
                advice="导语（开头段落）不应编号，请删去序号，从“一、”开始编排正文标题",
            )
            continue
        depth = heading.depth
        style = expected[depth]
        if depth in reported or depth >= len(GB_STYLES) or heading.style != style:
            continue
        if style == GB_STYLES[depth] or (depth, style) in ACCEPTED:
            continue
        reported.add(depth)
        gb = STYLE_EXAMPLES[GB_STYLES[depth]]
        yield rule.diagnostic(
            doc.path, heading.line, heading.marker_start, heading.marker_end,
            found=heading.marker, level=level_name(depth), expected=gb,
            advice=f"GB/T 9704 规定第{level_name(depth)}级标题用“{gb}”，请把这一级统一改为“{gb}”",
        )


KIND = CheckKind(
    name="numbering_hierarchy",
    run=run,
    doc="Reports, once per depth, a depth whose prevailing style is not GB/T 9704's for it, and a numbered preamble.",
    fields=frozenset({"found", "level", "expected", "advice"}),
)

"""Check kind `numbering_sequence`: a slip in sibling numbers (repeated, skipped, not from 1)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.checks.numbering_repair import repair_fix, shifted_text
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import Heading

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _problem(heading: Heading, previous: Heading | None) -> str:
    if previous is None:
        return "没有从1开始"
    if heading.number == previous.number:
        return "与上一个同级序号重复"
    if heading.number > previous.number:
        return "跳过了中间的序号"
    return "比上一个同级序号小"


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for repair in doc.repaired_outline.of_kind("sequence"):
        heading = repair.heading
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            heading.marker_end,
            fix=repair_fix(doc, repair),
            found=heading.marker,
            problem=_problem(heading, repair.previous),
            expected=repair.target,
            then=shifted_text(doc, repair),
        )


KIND = CheckKind(
    name="numbering_sequence",
    run=run,
    doc="Reports where sibling numbers slip (repeat, skip, go back, or do not start at 1), per parent or along a running sequence.",
    fields=frozenset({"found", "problem", "expected", "then"}),
    fixable=lambda params: True,
)

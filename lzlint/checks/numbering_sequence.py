"""Check kind `numbering_sequence`: sibling numbers that repeat, skip or start late."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import Heading, render_marker

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    previous: dict[int | None, Heading] = {}  # parent index -> previous sibling
    for heading in doc.headings:
        before = previous.get(heading.parent)
        previous[heading.parent] = heading
        last = before.number if before else 0
        if before is not None and before.preamble and before.style != heading.style:
            last = 0  # 一、 after a numbered introduction (1、…报告如下：) starts the count
        if heading.number == last + 1:
            continue
        if last == 0:
            problem = "没有从1开始"
        elif heading.number == last:
            problem = "与上一个同级序号重复"
        elif heading.number > last:
            problem = "跳过了中间的序号"
        else:
            problem = "比上一个同级序号小"
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            heading.marker_end,
            found=heading.marker,
            problem=problem,
            expected=render_marker(heading.style, last + 1),
        )


KIND = CheckKind(
    name="numbering_sequence",
    run=run,
    doc="Reports a heading whose number is not one more than its previous sibling's (or 1 for the first).",
    fields=frozenset({"found", "problem", "expected"}),
)

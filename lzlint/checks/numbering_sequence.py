"""Check kind `numbering_sequence`: sibling numbers that repeat, skip or start late."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic
from lzlint.outline import render_marker

if TYPE_CHECKING:
    from lzlint.document import Document
    from lzlint.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    previous: dict[int | None, int] = {}  # parent index -> last sibling number
    for heading in doc.headings:
        last = previous.get(heading.parent, 0)
        previous[heading.parent] = heading.number
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

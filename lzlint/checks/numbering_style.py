"""Check kind `numbering_style`: a heading whose marker is not in its level's style."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.checks.numbering_repair import level_name, repair_fix, shifted_text
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import STYLE_EXAMPLES

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    plan = doc.repaired_outline
    for repair in plan.of_kind("style"):
        heading = repair.heading
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            heading.marker_end,
            fix=repair_fix(doc, repair),
            found=heading.marker,
            level=level_name(heading.depth),
            expected=STYLE_EXAMPLES[plan.levels[heading.depth].style],
            suggestion=repair.target,
            then=shifted_text(doc, repair),
        )


KIND = CheckKind(
    name="numbering_style",
    run=run,
    doc="Reports a heading whose marker style differs from the style its level should use (the repaired outline's).",
    fields=frozenset({"found", "level", "expected", "suggestion", "then"}),
    fixable=lambda params: True,
)

"""Check kind `marker_form`: a heading marker written with the wrong characters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.checks.numbering_repair import marker_end
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

PROBLEMS = {
    "brackets": "括号应为全角“（）”",
    "missing_open": "缺少前括号“（”",
    "inner_space": "序号内不应有空格",
    "separator": "汉字序号后应为顿号“、”",
    "space_after": "序号后不应有空格",
    "punct_after": "括号序号后不应再加标点",
}


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    plan = doc.repaired_outline
    for heading in doc.headings:
        target = plan.target_of(heading)
        # A numbered preamble's marker is to be deleted (N203): its form is moot.
        if not heading.problems or not target:
            continue
        end = marker_end(heading)
        found = doc.lines[heading.line - 1][heading.marker_start : end]
        # The same target as any numbering finding on this marker: one instruction
        # per spot. Where that target also renumbers or restyles, the fix is as
        # unsafe as the numbering fixes are.
        replacement = Replacement(heading.line, heading.marker_start + 1, heading.line, end + 1, target)
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            end,
            fix=Fix((replacement,), unsafe=target != heading.canonical),
            found=found,
            problem="；".join(PROBLEMS[p] for p in heading.problems),
            expected=target,
        )


KIND = CheckKind(
    name="marker_form",
    run=run,
    doc="Reports heading markers with half-width or mixed brackets, a lost opening bracket, stray spaces, or a wrong separator.",
    fields=frozenset({"found", "problem", "expected"}),
    fixable=lambda params: True,
)

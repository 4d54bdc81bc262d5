"""Check kind `marker_form`: a heading marker written with the wrong characters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

PROBLEMS = {
    "brackets": "括号应为全角“（）”",
    "inner_space": "序号内不应有空格",
    "separator": "汉字序号后应为顿号“、”",
    "space_after": "序号后不应有空格",
    "punct_after": "括号序号后不应再加标点",
}


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for heading in doc.headings:
        if not heading.problems:
            continue
        end = heading.marker_end + (heading.space_after if "space_after" in heading.problems else 0)
        found = doc.lines[heading.line - 1][heading.marker_start : end]
        fix = Fix((Replacement(heading.line, heading.marker_start + 1, heading.line, end + 1, heading.canonical),))
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            end,
            fix=fix,
            found=found,
            problem="；".join(PROBLEMS[p] for p in heading.problems),
            expected=heading.canonical,
        )


KIND = CheckKind(
    name="marker_form",
    run=run,
    doc="Reports heading markers with half-width or mixed brackets, stray spaces, or a wrong separator.",
    fields=frozenset({"found", "problem", "expected"}),
    fixable=lambda params: True,
)

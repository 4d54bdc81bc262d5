"""Check kind `numbering_style`: headings at one depth in different marker styles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import STYLE_EXAMPLES, expected_styles, render_marker

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

LEVEL_NAMES = ("一", "二", "三", "四", "五", "六")


def level_name(depth: int) -> str:
    return LEVEL_NAMES[depth] if depth < len(LEVEL_NAMES) else str(depth + 1)


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    expected = expected_styles(doc.headings)
    for heading in doc.headings:
        style = expected[heading.depth]
        if heading.style == style:
            continue
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            heading.marker_end,
            found=heading.marker,
            level=level_name(heading.depth),
            expected=STYLE_EXAMPLES[style],
            suggestion=render_marker(style, heading.number),
        )


KIND = CheckKind(
    name="numbering_style",
    run=run,
    doc="Reports a heading whose marker style differs from the style its depth uses (GB/T 9704's where present).",
    fields=frozenset({"found", "level", "expected", "suggestion"}),
)

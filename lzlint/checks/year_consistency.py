"""Check kind `year_consistency`: a section heading names the wrong year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.model.dates import heading_years

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    report = doc.report_year
    if report is None:
        return
    offsets = {name: 0 for name in rule.params["same_year"]} | {name: 1 for name in rule.params["next_year"]}
    for name, offset in offsets.items():
        for heading in doc.sections.headings.get(name, ()):
            want = report.year + offset
            text = doc.lines[heading.line - 1]
            title_start = text.index(heading.title, heading.body_start)
            for year, offset_in_title in heading_years(heading.title):
                if year == want:
                    continue
                start = title_start + offset_in_title
                yield rule.diagnostic(
                    doc.path, heading.line, start, start + 4,
                    found=year, expected=want, report_year=report.year, source=report.source_zh,
                )


KIND = CheckKind(
    name="year_consistency",
    run=run,
    doc="Reports a year in a section heading that is not the report year (the next year for `next_year` sections).",
    params={
        "same_year": Param("str_list", "sections whose heading year must be the report year", required=True),
        "next_year": Param("str_list", "sections whose heading year must be the report year + 1", default=()),
    },
    fields=frozenset({"found", "expected", "report_year", "source"}),
    needs_tokens=True,
)

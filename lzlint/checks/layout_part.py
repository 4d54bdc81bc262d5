"""Check kind `layout_part`: the title, addressee or 落款/成文日期 is missing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _line_span(doc: Document, line: int) -> tuple[int, int]:
    text = doc.lines[line - 1] if 0 < line <= len(doc.lines) else ""
    start = len(text) - len(text.lstrip())
    return start, max(len(text.rstrip()), start + 1)


# Where the report year is unknown, a suggestion names no year rather than a
# placeholder (20XX年 is itself an A502 finding when pasted).
NO_YEAR = "本年度"
# A 成文日期 to suggest: early in the year after the report year, inside any
# submission window D402 accepts (1 December of the report year to its deadline).
SUGGESTED_MONTH_DAY = "1月15日"


def year_fields(doc: Document) -> tuple[str, str]:
    """(year_label, date_example): the report's own year for suggested text, so a suggestion triggers no D401/D402."""
    report = doc.report_year
    if report is None:
        return NO_YEAR, "，用阿拉伯数字写全年、月、日"
    return f"{report.year}年度", f"，如“{report.year + 1}年{SUGGESTED_MONTH_DAY}”"


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    part = rule.params["part"]
    layout = doc.layout
    year_label, date_example = year_fields(doc)
    if part == "title":
        if not layout.title:
            line = doc.first_text_line()  # the title belongs at the top
            yield rule.diagnostic(doc.path, line, *_line_span(doc, line), missing="标题", year_label=year_label, date_example=date_example)
    elif part == "addressee":
        if layout.addressee is None:
            line = layout.body_start
            yield rule.diagnostic(doc.path, line, *_line_span(doc, line), missing="主送机关", year_label=year_label, date_example=date_example)
    else:
        if layout.occasion is not None:
            return  # delivered at a meeting: dated in its occasion line, no 落款 (RULES.md v2)
        missing = None
        if layout.date_line is None:
            missing = "落款（发文机关署名）和成文日期"
        elif not layout.organs:
            missing = "落款（发文机关署名）"
        if missing is not None:
            line = layout.date_line or doc.last_text_line()
            yield rule.diagnostic(doc.path, line, *_line_span(doc, line), missing=missing, year_label=year_label, date_example=date_example)


KIND = CheckKind(
    name="layout_part",
    run=run,
    doc="Reports a missing title (`part: title`), addressee (`addressee`) or 落款 and 成文日期 (`signature`).",
    params={"part": Param("str", "which part must be present", required=True, choices=("title", "addressee", "signature"))},
    fields=frozenset({"missing", "year_label", "date_example"}),
    reports_absence=True,
)

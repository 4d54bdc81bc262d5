"""Check kind `issue_date`: the 成文日期's window (mode `window`) and form (mode `format`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError
from lzlint.diagnostic import Diagnostic, Fix, Replacement
from lzlint.locale import _
from lzlint.model.dates import find_date

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

PROBLEMS = {
    "chinese_numerals": "用了汉字数字",
    "padding": "月、日前补了0",
    "separators": "用了点号或连接号而不是“年”“月”“日”",
    "spaces": "中间有空格",
    "fullwidth_digits": "用了全角数字",
    "hao": "用了“号”而不是“日”",
}
_MONTH_DAY = re.compile(r"(\d{1,2})[-月](\d{1,2})日?")


def _month_day(text: str) -> tuple[int, int]:
    m = _MONTH_DAY.fullmatch(text)
    if m is None:
        raise ParamError(_("deadline {text!r} must be a month and day such as 03-01 or 3月1日").format(text=text))
    month, day = int(m.group(1)), int(m.group(2))
    dt.date(2001, month, day)  # raises ValueError on 2-30
    return month, day


def _validate(params: Any) -> None:
    try:
        _month_day(params["deadline"])
    except ValueError as exc:
        raise ParamError(_("deadline: {exc}").format(exc=exc)) from None


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    line = doc.layout.date_line
    if line is None:
        return
    written = find_date(doc.lines[line - 1])
    if written is None:
        return
    if rule.params["mode"] == "format":
        if written.problems:
            fix = Fix((Replacement(line, written.start + 1, line, written.end + 1, written.canonical),))
            yield rule.diagnostic(
                doc.path, line, written.start, written.end, fix=fix,
                found=doc.lines[line - 1][written.start : written.end],
                problem="、".join(PROBLEMS[p] for p in written.problems),
                expected=written.canonical,
            )
        return
    report = doc.report_year
    if report is None:
        return
    try:
        date = dt.date(written.year, written.month, written.day)
    except ValueError:
        return
    month, day = _month_day(rule.params["deadline"])
    earliest = dt.date(report.year, 12, 1)
    latest = dt.date(report.year + 1, month, day)
    if earliest <= date <= latest:
        return
    yield rule.diagnostic(
        doc.path, line, written.start, written.end,
        found=written.canonical,
        earliest=f"{earliest.year}年{earliest.month}月{earliest.day}日",
        latest=f"{latest.year}年{latest.month}月{latest.day}日",
        report_year=report.year,
    )


KIND = CheckKind(
    name="issue_date",
    run=run,
    doc="Checks the 成文日期: `window` against the report year and deadline, `format` against GB/T 9704.",
    params={
        "mode": Param("str", "`window` or `format`", required=True, choices=("window", "format")),
        "deadline": Param("str", "submission deadline in the year after the report year, e.g. 03-01", default="03-01"),
    },
    fields=frozenset({"found", "problem", "expected", "earliest", "latest", "report_year"}),
    validate=_validate,
    fixable=lambda params: params["mode"] == "format",
)

"""`xlsx`: one workbook for the county reviewer to send back (`--format xlsx -o 汇总.xlsx`).

Sheet 汇总: a row per report (单位, 文件, counts by severity, the sections it
lacks, the share of its text that copy findings cover, its roster status),
then a row per roster unit that sent nothing. Sheet 问题清单: every finding
with the text it is about. Both have a frozen Chinese header row, a filter,
and column widths that fit Chinese (a wide character counts as two).

openpyxl is imported only here, and only when this format is asked for: it
is in the `xlsx` extra, and a run in another format must not pay for it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from lzlint.diagnostic import SEVERITIES
from lzlint.errors import LzlintError
from lzlint.locale import _

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.folder.roster import RosterStatus
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
SUMMARY_HEADERS = ("单位", "文件", "错误", "警告", "提示", "缺少的部分", "复制占比", "状态")
# A .docx finding's "line" is its paragraph number (the text output writes ¶12:5): the header says so.
FINDING_HEADERS = ("单位", "文件", "行（Word 为段）", "列", "代码", "级别", "说明", "原文")
# The check kind of the rules that report a missing section (S101-S104), and
# the check kinds whose findings are copied text (R101/R102, issue 16).
MISSING_SECTION_CHECK = "required_section"
COPY_CODES = ("R101", "R102")
# Widest column, in character cells: longer messages wrap in Excel's cell view.
MAX_WIDTH = 80
MAX_QUOTE = 200
_QUOTED = re.compile(r"“([^”]+)”")


def install_hint() -> str:
    return _("--format xlsx needs openpyxl: pip install 'lzlint[xlsx]'")


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    # The command line writes this format with workbook(); a text form there is none.
    raise LzlintError(_("--format xlsx writes a binary workbook: give -o FILE.xlsx"))


def cells(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _quote(d: Diagnostic, lines: Sequence[str]) -> str:
    """The text a finding is about: its span, its lines joined (a paragraph broken mid-sentence reads whole)."""
    if not 0 < d.line <= len(lines):
        return ""
    last = min(max(d.end_line, d.line), len(lines))
    parts = []
    for number in range(d.line, last + 1):
        line = lines[number - 1]
        end = d.end_column - 1 if number == d.end_line else len(line)
        if number == d.line:
            parts.append(line[d.column - 1 : max(end, d.column)])
        else:  # the next line of the paragraph, without its indent
            parts.append(line[:end].strip())
        if sum(map(len, parts)) > MAX_QUOTE:
            break
    text = "".join(parts)
    return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE] + "…"


def copied_share(result: FileResult) -> float:
    """The share of the report's body text in paragraphs a copy finding (R101/R102) stands at.

    On R102's basis: body text as the folder checks compare it (the digest's
    paragraphs: no punctuation, spaces, figures or unit names), so that for a
    report with R102 findings only the column gives the share R102's summary
    message does (本报告约N%的正文…). R102's summary itself stands on the title,
    no paragraph. A paragraph with both findings counts once.
    """
    if result.digest is None:
        return 0.0  # no copy finding without a digest: they are made from it
    digest = result.digest.load()
    if not digest.body_chars:
        return 0.0
    at = {d.line for d in result.diagnostics if d.code in COPY_CODES}
    copied = sum(len(p.text) for p in digest.paragraphs if p.line in at)
    return min(1.0, copied / digest.body_chars)


def _missing_sections(result: FileResult, missing_codes: frozenset[str]) -> str:
    labels = []
    for d in result.diagnostics:
        if d.code in missing_codes:
            quoted = _QUOTED.search(d.message)
            labels.append(quoted.group(1) if quoted else d.code)
    return "、".join(dict.fromkeys(labels))


def _unit(result: FileResult, roster: RosterStatus | None) -> str:
    found = roster.unit_of(result.path) if roster is not None else None
    if found is not None:
        return found[0]
    return result.units[0].name if result.units else ""


def _status(result: FileResult, roster: RosterStatus | None) -> str:
    from lzlint.folder.roster import STATUS_ZH

    if result.unchecked is not None:
        return "未检查"
    found = roster.unit_of(result.path) if roster is not None else None
    return STATUS_ZH[found[1]] if found is not None else ""


def summary_rows(results: Sequence[FileResult], options: OutputOptions) -> list[list[Any]]:
    """Rows of 汇总: the reports, then the roster units that sent none."""
    roster = options.roster
    missing_codes = frozenset(r.code for r in options.rules if r.check == MISSING_SECTION_CHECK)
    rows: list[list[Any]] = []
    for result in results:
        if result.roster_file:
            continue  # not a report (R201 stands there): its findings are on 问题清单
        counts = [result.diagnostics.tally.count(s) for s in SEVERITIES]
        share = copied_share(result) if any(code in result.diagnostics.tally.codes for code in COPY_CODES) else 0.0
        rows.append(
            [_unit(result, roster), result.path, *counts, _missing_sections(result, missing_codes), share, _status(result, roster)]
        )
    if roster is not None:
        from lzlint.folder.roster import STATUS_ZH

        for unit in roster.units:
            if unit.status == "missing":
                rows.append([unit.unit, "", None, None, None, "", None, STATUS_ZH["missing"]])
    return rows


def finding_rows(results: Sequence[FileResult], options: OutputOptions) -> list[list[Any]]:
    """Rows of 问题清单: every finding, in the order of the files."""
    # A finding on the roster's own file (R201) is about the unit listed where it stands.
    listed = {(u.entry.path, u.entry.line, u.entry.column): u.unit for u in options.roster.units if u.entry} if options.roster else {}
    rows: list[list[Any]] = []
    for result in results:
        unit = _unit(result, options.roster)
        for d in result.diagnostics:
            quote = _quote(d, result.lines)
            named = listed.get((d.path, d.line, d.column), unit)
            rows.append([named, d.path, d.line, d.column, d.code, SEVERITY_ZH[d.severity], d.message, quote])
    return rows


def _sheet(book: Any, title: str, headers: Iterable[str], rows: Sequence[Sequence[Any]], percent_column: int | None = None) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    headers = list(headers)
    sheet.append(headers)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub(" ", v) if isinstance(v, str) else v for v in row])
    widths = [cells(h) for h in headers]
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str):
                # Report text is data, never a formula: “=SUM(…)” in a report stays text.
                cell.data_type = "s"
                widths[cell.column - 1] = max(widths[cell.column - 1], cells(cell.value))
            elif cell.value is not None:
                widths[cell.column - 1] = max(widths[cell.column - 1], len(str(cell.value)))
            if percent_column is not None and cell.column == percent_column and cell.value is not None:
                cell.number_format = "0.0%"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def workbook(results: Sequence[FileResult], options: OutputOptions) -> bytes:
    """The workbook's bytes; LzlintError when openpyxl is not installed."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise LzlintError(install_hint()) from None
    book = Workbook()
    book.remove(book.active)
    _sheet(book, "汇总", SUMMARY_HEADERS, summary_rows(results, options), percent_column=SUMMARY_HEADERS.index("复制占比") + 1)
    _sheet(book, "问题清单", FINDING_HEADERS, finding_rows(results, options))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

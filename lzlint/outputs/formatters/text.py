"""`text`: each finding with its source line and a caret underline, then a summary.

Carets are placed by display cells (a Chinese character takes two), so they
stand under the characters they mean in a terminal.
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.cells import cell_len

from lzlint.diagnostic import SEVERITIES
from lzlint.locale import _, ngettext
from lzlint.outputs.formatters import part_for, summary_table
from lzlint.outputs.formatters.position import location, printable

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.folder.roster import RosterStatus
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult

COLORS = {"error": "red", "warning": "yellow", "info": "blue"}
# Long Chinese paragraphs are single lines: show a window around the finding.
CONTEXT_BEFORE = 24
CONTEXT_AFTER = 40
MAX_UNDERLINE = 80
MAX_LINES = 3
# Tabs, Word's manual line breaks (\v), NUL and escape bytes from the input
# would move or garble the terminal line; each shows as one space.
_CONTROLS = {code: " " for code in (*range(0x20), 0x7F)}
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f]")


def _snippet(line: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of `line` to show, and the finding's start/end within it."""
    left = max(0, start - CONTEXT_BEFORE)
    # A finding spanning a whole 100,000-character line shows its start only.
    end = min(max(end, start + 1), start + MAX_UNDERLINE)
    right = min(len(line), end + CONTEXT_AFTER)
    shown = line[left:right]
    if _HAS_CONTROL.search(shown):  # rare; translate() on every snippet costs more than the search
        shown = shown.translate(_CONTROLS)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    return prefix + shown + suffix, len(prefix) + start - left, len(prefix) + min(end, right) - left


def _render_one(d: Diagnostic, lines: Sequence[str], color: bool, unit: str = "line") -> str:
    def style(text: str, **kw: object) -> str:
        return click.style(text, **kw) if color else text  # type: ignore[arg-type]

    head = f"{style(printable(d.path), bold=True)}:{location(d.line, d.column, unit)}: {style(d.code, fg=COLORS[d.severity], bold=True)} {d.message}"
    if not (0 < d.line <= len(lines)):
        return head + "\n"
    line = lines[d.line - 1]
    if not line.strip():  # an empty file or line: a caret under nothing says nothing
        return head + "\n"
    # A paragraph broken across lines (R101, R102) shows its first MAX_LINES lines, each underlined.
    last = min(d.end_line, len(lines), d.line + MAX_LINES - 1)
    gutter = " " * len(str(last))
    out = [f"{head}\n{gutter} |\n"]
    for number in range(d.line, last + 1):
        text = lines[number - 1]
        first = d.column - 1 if number == d.line else len(text) - len(text.lstrip())
        end = d.end_column - 1 if number == d.end_line else len(text)
        shown, start, stop = _snippet(text, first, end)
        pad = cell_len(shown[:start])
        width = max(1, cell_len(shown[start:stop]))
        label = " " + _(d.severity) if number == last else ""
        out.append(f"{number:>{len(gutter)}} | {shown}\n{gutter} | {' ' * pad}{style('^' * width + label, fg=COLORS[d.severity])}\n")
    if last < min(d.end_line, len(lines)):
        out.append(f"{gutter} | …\n")
    return "".join(out)


def _unreadable(count: int) -> str:
    if not count:
        return ""
    return ngettext("{count} file was not read (see the errors above).\n", "{count} files were not read (see the errors above).\n", count).format(count=count)


def _unchecked(count: int) -> str:
    if not count:
        return ""
    return ngettext(
        "{count} file was not checked (listed as F001): if not a report, exclude it in .lzlint.yaml (exclude: [...]).\n",
        "{count} files were not checked (listed as F001): if not a report, exclude them in .lzlint.yaml (exclude: [...]).\n",
        count,
    ).format(count=count)


# More files than this: the pre-commit command runs on all files rather than naming them.
_MAX_NAMED = 5


def _fix_advice(results: Sequence[FileResult], fixable: int, unsafe: int, pre_commit: bool) -> str:
    """How to apply the fixes: with lzlint's options, or under pre-commit with its lzlint-fix hook."""
    line = ""
    if not pre_commit:
        if fixable:
            line += _("{count} fixable with --fix (see them first with --diff).\n").format(count=fixable)
        if unsafe:
            line += _("{count} more fixable with --fix --unsafe-fixes (they may change meaning: check them with --diff --unsafe-fixes).\n").format(count=unsafe)
        return line
    if fixable:
        paths = [r.path for r in results if r.fixable_in_place and r.diagnostics.tally.fixable]
        files = "--all-files" if len(paths) > _MAX_NAMED else "--files " + " ".join(map(shlex.quote, paths))
        line += _("{count} fixable: pre-commit run lzlint-fix {files} (needs the lzlint-fix hook in .pre-commit-config.yaml).\n").format(count=fixable, files=files)
    if unsafe:
        line += _("{count} more fixable by hand (lzlint --fix --unsafe-fixes could, but they may change meaning; see the findings above).\n").format(count=unsafe)
    return line


def summary(results: Sequence[FileResult], unreadable: int = 0, pre_commit: bool = False) -> str:
    """The counts of the files checked, then the files not read or not checked."""
    # A file not read is also a not-checked result; each is counted once, as not read.
    unchecked = sum(r.unchecked is not None for r in results) - unreadable
    results = [r for r in results if r.unchecked is None]
    counts = Counter({s: sum(r.diagnostics.tally.count(s) for r in results) for s in SEVERITIES})
    files = sum(not r.roster_file for r in results)
    if not sum(counts.values()):
        if files:
            checked = ngettext("No findings in {files} file.\n", "No findings in {files} files.\n", files).format(files=files)
        else:
            checked = _("No file was checked.\n")
        return checked + _unreadable(unreadable) + _unchecked(unchecked)
    parts = [
        ngettext("{count} error", "{count} errors", counts["error"]).format(count=counts["error"]),
        ngettext("{count} warning", "{count} warnings", counts["warning"]).format(count=counts["warning"]),
        ngettext("{count} info", "{count} info", counts["info"]).format(count=counts["info"]),
    ]
    line = ngettext("{findings} in {files} file.\n", "{findings} in {files} files.\n", files).format(findings=_(", ").join(parts), files=files)
    line += _unreadable(unreadable) + _unchecked(unchecked)
    in_place = [r.diagnostics.tally for r in results if r.fixable_in_place]
    fixable = sum(t.fixable for t in in_place)
    unsafe = sum(t.unsafe_fixable for t in in_place)
    return line + _fix_advice(results, fixable, unsafe, pre_commit)


def roster_summary(status: RosterStatus) -> str:
    """Each roster unit with its status and reports (名单外: reports of no listed unit), after a count line."""
    from lzlint.folder.roster import STATUS_ZH

    width = max((cell_len(u.unit) for u in status.units), default=0)
    label_width = max(cell_len(label) for label in STATUS_ZH.values())
    rows = [_("Roster: {headline}").format(headline=status.headline()) + "\n"]
    for unit in status.units:
        label = STATUS_ZH[unit.status]
        label += " " * (label_width - cell_len(label))
        pad = " " * (width - cell_len(unit.unit))
        files = ", ".join(map(printable, unit.paths)) or "-"
        rows.append(f"  {label}  {unit.unit}{pad}  {files}\n")
    return "".join(rows)


def render_file(result: FileResult, color: bool) -> str:
    """The findings of one file; blank lines between them."""
    return "\n".join(_render_one(d, result.lines, color, result.position_unit) for d in result.diagnostics)


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    findings = "\n".join(p for p in map(part_for("text", options.color), results) if p)
    if options.quiet:
        return findings
    pieces = [findings, "\n"] if findings else []
    if len(results) > 1:
        pieces.append(summary_table.render(results, options.terminal, options.color) + "\n")
    if options.roster is not None:
        pieces.append(roster_summary(options.roster) + "\n")
    pieces.append(summary(results, len(options.unreadable), options.pre_commit))
    return "".join(pieces)

"""`concise`: one `path:line:col: CODE message` line per finding, as editors parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.outputs.formatters import OutputOptions, part_for
from lzlint.outputs.formatters.position import location, printable

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult


def render_file(result: FileResult, color: bool) -> str:
    unit = result.position_unit
    return "".join(f"{printable(d.path)}:{location(d.line, d.column, unit)}: {d.code} {d.message}\n" for d in result.diagnostics)


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    return "".join(map(part_for("concise", options.color), results))

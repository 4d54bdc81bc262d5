"""`concise`: one `path:line:col: CODE message` line per finding, as editors parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.formatters.position import location

if TYPE_CHECKING:
    from lzlint.engine import FileResult
    from lzlint.formatters import OutputOptions


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    return "".join(
        f"{d.path}:{location(d.line, d.column, r.position_unit)}: {d.code} {d.message}\n"
        for r in results
        for d in r.diagnostics
    )

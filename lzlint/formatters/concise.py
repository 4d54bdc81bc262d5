"""`concise`: one `path:line:col: CODE message` line per finding, as editors parse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lzlint.engine import FileResult
    from lzlint.formatters import OutputOptions


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    return "".join(
        f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for r in results for d in r.diagnostics
    )

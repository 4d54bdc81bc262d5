"""The per-file table at the end of text output over several files.

On a terminal it is a rich table; in a CI log or a pipe it is plain text
aligned by display width (a Chinese character takes two cells), so that
the columns line up in any monospaced log viewer.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

from lzlint.outputs.formatters.position import printable

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult

HEADERS = ("file", "errors", "warnings", "info")


def _rows(results: Sequence[FileResult]) -> list[tuple[str, int, int, int]]:
    rows = []
    for r in results:
        tally = r.diagnostics.tally
        rows.append((printable(r.path), tally.count("error"), tally.count("warning"), tally.count("info")))
    return rows


def plain(results: Sequence[FileResult]) -> str:
    """Aligned text: the path padded to the widest path, counts right-aligned."""
    rows = _rows(results)
    width = max(cell_len(HEADERS[0]), *(cell_len(row[0]) for row in rows))
    numbers = [max(len(HEADERS[i + 1]), *(len(str(row[i + 1])) for row in rows)) for i in range(3)]

    def line(cells: Sequence[object]) -> str:
        path = str(cells[0])
        counts = "  ".join(str(c).rjust(w) for c, w in zip(cells[1:], numbers))
        return f"{path}{' ' * (width - cell_len(path))}  {counts}".rstrip() + "\n"

    return line(HEADERS) + "".join(line(row) for row in rows)


def rich_table(results: Sequence[FileResult], color: bool) -> str:
    """The same table drawn by rich, for a terminal."""
    from rich.console import Console  # only for terminals: costs ~15 ms to import
    from rich.table import Table

    table = Table(*HEADERS[:1], box=None, pad_edge=False)
    for header in HEADERS[1:]:
        table.add_column(header, justify="right")
    for path, errors, warnings, info in _rows(results):
        table.add_row(path, str(errors), str(warnings), str(info))
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=shutil.get_terminal_size().columns,
        highlight=False,
    )
    console.print(table)
    return buffer.getvalue()


def render(results: Sequence[FileResult], terminal: bool, color: bool) -> str:
    return rich_table(results, color) if terminal else plain(results)

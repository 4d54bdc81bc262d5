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

from lzlint.locale import pgettext
from lzlint.outputs.formatters.position import printable

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult

HEADERS = ("file", "errors", "warnings", "info")


def _headers() -> tuple[str, ...]:
    """HEADERS in the run's language (looked up when drawn: the language is chosen per run)."""
    # A context of their own: click's "file" is the name of a path type.
    return tuple(pgettext("summary table", h) for h in HEADERS)


def _rows(results: Sequence[FileResult]) -> list[tuple[str, int, int, int]]:
    rows = []
    for r in results:
        tally = r.diagnostics.tally
        rows.append((printable(r.path), tally.count("error"), tally.count("warning"), tally.count("info")))
    return rows


def plain(results: Sequence[FileResult]) -> str:
    """Aligned text: the path padded to the widest path, counts right-aligned."""
    rows = _rows(results)
    headers = _headers()
    width = max(cell_len(headers[0]), *(cell_len(row[0]) for row in rows))
    numbers = [max(cell_len(headers[i + 1]), *(len(str(row[i + 1])) for row in rows)) for i in range(3)]

    def line(cells: Sequence[object]) -> str:
        path = str(cells[0])
        # Padded by display cells: a Chinese header is two cells a character.
        counts = "  ".join(" " * (w - cell_len(str(c))) + str(c) for c, w in zip(cells[1:], numbers))
        return f"{path}{' ' * (width - cell_len(path))}  {counts}".rstrip() + "\n"

    return line(headers) + "".join(line(row) for row in rows)


def rich_table(results: Sequence[FileResult], color: bool) -> str:
    """The same table drawn by rich, for a terminal."""
    from rich.console import Console  # only for terminals: costs ~15 ms to import
    from rich.table import Table

    headers = _headers()
    table = Table(*headers[:1], box=None, pad_edge=False)
    for header in headers[1:]:
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

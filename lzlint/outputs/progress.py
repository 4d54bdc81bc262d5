"""A progress bar on stderr for runs over many files.

Shown only on a terminal (never in CI logs or pipes) and never with --quiet;
rich is imported only when the bar is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A run over fewer files is over before a bar would be read.
MIN_FILES = 20


def wanted(total: int, quiet: bool) -> bool:
    """Whether a run over `total` files shows the bar."""
    return not quiet and total >= MIN_FILES and sys.stderr.isatty()


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A transient bar on stderr; yields a function that advances it by n files."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from lzlint.locale import _

    columns = (TextColumn(_("lzlint: checking")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("lint", total=total)

        def advance(n: int) -> None:
            bar.advance(task, n)

        yield advance

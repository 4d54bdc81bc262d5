"""Turning command-line paths into the files to lint."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from lzlint.errors import LzlintError

LINTED_SUFFIXES = (".txt", ".md")
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}


def _walk(directory: Path) -> list[Path]:
    found = []
    # followlinks=False: a symlink loop cannot trap the walk.
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            if name.endswith(LINTED_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    return found


def collect_files(paths: Sequence[str]) -> list[Path | str]:
    """Files to lint, in a stable order; "-" stands for standard input.

    A file named explicitly is linted whatever its suffix; a directory
    contributes its *.txt and *.md files, recursively.
    """
    files: list[Path | str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.exists():
            files.append(path)
        else:
            raise LzlintError(f"{raw}: no such file or directory")
    return list(dict.fromkeys(files))

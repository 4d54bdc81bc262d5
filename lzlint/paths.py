"""Turning command-line paths into the files to lint."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lzlint.errors import LzlintError

LINTED_SUFFIXES = (".txt", ".md", ".docx")
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}
_WORD_LOCK = "~$"
_OLD_WORD = ".doc"


@dataclass(frozen=True)
class FileSelection:
    """The files to lint, and a note for each file a directory walk passed over."""

    files: list[Path | str]
    notes: tuple[str, ...] = ()


def _walk(directory: Path, notes: list[str]) -> list[Path]:
    found = []
    # followlinks=False: a symlink loop cannot trap the walk.
    for root, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(_WORD_LOCK):
                # Word leaves ~$name.docx beside an open document; it is no draft.
                notes.append(f"{path}: skipped, a Word lock file")
            elif name.lower().endswith(_OLD_WORD):
                notes.append(f"{path}: skipped, old binary Word format (.doc); save it as .docx to lint it")
            elif name.lower().endswith(LINTED_SUFFIXES) and not name.startswith("."):
                found.append(path)
    return found


def collect_files(paths: Sequence[str]) -> list[Path | str]:
    """Files to lint, in a stable order; "-" stands for standard input."""
    return select_files(paths).files


def select_files(paths: Sequence[str]) -> FileSelection:
    """Files to lint, in a stable order; "-" stands for standard input.

    A file named explicitly is linted whatever its suffix; a directory
    contributes its *.txt, *.md and *.docx files, recursively, and a note for
    each Word lock file and .doc file it skips.
    """
    files: list[Path | str] = []
    notes: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path, notes))
        elif path.exists() or path.is_symlink():  # a dangling or looping link fails on reading, clearly
            files.append(path)
        else:
            raise LzlintError(f"{raw}: no such file or directory")
    return FileSelection(list(dict.fromkeys(files)), tuple(notes))  # first occurrence kept, in order

"""Turning command-line paths into the files to lint."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol

from lzlint.errors import LzlintError
from lzlint.locale import _

LINTED_SUFFIXES = (".txt", ".md", ".docx")
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}
_WORD_LOCK = "~$"
_OLD_WORD = ".doc"


@dataclass(frozen=True)
class FileSelection:
    """The files to lint, and a note for each file a directory walk passed over."""

    files: list[Path | str]
    notes: tuple[str, ...] = ()


def repository_path(path: str) -> str:
    """`path` as CI services name files: relative to the working directory
    (the repository root in a CI job) when inside it, forward slashes, no
    leading "./"."""
    if Path(path).is_absolute():
        try:
            path = str(Path(path).relative_to(Path.cwd()))
        except ValueError:
            pass
    posix = PurePath(path).as_posix()
    return posix[2:] if posix.startswith("./") else posix


class _Exclusion(Protocol):
    def match_file(self, file: str) -> bool: ...


def exclusion_spec(patterns: Sequence[str]) -> _Exclusion | None:
    """Gitignore-style patterns (`drafts/`, `*.bak.txt`, `/old`, `!keep.txt`) as one matcher; None for none."""
    if not patterns:
        return None  # pathspec is imported only when there are patterns
    import pathspec

    spec: _Exclusion = pathspec.GitIgnoreSpec.from_lines(patterns)
    return spec


def _relative(path: Path, root: Path, fallback: Path) -> str:
    """`path` relative to the exclusion root, or to the walked directory when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
        return path.relative_to(fallback).as_posix()


def _walk(directory: Path, excluded: _Exclusion | None, root: Path, notes: list[str]) -> list[Path]:
    found = []
    # followlinks=False: a symlink loop cannot trap the walk.
    for here_name, dirs, files in os.walk(directory, followlinks=False):
        here = Path(here_name)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED_DIRS
            # Resolving every path for the patterns costs; without patterns it is skipped.
            and not (excluded and excluded.match_file(_relative(here / d, root, directory) + "/"))
        )
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or (excluded and excluded.match_file(_relative(path, root, directory))):
                continue
            if name.startswith(_WORD_LOCK):
                # Word leaves ~$name.docx beside an open document; it is no draft.
                notes.append(_("{path}: skipped, a Word lock file").format(path=path))
            elif name.lower().endswith(_OLD_WORD):
                notes.append(_("{path}: skipped, old binary Word format (.doc); save it as .docx to lint it").format(path=path))
            elif name.lower().endswith(LINTED_SUFFIXES):
                found.append(path)
    # One order for the whole tree (not "files before subfolders" per level),
    # so that output and baselines list files as a sorted listing does.
    return sorted(found, key=lambda p: p.parts)


def select_files(paths: Sequence[str], exclude: Sequence[str] = (), root: Path | None = None) -> FileSelection:
    """Files to lint, in a stable order; "-" stands for standard input.

    A file named explicitly is linted whatever its suffix and whatever
    `exclude` says (as ruff does); a directory contributes its *.txt, *.md and
    *.docx files, recursively, except those that the gitignore-style `exclude`
    patterns match (relative to `root`: the config file's directory, else the
    current directory), and a note for each Word lock file and .doc it skips.
    """
    excluded = exclusion_spec(exclude)
    base = root if root is not None else Path.cwd()
    files: list[Path | str] = []
    notes: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path, excluded, base, notes))
        elif path.exists() or path.is_symlink():  # a dangling or looping link fails on reading, clearly
            files.append(path)
        else:
            raise LzlintError(_("{raw}: no such file or directory").format(raw=raw))
    return FileSelection(list(dict.fromkeys(files)), tuple(notes))  # first occurrence kept, in order

"""Turning command-line paths into the files to lint."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Protocol

from lzlint.errors import LzlintError
from lzlint.locale import _

LINTED_SUFFIXES = (".txt", ".md", ".docx")
# Linted where LibreOffice converts them (sources.office), else not checked.
CONVERTED_SUFFIXES = (".doc", ".wps")
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}
_WORD_LOCK = "~$"


@dataclass(frozen=True)
class FileSelection:
    """The files to lint, a note for each file a directory walk passed over,
    and the files it found that may hold a report but cannot be read."""

    files: list[Path | str]
    notes: tuple[str, ...] = ()
    # (path, why) of each file not checked: the run lists them (F001) and fails.
    unchecked: tuple[tuple[str, str], ...] = ()
    # The files found by walking a folder, not named on the command line.
    walked: frozenset[Path] = frozenset()


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

    for pattern in patterns:
        # One by one, so that the message names the pattern: `[z-a]`, `\` and `!` are not gitignore patterns.
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except (ValueError, re.error) as exc:  # re.error is a ValueError only from Python 3.13
            raise LzlintError(_("exclude pattern {pattern!r} is not a valid gitignore pattern ({exc})").format(pattern=pattern, exc=exc)) from None
    spec: _Exclusion = pathspec.GitIgnoreSpec.from_lines(patterns)
    return spec


def _relative(path: Path, root: Path, fallback: Path) -> str:
    """`path` relative to the exclusion root, or to the walked directory when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the root, or a symlink loop
        return path.relative_to(fallback).as_posix()


def _walk(directory: Path, excluded: _Exclusion | None, root: Path, notes: list[str], unchecked: list[tuple[str, str]]) -> list[Path]:
    found = []
    passed: list[tuple[str, str]] = []
    converts: bool | None = None  # whether LibreOffice is there: looked up at the first .doc or .wps
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
            elif name.lower().endswith(LINTED_SUFFIXES):
                found.append(path)
            else:
                # Imported at the first file that is not linted: folders of drafts rarely have one.
                from lzlint.sources.unchecked import soffice_found, unchecked_reason

                if converts is None and name.lower().endswith(CONVERTED_SUFFIXES):
                    converts = soffice_found()
                reason = unchecked_reason(path, bool(converts))
                if reason is not None:
                    passed.append((str(path), reason))
                elif name.lower().endswith(CONVERTED_SUFFIXES):
                    found.append(path)
    # One order for the whole tree (not "files before subfolders" per level),
    # so that output and baselines list files as a sorted listing does.
    unchecked.extend(sorted(passed, key=lambda item: Path(item[0]).parts))
    return sorted(found, key=lambda p: p.parts)


def select_files(paths: Sequence[str], exclude: Sequence[str] = (), root: Path | None = None) -> FileSelection:
    """Files to lint, in a stable order; "-" stands for standard input.

    A file named explicitly is linted whatever its suffix and whatever
    `exclude` says (as ruff does); a directory contributes its *.txt, *.md and
    *.docx files, recursively, except those that the gitignore-style `exclude`
    patterns match (relative to `root`: the config file's directory, else the
    current directory), and a note for each Word lock file it skips. Where
    LibreOffice is installed, a directory also contributes its .doc and .wps
    files; other files that may hold a report (.pdf, scans, .doc without
    LibreOffice …) are `unchecked`, with the reason.
    """
    excluded = exclusion_spec(exclude)
    base = root if root is not None else Path.cwd()
    files: list[Path | str] = []
    notes: list[str] = []
    unchecked: list[tuple[str, str]] = []
    walked: list[Path] = []
    named: set[Path] = set()
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = _walk(path, excluded, base, notes, unchecked)
            files.extend(found)
            walked.extend(found)
        elif path.exists() or path.is_symlink():  # a dangling or looping link fails on reading, clearly
            files.append(path)
            named.add(path)
        else:
            raise LzlintError(_("{raw}: no such file or directory").format(raw=raw))
    return FileSelection(
        list(dict.fromkeys(files)),  # first occurrence kept, in order
        tuple(notes),
        tuple(dict.fromkeys(unchecked)),
        frozenset(walked) - named,
    )

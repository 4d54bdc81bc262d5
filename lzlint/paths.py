"""Turning command-line paths into the files to lint."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePath

import pathspec

from lzlint.errors import LzlintError

LINTED_SUFFIXES = (".txt", ".md")
_SKIPPED_DIRS = {"node_modules", "__pycache__", "venv"}


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


def exclusion_spec(patterns: Sequence[str]) -> pathspec.GitIgnoreSpec:
    """Gitignore-style patterns (`drafts/`, `*.bak.txt`, `/old`, `!keep.txt`) as one matcher."""
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(path: Path, root: Path, fallback: Path) -> str:
    """`path` relative to the exclusion root, or to the walked directory when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.relative_to(fallback).as_posix()


def _walk(directory: Path, excluded: pathspec.GitIgnoreSpec, root: Path) -> list[Path]:
    found = []
    # followlinks=False: a symlink loop cannot trap the walk.
    for current, dirs, files in os.walk(directory, followlinks=False):
        here = Path(current)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED_DIRS
            # The trailing slash lets a `drafts/` pattern (directories only) match.
            and not excluded.match_file(_relative(here / d, root, directory) + "/")
        )
        for name in sorted(files):
            if not name.endswith(LINTED_SUFFIXES) or name.startswith("."):
                continue
            if not excluded.match_file(_relative(here / name, root, directory)):
                found.append(here / name)
    # One order for the whole tree (not "files before subfolders" per level),
    # so that output and baselines list files as a sorted listing does.
    return sorted(found, key=lambda p: p.parts)


def collect_files(paths: Sequence[str], exclude: Sequence[str] = (), root: Path | None = None) -> list[Path | str]:
    """Files to lint, in a stable order; "-" stands for standard input.

    A file named explicitly is linted whatever its suffix and whatever
    `exclude` says (as ruff does); a directory contributes its *.txt and *.md
    files, recursively, except those that the gitignore-style `exclude`
    patterns match. Patterns are relative to `root` (the config file's
    directory, else the current directory).
    """
    excluded = exclusion_spec(exclude)
    base = root if root is not None else Path.cwd()
    files: list[Path | str] = []
    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path, excluded, base))
        elif path.exists():
            files.append(path)
        else:
            raise LzlintError(f"{raw}: no such file or directory")
    seen: set[Path | str] = set()
    return [f for f in files if not (f in seen or seen.add(f))]

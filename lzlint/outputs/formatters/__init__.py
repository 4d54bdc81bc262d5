"""Output formats: take FileResults and the rules, give the text of one `--format`.

Formats are registered by name here; `--format` offers exactly these.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lzlint.ruleset.rules import Rule
from lzlint.run.engine import FileResult

if TYPE_CHECKING:
    from lzlint.folder.roster import RosterStatus


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    quiet: bool = False
    # The enabled rules: SARIF describes each in tool.driver.rules.
    rules: tuple[Rule, ...] = ()
    # Lowest severity that fails the run: JUnit marks a file failed from it.
    fail_on: str = "error"
    # stdout is a terminal: the text summary table may use rich's box drawing.
    terminal: bool = False
    # (path, error) of each input that could not be read: formats that have a
    # place for it (text summary, JUnit, SARIF) say so, so a report is never
    # cleaner than the run's exit status.
    unreadable: tuple[tuple[str, str], ...] = ()
    # Run as a pre-commit hook (PRE_COMMIT=1): lzlint is not on the user's
    # PATH there, so the summary names the pre-commit command that fixes.
    pre_commit: bool = False
    # Each roster unit's status (已提交/未提交/重复/名单外) when a roster is configured
    # and a folder was checked: the summary and the HTML overview list it.
    roster: RosterStatus | None = None


Formatter = Callable[[Sequence[FileResult], OutputOptions], str]


# Format name -> the module whose render() writes it. Modules are imported
# when their format is used: every run would otherwise pay for all nine
# (html, sarif, rich's console …), about a fifth of a one-report run.
_MODULES = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "json-lines": "json_lines",
    "github": "github",
    "gitlab": "gitlab",
    "sarif": "sarif",
    "junit": "junit",
    "html": "html",
    # A binary workbook: the command line writes it to -o with xlsx.workbook(), not render().
    "xlsx": "xlsx",
}


class _Registry(Mapping[str, Formatter]):
    """FORMATTERS[name] is the render function of a format, imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f"lzlint.outputs.formatters.{_MODULES[name]}")
        render: Formatter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Registry()

# Formats that print each file's findings apart from the others': their
# modules also have render_file(result, color), whose output the cache keeps.
_PER_FILE = ("text", "concise", "json-lines", "github")
# github names files relative to the working directory (repository_path): its
# parts hold only for the directory they were rendered in.
_NEEDS_WORKING_DIRECTORY = ("github",)


@dataclass(frozen=True)
class FilePart:
    """What a line-oriented format prints for one file; the cache keeps it (findings.Findings.parts).

    A part depends only on the file's findings and lines, which the cache
    entry is for, and on the colour switch and (for some formats) the
    working directory, which `key` names.
    """

    format: str
    color: bool
    directory: str = ""

    @property
    def key(self) -> str:
        key = f"{self.format}+color" if self.color else self.format
        return f"{key}@{self.directory}" if self.directory else key

    def join(self, first: str, second: str) -> str:
        """The part of a file's findings followed by more findings, from the parts of each.

        As rendering them all would print it: text separates findings by a
        blank line, the other formats end each finding's line.
        """
        return first + ("\n" if self.format == "text" and first and second else "") + second

    def render(self, result: FileResult) -> str:
        """The part, rendered afresh."""
        module = importlib.import_module(f"lzlint.outputs.formatters.{_MODULES[self.format]}")
        part: str = module.render_file(result, self.color)
        return part

    def __call__(self, result: FileResult) -> str:
        """The part as cached, or rendered afresh."""
        part = result.diagnostics.parts.get(self.key)
        return part if part is not None else self.render(result)


def part_for(name: str, color: bool) -> FilePart:
    """How per-file format `name` renders one file (its render uses the same, for the cached parts)."""
    return FilePart(name, color, os.getcwd() if name in _NEEDS_WORKING_DIRECTORY else "")


def file_part(name: str, color: bool) -> FilePart | None:
    """How format `name` renders one file, if it prints files apart."""
    return part_for(name, color) if name in _PER_FILE else None

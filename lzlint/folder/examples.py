"""A folder rule's examples and cases: a small folder, and the roster when there is one.

A folder rule (R101, R102, R201–R203) fires only across reports, so its
example is a small folder written in one text: an optional first line
`units: 青山镇、白水乡` (the roster, as `units:` in .lzlint.yaml), then files,
each introduced by a line `=== name ===` (a name with a year folder,
`=== 2024/城关镇.txt ===`, lays the folder out by year for R102). One text
keeps the rule's examples a list of strings like every other rule's, so
--explain, `lzlint test-rules` and the docs show them unchanged. A test case
(tests/cases) gives the same folder as YAML: `units` and `files`.

Both run through run_folder, as `lzlint` runs a folder: each file parsed
and its units found, then the checks over the folder. The roster is listed
in a file `<units>`, one unit per line: an R201 finding stands at its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.locale import _

if TYPE_CHECKING:
    from lzlint.model.document import Vocabulary
    from lzlint.ruleset.rules import Rule

_FILE_LINE = re.compile(r"^=== (\S.*?) ===$", re.MULTILINE)
_UNITS = "units:"
# Where the roster of an example or case stands: findings about a roster entry (R201) name it.
ROSTER_PATH = "<units>"


@dataclass(frozen=True)
class FolderExample:
    """A folder example: the roster's units (None without a roster) and the files by name, in order."""

    units: tuple[str, ...] | None
    files: Mapping[str, str]

    def text_of(self, path: str) -> str:
        """The text a finding's path points into: a file, or the roster one unit per line."""
        if path == ROSTER_PATH and self.units is not None:
            return "\n".join(self.units) + "\n"
        return self.files[path]


def parse_folder_example(text: str) -> FolderExample:
    """The roster and files of a folder example; LzlintError when it is not one."""
    units = None
    if text.startswith(_UNITS):
        head, _newline, text = text.partition("\n")
        names = head.removeprefix(_UNITS).replace("，", "、").replace(",", "、").split("、")
        units = tuple(n.strip() for n in names if n.strip())
    marks = list(_FILE_LINE.finditer(text))
    if not marks or text[: marks[0].start()].strip():
        raise LzlintError(_("a folder rule's example must start with a line '=== name ===' (after an optional 'units: 甲镇、乙镇') and hold one or more files"))
    files: dict[str, str] = {}
    for mark, after in zip(marks, [*marks[1:], None]):
        files[mark.group(1)] = text[mark.end() + 1 : after.start() if after else len(text)]
    return FolderExample(units, files)


def run_folder(
    rules: Sequence[Rule], files: Mapping[str, str], vocabulary: Vocabulary, units: Sequence[str] | None = None, year: int | None = None
) -> tuple[Diagnostic, ...]:
    """The findings of the folder `rules` over `files` (name → text), with the roster `units` when given."""
    from lzlint.folder import check_folder, digest_options
    from lzlint.folder.carried_over import split_by_year
    from lzlint.folder.paragraphs import digest
    from lzlint.folder.roster import (
        roster_findings,
        roster_from_names,
        roster_status,
        year_stated,
    )
    from lzlint.folder.units import document_units
    from lzlint.model.document import Document
    from lzlint.run.engine import FileResult
    from lzlint.run.findings import Findings
    from lzlint.sources import Source

    split = split_by_year(list(files))
    options = digest_options(rules, reports=len(files), previous=split is not None)
    roster = roster_from_names(units, ROSTER_PATH) if units is not None else None
    results = []
    for name, body in files.items():
        doc = Document.parse(Source(name, body, "utf-8"), vocabulary, year)
        # The units too, as a run has them: they tell which reports are one unit's, and whose they are.
        found_units = document_units(doc)
        summary = digest(doc, options, found_units) if options is not None else None
        results.append(FileResult(name, Findings(), doc.lines, "utf-8", digest=summary, units=found_units))
    current = results if split is None else [r for r in results if r.path in split.current]
    previous = [] if split is None else [r for r in results if r.path in split.previous]
    found = check_folder(current, previous, rules, roster) if options is not None else []
    if roster is not None:
        found += roster_findings(roster_status(current, roster), rules, year_stated(current))
    return tuple(sorted(found))


def run_folder_example(rules: Sequence[Rule], text: str, vocabulary: Vocabulary, year: int | None = None) -> tuple[Diagnostic, ...]:
    """The findings of the folder `rules` over the folder example `text` (paths are the example's file names)."""
    example = parse_folder_example(text)
    return run_folder(rules, example.files, vocabulary, example.units, year)

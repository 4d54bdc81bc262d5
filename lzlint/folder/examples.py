"""A folder rule's examples and cases: several files in one text.

A folder rule fires only across reports, so its example is a small folder:
files introduced by a line `=== name ===` (a name with a year folder,
`=== 2024/城关镇.txt ===`, lays the folder out by year for R102). One text
keeps the rule's examples a list of strings like every other rule's, so
--explain, `lzlint test-rules` and the docs show them unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError

if TYPE_CHECKING:
    from lzlint.model.document import Vocabulary
    from lzlint.ruleset.rules import Rule

_FILE_LINE = re.compile(r"^=== (\S.*?) ===$", re.MULTILINE)


def split_files(text: str) -> dict[str, str]:
    """The files of a folder example, by name, each with its text (in order)."""
    marks = list(_FILE_LINE.finditer(text))
    if not marks or text[: marks[0].start()].strip():
        raise LzlintError("a folder rule's example must start with a line '=== name ===' and hold one or more files")
    files: dict[str, str] = {}
    for mark, after in zip(marks, [*marks[1:], None]):
        files[mark.group(1)] = text[mark.end() + 1 : after.start() if after else len(text)]
    return files


def run_folder_example(rules: Sequence[Rule], text: str, vocabulary: Vocabulary, year: int | None = None) -> tuple[Diagnostic, ...]:
    """The findings of folder `rules` over the folder example `text` (paths are the example's file names)."""
    from lzlint.folder import check_folder, digest_options
    from lzlint.folder.carried_over import split_by_year
    from lzlint.folder.paragraphs import digest
    from lzlint.folder.units import document_units
    from lzlint.model.document import Document
    from lzlint.run.engine import FileResult
    from lzlint.sources import Source

    files = split_files(text)
    split = split_by_year(list(files))
    options = digest_options(rules, reports=len(files), previous=split is not None)
    if options is None:
        return ()
    results = []
    for name, body in files.items():
        doc = Document.parse(Source(name, body, "utf-8"), vocabulary, year)
        units = document_units(doc)
        # The units too, as a run has them: they tell which reports are one unit's.
        results.append(FileResult(name, digest=digest(doc, options, units), units=units))
    current = results if split is None else [r for r in results if r.path in split.current]
    previous = [] if split is None else [r for r in results if r.path in split.previous]
    return tuple(sorted(check_folder(current, previous, rules)))

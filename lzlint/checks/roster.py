"""The `roster` kind (R201–R203): checks over a folder, not over one document.

Its findings are made after the per-file run, from every report's unit and
the configured roster (lzlint.folder.roster); per document it finds nothing.
Its examples are small folders with a roster (lzlint.folder.examples).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    return iter(())


KIND = CheckKind(
    name="roster",
    run=run,
    doc="Over a folder with a configured roster (units:): a unit with no report, a unit with several, a report of no listed unit.",
    params={
        "finding": Param("str", "Which roster finding the rule reports.", required=True, choices=("missing", "duplicate", "unknown")),
    },
    fields=frozenset({"unit", "others", "why", "likely", "years"}),
    folder=True,
)

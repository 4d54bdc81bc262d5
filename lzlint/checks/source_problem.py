"""Check kind `source_problem`: what reading the input could not represent faithfully.

The reader records such problems on the Source (e.g. a Word automatic number
whose definition is missing); this kind turns those of one sort into findings
so that they can be selected, ignored and given a severity like any rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule
    from lzlint.sources import Source

PROBLEM_KINDS = ("unresolved-auto-numbering",)


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for problem in doc.source.problems:
        if problem.kind == rule.params["problem"]:
            start = problem.column - 1
            yield rule.diagnostic(doc.path, problem.line, start, start + 1, detail=problem.detail)


def _example_source(text: str) -> Source:
    # Plain text cannot carry Word numbering, so the example is built as a
    # real .docx and read back through the same reader a user's file goes through.
    from lzlint.sources.docx_examples import example_source

    return example_source(text)


KIND = CheckKind(
    name="source_problem",
    run=run,
    doc=(
        "Reports what the reader could not represent faithfully, of the sort named by `problem`. "
        "Examples are built as .docx files: a line starting with {{auto-number}} gets Word automatic "
        "numbering (一、…), one starting with {{auto-number:undefined}} refers to a numbering definition "
        "that does not exist."
    ),
    params={
        "problem": Param("str", "the sort of source problem to report", required=True, choices=PROBLEM_KINDS),
    },
    fields=frozenset({"detail"}),
    example_source=_example_source,
)

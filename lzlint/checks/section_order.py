"""Check kind `section_order`: required sections out of the prescribed order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import Heading

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _placed(doc: Document, order: tuple[str, ...]) -> list[tuple[str, Heading]]:
    """First heading of each section present, skipping one nested in another required section."""
    placed = []
    for name in order:
        heading = doc.sections.first(name)
        if heading is None:
            continue
        if heading.depth > 0:
            top = heading
            while top.parent is not None:
                top = doc.headings[top.parent]
            if any(top in doc.sections.headings.get(other, ()) for other in order if other != name):
                continue  # e.g. a 第一责任人 subsection inside 举措和成效: its place is its parent's
        placed.append((name, heading))
    return placed


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    order: tuple[str, ...] = rule.params["order"]
    lexicon = doc.vocabulary.lexicon
    labels = {name: lexicon.section(name).short for name in order}
    placed = sorted(_placed(doc, order), key=lambda item: item[1].line)
    expected = "、".join(f"“{labels[n]}”" for n in order)
    for i, (name, heading) in enumerate(placed):
        # Report a section when something that should precede it comes later.
        later = [(n, h) for n, h in placed[i + 1 :] if order.index(n) < order.index(name)]
        if not later:
            continue
        other, other_heading = later[0]
        text = doc.lines[heading.line - 1]
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            len(text.rstrip()),
            section=labels[name],
            other=labels[other],
            other_line=other_heading.line,
            expected=expected,
        )


KIND = CheckKind(
    name="section_order",
    run=run,
    doc="Reports a required section placed before one that `order` puts ahead of it.",
    params={"order": Param("str_list", "section kinds in their prescribed order", required=True)},
    fields=frozenset({"section", "other", "other_line", "expected"}),
    needs_tokens=True,
)

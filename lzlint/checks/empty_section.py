"""Check kind `empty_section`: a heading with no body before the next heading."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for heading, following in zip(doc.headings, doc.headings[1:]):
        if following.depth > heading.depth:
            continue  # a child heading is the parent's content
        if heading.text != heading.title:
            continue  # body text on the heading's own line
        between = doc.lines[heading.line : following.line - 1]
        if any(line.strip() for line in between):
            continue
        text = doc.lines[heading.line - 1]
        yield rule.diagnostic(doc.path, heading.line, heading.marker_start, len(text.rstrip()), heading=heading.marker + heading.title)


KIND = CheckKind(
    name="empty_section",
    run=run,
    doc="Reports a heading directly followed by a heading of the same or a higher level.",
    fields=frozenset({"heading"}),
)

"""Check kind `section_order`: a required section placed after one it must precede.

The 督察规定 lists the contents of a report; it does not fix their order (RULES.md
v2). What reviewers do rely on is that the year is told before its
shortcomings and that the plans close the report: the rule's `before` names,
for each section, the sections that must come after it. A section not named
(the 第一责任人 part) may stand anywhere those pairs allow.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError
from lzlint.diagnostic import Diagnostic
from lzlint.locale import _
from lzlint.model.outline import Heading

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _placed(doc: Document, names: tuple[str, ...]) -> dict[str, Heading]:
    """First heading of each section present, skipping one nested in another section of `names`."""
    placed = {}
    for name in names:
        heading = doc.sections.first(name)
        if heading is None:
            continue
        if heading.depth > 0:
            top = heading
            while top.parent is not None:
                top = doc.headings[top.parent]
            if any(top in doc.sections.all(other) for other in names if other != name):
                continue  # e.g. a 第一责任人 subsection inside 举措和成效: its place is its parent's
        placed[name] = heading
    return placed


def _pairs(before: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(earlier, later) pairs from the `before` mapping."""
    return tuple((first, later) for first, laters in before.items() for later in laters)


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    pairs = _pairs(rule.params["before"])
    names = tuple(dict.fromkeys(name for pair in pairs for name in pair))
    lexicon = doc.vocabulary.lexicon
    placed = _placed(doc, names)
    reported: set[int] = set()
    # Report the section that stands too early, once, against the first
    # section (in the document) that should have preceded it.
    for name, heading in sorted(placed.items(), key=lambda item: item[1].line):
        should_precede = [
            placed[first] for first, later in pairs if later == name and first in placed and placed[first].line > heading.line
        ]
        if not should_precede or heading.line in reported:
            continue
        other_heading = min(should_precede, key=lambda h: h.line)
        other = next(n for n, h in placed.items() if h is other_heading)
        reported.add(heading.line)
        text = doc.lines[heading.line - 1]
        yield rule.diagnostic(
            doc.path,
            heading.line,
            heading.marker_start,
            len(text.rstrip()),
            section=lexicon.section(name).short,
            other=lexicon.section(other).short,
            other_line=other_heading.line,
        )


def _validate(params: Mapping[str, Any]) -> None:
    for first, laters in params["before"].items():
        if not isinstance(first, str) or not isinstance(laters, list) or not all(isinstance(x, str) and x for x in laters):
            raise ParamError(_("before: each section must map to a list of section names"))


KIND = CheckKind(
    name="section_order",
    run=run,
    doc="Reports a required section placed before one that `before` says must precede it.",
    params={"before": Param("table", "section kind -> the section kinds that must come after it", required=True)},
    fields=frozenset({"section", "other", "other_line"}),
    needs_tokens=True,
    validate=_validate,
)

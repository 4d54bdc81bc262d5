"""Check kind `pattern`: every match of a regular expression is a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.document import Document
    from lzlint.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    patterns = rule.params["patterns"]
    excludes = rule.params["exclude"] or ()
    for number, text in enumerate(doc.lines, start=1):
        excluded = [(m.start(), m.end()) for ex in excludes for m in ex.finditer(text)]
        for pattern in patterns:
            for m in pattern.finditer(text):
                if m.start() == m.end():
                    continue
                if any(s <= m.start() and m.end() <= e for s, e in excluded):
                    continue
                fix = None
                if rule.params["fix"] == "remove":
                    fix = Fix((Replacement(number, m.start() + 1, number, m.end() + 1, ""),))
                yield rule.diagnostic(doc.path, number, m.start(), m.end(), fix=fix, match=m.group())


KIND = CheckKind(
    name="pattern",
    run=run,
    doc="Reports every match of any of `patterns` on a line, except inside a match of `exclude`.",
    params={
        "patterns": Param("regex_list", "regular expressions to report", required=True),
        "exclude": Param("regex_list", "matches inside one of these are not reported", default=()),
        "fix": Param("str", "`remove` deletes the match; `none` offers no fix", default="none", choices=("none", "remove")),
    },
    fields=frozenset({"match"}),
    fixable=lambda params: params["fix"] != "none",
)

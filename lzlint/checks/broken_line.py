"""Check kind `broken_line`: a paragraph broken mid-sentence across two lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    endings = tuple(rule.params["endings"])
    title = set(doc.layout.title)
    for number in range(1, len(doc.lines)):
        text = doc.lines[number - 1].rstrip()
        if not text.endswith(endings) or number in title:
            continue
        # The sentence goes on in the next line with text: blank lines between
        # (a paragraph break typed in the middle of a sentence) are part of the break.
        after = next((n for n in range(number + 1, len(doc.lines) + 1) if doc.lines[n - 1].strip()), None)
        if after is None or after in doc.heading_at:
            continue
        following = doc.lines[after - 1]
        indent = len(following) - len(following.lstrip(" \t\u3000"))
        # Join: drop the line ends (whatever their style), blank lines and the next line's indentation.
        fix = Fix((Replacement(number, len(text) + 1, after, indent + 1, ""),))
        yield rule.diagnostic(doc.path, number, len(text) - 1, len(text), fix=fix, mark=text[-1])


KIND = CheckKind(
    name="broken_line",
    run=run,
    doc="Reports a line ending in one of `endings` whose next line continues the sentence (not a heading).",
    params={"endings": Param("str_list", "characters a broken line ends with", default=("，", ",", "、"))},
    fields=frozenset({"mark"}),
    fixable=lambda params: True,
)

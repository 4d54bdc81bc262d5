"""Check kind `unbalanced_pair`: brackets and quotes that do not pair within a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    pairs: dict[str, str] = dict(rule.params["pairs"])
    # Half-width brackets are P601's and N204's business; here they pair like full-width ones.
    aliases: dict[str, str] = dict(rule.params["aliases"])
    closers = {close: open_ for open_, close in pairs.items()}
    for number, text in enumerate(doc.lines, start=1):
        stack: list[tuple[str, int]] = []
        heading = doc.heading_at.get(number)
        skip = heading.marker_end if heading else 0  # 1） and （一） are markers, not brackets
        for i, raw in enumerate(text):
            if i < skip:
                continue
            char = aliases.get(raw, raw)
            if char in pairs:
                stack.append((char, i))
            elif char in closers:
                opener = closers[char]
                if stack and stack[-1][0] == opener:
                    stack.pop()
                elif any(o == opener for o, _ in stack):
                    # Marks opened after the matching one were never closed.
                    while stack[-1][0] != opener:
                        o, j = stack.pop()
                        yield rule.diagnostic(doc.path, number, j, j + 1, found=text[j], problem=f"缺少对应的“{pairs[o]}”")
                    stack.pop()
                elif stack:
                    o, _ = stack.pop()
                    problem = f"与前面的“{o}”不配对，应为“{pairs[o]}”"
                    yield rule.diagnostic(doc.path, number, i, i + 1, found=raw, problem=problem)
                else:
                    yield rule.diagnostic(doc.path, number, i, i + 1, found=raw, problem=f"缺少对应的“{opener}”")
        for char, i in stack:
            yield rule.diagnostic(doc.path, number, i, i + 1, found=text[i], problem=f"缺少对应的“{pairs[char]}”")


KIND = CheckKind(
    name="unbalanced_pair",
    run=run,
    doc="Reports an opening mark of `pairs` without its closing mark in the same line, or the reverse.",
    params={
        "pairs": Param("mapping", "opening mark -> closing mark", required=True),
        "aliases": Param("mapping", "marks treated as another mark when pairing", default={}),
    },
    fields=frozenset({"found", "problem"}),
)

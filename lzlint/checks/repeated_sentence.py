"""Check kind `repeated_sentence`: the same sentence twice in a row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    shortest = rule.params["min_length"]
    sentences = doc.sentences
    for first, second in zip(sentences, sentences[1:]):
        text = first.text.strip()
        if len(text) < shortest or second.text.strip() != text:
            continue
        # Within a line the second copy is surely a slip; at the start of the
        # next paragraph it may be a deliberate summary, so it is not removed.
        fix = None
        if first.line == second.line:
            fix = Fix((Replacement(second.line, first.end + 1, second.line, second.end + 1, ""),))
        yield rule.diagnostic(doc.path, second.line, second.start, second.end, fix=fix, sentence=text)


KIND = CheckKind(
    name="repeated_sentence",
    run=run,
    doc="Reports a sentence that repeats the one right before it (on the same line, or ending the previous paragraph).",
    params={"min_length": Param("int", "shorter sentences are not compared", default=4)},
    fields=frozenset({"sentence"}),
    fixable=lambda params: True,
)

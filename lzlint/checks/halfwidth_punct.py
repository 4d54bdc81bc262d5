"""Check kind `halfwidth_punct`: half-width punctuation in Chinese text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")
# Spans whose punctuation belongs to them: URLs, e-mail addresses, and HTML
# character references (&ldquo; &#8220;), which A501 reports whole.
_NOT_PROSE = re.compile(
    # The lookbehind starts an address only where its run of word characters
    # starts: tried inside the run too, a line of 100,000 digits took minutes.
    r"(?:https?://|www\.)[^\s\u4e00-\u9fff，。；]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"
    r"|&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});"
)


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] == " ":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    fullwidth: dict[str, str] = rule.params["map"]
    excludes = rule.params["exclude"]
    for number, text in enumerate(doc.lines, start=1):
        heading = doc.heading_at.get(number)
        skip_until = heading.marker_end if heading else 0  # N204 reports markers
        # A mask, not a list of spans searched per character: 20,000 entities on a line stay linear.
        skipped = bytearray(len(text))
        for pattern in (_NOT_PROSE, *excludes):
            for m in pattern.finditer(text):
                skipped[m.start() : m.end()] = b"\1" * (m.end() - m.start())
        for i, char in enumerate(text):
            if char not in fullwidth or i < skip_until or skipped[i]:
                continue
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            if before.isdigit() and after.isdigit():
                continue  # 1,000 and 12:30
            if not (_CJK.match(before or " ") or _CJK.match(after or " ")):
                continue  # Latin text keeps its own punctuation
            fix = Fix((Replacement(number, i + 1, number, i + 2, fullwidth[char]),))
            yield rule.diagnostic(doc.path, number, i, i + 1, fix=fix, found=char, expected=fullwidth[char])


KIND = CheckKind(
    name="halfwidth_punct",
    run=run,
    doc="Reports half-width punctuation (the keys of `map`) next to Chinese text, except in numbers, URLs, HTML entities and Latin text.",
    params={
        "map": Param("mapping", "half-width mark -> full-width mark", required=True),
        "exclude": Param("regex_list", "marks inside a match of one of these are not reported", default=()),
    },
    fields=frozenset({"found", "expected"}),
    fixable=lambda params: True,
)

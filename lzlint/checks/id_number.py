"""Check kind `id_number`: an 18-digit resident identity number (GB 11643) in the text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind
from lzlint.diagnostic import Diagnostic

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def is_valid_id(number: str) -> bool:
    """GB 11643-1999: a real birth date and the ISO 7064 MOD 11-2 check character."""
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    for number, text in enumerate(doc.lines, start=1):
        for m in _CANDIDATE.finditer(text):
            if is_valid_id(m.group()):
                masked = m.group()[:6] + "********" + m.group()[14:]
                yield rule.diagnostic(doc.path, number, m.start(), m.end(), masked=masked)


KIND = CheckKind(
    name="id_number",
    run=run,
    doc="Reports an 18-digit number with a valid birth date and GB 11643 check character.",
    fields=frozenset({"masked"}),
)

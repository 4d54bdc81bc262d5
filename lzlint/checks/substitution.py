"""Check kind `substitution`: a wrong form with its one right replacement.

With `word_boundaries`, a match must begin and end on jieba token boundaries,
so 健立 is found in 健立应急预案 but not in 保健立法 (保健|立法).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError, compile_regex
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _validate(params: Mapping[str, Any]) -> None:
    for wrong, right in params["pairs"].items():
        if not isinstance(wrong, str) or not isinstance(right, str) or not wrong:
            raise ParamError("pairs must map a wrong form to its right form (both strings)")


def _pattern(pairs: Mapping[str, str]) -> re.Pattern[str]:
    return compile_regex("|".join(map(re.escape, sorted(pairs, key=len, reverse=True))))


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    pairs: Mapping[str, str] = rule.params["pairs"]
    pattern = _pattern(pairs)
    excludes = rule.params["exclude"]
    for number, text in enumerate(doc.lines, start=1):
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        excluded = [(m.start(), m.end()) for ex in excludes for m in ex.finditer(text)]
        bounds: set[int] | None = None
        if rule.params["word_boundaries"]:
            bounds = {0, *accumulate(len(t) for t in doc.cut(text))}
        for m in matches:
            if any(s <= m.start() and m.end() <= e for s, e in excluded):
                continue
            if bounds is not None and not {m.start(), m.end()}.issubset(bounds):
                continue
            right = pairs[m.group()]
            fix = Fix((Replacement(number, m.start() + 1, number, m.end() + 1, right),))
            yield rule.diagnostic(doc.path, number, m.start(), m.end(), fix=fix, found=m.group(), expected=right)


KIND = CheckKind(
    name="substitution",
    run=run,
    doc="Reports each wrong form of `pairs` and fixes it to its right form.",
    params={
        "pairs": Param("mapping", "wrong form -> right form", required=True),
        "exclude": Param("regex_list", "matches inside one of these are not reported", default=()),
        "word_boundaries": Param("bool", "match only on jieba token boundaries", default=True),
    },
    fields=frozenset({"found", "expected"}),
    needs_tokens=True,
    validate=_validate,
    fixable=lambda params: True,
)

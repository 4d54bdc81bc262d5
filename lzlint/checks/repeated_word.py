"""Check kind `repeated_word`: a word written twice in a row (的的, 进一步进一步).

Cheap first: a regex finds doubled characters; only lines with a candidate
that is not a deliberate reduplication are segmented. A candidate is a
repeated *word* when its first copy is whole tokens and the second starts on
a token boundary — so 学习习近平 (学习|习近平) and 宪法法律 are left alone, and
认真认真落实 (认真|认真落实) is caught.

A place name's unit doubled before an organ (元谋县县卫生健康局) hides from
segmentation (元谋县|县|卫生, or 禄丰|市市|司法局), so it is found on the
characters instead: a unit character (`unit_chars`) twice, after a Chinese
character, with an organ (`organ_cues`) close behind — unless the second
copy begins a word that takes the place name before it (`unit_words`: 市场,
县委, 县直 …; 某市市场监督管理局, 某县县委书记 are right).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

_DOUBLED = re.compile(r"(?=([\u4e00-\u9fff]{1,6}?)\1)")


def _doubled_unit(rule: Rule) -> re.Pattern[str] | None:
    units, words, cues = rule.params["unit_chars"], rule.params["unit_words"], rule.params["organ_cues"]
    if not units or not cues:
        return None
    keep = "|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)"
    organ = "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))
    return re.compile(
        rf"(?<=[\u4e00-\u9fff])([{re.escape(units)}])(?=\1)(?!(?:{keep}))(?=.[^，。；、\n]{{0,8}}?(?:{organ}))"
    )


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    unit = _doubled_unit(rule)
    reported: set[tuple[int, int]] = set()
    if unit is not None:
        for number, text in enumerate(doc.lines, start=1):
            for m in unit.finditer(text):
                # The first copy is the place name's; the second, an organ's, goes.
                start = m.start()
                if start >= 1 and text[start - 1] == text[start]:
                    continue  # a run of three (县县县) is not a place name and its organ
                reported.add((number, start))
                fix = Fix((Replacement(number, start + 2, number, start + 3, ""),))
                yield rule.diagnostic(doc.path, number, start, start + 2, fix=fix, word=m.group(1))
    allowed = set(rule.params["allowed"])
    patterns = rule.params["allowed_patterns"]

    def deliberate(word: str) -> bool:
        return word + word in allowed or word in allowed or any(p.fullmatch(word) for p in patterns)

    for number, text in enumerate(doc.lines, start=1):
        candidates = [(m.start(), m.group(1)) for m in _DOUBLED.finditer(text)]
        candidates = [(i, w) for i, w in candidates if not deliberate(w)]
        if not candidates:
            continue
        tokens = doc.cut(text)
        bounds = {0, *accumulate(len(t) for t in tokens)}
        last_end = -1
        for start, word in candidates:
            middle, end = start + len(word), start + 2 * len(word)
            if start < last_end or (number, start) in reported or not {start, middle}.issubset(bounds):
                continue
            if len(word) == 1 and end not in bounds:
                continue  # 的的确确: the second 的 belongs to 的确
            last_end = end
            fix = Fix((Replacement(number, middle + 1, number, end + 1, ""),))
            yield rule.diagnostic(doc.path, number, start, end, fix=fix, word=word)


KIND = CheckKind(
    name="repeated_word",
    run=run,
    doc="Reports a word repeated back to back after jieba segmentation, except reduplications in `allowed`.",
    params={
        "allowed": Param("str_list", "deliberate reduplications (层层, 人人 …) and words that may double", default=()),
        "allowed_patterns": Param("regex_list", "a word that may double when one of these matches it whole (一.: 一桩一桩)", default=()),
        "unit_chars": Param("str_or_empty", "characters ending a place name (县, 市 …) that must not double before an organ", default=""),
        "unit_words": Param("str_list", "words beginning with a unit character that follow a place name rightly (市场, 县委)", default=()),
        "organ_cues": Param("str_list", "what shows an organ's name follows (局, 人民政府 …)", default=()),
    },
    fields=frozenset({"word"}),
    needs_tokens=True,
    fixable=lambda params: True,
)

"""Check kind `part_total`: 共 N …，其中 M … with the part larger than the total."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.quantities import Count

if TYPE_CHECKING:
    from lzlint.document import Document
    from lzlint.rules import Rule


def _same_kind(total: Count, part: Count) -> bool:
    return total.unit_class == part.unit_class or "generic" in (total.unit_class, part.unit_class)


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    totals_words = tuple(rule.params["total_words"])
    part_words = tuple(rule.params["part_words"])
    for sentence in doc.sentences:
        if not any(w in sentence.text for w in part_words):
            continue
        counts = doc.quantities_of(sentence).counts
        for i, total in enumerate(counts):
            if total.approximate or not any(w in total.clause for w in totals_words):
                continue
            markers = [p for w in part_words if (p := sentence.text.find(w, total.end)) >= 0]
            if not markers:
                continue
            # Every part listed after 其中 (…19起、邻里纠纷102起) is compared.
            parts = [c for c in counts[i + 1 :] if c.start >= min(markers) and _same_kind(total, c)]
            for part in parts:
                if not part.approximate and part.value > total.value:
                    yield rule.diagnostic(
                        doc.path, sentence.line, sentence.start + part.start, sentence.start + part.end,
                        part=f"{part.value}{part.unit}", total=f"{total.value}{total.unit}",
                    )


KIND = CheckKind(
    name="part_total",
    run=run,
    doc="Reports a count after `part_words` (其中) larger than the total before it (共, 累计, 总计).",
    params={
        "total_words": Param("str_list", "words that mark a total", default=("共", "累计", "总计", "合计", "共计")),
        "part_words": Param("str_list", "words that introduce a part of the total", default=("其中",)),
    },
    fields=frozenset({"part", "total"}),
)

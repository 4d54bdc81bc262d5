"""Check kind `part_total`: 共 N …，其中 M … with the part larger than the total."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.model.quantities import Count

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _same_kind(total: Count, part: Count) -> bool:
    # Strictly: 个 counts anything, so a 个 part of a 家 total (督促整改问题312个
    # after 共检查企业128家，其中…) is most likely another thing altogether.
    return total.unit_class == part.unit_class


def _parts(total_index: int, counts: tuple[Count, ...], start: int, is_total: Callable[[Count], bool]) -> list[Count]:
    """The counts listed from `start` (after 其中) that belong to the total, up to the next total.

    A part belongs to the nearest whole of its kind before 其中: in
    共组建调解组织12个，配备调解员86名，其中专职调解员16名 the 16 are part of
    the 86 people, not of the 12 organisations.
    """
    total = counts[total_index]
    between = [c for c in counts[total_index + 1 :] if c.end <= start]
    parts = []
    for count in counts[total_index + 1 :]:
        if count.start < start:
            continue
        if is_total(count):  # 全年累计培训…320人次: a new total, not a part of this one
            break
        if any(_same_kind(c, count) for c in between):
            continue
        if _same_kind(total, count):
            parts.append(count)
    return parts


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    totals_words = tuple(rule.params["total_words"])
    part_words = tuple(rule.params["part_words"])
    not_totals = tuple(rule.params["not_totals"])

    def is_total(count: Count) -> bool:
        clause = count.clause
        for word in not_totals:  # 公共法律服务, 中共…委员会: 共 that counts nothing
            clause = clause.replace(word, "")
        return any(w in clause for w in totals_words)

    for sentence in doc.whole_sentences:
        if not any(w in sentence.text for w in part_words):
            continue
        counts = doc.quantities_of(sentence).counts
        for i, total in enumerate(counts):
            if total.approximate or not is_total(total):
                continue
            markers = [p for w in part_words if (p := sentence.text.find(w, total.end)) >= 0]
            if not markers:
                continue
            # Every part listed after 其中 (…19起、邻里纠纷102起) is compared.
            for part in _parts(i, counts, min(markers), is_total):
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
        "not_totals": Param("str_list", "words containing a total word that mark no total (公共, 中共)", default=()),
    },
    fields=frozenset({"part", "total"}),
)

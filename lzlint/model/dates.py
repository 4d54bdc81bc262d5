"""Dates as drafts write them, and the year a report is about.

GB/T 9704 7.3.5.1: 成文日期 in Arabic numerals, the year in full, month and
day without padding zeros: 2024年12月31日. Drafts also write 二〇二四年十二月
三十一日, 2024.12.31, 2024-12-31 and 2024年01月05日; all are read so that the
date can still be checked against the submission window.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lzlint.model.layout import squeeze

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_DATE = re.compile(
    r"(?P<y>(?:19|20|１９|２０)[0-9０-９]{2}|[〇零一二三四五六七八九]{4})\s*(?P<s1>[年.\-/．])\s*"
    r"(?P<m>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*(?P<s2>[月.\-/．])\s*"
    r"(?P<d>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*(?P<end>[日号]?)"
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class WrittenDate:
    year: int
    month: int
    day: int
    problems: tuple[str, ...]  # ways it departs from 2024年12月31日
    start: int  # offsets in the line, end exclusive
    end: int

    @property
    def canonical(self) -> str:
        return f"{self.year}年{self.month}月{self.day}日"


def _cn_number(text: str) -> int:
    """一 .. 三十一 as an int."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def find_date(text: str) -> WrittenDate | None:
    """The first date in a line, with what is wrong with its form."""
    m = _DATE.search(text)
    if m is None:
        return None
    problems = []
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if any("０" <= c <= "９" for c in y + mo + d):
        problems.append("fullwidth_digits")
    y, mo, d = (part.translate(_FULLWIDTH_DIGITS) for part in (y, mo, d))
    chinese = not y.isdigit() or not mo.isdigit() or not d.isdigit()
    try:
        year = int(y) if y.isdigit() else int("".join(str(_CN_DIGIT[c]) for c in y))
        month = int(mo) if mo.isdigit() else _cn_number(mo)
        day = int(d) if d.isdigit() else _cn_number(d)
    except KeyError:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if chinese:
        problems.append("chinese_numerals")
    if (mo.isdigit() and len(mo) == 2 and mo.startswith("0")) or (d.isdigit() and len(d) == 2 and d.startswith("0")):
        problems.append("padding")
    if m.group("s1") != "年" or m.group("s2") != "月" or not m.group("end"):
        problems.append("separators")
    if m.group("end") == "号":
        problems.append("hao")
    if " " in m.group() or "\u3000" in m.group():
        problems.append("spaces")
    return WrittenDate(year, month, day, tuple(problems), m.start(), m.end())


def first_year(text: str) -> int | None:
    """The first 20XX年 in a text that is not in a cited title or a range (《纲要（2023—2027年）》, 2021—2025年)."""
    text = squeeze(text)
    if "《" in text or "年" in text:
        text = _CITED_OR_RANGE.sub("\0", text)
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


_HEADING_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# Years that are not the heading's own: those in a cited title
# (《法治政府建设实施纲要（2021—2025年）》) and the ends of a range (2021—2025年).
_CITED_OR_RANGE = re.compile(r"《[^《》]*》|(?:19|20)\d{2}\s*年?\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}")


def heading_years(title: str) -> tuple[tuple[int, int], ...]:
    """Every 20XX (with or without 年) a heading names as its own year, with its offset in `title`."""
    skipped = [(m.start(), m.end()) for m in _CITED_OR_RANGE.finditer(title)]
    return tuple(
        (int(m.group(1)), m.start())
        for m in _HEADING_YEAR.finditer(title)
        if not any(start <= m.start() < end for start, end in skipped)
    )

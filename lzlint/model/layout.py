"""The parts of a report around its body: title, addressee (主送机关), 落款 and 成文日期.

GB/T 9704 puts the title at the top (one or two lines, often letter-spaced:
报  告), the addressee on a short line ending in ：, and the issuing organ and
date at the end. Drafts omit or garble each of these; this module finds what
is there so the S and D rules can say what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lzlint.model.outline import ATTACHMENT_NOTE, ATTACHMENT_TITLE, Heading

# How far down a title may stand (drafts often start with blank lines or a
# 发文字号 and the issuing organs, as 001 does).
TITLE_SEARCH_LINES = 16
TITLE_MAX_LENGTH = 60
ADDRESSEE_MAX_LENGTH = 50
SIGNATURE_MAX_LENGTH = 40

_SPACES = re.compile(r"[\s\u3000]+")
_DATE_LINE = re.compile(
    r"[\s\u3000]*(?:(?:19|20|１９|２０)[\d０-９]{2}|[〇零一二三四五六七八九]{4})\s*[年.\-/．]\s*[\d０-９〇零一二三四五六七八九十]{1,3}"
    r"\s*[月.\-/．]\s*[\d０-９〇零一二三四五六七八九十]{1,3}\s*[日号]?[\s\u3000]*"
)
# After the 成文日期 GB/T 9704 allows a 附注 such as （此件公开发布） and a 版记
# (抄送…, …印发): they are not the end of the body and must not hide the date.
# Drafts often put the contact there too, with or without brackets
# (联系人：李娜，联系电话：…; X902 still reports a private number in it).
_POSTSCRIPT = re.compile(
    r"[（(][^（）()]{0,40}[）)]|抄送[：:].*|附件[：:].*|.*印发|[—\-_=＿]{3,}|(?:联系人|联系电话|联系方式)[：:].{0,60}"
)


_TITLE_COMPANION = re.compile(r"[（(][^（）()]{1,30}[）)]|[^，。；：:,;]{2,20}〔\d{4}〕\d+号|[^\s，。；：:,;、]{2,20}")
_NUMBERED_ITEM = re.compile(r"[0-9０-９]{1,2}[.．、]")


@dataclass(frozen=True)
class Layout:
    """Line numbers (1-based) of the parts found; empty or None where absent."""

    title: tuple[int, ...]
    addressee: int | None
    body_start: int
    organs: tuple[int, ...]
    date_line: int | None


def squeeze(text: str) -> str:
    """Text without white space: 报  告 becomes 报告."""
    return _SPACES.sub("", text)


def is_date_line(text: str) -> bool:
    return bool(text.strip()) and _DATE_LINE.fullmatch(text) is not None


def _title(lines: Sequence[str], first_heading: int) -> tuple[int, ...]:
    limit = min(len(lines), TITLE_SEARCH_LINES, first_heading - 1)
    for i in range(limit):
        text = squeeze(lines[i])
        if not text or len(text) > TITLE_MAX_LENGTH or text.endswith(("。", "：", ":")):
            continue
        if "报告" in text:
            # A title wrapped over two lines: 关于…情况的 / 报  告, or
            # 清河市生态环境局关于2024年度 / 法治政府建设情况的报告.
            previous = squeeze(lines[i - 1]) if i > 0 else ""
            wrapped = len(text) <= 6 or ("关于" in previous and "报告" not in previous and len(previous) + len(text) <= TITLE_MAX_LENGTH)
            if previous and wrapped and len(previous) <= TITLE_MAX_LENGTH and not previous.endswith(("。", "：", ":")):
                return (i, i + 1)
            return (i + 1,)
        following = squeeze(lines[i + 1]) if i + 1 < len(lines) else ""
        if following and "报告" in following and len(following) <= 6 and text.startswith("关于"):
            return (i + 1, i + 2)
    return ()


def find_layout(lines: Sequence[str], headings: Sequence[Heading]) -> Layout:
    """Locate title, addressee, body start, 落款 organs and 成文日期."""
    first_heading = headings[0].line if headings else len(lines) + 1
    title = _title(lines, first_heading)
    addressee = None
    body_start = title[-1] + 1 if title else 1
    companions = 0
    for i in range(body_start - 1, min(len(lines), first_heading - 1)):
        text = lines[i].strip()
        if not text:
            continue
        # An addressee lists organs (县委、县政府：); a sentence has commas.
        if text.endswith(("：", ":")) and len(text) <= ADDRESSEE_MAX_LENGTH and not re.search(r"[。，,；]", text):
            addressee = i + 1
            body_start = i + 2
            break
        # Published reports may put a date （2025年2月25日）, the issuing organ or
        # a 文号 under the title, above the addressee.
        if companions < 2 and _TITLE_COMPANION.fullmatch(text):
            companions += 1
            continue
        break
    while body_start <= len(lines) and not lines[body_start - 1].strip():
        body_start += 1
    date_line = None
    organs: list[int] = []
    # An attachment after the 成文日期 (附件 on a line of its own) is not the end of the report.
    end = next((n for n in range(body_start, len(lines) + 1) if ATTACHMENT_TITLE.fullmatch(lines[n - 1])), len(lines) + 1) - 1
    tail = [i for i in range(end, 0, -1) if lines[i - 1].strip()]
    while tail and _POSTSCRIPT.fullmatch(lines[tail[0] - 1].strip()) and not is_date_line(lines[tail[0] - 1]):
        tail.pop(0)
    if tail and is_date_line(lines[tail[0] - 1]):
        date_line = tail[0]
        for number in tail[1:4]:
            text = lines[number - 1].strip()
            if len(text) > SIGNATURE_MAX_LENGTH or text.endswith(("。", "；", "：")) or number in {h.line for h in headings}:
                break
            if ATTACHMENT_NOTE.match(lines[number - 1]) or _NUMBERED_ITEM.match(text):
                break  # the attachment note (附件：1.… 2.…) stands above the 落款
            organs.insert(0, number)
    if body_start > len(lines):
        body_start = 1  # no text at all: what is missing belongs at the top
    return Layout(title, addressee, body_start, tuple(organs), date_line)

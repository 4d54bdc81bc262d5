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

from lzlint.model.outline import (
    ATTACHMENT_NOTE,
    ATTACHMENT_TITLE,
    Heading,
    parse_marker,
)

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


# Lines that stand between title and addressee: a date or an occasion in
# brackets, a 文号, the issuing organ or the speaker (某某市人民政府, or an office
# and a name: 市司法局局长　王某某).
_TITLE_COMPANION = re.compile(
    r"[（(][^（）()]{1,60}[）)]|[^，。；：:,;]{2,20}〔\d{4}〕\d+号|[^\s，。；：:,;、]{2,20}"
    r"|[^\s，。；：:,;、]{2,20}[ \t\u3000]+[^\s，。；：:,;、]{2,4}"
)
# A report delivered to a people's congress standing committee:
# （2024年3月28日在某某市第十七届人民代表大会常务委员会第十二次会议上）.
_OCCASION = re.compile(r"[（(][^（）()]{0,60}会议上[^（）()]{0,10}[）)]")
# How many such lines may stand there (occasion, speaker's organ, speaker, date).
MAX_COMPANIONS = 4
# An addressee lists recipients, separated by 、 or ， (县委、县政府，市司法局：);
# a sentence that ends in ： announces what follows (现将有关情况报告如下：).
_RECIPIENT_MAX_LENGTH = 20
_NOT_RECIPIENTS = re.compile(r"如下|现将|报告|汇报|根据|按照|我[镇乡县区局委办街]")
_NUMBERED_ITEM = re.compile(r"[0-9０-９]{1,2}[.．、]")


@dataclass(frozen=True)
class Layout:
    """Line numbers (1-based) of the parts found; empty or None where absent."""

    title: tuple[int, ...]
    addressee: int | None
    body_start: int
    organs: tuple[int, ...]
    date_line: int | None
    # The occasion line of a report delivered at a meeting (（…在…会议上）):
    # it carries the report's date, and such a report has no 落款.
    occasion: int | None = None


def squeeze(text: str) -> str:
    """Text without white space: 报  告 becomes 报告."""
    return _SPACES.sub("", text)


def is_date_line(text: str) -> bool:
    return bool(text.strip()) and _DATE_LINE.fullmatch(text) is not None


def _names_report(text: str, cues: tuple[tuple[str, ...], ...]) -> bool:
    """A title's words: 报告, or what the rule pack accepts for this genre (…工作总结, 法治…情况)."""
    if "报告" in text:
        return True
    return not re.search(r"[，。,；;]", text) and any(all(part in text for part in cue) for cue in cues)


def _title(lines: Sequence[str], first_heading: int, cues: tuple[tuple[str, ...], ...] = (), start: int = 0) -> tuple[int, ...]:
    limit = min(len(lines), start + TITLE_SEARCH_LINES, first_heading - 1)
    for i in range(start, limit):
        text = squeeze(lines[i])
        if not text or len(text) > TITLE_MAX_LENGTH or text.endswith(("。", "：", ":")):
            continue
        # 关于…法治政府建设情况的 / 报  告: the first line alone may already name the report.
        following = squeeze(lines[i + 1]) if i + 1 < len(lines) else ""
        if following and "报告" in following and len(following) <= 6 and "关于" in text:
            return (i + 1, i + 2)
        if _names_report(text, cues):
            # A title wrapped over two lines: 关于…情况的 / 报  告, or
            # 清河市生态环境局关于2024年度 / 法治政府建设情况的报告.
            previous = squeeze(lines[i - 1]) if i > 0 else ""
            wrapped = len(text) <= 6 or ("关于" in previous and "报告" not in previous and len(previous) + len(text) <= TITLE_MAX_LENGTH)
            if previous and wrapped and len(previous) <= TITLE_MAX_LENGTH and not previous.endswith(("。", "：", ":")):
                return (i, i + 1)
            return (i + 1,)
    return ()


def is_addressee(text: str) -> bool:
    """A short line ending in ： that lists recipients (县委、县政府，市司法局：)."""
    text = text.strip()
    if not text.endswith(("：", ":")) or len(text) > ADDRESSEE_MAX_LENGTH or re.search(r"[。；;]", text):
        return False
    parts = re.split(r"[，,、]", text[:-1])
    return all(0 < len(part.strip()) <= _RECIPIENT_MAX_LENGTH for part in parts) and not _NOT_RECIPIENTS.search(text)


def cover_letter_end(lines: Sequence[str]) -> int:
    """Lines (0-based end) of a cover letter before the report, or 0.

    A unit often sends its report under a short letter: title, addressee, one
    paragraph, 附件：…报告, organ and date; the report follows. The letter ends at
    its date when a 附件 line comes before any numbered heading, a date line
    follows it within a few lines, and text follows the date.
    """
    for i, text in enumerate(lines[:TITLE_SEARCH_LINES]):
        if parse_marker(text, i + 1) is not None:
            return 0
        if not ATTACHMENT_NOTE.match(text):
            continue
        for j in range(i + 1, min(len(lines), i + 6)):
            if is_date_line(lines[j]):
                rest = [n for n in range(j + 1, len(lines)) if lines[n].strip()]
                if not rest:
                    return 0
                # A lone 附件 / 附件1 line heads the attached report.
                first = rest[0]
                return first + 1 if ATTACHMENT_TITLE.fullmatch(lines[first]) else first
        return 0
    return 0


def find_layout(lines: Sequence[str], headings: Sequence[Heading], title_cues: tuple[tuple[str, ...], ...] = ()) -> Layout:
    """Locate title, addressee, body start, 落款 organs and 成文日期."""
    first_heading = headings[0].line if headings else len(lines) + 1
    cover_end = cover_letter_end(lines)
    # The cover letter's title is the document's; without one, the report's.
    title = _title(lines, first_heading, title_cues) or (_title(lines, first_heading, title_cues, cover_end) if cover_end else ())
    addressee = None
    occasion = None
    body_start = title[-1] + 1 if title else 1
    companions = 0
    for i in range(body_start - 1, min(len(lines), first_heading - 1)):
        text = lines[i].strip()
        if not text:
            continue
        if is_addressee(text):
            addressee = i + 1
            body_start = i + 2
            break
        # Published reports may put a date （2025年2月25日）, the issuing organ or
        # a 文号 under the title, above the addressee; a report to a people's
        # congress its occasion and speaker.
        if companions < MAX_COMPANIONS and _TITLE_COMPANION.fullmatch(text):
            companions += 1
            if occasion is None and _OCCASION.fullmatch(text):
                occasion = i + 1
            continue
        break
    while body_start <= len(lines) and not lines[body_start - 1].strip():
        body_start += 1
    date_line = None
    organs: list[int] = []
    # An attachment after the 成文日期 (附件 on a line of its own) is not the end of the report.
    after_cover = max(body_start, cover_end + 1)
    end = next((n for n in range(after_cover, len(lines) + 1) if ATTACHMENT_TITLE.fullmatch(lines[n - 1])), len(lines) + 1) - 1
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
    return Layout(title, addressee, body_start, tuple(organs), date_line, occasion)

"""Heading markers and the outline tree built from them.

A heading is a line that starts with a numbering marker: 一、 （一） 1. 1、 （1）
① and their half-width or malformed variants. Depth is not read from the style
alone, because real drafts mix styles: a （1） among （二） siblings is still a
sibling. Depth comes from these clues, in this order: a style already open at
some level, a level just closed whose numbers the marker continues (a running
sequence: （一）1. 2.（二）3.), a number that continues an open level's
sequence, and a number 1 that opens a new child level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# GB/T 9704-2012 7.3.3: the four heading levels, in order.
GB_STYLES: tuple[str, ...] = ("cn_dun", "cn_paren", "arabic_dot", "arabic_paren")

STYLE_EXAMPLES: dict[str, str] = {
    "cn_dun": "一、",
    "cn_paren": "（一）",
    "arabic_dot": "1.",
    "arabic_dun": "1、",
    "arabic_paren": "（1）",
    "arabic_rparen": "1）",
    "circled": "①",
}

# Styles that look alike (same separator shape), used to break ties between
# levels whose sequences a marker could continue.
_SHAPE: dict[str, str] = {
    "cn_dun": "dun",
    "arabic_dun": "dun",
    "arabic_dot": "dun",
    "cn_paren": "paren",
    "arabic_paren": "paren",
    "arabic_rparen": "paren",
    # ① ② are enclosed numbers like （1） （2）: a ② among （1）…（3） continues them.
    "circled": "paren",
}

# What a line holds when it is only layout (no text of its own).
_BLANK = " \t\u3000\u00a0\r\n"

_CN_DIGITS = "零〇一二三四五六七八九十百"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Word exports sometimes leave a bookmark before the marker; the outline must
# still see the heading (A501 reports the residue itself).
_LEADING_RESIDUE = re.compile(r"(?:\[(?:bookmark|anchor)[^\]\n]*\])+")
# Before a marker: indentation, invisible characters pasted in from web pages
# or left by joined files (A504 reports them), and a Markdown heading's hashes
# (## 一、…), which .md drafts and text pasted from them carry.
_INDENT = re.compile(r"[ \t\u3000\u00a0\u200b-\u200d\u2060\ufeff]*(?:#{1,6}[ \t]+)?[ \t\u3000\u00a0]*")

_MARKER = re.compile(
    r"""
    (?P<paren>
        (?P<open>[（(])[ \u3000]*
        (?:(?P<pcn>[零〇一二三四五六七八九十百]{1,4})|(?P<pnum>[0-9０-９]{1,2}))
        [ \u3000]*(?P<close>[）)])
    )
    | (?P<cnclose>(?P<ccnum>[零〇一二三四五六七八九十百]{1,4})[ \u3000]*[）)])
    | (?P<cn>(?P<cnnum>[零〇一二三四五六七八九十百]{1,4})(?P<cnsp>[ \u3000]*)(?P<cnsep>[、.．，,]))
    | (?P<ar>(?P<arnum>[0-9０-９]{1,2})(?P<arsp>[ \u3000]*)(?P<arsep>[、)）]|[.．](?![0-9０-９])))
    | (?P<circ>[①-⑳])
    """,
    re.VERBOSE,
)
_AFTER_SPACE = re.compile(r"[ \t\u3000]+")
# 附件：1.…表 (the attachment note, GB/T 9704 7.3.4, above the 落款) and
# 附件 / 附件1 on a line of its own (an attachment, after the 成文日期): the
# outline of the report has ended; their numbered lines are no headings.
ATTACHMENT_NOTE = re.compile(r"[ \t\u3000]*附件[:：]")
ATTACHMENT_TITLE = re.compile(r"[ \t\u3000]*附件[ \t\u3000]*[0-9０-９一二三四五六七八九十]*[ \t\u3000]*")


def starts_attachments(text: str) -> bool:
    """The line is the attachment note or the first line of an attachment."""
    return bool(ATTACHMENT_NOTE.match(text) or ATTACHMENT_TITLE.fullmatch(text))
# 一、二季度 (the first and second quarters) is body text, not heading 一.
_NOT_A_HEADING_AFTER_CN = re.compile(r"[一二三四五六七八九十]+(?:季度|季|月份|月|年级)")
# （一）、 : punctuation after a bracketed marker is redundant.
_AFTER_PAREN = "、，,.．"
_SENTENCE_END = re.compile(r"[。！？；!?;]")


@dataclass(frozen=True)
class Heading:
    """A numbered line and its place in the outline.

    Columns are 0-based code-point offsets into the line; `line` is 1-based.
    """

    index: int
    line: int
    style: str
    number: int
    marker: str
    marker_start: int
    marker_end: int
    canonical: str
    problems: tuple[str, ...]
    text: str
    title: str
    depth: int
    parent: int | None
    preamble: bool = False

    @property
    def body_start(self) -> int:
        """Column where the heading's own text begins (after marker and spaces)."""
        return self.marker_end + self.space_after

    space_after: int = field(default=0)


def cn_to_int(numeral: str) -> int | None:
    """Value of a Chinese numeral of heading size (一 to 九十九, 百)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if numeral == "百":
        return 100
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        t = digits.get(tens, -1) if tens else 1
        o = digits.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    if len(numeral) == 1 and numeral in digits:
        return digits[numeral]
    return None


def int_to_cn(value: int) -> str:
    """Chinese numeral for 1..99, as written in heading markers."""
    names = "零一二三四五六七八九"
    if value < 10:
        return names[value]
    tens, ones = divmod(value, 10)
    return ("" if tens == 1 else names[tens]) + "十" + (names[ones] if ones else "")


@dataclass(frozen=True)
class _Marker:
    line: int
    style: str
    number: int
    marker: str
    start: int
    end: int
    canonical: str
    problems: tuple[str, ...]
    text: str
    space_after: int


def parse_marker(line_text: str, line_number: int) -> _Marker | None:
    """Recognise a heading marker at the start of a line (after indentation)."""
    pos = _INDENT.match(line_text).end()  # type: ignore[union-attr]
    residue = _LEADING_RESIDUE.match(line_text, pos)
    if residue:
        pos = _INDENT.match(line_text, residue.end()).end()  # type: ignore[union-attr]
    m = _MARKER.match(line_text, pos)
    if m is None:
        return None
    problems: list[str] = []
    if m.group("paren"):
        if m.group("pcn"):
            style, number = "cn_paren", cn_to_int(m.group("pcn"))
            canonical = f"（{m.group('pcn')}）"
        else:
            style, number = "arabic_paren", int(m.group("pnum"))
            canonical = f"（{number}）"
        if m.group("open") != "（" or m.group("close") != "）":
            problems.append("brackets")
        if " " in m.group("paren") or "\u3000" in m.group("paren"):
            problems.append("inner_space")
        if line_text[m.end() : m.end() + 1] in tuple(_AFTER_PAREN):
            problems.append("punct_after")
    elif m.group("cnclose"):
        # 一）纵深推进… : a bracketed marker whose opening bracket was lost.
        style, number = "cn_paren", cn_to_int(m.group("ccnum"))
        canonical = f"（{m.group('ccnum')}）"
        problems.append("missing_open")
        if line_text[m.end() : m.end() + 1] in tuple(_AFTER_PAREN):
            problems.append("punct_after")
    elif m.group("cn"):
        style, number = "cn_dun", cn_to_int(m.group("cnnum"))
        canonical = f"{m.group('cnnum')}、"
        if m.group("cnsep") != "、":
            problems.append("separator")
        if m.group("cnsp"):
            problems.append("inner_space")
    elif m.group("ar"):
        number = int(m.group("arnum"))
        sep = m.group("arsep")
        style = {"、": "arabic_dun", ".": "arabic_dot", "．": "arabic_dot"}.get(sep, "arabic_rparen")
        canonical = f"{number}{sep}"
        if m.group("arsp"):
            problems.append("inner_space")
    else:
        style, number = "circled", _CIRCLED.index(m.group("circ")) + 1
        canonical = m.group("circ")
    if number is None or number == 0:
        return None
    end = m.end() + (1 if "punct_after" in problems else 0)
    after = _AFTER_SPACE.match(line_text, end)
    space_after = after.end() - end if after else 0
    rest = line_text[end + space_after :]
    if style == "cn_dun" and _NOT_A_HEADING_AFTER_CN.match(rest):
        return None
    if not rest.strip():
        # A bare number on its own line is not a heading (page numbers, lists).
        return None
    if space_after and style != "arabic_dot":
        problems.append("space_after")
    return _Marker(
        line=line_number,
        style=style,
        number=number,
        marker=line_text[m.start() : end],
        start=m.start(),
        end=end,
        canonical=canonical,
        problems=tuple(problems),
        text=rest.rstrip(),
        space_after=space_after,
    )


def heading_title(text: str) -> str:
    """The heading proper: text up to the first sentence end, trailing marks cut.

    Headings often carry body text on the same line ("（一）加强组织领导。成立了…").
    """
    m = _SENTENCE_END.search(text)
    title = text[: m.start()] if m else text
    return title.strip().rstrip("，,：:、 \u3000")


# GB/T 9704 has four levels and drafts add one or two (① under （1））; a
# deeper outline is a misreading, and bounding it keeps every marker's depth
# choice to a fixed number of levels (a file of 50,000 markers cycling through
# the styles would otherwise build a tree 50,000 deep).
MAX_DEPTH = 8


@dataclass
class _Level:
    """An open level while the tree is built (local to build_outline)."""

    styles: set[str]
    last_number: int
    heading_index: int
    preamble: bool = False


def _choose_depth(
    levels: list[_Level],
    closed: dict[int, _Level],
    marker: _Marker,
    following: _Marker | None = None,
    right_under_heading: bool = False,
) -> int:
    same_style = [d for d, lv in enumerate(levels) if marker.style in lv.styles]
    if same_style:
        depth = same_style[-1]
        # A new "1" in a style that is open higher up but not at the deepest
        # level starts a deeper list (1、 under （一） under a 1、 top level).
        if marker.number == 1 and depth < len(levels) - 1:
            return len(levels)
        # 一、主要措施 then at once 一、强化领导: a heading with no text of its
        # own followed by a first item in its own style opens a sub-list
        # written in the parent's style (N201 asks for （一）), not a repeat.
        if marker.number == 1 and right_under_heading and not levels[depth].preamble:
            return len(levels)
        # With the same style open at two depths (一、 over 一、 二、), the
        # number says which list it continues: 二、存在的不足 after the
        # sub-list's 二、 is the parent's second item.
        continuing = [d for d in same_style if marker.number == levels[d].last_number + 1]
        if continuing:
            return continuing[-1]
        return depth
    # （一）1. 2.（二）3.: the 1. level closed at （二） and 3. continues it. Some
    # reports number a level as one running sequence across its parents; the
    # marker is a child of the new parent, not a sibling of a level above that
    # merely looks alike (3. is no third 一、).
    below = closed.get(len(levels))
    if below is not None and marker.style in below.styles and marker.number == below.last_number + 1:
        return len(levels)
    shape = _SHAPE[marker.style]
    alike = [d for d, lv in enumerate(levels) if any(_SHAPE[s] == shape for s in lv.styles)]
    # A sequence continues across numerals ((2) then (三)) but not across
    # shapes: a (二) right under 一、 is a sub-list that skipped (一).
    continuing = [d for d in alike if marker.number == levels[d].last_number + 1]
    if continuing:
        depth = continuing[-1]
        # A marker is not a sibling at a depth where the next heading then
        # fails to continue an open list: （3） after 1. 2. and before （三）
        # would make （三） a repeat, and 3. between （一） and （二） would leave
        # （二） continuing nothing. It belongs to a deeper list: one it
        # continues in the wrong style, or a new one numbered wrongly.
        if following is not None and _continues_from(levels, depth, following):
            deeper = [d for d in range(depth + 1, len(levels)) if marker.number == levels[d].last_number + 1]
            return deeper[-1] if deeper else len(levels)
        return depth
    if alike and marker.number != 1:
        # （3） after 1. 2. under （一）: the （一） list does not continue at 3, the
        # 1. list does; it is that list's third item in the wrong style.
        deeper = [d for d in range(alike[-1] + 1, len(levels)) if marker.number == levels[d].last_number + 1]
        if deeper and not (following is not None and _continues_from(levels, deeper[-1], following)):
            return deeper[-1]
        # 2. between （一） and （二）: neither the third 一、 nor the second
        # （一）, since （二） follows; a new list numbered wrongly.
        if following is not None and _continues_from(levels, alike[-1] + 1, following):
            return len(levels)
    if marker.number == 1 and levels and levels[-1].preamble:
        # A numbered introduction is never a parent: 一、 after “1、…报告如下：” is top level.
        return len(levels) - 1
    if marker.number == 1 or not alike:
        return len(levels)
    return alike[-1]


def _continues_from(levels: list[_Level], depth: int, following: _Marker) -> bool:
    """Whether ``following`` continues an open level at ``depth`` or deeper."""
    return any(
        following.style in levels[d].styles and following.number == levels[d].last_number + 1
        for d in range(depth, len(levels))
    )


def _is_preamble(marker: _Marker, first: bool, cues: tuple[str, ...]) -> bool:
    return first and any(cue in marker.text for cue in cues)


def build_outline(lines: Sequence[str], preamble_cues: tuple[str, ...] = (), start: int = 0) -> tuple[Heading, ...]:
    """Parse every line's marker and arrange the headings into a tree.

    `start` (0-based) is where the report begins: after a cover letter whose
    附件 line names the report (layout.cover_letter_end), not at that 附件 line.
    """
    headings: list[Heading] = []
    levels: list[_Level] = []
    closed: dict[int, _Level] = {}  # the level most recently closed at each depth
    end = next((n for n, text in enumerate(lines) if n > start and starts_attachments(text)), len(lines))
    markers = [
        m for number, text in enumerate(lines[:end], start=1) if number > start and (m := parse_marker(text, number)) is not None
    ]
    previous_line = 0
    for marker, following in zip(markers, [*markers[1:], None]):
        number = marker.line
        right_under_heading = previous_line > 0 and not any(
            lines[n - 1].strip(_BLANK) for n in range(previous_line + 1, number)
        )
        depth = min(_choose_depth(levels, closed, marker, following, right_under_heading), MAX_DEPTH - 1)
        previous_line = number
        for gone in range(depth + 1, len(levels)):
            closed[gone] = levels[gone]
        del levels[depth + 1 :]
        index = len(headings)
        preamble = depth == 0 and _is_preamble(marker, index == 0, preamble_cues)
        if depth == len(levels):
            levels.append(_Level({marker.style}, marker.number, index, preamble))
        else:
            level = levels[depth]
            level.styles.add(marker.style)
            level.last_number = marker.number
            level.heading_index = index
            level.preamble = preamble
        parent = levels[depth - 1].heading_index if depth > 0 else None
        headings.append(
            Heading(
                index=index,
                line=number,
                style=marker.style,
                number=marker.number,
                marker=marker.marker,
                marker_start=marker.start,
                marker_end=marker.end,
                canonical=marker.canonical,
                problems=marker.problems,
                text=marker.text,
                title=heading_title(marker.text),
                depth=depth,
                parent=parent,
                preamble=preamble,
                space_after=marker.space_after,
            )
        )
    return tuple(headings)


def render_marker(style: str, number: int) -> str:
    """The marker for `number` in a style, as GB/T 9704 writes it."""
    if style == "cn_dun":
        return f"{int_to_cn(number)}、"
    if style == "cn_paren":
        return f"（{int_to_cn(number)}）"
    if style == "arabic_dot":
        return f"{number}."
    if style == "arabic_dun":
        return f"{number}、"
    if style == "arabic_paren":
        return f"（{number}）"
    if style == "arabic_rparen":
        return f"{number}）"
    return _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else str(number)

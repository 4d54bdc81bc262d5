"""Word's automatic numbering (w:numPr) rendered to the text a reader sees.

A heading numbered by Word holds no number in its text; the number comes from
the numbering definitions (word/numbering.xml): the paragraph names a list
(numId) and a level (ilvl), the list points to an abstract definition whose
level gives a start value, a format (chineseCounting → 一, decimal → 1) and a
template such as "%1、" or "（%2）". Counters run through the document in order.

Where a number cannot be resolved, `render` returns the reason instead of a
guess, and the reader records it as a SourceProblem (rule A505).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lzlint.sources.number_formats import FORMATS

Element = Any  # an lxml element of the WordprocessingML tree
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element: Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(W + name)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    template: str
    legal: bool  # isLgl: every level shown as decimal (1.1.1)


def _level(lvl: Element) -> Level:
    return Level(
        start=_int(_val(lvl.find(W + "start")), 1),
        fmt=_val(lvl.find(W + "numFmt")) or "decimal",
        template=_val(lvl.find(W + "lvlText")) or "",
        legal=lvl.find(W + "isLgl") is not None,
    )


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters of a reading pass."""

    abstracts: dict[str, Element]
    nums: dict[str, Element]
    styles: dict[str, Element]
    has_part: bool
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    # Style resolution, remembered per style: done per paragraph it made 5,000
    # styles x 20,000 paragraphs, or a 2,000-deep basedOn chain, take minutes.
    resolved: dict[str | None, tuple[str | None, str | None]] = field(default_factory=dict)
    default_style: list[str | None] = field(default_factory=list)

    @classmethod
    def from_parts(cls, numbering: Element | None, styles: Element | None) -> Numbering:
        abstracts = {} if numbering is None else {_val(a, "abstractNumId"): a for a in numbering.iterfind(W + "abstractNum")}
        nums = {} if numbering is None else {_val(n, "numId"): n for n in numbering.iterfind(W + "num")}
        style_map = {} if styles is None else {_val(s, "styleId"): s for s in styles.iterfind(W + "style")}
        return cls(abstracts, nums, style_map, numbering is not None)  # type: ignore[arg-type]

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        """numId and ilvl a paragraph style (or a style it is based on) gives.

        Each style's answer is remembered, and a chain is walked only up to a
        style already answered: 5,000 styles x 20,000 paragraphs, or a
        2,000-deep basedOn chain, took minutes when walked per paragraph.
        """
        chain: list[tuple[str, str | None, str | None]] = []
        seen: set[str] = set()
        inherited: tuple[str | None, str | None] = (None, None)
        while style_id:
            if style_id in self.resolved:
                inherited = self.resolved[style_id]
                break
            style = self.styles.get(style_id)
            if style is None or style_id in seen:  # a missing style, or a loop of basedOn
                break
            seen.add(style_id)
            num_pr = style.find(f"{W}pPr/{W}numPr")
            own = (None, None) if num_pr is None else (_val(num_pr.find(W + "numId")), _val(num_pr.find(W + "ilvl")))
            chain.append((style_id, *own))
            style_id = _val(style.find(W + "basedOn"))
        num_id, ilvl = inherited
        for sid, own_num, own_ilvl in reversed(chain):
            # A style's own value wins over what it is based on.
            num_id, ilvl = own_num or num_id, own_ilvl or ilvl
            self.resolved[sid] = (num_id, ilvl)
        return num_id, ilvl

    def _default_style(self) -> str | None:
        if not self.default_style:
            self.default_style.append(self._find_default_style())
        return self.default_style[0]

    def _find_default_style(self) -> str | None:
        for style_id, style in self.styles.items():
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                return style_id
        return None

    def paragraph_numbering(self, p: Element) -> tuple[str, int] | None:
        """(numId, level) of a paragraph's automatic number, or None if it has none."""
        p_pr = p.find(W + "pPr")
        num_pr = None if p_pr is None else p_pr.find(W + "numPr")
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _val(num_pr.find(W + "numId"))
            ilvl = _val(num_pr.find(W + "ilvl"))
        style_id = _val(None if p_pr is None else p_pr.find(W + "pStyle")) or self._default_style()
        style_num, style_ilvl = self._style_num_pr(style_id)
        num_id = num_id or style_num
        if num_id is None or num_id == "0":  # numId 0 switches numbering off
            return None
        return num_id, _int(ilvl or style_ilvl, 0)

    def _abstract(self, num: Element) -> Element | None:
        abstract = self.abstracts.get(_val(num.find(W + "abstractNumId")) or "")
        link = _val(None if abstract is None else abstract.find(W + "numStyleLink"))
        if link is not None:  # the definition lives with a numbering style
            linked_num, _ = self._style_num_pr(link)
            target = self.nums.get(linked_num) if linked_num else None
            abstract = None if target is None else self.abstracts.get(_val(target.find(W + "abstractNumId")) or "")
        return abstract

    def _levels(self, num: Element, abstract: Element) -> dict[int, Level]:
        levels = {_int(_val(lvl, "ilvl"), 0): _level(lvl) for lvl in abstract.iterfind(W + "lvl")}
        for override in num.iterfind(W + "lvlOverride"):
            index = _int(_val(override, "ilvl"), 0)
            replaced = override.find(W + "lvl")
            if replaced is not None:
                levels[index] = _level(replaced)
            start = _val(override.find(W + "startOverride"))
            if start is not None and index in levels:
                old = levels[index]
                levels[index] = Level(_int(start, old.start), old.fmt, old.template, old.legal)
        return levels

    def render(self, num_id: str, ilvl: int) -> tuple[str, str | None]:
        """The number text for the next paragraph of list `num_id` at `ilvl`, or ("", reason)."""
        if not self.has_part:
            return "", "文档没有编号定义（numbering.xml）"
        num = self.nums.get(num_id)
        if num is None:
            return "", f"编号定义 numId={num_id} 不存在"
        abstract = self._abstract(num)
        if abstract is None:
            return "", f"编号 numId={num_id} 指向的编号模板不存在"
        levels = self._levels(num, abstract)
        if ilvl not in levels:
            return "", f"编号 numId={num_id} 没有第 {ilvl + 1} 级"
        # Lists restarted by an override count on their own; others share their template's counters.
        key = num_id if num.find(W + "lvlOverride") is not None else "abstract:" + str(_val(abstract, "abstractNumId"))
        counters = self.counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        return _fill(levels, counters, ilvl)


def _fill(levels: dict[int, Level], counters: dict[int, int], ilvl: int) -> tuple[str, str | None]:
    """Replace %1…%9 in the level's template with the formatted counters."""
    level = levels[ilvl]
    if level.fmt == "bullet":
        return level.template, None
    out: list[str] = []
    template = level.template
    i = 0
    while i < len(template):
        if template[i] == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
            ref = int(template[i + 1]) - 1
            ref_level = levels.get(ref)
            if ref_level is None:
                return "", f"编号模板“{template}”引用了不存在的第 {ref + 1} 级"
            fmt = "decimal" if level.legal and ref != ilvl else ref_level.fmt
            formatter: Callable[[int], str | None] | None = FORMATS.get(fmt)
            value = counters.get(ref, ref_level.start)
            text = None if formatter is None else formatter(value)
            if text is None:
                return "", f"编号格式 {fmt} 无法表示 {value}" if formatter else f"编号格式 {fmt} 不受支持"
            out.append(text)
            i += 2
        else:
            out.append(template[i])
            i += 1
    return "".join(out), None

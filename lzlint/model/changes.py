"""Stated changes and the two values a sentence gives for them (Q304).

A *change statement* names an old value, a new value and the change between
them, all about one quantity: 由80件增至90件，增长12.5%; 从95%提高到97%，提高2个
百分点; 较上年的120件下降到96件，下降20%; 受理90件，比上年的80件增长12.5%;
受理90件，上年同期为80件，同比增长12.5%. The change must follow the values
directly (a comma and 同比 at most between them): 由80件增至90件，其中行政处罚
增长15% states the change of another quantity and is no change statement.

What counts as a verb of change, a period (上年, 去年) or a unit is data in
the rule's YAML; this module only builds the patterns from it and computes.
Values are compared as intervals, so 1.2万件 (a figure rounded to the
hundred) is read as 11,500 to 12,500 and a change is accepted if any value
within them gives it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

_DIGITS = "0-9０-９"
_NUM = rf"[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?"
_TO_ASCII = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# A clause may hold a figure's label but no break: the values must be of one clause.
# A figure other than a year (2024年): another count in the clause.
_FIGURE = re.compile(rf"[{_DIGITS}](?![{_DIGITS}]*年)")
_NO_BREAK = rf"[^{_DIGITS}，,。；;！？!?%％、（）()：:]"


@dataclass(frozen=True)
class ChangeWords:
    """The keywords of the rule, as the YAML gives them."""

    rising: tuple[str, ...]  # 增加, 增长, 提高 … (verbs that move a value up)
    falling: tuple[str, ...]  # 下降, 减少, 压缩 …
    to: tuple[str, ...]  # 至, 到, 为: what makes 增加 a move to a value, not by an amount
    periods: tuple[str, ...]  # 上年, 去年 …: what an old value is compared from
    comparators: tuple[str, ...]  # 同比, 较上年 …: may stand between the values and the change
    rising_names: tuple[str, ...]  # 增幅, 增长率 …: a change named, not a verb
    falling_names: tuple[str, ...]  # 降幅 …
    units: tuple[str, ...]  # what a value is counted in: 件, 人次, 万元 …
    bounds: tuple[str, ...]  # 以上, 左右 …: the change is a bound, not a figure
    opposites: tuple[tuple[str, str], ...]  # 增长 ↔ 下降, for a change stated the wrong way


@dataclass(frozen=True)
class Value:
    """A value as written (80件, 95%), with the interval its rounding allows."""

    text: str
    exact: Fraction
    low: Fraction
    high: Fraction
    unit: str  # "%" for a percentage; "" where the text gives none (由80增至90件)


@dataclass(frozen=True)
class StatedChange:
    text: str  # 增长15%
    verb: str  # 增长, or the name (增幅)
    direction: int  # +1 up, -1 down
    amount: Fraction
    decimals: int
    points: bool  # 个百分点 rather than %
    start: int  # offsets into the sentence, end exclusive
    end: int

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        """Amounts that round or truncate to the stated figure, as Q301 reads a rate: [low, high)."""
        unit = Fraction(1, 10**self.decimals)
        return self.amount - unit / 2, self.amount + unit


@dataclass(frozen=True)
class Change:
    old: Value
    new: Value
    stated: StatedChange
    move: str  # the verb of the values (增至, 下降到), for the message


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class ChangePatterns:
    from_to: re.Pattern[str]  # 由80件增至90件, 较上年的120件下降到96件
    compared: re.Pattern[str]  # 90件，比上年的80件 (the change follows)
    given: re.Pattern[str]  # 90件，上年同期为80件 / 90件（上年同期80件）
    stated: re.Pattern[str]  # ，同比增长12.5% right after the values


@functools.cache
def compile_patterns(words: ChangeWords) -> ChangePatterns:
    """The patterns of one rule's words, compiled once per run (the words are a frozen value)."""
    units = _alternatives((*words.units, "%", "％"))
    # 3个百分点 and 5个工作日 are no values of 个; a unit never runs on into another word.
    unit_end = r"(?!百分点|月|工作日|小时)"
    value = rf"(?<![{_DIGITS}.．第月])(?P<{{n}}>{_NUM})(?P<{{n}}_wan>万|亿)?(?P<{{n}}_unit>{units}){unit_end}"
    old_value = rf"(?<![{_DIGITS}.．第月])(?P<old>{_NUM})(?P<old_wan>万|亿)?(?P<old_unit>{units})?{unit_end}"
    new_value = value.format(n="new")
    moves = _alternatives((*words.rising, *words.falling))
    periods = _alternatives(words.periods)
    to = _alternatives(words.to)
    from_to = re.compile(
        rf"(?:由|从|(?:较|比)(?=(?:{periods}|[{_DIGITS}]{{4}}年)))"
        rf"(?:[{_DIGITS}]{{4}}年)?{_NO_BREAK}{{0,10}}?{old_value}"
        rf"(?P<move>(?:{moves})(?:{to}))(?:[{_DIGITS}]{{4}}年)?{_NO_BREAK}{{0,6}}?{new_value}"
    )
    compared = re.compile(
        rf"{new_value}[，,]?(?:较|比)(?:{periods})(?:同期)?的?{old_value}"
    )
    given = re.compile(
        rf"{new_value}(?:[，,]|[（(])(?:{periods})(?:同期)?(?:全年)?(?:为|是|有|共)?{old_value}[）)]?"
    )
    comparators = _alternatives(words.comparators)
    verbs = _alternatives((*words.rising, *words.falling))
    names = _alternatives((*words.rising_names, *words.falling_names))
    bounds = _alternatives(words.bounds)
    stated = re.compile(
        rf"[，,、]?(?:{comparators})?"
        rf"(?:(?P<verb>{verbs})了?|(?P<name>{names})(?:为|达|达到|是)?)"
        rf"(?P<amount>{_NUM})\s*(?P<unit>[%％]|个百分点)(?![{_DIGITS}]|{bounds})"
    )
    return ChangePatterns(from_to, compared, given, stated)


def _number(text: str) -> Fraction:
    return Fraction(Decimal(text.translate(_TO_ASCII)))


def _value(m: re.Match[str], name: str, fallback_unit: str) -> Value:
    digits = m.group(name).translate(_TO_ASCII)
    scale = {"万": 10_000, "亿": 100_000_000}.get(m.group(f"{name}_wan") or "", 1)
    unit = (m.group(f"{name}_unit") or "").translate(_TO_ASCII)
    exact = Fraction(Decimal(digits)) * scale
    # A figure in 万 or 亿 is rounded to its last digit: 1.2万 is 11,500 to 12,500.
    slack = Fraction(scale, 2 * 10 ** len(digits.partition(".")[2])) if scale > 1 else Fraction(0)
    text = m.group(name) + (m.group(f"{name}_wan") or "") + (m.group(f"{name}_unit") or fallback_unit)
    return Value(text, exact, exact - slack, exact + slack, unit)


def _stated(m: re.Match[str], words: ChangeWords) -> StatedChange | None:
    amount = m.group("amount").translate(_TO_ASCII)
    verb = m.group("verb") or m.group("name")
    if verb in words.rising or verb in words.rising_names:
        direction = 1
    elif verb in words.falling or verb in words.falling_names:
        direction = -1
    else:  # pragma: no cover - the pattern is built from these words
        return None
    start = m.start("verb") if m.group("verb") else m.start("name")
    return StatedChange(
        text=m.string[start : m.end()],
        verb=verb,
        direction=direction,
        amount=_number(amount),
        decimals=len(amount.partition(".")[2]),
        points=m.group("unit") == "个百分点",
        start=start,
        end=m.end(),
    )


def _pairs(text: str, patterns: ChangePatterns) -> Iterator[tuple[re.Match[str], str]]:
    """Every pair of values, with the verb that moves one to the other (empty: a plain comparison)."""
    for m in patterns.from_to.finditer(text):
        # 复议由80件增至90件、诉讼由60件增至75件，增长…: with another figure in the
        # clause before the pair, the change may be of both together.
        clause_start = max(text.rfind(sep, 0, m.start()) for sep in "，,；;。：:") + 1
        if _FIGURE.search(text, clause_start, m.start()):
            continue
        yield m, m.group("move")
    for pattern in (patterns.compared, patterns.given):
        for m in pattern.finditer(text):
            # The new value must be the only one of its unit in its clause: in 受理90件、办结85件，
            # 比上年的80件增长… it is not clear which the old value is compared with.
            clause_start = max(text.rfind(sep, 0, m.start()) for sep in "，,；;。：:（(") + 1
            clause = text[clause_start : m.start("new")]
            if re.search(rf"[{_DIGITS}](?:万|亿)?{re.escape(m.group('new_unit'))}", clause):
                continue
            yield m, ""


def find_changes(text: str, words: ChangeWords) -> tuple[Change, ...]:
    """The change statements of one sentence whose two values are both given."""
    patterns = compile_patterns(words)
    found = []
    for pair, move in _pairs(text, patterns):
        stated_match = patterns.stated.match(text, pair.end())
        if stated_match is None:
            continue
        new = _value(pair, "new", "")
        old = _value(pair, "old", pair.group("new_unit"))
        if old.unit and old.unit != new.unit:
            continue  # 由3个增至12人: two quantities, not one
        stated = _stated(stated_match, words)
        if stated is None:
            continue
        found.append(Change(old, new, stated, move))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Verdict:
    """What the values give, for a change that disagrees with them."""

    verb: str  # the verb the right change takes (增长, or 下降 where the values fall)
    amount: Fraction  # the size of the change: % or, for percentages, 个百分点
    points: bool
    relative: Fraction | None  # for percentages, the relative change as well


def _opposite(verb: str, words: ChangeWords) -> str:
    for a, b in words.opposites:
        if verb == a:
            return b
        if verb == b:
            return a
    return "增长" if verb in (*words.falling, *words.falling_names) else "下降"


def _accepts(stated: StatedChange, low: Fraction, high: Fraction) -> bool:
    """Whether some signed change in [low, high] reads as the stated change."""
    a, b = stated.bounds
    if stated.direction > 0:
        return low < b and a <= high
    return -b < high and low <= -a


def _relative(change: Change) -> tuple[Fraction, Fraction, Fraction] | None:
    """The relative change in %: as written, and the least and most the values' rounding allows."""
    old, new = change.old, change.new
    if old.low <= 0:
        return None  # a change from nothing has no relative size
    return (
        100 * (new.exact - old.exact) / old.exact,
        100 * (new.low - old.high) / old.high,
        100 * (new.high - old.low) / old.low,
    )


def judge(change: Change, words: ChangeWords) -> Verdict | None:
    """None when the stated change agrees with the values at its precision, else what it should say.

    A change of percentages may be stated in 个百分点 (the difference) or in %,
    which is read either way: 从95%提高到97%，提高2.1% (relative, 2.105%) and
    从60%提高到80%，提高20% (the difference, loosely written with %) both stand.
    A change of counts is relative; one stated in 个百分点 is of another
    quantity and is not judged.
    """
    old, new, stated = change.old, change.new, change.stated
    if new.exact == old.exact:
        return None
    percentages = new.unit == "%"
    difference = new.exact - old.exact
    relative = _relative(change)
    if stated.points:
        if not percentages or _accepts(stated, difference, difference):
            return None
    elif percentages:
        if _accepts(stated, difference, difference) or (relative and _accepts(stated, relative[1], relative[2])):
            return None
    elif relative is None or _accepts(stated, relative[1], relative[2]):
        return None
    rising = difference > 0
    verb = stated.verb if rising == (stated.direction > 0) else _opposite(stated.verb, words)
    if verb in (*words.rising_names, *words.falling_names):
        verb = "增长" if rising else "下降"
    if percentages:
        return Verdict(verb, abs(difference), True, abs(relative[0]) if relative else None)
    assert relative is not None
    return Verdict(verb, abs(relative[0]), False, None)

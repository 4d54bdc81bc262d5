"""Counts and rates in a sentence, and how a rate relates to its counts.

A *count* is a whole number followed by a measure word (80起, 122件次, 13名),
together with the clause before it (the verb phrase that says what was
counted). A *rate* is a name ending in 率 followed by a percentage
(调解成功率95%). Years, months, dates, ordinals (第3), ranges (3至5件),
decimals and numbers without a measure word (12345 热线) are never counts.

Rates are compared exactly (Fraction) at the precision they are written
with: 95% stands for anything that rounds or truncates to 95, [94.5, 96).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lzlint.model.lexicon import Lexicon, ShareRate

_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?、（(]")
_DIGITS = "0-9０-９"


@dataclass(frozen=True)
class Count:
    value: int
    approximate: bool  # 120余人, 20多次: a lower bound, not a count
    unit: str
    unit_class: str
    clause: str  # the clause text before the number
    start: int  # offsets into the sentence text, end exclusive
    end: int
    after: str = ""  # the rest of the clause after the count (118起已成功化解)
    # How far the true count may lie from `value`: 2.33万 states 23,300 ± 50.
    tolerance: int = 0


@dataclass(frozen=True)
class Rate:
    name: str
    text: str  # the number as written, "95.36"
    value: Fraction
    decimals: int
    share: ShareRate | None  # None: not a share (增长率 …), never checked
    start: int
    end: int
    clause: str = ""  # the clause up to the figure: 比上年同期按时办结率

    @property
    def bounds(self) -> tuple[Fraction, Fraction]:
        """Values that round or truncate to the stated figure: [low, high)."""
        unit = Fraction(1, 10**self.decimals)
        return self.value - unit / 2, self.value + unit

    def accepts(self, percent: Fraction) -> bool:
        low, high = self.bounds
        return low <= percent < high

    def agrees_with(self, numerator: Count, base: Count) -> bool:
        """Whether the counts, within what their rounding allows (2.33万), can give this rate."""
        if not numerator.tolerance and not base.tolerance:
            return base.value > 0 and self.accepts(Fraction(100 * numerator.value, base.value))
        widest = base.value - base.tolerance
        if widest <= 0:
            return True  # a base that may be zero says nothing
        least = Fraction(100 * (numerator.value - numerator.tolerance), base.value + base.tolerance)
        most = Fraction(100 * (numerator.value + numerator.tolerance), widest)
        low, high = self.bounds
        return least < high and low <= most

    def producible_from(self, denominator: int) -> bool:
        """Whether some whole k in 0..denominator gives this rate as k/denominator."""
        if denominator <= 0:
            return False
        low, high = self.bounds
        k = max(0, math.ceil(low * denominator / 100))
        return k <= denominator and Fraction(100 * k, denominator) < high


@dataclass(frozen=True)
class Quantities:
    counts: tuple[Count, ...]
    rates: tuple[Rate, ...]


@dataclass(frozen=True)
class QuantityPatterns:
    """Regular expressions compiled once per lexicon."""

    count: re.Pattern[str]
    rate: re.Pattern[str]


def compile_patterns(lexicon: Lexicon) -> QuantityPatterns:
    units = sorted(lexicon.measure_class, key=len, reverse=True)
    count = re.compile(
        rf"(?<![{_DIGITS}.．:：/\-~～—第至到])([{_DIGITS}]+(?:[.．][{_DIGITS}]+)?万|[{_DIGITS}]+)(余|多)?({'|'.join(map(re.escape, units))})"
        # 3个月, 5个工作日, 2个百分点 are durations or differences, not counts.
        r"(?!月|工作日|小时|百分点|星期)"
    )
    links = sorted(lexicon.rate_links, key=len, reverse=True)
    rate = re.compile(
        rf"(?P<name>[\u4e00-\u9fff]{{1,16}}?率)(?:{'|'.join(map(re.escape, links))})?\s*"
        rf"(?P<num>[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?)\s*[%％]"
    )
    return QuantityPatterns(count, rate)


def _clause_before(text: str, position: int) -> str:
    start = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, position):
        start = m.end()
    return text[start:position]


def _clause_after(text: str, position: int) -> str:
    m = _CLAUSE_BREAK.search(text, position)
    return text[position : m.start() if m else len(text)]


def _count_value(written: str) -> int:
    """80 → 80; 1.2万 → 12000 (a figure in 万 is read at face value)."""
    digits = written.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    if digits.endswith("万"):
        return int(Decimal(digits[:-1]) * 10000)
    return int(digits)


def _count_tolerance(written: str) -> int:
    """Half the last stated digit of a figure in 万 (2.33万 → 50); an exact count has none."""
    if not written.endswith("万"):
        return 0
    digits = written[:-1].translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    decimals = len(digits.partition(".")[2])
    return int(Fraction(5000, 10**decimals))


def _share_rate(name: str, lexicon: Lexicon) -> ShareRate | None:
    matches = [s for s in lexicon.share_rates if name.endswith(s.suffix)]
    return max(matches, key=lambda s: len(s.suffix)) if matches else None


def extract(text: str, lexicon: Lexicon, patterns: QuantityPatterns) -> Quantities:
    """All counts and rates in one sentence."""
    counts = []
    for m in patterns.count.finditer(text):
        counts.append(
            Count(
                value=_count_value(m.group(1)),
                tolerance=_count_tolerance(m.group(1)),
                approximate=m.group(2) is not None,
                unit=m.group(3),
                unit_class=lexicon.measure_class[m.group(3)],
                clause=_clause_before(text, m.start()),
                start=m.start(),
                end=m.end(),
                after=_clause_after(text, m.end()),
            )
        )
    rates = []
    for m in patterns.rate.finditer(text):
        number = m.group("num").translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        decimals = len(number.partition(".")[2])
        name = m.group("name")
        # Keep the span on the rate's own name, not the whole run of text before it.
        trim = max(0, len(name) - 8)
        rates.append(
            Rate(
                name=name[trim:],
                text=number,
                value=Fraction(Decimal(number)),
                decimals=decimals,
                share=_share_rate(name, lexicon),
                start=m.start("name") + trim,
                end=m.end(),
                clause=_clause_before(text, m.start("num")),
            )
        )
    return Quantities(tuple(counts), tuple(rates))


def about_these_counts(rate: Rate, lexicon: Lexicon) -> bool:
    """Whether a rate may be computed from its sentence's counts.

    比上年同期按时办结率98.6%, 较2023年的调解成功率, 其中12345热线转办件办结率100%,
    下半年办结率: another period's or a subset's rate is not computed from them.
    """
    return not any(word in rate.clause for word in lexicon.other_scopes)


def numerator_cues(rate: Rate) -> tuple[str, ...]:
    """Words that mark the count a rate counts (成功 for 成功率)."""
    if rate.share is None:
        return ()
    if rate.share.numerator:
        return rate.share.numerator
    return (rate.share.suffix[-3:-1],)


def _compatible(a: Count, b: Count) -> bool:
    return a.unit_class == b.unit_class or "generic" in (a.unit_class, b.unit_class)


def _counts_what_rate_counts(rate: Rate, count: Count) -> bool:
    """参训率 counts people: 培训4期 is no numerator or base of it (generic 个 may be anything)."""
    wanted = rate.share.unit_class if rate.share is not None else None
    return wanted is None or count.unit_class in (wanted, "generic")


def _names(count: Count, cues: tuple[str, ...]) -> bool:
    return any(cue in count.clause or cue in count.after for cue in cues)


def _negated(count: Count, cues: tuple[str, ...], negations: tuple[str, ...]) -> bool:
    """未化解的9起, 调解不成功的4件, 超期办结5件: a count of what the rate does not count."""
    text = f"{count.clause}|{count.after}"
    return any(negation + cue in text for negation in negations for cue in cues)


def _exact(rate: Rate, counts: tuple[Count, ...]) -> list[Count]:
    """The exact counts of a sentence that may be about the rate (120余人 is a lower bound)."""
    return [c for c in counts if not c.approximate and _counts_what_rate_counts(rate, c)]


def _counted(rate: Rate, exact: list[Count], lexicon: Lexicon) -> list[Count]:
    """The counts of what the rate counts: they name it and do not deny it."""
    cues = numerator_cues(rate)
    return [c for c in exact if _names(c, cues) and not _negated(c, cues, lexicon.negations)]


def _bases(numerator: Count, exact: list[Count], base_cues: tuple[str, ...]) -> tuple[Count, ...]:
    """The counts a share of `numerator` may be computed over, likeliest first."""
    bases = [c for c in exact if c.end <= numerator.start and _compatible(c, numerator)]
    plausible = [c for c in bases if c.value >= numerator.value] or bases
    cued = [c for c in reversed(plausible) if _names(c, base_cues)]
    return tuple(dict.fromkeys([*cued[:1], *plausible]))


def pair_counts(rate: Rate, counts: tuple[Count, ...], lexicon: Lexicon) -> tuple[tuple[Count, tuple[Count, ...]], ...]:
    """The counts a share rate may count, each with the counts it may be computed over; likeliest first.

    A numerator is an exact count whose clause names what the rate counts
    (调解成功75宗, 118起已成功化解) and does not deny it (未化解的9起,
    调解不成功的4件, 超期办结5件): those before the rate from the nearest, or,
    when the rate comes first (结案率98%，共受理50件，结案47件), those after it.
    Its bases are the exact counts of the same kind before it, even one that
    names the same word (应参训120人，实际参训108人). A base holds at least
    what it counts, so counts smaller than the numerator are its siblings
    (受理40件，其中维持32件、纠错4件) and are left out while a larger one
    exists. Likeliest first: the nearest base that names a base cue (受理,
    排查, 共 …), then the others from the sentence's first, which usually
    states the whole. Empty when nothing is clear: a rate is never checked
    against counts it may not be about.
    """
    exact = _exact(rate, counts)
    named = _counted(rate, exact, lexicon)
    before = [c for c in reversed(named) if c.end <= rate.start]
    numerators = before or [c for c in named if c.start >= rate.end]
    pairs = ((n, _bases(n, exact, lexicon.base_cues)) for n in numerators)
    return tuple((n, bases) for n, bases in pairs if bases)


def split_totals(rate: Rate, counts: tuple[Count, ...], lexicon: Lexicon) -> tuple[int, ...]:
    """Bases a sentence gives only as a sum: what the rate counts plus what remains.

    办结35件，剩余1件正在办理中，办结率97.22%; 调解成功231件，未成功5件: the
    base (36, 236) is never written, but it is the sum of the two.
    """
    exact = _exact(rate, counts)
    cues = numerator_cues(rate)
    counted = _counted(rate, exact, lexicon)
    rest = [c for c in exact if _negated(c, cues, lexicon.negations) or any(w in c.clause for w in lexicon.remainders)]
    return tuple(n.value + r.value for n in counted for r in rest if r is not n)


def related_counts(rate: Rate, counts: tuple[Count, ...], base_cues: tuple[str, ...]) -> tuple[Count, ...]:
    """Exact counts before a rate, if any of them is plausibly what it is computed from.

    A sentence counts as computing the rate when one of its counts names what
    the rate counts (成功, 办结 …) or a base it is computed over (受理, 排查 …);
    otherwise its counts (开展讲座3场) say nothing about the rate (满意率).
    """
    # A survey figure (满意率) is about the people asked, not about the cases
    # handled in the same sentence: only a count that names it is related.
    numerator = numerator_cues(rate)
    cues = numerator + (() if rate.share is not None and rate.share.survey else base_cues)
    exact = _exact(rate, counts)
    if not any(_names(c, cues) for c in exact):
        return ()
    # A count of what the rate counts (审结380件 for 结案率) is its numerator, not a
    # base, unless it also names a base (应参训120人).
    return tuple(c for c in exact if not _names(c, numerator) or _names(c, base_cues))

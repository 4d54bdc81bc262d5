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

import functools
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lzlint.model.lexicon import Lexicon, ShareRate

_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?、（(]")
_DIGITS = "0-9０-９"
# Separators of digit groups in a count (1,278件; 29 757件, with a space or a thin space).
_GROUP = ", \u00a0\u2009\u202f"


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
    # A count the sentence implies as a sum (受理35件 + 上年结转5件): its summands.
    parts: tuple[Count, ...] = ()


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
            if base.value <= 0:
                return False
            # In whole numbers (a rate is compared with many pairs): with V the rate in
            # units of its last digit, low <= 100·n/b < high reads (2V-1)·b <= 200·n·10^d < 2(V+1)·b.
            scale: int = 10**self.decimals
            units = self.value.numerator * scale // self.value.denominator
            scaled = 200 * numerator.value * scale
            return (2 * units - 1) * base.value <= scaled < 2 * (units + 1) * base.value
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
    # Shares written after a count (…120件，占比40%): not named …率, so never in `rates`.
    portions: tuple[Rate, ...] = ()


@dataclass(frozen=True)
class QuantityPatterns:
    """Regular expressions compiled once per lexicon."""

    count: re.Pattern[str]
    rate: re.Pattern[str]
    portion: re.Pattern[str] | None = None


def compile_patterns(lexicon: Lexicon) -> QuantityPatterns:
    units = sorted(lexicon.measure_class, key=len, reverse=True)
    # 1,278件 and 29 757件 group their digits: the count is 1278, not 278 (nor 757).
    grouped = rf"[{_DIGITS}]{{1,3}}(?:[{_GROUP}][{_DIGITS}]{{3}})+(?![{_DIGITS}])"
    count = re.compile(
        rf"(?<![{_DIGITS}.．:：/\-~～—第至到])(?<![{_DIGITS}][{_GROUP}])"
        rf"([{_DIGITS}]+(?:[.．][{_DIGITS}]+)?万|{grouped}|[{_DIGITS}]+)(余|多)?({'|'.join(map(re.escape, units))})"
        # 3个月, 5个工作日, 2个百分点 are durations or differences, not counts.
        r"(?!月|工作日|小时|百分点|星期)"
    )
    links = sorted(lexicon.rate_links, key=len, reverse=True)
    rate = re.compile(
        rf"(?P<name>[\u4e00-\u9fff]{{1,16}}?率)(?:{'|'.join(map(re.escape, links))})?\s*"
        rf"(?P<num>[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?)\s*[%％]"
    )
    names = sorted(lexicon.portion_names, key=len, reverse=True)
    portion = (
        re.compile(
            rf"(?P<name>{'|'.join(map(re.escape, names))})(?:{'|'.join(map(re.escape, links))})?\s*"
            rf"(?P<num>[{_DIGITS}]+(?:[.．][{_DIGITS}]+)?)\s*[%％]"
        )
        if names
        else None
    )
    return QuantityPatterns(count, rate, portion)


def _clause_before(text: str, breaks: Sequence[int], position: int) -> str:
    """The clause up to `position`; `breaks` are the offsets of the clause breaks of `text`, found once."""
    i = bisect_left(breaks, position)
    return text[breaks[i - 1] + 1 if i else 0 : position]


def _clause_after(text: str, breaks: Sequence[int], position: int) -> str:
    j = bisect_left(breaks, position)
    return text[position : breaks[j] if j < len(breaks) else len(text)]


def _count_value(written: str) -> int:
    """80 → 80; 1,278 → 1278; 1.2万 → 12000 (a figure in 万 is read at face value)."""
    digits = written.translate(str.maketrans("０１２３４５６７８９．", "0123456789.", _GROUP))
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
    # Clause breaks are found once: looking back from each count to its clause's
    # start would be quadratic in a sentence of thousands of counts.
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    counts = []
    for m in patterns.count.finditer(text):
        counts.append(
            Count(
                value=_count_value(m.group(1)),
                tolerance=_count_tolerance(m.group(1)),
                approximate=m.group(2) is not None,
                unit=m.group(3),
                unit_class=lexicon.measure_class[m.group(3)],
                clause=_clause_before(text, breaks, m.start()),
                start=m.start(),
                end=m.end(),
                after=_clause_after(text, breaks, m.end()),
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
                clause=_clause_before(text, breaks, m.start("num")),
            )
        )
    portions = []
    for m in patterns.portion.finditer(text) if patterns.portion is not None else ():
        number = m.group("num").translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
        portions.append(
            Rate(
                name=m.group("name"),
                text=number,
                value=Fraction(Decimal(number)),
                decimals=len(number.partition(".")[2]),
                share=None,
                start=m.start("name"),
                end=m.end(),
                clause=_clause_before(text, breaks, m.start("num")),
            )
        )
    return Quantities(tuple(counts), tuple(rates), tuple(portions))


# Between a count and the share that follows it: a comma at most (296件，占比27%).
_PORTION_GAP = re.compile(r"[，,、\s]*")


def portion_pairs(text: str, found: Quantities, lexicon: Lexicon) -> tuple[tuple[Rate, Count, Count], ...]:
    """Each share written after a count (行政处罚类120件，占比40%) that no whole of its sentence gives.

    Returned with its count and the nearest whole. A whole of a share is a count
    before the share's count that names a base cue (全年共收到申请300件), is of
    the same kind, holds it, and is not itself a part (依法受理4955件，占收案总数的
    79.9%). A share stands if any whole gives it, or an earlier part (a share
    of a share). Nothing is checked unless the
    sentence's shares add up to at most 100% (within their rounding), so nested
    shares (A类60件，占比60%，其中A1类30件，占比50%) are left alone; nor when the
    whole stands in another sentence (行政处罚类数量最多，共349件，占比31%；其次…).
    """
    items: list[tuple[Rate, Count]] = []
    ends = [c.end for c in found.counts]  # counts do not overlap: their ends rise with their starts
    for portion in found.portions:
        i = bisect_right(ends, portion.start)
        if not i:
            continue
        part = found.counts[i - 1]
        if part.approximate or part.tolerance or not _PORTION_GAP.fullmatch(text, part.end, portion.start):
            continue
        items.append((portion, part))
    if not items:
        return ()
    if sum(p.value for p, _ in items) > 100 + sum(Fraction(1, 10**p.decimals) for p, _ in items):
        return ()
    parts = {id(c) for _, c in items}
    says = _Names()
    # A count followed by a share of its own (依法受理4955件，占收案总数的79.9%) is a part too.
    shared = tuple(lexicon.portion_names)
    wholes = [
        c
        for c in found.counts
        if id(c) not in parts
        and not c.approximate
        and not c.tolerance
        and says(c, lexicon.base_cues)
        and not text.startswith(shared, _PORTION_GAP.match(text, c.end).end())  # type: ignore[union-attr]
    ]
    pairs = []
    window = lexicon.pairing_window
    whole_ends = [w.end for w in wholes]
    for k, (portion, part) in enumerate(items):
        # Its wholes: before it, of its kind, holding it (今年受理100件…；上年受理50件，其中…20件，占比40%);
        # the nearest few only, so a sentence of a thousand shares stays linear.
        near = wholes[max(0, bisect_right(whole_ends, part.start) - window) : bisect_right(whole_ends, part.start)]
        mine = [w for w in near if w.value >= part.value and _compatible(w, part)]
        # A share stands if any whole the sentence states gives it, or an earlier part
        # it may be a share of (行政处罚类60件，占比60%，其中听证8件，占比13.3%); the
        # nearest whole is named when none does.
        earlier = [c for _, c in items[max(0, k - window) : k] if c.value >= part.value and _compatible(c, part)]
        if mine and not any(portion.agrees_with(part, w) for w in (*mine, *earlier)):
            pairs.append((portion, part, mine[-1]))
    return tuple(pairs)


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


def narrowed_by(rate: Rate, lexicon: Lexicon) -> tuple[str, ...]:
    """The words that narrow a rate to part of what it counts: 按期 in 按期办结率, 负责人 in 负责人出庭应诉率."""
    return tuple(word for word in lexicon.narrowing if word in rate.clause)


def nearby(rate: Rate, counts: Sequence[Count], window: int) -> Sequence[Count]:
    """The counts within `window` counts of the rate on either side (counts are in text order).

    A rate's counts stand near it; pairing only these keeps a sentence of
    thousands of counts linear (issue 12).
    """
    first = bisect_left(counts, rate.start, key=lambda c: c.start)
    after = bisect_left(counts, rate.end, key=lambda c: c.start)
    return counts[max(0, first - window) : after + window]


def summed(parts: Sequence[Count]) -> Count:
    """The count a sentence implies by adding `parts` (in text order): 受理35件、上年结转5件 → 40件."""
    first, last = parts[0], parts[-1]
    unit_class = next((p.unit_class for p in parts if p.unit_class != "generic"), first.unit_class)
    return Count(
        value=sum(p.value for p in parts),
        approximate=any(p.approximate for p in parts),
        unit=first.unit,
        unit_class=unit_class,
        clause=first.clause,
        start=first.start,
        end=last.end,
        after=last.after,
        tolerance=sum(p.tolerance for p in parts),
        parts=tuple(parts),
    )


def _compatible(a: Count, b: Count) -> bool:
    return a.unit_class == b.unit_class or "generic" in (a.unit_class, b.unit_class)


def _counts_what_rate_counts(rate: Rate, count: Count) -> bool:
    """参训率 counts people: 培训4期 is no numerator or base of it (generic 个 may be anything)."""
    wanted = rate.share.unit_class if rate.share is not None else None
    return wanted is None or count.unit_class in (wanted, "generic")


@functools.lru_cache(maxsize=512)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation per list of cues: counts are asked about the same few lists many times."""
    return re.compile("|".join(map(re.escape, sorted(cues, key=len, reverse=True))))


def _names(count: Count, cues: tuple[str, ...]) -> bool:
    if not cues:
        return False
    pattern = _cue_pattern(cues)
    return pattern.search(count.clause) is not None or pattern.search(count.after) is not None


class _Names:
    """`_names` remembered for one rate: each nearby count is asked about the same cues once per numerator."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], bool] = {}

    def __call__(self, count: Count, cues: tuple[str, ...]) -> bool:
        key = (id(count), id(cues))
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = _names(count, cues)
        return found


def _negated(count: Count, cues: tuple[str, ...], negations: tuple[str, ...]) -> bool:
    """未化解的9起, 调解不成功的4件, 超期办结5件: a count of what the rate does not count."""
    if not negations or not cues:
        return False
    denials = _cue_pattern(tuple(negation + cue for negation in negations for cue in cues))
    return denials.search(f"{count.clause}|{count.after}") is not None


def _negations(rate: Rate, lexicon: Lexicon) -> tuple[str, ...]:
    """超期办结 is not 按期办结, but it is 办结: late words deny only for a narrowed rate."""
    if narrowed_by(rate, lexicon):
        return lexicon.negations
    return tuple(word for word in lexicon.negations if word not in lexicon.late)


def _exact(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> list[Count]:
    """The exact counts near a rate that may be about it (120余人 is a lower bound)."""
    near = nearby(rate, counts, lexicon.pairing_window)
    return [c for c in near if not c.approximate and _counts_what_rate_counts(rate, c)]


def _counted(rate: Rate, exact: list[Count], lexicon: Lexicon) -> list[Count]:
    """The counts of what the rate counts: they name it, do not deny it, and carry its narrowing words."""
    cues = numerator_cues(rate)
    narrowing = narrowed_by(rate, lexicon)
    negations = _negations(rate, lexicon)
    return [
        c
        for c in exact
        if _names(c, cues) and not _negated(c, cues, negations) and all(_names(c, (word,)) for word in narrowing)
    ]


def _added(prior: list[Count], lexicon: Lexicon, says: _Names) -> list[Count]:
    """Bases a sentence gives as a sum of counts it adds: 受理35件、上年结转5件 (40); 旧存3件，新收45件 (48).

    `prior` are the counts of one kind before the numerator. The addends (上年结转,
    旧存, 新收, 加上 …) are added to the nearest count that names a base cue, unless
    that count already equals their sum (共受理40件，其中新收35件、旧存5件).
    """
    addends = [c for c in prior if says(c, lexicon.addends)]
    if not addends:
        return []
    total = sum(c.value for c in addends)
    others = [c for c in prior if not any(c is a for a in addends)]
    base = next((c for c in reversed(others) if says(c, lexicon.base_cues)), None)
    # 受理40件（含上年结转5件）, 共受理45件，其中新收40件: what follows 其中 or 含 is
    # part of the count before it, not added to it.
    parted = base is not None and any(
        any(word in c.clause for word in lexicon.parts) for c in prior if base.start < c.start <= addends[0].start
    )
    sums = []
    if base is not None and base.value != total and not parted:
        sums.append(summed(sorted([base, *addends], key=lambda c: c.start)))
    if base is None or len(addends) > 1:
        sums.append(summed(addends) if len(addends) > 1 else addends[0])
    return sums


def _graded(count: Count, cues: tuple[str, ...], lexicon: Lexicon) -> bool:
    """非常满意210户, 基本满意6户: a count of one grade of what a rate counts."""
    return _names(count, tuple(grade + cue for grade in lexicon.grades for cue in cues))


def _grades_summed(named_before: list[Count], exact: list[Count], cues: tuple[str, ...], lexicon: Lexicon) -> Count | None:
    """The sum of the graded counts right before a rate: 非常满意210户，满意84户 → 294户.

    `named_before` are the counts that name what the rate counts, nearest first;
    the run is those that follow one another with no other count between them.
    """
    if len(named_before) < 2 or not any(_graded(c, cues, lexicon) for c in named_before):
        return None
    order = {id(c): i for i, c in enumerate(exact)}
    run = [named_before[0]]
    for count in named_before[1:]:
        if order.get(id(count), -2) != order.get(id(run[-1]), -3) - 1:
            break
        run.append(count)
    if len(run) < 2 or not any(_graded(c, cues, lexicon) for c in run):
        return None
    return summed(sorted(run, key=lambda c: c.start))


def _bases(numerator: Count, exact: list[Count], lexicon: Lexicon, counted: tuple[str, ...], says: _Names) -> tuple[Count, ...]:
    """The counts a share of `numerator` may be computed over, likeliest first."""
    # A graded count (非常满意420条) is a part of what is counted, not a whole it is counted in.
    bases = [
        c for c in exact if c.end <= numerator.start and _compatible(c, numerator) and not _graded(c, counted, lexicon)
    ]
    candidates = _added(bases, lexicon, says) + bases
    # A base holds what it counts. Smaller counts are siblings (维持3件 beside 纠错4件),
    # unless the sentence names one as what was received (受理35件，办结38件): then the
    # counts disagree, and that is worth a finding.
    plausible = [c for c in candidates if c.value >= numerator.value] or [
        c for c in candidates if c.parts or _names_outside(c, lexicon.base_cues, counted)
    ]
    sums = [c for c in plausible if c.parts]
    cued = [c for c in reversed(plausible) if not c.parts and says(c, lexicon.base_cues)]
    return tuple(dict.fromkeys([*sums, *cued[:1], *plausible]))


def _numerators(rate: Rate, named: list[Count], exact: list[Count], lexicon: Lexicon) -> list[Count]:
    """The counts a rate may count, nearest first; on-time plus late work is 办结 too.

    受理40件，按期办结36件，超期办结2件，办结率95%: 办结率 counts 36 + 2; so it
    does with 按时结案597件，超时办理4件, whose late count names no 结案.
    """
    before = [c for c in reversed(named) if c.end <= rate.start]
    if narrowed_by(rate, lexicon):
        return before
    graded = _grades_summed(before, exact, numerator_cues(rate), lexicon)
    if graded is not None:
        return [graded, *before]
    on_time = [c for c in before if _names(c, lexicon.narrowing)]
    late = [c for c in reversed(exact) if c.end <= rate.start and _names(c, lexicon.late)]
    if on_time and late:
        return [summed(sorted([on_time[0], late[0]], key=lambda c: c.start)), *before]
    return before


def pair_counts(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> tuple[tuple[Count, tuple[Count, ...]], ...]:
    """All pairs of `iter_pairs`."""
    return tuple(iter_pairs(rate, counts, lexicon))


def iter_pairs(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> Iterator[tuple[Count, tuple[Count, ...]]]:
    """The counts a share rate may count, each with the counts it may be computed over; likeliest first.

    Lazy: a caller that stops at the first pair that agrees, or at the first
    pair at all, pays for no more.

    A numerator is an exact count whose clause names what the rate counts
    (调解成功75宗, 118起已成功化解) and does not deny it (未化解的9起,
    调解不成功的4件, 超期办结5件 for 按期办结率): those before the rate from
    the nearest, or, when the rate comes first (结案率98%，共受理50件，结案47件),
    those after it, with bases after it too: a count after a rate that already
    stands on earlier counts is a part of them (其中市长出庭应诉1件). A rate
    narrowed by a word (按期办结率, 负责人出庭应诉率) counts only counts that
    name that word. Its bases are the exact counts of the same kind before it,
    even one that names the same word (应参训120人，实际参训108人), and the sums
    the sentence adds (受理35件、上年结转5件). A base holds at least what it
    counts, so counts smaller than the numerator are its siblings (受理40件，
    其中维持32件、纠错4件) and are left out while a larger one exists.
    Likeliest first: a sum the sentence adds, the nearest base that names a
    base cue (受理, 排查, 共 …), then the others from the sentence's first,
    which usually states the whole. Only counts within the lexicon's pairing
    window of the rate are considered. Empty when nothing is clear: a rate is
    never checked against counts it may not be about.
    """
    exact = _exact(rate, counts, lexicon)
    named = _counted(rate, exact, lexicon)
    numerators = _numerators(rate, named, exact, lexicon)
    if not numerators:
        numerators = [c for c in named if c.start >= rate.end]
        exact = [c for c in exact if c.start >= rate.end]
    says = _Names()
    cues = numerator_cues(rate)
    for numerator in numerators:
        bases = _bases(numerator, exact, lexicon, cues, says)
        if any(_graded(part, cues, lexicon) for part in numerator.parts):
            # 非常满意420条，满意35条，合计455条，满意率100%: the grades' total may follow them.
            bases = (*bases, *(c for c in exact if numerator.end <= c.start and c.end <= rate.start and says(c, lexicon.base_cues)))
        if bases:
            yield numerator, bases


def split_totals(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> tuple[Count, ...]:
    """Bases a sentence gives only as a sum: what the rate counts plus what remains.

    办结35件，剩余1件正在办理中，办结率97.22%; 调解成功231件，未成功5件: the
    base (36, 236) is never written, but it is the sum of the two.
    """
    exact = _exact(rate, counts, lexicon)
    cues = numerator_cues(rate)
    counted = _counted(rate, exact, lexicon)
    negations = _negations(rate, lexicon)
    rest = [c for c in exact if _negated(c, cues, negations) or any(w in c.clause for w in lexicon.remainders)]
    return tuple(summed(sorted([n, r], key=lambda c: c.start)) for n in counted for r in rest if r is not n)


def added_totals(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> tuple[Count, ...]:
    """Bases the sentence adds before the rate (受理35件、上年结转5件 → 40), for a rate without a numerator."""
    prior = [c for c in _exact(rate, counts, lexicon) if c.end <= rate.start]
    return tuple(_added(prior, lexicon, _Names()))


def related_counts(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> tuple[Count, ...]:
    """Exact counts near a rate, if any of them is plausibly what it is computed from.

    A sentence counts as computing the rate when one of its counts names what
    the rate counts (成功, 办结 …) or a base it is computed over (受理, 排查 …);
    otherwise its counts (开展讲座3场) say nothing about the rate (满意率).
    """
    # A survey figure (满意率) is about the people asked, not about the cases
    # handled in the same sentence: only a count that names it is related.
    numerator = numerator_cues(rate)
    # What the sentence adds to a base (旧存3件，新收45件) is about the base too.
    base_cues = lexicon.base_cues + lexicon.addends
    cues = numerator + (() if rate.share is not None and rate.share.survey else base_cues)
    exact = _exact(rate, counts, lexicon)
    if not any(_names(c, cues) for c in exact):
        return ()
    # A count of what the rate counts (审结380件 for 结案率) is its numerator, not a
    # base, unless it also names a base (应参训120人) outside the words of what the
    # rate counts: the 应 of 出庭应诉1件 names no base. A base holds what the rate
    # counts: 维持3件 beside 纠错4件 is a sibling, not a base.
    least = max((c.value for c in _counted(rate, exact, lexicon)), default=0)
    return tuple(
        c for c in exact if (not _names(c, numerator) or _names_outside(c, base_cues, numerator)) and c.value >= least
    )


def _names_outside(count: Count, cues: tuple[str, ...], inside: tuple[str, ...]) -> bool:
    """Whether the count's clause names one of `cues` other than as part of a word of `inside`."""
    text = f"{count.clause}|{count.after}"
    for word in sorted(inside, key=len, reverse=True):
        text = text.replace(word, "|")
    return any(cue in text for cue in cues)

"""Check kind `rate_consistency`: share rates that disagree with their counts.

mode `mismatch` (Q301): the rate differs from numerator/denominator found in
the same sentence; so does a share written after its count (…120件，占比40%)
from that count over the whole the sentence states before its list. mode `impossible` (Q302): the rate exceeds 100%, or no whole
count over any base in the sentence can give it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.model.quantities import (
    Count,
    Quantities,
    Rate,
    about_these_counts,
    added_totals,
    iter_pairs,
    portion_pairs,
    related_counts,
    split_totals,
)

if TYPE_CHECKING:
    from lzlint.model.document import Document, Sentence
    from lzlint.model.lexicon import Lexicon
    from lzlint.ruleset.rules import Rule


def percent_text(value: Fraction, decimals: int, *, strip: bool = True) -> str:
    """A percentage rounded half-up to `decimals` places; trailing zeros dropped unless `strip` is False."""
    quantum = Decimal(1).scaleb(-decimals)
    text = str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if strip and "." in text else text


_PRECISION = {0: "整数", 1: "一位小数", 2: "两位小数", 3: "三位小数"}


def _count_text(count: Count) -> str:
    if count.parts:
        return "（" + "+".join(_count_text(p) for p in count.parts) + "）"
    return f"{count.value}{count.unit}"


def _mismatch(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> dict[str, str] | None:
    if rate.value > 100:
        return None
    # The rate stands if any count it may count, over any base it may be computed over, gives it.
    first = None
    for pair in iter_pairs(rate, counts, lexicon):
        first = first or pair
        if any(rate.agrees_with(pair[0], b) for b in pair[1]):
            return None
    if first is None:
        return None
    numerator, bases = first
    # A share is never over 100%: the likeliest base that holds the numerator, else the counts disagree.
    denominator = next((b for b in bases if b.value >= numerator.value and b.value > 0), None)
    if denominator is None:
        smaller = next((b for b in bases if b.value > 0), None)
        if smaller is None:
            return None
        return {
            "numerator": _count_text(numerator),
            "denominator": _count_text(smaller),
            "computed": "",
            "advice": "，分子多于分母，而比率不会超过100%；请核对这两个数，若分母还包括上年结转等数量，请在本句写明",
        }
    return _computed(rate, numerator, denominator)


def _computed(rate: Rate, numerator: Count, denominator: Count) -> dict[str, str]:
    """The fields that show what numerator ÷ denominator gives and what the rate should say."""
    computed = Fraction(100 * numerator.value, denominator.value)
    # The value to two decimals (more if the report writes more), and at the report's own
    # precision: 75÷80=93.75% is written 94% in a report that gives whole percentages.
    shown = percent_text(computed, max(2, rate.decimals))
    exact = Fraction(Decimal(shown)) == computed
    suggested = percent_text(computed, rate.decimals, strip=False)
    rounded = rate.decimals < 2 and Fraction(Decimal(suggested)) != computed
    at_precision = f"，按{_PRECISION[rate.decimals]}应为{suggested}%" if rounded else ""
    return {
        "numerator": _count_text(numerator),
        "denominator": _count_text(denominator),
        "computed": f"{'=' if exact else '≈'}{shown}%{at_precision}",
        "advice": f"，请核对数字，或把比率改为{suggested}%",
    }


def _impossible(rate: Rate, counts: Sequence[Count], lexicon: Lexicon) -> dict[str, str] | None:
    if rate.value > 100:
        return {"reason": f"{rate.share.suffix if rate.share else '比率'}不能超过100%"}
    if next(iter_pairs(rate, counts, lexicon), None) is not None:
        return None  # Q301 judges a rate against the counts it counts: one instruction per spot
    related = related_counts(rate, counts, lexicon)
    # The counts that may be the base, and the sums the sentence implies (办结35件，剩余1件; 受理35件、上年结转5件).
    sums = [*split_totals(rate, counts, lexicon), *added_totals(rate, counts, lexicon)]
    if any(rate.producible_from(base.value) for base in [*related, *sums]):
        return None
    # A sum condemns a rate only when the sentence states it before the rate: in
    # 纠错4件，纠错率57.1%；另有1件撤回 the base was given in another sentence.
    bases = [*related, *(s for s in sums if s.end <= rate.start)]
    if not bases:
        return None
    listed = "、".join(_count_text(c) for c in bases)
    if len(bases) == 1:
        return {"reason": f"以本句中的{listed}作总数，得不出这个百分比"}
    return {"reason": f"本句中的{listed}无论哪个作总数，都得不出这个百分比"}


def _portions(doc: Document, rule: Rule, sentence: Sentence, found: Quantities, lexicon: Lexicon) -> Iterator[Diagnostic]:
    """Shares written after their counts (行政处罚类120件，占比40%) against the whole the sentence states."""
    for portion, part, whole in portion_pairs(sentence.text, found, lexicon):
        fields = _computed(portion, part, whole)
        values: dict[str, Any] = dict.fromkeys(KIND.fields, "") | fields | {"rate": portion.name, "value": portion.text}
        yield rule.diagnostic(doc.path, sentence.line, sentence.start + portion.start, sentence.start + portion.end, **values)


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    mode = rule.params["mode"]
    lexicon = doc.vocabulary.lexicon
    for sentence, found in doc.quantities:
        if mode == "mismatch":
            yield from _portions(doc, rule, sentence, found, lexicon)
        for rate in found.rates:
            if rate.share is None or not about_these_counts(rate, lexicon):
                continue
            if mode == "mismatch":
                fields = _mismatch(rate, found.counts, lexicon)
            else:
                fields = _impossible(rate, found.counts, lexicon)
            if fields is None:
                continue
            values: dict[str, Any] = dict.fromkeys(KIND.fields, "") | fields | {"rate": rate.name, "value": rate.text}
            yield rule.diagnostic(
                doc.path,
                sentence.line,
                sentence.start + rate.start,
                sentence.start + rate.end,
                **values,
            )


KIND = CheckKind(
    name="rate_consistency",
    run=run,
    doc="Checks share rates (成功率, 办结率 …) against the counts of their sentence.",
    params={"mode": Param("str", "`mismatch` (against the paired counts) or `impossible`", required=True, choices=("mismatch", "impossible"))},
    fields=frozenset({"rate", "value", "numerator", "denominator", "computed", "advice", "reason"}),
)

"""Check kind `rate_consistency`: share rates that disagree with their counts.

mode `mismatch` (Q301): the rate differs from numerator/denominator found in
the same sentence. mode `impossible` (Q302): the rate exceeds 100%, or no whole
count over any base in the sentence can give it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param
from lzlint.diagnostic import Diagnostic
from lzlint.model.quantities import (
    Count,
    Rate,
    about_these_counts,
    pair_counts,
    related_counts,
    split_totals,
)

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.model.lexicon import Lexicon
    from lzlint.ruleset.rules import Rule


def percent_text(value: Fraction, decimals: int) -> str:
    """A percentage rounded half-up to `decimals` places (at least two)."""
    places = max(decimals, 2)
    quantum = Decimal(1).scaleb(-places)
    text = str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, ROUND_HALF_UP))
    return text.rstrip("0").rstrip(".") if "." in text else text


def _count_text(count: Count) -> str:
    return f"{count.value}{count.unit}"


def _mismatch(rate: Rate, counts: tuple[Count, ...], lexicon: Lexicon) -> dict[str, str] | None:
    pairs = pair_counts(rate, counts, lexicon)
    if not pairs or rate.value > 100:
        return None
    # The rate stands if any count it may count, over any base it may be computed over, gives it.
    if any(rate.agrees_with(n, b) for n, bases in pairs for b in bases):
        return None
    numerator, bases = pairs[0]
    denominator = next((b for b in bases if b.value > 0), None)
    if denominator is None:
        return None
    computed = Fraction(100 * numerator.value, denominator.value)
    return {
        "numerator": _count_text(numerator),
        "denominator": _count_text(denominator),
        "computed": percent_text(computed, rate.decimals),
    }


def _impossible(rate: Rate, counts: tuple[Count, ...], lexicon: Lexicon) -> dict[str, str] | None:
    if rate.value > 100:
        return {"reason": f"{rate.share.suffix if rate.share else '比率'}不能超过100%"}
    related = related_counts(rate, counts, lexicon.base_cues)
    bases = [c.value for c in related] + list(split_totals(rate, counts, lexicon))
    if not related or any(rate.producible_from(base) for base in bases):
        return None
    listed = "、".join(_count_text(c) for c in related)
    if len(related) == 1:
        return {"reason": f"以本句中的{listed}作总数，得不出这个百分比"}
    return {"reason": f"本句中的{listed}无论哪个作总数，都得不出这个百分比"}


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    mode = rule.params["mode"]
    lexicon = doc.vocabulary.lexicon
    for sentence, found in doc.quantities:
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
    fields=frozenset({"rate", "value", "numerator", "denominator", "computed", "reason"}),
)

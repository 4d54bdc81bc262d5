"""Which rules run: ruff's select / extend-select / ignore semantics.

A selector is a code prefix (`S`, `S1`, `S101`) or `ALL`, in either case. For each rule the
most specific matching selector decides; on a tie, ignore wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.ruleset.rules import Rule


def _matches(selector: str, code: str) -> bool:
    # Codes are upper case (rules.py checks it); q301 means Q301, as --explain q301 does.
    selector = selector.upper()
    return selector == "ALL" or code.startswith(selector)


def _specificity(selector: str) -> int:
    return 0 if selector.upper() == "ALL" else len(selector)


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], option: str) -> None:
    """Unknown selectors are an error: a typo must not silently select nothing."""
    for selector in selectors:
        if selector.upper() != "ALL" and not any(_matches(selector, r.code) for r in rules):
            raise LzlintError(_("{option}: {selector!r} matches no rule (see lzlint --list-rules)").format(option=option, selector=selector))


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[Rule, ...]:
    """The rules enabled by the selectors; `select=None` means all rules."""
    chosen = list(select) if select is not None else ["ALL"]
    check_selectors(chosen, rules, "select")
    check_selectors(extend_select, rules, "extend-select")
    check_selectors(ignore, rules, "ignore")
    chosen += list(extend_select)
    enabled = []
    for rule in rules:
        best_select = max((_specificity(s) for s in chosen if _matches(s, rule.code)), default=-1)
        best_ignore = max((_specificity(s) for s in ignore if _matches(s, rule.code)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.append(rule)
    return tuple(enabled)


def codes_matching(selectors: Iterable[str], code: str) -> bool:
    """Whether any selector covers a code (for per-file ignores)."""
    return any(_matches(s, code) for s in selectors)

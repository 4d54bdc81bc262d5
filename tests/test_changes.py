"""Q304's model of a stated change and Q305's breakdowns, beyond the per-rule cases."""

from __future__ import annotations

from fractions import Fraction

import pytest

from lzlint.checks.change_consistency import _words
from lzlint.model.changes import ChangeWords, find_changes, judge
from lzlint.ruleset.rules import Rule
from tests.test_cli import run_lzlint


@pytest.fixture()
def words(pack: tuple[Rule, ...]) -> ChangeWords:
    (rule,) = [r for r in pack if r.code == "Q304"]
    return _words(dict(rule.params))


def test_a_move_gives_its_values_and_the_change(words: ChangeWords) -> None:
    (change,) = find_changes("案件由80件增至90件，同比增长15%。", words)
    assert (change.old.exact, change.new.exact) == (80, 90)
    assert (change.stated.direction, change.stated.amount, change.stated.points) == (1, 15, False)
    verdict = judge(change, words)
    assert verdict is not None and verdict.amount == Fraction(25, 2) and verdict.verb == "增长"


def test_a_figure_in_wan_is_read_within_its_rounding(words: ChangeWords) -> None:
    (change,) = find_changes("由1.2万件增至1.5万件，增长30%。", words)
    # 1.2万 is 11,500 to 12,500 and 1.5万 14,500 to 15,500: up to 34.8%.
    assert (change.old.low, change.old.high) == (11500, 12500)
    assert judge(change, words) is None
    (exact,) = find_changes("由12000件增至15000件，增长30%。", words)
    assert judge(exact, words) is not None


@pytest.mark.parametrize("stated", ["提高2个百分点", "提高2%", "提高2.1%", "提高2.11%"])
def test_a_rise_of_percentages_reads_as_points_or_relative(stated: str, words: ChangeWords) -> None:
    (change,) = find_changes(f"出庭应诉率从95%提高到97%，{stated}。", words)
    assert judge(change, words) is None


def test_points_are_only_the_difference(words: ChangeWords) -> None:
    (change,) = find_changes("出庭应诉率从95%提高到97%，提高2.1个百分点。", words)
    verdict = judge(change, words)
    assert verdict is not None and verdict.points and verdict.amount == 2


@pytest.mark.parametrize(
    "text",
    [
        "受理案件90件，同比增长12.5%。",  # one value only
        "由80件增至90件，其中行政处罚增长15%。",  # another subject
        "由80件增加10件，增长12.5%。",  # an amount of change, no value reached
        "由3个部门增至12人，增长300%。",  # two quantities
        "3月5日至3月20日，增长15%。",  # dates are no values
    ],
)
def test_no_change_statement(text: str, words: ChangeWords) -> None:
    assert find_changes(text, words) == ()


def test_explain_names_both_new_rules() -> None:
    for code, name in (("Q304", "change-mismatch"), ("Q305", "parts-sum-mismatch")):
        explained = run_lzlint(["--explain", code])
        assert explained.returncode == 0 and name in explained.stdout and "✗" in explained.stdout

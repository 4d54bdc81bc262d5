"""The guard that keeps a rule's regular expression from hanging a run."""

from __future__ import annotations

import pytest

from lzlint.ruleset.regex_safety import backtracking_risk
from lzlint.ruleset.rules import Rule


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a+)+$", "nests unbounded quantifiers"),
        (r"(\w*)*x", "nests unbounded quantifiers"),
        (r"(?:[一二三]+、)*", "nests unbounded quantifiers"),
        ("(a|aa)+$", "repeats alternatives that can begin alike"),
        ("(?:法治|法)+建设", "repeats alternatives that can begin alike"),
        (r"(?:x|\w{2})*!", "repeats alternatives that can begin alike"),
        ("(a?)+", "repeats a part that can match nothing"),
        ("(?:x|y|)+", "repeats a part that can match nothing"),
        ("(?=(a|aa)+)b", "repeats alternatives that can begin alike"),  # inside a lookahead, still run
        # Issue 12: accepted before, yet tens of seconds on a few kilobytes.
        ("(.*a){20}b", "repeats a part of varying length a bounded number of times"),
        (r"(?:\d+){1,25}x", "repeats a part of varying length a bounded number of times"),
        ("(a+){2,5}", "repeats a part of varying length a bounded number of times"),
        (r"\d*\d*\d*\d*\d*\d*x", "has adjacent repeats that can match the same text"),
        (".+.+.+.+x", "has adjacent repeats that can match the same text"),
        ("((a|a){1,20}){1,20}b", "repeats a part of varying length a bounded number of times"),
        ("(?:a|a){1,20}b", "repeats alternatives that can begin alike"),
        (r"(a+)\1+b", "refers back to a group of varying length"),
    ],
)
def test_patterns_that_backtrack_exponentially_are_refused(pattern: str, reason: str) -> None:
    assert backtracking_risk(pattern) == reason


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:ab|cd)+",
        "第[一二]+",
        "(?:第一|第二)+",  # re factors out the common 第: the alternatives begin differently
        r"([，。、；：！？,;])\1+",  # a back-reference repeats one fixed text
        "(?:\\d{4}年){1,3}",  # a bounded repeat of a fixed-length part
        r"\d+\.\d+",  # repeats kept apart by a character they cannot match
        r"\[(?:bookmark|image)[:：][^\]\n]{0,200}\]",
        r"(?<=[\u4e00-\u9fff])[\[【(（]((?:19|20)\d{2})[\]】)）](?=第?\d{1,4}号)",
    ],
)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


def test_every_shipped_pattern_passes(pack: tuple[Rule, ...]) -> None:
    # Loading the pack already compiled them through the guard; this says so plainly.
    patterns = [p.pattern for rule in pack for key in ("patterns", "exclude") for p in rule.params.get(key) or ()]
    assert len(patterns) > 20
    assert [p for p in patterns if backtracking_risk(p)] == []

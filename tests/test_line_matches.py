"""One pass over the joined lines gives exactly the matches of the line-by-line loop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lzlint.checks.line_matches import joined_pattern, line_matches
from lzlint.model.lines import split_lines
from lzlint.ruleset.rules import default_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent


def _rule_patterns() -> list[re.Pattern[str]]:
    patterns = []
    for rule in load_rules([default_rules_dir()]):
        for value in rule.params.values():
            values = value if isinstance(value, (list, tuple)) else [value]
            patterns.extend(v for v in values if isinstance(v, re.Pattern))
    return patterns


PATTERNS = _rule_patterns()


def _loop(lines: list[str] | tuple[str, ...], pattern: re.Pattern[str]) -> list[tuple[int, int, int, str]]:
    return [(n, m.start(), m.end(), m.group()) for n, text in enumerate(lines, 1) for m in pattern.finditer(text)]


def _joined(lines: list[str] | tuple[str, ...], pattern: re.Pattern[str]) -> list[tuple[int, int, int, str]]:
    return [(n, m.start() - off, m.end() - off, m.group()) for n, off, m in line_matches(lines, pattern)]


def test_the_rules_have_patterns_and_most_run_joined() -> None:
    # Could fail: if the analysis refused everything, the speed-up would be gone unnoticed.
    assert len(PATTERNS) > 30
    assert sum(joined_pattern(p) is not None for p in PATTERNS) > len(PATTERNS) * 0.8


@pytest.mark.parametrize(
    ("source", "joined"),
    [
        ("办结率", "same"),
        (r"\b件\b", "same"),  # "\n" is a non-word character, as a string's ends are
        (r"(?<![A-Za-z])XX", "same"),
        (r"(?<=[\u4e00-\u9fff])_", "same"),
        (r"^\s*某县", "multiline"),
        (r"率$", "multiline"),
        (r"\A关于", None),
        (r"报告\Z", None),
        (r"(?<!\s)率", None),  # \s holds "\n": the joined text would see the previous line
        (r"(?=[^，。])率", None),  # so does [^，。]
        (r"(?<=.)率", "same"),  # . does not match "\n" without DOTALL
        (r"(?s)(?<=.)率", None),
        (r"(a)(?=\1)", None),
    ],
)
def test_which_patterns_run_joined(source: str, joined: str | None) -> None:
    pattern = re.compile(source)
    result = joined_pattern(pattern)
    if joined is None:
        assert result is None
    elif joined == "same":
        assert result is pattern
    else:
        assert result is not None and result.flags & re.MULTILINE


def test_a_match_across_lines_falls_back_to_the_loop() -> None:
    pattern = re.compile(r"率\s*为")  # \s* could take the "\n" in the joined text
    lines = ["办结率", "为95%", "办结率 为90%"]
    assert _joined(lines, pattern) == _loop(lines, pattern) == [(3, 2, 5, "率 为")]


def test_empty_lines_and_matches_at_line_ends() -> None:
    pattern = re.compile(r"x*$")
    lines = ["", "ax", "", "b"]
    assert _joined(lines, pattern) == _loop(lines, pattern)
    assert _joined([], pattern) == []


def _corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((ROOT / "fixtures").rglob("*.txt")) + sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        lines.extend(split_lines(path.read_text(encoding="utf-8")))
    return lines


def test_every_rule_pattern_on_the_fixtures_and_cases() -> None:
    lines = _corpus_lines()
    assert len(lines) > 1000
    for pattern in PATTERNS:
        assert _joined(lines, pattern) == _loop(lines, pattern), pattern.pattern


# Characters the rules look at and around, so random lines match often.
ALPHABET = "XxＸ×*_＿○〇某县镇年月日报告率件起宗万%％.．，。、；：“”‘’（）()[]【】 \u3000\t0123456789一二十abc-—"
LINES = st.lists(st.text(alphabet=ALPHABET, max_size=30), max_size=12)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_every_rule_pattern_on_random_lines(lines: list[str]) -> None:
    for pattern in PATTERNS:
        assert _joined(lines, pattern) == _loop(lines, pattern), pattern.pattern

"""Every shipped rule against its own examples: bad ones fire, good ones do not."""

from __future__ import annotations

import pytest

from lzlint.folder.examples import parse_folder_example
from lzlint.model.document import Vocabulary
from lzlint.ruleset.examples import run_example
from lzlint.ruleset.rules import Rule, default_rules_dir, load_rules

PACK = load_rules([default_rules_dir()])
CASES = [
    pytest.param(rule, expect, text, id=f"{rule.code}-{expect}-{i}")
    for rule in PACK
    for expect, texts in (("bad", rule.bad_examples), ("good", rule.good_examples))
    for i, text in enumerate(texts)
]


@pytest.mark.parametrize("rule,expect,text", CASES)
def test_example(rule: Rule, expect: str, text: str, vocabulary: Vocabulary) -> None:
    found = run_example(rule, text, vocabulary)
    if expect == "bad":
        assert found, f"{rule.code} did not fire on its bad example:\n{text}"
        assert all(d.code == rule.code for d in found)
    else:
        assert not found, f"{rule.code} fired on its good example:\n{text}\n{[d.message for d in found]}"


@pytest.mark.parametrize("rule", PACK, ids=lambda r: r.code)
def test_rule_has_enough_examples(rule: Rule) -> None:
    assert len(rule.bad_examples) >= 3 and len(rule.good_examples) >= 3


@pytest.mark.parametrize("rule", PACK, ids=lambda r: r.code)
def test_bad_example_findings_lie_inside_the_example(rule: Rule, vocabulary: Vocabulary) -> None:
    for text in rule.bad_examples:
        # A folder rule's example is several files and a roster (lzlint.folder.examples): each finding lies in its own.
        folder = parse_folder_example(text) if rule.kind.folder else None
        for d in run_example(rule, text, vocabulary):
            lines = (folder.text_of(d.path) if folder is not None else text).split("\n")
            assert 1 <= d.line <= len(lines)
            assert 1 <= d.column <= len(lines[d.line - 1]) + 1
            assert d.end_column > d.column or d.end_line > d.line

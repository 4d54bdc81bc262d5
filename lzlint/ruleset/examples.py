"""Running each rule against its own `examples`: bad must fire, good must not.

The test suite runs this over the shipped pack; `lzlint test-rules DIR` runs
it over a user's rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lzlint.diagnostic import Diagnostic
from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.sources import Source


@dataclass(frozen=True)
class ExampleOutcome:
    rule: Rule
    expect: Literal["bad", "good"]
    text: str
    findings: tuple[Diagnostic, ...]

    @property
    def passed(self) -> bool:
        return bool(self.findings) if self.expect == "bad" else not self.findings


def run_example(rule: Rule, text: str, vocabulary: Vocabulary) -> tuple[Diagnostic, ...]:
    if rule.kind.folder:  # a small folder of files in one text, and its roster (lzlint.folder.examples)
        from lzlint.folder.examples import run_folder_example

        return run_folder_example([rule], text, vocabulary)
    build = rule.kind.example_source
    source = build(text) if build is not None else Source("<example>", text, "utf-8")
    doc = Document.parse(source, vocabulary)
    return tuple(rule.kind.run(doc, rule))


def check_examples(rules: Sequence[Rule], vocabulary: Vocabulary) -> list[ExampleOutcome]:
    outcomes = []
    for rule in rules:
        for expect, texts in (("bad", rule.bad_examples), ("good", rule.good_examples)):
            for text in texts:
                outcomes.append(ExampleOutcome(rule, expect, text, run_example(rule, text, vocabulary)))  # type: ignore[arg-type]
    return outcomes

"""The five real reports against hand-checked golden findings (fixtures/reports/*.golden.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.ruleset.selection import select_rules
from lzlint.run.engine import lint_document
from lzlint.sources import read_source
from tests.conftest import SEEDS

GOLDENS = sorted(SEEDS.glob("*.golden.json"))


def test_every_seed_has_a_golden_file() -> None:
    assert len(GOLDENS) == 5
    for golden in GOLDENS:
        assert golden.with_name(golden.name.replace(".golden.json", ".txt")).is_file()


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name[:3])
def test_seed_findings_match_golden(golden: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    expected = json.loads(golden.read_text(encoding="utf-8"))
    report = golden.with_name(golden.name.replace(".golden.json", ".txt"))
    doc = Document.parse(read_source(report), vocabulary)
    found = lint_document(doc, select_rules(pack, expected["codes"]))
    got = sorted((d.code, d.line, d.column) for d in found)
    want = sorted((f["code"], f["line"], f["column"]) for f in expected["findings"])
    assert got == want

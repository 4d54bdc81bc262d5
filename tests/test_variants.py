"""Six crafted reports (fixtures/variants/) against hand-checked goldens.

The seeds are five real reports; these are realistic variants written for the
test suite: other units, years (2021-2025), headings and slips. Two are clean
drafts that must produce no finding at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.ruleset.selection import select_rules
from lzlint.run.engine import lint_document
from lzlint.sources import read_source
from tests.conftest import FIXTURES

VARIANTS = FIXTURES / "variants"
GOLDENS = sorted(VARIANTS.glob("*.golden.json"))


def report_of(golden: Path) -> Path:
    return golden.with_name(golden.name.replace(".golden.json", ".txt"))


def test_eight_variants_two_of_them_clean(pack: tuple[Rule, ...]) -> None:
    assert len(GOLDENS) == 8
    clean = []
    for golden in GOLDENS:
        expected = json.loads(golden.read_text(encoding="utf-8"))
        assert report_of(golden).is_file()
        assert sorted(expected["codes"]) == sorted(rule.code for rule in pack), golden.name
        assert all(f["why"].strip() for f in expected["findings"]), golden.name
        if not expected["findings"]:
            clean.append(golden.name)
    assert len(clean) == 2


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.name.split(".")[0])
def test_variant_findings_match_golden(golden: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    expected = json.loads(golden.read_text(encoding="utf-8"))
    doc = Document.parse(read_source(report_of(golden)), vocabulary)
    found = lint_document(doc, select_rules(pack, expected["codes"]))
    got = sorted((d.code, d.line, d.column) for d in found)
    want = sorted((f["code"], f["line"], f["column"]) for f in expected["findings"])
    assert got == want


def test_variants_keep_their_byte_forms() -> None:
    # The goldens also hold the line on these forms: a BOM must not shift line 1
    # or count as an invisible character, CRLF must not shift columns.
    raw = {p.name.split("_")[0]: p.read_bytes() for p in VARIANTS.glob("*.txt")}
    assert raw["v1"].startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw["v2"] and b"\r\n" in raw["v5"]
    assert all(b"\r" not in raw[k] and not raw[k].startswith(b"\xef\xbb\xbf") for k in ("v3", "v4", "v6"))

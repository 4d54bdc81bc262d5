"""Per-rule regression cases (tests/cases/<CODE>.yaml), in the style of sqlfluff's rule fixtures.

Each file is a list of cases: {name, text, expect: [{line, column}]} with
optional `select` (default: the file's code), `year` (as --year) and `xfail`
(a one-line reason: the rule is known to misjudge this text; strict, so the
case fails loudly once the rule is fixed). An expected finding may carry
`message`, a piece of text its message must contain, and `end_column`, the
1-based column just after its span.

A folder rule's case (R101, R102) is a small folder in one text, each file
after a line `=== name ===` (lzlint.folder.examples), and each expected
finding names its file: {path, line, column}, and may give its `end_line`
(a paragraph broken across lines is one finding).
A case of a roster rule (R201-R203) is a folder: `units` (the roster, listed
in a file named <units>, one per line) and `files` (name: text) instead of
`text`; each expected finding also names its `file`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from lzlint.folder.examples import run_folder
from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.ruleset.selection import select_rules
from lzlint.run.engine import lint_document
from lzlint.sources import Source

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))


def load_cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            # pytest escapes non-ASCII ids; the Chinese name is in the failure message instead.
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{number:02d}", marks=marks))
    return params


@pytest.mark.parametrize("code,case", load_cases())
def test_case(code: str, case: dict[str, Any], pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    selected = str(case.get("select", code)).split(",")
    if "files" in case:  # a small folder (and its roster): lzlint.folder.examples
        _folder_case(code, case, select_rules(pack, selected), vocabulary)
        return
    # A kind that only fires on another input (A505: Word auto-numbering) builds
    # its source the way the rule examples do.
    build = next((r.kind.example_source for r in pack if r.code == code and r.kind.example_source), None)
    source = build(case["text"]) if build else Source("<case>", case["text"], "utf-8")
    doc = Document.parse(source, vocabulary, case.get("year"))
    found = lint_document(doc, select_rules(pack, selected))
    got = sorted((d.line, d.column) for d in found if any(d.code.startswith(s) for s in selected))
    want = sorted((e["line"], e["column"]) for e in case["expect"])
    assert got == want, f"{code} case {case['name']!r}: {[d.message for d in found]}"
    # An expected finding may also say what its message must contain (the counts a rate is checked against).
    for e in case["expect"]:
        if "message" in e:
            messages = [d.message for d in found if (d.line, d.column) == (e["line"], e["column"])]
            assert any(e["message"] in m for m in messages), f"{code} case {case['name']!r}: {messages} lack {e['message']!r}"
        # ...and where it ends (exclusive, 1-based), when the case says so.
        if "end_column" in e:
            ends = [d.end_column for d in found if (d.line, d.column) == (e["line"], e["column"])]
            assert e["end_column"] in ends, f"{code} case {case['name']!r}: ends {ends}, want {e['end_column']}"


def _folder_case(code: str, case: dict[str, Any], rules: list[Rule], vocabulary: Vocabulary) -> None:
    """Exactly the expected (file, line, column) positions, each with its message fragment if given."""
    found = run_folder(rules, case["files"], vocabulary, case.get("units"), case.get("year"))
    got = sorted((d.path, d.line, d.column) for d in found)
    want = sorted((e["file"], e["line"], e["column"]) for e in case["expect"])
    assert got == want, f"{code} case {case['name']!r}: {[(d.path, d.line, d.message) for d in found]}"
    for e in case["expect"]:
        if "message" in e:
            messages = [d.message for d in found if (d.path, d.line, d.column) == (e["file"], e["line"], e["column"])]
            assert any(e["message"] in m for m in messages), f"{code} case {case['name']!r}: {messages} lack {e['message']!r}"
        for end in ("end_line", "end_column"):
            if end in e:
                ends = [getattr(d, end) for d in found if (d.path, d.line, d.column) == (e["file"], e["line"], e["column"])]
                assert e[end] in ends, f"{code} case {case['name']!r}: {end} {ends}, want {e[end]}"


def test_every_rule_has_firing_and_quiet_cases(pack: tuple[Rule, ...]) -> None:
    for rule in pack:
        path = CASES_DIR / f"{rule.code}.yaml"
        assert path.is_file(), f"no cases for {rule.code}"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        firing = [c for c in cases if c["expect"]]
        assert len(firing) >= 3, f"{rule.code}: fewer than 3 firing cases"
        assert len(cases) - len(firing) >= 3, f"{rule.code}: fewer than 3 must-not-fire cases"
        names = [c["name"] for c in cases]
        assert len(set(names)) == len(names), f"{rule.code}: duplicate case names"


def test_case_files_name_real_rules(pack: tuple[Rule, ...]) -> None:
    codes = {rule.code for rule in pack}
    assert {path.stem for path in CASE_FILES} <= codes

"""`--format json-lines`: one RULES.md finding object per line."""

from __future__ import annotations

import json

from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from tests.conftest import run_lzlint
from tests.format_samples import SEED_000, two_files


def test_each_line_is_one_finding_in_order() -> None:
    out = FORMATTERS["json-lines"](two_files(), OutputOptions())
    lines = out.split("\n")
    assert lines[-1] == ""  # ends with a newline
    objects = [json.loads(line) for line in lines[:-1]]
    assert [(o["path"], o["line"], o["code"]) for o in objects] == [
        ("reports/甲镇.txt", 1, "W703"),
        ("reports/甲镇.txt", 2, "W703"),
        ("reports/甲镇.txt", 3, "Q301"),
    ]
    assert "“健立”应为“建立”。" in lines[0]  # Chinese is not \u-escaped


def test_cli_matches_json_format() -> None:
    lines = run_lzlint(["--format", "json-lines", "--select", "Q301,A501", SEED_000])
    array = run_lzlint(["--format", "json", "--select", "Q301,A501", SEED_000])
    assert lines.returncode == array.returncode == 1
    parsed = [json.loads(line) for line in lines.stdout.splitlines()]
    assert parsed == json.loads(array.stdout)
    assert [(o["code"], o["line"]) for o in parsed] == [("A501", 7), ("Q301", 16)]

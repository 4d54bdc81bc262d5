"""`--format sarif`: valid against the OASIS SARIF 2.1.0 schema, with rule help."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.ruleset.rules import Rule
from tests.conftest import SEEDS, run_lzlint
from tests.format_samples import two_files

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def validate(log: object) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_schema_rejects_what_it_should() -> None:
    # Guards the test itself: a result without a message is invalid SARIF.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "A"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


def test_seed_folder_is_valid_sarif() -> None:
    result = run_lzlint(["--format", "sarif", str(SEEDS)])
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for r in run["results"]:
        # ruleIndex points at the descriptor of ruleId
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note")
    # The Q301 finding of seed 000: line 16, 调解成功率95% = columns 135..143 (end exclusive).
    q301 = [r for r in run["results"] if r["ruleId"] == "Q301"]
    assert len(q301) == 1
    location = q301[0]["locations"][0]["physicalLocation"]
    assert location["region"] == {"startLine": 16, "startColumn": 135, "endLine": 16, "endColumn": 143}
    assert unquote(location["artifactLocation"]["uri"]).endswith("fixtures/reports/000_01a9da65d0d1e63d.txt")
    assert q301[0]["level"] == "error"
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(ids) == len(set(ids))


def test_every_enabled_rule_has_help_text(pack: tuple[Rule, ...]) -> None:
    log = json.loads(FORMATTERS["sarif"]([], OutputOptions(rules=pack)))
    validate(log)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {r.code for r in pack}
    for rule in pack:
        described = rules[rule.code]
        assert described["name"] == rule.name
        assert " ".join(rule.description.split()) in " ".join(described["help"]["text"].split())
        assert described["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
    assert log["runs"][0]["results"] == []


def test_chinese_path_is_a_percent_encoded_uri() -> None:
    log = json.loads(FORMATTERS["sarif"](two_files(), OutputOptions()))
    validate(log)
    results = log["runs"][0]["results"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "reports/%E7%94%B2%E9%95%87.txt"  # 甲镇 in UTF-8
    # Without rule metadata each code still gets a descriptor its results point at.
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == ["Q301", "W703"]
    assert [r["ruleIndex"] for r in results] == [1, 1, 0]
    # The two identical typos in one file get different fingerprints.
    prints = [r["partialFingerprints"]["lzlintFinding/v1"] for r in results]
    assert len(set(prints)) == 3


def test_an_unreadable_input_is_a_failed_invocation(tmp_path: Path) -> None:
    shutil.copy(next(SEEDS.glob("002_*.txt")), tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\xd8bad")  # UTF-16 with a broken surrogate
    result = run_lzlint(["--no-cache", "--format", "sarif", "."], cwd=tmp_path)
    assert result.returncode == 2
    log = json.loads(result.stdout)
    validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("b.txt: cannot decode as UTF-16-LE (BOM)")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    # The file not read is also a result (F001), so that the code-scanning view lists it.
    results = log["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {"a.txt", "b.txt"}
    (unread,) = [r for r in results if r["ruleId"] == "F001"]
    assert unread["level"] == "error" and unread["message"]["text"].startswith("文件未检查：cannot decode as UTF-16-LE (BOM)")

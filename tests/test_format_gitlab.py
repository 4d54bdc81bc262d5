"""`--format gitlab`: a Code Quality report as GitLab documents it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema

from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from tests.conftest import ROOT, SEEDS, run_lzlint
from tests.format_samples import two_files

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gitlab-codequality.schema.json").read_text(encoding="utf-8"))


def render(results: list) -> list[dict]:  # type: ignore[type-arg]
    issues = json.loads(FORMATTERS["gitlab"](results, OutputOptions()))
    jsonschema.Draft7Validator(SCHEMA).validate(issues)
    return issues  # type: ignore[no-any-return]


def test_seed_folder_is_a_valid_report_with_unique_fingerprints() -> None:
    result = run_lzlint(["--format", "gitlab", "fixtures/reports"], cwd=ROOT)
    assert result.returncode == 1, result.stderr
    issues = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(issues)
    concise = run_lzlint(["--format", "concise", "fixtures/reports"], cwd=ROOT)
    assert len(issues) == len(concise.stdout.splitlines())
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    q301 = [i for i in issues if i["check_name"] == "Q301"]
    assert q301[0]["location"]["lines"]["begin"] == 16
    assert q301[0]["severity"] == "major"


def test_fields_and_severities() -> None:
    issues = render(two_files())
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("W703", "minor", "reports/甲镇.txt", 1),
        ("W703", "minor", "reports/甲镇.txt", 2),
        ("Q301", "major", "reports/甲镇.txt", 3),
    ]
    assert issues[0]["description"] == "W703 “健立”应为“建立”。"


def test_fingerprints_survive_lines_moving() -> None:
    before = render(two_files())
    # A paragraph inserted at the top: every finding moves down one line.
    results = two_files()
    first = results[0]
    moved = replace(
        first,
        lines=("新增一段。", *first.lines),
        diagnostics=tuple(replace(d, line=d.line + 1, end_line=d.end_line + 1) for d in first.diagnostics),
    )
    after = render([moved, results[1]])
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [2, 3, 4]


def test_fingerprint_changes_when_the_finding_changes() -> None:
    # Messages quote what they are about: a different typo is a different finding.
    results = two_files()
    first = results[0]
    changed = replace(first.diagnostics[0], message="“按排”应为“安排”。")
    edited = replace(first, diagnostics=(changed, *first.diagnostics[1:]))
    before, after = render(results), render([edited])
    assert after[0]["fingerprint"] != before[0]["fingerprint"]
    assert after[2]["fingerprint"] == before[2]["fingerprint"]


def test_leading_dot_slash_is_dropped() -> None:
    results = two_files()
    dotted = replace(results[0], path="./reports/甲镇.txt", diagnostics=tuple(replace(d, path="./reports/甲镇.txt") for d in results[0].diagnostics))
    assert {i["location"]["path"] for i in render([dotted])} == {"reports/甲镇.txt"}


def test_absolute_paths_are_made_relative_to_the_working_directory() -> None:
    # GitLab matches location.path against repository files.
    result = run_lzlint(["--format", "gitlab", "--select", "Q301", str(SEEDS)], cwd=ROOT)
    issues = json.loads(result.stdout)
    jsonschema.Draft7Validator(SCHEMA).validate(issues)
    assert [i["location"]["path"] for i in issues] == ["fixtures/reports/000_01a9da65d0d1e63d.txt"]

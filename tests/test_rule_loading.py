"""A broken rule stops the run with the file and line; a user rule needs no Python."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_lzlint

VALID = """code: Z101
name: no-placeholder-town
severity: warning
check: pattern
params:
  patterns: ['某某镇']
message: 占位符“{match}”未替换。
description: A placeholder town name left in the text.
examples:
  bad: ['某某镇人民政府']
  good: ['洪山镇人民政府']
"""


def write_rule(directory: Path, text: str, name: str = "Z101.yaml") -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change,line,message",
    [
        (("severity: warning", "severity: fatal"), 3, "severity must be one of error, warning, info"),
        (("check: pattern", "check: regexp"), 4, "unknown check kind 'regexp'"),
        (("  patterns: ['某某镇']", "  patterns: ['某某(镇']"), 6, "invalid regular expression"),
        (("  patterns: ['某某镇']", "  patterns: ['(\\w+)+镇']"), 6, "nests unbounded quantifiers"),
        (("description:", "descriptoin:"), 8, "unknown key 'descriptoin'"),
        (("message: 占位符“{match}”未替换。", "message: 占位符“{matched}”未替换。"), 7, "placeholder {matched} is not filled"),
        (("  patterns: ['某某镇']", "  pattern: ['某某镇']"), 6, "unknown parameter 'pattern'"),
        (("  good: ['洪山镇人民政府']", "  good: []"), 11, "examples.good must be a non-empty list"),
        (("code: Z101", "code: z-101"), 1, "must be 1-4 capital letters"),
        (("message: 占位符", "message: [占位符"), 7, "invalid YAML"),
    ],
)
def test_invalid_rule_names_file_and_line(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    assert change[0] in VALID
    path = write_rule(tmp_path / "rules", VALID.replace(change[0], change[1]))
    target = tmp_path / "r.txt"
    target.write_text("某某镇", encoding="utf-8")
    result = run_lzlint(["--rules", str(tmp_path / "rules"), str(target)])
    assert result.returncode == 2
    assert f"{path}:{line}" in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_missing_required_key(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", VALID.replace("severity: warning\n", ""))
    result = run_lzlint(["--rules", str(tmp_path / "rules"), "--list-rules"])
    assert result.returncode == 2 and "missing required key 'severity'" in result.stderr


def test_duplicate_code_names_both_places(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", VALID.replace("Z101", "A501"))
    result = run_lzlint(["--rules", str(tmp_path / "rules"), "--list-rules"])
    assert result.returncode == 2
    assert "duplicate rule A501" in result.stderr and "A501-conversion-artifact.yaml" in result.stderr


def test_user_rule_runs_without_python(tmp_path: Path) -> None:
    write_rule(tmp_path / "rules", VALID)
    target = tmp_path / "r.txt"
    target.write_text("某某镇人民政府\n", encoding="utf-8")
    result = run_lzlint(["--rules", str(tmp_path / "rules"), "--format", "concise", "--select", "Z", str(target)])
    assert result.returncode == 0  # a warning does not fail by default
    assert result.stdout == f"{target}:1:1: Z101 占位符“某某镇”未替换。\n"


def test_test_rules_command(tmp_path: Path) -> None:
    write_rule(tmp_path / "ok", VALID)
    result = run_lzlint(["test-rules", str(tmp_path / "ok")])
    assert result.returncode == 0 and "2 passed, 0 failed" in result.stdout
    write_rule(tmp_path / "broken", VALID.replace("good: ['洪山镇人民政府']", "good: ['某某镇政府']"))
    result = run_lzlint(["test-rules", str(tmp_path / "broken")])
    assert result.returncode == 1
    assert "FAIL  Z101 good example fired: 某某镇政府" in result.stdout


def test_shipped_pack_passes_test_rules() -> None:
    from lzlint.ruleset.rules import default_rules_dir

    result = run_lzlint(["test-rules", str(default_rules_dir())])
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "select: &a [A501]\nignore: *a\n",  # a plain alias
        "a: &a [*a]\n",  # an alias to itself: never ends when expanded
        'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n',  # nested: grows exponentially
    ],
)
def test_yaml_aliases_are_refused_in_config_and_rule_files(tmp_path: Path, text: str) -> None:
    config = tmp_path / ".lzlint.yaml"
    config.write_text(text, encoding="utf-8")
    (tmp_path / "r.txt").write_text("（一）加强组织领导。\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "r.txt"], cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.endswith("YAML aliases (*name) are not allowed; write the value out\n")
    assert len(result.stderr.splitlines()) == 1
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "Z901.yaml").write_text("code: Z901\n" + text, encoding="utf-8")
    config.write_text("rules: [rules]\n", encoding="utf-8")
    loaded = run_lzlint(["--no-cache", "r.txt"], cwd=tmp_path)
    assert loaded.returncode == 2 and "YAML aliases (*name) are not allowed" in loaded.stderr


_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_bundled_rule_explains_itself_in_chinese() -> None:
    """--explain speaks Chinese by default: every shipped rule carries its Chinese prose."""
    from lzlint.ruleset.rules import default_rules_dir, load_rules

    rules = load_rules([default_rules_dir()])
    assert len(rules) >= 43
    for rule in rules:
        assert _CJK.search(rule.description_zh), f"{rule.code}: description_zh missing or not Chinese"
        # The Chinese is written anew, not the English left in place.
        assert rule.description_zh != rule.description, rule.code
        if rule.rationale:
            assert _CJK.search(rule.rationale_zh), f"{rule.code}: rationale_zh missing or not Chinese"
        else:
            assert rule.rationale_zh == "", rule.code


ZH_LINES = "description_zh: 正文中遗留了占位的镇名。\nrationale_zh: 公开的报告必须写明真实的镇名。\n"
WITH_RATIONALE = VALID.replace("examples:", "rationale: Published reports must name the real town.\nexamples:")


@pytest.mark.parametrize(
    "text,message",
    [
        (VALID.replace("examples:", "description_zh: 123\nexamples:"), "description_zh must be a non-empty string"),
        (VALID.replace("examples:", "description_zh: '  '\nexamples:"), "description_zh must be a non-empty string"),
        (WITH_RATIONALE.replace("examples:", "rationale_zh: [理由]\nexamples:"), "rationale_zh must be a non-empty string"),
        (VALID.replace("examples:", "rationale_zh: 公开的报告必须写明真实的镇名。\nexamples:"), "rationale_zh needs a rationale"),
    ],
)
def test_bad_chinese_fields_are_refused(tmp_path: Path, text: str, message: str) -> None:
    write_rule(tmp_path / "rules", text)
    result = run_lzlint(["--lang", "en", "--rules", str(tmp_path / "rules"), "--list-rules"])
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Z101.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_user_rule_without_chinese_falls_back_to_english(tmp_path: Path) -> None:
    write_rule(tmp_path / "plain", WITH_RATIONALE)
    zh = run_lzlint(["--lang", "zh", "--rules", str(tmp_path / "plain"), "--explain", "Z101"])
    assert zh.returncode == 0, zh.stderr
    assert "检查什么\n  A placeholder town name left in the text.\n" in zh.stdout
    assert "为什么\n  Published reports must name the real town.\n" in zh.stdout

    write_rule(tmp_path / "both", WITH_RATIONALE.replace("examples:", ZH_LINES + "examples:"))
    zh = run_lzlint(["--lang", "zh", "--rules", str(tmp_path / "both"), "--explain", "Z101"])
    assert "检查什么\n  正文中遗留了占位的镇名。\n" in zh.stdout
    assert "为什么\n  公开的报告必须写明真实的镇名。\n" in zh.stdout
    assert "A placeholder town" not in zh.stdout
    en = run_lzlint(["--lang", "en", "--rules", str(tmp_path / "both"), "--explain", "Z101"])
    assert "What it checks\n  A placeholder town name left in the text.\n" in en.stdout
    assert "Why\n  Published reports must name the real town.\n" in en.stdout
    assert "正文中遗留了占位的镇名" not in en.stdout

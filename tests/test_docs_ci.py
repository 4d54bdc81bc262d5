"""docs/ci.md: the CI jobs are valid YAML and use only options lzlint has."""

from __future__ import annotations

import re
import shlex

import yaml

from lzlint.outputs.formatters import FORMATTERS
from tests.conftest import ROOT, run_lzlint

# The CI page of the documentation.
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(yaml|console)\n(.*?)```", DOC, flags=re.S)


def _lzlint_commands() -> list[list[str]]:
    """Every `lzlint …` command in the page, in code blocks and inline code, up to a redirection."""
    return [shlex.split(m) for m in re.findall(r"\blzlint (?:--|reports/)[^`\n>]*", DOC)]


def test_yaml_blocks_parse_and_jobs_run_lzlint() -> None:
    documents = [yaml.safe_load(body) for kind, body in BLOCKS if kind == "yaml"]
    github = next(d for d in documents if isinstance(d, dict) and "jobs" in d)
    steps = github["jobs"]["lzlint"]["steps"]
    assert any("lzlint --format github reports/" in s.get("run", "") for s in steps)
    gitlab = next(d for d in documents if isinstance(d, dict) and "lzlint" in d and "script" in d["lzlint"])
    assert gitlab["lzlint"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "lzlint --format gitlab reports/ > gl-code-quality-report.json" in gitlab["lzlint"]["script"]
    exclude = next(d for d in documents if isinstance(d, dict) and "exclude" in d)
    assert all(isinstance(p, str) for p in exclude["exclude"])


def test_every_documented_option_and_format_exists() -> None:
    help_text = run_lzlint(["--help"]).stdout
    commands = _lzlint_commands()
    assert len(commands) >= 9
    for command in commands:
        for i, word in enumerate(command):
            if word.startswith("--"):
                assert re.search(rf"(^|\s){re.escape(word)}\b", help_text, flags=re.M), (word, command)
            if word == "--format":
                assert command[i + 1] in FORMATTERS


def test_every_option_named_in_prose_exists() -> None:
    help_text = run_lzlint(["--help"]).stdout
    for option in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", DOC)):
        assert re.search(rf"(^|\s){re.escape(option)}\b", help_text, flags=re.M), option

"""The README is the front door: its commands, and the rule and option tables of docs/, must stay true."""

from __future__ import annotations

import re

from lzlint.ruleset.docs import markdown_table
from lzlint.ruleset.rules import Rule
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES_PAGE = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
USAGE_PAGE = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, re.S)


def test_rule_table_is_generated_from_the_yaml(pack: tuple[Rule, ...]) -> None:
    table = RULES_PAGE.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == markdown_table(pack), "run: python -m lzlint.ruleset.docs and paste between the markers"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = shell_blocks()[1]
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


def test_first_command_runs_lzlint_on_a_fixture_that_exists() -> None:
    install_and_run = shell_blocks()[0]
    fixture = re.search(r"lzlint (fixtures/\S+)", install_and_run)
    assert fixture and (ROOT / fixture.group(1)).is_file()
    assert "pip install ." in install_and_run


def test_every_rule_code_is_documented(pack: tuple[Rule, ...]) -> None:
    for rule in pack:
        assert f"| {rule.code} | {rule.name} |" in RULES_PAGE


def test_every_cli_option_is_in_the_options_table() -> None:
    from click.testing import CliRunner

    from lzlint.cli import cli

    help_text = CliRunner().invoke(cli, ["--lang", "en", "--help"]).output
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help", "--no-color"}
    table = USAGE_PAGE.split("## Options")[1].split("## Exit status")[0]
    missing = sorted(o for o in options if f"`{o}" not in table and f" {o}" not in table)
    assert not missing, f"options missing from the README table: {missing}"

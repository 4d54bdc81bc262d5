"""The rules a run uses, from its settings: the built-in pack and extra folders, as the config adjusts them.

Shared by the command line and `lzlint serve`, so that a server started with
a county's .lzlint.yaml checks with exactly the rules `lzlint` would.
"""

from __future__ import annotations

from pathlib import Path

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.ruleset.rules import Rule, default_rules_dir, load_rules
from lzlint.ruleset.selection import check_selectors, select_rules
from lzlint.run.config import Settings


def rule_directories(settings: Settings) -> list[Path]:
    return ([] if settings.no_default_rules else [default_rules_dir()]) + list(settings.rules)


def configured_rules(settings: Settings) -> tuple[Rule, ...]:
    """Every loaded rule, with the config's severities and parameters applied."""
    rules = load_rules(rule_directories(settings))
    by_code = {r.code: r for r in rules}
    for code in (*settings.severity, *settings.rule_params):
        if code not in by_code:
            raise LzlintError(_("{source}: config names unknown rule {code}").format(source=settings.source, code=code))
    for code, params in settings.rule_params.items():
        by_code[code] = by_code[code].with_params(params, f"{settings.source}: rule-params")
    for code, severity in settings.severity.items():
        by_code[code] = by_code[code].with_severity(severity)  # type: ignore[arg-type]
    return tuple(by_code[r.code] for r in rules)


def enabled_rules(settings: Settings) -> tuple[Rule, ...]:
    """The rules a run applies; a selection that leaves none is an error (a gate that checks nothing must not pass)."""
    rules = configured_rules(settings)
    enabled = select_rules(rules, settings.select, settings.extend_select, settings.ignore)
    for pattern, selectors in settings.per_file_ignores.items():
        check_selectors(selectors, rules, f"{settings.source}: per-file-ignores {pattern!r}")
    if not enabled:
        raise LzlintError(_("no rule is enabled: --select, --ignore and the config leave none (see lzlint --list-rules)"))
    return tuple(enabled)

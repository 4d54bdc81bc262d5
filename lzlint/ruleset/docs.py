"""Human-readable rule documentation, generated from the YAML (the single source)."""

from __future__ import annotations

from collections.abc import Sequence

from lzlint.locale import _, language
from lzlint.ruleset.rules import Rule


def _fix_mark(rule: Rule) -> str:
    """'yes', 'unsafe' (applied only with --unsafe-fixes) or ''."""
    if not rule.fixable:
        return ""
    return "unsafe" if rule.unsafe_fix else "yes"


def list_rules(rules: Sequence[Rule]) -> str:
    """One line per rule: code, severity, name, fixable mark."""
    width = max((len(r.name) for r in rules), default=0)
    lines = [f"{r.code}  {r.severity:<7}  {r.name:<{width}}  {'fix' if r.fixable else ''}".rstrip() for r in rules]
    return "".join(line + "\n" for line in lines)


def markdown_table(rules: Sequence[Rule]) -> str:
    """The rule table of docs/rules.md."""
    rows = ["| code | name | severity | fix | what it checks |", "|---|---|---|---|---|"]
    for r in rules:
        summary = r.description.split(". ")[0].rstrip(".").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| {r.code} | {r.name} | {r.severity} | {_fix_mark(r)} | {summary} |")
    return "\n".join(rows) + "\n"


def explain(rule: Rule) -> str:
    """The --explain page: what, why, source, message and examples."""
    fix = {"yes": _("yes"), "unsafe": _("unsafe (only with --unsafe-fixes)"), "": _("no")}[_fix_mark(rule)]
    head = _("Severity: {severity}    Check: {check}    Fixable: {fix}    Word segmentation: {tokens}").format(
        severity=_(rule.severity), check=rule.check, fix=fix, tokens=_("yes") if rule.kind.needs_tokens else _("no")
    )
    out = [f"{rule.code} ({rule.name})", "", head, ""]
    # The rule's own prose in the run's language: Chinese from description_zh and
    # rationale_zh, English (the fallback for a rule file without them) with --lang en.
    lang = language()
    out += [_("What it checks"), "  " + rule.what(lang), ""]
    if rule.rationale:
        out += [_("Why"), "  " + rule.why(lang), ""]
    if rule.references:
        out += [_("Source")] + [f"  - {ref}" for ref in rule.references] + [""]
    out += [_("Message"), "  " + rule.message, ""]
    for mark, label, texts in (("✗", _("Fires on (bad)"), rule.bad_examples), ("✓", _("Passes (good)"), rule.good_examples)):
        out.append(label)
        for text in texts:
            body = text.rstrip("\n").split("\n")
            out.append(f"  {mark} " + body[0])
            out += ["    " + line for line in body[1:]]
        out.append("")
    out.append(_("Defined in {origin}").format(origin=rule.origin))
    return "\n".join(out) + "\n"


def explain_unchecked() -> str:
    """The --explain page of F001, which no rule file defines: the run itself reports the files it could not check."""
    from lzlint.run.gate import UNCHECKED_CODE, UNCHECKED_NAME

    head = _("Severity: {severity}    Check: {check}    Fixable: {fix}    Word segmentation: {tokens}").format(
        severity=_("error"), check="-", fix=_("no"), tokens=_("no")
    )
    return "\n".join(
        [
            f"{UNCHECKED_CODE} ({UNCHECKED_NAME})",
            "",
            head,
            "",
            _("What it checks"),
            "  "
            + _(
                "A file given or found in a folder that lzlint could not check: unreadable, of a kind it does not read "
                "(.doc or .wps without LibreOffice, PDF, images) or damaged. The finding stands on its first line and says why."
            ),
            "",
            _("Why"),
            "  " + _("A CI gate over a folder of reports must not pass in silence when it checked some files and skipped others: every file not checked is an error."),
            "",
            _("What to do"),
            "  " + _("A report: save it as .docx or .txt and check it again. Not a report: exclude it in .lzlint.yaml (exclude: [...])."),
            "",
            _("Defined in {origin}").format(origin="lzlint/run/gate.py"),
        ]
    ) + "\n"


if __name__ == "__main__":  # python -m lzlint.ruleset.docs: the rule table of docs/rules.md
    from lzlint.ruleset.rules import default_rules_dir, load_rules

    print(markdown_table(load_rules([default_rules_dir()])), end="")

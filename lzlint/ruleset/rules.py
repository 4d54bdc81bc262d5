"""Loading and validating YAML rules.

Every rule is one YAML document. Loading checks everything that could make a
rule misbehave later (unknown keys, missing fields, a bad severity, an invalid
regular expression, a message placeholder the check never fills, a duplicate
code, an unknown check kind) and stops the run with the file and line.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lzlint.checks import KINDS
from lzlint.checks.kind import CONVERTERS, CheckKind, ParamError
from lzlint.diagnostic import SEVERITIES, Diagnostic, Fix, Related, Severity
from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.located_yaml import LocatedDocument, load_yaml_documents

REQUIRED_KEYS = ("code", "name", "severity", "check", "message", "description", "examples")
# description_zh/rationale_zh: the Chinese that --explain prints (English stays the
# fallback, so a user's own rule file need not carry them).
OPTIONAL_KEYS = ("rationale", "description_zh", "rationale_zh", "references", "params", "unsafe_fix")
_CODE = re.compile(r"[A-Z]{1,4}[0-9]{3}")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Rule categories in the order of the catalogue (RULES.md): listings follow it.
CATEGORY_ORDER = "SNQDAPWCXR"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: str
    message: str
    description: str
    rationale: str
    references: tuple[str, ...]
    params: Mapping[str, Any] = field(hash=False, compare=False)
    bad_examples: tuple[str, ...]
    good_examples: tuple[str, ...]
    origin: str  # "file:line", for messages about the rule itself
    unsafe_fix: bool = False  # its fixes may change meaning (--unsafe-fixes)
    description_zh: str = ""  # Chinese description; "" falls back to `description`
    rationale_zh: str = ""  # Chinese rationale; "" falls back to `rationale`

    def what(self, language: str) -> str:
        """What the rule checks, in `language` ("zh" or "en"); English where no Chinese is given."""
        return self.description_zh if language == "zh" and self.description_zh else self.description

    def why(self, language: str) -> str:
        """Why the rule exists, in `language`; English where no Chinese is given."""
        return self.rationale_zh if language == "zh" and self.rationale_zh else self.rationale

    @property
    def kind(self) -> CheckKind:
        return KINDS[self.check]

    def with_params(self, overrides: Mapping[str, Any], where: str) -> Rule:
        """This rule with some parameters replaced (config `rule-params`), validated as at load."""
        from dataclasses import replace

        params = dict(self.params)
        for key, value in overrides.items():
            spec = self.kind.params.get(key)
            if spec is None:
                raise LzlintError(_("{where}: rule {code} has no parameter {key!r}").format(where=where, code=self.code, key=key))
            try:
                params[key] = CONVERTERS[spec.type](value)
            except ParamError as exc:
                raise LzlintError(_("{where}: parameter {key!r} of {code} {exc}").format(where=where, key=key, code=self.code, exc=exc)) from None
            if spec.choices and params[key] not in spec.choices:
                raise LzlintError(_("{where}: parameter {key!r} of {code} must be one of {value}").format(where=where, key=key, code=self.code, value=', '.join(map(str, spec.choices))))
        if self.kind.validate is not None:
            try:
                self.kind.validate(params)
            except ParamError as exc:
                raise LzlintError(_("{where}: {code}: {exc}").format(where=where, code=self.code, exc=exc)) from None
        return replace(self, params=params)

    @property
    def fixable(self) -> bool:
        return self.kind.fixable(self.params)

    def with_severity(self, severity: Severity) -> Rule:
        from dataclasses import replace

        return replace(self, severity=severity)

    def diagnostic(
        self,
        path: str,
        line: int,
        start: int,
        end: int,
        *,
        end_line: int | None = None,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        **fields: object,
    ) -> Diagnostic:
        """A finding of this rule; `start`/`end` are 0-based columns, end exclusive."""
        return Diagnostic(
            path=path,
            line=line,
            column=start + 1,
            code=self.code,
            name=self.name,
            severity=self.severity,
            message=self.message.format_map(fields),
            end_line=line if end_line is None else end_line,
            end_column=max(end, start + 1) + 1 if end_line is None else end + 1,
            fix=Fix(fix.replacements, unsafe=True) if fix is not None and self.unsafe_fix else fix,
            related=related,
        )


@functools.cache  # where the package lies does not change while it runs; every report asks (unit words)
def default_rules_dir() -> Path:
    """The rule pack shipped inside the package (or the checkout's rules/)."""
    package = Path(__file__).parent.parent  # lzlint/, where the wheel puts rules/
    packaged = package / "rules"
    if packaged.is_dir():
        return packaged
    return package.resolve().parent / "rules"


def _fail(doc: LocatedDocument, message: str, *keys: Any) -> LzlintError:
    return LzlintError(f"{doc.where(*keys)}: {message}")


def _examples(doc: LocatedDocument, value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not isinstance(value, dict):
        raise _fail(doc, _("examples must be a mapping with 'bad' and 'good' lists"), "examples")
    unknown = set(value) - {"bad", "good"}
    if unknown:
        raise _fail(doc, _("unknown key {value!r} in examples").format(value=sorted(unknown)[0]), "examples", sorted(unknown)[0])
    result = []
    for key in ("bad", "good"):
        items = value.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise _fail(doc, _("examples.{key} must be a non-empty list of strings").format(key=key), "examples", key)
        result.append(tuple(items))
    return result[0], result[1]


def _params(doc: LocatedDocument, kind: CheckKind, value: Any) -> dict[str, Any]:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise _fail(doc, _("params must be a mapping"), "params")
    for key in value:
        if key not in kind.params:
            known = ", ".join(sorted(kind.params)) or "none"
            raise _fail(doc, _("unknown parameter {key!r} for check {name!r} (known: {known})").format(key=key, name=kind.name, known=known), "params", key)
    params: dict[str, Any] = {}
    for key, spec in kind.params.items():
        if key not in value:
            if spec.required:
                raise _fail(doc, _("check {name!r} needs parameter {key!r}").format(name=kind.name, key=key), "params")
            params[key] = spec.default
            continue
        try:
            converted = CONVERTERS[spec.type](value[key])
        except ParamError as exc:
            raise _fail(doc, _("parameter {key!r} {exc}").format(key=key, exc=exc), "params", key) from None
        if spec.choices and converted not in spec.choices:
            raise _fail(doc, _("parameter {key!r} must be one of {value}").format(key=key, value=', '.join(map(str, spec.choices))), "params", key)
        params[key] = converted
    if kind.validate is not None:
        try:
            kind.validate(params)
        except ParamError as exc:
            raise _fail(doc, str(exc), "params") from None
    return params


def _check_message(doc: LocatedDocument, kind: CheckKind, message: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as exc:
        raise _fail(doc, _("message is not a valid template: {exc}").format(exc=exc), "message") from None
    unknown = names - kind.fields
    if unknown:
        offered = ", ".join("{" + f + "}" for f in sorted(kind.fields)) or "none"
        raise _fail(doc, _("message placeholder {{{value}}} is not filled by check {name!r} (it fills: {offered})").format(value=sorted(unknown)[0], name=kind.name, offered=offered), "message")


def rule_from_yaml(doc: LocatedDocument) -> Rule:
    """Validate one YAML document and build its Rule."""
    data = doc.data
    if not isinstance(data, dict):
        raise _fail(doc, _("a rule must be a YAML mapping"))
    for key in data:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            raise _fail(doc, _("unknown key {key!r}").format(key=key), key)
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _fail(doc, _("missing required key {key!r}").format(key=key))
    for key in ("code", "name", "check", "message", "description", "severity"):
        if not isinstance(data[key], str) or not data[key].strip():
            raise _fail(doc, _("{key} must be a non-empty string").format(key=key), key)
    if not _CODE.fullmatch(data["code"]):
        raise _fail(doc, _("code {value!r} must be 1-4 capital letters and 3 digits, like S101").format(value=data['code']), "code")
    if not _NAME.fullmatch(data["name"]):
        raise _fail(doc, _("name {value!r} must be lower-case words joined by hyphens").format(value=data['name']), "name")
    if data["severity"] not in SEVERITIES:
        raise _fail(doc, _("severity must be one of {choices}, not {value!r}").format(choices=', '.join(SEVERITIES), value=data['severity']), "severity")
    kind = KINDS.get(data["check"])
    if kind is None:
        raise _fail(doc, _("unknown check kind {value!r} (known: {value2})").format(value=data['check'], value2=', '.join(sorted(KINDS))), "check")
    _check_message(doc, kind, data["message"])
    references = data.get("references", [])
    if isinstance(references, str):
        references = [references]
    if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
        raise _fail(doc, _("references must be a list of strings"), "references")
    rationale = data.get("rationale", "")
    if not isinstance(rationale, str):
        raise _fail(doc, _("rationale must be a string"), "rationale")
    for key in ("description_zh", "rationale_zh"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            raise _fail(doc, _("{key} must be a non-empty string").format(key=key), key)
    if "rationale_zh" in data and not rationale.strip():
        raise _fail(doc, _("rationale_zh needs a rationale (the English it translates)"), "rationale_zh")
    bad, good = _examples(doc, data["examples"])
    if kind.folder:  # a folder rule's example is files in one text: checked here, not when first run
        from lzlint.folder.examples import parse_folder_example

        for key, texts in (("bad", bad), ("good", good)):
            for text in texts:
                try:
                    parse_folder_example(text)
                except LzlintError as exc:
                    raise _fail(doc, str(exc), "examples", key) from None
    unsafe_fix = data.get("unsafe_fix", False)
    if not isinstance(unsafe_fix, bool):
        raise _fail(doc, _("unsafe_fix must be true or false"), "unsafe_fix")
    return Rule(
        code=data["code"],
        name=data["name"],
        severity=data["severity"],
        check=data["check"],
        message=data["message"].strip(),
        description=data["description"].strip(),
        rationale=rationale.strip(),
        references=tuple(references),
        params=_params(doc, kind, data.get("params")),
        bad_examples=bad,
        good_examples=good,
        origin=doc.where(),
        unsafe_fix=unsafe_fix,
        description_zh=data.get("description_zh", "").strip(),
        rationale_zh=data.get("rationale_zh", "").strip(),
    )


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a directory: its *.yaml and *.yml files, not the lexicon."""
    if not directory.is_dir():
        what = _("is a file, not a directory of rules") if directory.exists() else _("rules directory not found")
        raise LzlintError(_("{path}: {reason}").format(path=directory, reason=what))
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_rules(directories: Sequence[Path]) -> tuple[Rule, ...]:
    """Load every rule of the given directories; codes and names must be unique."""
    rules: list[Rule] = []
    by_code: dict[str, Rule] = {}
    by_name: dict[str, Rule] = {}
    for directory in directories:
        for path in rule_files(directory):
            for doc in load_yaml_documents(path):
                if doc.data is None:
                    continue
                rule = rule_from_yaml(doc)
                for index, key in ((by_code, rule.code), (by_name, rule.name)):
                    if key in index:
                        raise LzlintError(_("{origin}: duplicate rule {key} (first defined at {origin2})").format(origin=rule.origin, key=key, origin2=index[key].origin))
                    index[key] = rule
                rules.append(rule)
    return tuple(sorted(rules, key=catalogue_order))


def catalogue_order(rule: Rule) -> tuple[int, str]:
    """Sort key: category as in RULES.md (other prefixes last), then code."""
    index = CATEGORY_ORDER.find(rule.code[0])
    return (index if index >= 0 and rule.code[1].isdigit() else len(CATEGORY_ORDER), rule.code)


"""Check kind `pattern`: every match of a regular expression is a finding."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError
from lzlint.checks.line_matches import line_matches
from lzlint.diagnostic import Diagnostic, Fix, Replacement

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    patterns = rule.params["patterns"]
    excludes = rule.params["exclude"] or ()
    names = rule.params["names"]
    excluded_in: dict[int, list[tuple[int, int]]] = {}  # per line, worked out for lines with a match only
    found = []
    for pattern in patterns:
        # A group named `at` narrows the finding to it: the rest of the match is context
        # that may be of any length (a signature line's indentation before 某镇).
        at = "at" if "at" in pattern.groupindex else 0
        for number, offset, m in line_matches(doc.lines, pattern):
            start, end = m.start(at) - offset, m.end(at) - offset
            if start == end:
                continue
            if number not in excluded_in:
                text = doc.lines[number - 1]
                excluded_in[number] = [(e.start(), e.end()) for ex in excludes for e in ex.finditer(text)]
            if any(s <= start and end <= e for s, e in excluded_in[number]):
                continue
            found.append((number, start, end, at, m))
    # Line by line, each line's patterns in their order: the order findings had before.
    found.sort(key=lambda item: item[0])
    for number, start, end, at, m in found:
        replacement = _replacement(rule, m)
        fix = None
        if replacement is not None:
            fix = Fix((Replacement(number, start + 1, number, end + 1, replacement),))
        # What the fix does, in words a message can use: 删除, or 改为“<”.
        action = "" if replacement is None else ("删除" if replacement == "" else f"改为“{replacement}”")
        named, named_action = "", ""
        if names:  # characters a reader cannot see are named, not shown
            named = _named(m.group(at), names, with_code=True)
            named_action = "" if replacement is None else ("删除" if replacement == "" else "改为" + _named(replacement, names, with_code=False))
        yield rule.diagnostic(
            doc.path,
            number,
            start,
            end,
            fix=fix,
            match=m.group(at),
            suggestion=replacement or "",
            action=action,
            named=named,
            named_action=named_action,
        )


def _named(text: str, names: Mapping[str, str], with_code: bool) -> str:
    """Each run of one character by its name: "3个不换行空格（U+00A0）"、"零宽空格（U+200B）"."""
    parts = []
    for char, run in itertools.groupby(text):
        count = len(list(run))
        name = names.get(char, "")
        code = f"U+{ord(char):04X}"
        label = (f"{name}（{code}）" if with_code else name) if name else code
        parts.append(f"{count}个{label}" if count > 1 else label)
    return "、".join(parts)


def _replacement(rule: Rule, m: re.Match[str]) -> str | None:
    """The text a match is fixed to, or None when the rule offers no fix."""
    mode = rule.params["fix"]
    if mode == "remove":
        return ""
    if mode == "replace":
        return m.expand(rule.params["replacement"])
    if mode == "map":
        return "".join(rule.params["fix_map"].get(c, c) for c in m.group())
    if mode == "unescape":
        # An HTML entity stands for a character (&lt; for <, &ldquo; for “): removing
        # it would change the sentence. Spacing entities and any other residue go.
        decoded = html.unescape(m.group())
        return "" if decoded == m.group() or decoded.isspace() else decoded
    return None


def _validate(params: Mapping[str, Any]) -> None:
    if params["fix"] == "replace" and params["replacement"] is None:
        raise ParamError("fix: replace needs a `replacement`")
    if params["fix"] == "map" and not params["fix_map"]:
        raise ParamError("fix: map needs a `fix_map`")
    for key, value in (params["fix_map"] or {}).items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ParamError("fix_map must map characters to strings")


KIND = CheckKind(
    name="pattern",
    run=run,
    doc="Reports every match of any of `patterns` on a line, except inside a match of `exclude`.",
    params={
        "patterns": Param("regex_list", "regular expressions to report (a group named `at`, where present, is the part reported)", required=True),
        "exclude": Param("regex_list", "matches inside one of these are not reported", default=()),
        "fix": Param(
            "str",
            "`remove` deletes the match, `replace` writes `replacement` (\\1 refers to groups), "
            "`map` replaces each character by `fix_map`, `unescape` writes the character an HTML "
            "entity stands for and removes anything else; `none` offers no fix",
            default="none",
            choices=("none", "remove", "replace", "map", "unescape"),
        ),
        "replacement": Param("str_or_empty", "replacement template for fix: replace"),
        "fix_map": Param("mapping", "character -> replacement, for fix: map", default={}),
        "names": Param("mapping", "character -> its name, for {named} and {named_action} (invisible characters)", default={}),
    },
    fields=frozenset({"match", "suggestion", "action", "named", "named_action"}),
    validate=_validate,
    fixable=lambda params: params["fix"] != "none",
)

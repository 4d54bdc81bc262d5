"""`sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

Each enabled rule is described in tool.driver.rules (with its help text) and
each finding is a result pointing at its rule by id and index. Columns count
code points, as lzlint's do, which the run declares with columnKind (SARIF's
default would be UTF-16 code units).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from lzlint import __version__
from lzlint.run.fingerprint import finding_keys, fingerprint

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.ruleset.rules import Rule
    from lzlint.run.engine import FileResult

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _help(rule: Rule) -> str:
    parts = [rule.description.strip()]
    if rule.rationale.strip():
        parts.append(rule.rationale.strip())
    if rule.references:
        parts.append("References: " + "; ".join(rule.references))
    return "\n\n".join(parts)


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    return flat if end < 0 else flat[: end + 1]


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _first_sentence(rule.description)},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "help": {"text": _help(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _uri(path: str) -> str:
    """A relative path as a relative URI reference (percent-encoded UTF-8); absolute as file://."""
    if Path(path).is_absolute():
        return Path(path).as_uri()
    # The path's own bytes, percent-encoded: a file name that is not UTF-8 stays a valid URI.
    return quote(os.fsencode(PurePath(path).as_posix()))


def _location(path: str, line: int, column: int, end_line: int, end_column: int) -> dict[str, Any]:
    region = {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


def _result(d: Diagnostic, rule_index: int, digest: str) -> dict[str, Any]:
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [_location(d.path, d.line, d.column, d.end_line, d.end_column)],
        # Lets code scanning follow a finding across edits that move it.
        "partialFingerprints": {"lzlintFinding/v1": digest},
    }
    if d.related:  # R101, R102: the paragraph in the other report; R202: the unit's other drafts
        result["relatedLocations"] = [
            {"id": i, **_location(r.path, r.line, r.column, r.end_line, r.end_column), "message": {"text": r.what or "对应的另一处"}}
            for i, r in enumerate(d.related)
        ]
    return result


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    rules = list(options.rules)
    known = {r.code for r in rules}
    descriptors = [_descriptor(r) for r in rules]
    # A finding of a rule not passed in (a caller that gave no rules) still
    # gets a minimal descriptor, so every ruleIndex resolves.
    for d in sorted({(d.code, d.name) for r in results for d in r.diagnostics}):
        if d[0] not in known:
            descriptors.append({"id": d[0], "name": d[1]})
            known.add(d[0])
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    found = [
        _result(d, index[d.code], fingerprint(key))
        for r in results
        for d, key in zip(r.diagnostics, finding_keys(r.diagnostics, r.lines, r.path))
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lzlint",
                        "version": __version__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                # An input that could not be read is a failed part of the run, not a clean file.
                "invocations": [
                    {
                        "executionSuccessful": not options.unreadable,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": error},
                                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}],
                            }
                            for path, error in options.unreadable
                        ],
                    }
                ],
                "results": found,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

"""`gitlab`: a GitLab Code Quality report (artifacts:reports:codequality).

The format is the subset of Code Climate's issue format that GitLab reads,
documented at https://docs.gitlab.com/ci/testing/code_quality/ (section
"Code Quality report format"): an array of {description, check_name,
fingerprint, severity, location: {path, lines: {begin}}}. GitLab keeps only
one issue per fingerprint and compares fingerprints between the source and
target branch to show what a merge request adds or fixes, so fingerprints
are unique in a report and do not change when lines move (see
lzlint/fingerprint.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lzlint.run.fingerprint import finding_keys, fingerprint
from lzlint.run.paths import repository_path

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult

# GitLab's scale is info < minor < major < critical < blocker; an lzlint
# error fails the pipeline but does not break anything, so it is "major".
SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _issue(d: Diagnostic, digest: str) -> dict[str, Any]:
    return {
        "description": f"{d.code} {d.message}",
        "check_name": d.code,
        "fingerprint": digest,
        "severity": SEVERITIES[d.severity],
        "location": {"path": repository_path(d.path), "lines": {"begin": d.line, "end": d.end_line}},
    }


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    issues = [
        _issue(d, fingerprint(key))
        for r in results
        for d, key in zip(r.diagnostics, finding_keys(r.diagnostics, r.lines, repository_path(r.path)))
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"

"""`json`: one array of finding objects, the contract of RULES.md."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    findings = [d.to_json() for r in results for d in r.diagnostics]
    return json.dumps(findings, ensure_ascii=False, indent=2) + "\n"

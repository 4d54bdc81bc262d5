"""The finding record every rule produces and every formatter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Higher is more severe; used for --fail-on and for sorting summaries.
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Replacement:
    """Replace the text between two positions (end exclusive) with `text`."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Fix:
    replacements: tuple[Replacement, ...]
    # An unsafe fix may change meaning: applied only with --unsafe-fixes.
    unsafe: bool = False


@dataclass(frozen=True)
class Related:
    """Another place a finding is about (R101: the other report's paragraph), as SARIF's relatedLocations."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    what: str = ""  # what stands there, for a link's text: 另一份报告中的相同段落


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding.

    Positions are 1-based; a column counts Unicode code points. The end
    position is exclusive: a one-character span at column 5 ends at column 6.
    """

    path: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    end_line: int = field(compare=False)
    end_column: int = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, object]:
        """The JSON object of the output contract in RULES.md."""
        fix: dict[str, object] | None = None
        if self.fix is not None:
            fix = {
                "replacements": [
                    {
                        "line": r.line,
                        "column": r.column,
                        "end_line": r.end_line,
                        "end_column": r.end_column,
                        "text": r.text,
                    }
                    for r in self.fix.replacements
                ]
            }
        return {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "fix": fix,
        }

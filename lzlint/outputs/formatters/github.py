"""`github`: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::error file=reports/甲镇.txt,line=16,col=135,endLine=16,endColumn=144,title=Q301::…

Escaping follows the runner's parser (actions/toolkit `command.ts`): in the
message `%`, CR and LF are percent-encoded; in property values also `:` and
`,`, which would otherwise end the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.outputs.formatters import part_for
from lzlint.outputs.formatters.position import printable
from lzlint.run.paths import repository_path

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult

# GitHub has no "info" annotation; "notice" is its lowest level.
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    """One workflow command line for a finding."""
    properties = {
        "file": printable(repository_path(d.path)),
        "line": str(d.line),
        "col": str(d.column),
        "endLine": str(d.end_line),
        "endColumn": str(d.end_column),
        "title": d.code,
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}\n"


def render_file(result: FileResult, color: bool) -> str:
    return "".join(command(d) for d in result.diagnostics)


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    return "".join(map(part_for("github", options.color), results))

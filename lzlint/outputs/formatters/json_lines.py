"""`json-lines`: one finding object per line (the RULES.md contract), for streaming tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.outputs.formatters import OutputOptions, part_for

if TYPE_CHECKING:
    from lzlint.run.engine import FileResult


def render_file(result: FileResult, color: bool) -> str:
    # ensure_ascii=False keeps Chinese readable; JSON escapes any newline in a
    # message, so one object can never span two lines.
    return "".join(json.dumps(d.to_json(), ensure_ascii=False) + "\n" for d in result.diagnostics)


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    return "".join(map(part_for("json-lines", options.color), results))

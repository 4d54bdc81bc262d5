"""Output formats, registered by name; `--format` offers exactly these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lzlint.engine import FileResult


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    quiet: bool = False


Formatter = Callable[[Sequence[FileResult], OutputOptions], str]


def _registry() -> dict[str, Formatter]:
    from lzlint.formatters import concise, html, json_format, text

    return {"text": text.render, "concise": concise.render, "json": json_format.render, "html": html.render}


FORMATTERS: dict[str, Formatter] = _registry()

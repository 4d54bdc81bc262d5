"""Output formats, registered by name; `--format` offers exactly these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lzlint.engine import FileResult
from lzlint.rules import Rule


@dataclass(frozen=True)
class OutputOptions:
    color: bool = False
    quiet: bool = False
    # The enabled rules: SARIF describes each in tool.driver.rules.
    rules: tuple[Rule, ...] = ()
    # Lowest severity that fails the run: JUnit marks a file failed from it.
    fail_on: str = "error"
    # stdout is a terminal: the text summary table may use rich's box drawing.
    terminal: bool = False


Formatter = Callable[[Sequence[FileResult], OutputOptions], str]


def _registry() -> dict[str, Formatter]:
    from lzlint.formatters import concise, github, gitlab, html, json_format, json_lines, junit, sarif, text

    return {
        "text": text.render,
        "concise": concise.render,
        "json": json_format.render,
        "json-lines": json_lines.render,
        "github": github.render,
        "gitlab": gitlab.render,
        "sarif": sarif.render,
        "junit": junit.render,
        "html": html.render,
    }


FORMATTERS: dict[str, Formatter] = _registry()

"""What a run over a folder must not pass in silence: files it did not check.

A CI gate over a reports folder that checked one clean .txt and could not read
the .doc beside it must not say "no findings" and pass. Every file that was not
checked becomes a finding F001 (unchecked-file, an error) on its first line,
so every output format lists it (text, JSON, SARIF, JUnit, GitHub, HTML …) and
the run fails, unless the config's `exclude` names the file. This is how
ruff and flake8 report a file they cannot read (E902): as a finding.

The other way round, a Markdown file in a reports folder (README.md, notes)
is no report, and must not fail as one that lacks all four sections: a
walked .md file with none of a report's section headings is skipped with a
note. A Markdown file named on the command line is always linted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.model.lexicon import Lexicon
from lzlint.model.lines import split_lines
from lzlint.model.outline import build_outline
from lzlint.run.engine import FileResult
from lzlint.run.findings import Findings

UNCHECKED_CODE = "F001"
UNCHECKED_NAME = "unchecked-file"
_MARKDOWN = ".md"
# What a keyword's {year} or {next_year} part needs in a heading.
_YEAR = re.compile(r"(?:19|20)\d\d")


def unchecked_result(path: str, reason: str) -> FileResult:
    """A file that was not checked, as a result with one error finding that says why."""
    finding = Diagnostic(path, 1, 1, UNCHECKED_CODE, UNCHECKED_NAME, "error", f"文件未检查：{reason}", 1, 1)
    return FileResult(path, Findings((finding,)), unchecked=reason)


def unread_result(result: FileResult) -> FileResult:
    """An input that could not be read, as a not-checked result (its error, less the path it starts with)."""
    error = result.error or ""
    # Errors start "path: " in English and "path：" in Chinese.
    for prefix in (f"{result.path}: ", f"{result.path}："):
        if error.startswith(prefix):
            return unchecked_result(result.path, error[len(prefix):])
    return unchecked_result(result.path, error)


def report_headings(text: str, lexicon: Lexicon) -> bool:
    """Whether some numbered heading may open one of a report's sections.

    The check asks only whether a heading contains each part of a section
    keyword; the real recognition (on jieba tokens) is stricter, so a file
    that fails here has no section a rule could find.
    """
    titles = [h.title for h in build_outline(split_lines(text), lexicon.preamble_cues) if h.title and not h.preamble]
    return any(
        all(part in title or (part.startswith("{") and _YEAR.search(title)) for part in keyword)
        for title in titles
        for kind in lexicon.sections
        for keyword in kind.keywords
    )


def skip_markdown_notes(
    files: Sequence[Path | str], walked: Collection[Path], lexicon: Lexicon, encoding: str | None
) -> tuple[list[Path | str], list[str]]:
    """The files less the walked Markdown files that are plainly no report, and a note for each."""
    from lzlint.sources import read_source

    kept: list[Path | str] = []
    notes: list[str] = []
    for path in files:
        if isinstance(path, Path) and path in walked and path.suffix.lower() == _MARKDOWN:
            try:
                text = read_source(path, encoding).text
            except LzlintError:
                text = None  # linting it tells what is wrong
            if text is not None and not report_headings(text, lexicon):
                notes.append(_("{path}: skipped, Markdown without any of a report's section headings (README, notes); name it to lint it").format(path=path))
                continue
        kept.append(path)
    return kept, notes

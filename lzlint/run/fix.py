"""Applying fixes safely: in memory, round by round, then one atomic write.

A round applies every fix that does not overlap an earlier one, re-parses the
text and lints again (a fix may reveal or resolve others), until a round
changes nothing. Text outside the replaced spans is never touched, so line
ends, BOM and encoding survive exactly.
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from lzlint.diagnostic import Diagnostic, Replacement
from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import (
    FileResult,
    active_rules,
    file_result,
    lint_document,
    lint_source,
    read_input,
    source_notes,
)
from lzlint.run.findings import Findings
from lzlint.sources import Source

MAX_ROUNDS = 10
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class FixOutcome:
    source: Source  # the fixed text (same path and encoding)
    fixed: tuple[Diagnostic, ...]  # findings whose fixes were applied, in the round they were found
    remaining: tuple[Diagnostic, ...]  # findings of the final text
    document: Document  # the final text, parsed

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def line_starts(text: str) -> list[int]:
    """Offset of the first character of every line (line ends as split_lines splits them)."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def _offset(starts: Sequence[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


def _span(starts: Sequence[int], r: Replacement) -> tuple[int, int]:
    return _offset(starts, r.line, r.column), _offset(starts, r.end_line, r.end_column)


def apply_round(text: str, diagnostics: Sequence[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes of `diagnostics` that do not overlap each other
    (unsafe ones only when `unsafe`, i.e. --unsafe-fixes)."""
    starts = line_starts(text)
    chosen: list[tuple[int, int, str, Diagnostic]] = []
    taken: list[tuple[int, int]] = []
    for d in diagnostics:
        if d.fix is None or (d.fix.unsafe and not unsafe):
            continue
        spans = [(*_span(starts, r), r.text) for r in d.fix.replacements]
        if any(s < e2 and s2 < e or (s == e == s2) for s, e, _ in spans for s2, e2 in taken):
            continue
        taken += [(s, e) for s, e, _ in spans]
        chosen += [(s, e, t, d) for s, e, t in spans]
    pieces, last = [], 0
    for s, e, t, _diagnostic in sorted(chosen, key=lambda c: c[0]):
        pieces += [text[last:s], t]
        last = e
    pieces.append(text[last:])
    applied = list(dict.fromkeys(d for *_, d in chosen))
    return "".join(pieces), applied


def fix_source(source: Source, rules: Sequence[Rule], vocabulary: Vocabulary, year: int | None = None, unsafe: bool = False) -> FixOutcome:
    """Fix a source in memory until no applicable fix is left."""
    fixed: list[Diagnostic] = []
    current = source
    for _round in range(MAX_ROUNDS):
        doc = Document.parse(current, vocabulary, year)
        found = lint_document(doc, rules)
        text, applied = apply_round(current.text, found, unsafe)
        if not applied or text == current.text:
            return FixOutcome(current, tuple(fixed), found, doc)
        fixed += applied
        current = replace(current, text=text)
    final = Document.parse(current, vocabulary, year)  # MAX_ROUNDS reached
    return FixOutcome(current, tuple(fixed), lint_document(final, rules), final)


def unified_diff(before: Source, after: Source) -> str:
    """A unified diff of the fix, as `--diff` prints it."""
    return "".join(
        difflib.unified_diff(
            before.text.splitlines(keepends=True),
            after.text.splitlines(keepends=True),
            fromfile=f"a/{before.path}",
            tofile=f"b/{after.path}",
        )
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace a file's bytes through a temporary file and a rename, keeping its mode.

    A symbolic link is followed: the report it points to is fixed, the link
    stays a link. A file with other hard links is written in place, since a
    rename would leave the other names on the old text. A read-only file is
    refused: its owner made it so.
    """
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
        if not status.st_mode & 0o222:
            raise LzlintError(_("{path}: is read-only; lzlint does not fix it (make it writable first)").format(path=path))
        if status.st_nlink > 1:
            with target.open("r+b") as handle:
                handle.write(data)
                handle.truncate()
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lzlint", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, status.st_mode & 0o7777)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise LzlintError(_("{path}: cannot write the fixed file: {reason}").format(path=path, reason=exc.strerror or exc)) from None


@dataclass(frozen=True)
class FileFix:
    """What fixing one input did: what remains (result.fixed: what was fixed), the diff."""

    result: FileResult
    diff: str
    text: str  # the fixed text (printed for standard input)
    refusal: str | None = None  # why the file was not rewritten, said to the user


def fix_file(path: Path | str, rules: Sequence[Rule], vocabulary: Vocabulary, settings: Settings, *, write: bool, unsafe: bool) -> FileFix:
    """Fix one file (or "-"), writing it back only when `write` and something changed."""
    try:
        source = read_input(path, settings)
    except LzlintError as exc:
        return FileFix(FileResult(str(path), error=str(exc)), "", "")
    if source.kind == "docx":
        note = f"{source.path}: .docx files are not rewritten by --fix; apply the fixes in Word (lzlint only reads Word files)"
        return FileFix(lint_source(source, rules, vocabulary, settings), "", source.text, note)
    outcome = fix_source(source, active_rules(rules, settings, source.path), vocabulary, settings.year, unsafe)
    if write and outcome.changed and path != "-":
        try:
            if not source.byte_exact:
                raise LzlintError(_("{path}: not rewritten: saving it as {encoding} again would change bytes lzlint did not fix").format(path=source.path, encoding=source.encoding))
            write_atomically(Path(path), source.encode(outcome.source.text))
        except LzlintError as exc:
            # Nothing was fixed: report the file as it stands, and go on with the others.
            return FileFix(lint_source(source, rules, vocabulary, settings), "", source.text, str(exc))
    notes = source_notes(outcome.source, outcome.document)
    result = file_result(outcome.source, Findings(outcome.remaining), settings, notes, outcome.fixed)
    diff = unified_diff(source, outcome.source) if outcome.changed else ""
    return FileFix(result, diff, outcome.source.text)

"""Applying fixes safely: in memory, round by round, then one atomic write.

A round applies every fix that does not overlap an earlier one, re-parses the
text and lints again (a fix may reveal or resolve others), until a round
changes nothing. Text outside the replaced spans is never touched, so line
ends, BOM and encoding survive exactly.
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
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


def _overlaps(taken: Sequence[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) overlaps a span of `taken` (sorted, pairwise disjoint), or is an
    insertion at the start of one. Only the spans near s are looked at: a scan of all
    of them made 40,000 fixes take quadratic time."""
    index = max(bisect.bisect_left(taken, (s, s)) - 2, 0)
    while index < len(taken) and taken[index][0] < max(e, s + 1):
        s2, e2 = taken[index]
        if s < e2 and s2 < e or (s == e == s2):
            return True
        index += 1
    return False


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
        if any(_overlaps(taken, s, e) for s, e, _text in spans):
            continue
        for s, e, _text in spans:
            bisect.insort(taken, (s, e))
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


@dataclass(frozen=True)
class Snapshot:
    """What a file was when lzlint read it: checked again just before the fixed text replaces it."""

    size: int
    mtime_ns: int
    inode: int
    sha256: str

    @staticmethod
    def of(status: os.stat_result, data: bytes) -> Snapshot:
        return Snapshot(status.st_size, status.st_mtime_ns, status.st_ino, hashlib.sha256(data).hexdigest())


class FixWriteError(LzlintError):
    """The fixed text could not replace the file (it was left as it was): exit status 2."""


def _unchanged_since(path: Path, target: Path, snapshot: Snapshot) -> None:
    """Refuse when the file is no longer what was read: a paragraph added meanwhile must not be lost."""
    status = target.stat()
    if (status.st_size, status.st_mtime_ns, status.st_ino) == (snapshot.size, snapshot.mtime_ns, snapshot.inode):
        # Same size and time can still hide an edit made within the clock's resolution.
        if hashlib.sha256(target.read_bytes()).hexdigest() == snapshot.sha256:
            return
    raise FixWriteError(
        _("{path}: changed since lzlint read it; not rewritten, so that nothing added meanwhile is lost (run lzlint --fix again)").format(path=path)
    )


def _sync_directory(directory: Path) -> None:
    # The rename itself is durable only once the folder is synced; not every system allows it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, snapshot: Snapshot | None = None) -> None:
    """Replace a file's bytes through a temporary file and a rename, keeping its mode.

    The whole new content is written to a temporary file in the same folder
    and synced before the rename, so a full disk leaves the file as it was.
    With a `snapshot`, the file must still be what was read, else nothing is
    written. A symbolic link is followed: the report it points to is fixed,
    the link stays a link. A file with other hard links is refused: a rename
    would leave the other names on the old text, and writing in place could
    cut it on a full disk. A read-only file is refused: its owner made it so.
    Refusals are LzlintError (the file is left alone, said so); failures to
    write are FixWriteError.
    """
    target = Path(os.path.realpath(path))
    try:
        status = target.stat()
        if not status.st_mode & 0o222:
            raise LzlintError(_("{path}: is read-only; lzlint does not fix it (make it writable first)").format(path=path))
        if status.st_nlink > 1:
            raise LzlintError(
                _(
                    "{path}: has {count} hard links; lzlint does not fix it, since a rename would part them "
                    "and writing in place could cut it (apply lzlint --diff, or copy it to a file of its own)"
                ).format(path=path, count=status.st_nlink)
            )
        if snapshot is not None:
            _unchanged_since(path, target, snapshot)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lzlint", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, status.st_mode & 0o7777)
            if snapshot is not None:  # again: the write took time
                _unchanged_since(path, target, snapshot)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _sync_directory(target.parent)
    except OSError as exc:
        raise FixWriteError(_("{path}: cannot write the fixed file, left as it was: {reason}").format(path=path, reason=exc.strerror or exc)) from None


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
        # Taken before reading: a change made while lzlint reads or fixes shows as a changed size or time.
        before = None if path == "-" or not write else os.stat(path)
    except OSError:
        before = None  # reading says why
    try:
        source = read_input(path, settings)
    except LzlintError as exc:
        return FileFix(FileResult(str(path), error=str(exc)), "", "")
    if source.kind == "docx":
        note = _("{path}: .docx files are not rewritten by --fix; apply the fixes in Word (lzlint only reads Word files)").format(path=source.path)
        return FileFix(lint_source(source, rules, vocabulary, settings), "", source.text, note)
    outcome = fix_source(source, active_rules(rules, settings, source.path), vocabulary, settings.year, unsafe)
    if write and outcome.changed and path != "-":
        try:
            if not source.byte_exact:
                raise LzlintError(
                    _("{path}: not rewritten: saving it as {encoding} again would change bytes lzlint did not fix").format(
                        path=source.path, encoding=source.encoding
                    )
                )
            # byte_exact: encode(text) is what was read, so its hash is the file's.
            snapshot = None if before is None else Snapshot.of(before, source.encode(source.text))
            write_atomically(Path(path), source.encode(outcome.source.text), snapshot)
        except FixWriteError as exc:
            # The file is as it was, but lzlint was asked to fix it and could not: exit status 2.
            return FileFix(FileResult(source.path, error=str(exc)), "", source.text)
        except LzlintError as exc:
            # Nothing was fixed: report the file as it stands, and go on with the others.
            return FileFix(lint_source(source, rules, vocabulary, settings), "", source.text, str(exc))
    notes = source_notes(outcome.source, outcome.document)
    result = file_result(outcome.source, Findings(outcome.remaining), settings, notes, outcome.fixed)
    diff = unified_diff(source, outcome.source) if outcome.changed else ""
    return FileFix(result, diff, outcome.source.text)

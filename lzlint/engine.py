"""Running rules over documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lzlint.config import Settings
from lzlint.diagnostic import Diagnostic
from lzlint.document import Document, Vocabulary, split_lines
from lzlint.errors import LzlintError
from lzlint.rules import Rule
from lzlint.selection import codes_matching
from lzlint.sources import Source, read_source, read_stdin


@dataclass(frozen=True)
class FileResult:
    """What one input produced: findings, or the one-line error that stopped it."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    lines: tuple[str, ...] = ()
    encoding: str = ""
    error: str | None = None


def lint_document(doc: Document, rules: Sequence[Rule]) -> tuple[Diagnostic, ...]:
    """Every finding of `rules` on one document, sorted by position."""
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            found.extend(rule.kind.run(doc, rule))
        except LzlintError:
            raise
        except Exception as exc:  # a bug in a check must not become a traceback
            raise LzlintError(f"{doc.path}: internal error in rule {rule.code}: {exc!r}; please report it") from exc
    return tuple(sorted(found))


def file_result(source: Source, found: Sequence[Diagnostic], settings: Settings) -> FileResult:
    """The result of one source from all its findings, less those per-file-ignores switch off."""
    # Resolving the path for the globs is costly over a cached folder; skip it when there are none.
    ignored = settings.ignored_codes(source.path) if settings.per_file_ignores else ()
    diagnostics = tuple(d for d in found if not codes_matching(ignored, d.code)) if ignored else tuple(found)
    return FileResult(source.path, diagnostics, split_lines(source.text), source.encoding)


def lint_source(source: Source, rules: Sequence[Rule], vocabulary: Vocabulary, settings: Settings) -> FileResult:
    return file_result(source, lint_document(Document.parse(source, vocabulary), rules), settings)


def lint_file(path: Path | str, rules: Sequence[Rule], vocabulary: Vocabulary, settings: Settings) -> FileResult:
    """Lint one file (or "-" for standard input); read errors become a FileResult error."""
    try:
        source = read_stdin() if path == "-" else read_source(Path(path))
    except LzlintError as exc:
        return FileResult(str(path), error=str(exc))
    return lint_source(source, rules, vocabulary, settings)

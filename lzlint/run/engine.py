"""Running rules over documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.folder.units import ReportUnit
from lzlint.locale import _, language
from lzlint.model.document import Document, Vocabulary
from lzlint.model.lines import Lines
from lzlint.ruleset.rules import Rule
from lzlint.ruleset.selection import codes_matching
from lzlint.run.config import Settings
from lzlint.run.findings import Findings
from lzlint.sources import Source, read_source, read_stdin
from lzlint.sources.source import PositionUnit

if TYPE_CHECKING:
    from lzlint.folder.paragraphs import Digest, StoredDigest


@dataclass(frozen=True)
class FileResult:
    """What one input produced: findings, or the one-line error that stopped it."""

    path: str
    # A plain sequence given here is wrapped in Findings (tests build results that way).
    diagnostics: Findings = field(default_factory=Findings)
    lines: Sequence[str] = ()
    encoding: str = ""
    error: str | None = None
    # "paragraph" for a .docx: `line` of each finding is a paragraph number.
    position_unit: PositionUnit = "line"
    # Lines about how the file was read, printed on stderr with --verbose.
    notes: tuple[str, ...] = ()
    # Findings that --fix corrected in this file (they are no longer in `diagnostics`).
    fixed: tuple[Diagnostic, ...] = ()
    # Why the file was not checked (run.gate): its one finding is F001, and
    # summaries count it apart from the files that were checked.
    unchecked: str | None = None
    # The report's body paragraphs for the checks over the folder (lzlint.folder), when they run.
    digest: Digest | StoredDigest | None = None
    # The units the report names, best first (lzlint.folder.units): the roster checks read them.
    units: tuple[ReportUnit, ...] = ()
    # Not a report but the roster's own file (.lzlint.yaml or its units file), here
    # for the R201 findings that stand at its lines: summaries do not count it as a file checked.
    roster_file: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.diagnostics, Findings):
            object.__setattr__(self, "diagnostics", Findings(self.diagnostics))

    @property
    def fixable_in_place(self) -> bool:
        """--fix can rewrite this input: a .docx is read, never written."""
        return self.encoding != "docx"


def lint_document(doc: Document, rules: Sequence[Rule]) -> tuple[Diagnostic, ...]:
    """Every finding of `rules` on one document, sorted by position."""
    found: list[Diagnostic] = []
    for rule in rules:
        try:
            found.extend(rule.kind.run(doc, rule))
        except LzlintError:
            raise
        except Exception as exc:  # a bug in a check must not become a traceback
            raise LzlintError(_("{path}: internal error in rule {code}: {exc!r}; please report it").format(path=doc.path, code=rule.code, exc=exc)) from exc
    return tuple(sorted(found))


def read_input(path: Path | str, settings: Settings) -> Source:
    """Read one input ("-" is standard input) with the configured encoding, if any."""
    return read_stdin(settings.encoding) if path == "-" else read_source(Path(path), settings.encoding)


def source_notes(source: Source, doc: Document, units: tuple[ReportUnit, ...] | None = None) -> tuple[str, ...]:
    """What --verbose says about a file: how it was read, its report year and its unit."""
    from lzlint.folder.units import describe, document_units

    units = document_units(doc) if units is None else units
    year = doc.report_year
    found = _("report year {year}, from the {where}").format(year=year.year, where=year.source_zh if language() == "zh" else year.source) if year else _("report year not found (give it with --year)")
    return (source.describe(), found, *describe(units))


def file_result(
    source: Source,
    found: Findings,
    settings: Settings,
    notes: Sequence[str] = (),
    fixed: Sequence[Diagnostic] = (),
    digest: Digest | StoredDigest | None = None,
    units: tuple[ReportUnit, ...] = (),
) -> FileResult:
    """The result of one source from all its findings, less those per-file-ignores switch off."""
    # Resolving the path for the globs is costly over a cached folder; skip it when there are none.
    ignored = settings.ignored_codes(source.path) if settings.per_file_ignores else ()
    # Findings are decoded (from the cache) only when some of them are switched off.
    if ignored and any(codes_matching(ignored, code) for code in found.tally.codes):
        found = Findings(d for d in found if not codes_matching(ignored, d.code))
    return FileResult(
        source.path,
        found,
        Lines(source.text),
        source.encoding,
        position_unit=source.position_unit,
        notes=tuple(notes),
        fixed=tuple(fixed),
        digest=digest,
        units=units,
    )


def active_rules(rules: Sequence[Rule], settings: Settings, path: str) -> list[Rule]:
    """The rules that run on a path, after per-file-ignores (for --fix, which must not fix the others)."""
    ignored = settings.ignored_codes(path)
    return [r for r in rules if not codes_matching(ignored, r.code)]


def lint_source(source: Source, rules: Sequence[Rule], vocabulary: Vocabulary, settings: Settings) -> FileResult:
    from lzlint.folder.units import document_units

    doc = Document.parse(source, vocabulary, settings.year)
    units = document_units(doc)
    return file_result(source, Findings(lint_document(doc, rules)), settings, source_notes(source, doc, units), units=units)

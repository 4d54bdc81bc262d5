"""Checks over the whole folder, run in the main process after every file was linted.

The per-file run leaves in each FileResult a Digest of the report's body
paragraphs (paragraphs.py); the checks here read only those digests, so a
folder re-run from the cache does them too. They run when lzlint is given a
folder or several files, and their findings are ordinary findings of the
files they are about: selected, ignored and printed like any other.
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lzlint.diagnostic import Diagnostic
from lzlint.folder.paragraphs import DigestOptions, standard_sentences
from lzlint.run.findings import Findings

if TYPE_CHECKING:
    from lzlint.outputs.formatters import FilePart
    from lzlint.ruleset.rules import Rule
    from lzlint.run.config import Settings
    from lzlint.run.engine import FileResult

COPIES = "copied_paragraph"
CARRIED_OVER = "carried_over_paragraph"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The folder checks without Python's cyclic garbage collector (reference counting still frees all).

    They make a province's hundreds of thousands of paragraphs, sets and
    tuples, none in a reference cycle; the collector, run again and again as
    they pile up, walked them all each time: 1.5 s of the 7.7 s of a
    province's folder stage. (mypy raises its thresholds for the same reason.)
    What is still there afterwards lives until the output is written: it is
    frozen (gc.freeze), or the first collection after the pause would walk
    it all once more (0.5 s for a province).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def digest_options(rules: Sequence[Rule], *, reports: int = 2, previous: bool = False) -> DigestOptions | None:
    """How the workers digest each report for the enabled folder rules; None when none has work.

    R101 needs two reports, R102 last year's. One digest serves both rules:
    its minimum length the smaller, its standard sentences those of both.
    """
    wanted = [r for r in rules if (r.check == COPIES and reports > 1) or (r.check == CARRIED_OVER and previous)]
    if not wanted:
        return None
    # Every copy rule's standard sentences, run or not: a sentence listed as standard is standard for both.
    standard = standard_sentences([s for r in rules if r.check in (COPIES, CARRIED_OVER) for s in r.params["standard_text"]])
    return DigestOptions(min_chars=min(r.params["min_chars"] for r in wanted), standard=standard)


def unit_key(result: FileResult, title: str, roster: Roster | None = None) -> str:
    """Which unit a report is of, as R101 and R102 compare it: one notion of "the same unit" for both.

    The roster entry the report is matched to when a roster is configured
    (it settles 柳河镇 against 柳河镇人民政府); else the best unit the report
    names (title, 落款, file name: lzlint.folder.units); else, when none was
    found, the file name less years and common words.
    """
    from lzlint.folder.carried_over import same_unit_key

    if roster is not None:
        from lzlint.folder.roster import assign
        from lzlint.folder.units import default_unit_words

        entry = assign(result.path, result.units, roster, default_unit_words()).entry
        if entry is not None:
            return entry.key
    if result.units:
        return result.units[0].key
    return same_unit_key(result.path, title)


def last_year_of(results: Sequence[FileResult], previous: Sequence[FileResult], roster: Roster | None = None) -> dict[str, list[str]]:
    """Which of last year's reports R102 compares each of this year's with: those of the same unit (unit_key).

    For -v: a unit whose name is written differently from one year to the next
    would otherwise be left out of R102 without a word.
    """
    from lzlint.folder.carried_over import last_year_keys

    by_unit: dict[str, list[str]] = {}
    for result in previous:
        if result.digest is not None and result.error is None:
            key = unit_key(result, result.digest.load().title_text, roster)
            if key:
                by_unit.setdefault(key, []).append(result.path)
    keys = {r.path: unit_key(r, r.digest.load().title_text, roster) for r in results if r.digest is not None and r.error is None}
    compared_with = last_year_keys(keys.values(), by_unit)
    return {path: [p for p in by_unit.get(compared_with.get(key, ""), ()) if p != path] for path, key in keys.items()}


def name_mask(results: Sequence[FileResult], roster: Roster | None = None) -> NameMask:
    """Every unit name known in the folder: each report's units (as written and as compared), the roster's."""
    from lzlint.folder.paragraphs import NameMask

    names = [name for r in results for u in r.units for name in (u.name, u.key)]
    if roster is not None:
        names += [name for e in roster.entries for name in (e.name, e.key)]
    return NameMask.of(names)


def _units(results: Sequence[FileResult], roster: Roster | None, mask: NameMask) -> list[Unit]:
    from lzlint.folder.carried_over import Unit
    from lzlint.folder.copies import Report

    units = []
    for result in results:
        if result.digest is not None and result.error is None:
            found = result.digest.load()
            key = unit_key(result, found.title_text, roster)
            paragraphs = tuple(mask.paragraph(p) for p in found.paragraphs)
            report = Report(result.path, paragraphs, result.position_unit, key)
            units.append(Unit(report, found, key))
    return units


@dataclass
class ThisYear:
    """What the folder checks work out from this year's reports alone (this_year).

    Worked out while last year's reports are still being read, so that the
    main process is busy while the workers read them.
    """

    units: list[Unit]
    names: NameMask  # what was left out of their paragraphs: the unit names this year's reports and the roster know
    sketches: dict[int, Sketches] = field(default_factory=dict)  # by shingle size; each distinct text once
    # Similar paragraphs by the parameters found with: R101 and R102 with the same ones share them.
    similar: dict[tuple[object, ...], Similar] = field(default_factory=dict)

    def sketched(self, size: int, units: Sequence[Unit], min_chars: int) -> Sketches:
        """The sketches of `size`, with every long paragraph of `units` among them: all at once, numpy's way."""
        from lzlint.folder.shingles import Sketches

        made = self.sketches.setdefault(size, Sketches(size))
        made.make(p.text for u in units for p in u.report.paragraphs if len(p.text) >= min_chars)
        return made

    def similar_of(self, rule: Rule) -> Similar:
        from lzlint.folder.copies import similar_for

        params = rule.params
        key = tuple(params[k] for k in ("threshold", "shingle", "boilerplate_share", "boilerplate_min_reports", "min_chars"))
        if key not in self.similar:
            sketches = self.sketched(params["shingle"], self.units, params["min_chars"])
            self.similar[key] = similar_for([u.report for u in self.units], params, sketches)
        return self.similar[key]


def this_year(results: Sequence[FileResult], rules: Sequence[Rule], roster: Roster | None = None, *, previous: bool = False) -> ThisYear:
    """This year's reports as the folder checks compare them, with the similar paragraphs each copy rule needs.

    R101's copies, and with `previous` the standard text R102 leaves out.
    Names of other units are left out at comparison time (each report's
    own at digest time): one pass over each paragraph, so the cost stays
    linear in the folder.
    """
    names = name_mask(results, roster)
    year = ThisYear(_units(results, roster, names), names)
    if len(year.units) >= 2:
        for rule in rules:
            if rule.check == COPIES or (rule.check == CARRIED_OVER and previous):
                year.similar_of(rule)
    return year


def check_folder(
    results: Sequence[FileResult],
    previous: Sequence[FileResult],
    rules: Sequence[Rule],
    roster: Roster | None = None,
    year: ThisYear | None = None,
) -> list[Diagnostic]:
    """The findings of the enabled folder rules over this year's `results` (and last year's `previous`).

    `year`: this_year() of `results`, when worked out already.
    """
    from lzlint.folder.carried_over import check_carried_over
    from lzlint.folder.copies import boilerplate_places, check_copies

    if digest_options(rules, reports=len(results), previous=bool(previous)) is None:
        return []
    if year is None:
        year = this_year(results, rules, roster, previous=bool(previous))
    reports = [u.report for u in year.units]
    found: list[Diagnostic] = []
    for rule in rules:
        if rule.check == COPIES and len(reports) >= 2:
            found.extend(check_copies(reports, rule, year.similar_of(rule)))
        elif rule.check == CARRIED_OVER and previous:
            # What every unit writes every year (the opening, standard formulations) is not carried over.
            standard = boilerplate_places(year.similar_of(rule)) if len(reports) >= 2 else set()
            # Last year's unit names are left out too (a unit renamed since): this year's paragraphs
            # again only when last year's reports name a unit this year's do not.
            names = name_mask([*results, *previous], roster)
            current = year.units if names.names == year.names.names else _units(results, roster, names)
            earlier = _units(previous, roster, names)
            sketches = year.sketched(rule.params["shingle"], [*current, *earlier], rule.params["min_chars"])
            found.extend(check_carried_over(current, earlier, rule, sketches, standard))
    return found


def folder_fingerprint(results: Sequence[FileResult], previous: Sequence[FileResult], rules: Sequence[Rule], settings: Settings) -> str:
    """What the folder findings depend on: every report's digest and place, the folder rules, the per-file ignores."""
    digest = hashlib.sha256()
    for rule in rules:
        if rule.kind.folder:
            digest.update(f"rule {rule.code} {rule.severity} {sorted((k, repr(v)) for k, v in rule.params.items())}\n".encode())
    digest.update(f"ignores {sorted((k, tuple(v)) for k, v in settings.per_file_ignores.items())}\n".encode())
    # The roster tells which reports are one unit's (not copies of each other).
    if settings.roster is not None:
        digest.update(f"roster {[(e.name, e.key) for e in settings.roster.entries]}\n".encode())
    for label, group in (("report", results), ("previous", previous)):
        for r in group:
            print_ = r.digest.fingerprint if r.digest is not None and r.error is None else "-"
            digest.update(f"{label} {r.path}\0{r.position_unit}\0{print_}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def with_findings(
    results: Sequence[FileResult], found: Sequence[Diagnostic], settings: Settings, part: FilePart | None
) -> tuple[list[FileResult], dict[str, Findings]]:
    """`results` with the folder findings after each file's own, less those per-file-ignores switch off.

    Each file's findings stay as they are (encoded, with their rendered
    part) and its folder findings follow them, with their own part: the
    output is the same whether they come from the cache or not. Also
    returns, by path, the folder findings alone with their part (what the
    cache keeps of a folder).
    """
    from lzlint.ruleset.selection import codes_matching

    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in found:
        by_path[d.path].append(d)
    added: dict[str, Findings] = {}
    for result in results:
        extra = sorted(by_path.pop(result.path, []))
        if extra and settings.per_file_ignores:
            ignored = settings.ignored_codes(result.path)
            extra = [d for d in extra if not codes_matching(ignored, d.code)]
        if extra:
            own = Findings(extra)
            if part is not None:
                own = own.with_part(part.key, part.render(replace(result, diagnostics=own)))
            added[result.path] = own
    return with_cached(results, added, part), added


def with_cached(results: Sequence[FileResult], folder: Mapping[str, Findings], part: FilePart | None) -> list[FileResult]:
    """`results` with each file's folder findings (from with_findings or the cache) after its own."""
    merged = []
    for result in results:
        extra = folder.get(result.path)
        if extra is not None:
            own = result.diagnostics
            parts = {}
            if part is not None and part.key in own.parts and part.key in extra.parts:
                parts[part.key] = part.join(own.parts[part.key], extra.parts[part.key])
            result = replace(result, diagnostics=own.combined(extra, parts))
        merged.append(result)
    return merged


if TYPE_CHECKING:
    from lzlint.folder.carried_over import Unit
    from lzlint.folder.copies import Similar
    from lzlint.folder.paragraphs import NameMask
    from lzlint.folder.roster import Roster
    from lzlint.folder.shingles import Sketches

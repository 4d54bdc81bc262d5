"""Who is missing: the configured roster of units against the reports of a folder.

`.lzlint.yaml` may list the units that must report (`units: [柳河镇, …]`, or
the path of a UTF-8 file with one unit per line). Each report is matched to
one roster unit by the units it names (lzlint.folder.units, best first):

- R201 missing-report (error): a roster unit with no report. Having no file,
  it is placed where the unit is listed, the config's (or the list file's)
  line and column, as ruff places a config problem.
- R202 duplicate-report (warning): two or more reports for one unit, at
  each report, naming the others.
- R203 unknown-unit (info): a report whose unit is not on the roster, could
  be either of two roster units, or cannot be told at all.

Names are compared leniently (柳河镇 = 柳河镇人民政府 = 某县柳河镇人民政府;
县应急管理局 = 某县应急管理局; 司法局 = 县司法局), but a report that could be
two roster units is matched to neither: it is R203, with both named.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from lzlint.diagnostic import Diagnostic, Related
from lzlint.errors import LzlintError
from lzlint.folder.units import (
    SOURCES_ZH,
    ReportUnit,
    UnitWords,
    default_unit_words,
    likely_same,
    normalise,
)
from lzlint.locale import _, ngettext

if TYPE_CHECKING:
    from lzlint.located_yaml import LocatedDocument
    from lzlint.ruleset.rules import Rule
    from lzlint.run.config import Settings
    from lzlint.run.engine import FileResult

CHECK = "roster"
Status = Literal["submitted", "missing", "duplicate", "unlisted"]
STATUS_ZH: dict[str, str] = {"submitted": "已提交", "missing": "未提交", "duplicate": "重复", "unlisted": "名单外"}


@dataclass(frozen=True)
class RosterEntry:
    """One unit of the roster and where it is listed (1-based line and column)."""

    name: str
    key: str
    path: str
    line: int
    column: int


# Keys that name one unit end alike (same_unit): in their last two characters at least.
_TAIL = 2


@dataclass(frozen=True)
class Roster:
    entries: tuple[RosterEntry, ...]
    path: str  # the file the units are listed in (the config, or the list file)
    # The entries by the last two characters of their key, and those of shorter keys: a
    # report's unit is compared with the entries it may match, not a province's 10,000.
    by_tail: Mapping[str, tuple[RosterEntry, ...]] = field(default_factory=dict, compare=False)
    short: tuple[RosterEntry, ...] = field(default=(), compare=False)
    # The entries by their whole key: most reports name their unit as the roster does.
    by_key: Mapping[str, tuple[RosterEntry, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, entries: Sequence[RosterEntry], path: str) -> Roster:
        by_tail: dict[str, list[RosterEntry]] = {}
        for entry in entries:
            if len(entry.key) >= _TAIL:
                by_tail.setdefault(entry.key[-_TAIL:], []).append(entry)
        short = tuple(e for e in entries if len(e.key) < _TAIL)
        by_key: dict[str, list[RosterEntry]] = {}
        for entry in entries:
            by_key.setdefault(entry.key, []).append(entry)
        return cls(tuple(entries), path, {k: tuple(v) for k, v in by_tail.items()}, short, {k: tuple(v) for k, v in by_key.items()})

    def near(self, key: str) -> tuple[RosterEntry, ...]:
        """The entries `key` may name (same_unit): both keys end alike, save a one-character key."""
        if len(key) < _TAIL:
            return self.entries
        return self.by_tail.get(key[-_TAIL:], ()) + self.short


@dataclass(frozen=True)
class UnitStatus:
    """A roster unit (or, for 名单外, a report's own unit) and the reports found for it."""

    unit: str
    status: Status
    paths: tuple[str, ...]
    entry: RosterEntry | None = None


@dataclass(frozen=True)
class Assignment:
    """What a report was matched to: a roster entry, or why none."""

    path: str
    entry: RosterEntry | None
    unit: ReportUnit | None
    why: str = ""
    # The roster units it could be, when more than one: none is taken.
    candidates: tuple[RosterEntry, ...] = ()


@dataclass(frozen=True)
class RosterStatus:
    """Every roster unit's status, then the reports outside the roster."""

    units: tuple[UnitStatus, ...]
    assignments: tuple[Assignment, ...]
    # Whether the run covered the whole folder: given files alone (a pre-commit hook's), a unit
    # without a report among them may well have sent one, so none is called 未提交.
    complete: bool = True
    roster_size: int = 0  # units on the roster, those left out of an incomplete status included

    def count(self, status: Status) -> int:
        return sum(u.status == status for u in self.units)

    @property
    def listed(self) -> int:
        """Units on the roster (名单外 reports are not)."""
        return sum(u.entry is not None for u in self.units)

    def headline(self) -> str:
        """The roster's counts in one line: 5 units on the roster: 3 已提交, 1 未提交, 1 重复; 1 report 名单外."""
        counts = _(", ").join(f"{self.count(s)} {STATUS_ZH[s]}" for s in ("submitted", "missing", "duplicate"))
        unlisted = self.count("unlisted")
        tail = ngettext("; {n} report {label}", "; {n} reports {label}", unlisted).format(n=unlisted, label=STATUS_ZH["unlisted"]) if unlisted else ""
        if not self.complete:
            return ngettext(
                "{n} of the {total} units on the roster among the files given{tail}; who sent nothing is told only when lzlint is given the folder.",
                "{n} of the {total} units on the roster among the files given{tail}; who sent nothing is told only when lzlint is given the folder.",
                self.listed,
            ).format(n=self.listed, total=self.roster_size, tail=tail)
        return ngettext("{n} unit on the roster: {counts}{tail}.", "{n} units on the roster: {counts}{tail}.", self.listed).format(
            n=self.listed, counts=counts, tail=tail
        )

    def unit_of(self, path: str) -> tuple[str, Status] | None:
        """The unit name and status a report is counted under."""
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[str, tuple[str, Status]]:
        # Each output asks for every report: a province's 10,000 must not each scan the roster.
        found: dict[str, tuple[str, Status]] = {}
        for unit in self.units:
            for path in unit.paths:
                found.setdefault(path, (unit.unit, unit.status))
        return found


# ---------------------------------------------------------------- loading


def _display(path: Path) -> str:
    """`path` relative to the working directory when under it: findings name it so."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _column(line_text: str, name: str, after: int) -> int:
    """1-based column of `name` in a line, searched from `after` (several units on one line)."""
    at = line_text.find(name, after)
    return at + 1 if at >= 0 else 1


def _check_names(entries: list[RosterEntry], where: str) -> Roster:
    if not entries:
        raise LzlintError(_("{where}: units lists no unit").format(where=where))
    seen: dict[str, RosterEntry] = {}
    for entry in entries:
        if not entry.key or not entry.name.strip():
            raise LzlintError(_("{where}: an empty unit name in units").format(where=f"{entry.path}:{entry.line}"))
        first = seen.get(entry.key)
        if first is not None:
            raise LzlintError(
                _("{where}: unit {name} is listed twice (also line {line}: {other})").format(
                    where=f"{entry.path}:{entry.line}", name=entry.name, line=first.line, other=first.name
                )
            )
        seen[entry.key] = entry
    return Roster.of(entries, entries[0].path)


def roster_from_names(names: Sequence[str], path: str, words: UnitWords | None = None) -> Roster:
    """A roster of `names`, one per line of `path` (tests and rule examples)."""
    words = words or default_unit_words()
    return _check_names([RosterEntry(n, normalise(n, words), path, i, 1) for i, n in enumerate(names, start=1)], path)


def _read_list(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LzlintError(_("{path}: units file not found").format(path=path)) from None
    except OSError as exc:
        raise LzlintError(_("{path}: cannot read the units file: {reason}").format(path=path, reason=exc.strerror or exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            data.decode("gb18030")
            saved = _("it looks saved as GBK/GB18030")
        except UnicodeDecodeError:
            saved = _("it is in some other encoding")
        raise LzlintError(_("{where}: the units file is not UTF-8 ({saved}): save it as UTF-8").format(where=f"{path}:{line}", saved=saved)) from None


def _from_file(path: Path) -> Roster:
    """One unit per line; blank lines and # comments are skipped."""
    text = _read_list(path)
    words = default_unit_words()
    shown = _display(path)
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        entries.append(RosterEntry(name, normalise(name, words), shown, number, line.index(name[0]) + 1))
    return _check_names(entries, shown)


def load_roster(doc: LocatedDocument, value: Any) -> Roster:
    """The `units` of a config document: a list of names, or the path of a list file (relative to the config)."""
    where = doc.where("units")
    if isinstance(value, str):
        return _from_file(doc.path.parent / value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LzlintError(_("{where}: units must be a list of unit names or the path of a file with one unit per line").format(where=where))
    lines = doc.path.read_text(encoding="utf-8").splitlines()
    words = default_unit_words()
    shown = _display(doc.path)
    entries = []
    last: tuple[int, int] = (0, 0)
    for index, name in enumerate(value):
        number = doc.line_of("units", index)
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        column = _column(text, name.strip(), last[1] if last[0] == number else 0) if name.strip() else 1
        last = (number, column + len(name))
        entries.append(RosterEntry(name.strip(), normalise(name, words), shown, number, column))
    return _check_names(entries, where)


# ---------------------------------------------------------------- matching


def _place_or_bare(prefix: str, words: UnitWords) -> bool:
    """A place prefix (东安县, 湖南省永州市) or a bare one-character place word (县, 区)."""
    return prefix in words.place_suffixes or words.place_prefix.fullmatch(prefix) is not None


def same_unit(a: str, b: str, words: UnitWords) -> bool:
    """Whether two keys name one unit, allowing for a place written before it on one side.

    柳河镇 ~ 某县柳河镇; 司法局 ~ 县司法局; 县应急管理局 ~ 东安县应急管理局 (the
    roster's 县 stands for whatever county the report names).
    """
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not short:
        return False
    if long.endswith(short) and _place_or_bare(long[: -len(short)], words):
        return True
    # The roster's 县人民政府 (key 县) is the county's government: 青溪县人民政府 (key 青溪县).
    if short in words.place_suffixes and long.endswith(short) and words.place_prefix.fullmatch(long) is not None:
        return True
    # A zone bears its county's name without 县 (青溪经济开发区): any two to four characters before it.
    zone = short.lstrip("".join(words.place_suffixes))  # the roster's 县开发区 is the county's zone
    if zone.startswith(words.zone_words) and long.endswith(zone) and long != zone:
        before = long[: -len(zone)]
        placed = words.place_prefix.match(before)
        rest = before[placed.end() :] if placed else before  # 青溪县经济: 经济 after the county
        return len(rest) <= 4 and (placed is not None or len(rest) >= 2 or rest in words.place_suffixes)
    head = short[0]
    if head in words.place_suffixes and len(short) > 2 and long.endswith(short[1:]):
        prefix = long[: len(long) - len(short) + 1]
        return prefix.endswith(head) and words.place_prefix.fullmatch(prefix) is not None
    return False


def _candidates(unit: ReportUnit, roster: Roster, words: UnitWords) -> list[RosterEntry]:
    exact = roster.by_key.get(unit.key)
    return list(exact) if exact else [e for e in roster.near(unit.key) if same_unit(e.key, unit.key, words)]


def assign(path: str, units: Sequence[ReportUnit], roster: Roster, words: UnitWords) -> Assignment:
    """The roster entry a report is from: that of its best-read unit (title, 落款, file name) on the roster.

    A later place is asked only while the earlier ones name no more than a
    place (a title naming 某县 alone, its 落款 the 局): a title that names
    青松县司法局 is that unit's report, whatever its file name says.
    """
    for index, unit in enumerate(units):
        found = _candidates(unit, roster, words)
        if len(found) == 1:
            return Assignment(path, found[0], unit)
        if len(found) > 1:
            names = "、".join(f"“{e.name}”" for e in found)
            return Assignment(path, None, unit, f"{SOURCES_ZH[unit.source]}中的“{unit.name}”可能是名单上的{names}，无法确定是哪一个", tuple(found))
        if words.place_prefix.fullmatch(unit.key) is None:
            # A later place naming a roster unit contradicts this one: say so, count it for neither.
            for later in units[index + 1 :]:
                other = _candidates(later, roster, words)
                if len(other) == 1:
                    return Assignment(
                        path,
                        None,
                        unit,
                        f"{SOURCES_ZH[unit.source]}中的“{unit.name}”不在单位名单上，而{SOURCES_ZH[later.source]}中的“{later.name}”"
                        f"是名单上的“{other[0].name}”，请核对是哪个单位的报告",
                    )
            break
    if not units:
        return Assignment(path, None, None, "标题、落款和文件名都没有写明单位")
    named = "；".join(f"{SOURCES_ZH[u.source]}中的“{u.name}”" for u in units)
    return Assignment(path, None, units[0], f"{named}不在单位名单上")


def roster_status(results: Sequence[FileResult], roster: Roster, words: UnitWords | None = None, *, complete: bool = True) -> RosterStatus:
    """Match every report of a run to the roster.

    `complete`: the run covers the whole folder; else (files given one by one) no unit is 未提交.
    """
    words = words or default_unit_words()
    reports = [r for r in results if r.error is None and r.unchecked is None and r.path != roster.path]
    assignments = tuple(assign(r.path, r.units, roster, words) for r in reports)
    by_entry: dict[RosterEntry, list[str]] = {e: [] for e in roster.entries}
    for a in assignments:
        if a.entry is not None:
            by_entry[a.entry].append(a.path)
    statuses: list[UnitStatus] = []
    for entry, paths in by_entry.items():
        status: Status = "missing" if not paths else "submitted" if len(paths) == 1 else "duplicate"
        if status != "missing" or complete:
            statuses.append(UnitStatus(entry.name, status, tuple(paths), entry))
    for a in assignments:
        if a.entry is None:
            statuses.append(UnitStatus(a.unit.name if a.unit else "（未能识别）", "unlisted", (a.path,)))
    return RosterStatus(tuple(statuses), assignments, complete, len(roster.entries))


# ---------------------------------------------------------------- findings


def _report_span(unit: ReportUnit | None) -> tuple[int, int, int]:
    """Where a report's finding goes: on the unit's name, or the file's start."""
    if unit is None or unit.line == 0:
        return 1, 0, 1
    return unit.line, unit.start, unit.end


def likely_entries(assignments: Sequence[Assignment], missing: Sequence[RosterEntry]) -> dict[str, RosterEntry]:
    """For each report outside the roster, the roster unit still without a report it most likely is (units.likely_same)."""
    outside = [a for a in assignments if a.entry is None and a.unit is not None and not a.candidates]
    found = likely_same([a.unit.key for a in outside if a.unit is not None], [e.key for e in missing])
    return {outside[i].path: missing[j] for i, j in found.items()}


def _years_differ(paths: Sequence[str], year_of: Callable[[str], int | None]) -> str:
    """What R202 adds when a unit's reports state different years: last year's report left in the folder."""
    years = {path: year_of(path) for path in paths}
    if len({y for y in years.values() if y is not None}) < 2:
        return ""
    stated = "，".join(f"{path} 为{year}年度" for path, year in years.items() if year is not None)
    return f"（各份报告所写的年度不同：{stated}，可能混入了往年的报告）"


def roster_findings(status: RosterStatus, rules: Iterable[Rule], year_of: Callable[[str], int | None] = lambda path: None) -> list[Diagnostic]:
    """The findings of the enabled roster rules (R201–R203) for one matched folder.

    `year_of`: the year a report states (its digest's), when known.
    """
    by_finding = {r.params["finding"]: r for r in rules if r.check == CHECK}
    found: list[Diagnostic] = []
    missing, duplicate, unknown = by_finding.get("missing"), by_finding.get("duplicate"), by_finding.get("unknown")
    assigned = {a.path: a for a in status.assignments}
    # A report outside the roster and a roster unit without one may be one unit written two ways (县教育局 and
    # 青林县教育体育局): each finding names the other.
    without_report = [u.entry for u in status.units if u.status == "missing" and u.entry is not None]
    likely = likely_entries(status.assignments, without_report)  # report path -> the roster unit it may be
    reports_of = {entry: (path, assigned[path].unit) for path, entry in likely.items()}
    for unit in status.units:
        entry = unit.entry
        if unit.status == "missing" and missing is not None and entry is not None:
            report = reports_of.get(entry)
            hint = f"（{report[0]} 中的“{report[1].name}”可能就是它）" if report is not None and report[1] is not None else ""
            found.append(missing.diagnostic(entry.path, entry.line, entry.column - 1, entry.column - 1 + len(entry.name), unit=entry.name, likely=hint))
        elif unit.status == "duplicate" and duplicate is not None:
            spans = {path: _report_span(assigned[path].unit) for path in unit.paths}
            years = _years_differ(unit.paths, year_of)
            for path in unit.paths:
                others = "、".join(p for p in unit.paths if p != path)
                line, start, end = spans[path]
                # Each draft points at the others, where their own R202 stands (SARIF, HTML links).
                related = tuple(Related(p, n, a + 1, n, max(b, a + 1) + 1, "同一单位的另一份报告") for p, (n, a, b) in spans.items() if p != path)
                found.append(duplicate.diagnostic(path, line, start, end, related=related, unit=unit.unit, others=others, years=years))
        elif unit.status == "unlisted" and unknown is not None:
            a = assigned[unit.paths[0]]
            line, start, end = _report_span(a.unit)
            same = likely.get(a.path)
            why = a.why if same is None else f"{a.why}；名单上尚无报告的“{same.name}”可能就是本单位"
            found.append(unknown.diagnostic(a.path, line, start, end, why=why))
    return found


def check_roster(results: Sequence[FileResult], rules: Sequence[Rule], settings: Settings, *, complete: bool = True) -> list[Diagnostic]:
    """R201–R203 over the reports of a run, when a roster is configured; no R201 unless `complete` (roster_status)."""
    if settings.roster is None or not any(r.check == CHECK for r in rules):
        return []
    return roster_findings(roster_status(results, settings.roster, complete=complete), rules, year_stated(results))


def year_stated(results: Sequence[FileResult]) -> Callable[[str], int | None]:
    """The year each report states, from its digest (the folder checks made one): None without."""
    by_path = {r.path: r for r in results}

    def year_of(path: str) -> int | None:
        result = by_path.get(path)
        return result.digest.load().year if result is not None and result.digest is not None and result.error is None else None

    return year_of


def with_findings(results: Sequence[FileResult], found: Sequence[Diagnostic], settings: Settings) -> list[FileResult]:
    """`results` with folder findings added to their files; a finding in a file not linted (the
    config, for R201) gets a result of its own, after the others. Per-file-ignores apply."""
    from lzlint.model.lines import Lines
    from lzlint.ruleset.selection import codes_matching
    from lzlint.run.engine import FileResult
    from lzlint.run.findings import Findings

    by_path: dict[str, list[Diagnostic]] = {}
    for d in found:
        if not codes_matching(settings.ignored_codes(d.path), d.code):
            by_path.setdefault(d.path, []).append(d)
    merged = []
    for result in results:
        extra = by_path.pop(result.path, None)
        if extra and result.error is None:
            result = replace(result, diagnostics=Findings(sorted([*result.diagnostics, *extra])))
        merged.append(result)
    for path, extra in by_path.items():
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        merged.append(FileResult(path, Findings(sorted(extra)), Lines(text), "utf-8", roster_file=True))
    return merged

"""R102 carried-over-paragraph: a paragraph that repeats the same unit's report of the previous year.

Last year's reports come from --previous DIR, or from a folder laid out by
year (reports/2024/…, reports/2025/…: the latest year is checked, the year
before it is the previous). A report is matched with last year's report of
the same unit by lzlint.folder.unit_key (roster, detected unit, file name); its paragraphs are compared with that one
report's only, through the same sketches and exact verification as R101.
Repeating the shortcomings or next year's plans is what inspectors criticise
by name (问题年年一样), so the message says so there. Each report with carried
text also gets one finding on its first line with the share of its body
text carried over.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING

from lzlint.diagnostic import Diagnostic
from lzlint.folder.copies import Report, alike
from lzlint.folder.paragraphs import Digest, Paragraph
from lzlint.folder.shingles import Sketches, agreeing_bins, jaccard, shingles
from lzlint.folder.units import DRAFT_MARKS, likely_same

if TYPE_CHECKING:  # rules.py imports the kinds: only the type here
    from lzlint.ruleset.rules import Rule

_YEAR = re.compile(r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}")
_YEAR_DIR = re.compile(r"((?:19|20)\d\d)(?:年|年度)?")
# Words every report's name carries whatever its unit: left out of the unit key.
_COMMON_WORDS = re.compile(rf"关于|年度|年|法治政府建设|法治建设|依法行政|工作|情况|报告|总结|的|{DRAFT_MARKS}|[（(].*?[)）]|[\s_\-—.．·、，,]+")


def same_unit_key(path: str, title: str = "") -> str:
    """Which unit a report is of, as a key equal for the same unit's reports of different years.

    From the file name (years, 关于/年度/法治政府建设/情况/报告 and the like
    removed); from the title when the name says nothing else (2024年度报告.docx).
    The fallback of lzlint.folder.unit_key when no unit was detected in the report.
    """
    for text in (PurePath(path).stem, title):
        key = _COMMON_WORDS.sub("", _YEAR.sub("", text))
        if key:
            return key
    return ""


def year_of_folder(path: str) -> int | None:
    """The year of the nearest folder above `path` named as a year (2024, 2024年, 2024年度)."""
    for part in reversed(PurePath(path).parent.parts):
        m = _YEAR_DIR.fullmatch(part)
        if m:
            return int(m.group(1))
    return None


@dataclass(frozen=True)
class YearSplit:
    """A folder laid out by year: the files checked, last year's, and the older ones left alone."""

    year: int
    previous_year: int
    current: tuple[str, ...]
    previous: tuple[str, ...]
    older: tuple[str, ...]


def split_by_year(paths: Sequence[str]) -> YearSplit | None:
    """The year layout of `paths`, when they lie in folders of at least two years; else None."""
    years = {path: year_of_folder(path) for path in paths}
    found = sorted({y for y in years.values() if y is not None})
    if len(found) < 2:
        return None
    latest, before = found[-1], found[-2]
    # A file in no year folder is taken as this year's: it is checked.
    current = tuple(p for p in paths if years[p] is None or years[p] == latest)
    previous = tuple(p for p in paths if years[p] == before)
    older = tuple(p for p in paths if (years[p] or before) < before)
    return YearSplit(latest, before, current, previous, older)


def misplaced(this_year: Sequence[tuple[str, int | None]], last_year: Sequence[tuple[str, int | None]]) -> list[tuple[str, int, int, bool]]:
    """Reports whose own year (as the report states it) says they are in the wrong place.

    Each (path, report year) of this year's and of last year's reports; out:
    (path, report year, the year its place gives, whether it was read as last
    year's). A report in a folder named for a year (2025/) should be of that
    year; one read as last year's should be of a year before the one checked
    (its folder's year, or the year most of this year's reports state). A draft of 2025 saved in
    2026/ by mistake makes a folder laid out by year check the wrong year.
    """
    # The year checked: that of this year's folder in a folder laid out by year, else the one most reports state.
    folders = [(path, year, year_of_folder(path)) for path, year in this_year]
    placed = Counter(folder for _, _, folder in folders if folder is not None)
    stated = placed or Counter(year for _, year in this_year if year is not None)
    checked = stated.most_common(1)[0][0] if stated else None
    found: list[tuple[str, int, int, bool]] = [
        (path, year, folder, False) for path, year, folder in folders if year is not None and folder is not None and year != folder
    ]
    for path, year in last_year:
        if year is not None and checked is not None and year >= checked:
            found.append((path, year, checked - 1, True))
    return found


@dataclass(frozen=True)
class Unit:
    """A report with what R102 needs beside its paragraphs."""

    report: Report
    digest: Digest
    key: str


def _section_note(section: str) -> str:
    if section == "shortcomings":
        return "存在的不足与上一年度一样，问题年年一样会被督察视为整改不力；请写出本年度新发现的问题和原因"
    if section == "next_year":
        return "下一年度安排与上一年度一样，工作计划年年一样；请写出针对本年度问题的新安排"
    return "请核实是否照搬上一年度报告，写出本年度的实际做法和成效"


def _finding(rule: Rule, unit: Unit, paragraph: Paragraph, old: Unit, p: int, similarity: float) -> Diagnostic:
    """R102 at `paragraph` of `unit`, repeating paragraph `p` of last year's report `old`."""
    return rule.diagnostic(
        unit.report.path,
        paragraph.line,
        paragraph.start,
        paragraph.end,
        end_line=paragraph.end_line or None,
        other=old.report.path,
        where=old.report.where(old.report.paragraphs[p]),
        related=(old.report.place(old.report.paragraphs[p], "上一年度报告中的相同段落"),),
        similarity=int(similarity * 100),
        alike=alike(similarity),
        advice=_section_note(paragraph.section),
    )


def last_year_keys(current: Iterable[str], previous: Iterable[str]) -> dict[str, str]:
    """For each of this year's unit keys, the key of the last year's reports it is compared with.

    The same key; or, for a unit with no report of last year under its name,
    the name of last year's that no report of this year has and that is most
    likely the same unit renamed or written another way (县林业局 last year,
    县林业和草原局 this year: units.likely_same). Two of this year's taking the
    same name of last year's take none: which is the unit is not clear.
    """
    now = set(current) - {""}
    then = set(previous) - {""}
    keys = {key: key for key in now & then}
    orphans, former = sorted(now - then), sorted(then - now)
    found = likely_same(orphans, former)
    taken = Counter(found.values())
    keys.update((orphans[i], former[j]) for i, j in found.items() if taken[j] == 1)
    return keys


def check_carried_over(
    current: Sequence[Unit],
    previous: Sequence[Unit],
    rule: Rule,
    sketches: Sketches | None = None,
    boilerplate: Collection[tuple[int, int]] = frozenset(),
) -> Iterator[Diagnostic]:
    """R102's findings: each paragraph repeating last year's report of the same unit, and one share per report.

    `boilerplate` holds the (unit, paragraph) places of `current` that are
    standard text of this year's folder (copies.boilerplate_places): every
    unit writes them every year, so repeating them is no finding.
    `sketches`: those this run made already, of the rule's shingle size.
    """
    import numpy as np

    from lzlint.folder import candidates

    params = rule.params
    threshold, size, min_chars = params["threshold"] / 100, params["shingle"], params["min_chars"]
    if sketches is None:
        sketches = Sketches(size)
    # Every text sketched at once (numpy's way) unless made already: one at a time costs 50 times more.
    sketches.make(p.text for u in (*current, *previous) for p in u.report.paragraphs if len(p.text) >= min_chars)
    least_shared = agreeing_bins(threshold)
    last_year: dict[str, list[Unit]] = defaultdict(list)
    for unit in previous:
        if unit.key:
            last_year[unit.key].append(unit)
    compared_with = last_year_keys((u.key for u in current), last_year)
    summary = replace(rule, message=params["summary_message"])
    # First each unit's identical paragraphs, and the pairs left to compare: each paragraph with
    # every long paragraph of the unit's last report, a dozen by a dozen, compared at once below.
    same_text: dict[tuple[int, int], tuple[Unit, int]] = {}
    rows: list[bytes] = []  # the sketch of each paragraph compared, once
    places: list[tuple[int, int] | tuple[Unit, int]] = []  # by row: (unit, paragraph) this year's, (report, paragraph) last year's
    # By unit with pairs: its last year's rows (first, count) and its own rows (first, count), each block
    # consecutive; its pairs are every own row with every last year's row, in that order.
    blocks: list[tuple[int, int, int, int]] = []
    for u, unit in enumerate(current):
        # A file given both as this year's and as last year's is not its own previous report.
        earlier = [o for o in last_year.get(compared_with.get(unit.key, ""), ()) if o.report.path != unit.report.path]
        if not earlier:
            continue
        old = [(o, p) for o in earlier for p, paragraph in enumerate(o.report.paragraphs) if len(paragraph.text) >= min_chars]
        by_text: dict[str, tuple[Unit, int]] = {}
        for o, p in old:
            by_text.setdefault(o.report.paragraphs[p].text, (o, p))
        old_first = mine_first = -1
        for index, paragraph in enumerate(unit.report.paragraphs):
            if len(paragraph.text) < min_chars or (u, index) in boilerplate:
                continue
            if paragraph.text in by_text:
                same_text[u, index] = by_text[paragraph.text]
                continue
            if old_first < 0:
                old_first = len(rows)
                rows.extend(sketches(o.report.paragraphs[p].text) for o, p in old)
                places.extend(old)
                mine_first = len(rows)
            rows.append(sketches(paragraph.text))
            places.append((u, index))
        if old_first >= 0 and old:
            blocks.append((old_first, len(old), mine_first, len(rows) - mine_first))
    # The pairs as two arrays of rows, built by numpy: a province has millions of them.
    old_firsts, old_counts, mine_firsts, mine_counts = (np.array(column, dtype=np.int64) for column in zip(*blocks)) if blocks else (np.zeros(0, dtype=np.int64),) * 4
    per_mine = np.repeat(old_counts, mine_counts)  # each own row meets this many of last year's
    mine_rows = np.repeat(candidates.consecutive(mine_firsts, mine_counts), per_mine)
    theirs_rows = candidates.consecutive(np.repeat(old_firsts, mine_counts), per_mine)
    # Pairs whose sketches agree too little to be `threshold` alike stop here, in one numpy comparison.
    matrix = candidates.sketch_matrix(rows)
    close = np.flatnonzero(candidates.shared_bins(matrix, mine_rows, theirs_rows) >= least_shared)
    nearest: dict[tuple[int, int], tuple[float, Unit, int]] = {}
    texts: dict[tuple[int, int], set[str]] = {}
    for mine_row, their_row in zip(mine_rows[close].tolist(), theirs_rows[close].tolist()):
        (u, index), (o, p) = places[mine_row], places[their_row]
        assert isinstance(u, int) and isinstance(o, Unit)
        if (u, index) not in texts:
            texts.clear()  # one paragraph's shingles at a time: its pairs are next to each other
            texts[u, index] = shingles(current[u].report.paragraphs[index].text, size)
        similarity = jaccard(texts[u, index], shingles(o.report.paragraphs[p].text, size))
        # The most similar of last year's paragraphs; the first of them in last year's order.
        if similarity >= threshold and ((u, index) not in nearest or similarity > nearest[u, index][0]):
            nearest[u, index] = (similarity, o, p)
    for u, unit in enumerate(current):
        carried_chars = 0
        first = None
        for index, paragraph in enumerate(unit.report.paragraphs):
            if (u, index) in same_text:
                old_unit, p = same_text[u, index]
                similarity = 1.0
            elif (u, index) in nearest:
                similarity, old_unit, p = nearest[u, index]
            else:
                continue
            carried_chars += len(paragraph.text)
            first = first or old_unit
            yield _finding(rule, unit, paragraph, old_unit, p, similarity)
        if carried_chars and first is not None and unit.digest.body_chars:
            share = min(100, round(100 * carried_chars / unit.digest.body_chars))
            line, end = unit.digest.title or (unit.report.paragraphs[0].line, 1)
            yield summary.diagnostic(unit.report.path, line, 0, end, share=share, other=first.report.path)

"""R101 copied-paragraph: a paragraph that is (nearly) the same as one of another report of the folder.

Candidates come from LSH banding of the paragraphs' MinHash sketches
(shingles.py): paragraphs that agree on all bins of one band meet in that
band's bucket, and only pairs met there are compared, exactly, by the
Jaccard similarity of their shingle sets. The cost grows with the folder,
not with its square, except in a bucket that many reports share: that is
standard text (the guiding-thought opening every report rightly carries),
and it is settled by comparing each member with a few representatives
instead of with each other.

Boilerplate: a paragraph found in the reports of more than
`boilerplate_share` percent of the folder's units, and of at least
`boilerplate_min_reports` of them, is not a copy. Units, not files: a
unit's two drafts count once. The minimum keeps a small folder (three
townships) reporting a copy between two of its reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from lzlint.diagnostic import Diagnostic, Related
from lzlint.folder.paragraphs import Paragraph
from lzlint.folder.shingles import (
    Bands,
    Sketches,
    agreeing_bins,
    jaccard,
    shingles,
)

if TYPE_CHECKING:  # rules.py imports the kinds: only the type here
    import numpy as np
    from numpy.typing import NDArray

    from lzlint.ruleset.rules import Rule

# Representatives tried against a crowded bucket before the rest of it is left
# to the other bands: a bucket holds at most a few distinct standard texts.
_REPRESENTATIVES = 4


@dataclass(frozen=True)
class Report:
    """One report as the folder checks see it."""

    path: str
    paragraphs: tuple[Paragraph, ...]
    # "paragraph" for a .docx: where a paragraph stands is said as 第N段, not 第N行.
    position_unit: str = "line"
    # Which unit it is of (lzlint.folder.unit_key): a report and its 修改稿 are one unit's, not a copy. "" when unknown.
    unit: str = ""

    def where(self, paragraph: Paragraph) -> str:
        """第12行, or 第12至14行 for a paragraph broken across lines (段 in a .docx)."""
        unit = "段" if self.position_unit == "paragraph" else "行"
        return f"第{paragraph.line}至{paragraph.end_line}{unit}" if paragraph.end_line else f"第{paragraph.line}{unit}"

    def place(self, paragraph: Paragraph, what: str) -> Related:
        """Where `paragraph` stands, as a finding at it would (Rule.diagnostic's columns): for the other side of a copy."""
        end = paragraph.end + 1 if paragraph.end_line else max(paragraph.end, paragraph.start + 1) + 1
        return Related(self.path, paragraph.line, paragraph.start + 1, paragraph.last_line, end, what)


@dataclass
class _Groups:
    """The folder's long paragraphs, grouped by identical normalised text.

    Most copies are exact once numbers and punctuation are normalised: a
    group holds every place of one text, so a text copied into 200 reports
    costs one comparison per similar text, not 200 squared.
    """

    reports: Sequence[Report]
    sketches: Sketches
    members: list[list[tuple[int, int]]] = field(default_factory=list)  # group -> [(report, paragraph)]
    _sets: dict[int, set[str]] = field(default_factory=dict)

    @property
    def shingle(self) -> int:
        """Characters per shingle: the sketches' own."""
        return self.sketches.size

    def text(self, group: int) -> str:
        r, p = self.members[group][0]
        return self.reports[r].paragraphs[p].text

    def sketch(self, group: int) -> bytes:
        return self.sketches(self.text(group))

    def reports_of(self, group: int) -> set[int]:
        return {r for r, _ in self.members[group]}

    def writers_of(self, group: int) -> set[object]:
        """Who wrote the group's places (_identity): a unit's drafts are one writer."""
        return {_identity(self.reports, r) for r, _ in self.members[group]}

    def shingles(self, group: int) -> set[str]:
        found = self._sets.get(group)
        if found is None:
            found = self._sets[group] = shingles(self.text(group), self.shingle)
        return found

    def similarity(self, a: int, b: int) -> float:
        return jaccard(self.shingles(a), self.shingles(b))

    def forget(self) -> None:
        """Drop the shingle sets made so far (after each bucket).

        A set of a paragraph's shingles costs about 100 times its text; kept
        for every group compared, they were most of a province's memory
        (110 MB per 1,000 reports). A bucket's pairs are compared together,
        and a pair met again in another band is not compared again, so
        little is made twice.
        """
        self._sets.clear()


def alike(similarity: float) -> str:
    """How the message says two paragraphs compare: the same, or nearly (a word or two changed)."""
    return "相同" if similarity >= 1 else "基本相同"


def boilerplate_limit(reports: int, share: int, min_reports: int) -> int:
    """The most reports a paragraph may be found in and still be a copy rather than standard text."""
    return max(min_reports - 1, reports * share // 100)


def _group(reports: Sequence[Report], sketches: Sketches, min_chars: int) -> _Groups:
    groups = _Groups(reports, sketches)
    by_text: dict[str, int] = {}
    for r, report in enumerate(reports):
        for p, paragraph in enumerate(report.paragraphs):
            if len(paragraph.text) >= min_chars:
                g = by_text.setdefault(paragraph.text, len(groups.members))
                if g == len(groups.members):
                    groups.members.append([])
                groups.members[g].append((r, p))
    return groups


def similar_paragraphs(
    reports: Sequence[Report], *, threshold: float, sketches: Sketches, share: int, min_reports: int, min_chars: int
) -> tuple[_Groups, dict[int, dict[int, float]], set[int]]:
    """The paragraphs grouped by text, the pairs of groups at least `threshold` similar, and the standard text.

    Two places of one group are the same text (similarity 1); two groups
    are similar when an edge joins them. A group is standard text
    (boilerplate) when it and the groups similar to it span more reports
    than boilerplate_limit.
    """
    import numpy as np

    from lzlint.folder import candidates

    groups = _group(reports, sketches, min_chars)
    # Standard text is counted in units, not files: a unit's leftover 修改稿 beside its report must
    # not lift a paragraph four units copied to the five reports that make it standard.
    writer_ids: dict[object, int] = {}
    writer_of = [writer_ids.setdefault(_identity(reports, r), len(writer_ids)) for r in range(len(reports))]
    limit = boilerplate_limit(len(writer_ids), share, min_reports)
    edges: dict[int, dict[int, float]] = defaultdict(dict)
    boilerplate: set[int] = set()
    bands = Bands.for_threshold(threshold)
    # Every text sketched at once (numpy's way) unless made already: one at a time costs 50 times more.
    sketches.make(groups.text(g) for g in range(len(groups.members)))
    matrix = candidates.sketch_matrix([groups.sketch(g) for g in range(len(groups.members))])
    least_shared = agreeing_bins(threshold)
    # Each group's writers (most groups have one place): a bucket's writers are its members'.
    group_writers = [sorted({writer_of[r] for r, _ in places}) for places in groups.members]
    ptr = np.cumsum([0] + [len(w) for w in group_writers], dtype=np.int64)
    held = np.fromiter((w for ws in group_writers for w in ws), dtype=np.int64, count=int(ptr[-1]))

    def compare(a: int, b: int) -> None:
        # Sketches too far apart are no copy: most pairs a crowd's representative meets stop here.
        if int(candidates.shared_bins(matrix, np.array([a]), np.array([b]))[0]) >= least_shared:
            similarity = groups.similarity(a, b)
            if similarity >= threshold:
                edges[a][b] = edges[b][a] = similarity

    met: list[NDArray[np.int64]] = []
    for band in range(bands.count):
        buckets = candidates.band_buckets(matrix, band * bands.rows, bands.rows)
        writers = candidates.distinct_per_bucket(buckets, ptr, held)
        # A bucket of more units than standard text may span is standard text (or holds it): settled
        # against representatives, in the order a walk over the groups meets the buckets.
        for i in np.flatnonzero(writers > limit):
            # Standard text found in an earlier bucket is not settled again.
            boilerplate |= _settle_crowd([g for g in buckets.bucket(int(i)) if g not in boilerplate], groups, threshold, limit, compare)
            groups.forget()
        a, b = candidates.pairs_within(buckets, (writers >= 2) & (writers <= limit))
        met.append(a * len(groups.members) + b)
    # Every pair met in an ordinary bucket of any band, once, in order: its sketches first, then exactly.
    pairs = np.sort(np.concatenate(met)) if met else np.empty(0, dtype=np.int64)
    pairs = pairs[np.append(True, pairs[1:] != pairs[:-1])] if len(pairs) else pairs
    first, second = pairs // max(1, len(groups.members)), pairs % max(1, len(groups.members))
    close = candidates.shared_bins(matrix, first, second) >= least_shared
    last = -1
    for a, b in zip(first[close].tolist(), second[close].tolist()):
        if a != last:
            groups.forget()  # a's shingles are kept while its pairs are compared, then dropped
            last = a
        similarity = groups.similarity(a, b)
        if similarity >= threshold:
            edges[a][b] = edges[b][a] = similarity
    groups.forget()
    for g in range(len(groups.members)):
        if g in boilerplate or (len(groups.members[g]) < 2 and g not in edges):
            continue
        spanned = groups.writers_of(g).union(*(groups.writers_of(n) for n in edges.get(g, ())))
        if len(spanned) > limit:
            boilerplate.add(g)
    return groups, edges, boilerplate


def _settle_crowd(members: list[int], groups: _Groups, threshold: float, limit: int, compare: Any) -> set[int]:
    """A bucket shared by more reports than the limit: its standard texts, found against a few representatives."""
    boilerplate: set[int] = set()
    rest = members
    for _ in range(_REPRESENTATIVES):
        if len(rest) < 2:
            break
        representative, others = rest[0], rest[1:]
        # Each member's shingles made here and dropped: a crowd of thousands must not stay in memory.
        mine = groups.shingles(representative)
        cluster = [representative] + [g for g in others if jaccard(mine, shingles(groups.text(g), groups.shingle)) >= threshold]
        if len(set().union(*(groups.writers_of(g) for g in cluster))) > limit:
            boilerplate.update(cluster)
        else:
            # Few enough reports: an ordinary copy, compared pair by pair.
            for i, a in enumerate(cluster):
                for b in cluster[i + 1 :]:
                    compare(a, b)
        taken = set(cluster)
        rest = [g for g in others if g not in taken]
    return boilerplate


Similar = tuple[_Groups, dict[int, dict[int, float]], set[int]]


def similar_for(reports: Sequence[Report], params: Mapping[str, Any], sketches: Sketches | None = None) -> Similar:
    """similar_paragraphs with a folder rule's parameters (R101's and R102's have the same names).

    `sketches`: those made already by this run, of the rule's shingle size.
    """
    return similar_paragraphs(
        reports,
        threshold=params["threshold"] / 100,
        sketches=sketches if sketches is not None else Sketches(params["shingle"]),
        share=params["boilerplate_share"],
        min_reports=params["boilerplate_min_reports"],
        min_chars=params["min_chars"],
    )


def boilerplate_places(similar: Similar) -> set[tuple[int, int]]:
    """The (report, paragraph) places of the standard text similar_paragraphs found."""
    groups, _, boilerplate = similar
    return {place for g in boilerplate for place in groups.members[g]}


def _identity(reports: Sequence[Report], r: int) -> object:
    """Who wrote report `r`: its unit, or the report itself when its unit is unknown."""
    return reports[r].unit or ("report", r)


def _nearest_two(groups: _Groups, candidates: Sequence[tuple[int, float]], reports: Sequence[Report]) -> list[tuple[object, tuple[tuple[int, int], float]]]:
    """The first place of `candidates` (in order) and the first of another writer, each with its writer.

    The place a member's finding names is the first of another writer than
    the member's: one of these two, whoever the member is. Found once per
    group: a text copied by 200 reports is not walked 200 times.
    """
    nearest: list[tuple[object, tuple[tuple[int, int], float]]] = []
    for n, similarity in candidates:
        for place in groups.members[n]:
            owner = _identity(reports, place[0])
            if not nearest or owner != nearest[0][0]:
                nearest.append((owner, (place, similarity)))
                if len(nearest) == 2:
                    return nearest
    return nearest


# The other reports an R101 message names besides the one it points at ("另有5份报告…（a、b、c等）").
_NAMED_ELSEWHERE = 3


def _first_names(reports: Sequence[Report], by_name: Sequence[int], writers: set[object], named: int) -> list[str]:
    """The file names of the first reports of `by_name` by other writers than `writers`, less `named`."""
    found: list[str] = []
    for o in by_name:
        if o != named and _identity(reports, o) not in writers:
            found.append(PurePath(reports[o].path).name)
            if len(found) == _NAMED_ELSEWHERE:
                break
    return found


def _still_named(paragraph: Paragraph, other: Report) -> str:
    """What R101 adds when the copy still writes the other report's unit (柳河镇 in 城关镇's report): the surest sign."""
    if len(other.unit) < 2:  # 县 (a county's government, 县人民政府) is in too many names
        return ""
    for name in paragraph.names:
        if name.startswith(other.unit) or other.unit.startswith(name) or other.unit.endswith(name):
            return f"，且本段还写着对方的单位名称“{name}”"
    return ""


def check_copies(reports: Sequence[Report], rule: Rule, found: Similar | None = None) -> Iterator[Diagnostic]:
    """R101's findings: each copied paragraph, at both places, naming the other (`found`: similar_for's, when made already)."""
    groups, edges, boilerplate = found if found is not None else similar_for(reports, rule.params)
    for g, members in enumerate(groups.members):
        if g in boilerplate:
            continue
        # The same text first (similarity 1), then similar texts, most similar first; input order among equals.
        similar = sorted(((n, s) for n, s in edges.get(g, {}).items() if n not in boilerplate), key=lambda item: (-item[1], groups.members[item[0]][0]))
        candidates = [(g, 1.0), *similar]
        spanned = groups.reports_of(g).union(*(groups.reports_of(n) for n, _ in similar))
        if len(spanned) < 2:
            continue
        # Reports of the text by unit: a member's others are the spanned reports less its unit's
        # (counted once per group, not once per member: a text copied into 200 reports is one group).
        of_unit = Counter(reports[o].unit for o in spanned if reports[o].unit)
        nearest = _nearest_two(groups, candidates, reports)
        by_name = sorted(spanned, key=lambda o: reports[o].path)
        for r, p in members:
            report = reports[r]
            # Another unit's report only: two drafts of one unit (报告 and 修改稿) share their text by right.
            others = len(spanned) - (of_unit[report.unit] if report.unit else 1)
            other = next((found for owner, found in nearest if owner != _identity(reports, r)), None)
            if other is None:
                continue
            (other_r, other_p), similarity = other
            paragraph = report.paragraphs[p]
            other_report = reports[other_r]
            elsewhere = others - 1
            also = ""
            if elsewhere:
                named = _first_names(reports, by_name, {_identity(reports, r)}, other_r)
                more = "等" if elsewhere > len(named) else ""
                also = f"，另有{elsewhere}份报告也有此段（{'、'.join(named)}{more}）"
            yield rule.diagnostic(
                report.path,
                paragraph.line,
                paragraph.start,
                paragraph.end,
                end_line=paragraph.end_line or None,
                named=_still_named(paragraph, other_report),
                other=other_report.path,
                where=other_report.where(other_report.paragraphs[other_p]),
                related=(other_report.place(other_report.paragraphs[other_p], "另一份报告中的相同段落"),),
                similarity=int(similarity * 100),
                alike=alike(similarity),
                also=also,
            )

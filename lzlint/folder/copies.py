"""R101 copied-paragraph: a paragraph that is (nearly) the same as one of another report of the folder.

Candidates come from LSH banding of the paragraphs' MinHash sketches
(shingles.py): paragraphs that agree on all bins of one band meet in that
band's bucket, and only pairs met there are compared, exactly, by the
Jaccard similarity of their shingle sets. The cost grows with the folder,
not with its square, except in a bucket that many reports share: that is
standard text (the guiding-thought opening every report rightly carries),
and it is settled by comparing each member with a few representatives
instead of with each other.

Boilerplate: a paragraph found in more than `boilerplate_share` percent of
the folder's reports, and in at least `boilerplate_min_reports` of them, is
not a copy. The minimum keeps a small folder (three townships) reporting a
copy between two of its reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lzlint.diagnostic import Diagnostic
from lzlint.folder.paragraphs import Paragraph
from lzlint.folder.shingles import BAND, BINS, EMPTY_BAND, jaccard, shingles

if TYPE_CHECKING:  # rules.py imports the kinds: only the type here
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

    def where(self, paragraph: Paragraph) -> str:
        return f"第{paragraph.line}{'段' if self.position_unit == 'paragraph' else '行'}"


@dataclass(frozen=True)
class Match:
    report: int
    paragraph: int  # index into that report's paragraphs
    similarity: float


@dataclass
class _Index:
    """Every paragraph of the folder, numbered, with its shingle set made on first need."""

    reports: Sequence[Report]
    shingle: int
    owner: list[tuple[int, int]] = field(default_factory=list)  # entry -> (report, paragraph)
    _sets: dict[int, set[str]] = field(default_factory=dict)

    def text(self, entry: int) -> str:
        r, p = self.owner[entry]
        return self.reports[r].paragraphs[p].text

    def shingles(self, entry: int) -> set[str]:
        found = self._sets.get(entry)
        if found is None:
            found = self._sets[entry] = shingles(self.text(entry), self.shingle)
        return found

    def similarity(self, a: int, b: int) -> float:
        return jaccard(self.shingles(a), self.shingles(b))


def boilerplate_limit(reports: int, share: int, min_reports: int) -> int:
    """The most reports a paragraph may be found in and still be a copy rather than standard text."""
    return max(min_reports - 1, reports * share // 100)


def similar_paragraphs(
    reports: Sequence[Report], *, threshold: float, shingle: int, share: int, min_reports: int, min_chars: int
) -> tuple[dict[int, list[tuple[int, float]]], set[int], _Index]:
    """The pairs of paragraphs of different reports at least `threshold` similar, and the boilerplate.

    Returns each entry's matches (other entry, similarity), the entries
    that are boilerplate, and the index that numbers them.
    """
    index = _Index(reports, shingle)
    for r, report in enumerate(reports):
        for p, paragraph in enumerate(report.paragraphs):
            if len(paragraph.text) >= min_chars:
                index.owner.append((r, p))
    limit = boilerplate_limit(len(reports), share, min_reports)
    matches: dict[int, dict[int, float]] = defaultdict(dict)
    boilerplate: set[int] = set()
    tried: set[tuple[int, int]] = set()

    def compare(a: int, b: int) -> None:
        pair = (a, b) if a < b else (b, a)
        if pair in tried:
            return
        tried.add(pair)
        similarity = index.similarity(a, b)
        if similarity >= threshold:
            matches[a][b] = matches[b][a] = similarity

    sketches = [reports[r].paragraphs[p].sketch for r, p in index.owner]
    for band in range(BINS // BAND):
        # One band at a time: its buckets are all that is held, not every band's keys.
        buckets: dict[bytes, list[int]] = defaultdict(list)
        start, end = band * BAND * 4, (band + 1) * BAND * 4
        for entry, entry_sketch in enumerate(sketches):
            key = entry_sketch[start:end]
            if key != EMPTY_BAND:
                buckets[key].append(entry)
        for members in buckets.values():
            if len(members) < 2:
                continue
            owners = {index.owner[m][0] for m in members}
            if len(owners) < 2:
                continue
            if len(owners) > limit:
                # Standard text found in an earlier band is not settled again.
                members = [m for m in members if m not in boilerplate]
                boilerplate |= _settle_crowd(members, index, threshold, limit, compare)
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if index.owner[a][0] != index.owner[b][0]:
                        compare(a, b)
    # A paragraph whose matches span more reports than the limit is standard text.
    for entry, found in matches.items():
        if entry not in boilerplate and len({index.owner[entry][0], *(index.owner[m][0] for m in found)}) > limit:
            boilerplate.add(entry)
    return {e: sorted(m.items()) for e, m in matches.items()}, boilerplate, index


def _settle_crowd(members: list[int], index: _Index, threshold: float, limit: int, compare: Any) -> set[int]:
    """A bucket shared by more reports than the limit: its standard texts, found against a few representatives."""
    boilerplate: set[int] = set()
    rest = members
    for _ in range(_REPRESENTATIVES):
        if len(rest) < 2:
            break
        representative, others = rest[0], rest[1:]
        # Each member's shingles made here and dropped: a crowd of thousands must not stay in memory.
        mine = index.shingles(representative)
        cluster = [representative] + [m for m in others if jaccard(mine, shingles(index.text(m), index.shingle)) >= threshold]
        if len({index.owner[m][0] for m in cluster}) > limit:
            boilerplate.update(cluster)
        else:
            # Few enough reports: an ordinary copy, compared pair by pair.
            for i, a in enumerate(cluster):
                for b in cluster[i + 1 :]:
                    if index.owner[a][0] != index.owner[b][0]:
                        compare(a, b)
        taken = set(cluster)
        rest = [m for m in others if m not in taken]
    return boilerplate


def check_copies(reports: Sequence[Report], rule: Rule) -> Iterator[Diagnostic]:
    """R101's findings: each copied paragraph, at both places, naming the other."""
    params = rule.params
    matches, boilerplate, index = similar_paragraphs(
        reports,
        threshold=params["threshold"] / 100,
        shingle=params["shingle"],
        share=params["boilerplate_share"],
        min_reports=params["boilerplate_min_reports"],
        min_chars=params["min_chars"],
    )
    for entry, found in matches.items():
        if entry in boilerplate:
            continue
        others = [(other, similarity) for other, similarity in found if other not in boilerplate]
        if not others:
            continue
        # The most similar first; among equals the report listed first (input order: stable output).
        others.sort(key=lambda item: (-item[1], index.owner[item[0]]))
        r, p = index.owner[entry]
        report, paragraph = reports[r], reports[r].paragraphs[p]
        best, similarity = others[0]
        other_report = reports[index.owner[best][0]]
        other_paragraph = other_report.paragraphs[index.owner[best][1]]
        elsewhere = len({index.owner[o][0] for o, _ in others}) - 1
        yield rule.diagnostic(
            report.path,
            paragraph.line,
            paragraph.start,
            paragraph.end,
            other=other_report.path,
            where=other_report.where(other_paragraph),
            similarity=int(similarity * 100),
            also=f"，另有{elsewhere}份报告也有此段" if elsewhere else "",
        )

"""Which headings open the sections the 督察规定 requires.

Recognition works on heading titles only: a mention of 第一责任人 in body text
is not a section. Keywords are matched on token boundaries, so a keyword never
matches half a word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lzlint.model.dates import heading_years
from lzlint.model.lexicon import SectionKind
from lzlint.model.outline import Heading

Cut = Callable[[str], tuple[str, ...]]


@dataclass(frozen=True)
class SectionMap:
    """For each section kind, the headings that open it, in document order.

    `headings` are those whose titles name the kind; `untitled` those that are
    of the kind by their place (thematic measures sections). Rules about a
    heading's words (D401, C801) read `headings`; rules about which parts a
    report has and where (S101-S105) read `all`.
    """

    headings: dict[str, tuple[Heading, ...]]
    untitled: dict[str, tuple[Heading, ...]] = field(default_factory=dict)

    def all(self, kind: str) -> tuple[Heading, ...]:
        return tuple(sorted((*self.headings.get(kind, ()), *self.untitled.get(kind, ())), key=lambda h: h.line))

    def first(self, kind: str) -> Heading | None:
        found = self.all(kind)
        return found[0] if found else None


def _contains(tokens: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return any(tuple(tokens[i : i + n]) == tuple(part) for i in range(len(tokens) - n + 1))


def _keyword_matches(
    title: str, tokens: tuple[str, ...], keyword: tuple[str, ...], cut: Cut, next_year: int | None, years: tuple[int, ...]
) -> bool:
    # A run of tokens is a piece of the title, so a part that is not even a
    # substring cannot match: most keywords are ruled out without cutting.
    if not all(part in ("{year}", "{next_year}") or part in title for part in keyword):
        return False
    for part in keyword:
        if part == "{year}":
            if not years:
                return False
        elif part == "{next_year}":
            if next_year is None or next_year not in years:
                return False
        elif not _contains(tokens, cut(part)):
            return False
    return True


def _ruled_out(title: str, kind: SectionKind) -> bool:
    """Whether a not_with word keeps the title out of the kind (and no kept_with word brings it back)."""
    return any(word in title for word in kind.not_with) and not any(word in title for word in kind.kept_with)


def heading_kinds(heading: Heading, kinds: Sequence[SectionKind], cut: Cut, report_year: int | None = None) -> tuple[str, ...]:
    """Names of the section kinds whose keywords a heading's title matches."""
    next_year = report_year + 1 if report_year is not None else None
    if heading.preamble or not heading.title:
        return ()
    tokens = cut(heading.title)
    # The heading's own years: not those of a cited title (《纲要（2021—2025年）》) or a range.
    years = tuple(year for year, _ in heading_years(heading.title))
    matched = [
        kind
        for kind in kinds
        if (heading.depth == 0 or not kind.top_level)
        and not _ruled_out(heading.title, kind)
        and any(_keyword_matches(heading.title, tokens, kw, cut, next_year, years) for kw in kind.keywords)
    ]
    names = {k.name for k in matched}
    return tuple(k.name for k in matched if not names.intersection(k.unless))


def find_sections(headings: Sequence[Heading], kinds: Sequence[SectionKind], cut: Cut, report_year: int | None = None) -> SectionMap:
    """Build the section map of a document from its outline."""
    found: dict[str, list[Heading]] = {k.name: [] for k in kinds}
    kinded: set[int] = set()
    # A heading's kinds depend on its title and on whether it is top-level; a
    # title met again (a template's 标题 ×20,000) is not matched again.
    known: dict[tuple[str, bool, bool], tuple[str, ...]] = {}
    for heading in headings:
        key = (heading.title, heading.depth == 0, heading.preamble)
        if key not in known:
            known[key] = heading_kinds(heading, kinds, cut, report_year)
        for name in known[key]:
            found[name].append(heading)
            kinded.add(heading.index)
    untitled: dict[str, tuple[Heading, ...]] = {}
    for kind in kinds:
        if not kind.untitled_before or found[kind.name]:
            continue  # a report that names its measures has no untitled ones
        ends = [h.line for name in kind.untitled_before for h in found.get(name, ()) if h.depth == 0]
        end = min(ends, default=None)
        untitled[kind.name] = tuple(
            h
            for h in headings
            if h.depth == 0
            and not h.preamble
            and h.title
            and h.index not in kinded
            and (end is None or h.line < end)
            and not any(word in h.title for word in kind.untitled_not_with)
        )
    return SectionMap({name: tuple(hs) for name, hs in found.items()}, untitled)

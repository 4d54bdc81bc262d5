"""The repaired outline: for each heading, the marker it should carry.

Every numbering finding (N201 style, N202 sequence, N203 hierarchy) is read
off this one plan, so a marker never gets two instructions that disagree:
each marker gets at most one of them, and it names the marker the plan gives.
The plan is also the fix, and a report rewritten to it reads back as the same
tree with every marker as planned.

How the plan is made, level by level (a level = the headings at one depth):
- its style: GB/T 9704's for that depth when it is at least as common there
  as any other, else the most common one. A form skipped in GB/T order (1.
  directly under 一、) is accepted; a top level not in 一、 form, or a level in
  a form GB/T places above its parent's (（一） under 1.), is moved to the
  GB/T form (N203, once for the level);
- its numbers: 1, 2, 3 … under each parent, or one running sequence through
  the section or the document where the report numbers the level that way
  ((一)1. 2.(二)3. 4.) — decided by how the level's lists continue.
One wrong number starts a finding whose fix renumbers the siblings after it
that the same slip shifted; they get no finding of their own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lzlint.model.outline import GB_STYLES, Heading, render_marker

# Each style's place in GB/T 9704's order (一、 （一） 1. （1）); look-alikes
# share a place (1、 is a 1., 1） a （1）) and ① comes below （1）.
RANK: dict[str, int] = {
    "cn_dun": 0,
    "cn_paren": 1,
    "arabic_dot": 2,
    "arabic_dun": 2,
    "arabic_paren": 3,
    "arabic_rparen": 3,
    "circled": 4,
}
_BELOW = ("cn_paren", "arabic_dot", "arabic_paren", "circled")  # the GB form one place below each rank


@dataclass(frozen=True)
class LevelPlan:
    """What one depth of the outline should look like."""

    depth: int
    prevailing: str  # the style most of the level uses (GB/T's on a tie)
    style: str  # the style it should use
    running: str  # "parent", "section" or "document": over what its numbers run

    @property
    def restyled(self) -> bool:
        """The whole level is in a form GB/T 9704 does not allow there (N203)."""
        return self.style != self.prevailing


@dataclass(frozen=True)
class MarkerRepair:
    """A numbering finding: one heading's marker, and the markers its fix rewrites."""

    heading: Heading
    kind: str  # "style" (N201), "sequence" (N202), "level" or "preamble" (N203)
    target: str  # the marker the heading should carry ("" for a numbered preamble)
    previous: Heading | None  # the sibling before it in its sequence, if any
    covers: tuple[Heading, ...]  # headings whose markers the fix rewrites, this one first


@dataclass(frozen=True)
class RepairedOutline:
    targets: tuple[str, ...]  # by heading index: the marker it should carry
    levels: dict[int, LevelPlan]
    repairs: tuple[MarkerRepair, ...]

    def of_kind(self, *kinds: str) -> tuple[MarkerRepair, ...]:
        return tuple(r for r in self.repairs if r.kind in kinds)

    def target_of(self, heading: Heading) -> str:
        return self.targets[heading.index]


def _prevailing(styles: Sequence[str], depth: int) -> str:
    counts = Counter(styles)
    gb = GB_STYLES[depth] if depth < len(GB_STYLES) else None
    if gb is not None and counts[gb] == max(counts.values()):
        return gb
    return max(counts, key=lambda s: (counts[s], -styles.index(s)))


def _level_style(prevailing: str, depth: int, parent_style: str | None) -> str:
    if depth == 0:
        return "cn_dun"
    if parent_style is not None and (RANK[prevailing] < RANK[parent_style] or prevailing == parent_style):
        # A level in a form GB/T places above its parent's (（一） under 1.), or
        # in its parent's own form: it takes the GB/T form one place below the
        # parent's. 1、 under 1. is a look-alike, not the same form: accepted.
        rank = RANK[parent_style]
        return _BELOW[rank] if rank < len(_BELOW) else prevailing
    return prevailing


def _running_mode(children: dict[int | None, list[Heading]], parents: Sequence[Heading], grandparent: dict[int, int | None]) -> str:
    """Whether a level's numbers restart under each parent or run on across parents.

    Each step from one parent's list to the next votes: restarting at 1 for
    "parent", continuing the last number for running. Steps within one
    section decide "section"; steps across sections then decide "document".
    """
    within: Counter[str] = Counter()
    across: Counter[str] = Counter()
    last: Heading | None = None
    for parent in parents:
        kids = children.get(parent.index)
        if not kids:
            continue
        if last is not None and last.parent is not None:
            votes = within if grandparent[parent.index] == grandparent[last.parent] else across
            if kids[0].number == 1:
                votes["restart"] += 1
            elif kids[0].number == last.number + 1:
                votes["continue"] += 1
        last = kids[-1]
    runs_within = within["continue"] > within["restart"]
    runs_across = across["continue"] > across["restart"]
    if runs_across and (runs_within or not within):
        return "document"
    return "section" if runs_within else "parent"


def _sequences(headings: Sequence[Heading], plans: dict[int, LevelPlan]) -> list[list[Heading]]:
    """The headings that share one count, in order: siblings, or a running level's scope."""
    groups: dict[tuple[int, int | None], list[Heading]] = {}
    for heading in headings:
        if heading.preamble:
            continue
        mode = plans[heading.depth].running
        if mode == "document":
            key = None
        elif mode == "section":
            key = headings[heading.parent].parent if heading.parent is not None else None
        else:
            key = heading.parent
        groups.setdefault((heading.depth, key), []).append(heading)
    return list(groups.values())


def plan_levels(headings: Sequence[Heading]) -> dict[int, LevelPlan]:
    """Each depth's style and numbering scope (preambles are no level's members)."""
    body = [h for h in headings if not h.preamble]
    by_depth: dict[int, list[str]] = {}
    children: dict[int | None, list[Heading]] = {}
    for heading in body:
        by_depth.setdefault(heading.depth, []).append(heading.style)
        children.setdefault(heading.parent, []).append(heading)
    grandparent = {h.index: h.parent for h in headings}
    plans: dict[int, LevelPlan] = {}
    for depth in sorted(by_depth):
        prevailing = _prevailing(by_depth[depth], depth)
        parent_style = plans[depth - 1].style if depth - 1 in plans else None
        parents = [h for h in body if h.depth == depth - 1]
        running = _running_mode(children, parents, grandparent) if depth > 0 else "parent"
        plans[depth] = LevelPlan(depth, prevailing, _level_style(prevailing, depth, parent_style), running)
    return plans


def repair_outline(headings: Sequence[Heading]) -> RepairedOutline:
    """The marker each heading should carry, and the findings that get it there."""
    plans = plan_levels(headings)
    targets = ["" if h.preamble else h.canonical for h in headings]
    repairs: list[MarkerRepair] = []
    for group in _sequences(headings, plans):
        plan = plans[group[0].depth]
        for position, heading in enumerate(group, start=1):
            targets[heading.index] = render_marker(plan.style, position)
        repairs.extend(_group_repairs(group, plan, targets))
    claimed = {r.heading.index for r in repairs}
    for plan in plans.values():
        if not plan.restyled:
            continue
        level = [h for h in headings if h.depth == plan.depth and not h.preamble]
        first = next((h for h in level if h.index not in claimed), None)
        if first is not None:
            covered = (first, *(h for h in level if h.style == plan.prevailing and h is not first))
            repairs.append(MarkerRepair(first, "level", targets[first.index], None, covered))
    repairs.extend(MarkerRepair(h, "preamble", "", None, (h,)) for h in headings if h.preamble)
    repairs.sort(key=lambda r: r.heading.index)
    return RepairedOutline(tuple(targets), plans, tuple(repairs))


def _group_repairs(group: Sequence[Heading], plan: LevelPlan, targets: Sequence[str]) -> list[MarkerRepair]:
    """Findings of one sequence: a wrong style, and each slip in the numbers.

    A slip (a number repeated, skipped, or a list not starting at 1) shifts the
    siblings after it by the same amount; the one finding at the slip rewrites
    them all, so they get none of their own.
    """
    def wrong_style(heading: Heading) -> bool:
        # Headings in the prevailing style of a restyled level are the level finding's.
        return heading.style != plan.style and not (plan.restyled and heading.style == plan.prevailing)

    repairs: list[MarkerRepair] = []
    i = 0
    while i < len(group):
        heading, previous = group[i], group[i - 1] if i else None
        offset = heading.number - (i + 1)
        end = i + 1
        if offset:
            while end < len(group) and group[end].number - (end + 1) == offset:
                end += 1
        if offset or wrong_style(heading):
            kind = "style" if wrong_style(heading) else "sequence"
            repairs.append(MarkerRepair(heading, kind, targets[heading.index], previous, tuple(group[i:end])))
        for k in range(i + 1, end):
            if wrong_style(group[k]):
                repairs.append(MarkerRepair(group[k], "style", targets[group[k].index], group[k - 1], (group[k],)))
        i = end
    return repairs

"""What the numbering kinds (N201–N204) share: the repaired outline's words and fixes.

Every numbering finding is read off one plan (model/repaired_outline.py), so
these helpers turn a planned repair into the text and the fix a finding gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lzlint.diagnostic import Fix, Replacement
from lzlint.model.outline import Heading

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.model.repaired_outline import MarkerRepair

LEVEL_NAMES = ("一", "二", "三", "四", "五", "六")
# How many of the siblings a slip shifted a message names before 等.
SHOWN_SHIFTED = 3


def level_name(depth: int) -> str:
    return LEVEL_NAMES[depth] if depth < len(LEVEL_NAMES) else str(depth + 1)


def marker_end(heading: Heading) -> int:
    """End column of what a repair rewrites: the marker, and a stray space after it."""
    return heading.marker_end + (heading.space_after if "space_after" in heading.problems else 0)


def repair_fix(doc: Document, repair: MarkerRepair) -> Fix:
    """Rewrite every marker the repair covers to its planned form.

    Unsafe: it is only as right as the outline lzlint read, and a misread
    outline would renumber a correct report.
    """
    plan = doc.repaired_outline
    replacements = []
    for heading in repair.covers:
        target = plan.target_of(heading)
        end = heading.marker_end + heading.space_after if not target else marker_end(heading)
        replacements.append(Replacement(heading.line, heading.marker_start + 1, heading.line, end + 1, target))
    return Fix(tuple(replacements), unsafe=True)


def shifted_text(doc: Document, repair: MarkerRepair) -> str:
    """“，其后的同级序号依次改为“3.”“4.””: the siblings the same slip shifted, if any."""
    rest = [doc.repaired_outline.target_of(h) for h in repair.covers[1:] if h.depth == repair.heading.depth]
    if not rest:
        return ""
    shown = "".join(f"“{t}”" for t in rest[:SHOWN_SHIFTED])
    more = "等" if len(rest) > SHOWN_SHIFTED else ""
    return f"，其后的同级序号依次改为{shown}{more}"

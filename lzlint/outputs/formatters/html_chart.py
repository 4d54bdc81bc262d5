"""An inline SVG bar chart of findings by code, for the HTML report's overview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic

# Layout in SVG user units; the chart scales with the page width.
LABEL_WIDTH = 70
BAR_AREA = 460
COUNT_WIDTH = 50
ROW_HEIGHT = 24
BAR_HEIGHT = 16


def bar_chart(diagnostics: Sequence[Diagnostic]) -> str:
    """One bar per code, longest first; each bar is coloured by the code's severity."""
    if not diagnostics:
        return '<p class="clean">未发现问题。</p>'
    counts = Counter(d.code for d in diagnostics)
    about = {d.code: d for d in diagnostics}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    most = rows[0][1]
    width = LABEL_WIDTH + BAR_AREA + COUNT_WIDTH
    height = ROW_HEIGHT * len(rows)
    bars = []
    for index, (code, count) in enumerate(rows):
        d = about[code]
        y = index * ROW_HEIGHT
        length = max(2, round(BAR_AREA * count / most))
        middle = y + ROW_HEIGHT / 2
        bars.append(
            f'<g class="bar sev-{d.severity}" data-code="{escape(code)}" data-count="{count}">'
            f"<title>{escape(code)} {escape(d.name)}：{count}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" dominant-baseline="middle">{escape(code)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="{length}" height="{BAR_HEIGHT}" rx="2"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{middle}" dominant-baseline="middle">{count}</text></g>'
        )
    return (
        f'<svg class="chart" role="img" aria-label="各规则问题数" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">{"".join(bars)}</svg>'
    )

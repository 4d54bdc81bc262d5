"""`html`: one self-contained page for reviewers.

For each document its text with the findings highlighted in place (colour by
severity, the message on hover) and a side list that links to each highlight;
for more than one document an overview first: a sortable table of files with
counts by severity and a bar chart of findings by code. CSS and JS are inlined
from html_assets/, so the page opens offline and loads nothing from anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from string import Template
from typing import TYPE_CHECKING

from lzlint import __version__
from lzlint.diagnostic import SEVERITIES, SEVERITY_RANK, Related
from lzlint.outputs.formatters.html_chart import bar_chart
from lzlint.outputs.formatters.position import location
from lzlint.outputs.spans import Piece, pieces, point, segments, visible

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.folder.roster import RosterStatus, Status
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class _Numbered:
    """A finding with its page-wide number (the `fN` of its anchor and marks)."""

    number: int
    diagnostic: Diagnostic


def _asset(name: str) -> str:
    return (resources.files("lzlint.outputs.formatters") / "html_assets" / name).read_text(encoding="utf-8")


def _label(d: Diagnostic) -> str:
    return f"{d.code} {d.message}"


def _counts(diagnostics: Sequence[Diagnostic]) -> Counter[str]:
    return Counter(d.severity for d in diagnostics)


def _point_html(f: _Numbered) -> str:
    d = f.diagnostic
    return (
        f'<span class="anchor" id="f{f.number}"></span><mark class="point sev-{d.severity}" '
        f'data-f="f{f.number}" title="{escape(_label(d))}"></mark>'
    )


def _line_html(text: str, number: int, keyed: list[tuple[_Numbered, Piece, bool]]) -> str:
    """One line of text: a mark per segment under findings, an anchor where each finding starts.

    A finding that covers no character gets an anchor and an empty point mark
    at its place, so it can still be seen and jumped to.
    """
    anchors: dict[int, list[_Numbered]] = {}
    points: dict[int, list[_Numbered]] = {}
    for f, piece, first in keyed:
        if piece.start == piece.end:
            points.setdefault(piece.start, []).append(f)
        elif first:
            anchors.setdefault(piece.start, []).append(f)
    by_number = {f.number: f for f, _, _ in keyed}
    out: list[str] = []
    for seg in segments(len(text), ((f.number, p) for f, p, _ in keyed)):
        out.extend(_point_html(f) for f in points.pop(seg.start, []))
        out.extend(f'<span class="anchor" id="f{f.number}"></span>' for f in anchors.pop(seg.start, []))
        chunk = escape(visible(text[seg.start : seg.end]))
        if not seg.keys:
            out.append(chunk)
            continue
        found = [by_number[k] for k in sorted(seg.keys)]
        worst = max((f.diagnostic.severity for f in found), key=SEVERITY_RANK.__getitem__)
        ids = " ".join(f"f{f.number}" for f in found)
        title = escape("\n".join(_label(f.diagnostic) for f in found))
        out.append(f'<mark class="sev-{worst}" data-f="{ids}" title="{title}">{chunk}</mark>')
    out.extend(_point_html(f) for column in sorted(points) for f in points[column])
    return f'<div class="line" data-n="{number}">{"".join(out)}</div>'


def _text_html(lines: Sequence[str], numbered: Sequence[_Numbered]) -> str:
    per_line: dict[int, list[tuple[_Numbered, Piece, bool]]] = {}
    for f in numbered:
        found = pieces(f.diagnostic, lines) or (point(f.diagnostic, lines),)
        for index, piece in enumerate(found):
            per_line.setdefault(piece.line, []).append((f, piece, index == 0))
    shown = lines or ("",)
    return "\n".join(_line_html(text, n, per_line.get(n, [])) for n, text in enumerate(shown, start=1))


@dataclass(frozen=True)
class _Targets:
    """Where a link to another place of the page goes: a finding starting there, else the document."""

    findings: dict[tuple[str, str, int, int], int]  # (code, path, line, column) -> finding number
    documents: dict[str, int]  # path -> document index
    units: dict[str, str]  # path -> its position unit ("line", or "paragraph" for a .docx)

    def href(self, code: str, place: Related) -> str | None:
        number = self.findings.get((code, place.path, place.line, place.column))
        if number is not None:
            return f"#f{number}"
        index = self.documents.get(place.path)
        return None if index is None else f"#doc-{index}"


def _related_html(d: Diagnostic, targets: _Targets) -> str:
    """A link to each other place the finding is about (R101: the copy in the other report; R202: the other drafts), on the page."""
    links = []
    for place in d.related:
        href = targets.href(d.code, place)
        if href is not None:
            where = location(place.line, place.column, targets.units.get(place.path, "line"))
            links.append(f'<a class="related" href="{href}">{escape(place.what or "对应的另一处")}：{escape(place.path)} {where}</a>')
    return "".join(links)


def _list_html(numbered: Sequence[_Numbered], unit: str = "line", targets: _Targets | None = None) -> str:
    if not numbered:
        return '<p class="clean">未发现问题。</p>'
    items = []
    for f in numbered:
        d = f.diagnostic
        items.append(
            f'<li class="sev-{d.severity}"><a class="jump" href="#f{f.number}" data-f="f{f.number}">'
            f'<span class="code">{escape(d.code)}</span> <span class="pos">{location(d.line, d.column, unit)}</span> '
            f'<span class="sev">{SEVERITY_LABELS[d.severity]}</span>'
            f'<span class="msg">{escape(d.message)}</span></a>{_related_html(d, targets) if targets and d.related else ""}</li>'
        )
    return f'<ol class="findings">{"".join(items)}</ol>'


def _badges(counts: Counter[str]) -> str:
    return "".join(
        f'<span class="badge sev-{s}">{SEVERITY_LABELS[s]} {counts[s]}</span>' for s in SEVERITIES
    )


def _document_html(index: int, result: FileResult, numbered: Sequence[_Numbered], targets: _Targets | None = None) -> str:
    counts = _counts([f.diagnostic for f in numbered])
    return (
        f'<section class="document" id="doc-{index}">'
        f'<h2><span class="path">{escape(result.path)}</span>{_badges(counts)}</h2>'
        f'<div class="columns"><div class="text" lang="zh-CN">{_text_html(result.lines, numbered)}</div>'
        f'<nav class="side" aria-label="问题列表">{_list_html(numbered, result.position_unit, targets)}</nav></div></section>'
    )


# A roster status shown in the colour of the finding it brings (R201 error, R202 warning, R203 info).
_STATUS_CLASS = {"submitted": "", "missing": "sev-error", "duplicate": "sev-warning", "unlisted": "sev-info"}


def _roster_html(status: RosterStatus, results: Sequence[FileResult]) -> str:
    """The roster: each unit, its status (已提交/未提交/重复/名单外) and its reports, linked."""
    from lzlint.folder.roster import STATUS_ZH

    index = {r.path: i for i, r in enumerate(results)}
    shown: tuple[Status, ...] = ("submitted", "missing", "duplicate", "unlisted") if status.complete else ("submitted", "duplicate", "unlisted")
    counts = "，".join(f"{STATUS_ZH[s]} {status.count(s)}" for s in shown)
    headline = f"名单 {status.listed} 个单位：{counts}。"
    if not status.complete:
        headline = f"名单共 {status.roster_size} 个单位，给出的文件中有 {status.listed} 个（{counts}）；只给出文件时不检查哪些单位未提交，给出整个文件夹才能得知。"
    rows = []
    for unit in status.units:
        links = "、".join(
            f'<a href="#doc-{index[p]}">{escape(p)}</a>' if p in index else escape(p) for p in unit.paths
        )
        rows.append(
            f'<tr><td>{escape(unit.unit)}</td><td class="{_STATUS_CLASS[unit.status]}">{STATUS_ZH[unit.status]}</td>'
            f"<td>{links or '—'}</td></tr>"
        )
    return (
        f'<h3>单位名单</h3><p class="roster-counts">{headline}</p>'
        '<table class="sortable roster"><thead><tr><th data-type="text">单位</th><th data-type="text">状态</th>'
        f'<th data-type="text">报告</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _overview_html(results: Sequence[FileResult], roster: RosterStatus | None = None) -> str:
    rows = []
    for index, result in enumerate(results):
        counts = _counts(result.diagnostics)
        cells = "".join(
            f'<td class="num sev-{s}{" zero" if not counts[s] else ""}">{counts[s]}</td>' for s in SEVERITIES
        )
        rows.append(
            f'<tr><td><a href="#doc-{index}">{escape(result.path)}</a></td>{cells}'
            f'<td class="num">{len(result.diagnostics)}</td></tr>'
        )
    heads = "".join(f'<th data-type="num">{SEVERITY_LABELS[s]}</th>' for s in SEVERITIES)
    diagnostics = [d for r in results for d in r.diagnostics]
    return (
        '<section class="overview" id="overview"><h2>总览</h2>'
        f'<p>{sum(not r.roster_file for r in results)} 个文件，共 {len(diagnostics)} 个问题。{_badges(_counts(diagnostics))}</p>'
        f'<table class="sortable"><thead><tr><th data-type="text">文件</th>{heads}'
        f'<th data-type="num">合计</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'{_roster_html(roster, results) if roster is not None else ""}'
        f'<h3>各规则问题数</h3>{bar_chart(diagnostics)}</section>'
    )


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    """The whole page: overview (for more than one file), then each document."""
    numbered: list[list[_Numbered]] = []
    counter = 0
    for result in results:
        numbered.append([_Numbered(counter + i + 1, d) for i, d in enumerate(result.diagnostics)])
        counter += len(result.diagnostics)
    targets = _Targets(
        {(f.diagnostic.code, f.diagnostic.path, f.diagnostic.line, f.diagnostic.column): f.number for n in numbered for f in n if f.diagnostic.related},
        {r.path: i for i, r in enumerate(results)},
        {r.path: r.position_unit for r in results},
    )
    body = [_overview_html(results, options.roster)] if len(results) > 1 else []
    body += [_document_html(i, r, n, targets) for i, (r, n) in enumerate(zip(results, numbered))]
    title = "lzlint 检查报告" if len(results) != 1 else f"lzlint 检查报告：{results[0].path}"
    return Template(_asset("page.html")).substitute(
        title=escape(title),
        version=escape(__version__),
        css=_asset("report.css"),
        js=_asset("report.js"),
        body="\n".join(body) or '<p class="clean">没有检查任何文件。</p>',
    )

"""The HTML report: findings marked in place, a side list, an overview; self-contained."""

from __future__ import annotations

import json
import re
from pathlib import Path

from lzlint.diagnostic import Diagnostic
from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.run.engine import FileResult
from tests.conftest import SEEDS, run_lzlint
from tests.html_page import ReportPage


def _d(line: int, column: int, end_line: int, end_column: int, code: str = "X001", severity: str = "warning", message: str = "说明") -> Diagnostic:
    return Diagnostic("a.txt", line, column, code, "name", severity, message, end_line, end_column)  # type: ignore[arg-type]


def render(*results: FileResult) -> str:
    return FORMATTERS["html"](results, OutputOptions())


def test_spans_across_lines_overlaps_and_points_are_all_marked() -> None:
    lines = ("甲乙丙", "丁戊己", "", "庚")
    findings = (
        _d(1, 2, 2, 2, "A001", "error"),  # 乙丙 + 丁
        _d(1, 3, 1, 4, "B002", "info"),  # 丙, inside the first
        _d(3, 1, 3, 2, "C003"),  # on an empty line: no character to mark
        _d(4, 1, 4, 9, "D004"),  # runs past the end of the line: clipped to 庚
    )
    page = ReportPage(render(FileResult("a.txt", findings, lines)))
    assert page.marked == {"f1": "乙丙丁", "f2": "丙", "f3": "", "f4": "庚"}
    assert {"f1", "f2", "f3", "f4"} <= page.ids()
    # The character under both findings takes the colour of the worse one.
    both = [a for a in page.with_class("mark", "sev-error") if a["data-f"] == "f1 f2"]
    assert len(both) == 1 and both[0]["title"] == "A001 说明\nB002 说明"
    assert [a["href"] for a in page.with_class("a", "jump")] == ["#f1", "#f2", "#f3", "#f4"]
    assert len(page.with_class("mark", "point")) == 1


def test_text_paths_and_messages_are_escaped() -> None:
    lines = ('<script>alert("x")</script> & 文字',)
    finding = Diagnostic('<b>.txt', 1, 1, "X001", "n", "error", '消息<img src=x onerror="y">', 1, 9)
    page = render(FileResult('<b>.txt', (finding,), lines))
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>.txt" not in page
    parsed = ReportPage(page)
    assert parsed.marked == {"f1": "<script>"}
    assert '>&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt; &amp; 文字' in page


def test_one_file_has_no_overview_and_several_have_a_sortable_table_and_chart() -> None:
    a = FileResult("a.txt", (_d(1, 1, 1, 2, "Q301", "error"), _d(1, 1, 1, 2, "Q301", "error"), _d(1, 1, 1, 2, "N201")), ("一二",))
    b = FileResult("b.txt", (_d(1, 1, 1, 2, "C801", "info"),), ("三",))
    assert 'id="overview"' not in render(a)
    page = render(a, b)
    rows = re.findall(r"<tr><td><a href=\"#doc-(\d)\">([^<]*)</a></td>(.*?)</tr>", page)
    cells = {name: re.findall(r'<td class="num[^"]*">(\d+)</td>', rest) for _, name, rest in rows}
    assert cells == {"a.txt": ["2", "1", "0", "3"], "b.txt": ["0", "0", "1", "1"]}
    assert 'class="sortable"' in page
    bars = re.findall(r'<g class="bar sev-(\w+)" data-code="(\w+)" data-count="(\d+)">', page)
    assert bars == [("error", "Q301", "2"), ("info", "C801", "1"), ("warning", "N201", "1")]
    assert "<svg" in page


def test_page_is_self_contained_utf8_with_a_cjk_font_stack() -> None:
    page = render(FileResult("a.txt", (_d(1, 1, 1, 2),), ("一",)))
    assert '<meta charset="utf-8">' in page
    assert re.search(r'font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif', page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.IGNORECASE)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script>" in page and "<style>" in page


def test_report_over_the_seeds_marks_every_finding_on_its_characters(tmp_path: Path) -> None:
    report, findings_file = tmp_path / "r.html", tmp_path / "f.json"
    assert run_lzlint([str(SEEDS), "--format", "html", "-o", str(report)]).returncode == 1
    assert run_lzlint([str(SEEDS), "--format", "json", "-o", str(findings_file)]).returncode == 1
    findings = json.loads(findings_file.read_text(encoding="utf-8"))
    page = ReportPage(report.read_text(encoding="utf-8"))
    lines = {p: Path(p).read_text(encoding="utf-8").splitlines() for p in {f["path"] for f in findings}}
    assert len(page.marked) == len(findings) > 20
    for number, f in enumerate(findings, start=1):
        text = lines[f["path"]][f["line"] - 1]
        expected = text[f["column"] - 1 : f["end_column"] - 1] if f["line"] == f["end_line"] else None
        assert page.marked[f"f{number}"] == expected, f

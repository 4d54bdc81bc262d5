"""Where comments go: the title and the landmark of findings about something missing."""

from __future__ import annotations

from lzlint.diagnostic import Diagnostic
from lzlint.model.outline import build_outline
from lzlint.outputs.anchor import comment_range, title_line
from lzlint.outputs.spans import Piece

# 001-style head: organ, 发文字号, then a title letter-spaced and wrapped over two lines.
HEAD = (
    "青龙县司法局",
    "青龙委文〔2024〕7号",
    "",
    "关于2023年度法治政府建设情况的",
    "报  告",
    "县委依法治县办：",
    "一、主要举措和成效",
    "做了工作。",
    "（一）加强领导",
    "成立领导小组。",
)


def _d(line: int, column: int = 1, end_column: int = 2) -> Diagnostic:
    return Diagnostic("a.txt", line, column, "S104", "n", "error", "m", line, end_column)


def test_title_is_the_first_short_line_naming_a_report_before_the_body() -> None:
    assert title_line(HEAD, build_outline(HEAD)) == 5
    # A 报告 in the body is not a title.
    body_only = ("一、主要举措和成效", "关于报告的说明。")
    assert title_line(body_only, build_outline(body_only)) is None


def test_missing_things_go_on_their_heading_or_the_nearest_one_before() -> None:
    headings = build_outline(HEAD)
    assert comment_range(_d(7), HEAD, headings, reports_absence=True) == (Piece(7, 0, 9),)
    assert comment_range(_d(10, 3, 5), HEAD, headings, reports_absence=True) == (Piece(9, 0, 7),)
    assert comment_range(_d(2), HEAD, headings, reports_absence=True) == (Piece(5, 0, 4),)


def test_other_findings_keep_their_characters_unless_they_cover_none() -> None:
    headings = build_outline(HEAD)
    assert comment_range(_d(10, 3, 5), HEAD, headings, reports_absence=False) == (Piece(10, 2, 4),)
    assert comment_range(_d(3), HEAD, headings, reports_absence=False) == (Piece(5, 0, 4),)
    assert comment_range(_d(1), ("", ""), (), reports_absence=True) == (Piece(1, 0, 0),)

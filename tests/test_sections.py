"""Section recognition on headings, with wordings beyond the seeds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lzlint.model.document import Document


def kinds_of(parse: Callable[[str], Document], heading: str) -> list[str]:
    doc = parse(heading)
    return [name for name, hs in doc.sections.headings.items() if hs]


@pytest.mark.parametrize(
    "heading,kind",
    [
        ("一、2023年度推进法治政府建设的主要举措和成效", "measures"),
        ("一、法治政府建设基本情况", "measures"),
        ("一、主要做法及成效", "measures"),
        ("一、2024年法治政府建设工作开展情况", "measures"),
        ("一、工作推进情况", "measures"),
        ("一、主要工作措施及成效", "measures"),
        ("二、党政主要负责人履行推进法治建设第一责任人职责情况", "first_responsible"),
        ("2、 单位负责人履行推进法治建设第一责任人职责情况；", "first_responsible"),
        ("二、主要负责人履行推进法治建设职责情况", "first_responsible"),
        ("二、党政主要领导履行法治建设职责情况", "first_responsible"),
        ("三、存在的不足、原因和问题整改情况", "shortcomings"),
        ("三、存在不足和原因", "shortcomings"),
        ("二、存在的不足及薄弱环节", "shortcomings"),
        ("三、存在的不足之处及原因分析", "shortcomings"),
        ("三、存在的问题", "shortcomings"),
        ("三、工作中的短板和差距", "shortcomings"),
        ("四、下一年度法治政府建设的初步安排", "next_year"),
        ("四、2024年推进法治政府建设的工作思路、目标举措", "next_year"),
        ("三、下步工作计划", "next_year"),
        ("四、下一步工作打算", "next_year"),
        ("四、今后工作打算", "next_year"),
        ("四、2025年工作计划", "next_year"),
        ("四、明年重点工作", "next_year"),
    ],
)
def test_heading_wordings(heading: str, kind: str, parse: Callable[[str], Document]) -> None:
    assert kind in kinds_of(parse, heading)


def test_catch_all_measures_yields_to_specific_sections(parse: Callable[[str], Document]) -> None:
    assert kinds_of(parse, "二、党政主要负责人履行第一责任人职责工作情况") == ["first_responsible"]
    assert kinds_of(parse, "四、2024年推进法治政府建设的工作思路、目标举措") == ["next_year"]


def test_combined_heading_counts_for_both(parse: Callable[[str], Document]) -> None:
    assert sorted(kinds_of(parse, "一、主要成效及存在问题")) == ["measures", "shortcomings"]


def test_subheadings_only_count_for_first_responsible(parse: Callable[[str], Document]) -> None:
    doc = parse("一、主要举措\n（一）存在的不足\n（二）主要负责人履行推进法治建设第一责任人职责情况")
    assert doc.sections.first("shortcomings") is None
    assert doc.sections.first("first_responsible") is not None


def test_body_text_is_never_a_section(parse: Callable[[str], Document]) -> None:
    doc = parse("一、主要举措和成效\n认真落实党政主要负责人履行推进法治建设第一责任人职责，查找存在的不足。")
    assert doc.sections.first("first_responsible") is None
    assert doc.sections.first("shortcomings") is None


def test_heading_with_body_on_the_same_line_uses_only_its_title(parse: Callable[[str], Document]) -> None:
    doc = parse("一、举措\n（一）继续深入贯彻落实习近平法治思想。认真落实党政主要负责人履行推进法治建设第一责任人制度。")
    assert doc.sections.first("first_responsible") is None


def test_each_text_is_segmented_once_per_document(parse: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch) -> None:
    doc = parse("一、主要举措和成效\n进一步进一步加强。\n二、存在的不足")
    calls: list[str] = []
    original = doc.vocabulary.segmenter.cut
    monkeypatch.setattr(doc.vocabulary.segmenter, "cut", lambda text: calls.append(text) or original(text))
    for _ in range(3):
        doc.cut("进一步进一步加强。")
        _ = doc.sections
    assert calls.count("进一步进一步加强。") == 1
    assert len(calls) == len(set(calls))

"""Title, addressee, 落款 and 成文日期; dates in every form drafts use; the report year."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lzlint.model.dates import find_date
from lzlint.model.document import Document
from lzlint.model.layout import is_date_line


@pytest.mark.parametrize(
    "text,title,addressee",
    [
        ("关于2024年度法治政府建设情况的报告\n\n县委、县政府：\n一、主要举措", (1,), 3),
        (" 洪山镇人民政府\n关于2023年度法治政府建设情况的报告\n\n中共沈丘县委、沈丘县人民政府：\n1、 导语", (2,), 4),
        ("\n\n青龙委文〔2024〕7号\n\n丰都县青龙乡人民政府\n关于青龙乡2023年法治政府建设情况的\n报  告\n\n依法治县办：\n正文。", (6, 7), 9),
        ("某县司法局2024年法治政府建设年度报告\n市委依法治市办：\n一、主要举措", (1,), 2),
        ("2024年,三星镇党委、政府坚持依法行政,现将工作情况报告如下:\n一、举措", (), None),
        ("关于2022年法治政府建设情况的报告\n\n大张楼镇紧紧围绕落实习近平法治思想，现将工作汇报如下：\n一、基本情况", (1,), None),
    ],
)
def test_title_and_addressee(text: str, title: tuple[int, ...], addressee: int | None, parse: Callable[[str], Document]) -> None:
    layout = parse(text).layout
    assert (layout.title, layout.addressee) == (title, addressee)


@pytest.mark.parametrize(
    "tail,organs,date_line",
    [
        ("四、计划\n继续推进。\n南通市海门区三星镇人民政府\n2024年12月31日", (3,), 4),
        ("三、计划\n加强。\n中共大张楼镇委员会\n\n大张楼镇人民政府\n\n2023年2月18日\n\n", (3, 5), 7),
        ("四、计划\n继续推进。\n二〇二四年十二月三十一日", (), 3),
        ("四、计划\n继续推进。", (), None),
        ("四、计划\n到2025年12月31日前完成全部任务。", (), None),
    ],
)
def test_signature(tail: str, organs: tuple[int, ...], date_line: int | None, parse: Callable[[str], Document]) -> None:
    layout = parse(tail).layout
    assert (layout.organs, layout.date_line) == (organs, date_line)


@pytest.mark.parametrize(
    "text,ymd,problems",
    [
        ("2024年12月31日", (2024, 12, 31), ()),
        ("二〇二四年十二月三十一日", (2024, 12, 31), ("chinese_numerals",)),
        ("二〇二三年二月十八日", (2023, 2, 18), ("chinese_numerals",)),
        ("2024年01月05日", (2024, 1, 5), ("padding",)),
        ("2024.12.31", (2024, 12, 31), ("separators",)),
        ("2024-1-8", (2024, 1, 8), ("separators",)),
        ("2024年 3月 1日", (2024, 3, 1), ("spaces",)),
    ],
)
def test_dates(text: str, ymd: tuple[int, int, int], problems: tuple[str, ...]) -> None:
    found = find_date(text)
    assert found is not None
    assert ((found.year, found.month, found.day), found.problems) == (ymd, problems)
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["2024年13月1日", "2024年2月40日", "第2024号", "12345"])
def test_not_dates(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(
    "text,year,source",
    [
        ("关于2023年度法治政府建设情况的报告\n一、2022年举措", 2023, "title (line 1)"),
        ("一、2021年度法治政府建设主要举措\n2020年以来……", 2021, "first section heading (line 1)"),
        ("2024年,三星镇党委、政府坚持依法行政。\n一、本年度主要举措", 2024, "body (line 1)"),
        ("关于青龙乡2023年法治政府建设情况的\n报  告", 2023, "title (line 1)"),
        # A cited plan's period and a range are no report's year: 2023 after them is.
        ("根据《法治领域改革纲要（2023—2027年）》的部署，2023年，东湖街道依法行政。\n一、主要举措", 2023, "body (line 1)"),
        ("2021年至2025年规划实施过半。2024年，本镇推进依法决策。\n一、主要举措", 2024, "body (line 1)"),
    ],
)
def test_report_year(text: str, year: int, source: str, parse: Callable[[str], Document]) -> None:
    found = parse(text).report_year
    assert found is not None and (found.year, found.source) == (year, source)


def test_year_override(vocabulary) -> None:  # type: ignore[no-untyped-def]
    from lzlint.sources import Source

    doc = Document.parse(Source("x", "关于2023年度的报告", "utf-8"), vocabulary, 2025)
    assert doc.report_year is not None and (doc.report_year.year, doc.report_year.source) == (2025, "--year")


@pytest.mark.parametrize(
    "text,problems",
    [("２０２５年１月６日", ("fullwidth_digits",)), ("2025年1月6号", ("hao",))],
)
def test_other_date_forms(text: str, problems: tuple[str, ...]) -> None:
    found = find_date(text)
    assert found is not None and (found.year, found.month, found.day, found.problems) == (2025, 1, 6, problems)
    assert is_date_line(text)


@pytest.mark.parametrize(
    "tail",
    [
        "四、计划\n继续推进。\n某镇人民政府\n2024年12月31日\n（此件公开发布）",
        "四、计划\n继续推进。\n某镇人民政府\n2024年12月31日\n————————\n抄送：县委办、县政府办。\n某镇党政办公室 2025年1月2日印发",
    ],
)
def test_postscript_after_the_date_does_not_hide_it(tail: str, parse: Callable[[str], Document]) -> None:
    layout = parse(tail).layout
    assert (layout.organs, layout.date_line) == ((3,), 4)

"""The outline parser: markers, their problems, and depth from mixed styles."""

from __future__ import annotations

import pytest

from lzlint.model.outline import (
    build_outline,
    cn_to_int,
    int_to_cn,
    parse_marker,
    render_marker,
)


def outline(text: str) -> list[tuple[int, int, str, int]]:
    """(line, depth, style, number) of every heading."""
    return [(h.line, h.depth, h.style, h.number) for h in build_outline(tuple(text.split("\n")), ("报告如下",))]


@pytest.mark.parametrize(
    "line,style,number,problems",
    [
        ("一、主要举措和成效", "cn_dun", 1, ()),
        ("十二、其他", "cn_dun", 12, ()),
        ("二十一、其他", "cn_dun", 21, ()),
        ("（三）依法决策", "cn_paren", 3, ()),
        ("(三)依法决策", "cn_paren", 3, ("brackets",)),
        ("(七）健全体系", "cn_paren", 7, ("brackets",)),
        ("（ 一 ）加强领导", "cn_paren", 1, ("inner_space",)),
        ("（1）深入学习", "arabic_paren", 1, ()),
        ("（1） 深入学习", "arabic_paren", 1, ("space_after",)),
        ("（１２）全角数字", "arabic_paren", 12, ()),
        ("1、严格管理", "arabic_dun", 1, ()),
        ("1 、严格管理", "arabic_dun", 1, ("inner_space",)),
        ("3.规范执法", "arabic_dot", 3, ()),
        ("3．规范执法", "arabic_dot", 3, ()),
        ("3. 规范执法", "arabic_dot", 3, ()),
        ("一.主要举措", "cn_dun", 1, ("separator",)),
        ("①加强学习", "circled", 1, ()),
        ("2）落实责任", "arabic_rparen", 2, ()),
        ("二）深化改革", "cn_paren", 2, ("missing_open",)),
        ("　　（一）继续深入贯彻", "cn_paren", 1, ()),
        ("[bookmark: _GoBack]（一）加强组织领导。", "cn_paren", 1, ()),
    ],
)
def test_markers(line: str, style: str, number: int, problems: tuple[str, ...]) -> None:
    marker = parse_marker(line, 1)
    assert marker is not None
    assert (marker.style, marker.number, marker.problems) == (style, number, problems)


@pytest.mark.parametrize(
    "line",
    [
        "2023年以来，我镇认真贯彻落实。",
        "1.5万元用于法治宣传。",
        "一是加强领导，二是压实责任。",
        "第一，加强组织领导。",
        "12345政务服务热线",
        "3",
        "（一）",
        "青龙委文〔2024〕7号",
        "“八五”普法",
    ],
)
def test_not_headings(line: str) -> None:
    assert parse_marker(line, 1) is None


def test_gb_levels_nest() -> None:
    text = "一、甲\n（一）乙\n1.丙\n（1）丁\n（2）戊\n2.己\n（二）庚\n二、辛"
    assert [(d, n) for _, d, _, n in outline(text)] == [(0, 1), (1, 1), (2, 1), (3, 1), (3, 2), (2, 2), (1, 2), (0, 2)]


def test_mixed_siblings_continue_one_sequence() -> None:
    # （1）（2） then （三）: one list whatever the numerals (000 lines 10-12).
    text = "二、举措\n（1）甲\n（2）乙\n（三）丙\n（四）丁\n三、不足"
    assert [d for _, d, _, _ in outline(text)] == [0, 1, 1, 1, 1, 0]


def test_arabic_top_level_mixed_with_chinese() -> None:
    text = "1、甲\n（一）子\n2、乙\n三、丙\n四、丁"
    assert [d for _, d, _, _ in outline(text)] == [0, 1, 0, 0, 0]


def test_new_list_under_a_later_heading() -> None:
    # 003: 1、 lists under (一) and again directly under 四、.
    text = "一、举措\n(一)甲\n1、子\n2、丑\n(二)乙\n二、不足\n四、安排\n1、寅\n2、卯"
    assert [d for _, d, _, _ in outline(text)] == [0, 1, 2, 2, 1, 0, 0, 1, 1]


def test_nested_one_in_style_open_above_starts_a_child() -> None:
    text = "1、甲\n（一）子\n1、孙\n2、孙二\n（二）丑\n2、乙"
    assert [d for _, d, _, _ in outline(text)] == [0, 1, 2, 2, 1, 0]


def test_sub_list_starting_at_two_is_not_a_top_level_sibling() -> None:
    assert [d for _, d, _, _ in outline("一、甲\n（二）乙")] == [0, 1]


def test_heading_title_stops_at_sentence_end() -> None:
    (h,) = build_outline(("（一）加强组织领导。成立了领导小组。",))
    assert h.title == "加强组织领导"
    (h,) = build_outline(("2、 单位负责人履行推进法治建设第一责任人职责情况；",))
    assert h.title == "单位负责人履行推进法治建设第一责任人职责情况"


def test_numbered_preamble() -> None:
    hs = build_outline(("1、 2023年以来我镇认真贯彻。现将工作报告如下：", "2、 主要举措"), ("报告如下",))
    assert [h.preamble for h in hs] == [True, False]


def test_running_numbers_continue_across_parents() -> None:
    # （一）1. 2.（二）3. 4.: 3. continues the closed 1. list under the new parent.
    text = "一、举措\n（一）甲\n1.子\n2.丑\n（二）乙\n3.寅\n4.卯\n二、不足"
    assert [(d, n) for _, d, _, n in outline(text)] == [(0, 1), (1, 1), (2, 1), (2, 2), (1, 2), (2, 3), (2, 4), (0, 2)]


def test_a_wrong_style_in_a_list_stays_in_its_list() -> None:
    # （3） after 1. 2. under （一）: the 1. list continues, not the （一） list.
    text = "一、举措\n（一）甲\n1.子\n2.丑\n（3）寅\n4.卯\n二、不足"
    assert [d for _, d, _, _ in outline(text)] == [0, 1, 2, 2, 2, 2, 0]


def test_depth_is_bounded() -> None:
    # A "1" in a style open higher up starts a deeper list (1、 under （一） under
    # 1、), so alternating 1、 and （一） would nest once per line; depth is capped
    # so that the parse stays linear on hostile input.
    from lzlint.model.outline import MAX_DEPTH

    depths = [d for _, d, _, _ in outline("\n".join(["1、甲", "（一）乙"] * 200))]
    assert depths[:4] == [0, 1, 2, 3]
    assert max(depths) == MAX_DEPTH - 1


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 21, 99])
def test_chinese_numerals_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


def test_render_marker() -> None:
    assert render_marker("cn_paren", 8) == "（八）"
    assert render_marker("cn_dun", 12) == "十二、"
    assert render_marker("arabic_paren", 3) == "（3）"


def test_digit_after_dun_is_still_a_marker() -> None:
    (h,) = build_outline(("1、2021年度主要举措和成效",))
    assert (h.style, h.number, h.title) == ("arabic_dun", 1, "2021年度主要举措和成效")
    assert parse_marker("1.5万元用于普法", 1) is None


def test_numbered_preamble_is_never_a_parent() -> None:
    text = "1、今年以来，我镇认真贯彻。现将工作报告如下：\n一、主要举措和成效\n（一）加强领导\n二、存在的不足"
    assert [d for _, d, _, _ in outline(text)] == [0, 0, 1, 0]


def test_circled_numbers_continue_a_bracketed_list() -> None:
    assert [d for _, d, _, _ in outline("一、甲\n（1）子\n②丑\n（3）寅")] == [0, 1, 1, 1]


def test_quarter_names_are_not_headings() -> None:
    assert parse_marker("一、二季度，镇党委先后召开3次专题会议。", 1) is None


def test_punctuation_after_a_bracketed_marker_is_a_problem() -> None:
    marker = parse_marker("（一）、加强组织领导", 1)
    assert marker is not None and marker.problems == ("punct_after",) and marker.marker == "（一）、"

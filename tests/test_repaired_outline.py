"""The repaired outline: one plan of target markers from which every N2 finding is read."""

from __future__ import annotations

from lzlint.model.outline import build_outline
from lzlint.model.repaired_outline import plan_levels, repair_outline


def repaired(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, target) of every repair, in heading order."""
    headings = build_outline(tuple(text.split("\n")), ("报告如下",))
    return [(r.heading.line, r.kind, r.target) for r in repair_outline(headings).repairs]


def test_a_correct_outline_needs_no_repair() -> None:
    assert repaired("一、甲\n（一）子\n1.丑\n（二）寅\n二、乙") == []


def test_running_numbers_are_planned_per_section_or_document() -> None:
    section = build_outline(tuple("一、甲\n（一）子\n1.a\n2.b\n（二）丑\n3.c\n二、乙\n（一）寅\n1.d".split("\n")))
    assert plan_levels(section)[2].running == "section"
    assert repair_outline(section).repairs == ()
    across = build_outline(tuple("一、甲\n（一）子\n1.a\n（二）丑\n2.b\n二、乙\n（一）寅\n3.c\n（二）卯\n4.d".split("\n")))
    assert plan_levels(across)[2].running == "document"
    assert repair_outline(across).repairs == ()
    document = build_outline(tuple("一、甲\n（一）子\n（二）丑\n二、乙\n（三）寅\n三、丙\n（四）卯".split("\n")))
    # Under top-level parents the section is the document: one count throughout.
    assert plan_levels(document)[1].running in ("section", "document")
    assert repair_outline(document).repairs == ()
    restarting = build_outline(tuple("一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅".split("\n")))
    assert plan_levels(restarting)[1].running == "parent"


def test_a_slip_is_one_repair_covering_the_shifted_siblings() -> None:
    headings = build_outline(tuple("一、甲\n二、乙\n二、丙\n三、丁\n四、戊".split("\n")))
    (repair,) = repair_outline(headings).repairs
    assert (repair.heading.line, repair.kind, repair.target) == (3, "sequence", "三、")
    assert [h.line for h in repair.covers] == [3, 4, 5]
    assert repair_outline(headings).targets == ("一、", "二、", "三、", "四、", "五、")


def test_a_style_slip_names_the_target_of_its_sequence() -> None:
    assert repaired("一、甲\n二、乙\n3、丙\n四、丁") == [(3, "style", "三、")]


def test_a_top_level_in_another_form_is_one_level_repair() -> None:
    assert repaired("1、甲\n2、乙\n3、丙") == [(1, "level", "一、")]


def test_a_level_above_its_parents_form_moves_below_it() -> None:
    assert repaired("一、甲\n1.子\n（一）丑\n（二）寅") == [(3, "level", "（1）")]


def test_a_numbered_preamble_loses_its_number() -> None:
    text = "1、 今年以来我镇扎实推进。现将有关情况报告如下：\n一、甲\n二、乙"
    assert repaired(text) == [(1, "preamble", "")]


def test_skipping_a_form_in_gb_order_is_accepted() -> None:
    assert repaired("一、甲\n1.子\n（1）丑\n2.寅\n二、乙") == []

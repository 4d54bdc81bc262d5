"""Every item of RULES.md "Must not fire" that concerns the rules built so far."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lzlint.document import Document, Vocabulary
from lzlint.engine import lint_document
from lzlint.rules import Rule
from lzlint.selection import select_rules
from lzlint.sources import read_source
from tests.conftest import SEEDS


def seed_line(prefix: str, line: int) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def test_001_line_21_consistent_rate(lint: Callable[..., list]) -> None:
    text = seed_line("001", 21)
    assert "成功率高达100%" in text
    assert lint(text, "Q") == []


def test_003_line_20_rate_producible_from_3343(lint: Callable[..., list]) -> None:
    text = seed_line("003", 20)
    assert "95.36%" in text
    assert lint(text, "Q") == []


def test_003_line_9_part_below_total(lint: Callable[..., list]) -> None:
    text = seed_line("003", 9)
    assert "8起" in text and "结案6起" in text
    assert lint(text, "Q") == []


@pytest.mark.parametrize(
    "text",
    [
        "综治中心主动对接12345政务服务便民热线，及时化解矛盾。",
        "深入推进“互联网+”监管执法。",
        "青龙委文〔2024〕7号",
        "调解成功率95.36%。",
        "今年是“八五”普法的攻坚年。",
        "做好与依法治县办、县司法局等上级部门的沟通衔接。",
    ],
)
def test_correct_text_is_left_alone(text: str, lint: Callable[..., list]) -> None:
    # S rules judge whole reports; a snippet lacks every section by nature.
    assert lint(text, ignore="S") == []


def test_004_intro_mention_is_not_the_section(pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    path = next(SEEDS.glob("004_*.txt"))
    doc = Document.parse(read_source(path), vocabulary)
    assert "第一责任" in doc.lines[2]
    found = lint_document(doc, select_rules(pack, ["S102"]))
    assert [(d.code, d.line) for d in found] == [("S102", 19)]


@pytest.mark.parametrize("prefix,lines", [("001", (13, 14)), ("002", (1, 2))])
def test_wrapped_spaced_title_is_not_a_heading(prefix: str, lines: tuple[int, int], parse: Callable[[str], Document]) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = parse(path.read_text(encoding="utf-8"))
    assert not any(h.line in lines for h in doc.headings)

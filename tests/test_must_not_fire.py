"""Every item of RULES.md "Must not fire" that concerns the rules built so far."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.ruleset.selection import select_rules
from lzlint.run.engine import lint_document
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


def codes_at(lint: Callable[..., list], text: str, start: int, end: int) -> set[str]:
    """Codes of findings that overlap text[start:end] on a one-line snippet."""
    return {d.code for d in lint(text, ignore="S") if d.column - 1 < end and d.end_column - 1 > start}


@pytest.mark.parametrize(
    "prefix,line,phrase",
    [
        ("003", 12, "法制审核"),
        ("003", 16, "法制审核"),
        ("004", 13, "法制审查"),
        ("000", 12, "依法制定"),
        ("004", 9, "学法制度"),
        ("000", 5, "紧紧"),
        ("000", 21, "往往"),
        ("004", 7, "层层"),
        ("004", 21, "寥寥"),
        ("003", 29, "死气沉沉"),
        ("000", 10, "学习习近平"),
        ("001", 9, "〔2024〕"),
        ("000", 16, "12345"),
        ("000", 18, "“互联网+”"),
        ("003", 20, "95.36%"),
        ("000", 8, "“八五”普法"),
        ("004", 33, "依法治县办"),
    ],
)
def test_seed_phrases_that_are_correct(prefix: str, line: int, phrase: str, lint: Callable[..., list]) -> None:
    text = seed_line(prefix, line)
    start = text.index(phrase)
    assert codes_at(lint, text, start, start + len(phrase)) == set()


@pytest.mark.parametrize(
    "text,phrase",
    [
        ("严格执行重大执法决定法制审核制度。", "法制审核"),
        ("要求法制工作人员积极联系法律顾问。", "法制工作人员"),
        ("政府法制机构负责合法性审查。", "法制机构"),
        ("坚持宪法法律至上，进行行政复议体制改革。", "宪法法律至上，进行行政"),
        ("紧紧围绕中心工作，层层压实责任，人人参与，一一落实，常常督促，各个击破。", "紧紧围绕中心工作，层层压实责任，人人参与，一一落实，常常督促，各个击破"),
    ],
)
def test_domain_terms_and_reduplication(text: str, phrase: str, lint: Callable[..., list]) -> None:
    start = text.index(phrase)
    assert codes_at(lint, text, start, start + len(phrase)) == set()


@pytest.mark.parametrize("prefix,lines", [("001", (13, 14)), ("002", (1, 2))])
def test_spaced_and_wrapped_titles_are_not_findings(prefix: str, lines: tuple[int, int], pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    doc = Document.parse(read_source(path), vocabulary)
    assert doc.layout.title == lines
    assert [d for d in lint_document(doc, pack) if d.line in lines] == []

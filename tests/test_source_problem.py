"""Rule A505 and the `source_problem` kind: what reading could not represent is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from lzlint.model.document import Vocabulary, split_lines
from lzlint.ruleset.examples import check_examples, run_example
from lzlint.ruleset.rules import Rule
from lzlint.sources.docx_examples import docx_bytes, example_source
from tests.conftest import run_lzlint
from tests.test_docx import new_document, number, save


@pytest.fixture(scope="module")
def a505(pack: tuple[Rule, ...]) -> Rule:
    return next(r for r in pack if r.code == "A505")


def test_a505_examples_pass_through_a_real_docx(a505: Rule, vocabulary: Vocabulary) -> None:
    outcomes = check_examples([a505], vocabulary)
    assert [o.expect for o in outcomes] == ["bad"] * 3 + ["good"] * 3
    assert all(o.passed for o in outcomes)


def test_a505_bad_example_fires_on_the_numbered_paragraph(a505: Rule, vocabulary: Vocabulary) -> None:
    (finding,) = run_example(a505, a505.bad_examples[0], vocabulary)
    assert (finding.line, finding.column, finding.end_column) == (1, 1, 2)
    assert finding.message == (
        "Word 自动编号解析不了（编号定义 numId=902 不存在），不能确定读者看到的是什么序号；建议把该序号改为手工输入的文字。"
    )


def test_example_markers_become_word_numbering_not_text() -> None:
    source = example_source("{{auto-number}}主要举措\n正文\n{{auto-number}}存在的不足\n")
    assert split_lines(source.text) == ("一、主要举措", "正文", "二、存在的不足")
    # The number is Word's, not typed: the paragraph text in the .docx lacks it.
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(docx_bytes("{{auto-number}}主要举措\n"))).read("word/document.xml").decode()
    assert "主要举措" in xml and "一、" not in xml and "<w:numId w:val=\"901\"/>" in xml


def test_a505_does_not_fire_on_plain_text(lint: object) -> None:
    findings = lint("{{auto-number:undefined}}主要举措\n", "A505")  # type: ignore[operator]
    assert findings == []


def test_cli_unresolved_numbering_fires_a505(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("前言")
    number(document.add_paragraph("主要举措"), 99, 0)
    save(document, tmp_path / "n.docx")
    result = run_lzlint(["--format", "concise", "--select", "A505", "n.docx"], cwd=tmp_path)
    assert result.stdout == (
        "n.docx:¶2:1: A505 Word 自动编号解析不了（编号定义 numId=99 不存在），不能确定读者看到的是什么序号；"
        "建议把该序号改为手工输入的文字。\n"
    )
    assert result.returncode == 0  # a warning does not fail the run by default



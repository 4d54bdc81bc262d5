"""Word drafts: paragraphs in order, tables, automatic numbering, ¶ positions.

The .docx files are built here from the seeds with python-docx (not with
lzlint's own example builder), so the reader is tested against documents it
had no hand in making.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from lzlint.errors import LzlintError
from lzlint.model.document import Vocabulary, split_lines
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import lint_source
from lzlint.sources import Source, read_source
from lzlint.sources.number_formats import FORMATS
from tests.conftest import SEEDS, run_lzlint

SEED_PATHS = sorted(SEEDS.glob("*.txt"))
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# A list as Chinese templates define it: 一、 then （一） then 1.
LIST_XML = f"""<w:abstractNum {W_NS} w:abstractNumId="77">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>"""
NUM_XML = f'<w:num {W_NS} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'
TOP = re.compile(r"^([一二三四五六七八九十]+)、")
SECOND = re.compile(r"^（([一二三四五六七八九十]+)）")
CHINESE = "一二三四五六七八九十"


def new_document() -> docx.document.Document:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.find(parse_xml(NUM_XML).tag).addprevious(parse_xml(LIST_XML))
    numbering.append(parse_xml(NUM_XML))
    return document


def number(paragraph: docx.text.paragraph.Paragraph, num_id: int, level: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def auto_numbered(lines: tuple[str, ...]) -> tuple[docx.document.Document, int]:
    """Typed 一、 and （一） become Word numbering wherever Word would show the same number."""
    document = new_document()
    counters = [0, 0]
    converted = 0
    for line in lines:
        match = TOP.match(line) or SECOND.match(line)
        level = 0 if TOP.match(line) else 1
        expected = CHINESE[counters[level]] if counters[level] < 10 else None
        if match and match.group(1) == expected and (level == 0 or counters[0] > 0):
            counters[level] += 1
            if level == 0:
                counters[1] = 0
            number(document.add_paragraph(line[match.end() :]), 77, level)
            converted += 1
        else:
            document.add_paragraph(line)
    return document, converted


def findings(source: Source, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> list[tuple[str, int, int, int, int, str]]:
    result = lint_source(source, pack, vocabulary, Settings())
    return [(d.code, d.line, d.column, d.end_line, d.end_column, d.message) for d in result.diagnostics]


def seed_lines(seed: Path) -> tuple[str, ...]:
    return split_lines(seed.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_typed_numbers_in_docx_give_the_txt_findings(seed: Path, tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    document = docx.Document()
    for line in seed_lines(seed):
        document.add_paragraph(line)
    source = read_source(save(document, tmp_path / "report.docx"))
    assert split_lines(source.text) == seed_lines(seed)
    assert findings(source, pack, vocabulary) == findings(read_source(seed), pack, vocabulary)


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_auto_numbered_headings_give_the_txt_findings(seed: Path, tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    document, _ = auto_numbered(seed_lines(seed))
    source = read_source(save(document, tmp_path / "report.docx"))
    assert split_lines(source.text) == seed_lines(seed)
    assert source.problems == ()
    assert findings(source, pack, vocabulary) == findings(read_source(seed), pack, vocabulary)


def test_most_seed_headings_really_were_auto_numbered() -> None:
    # Guards the test above against converting nothing and comparing text with
    # itself. Counted by hand: 000 has no 一、 (its first GB/T top level is
    # 三、, which a list starting at 一 cannot show); 003's second level is (一).
    counts = [auto_numbered(seed_lines(seed))[1] for seed in SEED_PATHS]
    assert counts == [0, 10, 10, 4, 10]


def table_document(lines: tuple[str, ...]) -> docx.document.Document:
    """Lines 9-14 in a 2x2 table (9-10, 11 | 12, 13-14: two paragraphs in some cells), the rest around it."""
    document = docx.Document()
    for line in lines[:8]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    cells = [(0, 0, lines[8:10]), (0, 1, lines[10:11]), (1, 0, lines[11:12]), (1, 1, lines[12:14])]
    for row, column, texts in cells:
        cell = table.cell(row, column)
        cell.paragraphs[0].text = texts[0]
        for text in texts[1:]:
            cell.add_paragraph(text)
    for line in lines[14:]:
        document.add_paragraph(line)
    return document


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_table_text_is_read_in_order(seed: Path, tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    lines = seed_lines(seed)
    source = read_source(save(table_document(lines), tmp_path / "report.docx"))
    assert split_lines(source.text) == lines
    assert findings(source, pack, vocabulary) == findings(read_source(seed), pack, vocabulary)


def test_numbering_renders_levels_and_restarts(tmp_path: Path) -> None:
    document = new_document()
    for text, level in [("甲", 0), ("乙", 1), ("丙", 1), ("丁", 2), ("戊", 2), ("己", 0), ("庚", 1), ("辛", 2)]:
        number(document.add_paragraph(text), 77, level)
    document.add_paragraph("正文段落")
    source = read_source(save(document, tmp_path / "n.docx"))
    assert split_lines(source.text) == ("一、甲", "（一）乙", "（二）丙", "1.丁", "2.戊", "二、己", "（一）庚", "1.辛", "正文段落")


def test_unresolvable_numbering_is_a_problem_not_a_guess(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("前言")
    number(document.add_paragraph("主要举措"), 99, 0)  # no list 99 is defined
    number(document.add_paragraph("不足"), 77, 6)  # list 77 has no level 7
    source = read_source(save(document, tmp_path / "n.docx"))
    assert split_lines(source.text) == ("前言", "主要举措", "不足")
    assert [(p.line, p.column, p.detail) for p in source.problems] == [
        (2, 1, "编号定义 numId=99 不存在"),
        (3, 1, "编号 numId=77 没有第 7 级"),
    ]


def test_numbering_from_a_paragraph_style_is_rendered(tmp_path: Path) -> None:
    document = new_document()
    style = document.styles["Heading 1"]
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = 77
    document.add_paragraph("主要举措和成效", style="Heading 1")
    document.add_paragraph("存在的不足", style="Heading 1")
    source = read_source(save(document, tmp_path / "s.docx"))
    assert split_lines(source.text) == ("一、主要举措和成效", "二、存在的不足")


@pytest.mark.parametrize(
    ("fmt", "value", "text"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 105, "一百零五"),
        ("chineseCounting", 110, "一百一十"),
        ("chineseLegalSimplified", 12, "壹拾贰"),
        ("decimalEnclosedCircle", 3, "③"),
        ("decimalEnclosedCircle", 21, None),
        ("decimalFullWidth", 12, "１２"),
        ("lowerLetter", 27, "aa"),
        ("upperRoman", 14, "XIV"),
        ("ideographTraditional", 2, "乙"),
    ],
)
def test_number_formats(fmt: str, value: int, text: str | None) -> None:
    assert FORMATS[fmt](value) == text


def test_manual_line_break_keeps_one_paragraph_one_line(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    document.add_paragraph("下一段")
    source = read_source(save(document, tmp_path / "b.docx"))
    assert split_lines(source.text) == ("第一行\v第二行", "下一段")


def test_docx_source_is_paragraph_positioned_and_never_written(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("x")
    source = read_source(save(document, tmp_path / "a.docx"))
    assert (source.kind, source.position_unit) == ("docx", "paragraph")
    with pytest.raises(LzlintError, match="never written"):
        source.encode(source.text)


def _report_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    for line in seed_lines(SEED_PATHS[0]):
        document.add_paragraph(line)
    return save(document, tmp_path / "report.docx")


def test_cli_text_and_concise_mark_paragraphs_json_keeps_line(tmp_path: Path) -> None:
    _report_docx(tmp_path)
    concise = run_lzlint(["--format", "concise", "--select", "A501", "report.docx"], cwd=tmp_path)
    assert concise.stdout == "report.docx:¶7:1: A501 文档转换残留“[bookmark: _GoBack]”，发布前应删除。\n"
    text = run_lzlint(["--format", "text", "--select", "A501", "report.docx"], cwd=tmp_path)
    assert text.stdout.startswith("report.docx:¶7:1: A501 ")
    as_json = json.loads(run_lzlint(["--format", "json", "--select", "A501", "report.docx"], cwd=tmp_path).stdout)
    assert [(f["line"], f["column"], f["end_column"]) for f in as_json] == [(7, 1, len("[bookmark: _GoBack]") + 1)]


def test_directories_pick_up_docx_and_list_what_they_could_not_check(tmp_path: Path) -> None:
    _report_docx(tmp_path)
    (tmp_path / "~$report.docx").write_bytes(b"\x0bsomeone" + b"\x00" * 40)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40)
    # Without LibreOffice the .doc is not checked: it is listed as F001, not passed over.
    result = run_lzlint(["--format", "concise", "--select", "A501", "."], cwd=tmp_path, env={"LZLINT_SOFFICE": ""})
    assert result.stdout == (
        "report.docx:¶7:1: A501 文档转换残留“[bookmark: _GoBack]”，发布前应删除。\n"
        "old.doc:1:1: F001 文件未检查：Word 97–2003 文档（.doc）需要 LibreOffice 才能读取，本机未安装；请安装 LibreOffice，或将文件另存为 .docx\n"
    )
    assert result.stderr.splitlines() == ["lzlint: note: ~$report.docx: skipped, a Word lock file"]
    assert result.returncode == 1


def test_named_doc_file_without_libreoffice_is_an_error_with_the_remedy(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40)
    result = run_lzlint(["old.doc"], cwd=tmp_path, env={"LZLINT_SOFFICE": ""})
    assert (result.returncode, result.stderr) == (
        2,
        "lzlint: error: old.doc: a Word 97–2003 document (.doc) is read through LibreOffice, which is not installed;"
        " install LibreOffice or save it as .docx\n",
    )


def _damaged() -> Iterator[tuple[str, bytes]]:
    whole = io.BytesIO()
    docx.Document().save(whole)
    yield "truncated", whole.getvalue()[:500]
    yield "empty", b""
    yield "text", "一、主要举措".encode()
    yield "ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40


@pytest.mark.parametrize(("name", "data"), list(_damaged()), ids=[n for n, _ in _damaged()])
def test_damaged_docx_is_one_clear_line(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / "bad.docx").write_bytes(data)
    result = run_lzlint(["bad.docx"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("lzlint: error: bad.docx: not a")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_verbose_tells_how_each_file_was_read(tmp_path: Path) -> None:
    _report_docx(tmp_path)
    (tmp_path / "b.txt").write_bytes(("一、主要举措和成效\r\n" * 30).encode("gb18030"))
    result = run_lzlint(["--verbose", "--format", "json", "--select", "A501", "."], cwd=tmp_path)
    lines = result.stderr.splitlines()
    assert [line for line in lines if "report year" not in line and ": unit " not in line] == [
        "lzlint: b.txt: text, encoding GB18030 (charset-normalizer), line endings CRLF",
        "lzlint: report.docx: Word document (.docx); positions are ¶paragraph:character",
    ]
    assert "lzlint: b.txt: report year not found (give it with --year)" in lines
    # The unit stands on the paragraph above 关于…的报告 (seed 000's opening); b.txt names none.
    assert [line for line in lines if ": unit " in line] == ["lzlint: report.docx: unit 洪山镇人民政府, from the title (line 1)"]
    assert len(json.loads(result.stdout)) == 1


def test_text_only_runs_do_not_import_python_docx(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("一、主要举措和成效\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from lzlint.sources import read_source; "
        "read_source(Path('a.txt')); print('docx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"


def test_summary_offers_no_fix_for_a_docx(tmp_path: Path) -> None:
    document = docx.Document()
    for line in SEED_PATHS[0].read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = save(document, tmp_path / "a.docx")
    text_copy = tmp_path / "a.txt"
    text_copy.write_text(SEED_PATHS[0].read_text(encoding="utf-8"), encoding="utf-8")
    # The same findings: the text file is offered its fixes, the Word draft (never rewritten) is not.
    assert "fixable with --fix" in run_lzlint(["--no-cache", str(text_copy)]).stdout
    out = run_lzlint(["--no-cache", str(path)]).stdout
    assert " error" in out and "fixable with --fix" not in out


def test_html_says_a_docx_position_is_a_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("关于2025年度法治政府建设情况的报告", "一、主要举措和成效", "[bookmark: _GoBack]全年开展普法活动十二场。"):
        document.add_paragraph(line)
    save(document, tmp_path / "report.docx")
    page = run_lzlint(["--no-cache", "--select", "A501", "--format", "html", "report.docx"], cwd=tmp_path).stdout
    # Paragraph 3, column 1, as the text output writes it: ¶3:1, not 3:1.
    assert '<span class="pos">¶3:1</span>' in page

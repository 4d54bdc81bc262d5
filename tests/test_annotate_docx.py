"""Word inputs annotated as copies of themselves (--annotate, --annotate-dir on .docx).

The .docx files are built here from the seeds with python-docx: every
paragraph is cut into runs of three characters, alternately bold and
italic, so a comment has to split runs and keep each half's formatting. The
expected anchors are worked out from the .txt seed and its findings, never
from the annotated copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from lzlint.diagnostic import Diagnostic
from lzlint.errors import LzlintError
from lzlint.model.document import Vocabulary, split_lines
from lzlint.outputs.annotate import write_annotations
from lzlint.outputs.annotate_docx import annotate_docx
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import FileResult, lint_source
from lzlint.sources import read_source
from tests.conftest import ROOT, run_lzlint
from tests.docx_comments import anchored_comments
from tests.test_annotate import NO_NEXT_YEAR
from tests.test_docx import (
    SEED_PATHS,
    W_NS,
    auto_numbered,
    new_document,
    number,
    save,
    seed_lines,
    table_document,
)

IMAGE = ROOT / "docs" / "img" / "docx-comments.png"
HEADER = "青龙县人民政府文件"


def all_paragraphs(document: WordDocument) -> list[Paragraph]:
    """Body paragraphs in document order, table cells included (the reader's lines)."""
    return [Paragraph(p, document.part) for p in document.element.body.iter(qn("w:p"))]


def chop(document: WordDocument) -> WordDocument:
    """Rewrite every paragraph as runs of three characters, alternately bold and italic."""
    for paragraph in all_paragraphs(document):
        text = paragraph.text
        for r in paragraph._p.xpath("./w:r"):
            paragraph._p.remove(r)
        for k in range(0, len(text), 3):
            run = paragraph.add_run(text[k : k + 3])
            run.bold, run.italic = k % 2 == 0, k % 9 == 0
    return document


def with_table(lines: tuple[str, ...]) -> WordDocument:
    """Lines 9-14 in a 2x2 table (9-10, 11 | 12, 13-14), a header, and a picture after the title."""
    document = table_document(lines)
    chop(document)
    document.paragraphs[0].add_run().add_picture(str(IMAGE), width=Mm(30))
    document.sections[0].header.paragraphs[0].text = HEADER
    return document


def formatting(document: WordDocument) -> list[list[tuple[str, bool | None, bool | None]]]:
    """Each body paragraph as (character, bold, italic) of its runs."""
    return [[(ch, r.bold, r.italic) for r in p.runs for ch in r.text] for p in all_paragraphs(document)]


def annotate(source: Path, out: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> FileResult:
    """Lint and annotate in process, as the command does after its output."""
    result = lint_source(read_source(source), pack, vocabulary, Settings())
    absence = {r.code for r in pack if r.kind.reports_absence}
    write_annotations([result], {str(source): out}, vocabulary.lexicon.preamble_cues, absence)
    return result


def expected_comments(
    seed: Path, numbers: list[int], tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary
) -> list[tuple[str, str, tuple[int, ...]]]:
    """(comment text, anchored text, paragraph) of every finding, worked out from the .txt seed.

    A finding on characters: those characters of the seed line, less the
    automatic number (`numbers[i]` characters at the start of line i+1);
    the whole rest of the line when it lies inside the number. A finding
    about something missing: where the .txt copy puts it, less the number.
    """
    txt = annotate(seed, tmp_path / "seed.docx", pack, vocabulary)
    lines = seed_lines(seed)
    absence = {r.code for r in pack if r.kind.reports_absence}
    landmarks = {c.text: c for c in anchored_comments(tmp_path / "seed.docx").values()}
    expected = []
    for f in (d.to_json() for d in txt.diagnostics):
        text = f"{f['code']} {f['message']}"
        line, start, end = int(f["line"]) - 1, int(f["column"]) - 1, int(f["end_column"]) - 1  # type: ignore[call-overload]
        assert f["end_line"] == f["line"]
        if f["code"] in absence or start >= min(end, len(lines[line])):
            (line,) = landmarks[text].paragraphs
            expected.append((text, landmarks[text].anchored[numbers[line] :], (line,)))
        elif end <= numbers[line]:
            expected.append((text, lines[line][numbers[line] :], (line,)))
        else:
            expected.append((text, lines[line][max(start, numbers[line]) : end], (line,)))
    return sorted(expected)


def check_copy(original: Path, copy: Path, expected: list[tuple[str, str, tuple[int, ...]]]) -> None:
    comments = anchored_comments(copy).values()
    assert sorted((c.text, c.anchored, c.paragraphs) for c in comments) == expected
    assert {(c.author, c.initials) for c in comments} == {("lzlint", "lz")}
    before, after = docx.Document(str(original)), docx.Document(str(copy))
    assert formatting(after) == formatting(before)
    # Tables, automatic numbers (rendered by the reader), headers and pictures survive.
    assert read_source(copy).text == read_source(original).text
    assert [[c.text for c in t._cells] for t in after.tables] == [[c.text for c in t._cells] for t in before.tables]
    assert [p.header.paragraphs[0].text for p in after.sections] == [p.header.paragraphs[0].text for p in before.sections]
    assert len(after.inline_shapes) == len(before.inline_shapes)


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_seed_with_table_gets_a_comment_on_every_finding(seed: Path, tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    original = save(with_table(seed_lines(seed)), tmp_path / "report.docx")
    os.utime(original, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = original.read_bytes()
    result = annotate(original, tmp_path / "annotated.docx", pack, vocabulary)
    assert original.read_bytes() == before
    assert original.stat().st_mtime_ns == 1_600_000_000_000_000_000
    assert len(result.diagnostics) > 5
    expected = expected_comments(seed, [0] * len(seed_lines(seed)), tmp_path, pack, vocabulary)
    check_copy(original, tmp_path / "annotated.docx", expected)
    copy = docx.Document(str(tmp_path / "annotated.docx"))
    assert (len(copy.tables), len(copy.inline_shapes), copy.sections[0].header.paragraphs[0].text) == (1, 1, HEADER)


@pytest.mark.parametrize("seed", SEED_PATHS[1:], ids=lambda p: p.name[:3])
def test_auto_numbered_seed_anchors_past_the_numbers(seed: Path, tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    document, converted = auto_numbered(seed_lines(seed))
    original = save(chop(document), tmp_path / "report.docx")
    lines = seed_lines(seed)
    texts = [p.text for p in all_paragraphs(document)]
    assert all(line.endswith(text) for line, text in zip(lines, texts))
    numbers = [len(line) - len(text) for line, text in zip(lines, texts)]
    assert sum(n > 0 for n in numbers) == converted > 0
    annotate(original, tmp_path / "annotated.docx", pack, vocabulary)
    check_copy(original, tmp_path / "annotated.docx", expected_comments(seed, numbers, tmp_path, pack, vocabulary))
    numbered = [p for p in all_paragraphs(docx.Document(str(tmp_path / "annotated.docx"))) if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) == converted


def _numbered_report(path: Path) -> Path:
    """Word numbers 一、（一）二、; a typed 二、 between them makes the second automatic 二、 a repeat."""
    document = new_document()
    document.add_paragraph("关于2023年度法治政府建设情况的报告")
    number(document.add_paragraph("主要举措和成效"), 77, 0)
    number(document.add_paragraph(" 加强领导"), 77, 1)
    document.add_paragraph("全镇排查矛盾纠纷80起，调解成功75宗，调解成功率95%。")
    document.add_paragraph("二、党政主要负责人履行推进法治建设第一责任人职责情况")
    number(document.add_paragraph("存在的不足和原因"), 77, 0)
    document.add_paragraph("普法形式单一。")
    return save(chop(document), path)


def test_findings_in_automatic_numbers_go_on_the_paragraph_text(tmp_path: Path) -> None:
    _numbered_report(tmp_path / "n.docx")
    proc = run_lzlint(["n.docx", "--annotate", "out.docx", "--select", "N202,N204,Q301,S104", "--format", "concise"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    # Checked by hand: N204 covers “（一） ”, the number and the typed space: the space carries it.
    # N202 covers the number 二、 of ¶6 only: the heading text carries it; S104 (no 下一年度 section) too.
    assert proc.stdout.splitlines() == [
        "n.docx:¶3:1: N204 标题序号“（一） ”不规范：序号后不应有空格，应写作“（一）”。",
        "n.docx:¶4:21: Q301 “调解成功率95%”与本句数字不符：按75宗÷80起计算约为93.75%，请核对数字，或把比率改为93.75%。",
        "n.docx:¶6:1: N202 标题序号“二、”与上一个同级序号重复，按顺序应为“三、”。",
        "n.docx:¶7:1: S104 缺少“下一年度主要安排”部分：请增加一级标题，如“四、下一年度推进法治政府建设的主要安排”。",
    ]
    anchors = sorted((c.text[:4], c.anchored, c.paragraphs) for c in anchored_comments(tmp_path / "out.docx").values())
    assert anchors == [
        ("N202", "存在的不足和原因", (5,)),
        ("N204", " ", (2,)),
        ("Q301", "调解成功率95%", (3,)),
        ("S104", "存在的不足和原因", (5,)),
    ]


def _paragraph_xml(inner: str) -> str:
    return f'<w:p {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{inner}</w:p>'


def test_tabs_breaks_hyperlinks_and_a_range_over_two_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(_paragraph_xml(
        '<w:r><w:rPr><w:b/></w:rPr><w:t>全镇排查</w:t><w:tab/><w:t>矛盾</w:t></w:r>'
        '<w:hyperlink r:id="rIdX"><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>纠纷80起</w:t></w:r></w:hyperlink>'
        '<w:r><w:br/><w:t>调解 成功</w:t></w:r>'
    )))
    body.insert(1, parse_xml(_paragraph_xml('<w:r><w:rPr><w:i/></w:rPr><w:t>75宗。</w:t></w:r>')))
    original = save(document, tmp_path / "r.docx")
    lines = split_lines(read_source(original).text)
    assert lines[:2] == ("全镇排查\t矛盾纠纷80起\v调解 成功", "75宗。")

    def finding(line: int, column: int, end_line: int, end_column: int, code: str) -> Diagnostic:
        return Diagnostic(str(original), line, column, code, "n", "error", "m", end_line, end_column)

    findings = (finding(1, 3, 1, 9, "X001"), finding(1, 14, 2, 3, "X002"), finding(1, 7, 1, 9, "X003"), finding(1, 16, 1, 19, "X004"))
    result = FileResult(str(original), findings, lines, "docx", position_unit="paragraph")
    assert annotate_docx(result, (), (), tmp_path / "out.docx") == 4
    anchors = sorted((c.text, c.anchored, c.paragraphs) for c in anchored_comments(tmp_path / "out.docx").values())
    # X001: 排查, the tab, 矛盾 and 纠 inside the hyperlink; X002: from 调 after the break to 75; X004: from the space on.
    assert anchors == [
        ("X001 m", "排查\t矛盾纠", (0,)),
        ("X002 m", "调解 成功75", (0, 1)),
        ("X003 m", "盾纠", (0,)),
        ("X004 m", " 成功", (0,)),
    ]
    assert split_lines(read_source(tmp_path / "out.docx").text) == lines
    # The runs were cut at 2, 6, 8, 13 and 15; every piece keeps its run's formatting and place.
    p = docx.Document(str(tmp_path / "out.docx")).element.body[0]
    runs = [(r.text, r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None, r.find(f"{qn('w:rPr')}/{qn('w:u')}") is not None) for r in p.xpath("./w:r | ./w:hyperlink/w:r")]
    assert [run for run in runs if run[0]] == [
        ("全镇", True, False), ("排查\t矛", True, False), ("盾", True, False),
        ("纠", False, True), ("纷80起", False, True),
        ("\n", False, False), ("调解", False, False), (" 成功", False, False),
    ]
    assert p.xpath("string(./w:hyperlink)") == "纠纷80起"
    # Word drops spaces at the ends of a w:t unless told to keep them.
    edges = [t for t in p.iter(qn("w:t")) if t.text != t.text.strip()]
    assert edges and all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in edges)


def test_comments_already_in_the_document_are_kept(tmp_path: Path) -> None:
    document = docx.Document()
    for line in NO_NEXT_YEAR.splitlines():
        document.add_paragraph(line)
    document.add_comment(document.paragraphs[6].runs, text="请补充具体事例", author="张三", initials="张")
    original = save(document, tmp_path / "r.docx")
    proc = run_lzlint(["r.docx", "--annotate", "out.docx", "--select", "S104"], cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = sorted((c.author, c.anchored, c.paragraphs) for c in anchored_comments(tmp_path / "out.docx").values())
    assert found == [("lzlint", "三、存在的不足和原因", (5,)), ("张三", "普法形式单一。", (6,))]
    assert original.read_bytes() == (tmp_path / "r.docx").read_bytes()


def test_a_document_changed_after_checking_is_not_annotated(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    original = save(document, tmp_path / "r.docx")
    stale = FileResult(str(original), (), ("一、主要举措和成效", "做了工作。"), "docx", position_unit="paragraph")
    with pytest.raises(LzlintError, match="changed while it was being checked"):
        annotate_docx(stale, (), (), tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_annotate_dir_over_a_folder_of_txt_and_docx(tmp_path: Path) -> None:
    county = tmp_path / "county"
    (county / "东镇").mkdir(parents=True)
    (county / "东镇" / "报告.txt").write_text(NO_NEXT_YEAR, encoding="utf-8")
    (county / "西镇").mkdir()
    document, converted = auto_numbered(tuple(NO_NEXT_YEAR.splitlines()))
    assert converted == 3
    west = save(chop(document), county / "西镇" / "报告.docx")
    before = west.read_bytes()
    proc = run_lzlint([str(county), "--annotate-dir", str(tmp_path / "out"), "--select", "S104", "-q"])
    assert proc.returncode == 1, proc.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert written == ["东镇", "东镇/报告.docx", "西镇", "西镇/报告.docx"]
    (east,) = anchored_comments(tmp_path / "out" / "东镇" / "报告.docx").values()
    (west_comment,) = anchored_comments(tmp_path / "out" / "西镇" / "报告.docx").values()
    # The same heading; in the Word draft its 三、 is an automatic number, outside the comment.
    assert (east.anchored, east.paragraphs) == ("三、存在的不足和原因", (5,))
    assert (west_comment.anchored, west_comment.paragraphs) == ("存在的不足和原因", (5,))
    assert west.read_bytes() == before
    assert read_source(tmp_path / "out" / "西镇" / "报告.docx").text == NO_NEXT_YEAR


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["r.docx", "--annotate-dir", "."], "is an input file"),
        (["r.docx", "--annotate", "r.docx"], "is an input file"),
        (["r.docx", "r.txt", "--annotate-dir", "d"], "would both be annotated to"),
        (["r.docx", "r.txt", "--annotate", "x.docx"], "--annotate writes one file but 2 inputs"),
    ],
)
def test_refusals_hold_for_docx_inputs(tmp_path: Path, args: list[str], message: str) -> None:
    document = docx.Document()
    document.add_paragraph("一、主要举措和成效")
    before = save(document, tmp_path / "r.docx").read_bytes()
    (tmp_path / "r.txt").write_text(NO_NEXT_YEAR, encoding="utf-8")
    proc = run_lzlint(args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "r.docx").read_bytes() == before
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "d").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_an_annotated_word_draft(tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    document, _ = auto_numbered(seed_lines(SEED_PATHS[1]))
    original = save(chop(document), tmp_path / "report.docx")
    result = annotate(original, tmp_path / "annotated.docx", pack, vocabulary)
    for fmt in ("pdf", "fodt"):
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
             "--convert-to", fmt, "--outdir", str(tmp_path), str(tmp_path / "annotated.docx")],
            capture_output=True, text=True, timeout=180, check=False,
        )
        assert proc.returncode == 0 and (tmp_path / f"annotated.{fmt}").exists(), proc.stderr
    assert (tmp_path / "annotated.pdf").read_bytes().startswith(b"%PDF")
    # LibreOffice's own reading of the copy: one annotation by lzlint per finding.
    flat = (tmp_path / "annotated.fodt").read_text(encoding="utf-8")
    assert flat.count("<dc:creator>lzlint</dc:creator>") == len(result.diagnostics) > 5


def test_paragraphs_without_text_still_carry_their_comments(tmp_path: Path, pack: tuple[Rule, ...], vocabulary: Vocabulary) -> None:
    empty = save(docx.Document(), tmp_path / "empty.docx")  # python-docx's template body has no paragraph
    # Only Word's numbers 一、 and 二、 around one line of text: the first paragraph has no run.
    document = new_document()
    number(document.add_paragraph(""), 77, 0)
    document.add_paragraph("做了工作。")
    number(document.add_paragraph(""), 77, 0)
    numbers_only = save(document, tmp_path / "numbers.docx")
    # The empty body gets the one empty paragraph Word itself would show.
    for original, text in ((empty, "\n"), (numbers_only, "一、\n做了工作。\n二、\n")):
        result = annotate(original, tmp_path / "out.docx", pack, vocabulary)
        comments = anchored_comments(tmp_path / "out.docx").values()
        assert len(comments) == len(result.diagnostics) > 3
        assert {(c.anchored, c.paragraphs) for c in comments} == {("", (0,))}
        assert read_source(tmp_path / "out.docx").text == text


def test_text_word_shows_inside_wrappers_is_read_and_annotated(tmp_path: Path) -> None:
    """Tracked insertions, inline content controls, simple fields and smart tags are text Word shows;
    deleted text and a text box's own paragraph are not."""
    document = docx.Document()
    body = document.element.body
    body.insert(0, parse_xml(_paragraph_xml(
        '<w:r><w:t>全镇排查</w:t></w:r>'
        '<w:ins w:id="1" w:author="审核人" w:date="2025-01-10T00:00:00Z"><w:r><w:t>矛盾纠纷</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="审核人" w:date="2025-01-10T00:00:00Z"><w:r><w:delText>XX镇</w:delText></w:r></w:del>'
        '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>150起</w:t></w:r></w:sdtContent></w:sdt>'
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>，调解</w:t></w:r></w:fldSimple>'
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        '<w:r><w:t>成功141起</w:t></w:r></w:smartTag>'
        '<w:r><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml"><w:txbxContent>'
        '<w:p><w:r><w:t>图片说明</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></w:r>'
        '<w:r><w:t>。</w:t></w:r>'
    )))
    original = save(document, tmp_path / "r.docx")
    lines = split_lines(read_source(original).text)
    assert lines[0] == "全镇排查矛盾纠纷150起，调解成功141起。"
    findings = (
        Diagnostic(str(original), 1, 3, "X001", "n", "error", "m", 1, 9),  # 排查矛盾纠纷: into the insertion
        Diagnostic(str(original), 1, 9, "X002", "n", "error", "m", 1, 22),  # 150起，调解成功141起: control, field, smart tag
    )
    result = FileResult(str(original), findings, lines, "docx", position_unit="paragraph")
    assert annotate_docx(result, (), (), tmp_path / "out.docx") == 2
    anchors = sorted((c.text, c.anchored) for c in anchored_comments(tmp_path / "out.docx").values())
    assert anchors == [("X001 m", "排查矛盾纠纷"), ("X002 m", "150起，调解成功141起")]
    assert split_lines(read_source(tmp_path / "out.docx").text) == lines

"""Word copies with one comment per finding (--annotate, --annotate-dir), for .txt input (.docx: test_annotate_docx)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from lzlint.errors import LzlintError
from lzlint.outputs.annotate import plan_outputs
from lzlint.outputs.output_file import refuse_overwriting_inputs
from tests.conftest import SEEDS, run_lzlint
from tests.docx_comments import anchored_comments, paragraph_texts

SEED_000 = SEEDS / "000_01a9da65d0d1e63d.txt"

# Hand-made: a Q301 (80 and 75 give 93.75%, not 95%), an A501 residue, and no
# 第一责任人 section, which belongs before 二、存在的不足和原因 (line 4).
NO_FIRST_RESPONSIBLE = """关于2023年度法治政府建设情况的报告
一、主要举措和成效
全镇排查矛盾纠纷80起，调解成功75宗，调解成功率95%。
二、存在的不足和原因
[bookmark: _GoBack]普法形式单一。
三、下一年度工作计划
继续深化普法。
"""

# No next-year section: the finding points at the last line (the date), and its
# comment goes on the nearest heading before it, 三、存在的不足和原因 (line 6).
NO_NEXT_YEAR = """关于2023年度法治政府建设情况的报告
一、主要举措和成效
做了工作。
二、党政主要负责人履行推进法治建设第一责任人职责情况
带头学法。
三、存在的不足和原因
普法形式单一。
洪山镇人民政府
2024年1月5日
"""


def _annotate(tmp_path: Path, text: str, *extra: str) -> tuple[Path, dict, list[dict]]:
    source = tmp_path / "report.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "report.docx"
    findings = tmp_path / "findings.json"
    proc = run_lzlint([str(source), "--annotate", str(out), "--format", "json", "-o", str(findings), *extra])
    assert proc.returncode in (0, 1), proc.stderr
    return out, anchored_comments(out), json.loads(findings.read_text(encoding="utf-8"))


def _by_code(comments: dict) -> dict[str, list]:
    found: dict[str, list] = {}
    for c in comments.values():
        found.setdefault(c.text.split(" ")[0], []).append(c)
    return found


def test_comments_anchor_on_the_offending_text(tmp_path: Path) -> None:
    out, comments, findings = _annotate(tmp_path, NO_FIRST_RESPONSIBLE, "--select", "Q301,A501,S102")
    by_code = _by_code(comments)
    assert sorted(by_code) == ["A501", "Q301", "S102"]
    (q301,) = by_code["Q301"]
    assert (q301.anchored, q301.paragraphs) == ("调解成功率95%", (2,))
    (a501,) = by_code["A501"]
    assert (a501.anchored, a501.paragraphs) == ("[bookmark: _GoBack]", (4,))
    (s102,) = by_code["S102"]
    assert (s102.anchored, s102.paragraphs) == ("二、存在的不足和原因", (3,))
    assert {(c.author, c.initials) for c in comments.values()} == {("lzlint", "lz")}
    # Every comment says the code and the message of its finding.
    assert sorted(c.text for c in comments.values()) == sorted(f"{f['code']} {f['message']}" for f in findings)
    # The copy holds the text, one paragraph per line, on A4 paper.
    assert paragraph_texts(out) == NO_FIRST_RESPONSIBLE.splitlines()
    section = docx.Document(str(out)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_missing_section_at_the_end_goes_on_the_nearest_heading(tmp_path: Path) -> None:
    _, comments, findings = _annotate(tmp_path, NO_NEXT_YEAR, "--select", "S104")
    assert [f["line"] for f in findings] == [8]  # before the 落款, where the section belongs
    (s104,) = comments.values()
    assert (s104.anchored, s104.paragraphs) == ("三、存在的不足和原因", (5,))


def test_missing_sections_without_headings_go_on_the_title(tmp_path: Path) -> None:
    _, comments, _ = _annotate(tmp_path, "关于2023年度法治政府建设情况的报告\n\n今年我们做了很多工作。\n", "--select", "S10")
    # The four sections, the 落款/成文日期 (S107) and the addressee (S109) are all missing.
    assert sorted(c.text[:4] for c in comments.values()) == ["S101", "S102", "S103", "S104", "S107", "S109"]
    assert {(c.anchored, c.paragraphs) for c in comments.values()} == {("关于2023年度法治政府建设情况的报告", (0,))}


def test_without_title_or_heading_the_first_text_line_carries_them(tmp_path: Path) -> None:
    _, comments, _ = _annotate(tmp_path, "\n\n  今年我们做了很多工作。\n", "--select", "S101")
    (s101,) = comments.values()
    assert (s101.anchored, s101.paragraphs) == ("今年我们做了很多工作。", (2,))


def test_every_finding_of_a_real_report_has_its_comment_on_its_characters(tmp_path: Path) -> None:
    source = tmp_path / SEED_000.name
    shutil.copy(SEED_000, source)
    before = source.read_bytes()
    out = tmp_path / "out.docx"
    findings_file = tmp_path / "f.json"
    proc = run_lzlint([str(source), "--annotate", str(out), "--format", "json", "-o", str(findings_file)])
    assert proc.returncode == 1, proc.stderr  # findings of error severity: the exit status is unchanged
    assert source.read_bytes() == before
    lines = before.decode("utf-8").splitlines()
    findings = json.loads(findings_file.read_text(encoding="utf-8"))
    comments = sorted(anchored_comments(out).values(), key=lambda c: c.text)
    assert len(comments) == len(findings) > 10
    expected = sorted(
        (f"{f['code']} {f['message']}", lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1], (f["line"] - 1,))
        for f in findings
        if f["line"] == f["end_line"]
    )
    assert len(expected) == len(findings)
    assert [(c.text, c.anchored, c.paragraphs) for c in comments] == expected
    # Overlapping findings keep their own ranges: N201 on the marker, N204 on marker and
    # space (line 9); N203 on the preamble's marker, W704 on its phrase (line 5).
    line5 = {c.text[:4]: c.anchored for c in comments if c.paragraphs == (4,)}
    assert line5 == {"N203": "1、", "W704": "二十大会议精神"}
    line9 = {c.text[:4]: c.anchored for c in comments if c.paragraphs == (8,)}
    assert line9 == {"N201": "2、", "N204": "2、 "}


def test_control_characters_are_shown_not_dropped(tmp_path: Path) -> None:
    out, _, _ = _annotate(tmp_path, "第一行\x01文字\t制表。\n", "--select", "S101")
    assert paragraph_texts(out) == ["第一行\u2401文字\t制表。"]


def test_annotate_dir_mirrors_subfolders_and_keeps_inputs(tmp_path: Path) -> None:
    county = tmp_path / "county"
    for town in ("东镇", "西镇"):
        (county / town).mkdir(parents=True)
        (county / town / "报告.txt").write_text(NO_NEXT_YEAR, encoding="utf-8")
    proc = run_lzlint([str(county), "--annotate-dir", str(tmp_path / "out"), "--select", "S104", "-q"])
    assert proc.returncode == 1, proc.stderr
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*"))
    assert written == ["东镇", "东镇/报告.docx", "西镇", "西镇/报告.docx"]
    for town in ("东镇", "西镇"):
        (comment,) = anchored_comments(tmp_path / "out" / town / "报告.docx").values()
        assert comment.anchored == "三、存在的不足和原因"
        assert (county / town / "报告.txt").read_text(encoding="utf-8") == NO_NEXT_YEAR


def test_a_report_without_findings_still_gets_its_copy(tmp_path: Path) -> None:
    out, comments, findings = _annotate(tmp_path, NO_NEXT_YEAR, "--select", "A501")
    assert findings == [] and comments == {}
    assert paragraph_texts(out) == NO_NEXT_YEAR.splitlines()


def test_standard_input_can_be_annotated(tmp_path: Path) -> None:
    out = tmp_path / "stdin.docx"
    proc = run_lzlint(["-", "--annotate", str(out), "--select", "S102"], stdin=NO_FIRST_RESPONSIBLE.encode())
    assert proc.returncode == 1, proc.stderr
    (comment,) = anchored_comments(out).values()
    assert comment.anchored == "二、存在的不足和原因"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.txt", "b.txt", "--annotate", "x.docx"], "--annotate writes one file but 2 inputs"),
        (["a.txt", "--annotate", "x.pdf"], "must end in .docx"),
        (["a.txt", "--annotate", "x.docx", "--annotate-dir", "d"], "cannot be used together"),
        (["a.txt", "a.md", "--annotate-dir", "d"], "would both be annotated to"),
        (["-", "--annotate-dir", "d"], "cannot name the copy of standard input"),
    ],
)
def test_ambiguous_annotation_requests_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    for name in ("a.txt", "b.txt", "a.md"):
        (tmp_path / name).write_text(NO_NEXT_YEAR, encoding="utf-8")
    proc = run_lzlint(args, cwd=tmp_path, stdin=b"")
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "d").exists()


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(NO_NEXT_YEAR, encoding="utf-8")
    with pytest.raises(LzlintError, match="is an input file"):
        refuse_overwriting_inputs([source], [tmp_path / "sub" / ".." / "a.txt"])
    # A Word input is planned like a text one: its copy keeps the name, so a copy into its own folder is refused.
    assert plan_outputs([tmp_path / "r.docx"], tmp_path / "out.docx", None) == {tmp_path / "r.docx": tmp_path / "out.docx"}
    (tmp_path / "r.docx").write_bytes(b"")
    with pytest.raises(LzlintError, match="is an input file"):
        plan_outputs([tmp_path / "r.docx"], None, tmp_path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_the_annotated_copy(tmp_path: Path) -> None:
    source = tmp_path / SEED_000.name
    shutil.copy(SEED_000, source)
    out = tmp_path / "annotated.docx"
    assert run_lzlint([str(source), "--annotate", str(out), "-q"]).returncode == 1
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180, check=False,
    )
    pdf = tmp_path / "annotated.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000

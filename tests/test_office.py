"""Reading .doc and .wps through LibreOffice (lzlint.sources.office), and without it.

The .doc and .wps files are made here: a .docx written with python-docx,
converted to Word 97–2003 by soffice (WPS Writer saves .wps in the same binary
format). Tests that need LibreOffice skip, with the reason, where it is missing;
CI installs it (.ci/run).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest

from lzlint.errors import LzlintError
from lzlint.sources import read_source
from lzlint.sources.office import convert_to_docx, find_soffice
from tests.conftest import run_lzlint

PARAGRAPHS = (
    "关于2024年度法治政府建设情况的报告",
    "县委、县政府：",
    "一、主要举措和成效",
    "全年办理行政复议案件12件。[bookmark: _GoBack]",
    "二、存在的不足和原因",
    "法治宣传的针对性还不强。",
)

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """report.docx, and the same report as report.doc and report.wps made by soffice."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("office")
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.save(str(folder / "report.docx"))
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "doc", "--outdir", str(folder / "made"), str(folder / "report.docx")],
            check=True,
            capture_output=True,
            timeout=180,
        )
    doc = folder / "made" / "report.doc"
    assert doc.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # Word 97–2003, an OLE compound file
    shutil.copy(doc, folder / "report.wps")
    shutil.copy(doc, folder / "report.doc")
    return {"docx": folder / "report.docx", "doc": folder / "report.doc", "wps": folder / "report.wps"}


@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_converted_file_reads_as_its_paragraphs(word_files: dict[str, Path], kind: str) -> None:
    source = read_source(word_files[kind])
    assert source.text == "".join(p + "\n" for p in PARAGRAPHS)
    assert (source.kind, source.position_unit, source.path) == ("docx", "paragraph", str(word_files[kind]))
    assert source.describe() == f"Word document (.docx, LibreOffice, converted from .{kind}); positions are ¶paragraph:character"


@needs_soffice
def test_findings_of_a_doc_are_those_of_the_docx_it_was_saved_from(word_files: dict[str, Path]) -> None:
    folder = word_files["docx"].parent
    args = ["--no-cache", "--format", "concise", "--select", "A501,S104"]
    from_docx = run_lzlint([*args, "report.docx"], cwd=folder)
    from_doc = run_lzlint([*args, "report.doc"], cwd=folder)
    assert from_doc.returncode == from_docx.returncode == 1
    # The artifact starts at character 15 of paragraph 4 (after 全年办理行政复议案件12件。).
    assert "report.doc:¶4:15: A501 " in from_doc.stdout
    assert from_doc.stdout == from_docx.stdout.replace("report.docx:", "report.doc:")


@needs_soffice
def test_a_folder_lints_doc_and_wps_where_libreoffice_is_installed(word_files: dict[str, Path]) -> None:
    folder = word_files["docx"].parent
    result = run_lzlint(["--no-cache", "--format", "concise", "--select", "A501", "report.doc", "report.wps"], cwd=folder)
    assert result.stdout.splitlines() == [
        "report.doc:¶4:15: A501 文档转换残留“[bookmark: _GoBack]”，发布前应删除。",
        "report.wps:¶4:15: A501 文档转换残留“[bookmark: _GoBack]”，发布前应删除。",
    ]
    walked = run_lzlint(["--no-cache", "--format", "json", "--select", "A501", "."], cwd=folder)
    paths = {f["path"] for f in json.loads(walked.stdout)}
    assert {"report.doc", "report.wps", "report.docx"} <= paths and not any("F001" in line for line in walked.stdout.splitlines())
    # LibreOffice's lock files and the converted copy never land beside the inputs.
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["report.doc", "report.docx", "report.wps"]


@needs_soffice
def test_parallel_conversions_do_not_clash(word_files: dict[str, Path]) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        texts = list(pool.map(lambda p: read_source(p).text, [word_files["doc"], word_files["wps"], word_files["doc"]]))
    assert len(set(texts)) == 1 and texts[0].startswith(PARAGRAPHS[0])


def test_without_libreoffice_a_walked_doc_and_wps_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / "甲.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "乙.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = run_lzlint(["--no-cache", "--format", "concise", "."], cwd=tmp_path, env={"LZLINT_SOFFICE": ""})
    assert result.returncode == 1
    assert result.stdout == (
        "乙.wps:1:1: F001 文件未检查：WPS 文字文档（.wps）需要 LibreOffice 才能读取，本机未安装；请安装 LibreOffice，或将文件另存为 .docx\n"
        "甲.doc:1:1: F001 文件未检查：Word 97–2003 文档（.doc）需要 LibreOffice 才能读取，本机未安装；请安装 LibreOffice，或将文件另存为 .docx\n"
    )


def test_without_libreoffice_a_named_wps_is_an_error_with_the_remedy(tmp_path: Path) -> None:
    (tmp_path / "乙.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = run_lzlint(["乙.wps"], cwd=tmp_path, env={"LZLINT_SOFFICE": "/nonexistent/soffice"})
    assert (result.returncode, result.stderr) == (
        2,
        "lzlint: error: 乙.wps: a WPS Writer document (.wps) is read through LibreOffice, which is not installed;"
        " install LibreOffice or save it as .docx\n",
    )


# --- the conversion itself, with a stand-in soffice ----------------------------


def _fake_soffice(folder: Path, body: str) -> str:
    """An executable that records its arguments in args.txt and then runs `body` (sh)."""
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{folder}/args.txt"\n{body}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_each_conversion_has_its_own_profile_and_works_on_a_copy(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, 'for a; do out="$prev"; prev="$a"; done; true')
    (tmp_path / "-r.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LzlintError, match=r"-r\.doc: LibreOffice could not convert it to \.docx; open it and save it as \.docx"):
        convert_to_docx(tmp_path / "-r.doc", soffice)
    args = (tmp_path / "args.txt").read_text(encoding="utf-8").splitlines()
    profile = next(a for a in args if a.startswith("-env:UserInstallation="))
    temp = Path(args[-1]).parent
    # The profile and the copy of the input are in one temporary folder, removed afterwards.
    assert profile == f"-env:UserInstallation={(temp / 'profile').as_uri()}"
    assert args[-1] == str(temp / "input.doc") and not temp.exists()
    assert "--headless" in args and args[args.index("--convert-to") + 1].startswith("docx")


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_a_hanging_conversion_ends_at_the_timeout(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "sleep 30")
    (tmp_path / "r.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LzlintError, match=r"r\.doc: LibreOffice did not convert it within 1 seconds; save it as \.docx"):
        convert_to_docx(tmp_path / "r.doc", soffice, timeout=1)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_lzlint_soffice_names_the_program(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "exit 0")
    (tmp_path / "r.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_lzlint(["r.doc"], cwd=tmp_path, env={"LZLINT_SOFFICE": soffice})
    assert (result.returncode, result.stderr) == (2, "lzlint: error: r.doc: LibreOffice could not convert it to .docx; open it and save it as .docx\n")
    assert (tmp_path / "args.txt").is_file()


@needs_soffice
def test_annotate_dir_gives_a_commented_docx_of_a_doc(word_files: dict[str, Path], tmp_path: Path) -> None:
    result = run_lzlint(
        ["--no-cache", "--select", "A501", "--annotate-dir", str(tmp_path / "review"), str(word_files["doc"])],
        cwd=word_files["doc"].parent,
    )
    assert result.returncode == 1, result.stderr
    copy = docx.Document(str(tmp_path / "review" / "report.docx"))
    assert [p.text for p in copy.paragraphs] == list(PARAGRAPHS)
    with zipfile.ZipFile(tmp_path / "review" / "report.docx") as archive:
        xml = archive.read("word/comments.xml").decode("utf-8")
    assert xml.count("<w:comment ") == 1 and "A501" in xml

"""--fix, --diff, --show-fixes, --unsafe-fixes: safe, exact, idempotent."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_lzlint

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_fix_changes_only_the_fixed_spans(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    target = tmp_path / "000.txt"
    target.write_bytes(seed.read_bytes())
    before = seed.read_text(encoding="utf-8")
    run_lzlint(["--fix", str(target)])
    after = target.read_text(encoding="utf-8")
    changes = [(op, before[i1:i2], after[j1:j2]) for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes() if op != "equal"]
    # Expected by hand: the bookmark, (七）→（七）, 二十大会议精神→二十大精神, “4.15”→“4·15”.
    # The markers 1、 2、 2、 （1） （2） （8） are left alone: renumbering is an unsafe fix.
    removed = sorted(b for op, b, a in changes if a == "")
    assert "[bookmark: _GoBack]" in removed
    assert after.count("（七）") == 1 and after.count("4·15") == 1
    assert after.count("二十大精神") == before.count("二十大精神") + before.count("二十大会议精神")
    assert "二十大会议精神" not in after and "(七）" not in after
    assert sum(1 for op, b, a in changes if b == " " and a == "") == 0
    assert [line[:3] for line in after.splitlines()[4:6]] == ["1、 ", "2、 "]


def test_unsafe_fixes_renumber_the_outline_and_leave_it_clean(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    target = tmp_path / "000.txt"
    target.write_bytes(seed.read_bytes())
    before = seed.read_text(encoding="utf-8").splitlines()
    run_lzlint(["--fix", "--unsafe-fixes", str(target)])
    after = target.read_text(encoding="utf-8").splitlines()
    # Expected by hand from the seed: the numbered preamble loses its number, the two
    # first-level 2、 become 一、 and 二、 before the existing 三、, and the second level
    # （1） （2） （8） takes the （一） form of its siblings.
    assert before[4].startswith("1、 2023年以来") and after[4].startswith("2023年以来")
    assert after[5] == "一、" + before[5].removeprefix("2、 ")
    assert after[8] == "二、" + before[8].removeprefix("2、 ")
    assert after[9].startswith("（一）深入") and after[10].startswith("（二）健全")
    assert after[16].startswith("（八）健全") and after[15].startswith("（七）健全")
    assert any(line.startswith("三、存在") for line in after)
    assert run_lzlint(["--select", "N2", str(target)]).returncode == 0


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("003_*.txt"))
    target = tmp_path / "003.txt"
    target.write_bytes(seed.read_bytes())
    mtime = target.stat().st_mtime_ns
    result = run_lzlint(["--diff", str(target)])
    assert result.returncode == 1
    assert result.stdout.startswith(f"--- a/{target}\n+++ b/{target}\n")
    assert "+2024年，三星镇党委" in result.stdout
    assert target.read_bytes() == seed.read_bytes() and target.stat().st_mtime_ns == mtime
    clean = tmp_path / "clean.txt"
    clean.write_text("（一）加强组织领导。\n", encoding="utf-8")
    assert run_lzlint(["--diff", "--select", "P", str(clean)]).returncode == 0


def test_show_fixes_and_remaining_findings(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("加强组织领导。。健立应急预案,\n完善机制。\n", encoding="utf-8")
    result = run_lzlint(["--fix", "--show-fixes", "--select", "P603,W703,A503,P601", "--format", "concise", str(target)])
    assert target.read_text(encoding="utf-8") == "加强组织领导。建立应急预案，完善机制。\n"
    assert "Fixed in" in result.stderr and "P603" in result.stderr and "W703" in result.stderr
    assert result.stdout == ""  # nothing left
    assert result.returncode == 0


def test_fix_keeps_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("加强组织领导。。\n", encoding="utf-8")
    os.chmod(target, 0o640)
    run_lzlint(["--fix", "--select", "P603", str(target)])
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "加强组织领导。\n"
    assert not [p for p in tmp_path.iterdir() if p.name != "r.txt"]  # no temporary file left


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "Z201.yaml").write_text(
        """code: Z201
name: prefer-wo-zhen
severity: warning
check: pattern
unsafe_fix: true
params:
  patterns: ['本镇']
  fix: replace
  replacement: '我镇'
message: 建议把“{match}”改为“{suggestion}”。
description: A stylistic replacement that changes wording.
examples:
  bad: ['本镇坚持依法行政']
  good: ['我镇坚持依法行政']
""",
        encoding="utf-8",
    )
    target = tmp_path / "r.txt"
    target.write_text("本镇坚持依法行政。\n", encoding="utf-8")
    run_lzlint(["--rules", str(rules), "--select", "Z201", "--fix", str(target)])
    assert target.read_text(encoding="utf-8") == "本镇坚持依法行政。\n"
    run_lzlint(["--rules", str(rules), "--select", "Z201", "--fix", "--unsafe-fixes", str(target)])
    assert target.read_text(encoding="utf-8") == "我镇坚持依法行政。\n"


def test_fix_on_stdin_prints_the_fixed_text() -> None:
    result = run_lzlint(["--fix", "--select", "P601", "-"], stdin="加强领导,推进法治。\n".encode())
    assert result.stdout == "加强领导，推进法治。\n"


def test_lint_never_writes_without_fix(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_bytes(next(SEEDS.glob("003_*.txt")).read_bytes())
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    run_lzlint([str(target)])
    run_lzlint(["--format", "json", str(target)])
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


ENCODINGS = {
    "utf-8": b"",
    "utf-8-bom": b"\xef\xbb\xbf",
    "utf-16-le": b"\xff\xfe",
    "utf-16-be": b"\xfe\xff",
    "gb18030": b"",
}


def encode(text: str, name: str) -> bytes:
    codec = {"utf-8-bom": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(name, name)
    return ENCODINGS[name] + text.encode(codec)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fix_in_every_encoding(seed: Path, encoding: str, newline: str, tmp_path: Path, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    from lzlint.run.config import Settings
    from lzlint.run.fix import fix_file
    from lzlint.sources import read_source

    text = seed.read_text(encoding="utf-8").replace("\n", newline)
    target = tmp_path / seed.name
    target.write_bytes(encode(text, encoding))
    settings = Settings(root=tmp_path)
    first = fix_file(target, pack, vocabulary, settings, write=True, unsafe=False)
    assert first.result.error is None and first.refusal is None
    fixed_bytes = target.read_bytes()
    # Same encoding and BOM: the expected bytes are the fixed text encoded the original way.
    assert fixed_bytes == encode(first.text, encoding)
    assert read_source(target).encoding == read_source(seed).encoding or encoding != "utf-8"
    # Line ends kept: every line end is the original style.
    assert first.text.count(newline) == first.text.count("\n") if newline == "\r\n" else "\r" not in first.text
    assert [d for d in first.result.diagnostics if d.fix is not None and not d.fix.unsafe] == []
    second = fix_file(target, pack, vocabulary, settings, write=True, unsafe=False)
    assert second.result.fixed == () and target.read_bytes() == fixed_bytes


def test_fix_never_rewrites_a_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("[bookmark: _GoBack]（一）加强组织领导。")
    target = tmp_path / "r.docx"
    document.save(target)
    before = target.read_bytes()
    result = run_lzlint(["--fix", "--select", "A501", str(target)])
    assert target.read_bytes() == before
    assert ".docx files are not rewritten by --fix" in result.stderr
    assert "A501" in result.stdout and result.returncode == 1


def test_entities_become_their_characters_and_broken_lines_join_across_blank_lines(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(
        "事故率控制在&lt;0.5%，加大R&amp;D投入，开展&#8220;法律进社区&#8221;活动，开展&ldquo;零事故&rdquo;创建。\n"
        "全年召开党组会议3次，[]{#_GoBack .anchor}制定工作要点，落实&nbsp;任务。\n"
        "法律顾问提出法律意见和建议，\n"
        "\n"
        "　　有效防范了法律风险。\n",
        encoding="utf-8",
    )
    run_lzlint(["--fix", "--select", "A501,A503,P601", str(target)])
    # Written by hand: an entity is the character it stands for; residue and spacing entities go;
    # the sentence broken by an empty line is one line again, without the next line's indent.
    assert target.read_text(encoding="utf-8") == (
        "事故率控制在<0.5%，加大R&D投入，开展“法律进社区”活动，开展“零事故”创建。\n"
        "全年召开党组会议3次，制定工作要点，落实任务。\n"
        "法律顾问提出法律意见和建议，有效防范了法律风险。\n"
    )


def test_fix_follows_a_symlink_and_leaves_hard_linked_and_read_only_files(tmp_path: Path) -> None:
    bad = "[bookmark: _GoBack]（一）加强组织领导。\n"
    good = "（一）加强组织领导。\n"
    (tmp_path / "target.txt").write_text(bad, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("target.txt")
    (tmp_path / "h1.txt").write_text(bad, encoding="utf-8")
    os.link(tmp_path / "h1.txt", tmp_path / "h2.txt")
    locked = tmp_path / "locked.txt"
    locked.write_text(bad, encoding="utf-8")
    locked.chmod(0o444)
    result = run_lzlint(["--fix", "--select", "A501", "link.txt", "h1.txt", "locked.txt"], cwd=tmp_path)
    # The link stays a link and the report it points to is fixed.
    assert (tmp_path / "link.txt").is_symlink() and (tmp_path / "target.txt").read_text(encoding="utf-8") == good
    # A hard-linked file is left alone, both names still one file: a rename would part them and
    # writing in place could cut the file on a full disk.
    assert (tmp_path / "h2.txt").read_text(encoding="utf-8") == bad and os.path.samefile(tmp_path / "h1.txt", tmp_path / "h2.txt")
    assert "lzlint: note: h1.txt: has 2 hard links; lzlint does not fix it" in result.stderr
    # A read-only file is left alone, said so, and its finding still counts; the link's target was fixed.
    assert locked.read_text(encoding="utf-8") == bad and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert "lzlint: note: locked.txt: is read-only; lzlint does not fix it (make it writable first)\n" in result.stderr
    assert "Fixed 1 finding." in result.stderr and result.returncode == 1

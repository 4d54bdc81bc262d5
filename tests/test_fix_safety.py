"""--fix and -o never lose a byte: a full disk, a file changed meanwhile, a failed write."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from lzlint.run.config import Settings
from lzlint.run.fix import fix_file

BAD = "[bookmark: _GoBack]（一）加强组织领导。\n二、全面推进依法行政，最后一段不能丢。\n"


def _no_space(*_: Any) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def _a501(pack):  # type: ignore[no-untyped-def]
    return [r for r in pack if r.code == "A501"]


def test_full_disk_during_fix_leaves_the_file_whole_and_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    # The disk fills when the new content is flushed: the rename never happens.
    monkeypatch.setattr("lzlint.run.fix.os.fsync", _no_space)
    outcome = fix_file(target, _a501(pack), vocabulary, Settings(root=tmp_path), write=True, unsafe=False)
    assert target.read_text(encoding="utf-8") == BAD
    assert outcome.result.error is not None and "No space left on device" in outcome.result.error
    assert "left as it was" in outcome.result.error
    assert _leftovers(tmp_path, {"r.txt"}) == []  # no temporary file remains


def test_full_disk_while_writing_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    real_mkstemp = tempfile.mkstemp

    def short_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        fd, name = real_mkstemp(*args, **kwargs)
        os.close(fd)
        # /dev/full answers every write with ENOSPC, as a full disk does.
        return os.open("/dev/full", os.O_WRONLY), name

    monkeypatch.setattr("lzlint.run.fix.tempfile.mkstemp", short_mkstemp)
    outcome = fix_file(target, _a501(pack), vocabulary, Settings(root=tmp_path), write=True, unsafe=False)
    assert target.read_text(encoding="utf-8") == BAD
    assert outcome.result.error is not None and "cannot write the fixed file" in outcome.result.error
    assert _leftovers(tmp_path, {"r.txt"}) == []


def test_failed_fix_write_exits_2_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from lzlint import cli

    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("lzlint.run.fix.os.fsync", _no_space)
    monkeypatch.setattr("sys.argv", ["lzlint", "--fix", "--no-cache", "--select", "A501", "r.txt"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "lzlint: error: r.txt: cannot write the fixed file, left as it was: No space left on device\n" in err
    assert "Traceback" not in err and target.read_text(encoding="utf-8") == BAD


def test_a_file_changed_after_reading_is_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    import lzlint.run.fix as fix

    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    appended = BAD + "三、用户在 lzlint 修改期间新加的一段。\n"
    real_fix_source = fix.fix_source

    def user_appends_meanwhile(*args: Any, **kwargs: Any) -> Any:
        outcome = real_fix_source(*args, **kwargs)
        with target.open("a", encoding="utf-8") as out:
            out.write("三、用户在 lzlint 修改期间新加的一段。\n")
        return outcome

    monkeypatch.setattr(fix, "fix_source", user_appends_meanwhile)
    outcome = fix_file(target, _a501(pack), vocabulary, Settings(root=tmp_path), write=True, unsafe=False)
    assert target.read_text(encoding="utf-8") == appended
    assert outcome.result.error == "%s: changed since lzlint read it; not rewritten, so that nothing added meanwhile is lost (run lzlint --fix again)" % target


def test_a_same_size_edit_within_the_same_mtime_is_caught_by_the_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    import lzlint.run.fix as fix

    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    edited = BAD.replace("最后", "末尾")  # same length in UTF-8
    real_fix_source = fix.fix_source

    def same_size_edit(*args: Any, **kwargs: Any) -> Any:
        outcome = real_fix_source(*args, **kwargs)
        status = target.stat()
        target.write_text(edited, encoding="utf-8")
        os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))  # a coarse clock: same time
        return outcome

    monkeypatch.setattr(fix, "fix_source", same_size_edit)
    outcome = fix_file(target, _a501(pack), vocabulary, Settings(root=tmp_path), write=True, unsafe=False)
    assert target.read_text(encoding="utf-8") == edited
    assert outcome.result.error is not None and "changed since lzlint read it" in outcome.result.error


def test_an_unchanged_file_is_still_fixed(tmp_path: Path, pack, vocabulary) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "r.txt"
    target.write_text(BAD, encoding="utf-8")
    target.chmod(0o640)
    outcome = fix_file(target, _a501(pack), vocabulary, Settings(root=tmp_path), write=True, unsafe=False)
    assert outcome.result.error is None
    assert target.read_text(encoding="utf-8") == BAD.replace("[bookmark: _GoBack]", "")
    assert target.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path, {"r.txt"}) == []


def test_output_file_on_a_full_disk_keeps_the_old_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lzlint.errors import LzlintError
    from lzlint.outputs.output_file import write_output

    out = tmp_path / "report.txt"
    out.write_text("上一次的完整输出\n", encoding="utf-8")
    monkeypatch.setattr("lzlint.outputs.output_file.os.fsync", _no_space)
    with pytest.raises(LzlintError, match="cannot write: No space left on device"):
        write_output(out, "新的输出\n" * 1000)
    assert out.read_text(encoding="utf-8") == "上一次的完整输出\n"
    assert _leftovers(tmp_path, {"report.txt"}) == []


def test_output_file_is_replaced_whole_with_a_usual_mode(tmp_path: Path) -> None:
    from lzlint.outputs.output_file import write_output

    out = tmp_path / "new" / "report.txt"
    write_output(out, "第一行\n第二行\n")
    assert out.read_bytes() == "第一行\n第二行\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # as a shell redirection makes it, not private
    write_output(out, "短\n")
    assert out.read_bytes() == "短\n".encode()
    assert _leftovers(out.parent, {"report.txt"}) == []


def test_output_to_a_device_is_written_directly(tmp_path: Path) -> None:
    from lzlint.outputs.output_file import write_output

    write_output(Path(os.devnull), "不落盘\n")  # no temporary file beside /dev/null, no rename over it
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()

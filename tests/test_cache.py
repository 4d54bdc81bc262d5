"""The findings cache: never changes output, invalidated by any change that matters."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import stat
import zlib
from pathlib import Path
from typing import Any

import pytest

from lzlint.diagnostic import Diagnostic, Fix, Replacement
from lzlint.run.cache import ResultCache
from lzlint.run.findings import Findings
from lzlint.sources import Source
from tests.conftest import SEEDS, run_lzlint

RULE = """code: Z901
name: demo-word
severity: warning
check: pattern
params:
  patterns: ['示范词']
message: 出现示范词“{match}”。
description: A rule for the cache tests.
examples:
  bad: ["这是示范词。"]
  good: ["这是普通词。"]
"""


def _entries(cache_dir: Path) -> list[Path]:
    """The entries of the reports, not the folder's one (lzlint.folder; its meta lists "files")."""
    return sorted(p for p in cache_dir.rglob("*.entry") if not _is_folder_entry(p))


def _is_folder_entry(path: Path) -> bool:
    meta_line = path.read_bytes().split(b"\n", 2)[1]
    try:
        return "files" in json.loads(meta_line)
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own user cache directory, where lzlint keeps the key of its entries."""
    home = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def _key() -> bytes:
    return (Path(os.environ["XDG_CACHE_HOME"]) / "lzlint" / "key").read_bytes()


def _sign(body: bytes, key: bytes | None = None) -> bytes:
    return b"lzlint-cache " + hmac.new(key or _key(), body, hashlib.sha256).hexdigest().encode()


# The entry layout of lzlint/run/cache.py, written out again here so that the
# tests can read and forge entries: header with the HMAC-SHA256 of the rest
# under the user's key, meta JSON, rows JSON, the digest for the folder
# checks (JSON, or empty), parts.
def _read_entry(entry: Path) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    data = entry.read_bytes()
    header, meta_line, rows, digest, tail = data.split(b"\n", 4)
    assert header == _sign(data[len(header) + 1 :])
    meta = json.loads(meta_line)
    meta["digest line"] = digest  # kept for _write_entry
    parts, start = {}, 0
    for key, length in meta["parts"].items():
        parts[key] = tail[start : start + length].decode("utf-8")
        start += length
    assert start == len(tail)
    return meta, json.loads(rows), parts


def _write_entry(entry: Path, meta: dict[str, Any], rows: list[Any], parts: dict[str, str], key: bytes | None = None) -> None:
    """Write an entry as lzlint would with `key` (default: the user's key, as if lzlint wrote it)."""
    encoded = {k: v.encode("utf-8") for k, v in parts.items()}
    meta = {**meta, "parts": {k: len(v) for k, v in encoded.items()}}
    digest = meta.pop("digest line", b"")
    body = (json.dumps(meta) + "\n" + json.dumps(rows) + "\n").encode("utf-8") + digest + b"\n" + b"".join(encoded.values())
    entry.write_bytes(_sign(body, key) + b"\n" + body)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    return folder


def test_cache_never_changes_the_output(tmp_path: Path) -> None:
    _folder(tmp_path)
    run_lzlint(["--no-cache", "reports"], cwd=tmp_path)
    assert not (tmp_path / ".lzlint_cache").exists()
    for fmt in ("text", "json"):
        plain = run_lzlint(["--no-cache", "--format", fmt, "reports"], cwd=tmp_path)
        cold = run_lzlint(["--format", fmt, "reports"], cwd=tmp_path)
        warm = run_lzlint(["--format", fmt, "reports"], cwd=tmp_path)
        assert plain.returncode == cold.returncode == warm.returncode == 1
        assert plain.stdout == cold.stdout == warm.stdout
        assert warm.stderr == ""
    # One entry per report and format-independent: the json run reused them;
    # and one for the folder (its folder findings: none among the seeds).
    assert len(_entries(tmp_path / ".lzlint_cache")) == 5
    assert len(list((tmp_path / ".lzlint_cache").rglob("*.entry"))) == 6
    assert (tmp_path / ".lzlint_cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_cached_findings_are_the_ones_read_back(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    run_lzlint(["--format", "concise", "reports"], cwd=tmp_path)
    # Forge every entry's findings: a warm run in another format, which must
    # render them afresh, prints the forged message.
    for entry in _entries(tmp_path / ".lzlint_cache"):
        meta, rows, parts = _read_entry(entry)
        assert list(parts) == ["concise"]
        for row in rows:
            row[6] = "FROM-CACHE"  # the message
        _write_entry(entry, meta, rows, parts)
    assert "FROM-CACHE" in run_lzlint(["--format", "json-lines", "reports"], cwd=tmp_path).stdout
    assert "FROM-CACHE" not in run_lzlint(["--no-cache", "--format", "json-lines", "reports"], cwd=tmp_path).stdout
    assert folder.is_dir()


def test_each_format_part_is_cached_and_printed_as_is(tmp_path: Path) -> None:
    _folder(tmp_path)
    plain = run_lzlint(["--no-cache", "--format", "concise", "reports"], cwd=tmp_path).stdout
    run_lzlint(["--format", "concise", "reports"], cwd=tmp_path)
    run_lzlint(["--format", "text", "reports"], cwd=tmp_path)
    entries = _entries(tmp_path / ".lzlint_cache")
    parts = [_read_entry(e)[2] for e in entries]
    assert all(set(p) == {"concise", "text"} for p in parts)
    # Each concise part is one file's lines of the whole output, all of them.
    by_file = {p["concise"].split(":", 1)[0]: p["concise"] for p in parts}
    assert len(by_file) == 5
    assert "".join(by_file[name] for name in sorted(by_file)) == plain
    # Forge a part: a warm run prints it as stored, without rendering the findings.
    meta, rows, first = _read_entry(entries[0])
    _write_entry(entries[0], meta, rows, {**first, "concise": "FORGED PART\n"})
    warm = run_lzlint(["--format", "concise", "reports"], cwd=tmp_path).stdout
    assert warm == plain.replace(first["concise"], "FORGED PART\n")


def test_parts_with_and_without_colour_are_kept_apart(tmp_path: Path) -> None:
    _folder(tmp_path)
    for colour in ("--color", "--no-color"):
        plain = run_lzlint(["--no-cache", colour, "reports"], cwd=tmp_path)
        cold = run_lzlint([colour, "reports"], cwd=tmp_path)
        warm = run_lzlint([colour, "reports"], cwd=tmp_path)
        assert plain.stdout == cold.stdout == warm.stdout
    assert ("\x1b[" in run_lzlint(["--color", "reports"], cwd=tmp_path).stdout) is True
    assert set(_read_entry(_entries(tmp_path / ".lzlint_cache")[0])[2]) == {"text", "text+color"}


def test_changed_file_is_linted_again(tmp_path: Path) -> None:
    report = tmp_path / "a.txt"
    report.write_text("（一）加强组织领导。\n", encoding="utf-8")
    assert run_lzlint(["--format", "json", "--select", "A501", "a.txt"], cwd=tmp_path).stdout.strip() == "[]"
    report.write_text("[bookmark: _GoBack]（一）加强组织领导。\n", encoding="utf-8")
    findings = json.loads(run_lzlint(["--format", "json", "--select", "A501", "a.txt"], cwd=tmp_path).stdout)
    assert [(f["code"], f["line"], f["column"], f["end_column"]) for f in findings] == [("A501", 1, 1, 20)]


def test_changed_rule_or_severity_is_linted_again(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    rule = tmp_path / "rules" / "Z901.yaml"
    rule.write_text(RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("这是示范词。\n", encoding="utf-8")
    args = ["--format", "concise", "--no-default-rules", "--rules", "rules", "a.txt"]
    assert "出现示范词“示范词”。" in run_lzlint(args, cwd=tmp_path).stdout
    rule.write_text(RULE.replace("出现示范词", "又见示范词"), encoding="utf-8")
    assert "又见示范词“示范词”。" in run_lzlint(args, cwd=tmp_path).stdout
    (tmp_path / ".lzlint.yaml").write_text("severity: {Z901: error}\n", encoding="utf-8")
    result = run_lzlint(["--format", "json", *args[2:]], cwd=tmp_path)
    assert [f["severity"] for f in json.loads(result.stdout)] == ["error"]
    assert result.returncode == 1


def test_per_file_ignores_apply_to_cached_findings(tmp_path: Path) -> None:
    _folder(tmp_path)
    first = json.loads(run_lzlint(["--format", "json", "reports"], cwd=tmp_path).stdout)
    assert any(f["code"] == "A501" for f in first)
    text_all = run_lzlint(["reports"], cwd=tmp_path).stdout
    assert " A501 " in text_all
    (tmp_path / ".lzlint.yaml").write_text('per-file-ignores:\n  "reports/*.txt": [A501]\n', encoding="utf-8")
    second = json.loads(run_lzlint(["--format", "json", "reports"], cwd=tmp_path).stdout)
    assert second == [f for f in first if f["code"] != "A501"]
    # The cached text parts show A501: they must not be printed for these files.
    expected = run_lzlint(["--no-cache", "reports"], cwd=tmp_path).stdout
    for _ in range(2):
        warm = run_lzlint(["reports"], cwd=tmp_path).stdout
        assert warm == expected and " A501 " not in warm


def test_baseline_filters_cached_findings(tmp_path: Path) -> None:
    _folder(tmp_path)
    run_lzlint(["--no-cache", "--write-baseline", "base.json", "reports/000_01a9da65d0d1e63d.txt"], cwd=tmp_path)
    run_lzlint(["reports"], cwd=tmp_path)
    expected = run_lzlint(["--no-cache", "--baseline", "base.json", "reports"], cwd=tmp_path)
    warm = run_lzlint(["--baseline", "base.json", "reports"], cwd=tmp_path)
    assert (warm.stdout, warm.returncode) == (expected.stdout, expected.returncode)
    assert "reports/000_01a9da65d0d1e63d.txt:" not in warm.stdout and "reports/001_" in warm.stdout


def test_corrupt_entries_are_ignored(tmp_path: Path) -> None:
    _folder(tmp_path)
    expected = run_lzlint(["--no-cache", "reports"], cwd=tmp_path)
    run_lzlint(["reports"], cwd=tmp_path)
    entries = _entries(tmp_path / ".lzlint_cache")
    entries[0].write_bytes(b"\xff not an entry")
    # One changed byte after the header: the HMAC no longer matches.
    data = bytearray(entries[1].read_bytes())
    data[data.index(b"\n") + 10] ^= 1
    entries[1].write_bytes(bytes(data))
    meta, rows, parts = _read_entry(entries[2])
    _write_entry(entries[2], {**meta, "key": "other"}, rows, parts)
    meta, rows, parts = _read_entry(entries[3])
    _write_entry(entries[3], {**meta, "tally": {"rules": [["A501", "n", "fatal", 1]], "fixable": 0}}, rows, parts)
    entries[4].write_bytes(entries[4].read_bytes()[:-5])  # cut short
    again = run_lzlint(["reports"], cwd=tmp_path)
    assert (again.stdout, again.stderr, again.returncode) == (expected.stdout, "", expected.returncode)


@pytest.mark.parametrize("damage", ["bad row", "tally mismatch"])
def test_damaged_findings_behind_a_good_checksum_are_one_error_and_removed(tmp_path: Path, damage: str) -> None:
    """Written so by something else than lzlint: found only when the findings are read."""
    _folder(tmp_path)
    expected = run_lzlint(["--no-cache", "--format", "json", "reports"], cwd=tmp_path)
    run_lzlint(["--format", "json", "reports"], cwd=tmp_path)
    entry = _entries(tmp_path / ".lzlint_cache")[0]
    meta, rows, parts = _read_entry(entry)
    if damage == "bad row":
        rows[0][1] = "7"  # a string line number
    else:
        rows.pop()
    _write_entry(entry, meta, rows, parts)
    damaged = run_lzlint(["--format", "json", "reports"], cwd=tmp_path)
    assert damaged.returncode == 2 and damaged.stdout == ""
    assert damaged.stderr == f"lzlint: error: {entry.relative_to(tmp_path)}: damaged cache entry, now removed; run lzlint again (or use --no-cache)\n"
    assert not entry.exists()
    again = run_lzlint(["--format", "json", "reports"], cwd=tmp_path)
    assert (again.stdout, again.returncode) == (expected.stdout, expected.returncode)


def test_stdin_is_never_cached_and_cache_dir_is_honoured(tmp_path: Path) -> None:
    text = SEEDS.joinpath(next(SEEDS.glob("000_*.txt")).name).read_bytes()
    result = run_lzlint(["--cache-dir", "elsewhere", "-"], cwd=tmp_path, stdin=text)
    assert result.returncode == 1
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / ".lzlint_cache").exists()
    (tmp_path / "a.txt").write_bytes(text)
    run_lzlint(["--cache-dir", "elsewhere", "a.txt"], cwd=tmp_path)
    assert len(_entries(tmp_path / "elsewhere")) == 1
    assert not (tmp_path / ".lzlint_cache").exists()


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file where the cache directory would go", encoding="utf-8")
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "a.txt")
    result = run_lzlint(["--cache-dir", "blocker", "--format", "concise", "a.txt"], cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == ""
    assert "a.txt:16:" in result.stdout


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    fix = Fix((Replacement(7, 1, 7, 21, ""), Replacement(8, 2, 9, 1, "。")))
    unsafe = Fix((Replacement(9, 3, 9, 6, "（一）"),), unsafe=True)
    found = (
        Diagnostic("a.txt", 7, 1, "A501", "conversion-artifact", "error", "残留", 7, 21, fix),
        Diagnostic("a.txt", 9, 3, "N204", "malformed-marker", "warning", "括号", 9, 6, unsafe),
    )
    notes = ("text, encoding UTF-8", "report year 2024, from the title (line 1)")
    cache = ResultCache(tmp_path / "c", "fingerprint")
    source = Source("a.txt", "文本", "utf-8")
    assert cache.load(source) is None
    parts = {"text": "第一行\n第二行“引号”\n", "concise": ""}
    cache.store(source, Findings(found, parts=parts), notes)
    loaded = cache.load(source)
    assert loaded is not None
    assert loaded == (found, notes, ())  # fields, fixes, the unsafe mark and --verbose notes
    assert loaded[0].parts == parts and loaded[0].tally == Findings(found).tally


def test_key_covers_path_text_and_rules() -> None:
    cache = ResultCache(Path("unused"), "fingerprint")
    same = cache.key(Source("a.txt", "文本", "utf-8"))
    assert same == cache.key(Source("a.txt", "文本", "utf-8"))
    assert same != cache.key(Source("b.txt", "文本", "utf-8"))
    assert same != cache.key(Source("a.txt", "文本。", "utf-8"))
    assert same != ResultCache(Path("unused"), "other rules").key(Source("a.txt", "文本", "utf-8"))


def test_github_parts_hold_only_for_the_directory_they_were_rendered_in(tmp_path: Path) -> None:
    """github names files relative to the working directory; a shared cache must not mix them up."""
    folder = _folder(tmp_path)
    (tmp_path / "sub").mkdir()
    args = ["--cache-dir", str(tmp_path / "cache"), "--format", "github", str(folder)]
    from_root = run_lzlint(args, cwd=tmp_path).stdout
    from_sub = run_lzlint(args, cwd=tmp_path / "sub").stdout
    assert from_root == run_lzlint(["--no-cache", *args[2:]], cwd=tmp_path).stdout
    assert from_sub == run_lzlint(["--no-cache", *args[2:]], cwd=tmp_path / "sub").stdout
    assert "file=reports/000_" in from_root and f"file={folder}/000_" in from_sub
    keys = set(_read_entry(_entries(tmp_path / "cache")[0])[2])
    assert keys == {f"github@{tmp_path}", f"github@{tmp_path / 'sub'}"}


def test_an_entry_not_written_with_this_users_key_is_a_miss(tmp_path: Path) -> None:
    """A forged entry (findings emptied, checksum recomputed) must not let a failing report pass."""
    _folder(tmp_path)
    expected = run_lzlint(["--no-cache", "--format", "concise", "reports"], cwd=tmp_path)
    assert expected.returncode == 1
    run_lzlint(["--format", "concise", "reports"], cwd=tmp_path)
    for entry in _entries(tmp_path / ".lzlint_cache"):
        meta, _, _ = _read_entry(entry)
        empty = {**meta, "tally": {"rules": [], "fixable": 0, "unsafe_fixable": 0}}
        _write_entry(entry, empty, [], {"concise": ""}, key=b"k" * 32)  # another machine's key
    forged = run_lzlint(["--format", "concise", "reports"], cwd=tmp_path)
    assert (forged.stdout, forged.returncode) == (expected.stdout, 1)
    # The old CRC-32 header, recomputed over the forged body, is no better.
    for entry in _entries(tmp_path / ".lzlint_cache"):
        body = entry.read_bytes().split(b"\n", 1)[1]
        entry.write_bytes(b"lzlint-cache %08x\n" % zlib.crc32(body) + body)
    crc = run_lzlint(["--format", "concise", "reports"], cwd=tmp_path)
    assert (crc.stdout, crc.returncode) == (expected.stdout, 1)


def test_the_key_is_private_and_outside_the_repository(tmp_path: Path, user_cache: Path) -> None:
    shutil.copy(next(SEEDS.glob("000_*.txt")), tmp_path / "a.txt")
    run_lzlint(["a.txt"], cwd=tmp_path)
    key = user_cache / "lzlint" / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    assert not any("key" in p.name for p in (tmp_path / ".lzlint_cache").rglob("*"))
    # A key others can read is not trusted: the cache is then not used, and nothing fails.
    key.chmod(0o644)
    again = run_lzlint(["--format", "concise", "a.txt"], cwd=tmp_path)
    assert again.returncode == 1 and again.stderr == "" and "a.txt:16:" in again.stdout


@pytest.mark.parametrize("planted", ["symlink", "fifo", "huge"])
def test_only_bounded_regular_files_are_read_from_the_cache(tmp_path: Path, planted: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import lzlint.run.cache as cache_module

    source = Source("a.txt", "文本", "utf-8")
    cache = ResultCache(tmp_path / "c", "fingerprint")
    cache.store(source, Findings((), parts={"concise": "x\n"}))
    entry = _entries(tmp_path / "c")[0]
    assert cache.load(source) is not None
    good = entry.read_bytes()
    entry.unlink()
    if planted == "symlink":
        (tmp_path / "elsewhere").write_bytes(good)  # even a valid entry, reached through a link
        entry.symlink_to(tmp_path / "elsewhere")
    elif planted == "fifo":
        os.mkfifo(entry)  # opening it for reading would block for ever
    else:
        entry.write_bytes(good)
        monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", len(good) - 1)
    assert cache.load(source) is None


def test_a_full_disk_on_first_use_leaves_no_empty_gitignore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lzlint import __version__

    source = Source("a.txt", "文本", "utf-8")
    cache = ResultCache(tmp_path / "c", "fingerprint", key=b"k" * 32)
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, *args: Any, **kwargs: Any) -> None:
            self._file = real_fdopen(fd, *args, **kwargs)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("lzlint.run.cache.os.fdopen", FullDisk)
    cache.store(source, Findings(()))  # not an error
    assert not (tmp_path / "c" / ".gitignore").exists() and not (tmp_path / "c" / __version__).exists()
    monkeypatch.setattr("lzlint.run.cache.os.fdopen", real_fdopen)
    cache.store(source, Findings(()))  # room again: the markers are written this time
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert cache.load(source) is not None


def test_fingerprint_tells_long_patterns_apart(tmp_path: Path) -> None:
    """repr() of a compiled pattern cuts it at 200 characters: a change after that must still count."""
    from lzlint.ruleset.rules import default_rules_dir, load_rules
    from lzlint.run.cache import rules_fingerprint

    rule_dir = tmp_path / "rules"
    rule_dir.mkdir()
    (rule_dir / "Z901.yaml").write_text(RULE, encoding="utf-8")
    rule = load_rules([rule_dir])[0]
    long_a = "示范" * 150 + "甲"
    long_b = "示范" * 150 + "乙"
    first = rule.with_params({"patterns": [long_a]}, "test")
    second = rule.with_params({"patterns": [long_b]}, "test")
    assert repr(first.params["patterns"]) == repr(second.params["patterns"])  # the old fingerprint's blind spot
    lexicon = default_rules_dir() / "lexicon"
    assert rules_fingerprint([rule_dir], lexicon, [first], "jieba") != rules_fingerprint([rule_dir], lexicon, [second], "jieba")


def test_verbose_note_of_a_cached_file_says_how_it_was_read_this_time(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("（一）加强组织领导，推进依法行政工作。全面落实法治政府建设责任。\n".encode("gb18030") * 5)
    detected = run_lzlint(["-v", "gbk.txt"], cwd=tmp_path)
    assert "(--encoding)" not in detected.stderr and "GB18030" in detected.stderr
    named = run_lzlint(["-v", "--encoding", "gb18030", "gbk.txt"], cwd=tmp_path)
    assert "(--encoding)" in named.stderr


def test_units_round_trip_and_an_entry_without_them_is_a_miss(tmp_path: Path) -> None:
    from lzlint.folder.units import ReportUnit

    units = (ReportUnit("柳河镇人民政府", "柳河镇", "title", 2, 0, 7), ReportUnit("柳河镇", "柳河镇", "filename"))
    cache = ResultCache(tmp_path / "c", "fingerprint")
    source = Source("a.txt", "文本", "utf-8")
    cache.store(source, Findings(()), ("note",), units)
    loaded = cache.load(source)
    assert loaded is not None and loaded[2] == units
    # An entry of a version that kept no units must be linted again, not read as a report of no unit.
    entry = next((tmp_path / "c").rglob("*.entry"))
    meta, rows, parts = _read_entry(entry)
    _write_entry(entry, meta, rows, parts)  # signed again as it was: still a hit
    assert cache.load(source) is not None
    _write_entry(entry, {k: v for k, v in meta.items() if k != "units"}, rows, parts)
    assert cache.load(source) is None

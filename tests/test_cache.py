"""The findings cache: never changes output, invalidated by any change that matters."""

from __future__ import annotations

import json
import shutil
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
    return sorted(cache_dir.rglob("*.entry"))


# The entry layout of lzlint/run/cache.py, written out again here so that the
# tests can read and forge entries: header with CRC-32, meta JSON, rows JSON, parts.
def _read_entry(entry: Path) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    data = entry.read_bytes()
    header, meta_line, rows, tail = data.split(b"\n", 3)
    assert header == b"lzlint-cache %08x" % zlib.crc32(data[len(header) + 1 :])
    meta = json.loads(meta_line)
    parts, start = {}, 0
    for key, length in meta["parts"].items():
        parts[key] = tail[start : start + length].decode("utf-8")
        start += length
    assert start == len(tail)
    return meta, json.loads(rows), parts


def _write_entry(entry: Path, meta: dict[str, Any], rows: list[Any], parts: dict[str, str]) -> None:
    encoded = {k: v.encode("utf-8") for k, v in parts.items()}
    meta = {**meta, "parts": {k: len(v) for k, v in encoded.items()}}
    body = (json.dumps(meta) + "\n" + json.dumps(rows) + "\n").encode("utf-8") + b"".join(encoded.values())
    entry.write_bytes(b"lzlint-cache %08x\n" % zlib.crc32(body) + body)


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
    # One entry per report and format-independent: the json run reused them.
    assert len(_entries(tmp_path / ".lzlint_cache")) == 5
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
    # One changed byte after the header: the checksum no longer matches.
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
    assert loaded == (found, notes)  # fields, fixes, the unsafe mark and --verbose notes
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

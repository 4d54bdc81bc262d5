"""The findings cache: never changes output, invalidated by any change that matters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from lzlint.cache import ResultCache
from lzlint.diagnostic import Diagnostic, Fix, Replacement
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
    return sorted(cache_dir.rglob("*.json"))


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
    run_lzlint(["reports"], cwd=tmp_path)
    # Forge every entry's message: a warm run that prints it read the cache.
    for entry in _entries(tmp_path / ".lzlint_cache"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        for row in data["rows"]:
            row[6] = "FROM-CACHE"  # the message
        entry.write_text(json.dumps(data), encoding="utf-8")
    assert "FROM-CACHE" in run_lzlint(["--format", "concise", "reports"], cwd=tmp_path).stdout
    assert "FROM-CACHE" not in run_lzlint(["--no-cache", "--format", "concise", "reports"], cwd=tmp_path).stdout
    assert folder.is_dir()


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
    (tmp_path / ".lzlint.yaml").write_text('per-file-ignores:\n  "reports/*.txt": [A501]\n', encoding="utf-8")
    second = json.loads(run_lzlint(["--format", "json", "reports"], cwd=tmp_path).stdout)
    assert second == [f for f in first if f["code"] != "A501"]


def test_corrupt_entries_are_ignored(tmp_path: Path) -> None:
    _folder(tmp_path)
    expected = run_lzlint(["--no-cache", "reports"], cwd=tmp_path)
    run_lzlint(["reports"], cwd=tmp_path)
    entries = _entries(tmp_path / ".lzlint_cache")
    entries[0].write_bytes(b"\xff not json")
    entries[1].write_text('{"key": "other", "rows": []}', encoding="utf-8")
    entries[2].write_text('{"key": "%s", "rows": [[1, 2]]}' % entries[2].stem, encoding="utf-8")
    row = '["a.txt", "7", 1, "A501", "n", "error", "m", 7, 21, null]'  # a string line number
    entries[3].write_text('{"key": "%s", "rows": [%s]}' % (entries[3].stem, row), encoding="utf-8")
    entries[4].write_text("[]", encoding="utf-8")
    again = run_lzlint(["reports"], cwd=tmp_path)
    assert (again.stdout, again.stderr, again.returncode) == (expected.stdout, "", expected.returncode)


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
    cache.store(source, found, notes)
    loaded = cache.load(source)
    assert loaded is not None
    assert loaded == (found, notes)  # fields, fixes, the unsafe mark and --verbose notes


def test_key_covers_path_text_and_rules() -> None:
    cache = ResultCache(Path("unused"), "fingerprint")
    same = cache.key(Source("a.txt", "文本", "utf-8"))
    assert same == cache.key(Source("a.txt", "文本", "utf-8"))
    assert same != cache.key(Source("b.txt", "文本", "utf-8"))
    assert same != cache.key(Source("a.txt", "文本。", "utf-8"))
    assert same != ResultCache(Path("unused"), "other rules").key(Source("a.txt", "文本", "utf-8"))

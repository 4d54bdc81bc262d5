"""The shipped pre-commit hook, run by the real pre-commit in a scratch repository.

pre-commit installs the hook repository (a snapshot of this working tree,
committed in a temporary clone) into its own virtualenv from PyPI; without
network for that install the test is skipped, with the reason. Deselect it
with `-m "not network"`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLEAN_REPORT as CLEAN
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.network

SEED_000 = next(SEEDS.glob("000_*.txt"))
# The same report with a half-width bracket: N204, a warning and nothing worse.
WARNING_ONLY = CLEAN.replace("（一）加强", "(一）加强")

_NO_NETWORK = (
    "Could not find a version that satisfies",
    "No matching distribution found",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "Max retries exceeded",
    "ProxyError",
)


def _pre_commit() -> str | None:
    return shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")


def _git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=lzlint tests", "-c", "user.email=tests@lzlint.invalid", "-c", "commit.gpgsign=false", *args]
    return subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True).stdout


def _snapshot(destination: Path) -> str:
    """Commit the files of this working tree (tracked and new, not ignored) in a new repository."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(destination, "init", "-q")
    _git(destination, "add", "-A")
    _git(destination, "commit", "-q", "-m", "snapshot for the pre-commit test")
    return _git(destination, "rev-parse", "HEAD").strip()


def _config(hook_repo: Path, rev: str, extra: str = "") -> str:
    return f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: lzlint\n{extra}"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], str, Path]:
    """A drafts repository whose pre-commit config names this tree's hook, installed."""
    pre_commit = _pre_commit()
    if shutil.which("git") is None or pre_commit is None:
        pytest.skip("git or pre-commit is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no tree to snapshot for pre-commit")
    base = tmp_path_factory.mktemp("pre-commit")
    hook_repo = base / "hook"
    hook_repo.mkdir()
    rev = _snapshot(hook_repo)
    repo = base / "drafts"
    repo.mkdir()
    (repo / "bad.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "warning.txt").write_text(WARNING_ONLY, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(_config(hook_repo, rev), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "drafts")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # In English like every test (the msgids): this module-wide fixture runs before conftest's per-test LZLINT_LANG.
    env.update(PRE_COMMIT_HOME=str(base / "pre-commit-home"), NO_COLOR="1", LZLINT_LANG="en")
    installed = subprocess.run([pre_commit, "install-hooks"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    if installed.returncode != 0:
        log = installed.stdout + installed.stderr
        log_file = base / "pre-commit-home" / "pre-commit.log"
        if log_file.is_file():
            log += log_file.read_text(encoding="utf-8", errors="replace")
        if any(sign in log for sign in _NO_NETWORK):
            pytest.skip("pre-commit could not install the hook's packages (no network for PyPI?)")
        pytest.fail(f"pre-commit install-hooks failed:\n{log}")
    return repo, env, pre_commit, hook_repo


def _run(drafts: tuple[Path, dict[str, str], str, Path], *files: str) -> subprocess.CompletedProcess[str]:
    repo, env, pre_commit, _ = drafts
    return subprocess.run([pre_commit, "run", "--files", *files], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_hook_fails_on_a_bad_report_and_shows_the_findings(drafts: tuple[Path, dict[str, str], str, Path]) -> None:
    result = _run(drafts, "bad.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    # 000 line 16: 调解成功75宗 of 80 is not 95% (Q301); line 7: a [bookmark: …] (A501).
    assert "bad.txt:16:" in result.stdout and "Q301" in result.stdout
    assert "bad.txt:7:" in result.stdout and "A501" in result.stdout
    # lzlint is not on the user's PATH under pre-commit: the advice names the fix hook (000: 4 safe fixes).
    assert "4 fixable: pre-commit run lzlint-fix --files bad.txt (needs the lzlint-fix hook" in result.stdout
    assert "fixable with --fix" not in result.stdout


def test_hook_passes_on_a_clean_report(drafts: tuple[Path, dict[str, str], str, Path]) -> None:
    result = _run(drafts, "clean.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_warnings_need_verbose_or_fail_on_warning(drafts: tuple[Path, dict[str, str], str, Path]) -> None:
    repo, _, _, hook_repo = drafts
    config = repo / ".pre-commit-config.yaml"
    rev = config.read_text(encoding="utf-8").split("rev: ")[1].split()[0]
    hidden = _run(drafts, "warning.txt")
    assert hidden.returncode == 0 and "N204" not in hidden.stdout
    try:
        config.write_text(_config(hook_repo, rev, "        verbose: true\n"), encoding="utf-8")
        shown = _run(drafts, "warning.txt")
        assert shown.returncode == 0 and "warning.txt:5:1: N204" in shown.stdout, shown.stdout
        config.write_text(_config(hook_repo, rev, "        args: [--fail-on, warning]\n"), encoding="utf-8")
        failed = _run(drafts, "warning.txt")
        assert failed.returncode == 1 and "N204" in failed.stdout, failed.stdout
    finally:
        config.write_text(_config(hook_repo, rev), encoding="utf-8")


def test_fix_hook_rewrites_the_draft_and_fails_the_commit(drafts: tuple[Path, dict[str, str], str, Path]) -> None:
    repo, _, _, hook_repo = drafts
    config = repo / ".pre-commit-config.yaml"
    rev = config.read_text(encoding="utf-8").split("rev: ")[1].split()[0]
    draft = repo / "fixme.txt"
    assert "。" in CLEAN
    draft.write_text(CLEAN.replace("。", "。。", 1), encoding="utf-8")  # P603, fixable
    _git(repo, "add", "fixme.txt")
    _git(repo, "commit", "-q", "-m", "a draft with a doubled full stop")
    try:
        config.write_text(_config(hook_repo, rev).replace("id: lzlint\n", "id: lzlint-fix\n"), encoding="utf-8")
        result = _run(drafts, "fixme.txt")
        # Nothing is left to report, but pre-commit fails a hook that changed a
        # file, so the author sees the fix and stages it.
        assert result.returncode == 1, result.stdout + result.stderr
        assert "files were modified by this hook" in result.stdout
        assert draft.read_text(encoding="utf-8") == CLEAN
    finally:
        config.write_text(_config(hook_repo, rev), encoding="utf-8")


def test_the_documented_files_pattern_keeps_to_the_hook_file_types() -> None:
    """The recipe's `files:` (README or docs/) must not hand a stamped PDF or a README to the hook."""
    texts = [p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]]
    patterns = [m for text in texts for m in re.findall(r"^\s+files: (\^reports/\S*)", text, re.M)]
    assert patterns, "no pre-commit recipe with files: ^reports/… found"
    for pattern in patterns:
        assert re.search(pattern, "reports/甲镇.txt")
        for other in ("reports/盖章版.pdf", "reports/扫描.jpg", "README.md", "reports/县局.doc"):
            assert not re.search(pattern, other), (pattern, other)

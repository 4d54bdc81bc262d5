"""Shared test helpers: a run's vocabulary, linting a snippet, running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from lzlint.diagnostic import Diagnostic
from lzlint.document import Document, Vocabulary
from lzlint.engine import lint_document
from lzlint.rules import Rule, default_rules_dir, load_rules
from lzlint.selection import select_rules
from lzlint.sources import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "reports"


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    return Vocabulary.load(default_rules_dir() / "lexicon")


@pytest.fixture(scope="session")
def pack() -> tuple[Rule, ...]:
    return load_rules([default_rules_dir()])


@pytest.fixture(scope="session")
def parse(vocabulary: Vocabulary) -> Callable[[str], Document]:
    def _parse(text: str) -> Document:
        return Document.parse(Source("<test>", text, "utf-8"), vocabulary)

    return _parse


@pytest.fixture(scope="session")
def lint(pack: tuple[Rule, ...], parse: Callable[[str], Document]) -> Callable[..., list[Diagnostic]]:
    """lint(text, "Q301,Q302", ignore="S") -> findings of the selected rules on a snippet."""

    def _lint(text: str, select: str = "ALL", ignore: str = "") -> list[Diagnostic]:
        rules = select_rules(pack, select.split(","), ignore=[s for s in ignore.split(",") if s])
        return list(lint_document(parse(text), rules))

    return _lint


def lzlint_executable() -> list[str]:
    """The installed console script, as a new user would run it."""
    found = shutil.which("lzlint", path=os.path.dirname(sys.executable))
    return [found] if found else [sys.executable, "-m", "lzlint"]


def run_lzlint(args: Sequence[str], cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [*lzlint_executable(), *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

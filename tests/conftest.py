"""Shared test helpers: a run's vocabulary, linting a snippet, running the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from lzlint.diagnostic import Diagnostic
from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule, default_rules_dir, load_rules
from lzlint.ruleset.selection import select_rules
from lzlint.run.engine import lint_document
from lzlint.sources import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "reports"

# A short report with every required part and no finding at all.
CLEAN_REPORT = """关于2023年度法治政府建设情况的报告

县委、县政府：
一、2023年度推进法治政府建设的主要举措和成效
（一）加强组织领导。成立领导小组。
二、党政主要负责人履行推进法治建设第一责任人职责情况
书记带头学法。
三、存在的不足和原因
一是普法形式比较单一，主要依靠发放资料、悬挂横幅等传统方式，群众参与度不高。二是基层执法力量不足，执法人员专业化程度不高，执法规范化水平有待提升。三是部分干部运用法治思维和法治方式解决问题的能力不强。究其原因，主要是思想认识不到位，培训学习缺乏系统性，经费和人员保障不足，督促考核的力度还不够大，制度执行还不够严格。
四、2024年工作计划
继续深化普法。

甲镇人民政府
2024年1月15日
"""


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests are written against the English messages (the msgids), so each runs in English.

    The Chinese default is what tests/test_i18n.py checks; it removes
    LZLINT_LANG again. Subprocesses inherit the variable.
    """
    from lzlint.locale import set_language

    monkeypatch.setenv("LZLINT_LANG", "en")
    set_language("en")


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


def run_lzlint(
    args: Sequence[str], cwd: Path | None = None, stdin: bytes | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`lzlint ARGS`; `env` adds variables (LZLINT_SOFFICE="" runs as without LibreOffice)."""
    env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*lzlint_executable(), *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

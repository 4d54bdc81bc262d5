"""docs/ and the READMEs: every relative link opens, and generated pages are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lzlint.ruleset.docs import markdown_table
from lzlint.ruleset.rules import Rule
from tests.conftest import ROOT

PAGES = sorted([ROOT / "README.md", ROOT / "README.en.md", *(ROOT / "docs").glob("*.md")])
# [text](target) and ![alt](target), not inside inline code.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


def test_the_link_scan_finds_links() -> None:
    assert "docs/rules.md" in relative_links(ROOT / "README.md")
    assert "../README.md" in relative_links(ROOT / "docs" / "ci.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_resolve(page: Path) -> None:
    broken = [t for t in relative_links(page) if not (page.parent / t.split("#")[0]).exists()]
    assert not broken, f"{page.relative_to(ROOT)}: links to nothing: {broken}"


def test_readme_links_every_docs_page() -> None:
    linked = {(ROOT / t).resolve() for t in relative_links(ROOT / "README.md")}
    missing = [p.name for p in (ROOT / "docs").glob("*.md") if p.resolve() not in linked]
    assert not missing, f"README.md does not link: {missing}"


def test_generated_rule_table_is_current(pack: tuple[Rule, ...]) -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    table = page.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert table == markdown_table(pack), "run: python -m lzlint.ruleset.docs and paste it between the markers of docs/rules.md"


def test_readme_stays_a_front_page() -> None:
    # What a user needs to start; the rest lives in docs/.
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250

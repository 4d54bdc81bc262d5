"""The HTML report in a real headless Chromium: every finding in the DOM, jumps that land, no network.

Skipped when Chromium is not installed (.ci/run installs Debian's `chromium`
where apt is available). A screenshot is left in tests/artifacts/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_lzlint

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("report")
    page, findings = folder / "report.html", folder / "findings.json"
    assert run_lzlint([str(SEEDS), "--format", "html", "-o", str(page)]).returncode == 1
    assert run_lzlint([str(SEEDS), "--format", "json", "-o", str(findings)]).returncode == 1
    return page, json.loads(findings.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser(report: tuple[Path, list[dict]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from tests.cdp import Browser

    assert CHROMIUM is not None
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        b.call("Network.enable")
        b.call("Page.enable")
        b.call("Page.navigate", url=report[0].as_uri())
        b.wait_for_event("Page.loadEventFired")
        yield b
    finally:
        b.close()


def test_every_finding_is_in_the_dom_with_its_text(browser, report) -> None:
    _, findings = report
    shown = browser.evaluate(
        """Array.from(document.querySelectorAll('a.jump')).map(a => {
             const id = a.dataset.f;
             return {id, code: a.querySelector('.code').textContent, pos: a.querySelector('.pos').textContent,
                     message: a.querySelector('.msg').textContent,
                     anchor: document.getElementById(id) !== null,
                     marked: Array.from(document.querySelectorAll(`mark[data-f~="${id}"]`)).map(m => m.textContent).join('')};
           })"""
    )
    assert len(shown) == len(findings) > 20
    lines = {p: Path(p).read_text(encoding="utf-8").splitlines() for p in {f["path"] for f in findings}}
    for entry, f in zip(shown, findings):
        text = lines[f["path"]][f["line"] - 1]
        assert entry == {
            "id": entry["id"],
            "code": f["code"],
            "pos": f"{f['line']}:{f['column']}",
            "message": f["message"],
            "anchor": True,
            "marked": text[f["column"] - 1 : f["end_column"] - 1],
        }


def test_the_page_requests_nothing_but_itself(browser, report) -> None:
    requested = {e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"}
    assert requested == {report[0].as_uri()}


def test_chinese_is_laid_out_with_a_cjk_font_stack(browser) -> None:
    family = browser.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Noto Sans CJK SC"')
    assert browser.evaluate("document.characterSet") == "UTF-8"
    assert browser.evaluate("document.querySelector('h1').textContent").startswith("lzlint 检查报告")


def test_clicking_a_list_entry_scrolls_its_highlight_into_view(browser) -> None:
    # Show the top of the last document, with its side list scrolled to the
    # entry of its lowest finding: the entry is on screen, its highlight not.
    setup = browser.evaluate(
        """(() => {
             const section = Array.from(document.querySelectorAll('section.document')).filter(s => s.querySelector('a.jump')).pop();
             window.scrollTo(0, section.offsetTop);
             const links = Array.from(section.querySelectorAll('a.jump'));
             const link = links[links.length - 1];
             const side = section.querySelector('.side');
             side.scrollTop = link.offsetTop - side.offsetTop;
             const mark = document.querySelector(`mark[data-f~="${link.dataset.f}"]`);
             const r = link.getBoundingClientRect(), m = mark.getBoundingClientRect();
             return {id: link.dataset.f, x: r.left + r.width / 2, y: r.top + r.height / 2,
                     markTop: m.top, height: innerHeight};
           })()"""
    )
    assert 0 < setup["y"] < setup["height"], setup
    assert setup["markTop"] > setup["height"], "the highlight must start off screen"
    browser.click(setup["x"], setup["y"])
    after = browser.evaluate(
        f"""(() => {{
              const marks = Array.from(document.querySelectorAll('mark[data-f~="{setup['id']}"]'));
              const m = marks[0].getBoundingClientRect();
              return {{top: m.top, bottom: m.bottom, height: innerHeight, hash: location.hash,
                       current: marks.every(x => x.classList.contains('current'))}};
            }})()"""
    )
    assert 0 <= after["top"] and after["bottom"] <= after["height"], after
    assert after["hash"] == f"#{setup['id']}" and after["current"]
    ARTIFACTS.mkdir(exist_ok=True)
    import base64

    shot = browser.call("Page.captureScreenshot", format="png")
    (ARTIFACTS / "html-report-jump.png").write_bytes(base64.b64decode(shot["data"]))
    assert (ARTIFACTS / "html-report-jump.png").stat().st_size > 10_000


def test_overview_table_sorts_by_a_clicked_column(browser) -> None:
    point = browser.evaluate(
        """(() => { window.scrollTo(0, 0);
                    const th = Array.from(document.querySelectorAll('#overview th')).pop();
                    const r = th.getBoundingClientRect(); return {x: r.left + 5, y: r.top + r.height / 2}; })()"""
    )
    totals = "Array.from(document.querySelectorAll('#overview tbody tr')).map(r => Number(r.cells[4].textContent))"
    browser.click(point["x"], point["y"])
    ascending = browser.evaluate(totals)
    browser.click(point["x"], point["y"])
    descending = browser.evaluate(totals)
    assert len(ascending) == 5
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert ascending != descending

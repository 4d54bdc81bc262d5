"""`lzlint serve` in a real headless Chromium: choose two drafts, press 检查, see the findings, download the Word copy.

The server is the installed `lzlint serve` on a free loopback port; the
browser is driven over the DevTools pipe (tests/cdp.py), as the HTML
report's own browser test does. Skipped when Chromium is not installed.
"""

from __future__ import annotations

import base64
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.conftest import CLEAN_REPORT, SEEDS, run_lzlint
from tests.test_html_browser import ARTIFACTS, CHROMIUM
from tests.web_helpers import docx_bytes, running_server

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")

SEED = SEEDS / "000_01a9da65d0d1e63d.txt"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running `lzlint serve --port 0` (no config: its folder has an empty one)."""
    folder = tmp_path_factory.mktemp("server")
    (folder / ".lzlint.yaml").write_text("{}\n", encoding="utf-8")
    with running_server(folder, "--workers", "1") as address:
        yield address


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("drafts")
    text = folder / "镇报告.txt"
    text.write_bytes(SEED.read_bytes())
    word = folder / "局报告.docx"
    word.write_bytes(docx_bytes(CLEAN_REPORT.replace("书记带头学法。", "书记带头学法,XX镇组织培训。").splitlines()))
    return [text, word]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from tests.cdp import Browser

    assert CHROMIUM is not None
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        b.call("Network.enable")
        b.call("Page.enable")
        yield b
    finally:
        b.close()


def _wait_for(browser, expression: str, timeout: float = 60) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"never true: {expression}")


def _download(browser, selector: str, folder: Path) -> bytes:
    """Click a download link of the page and return the bytes the browser saved."""
    page_session, browser.session = browser.session, None  # download behaviour is the browser's
    try:
        browser.call("Browser.setDownloadBehavior", behavior="allowAndName", downloadPath=str(folder), eventsEnabled=True)
    finally:
        browser.session = page_session
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
    begun = browser.wait_for_event("Browser.downloadWillBegin")["params"]
    deadline = time.monotonic() + 30
    while True:
        progress = browser.wait_for_event("Browser.downloadProgress")["params"]
        if progress["guid"] == begun["guid"] and progress["state"] == "completed":
            break
        assert progress["state"] != "canceled" and time.monotonic() < deadline, progress
    assert begun["suggestedFilename"] == browser.evaluate(f"document.querySelector({json.dumps(selector)}).download")
    return (folder / begun["guid"]).read_bytes()


def test_choose_two_drafts_check_and_download_the_word_copy(server: str, drafts: list[Path], browser, tmp_path: Path) -> None:
    browser.call("Page.navigate", url=f"{server}/")
    browser.wait_for_event("Page.loadEventFired")
    assert browser.evaluate("document.querySelector('h1').textContent") == "法治政府建设年度报告检查"
    # Choose the files through the real file input, as the file dialog would.
    root = browser.call("DOM.getDocument")["root"]["nodeId"]
    node = browser.call("DOM.querySelector", nodeId=root, selector="#files")["nodeId"]
    browser.call("DOM.setFileInputFiles", nodeId=node, files=[str(p) for p in drafts])
    assert browser.evaluate("document.querySelectorAll('#chosen li').length") == 2
    button = browser.evaluate("(() => { const r = document.getElementById('check').getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
    browser.click(button["x"], button["y"])
    status = _wait_for(browser, "document.getElementById('status').textContent.startsWith('检查完成') && document.getElementById('status').textContent")
    assert status == "检查完成：2 个文件。"

    # What the page lists for each file is what the command line finds in it.
    expected = {}
    for path in drafts:
        done = run_lzlint([str(path), "--format", "json", "--no-cache"], cwd=path.parent)
        expected[path.name] = json.loads(done.stdout)
    shown = browser.evaluate("Array.from(document.querySelectorAll('#files-result li')).map(li => [li.querySelector('.name').textContent, li.querySelector('.counts').textContent])")
    assert [name for name, _ in shown] == ["镇报告.txt", "局报告.docx"]
    for name, counts in shown:
        severities = [f["severity"] for f in expected[name]]
        assert counts == f"错误 {severities.count('error')}警告 {severities.count('warning')}提示 {severities.count('info')}"

    # The HTML report is in the page: every finding of both files in its list.
    # The sandboxed frame runs in a process of its own: attach to it to look inside.
    page_session, browser.session = browser.session, None
    frame = next(t for t in browser.call("Target.getTargets")["targetInfos"] if t["type"] == "iframe")
    browser.session = browser.call("Target.attachToTarget", targetId=frame["targetId"], flatten=True)["sessionId"]
    try:
        listed = browser.evaluate("Array.from(document.querySelectorAll('a.jump .code')).map(c => c.textContent)")
        # The report's own script runs under the page's policy (allowed by its hash): a click marks the finding.
        browser.evaluate("document.querySelector('a.jump').click()")
        assert browser.evaluate("document.querySelectorAll('mark.current').length") > 0
    finally:
        browser.session = page_session
    assert sorted(listed) == sorted(f["code"] for name in expected for f in expected[name])
    assert len(listed) > 18

    # The Word copy of the Word draft: its comments are that file's findings.
    word = docx.Document(io.BytesIO(_download(browser, 'a[download="局报告（批注）.docx"]', tmp_path)))
    assert sorted(c.text for c in word.comments) == sorted(f"{f['code']} {f['message']}" for f in expected["局报告.docx"])
    assert {"A502", "P601"} <= {f["code"] for f in expected["局报告.docx"]}
    # The fixed text of the text draft is offered too.
    assert browser.evaluate("document.querySelectorAll('a[download=\"镇报告（已修正）.txt\"]').length") == 1

    ARTIFACTS.mkdir(exist_ok=True)
    shot = browser.call("Page.captureScreenshot", format="png")
    (ARTIFACTS / "serve-page.png").write_bytes(base64.b64decode(shot["data"]))

    # Nothing was requested from anywhere but the server (and the page's own blobs).
    requested = {e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"}
    assert requested and all(url.startswith((server + "/", "blob:", "data:", "about:")) for url in requested), requested


def test_the_token_is_asked_for_once_in_the_page(tmp_path_factory: pytest.TempPathFactory, drafts: list[Path], browser) -> None:
    folder = tmp_path_factory.mktemp("token-server")
    (folder / ".lzlint.yaml").write_text("{}\n", encoding="utf-8")
    token = "county-token-0123456789"
    with running_server(folder, "--workers", "1", "--token", token) as address:
        browser.call("Page.navigate", url=f"{address}/")
        browser.wait_for_event("Page.loadEventFired")
        # The page learns from /api/health that a token is needed and shows its field.
        _wait_for(browser, "!document.getElementById('token-row').hidden")
        root = browser.call("DOM.getDocument")["root"]["nodeId"]
        node = browser.call("DOM.querySelector", nodeId=root, selector="#files")["nodeId"]
        browser.call("DOM.setFileInputFiles", nodeId=node, files=[str(drafts[0])])
        browser.evaluate("document.getElementById('check').click()")
        refused = _wait_for(browser, "document.getElementById('status').className === 'problem' && document.getElementById('status').textContent")
        assert "访问令牌" in refused
        browser.evaluate(f"document.getElementById('token').value = {json.dumps(token)}; document.getElementById('check').click()")
        _wait_for(browser, "document.getElementById('status').textContent.startsWith('检查完成')")
        # Entered once: a reload keeps it for this browser session, and checks go through.
        browser.call("Page.reload")
        browser.wait_for_event("Page.loadEventFired")
        assert browser.evaluate("document.getElementById('token').value") == ""
        root = browser.call("DOM.getDocument")["root"]["nodeId"]
        node = browser.call("DOM.querySelector", nodeId=root, selector="#files")["nodeId"]
        browser.call("DOM.setFileInputFiles", nodeId=node, files=[str(drafts[1])])
        browser.evaluate("document.getElementById('check').click()")
        done = _wait_for(browser, "document.getElementById('status').textContent.startsWith('检查完成') && document.getElementById('status').textContent")
        assert done == "检查完成：1 个文件。"

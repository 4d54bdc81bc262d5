"""`lzlint serve` through Starlette's TestClient: the check, the outputs, the limits, the guard.

Most tests run the checks in threads (the pool's test mode) to stay fast;
the tests named *process* use the real process pool. Expected findings are
what the command line gives for the same bytes: the web layer must add or
lose nothing.
"""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest
from starlette.testclient import TestClient

from lzlint.web.app import create_app
from lzlint.web.check import CheckJob
from lzlint.web.limits import MB, Limits
from lzlint.web.pool import CheckPool
from lzlint.web.server import make_job
from lzlint.web.uploads import display_name
from tests.conftest import CLEAN_REPORT, SEEDS, run_lzlint
from tests.web_helpers import (
    DYING_YEAR,
    PAUSE_YEAR,
    RAISING_YEAR,
    SLOW_YEAR,
    docx_bytes,
    faulty,
    folder_is_empty,
    zip_bomb_docx,
)

SEED = SEEDS / "000_01a9da65d0d1e63d.txt"
LOCAL = "http://127.0.0.1:8000"


@pytest.fixture()
def uploads(tmp_path: Path) -> Path:
    folder = tmp_path / "uploads"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def default_job(tmp_path_factory: pytest.TempPathFactory) -> CheckJob:
    empty = tmp_path_factory.mktemp("no-config") / ".lzlint.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    return make_job(empty, tmp_path_factory.mktemp("unused"))


def job_in(folder: Path, job: CheckJob) -> CheckJob:
    from dataclasses import replace

    return replace(job, upload_root=folder)


def client_for(job: CheckJob, limits: Limits = Limits(workers=1), *, token: str | None = None, loopback_only: bool = True, work=None, processes: bool = False) -> TestClient:
    pool = CheckPool(job, limits, work or faulty, processes=processes)
    return TestClient(create_app(pool, token=token, loopback_only=loopback_only), base_url=LOCAL)


@pytest.fixture()
def client(uploads: Path, default_job: CheckJob) -> Iterator[TestClient]:
    with client_for(job_in(uploads, default_job)) as c:
        yield c


def cli_findings(path: Path, cwd: Path | None = None, *extra: str) -> list[dict]:
    done = run_lzlint([str(path), "--format", "json", "--no-cache", *extra], cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def renamed(findings: list[dict], name: str) -> list[dict]:
    return [{**f, "path": name} for f in findings]


# -- the check --------------------------------------------------------------


def test_health_answers_200(client: TestClient) -> None:
    answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok" and answer.json()["token_required"] is False


def test_api_check_gives_each_file_the_findings_of_the_command_line(client: TestClient, uploads: Path, tmp_path: Path) -> None:
    second = tmp_path / "clean.txt"
    second.write_text(CLEAN_REPORT, encoding="utf-8")
    answer = client.post("/api/check", files=[("files", ("000.txt", SEED.read_bytes())), ("files", ("clean.txt", second.read_bytes()))])
    assert answer.status_code == 200
    files = answer.json()["files"]
    assert [f["name"] for f in files] == ["000.txt", "clean.txt"]
    assert files[0]["findings"] == renamed(cli_findings(SEED), "000.txt")
    assert len(files[0]["findings"]) == 17  # seed 000's golden holds 17 findings
    assert files[1]["findings"] == []  # CLEAN_REPORT is the suite's report without any finding
    assert folder_is_empty(uploads)


def test_a_word_draft_is_read_as_the_command_line_reads_it(client: TestClient, tmp_path: Path) -> None:
    data = docx_bytes(CLEAN_REPORT.replace("（一）加强组织领导。", "（一）加强组织领导,成立XX镇领导小组。").splitlines())
    (tmp_path / "draft.docx").write_bytes(data)
    answer = client.post("/api/check", files=[("files", ("draft.docx", data))])
    expected = renamed(cli_findings(tmp_path / "draft.docx"), "draft.docx")
    assert {f["code"] for f in expected} >= {"A502", "P601"}  # the placeholder XX镇 and the half-width comma
    assert answer.json()["files"][0]["findings"] == expected


def test_an_unreadable_file_gets_the_command_lines_reason_and_the_others_are_checked(client: TestClient, uploads: Path, tmp_path: Path) -> None:
    binary = b"\x00\x01\x02\x03" * 64
    (tmp_path / "scan.txt").write_bytes(binary)
    cli = run_lzlint(["scan.txt", "--no-cache"], cwd=tmp_path)
    assert cli.returncode == 2
    reason = cli.stderr.strip().removeprefix("lzlint: error: ")
    answer = client.post("/api/check", files=[("files", ("scan.txt", binary)), ("files", ("000.txt", SEED.read_bytes()))])
    assert answer.status_code == 200
    first, second = answer.json()["files"]
    assert first == {"name": "scan.txt", "error": reason}
    assert reason.startswith("scan.txt: ") and "\n" not in reason
    assert len(second["findings"]) == 17
    assert folder_is_empty(uploads)


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "~$lock.docx"])
def test_word_suffixes_go_to_the_normal_reader(client: TestClient, tmp_path: Path, name: str) -> None:
    # .doc/.wps are read through LibreOffice once lzlint.sources supports them;
    # until then the server says exactly what the command line says.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # the OLE2 header of old Word files
    (tmp_path / name).write_bytes(data)
    cli = run_lzlint([name, "--no-cache"], cwd=tmp_path)
    answer = client.post("/api/check", files=[("files", (name, data))]).json()["files"][0]
    if cli.returncode == 2:
        assert answer == {"name": name, "error": cli.stderr.strip().removeprefix("lzlint: error: ")}
    else:
        assert "findings" in answer


def test_the_year_field_is_the_year_option(client: TestClient, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(CLEAN_REPORT, encoding="utf-8")
    with_year = client.post("/api/check", files=[("files", ("r.txt", report.read_bytes()))], data={"year": "2021"}).json()
    expected = renamed(cli_findings(report, None, "--year", "2021"), "r.txt")
    # The report is about 2023: given 2021, its 2023 and 2024 headings disagree (D401).
    assert "D401" in {f["code"] for f in expected}
    assert with_year["files"][0]["findings"] == expected


@pytest.mark.parametrize("year", ["20x4", "1800", "２０２４", "2024; rm -rf /"])
def test_a_bad_year_is_refused_in_chinese(client: TestClient, year: str) -> None:
    answer = client.post("/api/check", files=[("files", ("r.txt", CLEAN_REPORT.encode()))], data={"year": year})
    assert answer.status_code == 400
    assert "报告年度" in answer.json()["error"]


def test_config_given_at_start_applies_to_every_check(tmp_path: Path, uploads: Path) -> None:
    config = tmp_path / "county.yaml"
    config.write_text("ignore: [A501]\nseverity:\n  N203: error\n", encoding="utf-8")
    job = make_job(config, uploads)
    with client_for(job) as c:
        findings = c.post("/api/check", files=[("files", ("000.txt", SEED.read_bytes()))]).json()["files"][0]["findings"]
    assert findings == renamed(cli_findings(SEED, None, "--config", str(config)), "000.txt")
    assert "A501" not in {f["code"] for f in findings}  # 000 has [bookmark: …] at lines 7 and 16 otherwise
    assert {f["severity"] for f in findings if f["code"] == "N203"} == {"error"}


def test_a_client_path_never_names_a_server_file(client: TestClient, uploads: Path) -> None:
    answer = client.post("/api/check", files=[("files", ("../../../etc/passwd", b"\x00binary")), ("files", ("C:\\Users\\x\\..\\报告.txt", CLEAN_REPORT.encode()))])
    first, second = answer.json()["files"]
    assert first["name"] == "passwd" and second["name"] == "报告.txt"
    assert str(uploads) not in answer.text and "/tmp" not in answer.text
    assert second["findings"] == []
    assert folder_is_empty(uploads)


@pytest.mark.parametrize(("sent", "shown"), [("a/b/c.txt", "c.txt"), ("..", "未命名1"), ("\x07bell.txt", "bell.txt"), ("", "未命名1")])
def test_display_names(sent: str, shown: str) -> None:
    assert display_name(sent, 0) == shown


# -- the page's outputs -------------------------------------------------------


def _download(entry: dict) -> bytes:
    return base64.b64decode(entry["base64"])


def test_report_gives_the_html_report_and_every_download(client: TestClient, uploads: Path, tmp_path: Path) -> None:
    answer = client.post("/api/report", files=[("files", ("000.txt", SEED.read_bytes())), ("files", ("bad.txt", b"\x00" * 100))])
    assert answer.status_code == 200
    body = answer.json()
    first, second = body["files"]
    assert second["error"] and second["downloads"] == []
    kinds = {d["label"]: d for d in first["downloads"]}
    assert set(kinds) == {"带批注的 Word 副本", "自动修正后的文本", "修正前后对照（diff）"}
    # The Word copy: one comment per finding, saying code and message.
    word = docx.Document(io.BytesIO(_download(kinds["带批注的 Word 副本"])))
    said = sorted(c.text for c in word.comments)
    assert said == sorted(f"{f['code']} {f['message']}" for f in first["findings"])
    # The fixed text and the diff are what --fix and --diff give.
    copy = tmp_path / "000.txt"
    copy.write_bytes(SEED.read_bytes())
    diff = run_lzlint(["000.txt", "--diff", "--no-cache"], cwd=tmp_path)
    assert _download(kinds["修正前后对照（diff）"]).decode("utf-8") == diff.stdout
    assert run_lzlint(["000.txt", "--fix", "--no-cache"], cwd=tmp_path).returncode in (0, 1)
    assert _download(kinds["自动修正后的文本"]) == copy.read_bytes() != SEED.read_bytes()
    # Over all files: the HTML report (000 only: bad.txt could not be read), JSON, the overview table.
    overall = {d["name"]: _download(d) for d in body["downloads"]}
    assert set(overall) == {"检查报告.html", "检查结果.json", "总览.csv"}
    assert overall["检查报告.html"].decode("utf-8") == body["report_html"]
    assert body["report_html"].count('class="jump"') == 17
    assert json.loads(overall["检查结果.json"]) == first["findings"]
    assert overall["总览.csv"].startswith("\ufeff".encode())  # so that Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(overall["总览.csv"].decode("utf-8-sig"))))
    assert rows[0] == ["文件", "错误", "警告", "提示", "合计", "无法检查的原因"]
    severities = [f["severity"] for f in first["findings"]]
    assert rows[1] == ["000.txt", *(str(severities.count(s)) for s in ("error", "warning", "info")), "17", ""]
    assert rows[2] == ["bad.txt", "", "", "", "", second["error"]]
    assert folder_is_empty(uploads)


def test_a_word_input_gets_a_commented_copy_of_itself_and_no_fixed_text(client: TestClient) -> None:
    data = docx_bytes(["关于2023年度法治政府建设情况的报告", "一、主要举措和成效", "成立XX镇领导小组。"])
    body = client.post("/api/report", files=[("files", ("镇报告.docx", data))]).json()
    entry = body["files"][0]
    assert [d["name"] for d in entry["downloads"]] == ["镇报告（批注）.docx"]
    word = docx.Document(io.BytesIO(_download(entry["downloads"][0])))
    assert [p.text for p in word.paragraphs] == ["关于2023年度法治政府建设情况的报告", "一、主要举措和成效", "成立XX镇领导小组。"]
    assert len(word.comments) == len(entry["findings"]) > 0


# -- limits -------------------------------------------------------------------


def test_a_file_over_the_limit_is_413_and_the_server_goes_on(uploads: Path, default_job: CheckJob) -> None:
    with client_for(job_in(uploads, default_job), Limits(file_bytes=1000, workers=1)) as c:
        answer = c.post("/api/check", files=[("files", ("big.txt", "法" * 400)), ("files", ("000.txt", b"x"))])
        assert answer.status_code == 413
        assert "big.txt" in answer.json()["error"] and "上限" in answer.json()["error"]
        assert c.post("/api/check", files=[("files", ("small.txt", CLEAN_REPORT.encode()))]).status_code == 200
        assert c.get("/api/health").status_code == 200
    assert folder_is_empty(uploads)


def test_the_default_limits_are_those_of_the_issue() -> None:
    limits = Limits()
    assert (limits.file_bytes, limits.request_bytes) == (20 * MB, 100 * MB)


def test_a_request_over_the_limit_is_413_even_before_it_is_read(uploads: Path, default_job: CheckJob) -> None:
    with client_for(job_in(uploads, default_job), Limits(file_bytes=5000, request_bytes=6000, workers=1)) as c:
        parts = [("files", (f"{i}.txt", b"a" * 2500)) for i in range(3)]
        answer = c.post("/api/check", files=parts)
        assert answer.status_code == 413 and "合计" in answer.json()["error"]
        declared = c.post("/api/check", content=b"", headers={"content-type": "multipart/form-data; boundary=x", "content-length": "7000"})
        assert declared.status_code == 413
        assert c.post("/api/check", files=[("files", ("small.txt", CLEAN_REPORT.encode()))]).status_code == 200


def test_too_many_files_are_refused(uploads: Path, default_job: CheckJob) -> None:
    with client_for(job_in(uploads, default_job), Limits(files=2, workers=1)) as c:
        answer = c.post("/api/check", files=[("files", (f"{i}.txt", b"a")) for i in range(3)])
        assert answer.status_code == 413 and "最多检查 2 个文件" in answer.json()["error"]


@pytest.mark.parametrize(
    ("headers", "content"),
    [({"content-type": "application/json"}, b"{}"), ({"content-type": "multipart/form-data; boundary=b"}, b"--b\r\nbroken")],
)
def test_a_body_that_is_not_a_form_is_400(client: TestClient, headers: dict, content: bytes) -> None:
    answer = client.post("/api/check", content=content, headers=headers)
    assert answer.status_code == 400 and "multipart/form-data" in answer.json()["error"]


def test_no_file_is_400(client: TestClient) -> None:
    answer = client.post("/api/check", data={"year": "2024"}, files=[("other", ("a.txt", b"x"))])
    assert answer.status_code == 400 and "没有收到文件" in answer.json()["error"]


def _concurrently(app, requests: list[dict]) -> list[httpx.Response]:
    async def go() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=LOCAL) as c:
            return list(await asyncio.gather(*(c.post("/api/check", **r) for r in requests)))

    return asyncio.run(go())


def test_past_the_workers_and_the_queue_requests_get_503_with_retry_after(uploads: Path, default_job: CheckJob) -> None:
    pool = CheckPool(job_in(uploads, default_job), Limits(workers=1, queue=1, seconds=30), faulty, processes=False)
    app = create_app(pool, token=None, loopback_only=True)
    slow = {"files": [("files", ("a.txt", CLEAN_REPORT.encode()))], "data": {"year": str(PAUSE_YEAR)}}
    answers = _concurrently(app, [slow, slow, slow])
    codes = sorted(a.status_code for a in answers)
    assert codes == [200, 200, 503]
    refused = next(a for a in answers if a.status_code == 503)
    assert refused.headers["retry-after"] == "5" and "秒后再试" in refused.json()["error"]
    assert pool.waiting_or_running == 0
    pool.close()
    assert folder_is_empty(uploads)


def test_a_request_that_takes_too_long_gets_504_and_the_next_is_answered(uploads: Path, default_job: CheckJob) -> None:
    # The slow work sleeps 30 s: the next request is answered only because the stuck worker was stopped.
    with client_for(job_in(uploads, default_job), Limits(workers=1, seconds=3), processes=True) as c:
        answer = c.post("/api/check", files=[("files", ("a.txt", CLEAN_REPORT.encode()))], data={"year": str(SLOW_YEAR)})
        assert answer.status_code == 504 and "超过 3 秒" in answer.json()["error"]
        assert folder_is_empty(uploads)  # the killed worker's upload is removed by the server
        after = c.post("/api/check", files=[("files", ("a.txt", CLEAN_REPORT.encode()))])
        assert after.status_code == 200 and after.json()["files"][0]["findings"] == []


def test_a_worker_that_raises_gives_500_without_the_draft_and_the_next_is_answered(uploads: Path, default_job: CheckJob, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with client_for(job_in(uploads, default_job)) as c:
        answer = c.post("/api/check", files=[("files", ("a.txt", "秘密的第一句".encode()))], data={"year": str(RAISING_YEAR)})
        assert answer.status_code == 500 and "内部错误" in answer.json()["error"]
        assert "秘密" not in answer.text and "秘密" not in caplog.text
        assert c.post("/api/check", files=[("files", ("a.txt", CLEAN_REPORT.encode()))]).status_code == 200
    assert folder_is_empty(uploads)


def test_process_pool_checks_and_survives_a_dying_worker(uploads: Path, default_job: CheckJob) -> None:
    with client_for(job_in(uploads, default_job), Limits(workers=1), processes=True) as c:
        good = c.post("/api/check", files=[("files", ("000.txt", SEED.read_bytes()))])
        assert good.status_code == 200 and len(good.json()["files"][0]["findings"]) == 17
        died = c.post("/api/check", files=[("files", ("a.txt", CLEAN_REPORT.encode()))], data={"year": str(DYING_YEAR)})
        assert died.status_code == 500
        again = c.post("/api/check", files=[("files", ("000.txt", SEED.read_bytes()))])
        assert again.status_code == 200 and again.json() == good.json()


def test_a_zip_bomb_fails_in_its_worker_and_the_other_files_are_checked(uploads: Path, default_job: CheckJob) -> None:
    # On the command line this 0.2 MB draft takes over 1.5 GB; a worker may use 384 MB.
    limits = Limits(workers=1, worker_bytes=384 * MB)
    bomb = zip_bomb_docx()
    assert len(bomb) < 400_000
    job = job_in(uploads, make_job(None, uploads, limits))
    with client_for(job, limits, processes=True) as c:
        answer = c.post("/api/check", files=[("files", ("炸弹.docx", bomb)), ("files", ("000.txt", SEED.read_bytes()))])
        assert answer.status_code == 200
        first, second = answer.json()["files"]
        assert first["name"] == "炸弹.docx" and first["error"].startswith("炸弹.docx: ")
        assert len(second["findings"]) == 17
        assert c.post("/api/check", files=[("files", ("000.txt", SEED.read_bytes()))]).status_code == 200
    assert folder_is_empty(uploads)


# -- the guard ----------------------------------------------------------------

TOKEN = "a-county-token-of-some-length"


@pytest.fixture()
def guarded(uploads: Path, default_job: CheckJob) -> Iterator[TestClient]:
    with client_for(job_in(uploads, default_job), token=TOKEN, loopback_only=False) as c:
        yield c


def test_beyond_loopback_every_check_needs_the_token(guarded: TestClient) -> None:
    files = [("files", ("a.txt", CLEAN_REPORT.encode()))]
    missing = guarded.post("/api/check", files=files)
    assert missing.status_code == 401 and "访问令牌" in missing.json()["error"]
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = guarded.post("/api/check", files=files, headers={"authorization": "Bearer " + TOKEN[:-1] + "x"})
    assert wrong.status_code == 401
    right = guarded.post("/api/check", files=files, headers={"authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200
    assert guarded.post("/api/report", files=files).status_code == 401


def test_the_page_and_health_open_without_the_token(guarded: TestClient) -> None:
    for path in ("/", "/assets/app.js", "/assets/app.css", "/api/health"):
        assert guarded.get(path).status_code == 200, path
    assert guarded.get("/api/health").json()["token_required"] is True


def test_a_post_from_another_site_is_refused(client: TestClient) -> None:
    files = [("files", ("a.txt", CLEAN_REPORT.encode()))]
    for headers in ({"origin": "http://evil.example"}, {"sec-fetch-site": "cross-site"}, {"origin": "null"}):
        answer = client.post("/api/check", files=files, headers=headers)
        assert answer.status_code == 403 and "其他网站" in answer.json()["error"], headers
    same = client.post("/api/check", files=files, headers={"origin": LOCAL, "sec-fetch-site": "same-origin"})
    assert same.status_code == 200


def test_on_loopback_another_host_name_is_refused(client: TestClient) -> None:
    # A page on another site reaching 127.0.0.1 through its own DNS name (rebinding).
    assert client.get("/api/health", headers={"host": "evil.example:8000"}).status_code == 421
    assert client.get("/api/health", headers={"host": "localhost:8000"}).status_code == 200


def test_every_answer_carries_the_safety_headers(client: TestClient) -> None:
    for answer in (client.get("/"), client.get("/api/health"), client.post("/api/check", content=b"")):
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "http" not in policy  # no other origin is allowed anything
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["referrer-policy"] == "no-referrer"


def test_the_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/").text
    assert "检查" in page and 'lang="zh-CN"' in page
    for text in (page, client.get("/assets/app.js").text, client.get("/assets/app.css").text):
        assert "http:" not in text and "https:" not in text and "//cdn" not in text
        assert "@import" not in text and "url(" not in text


def test_the_log_holds_sizes_codes_and_timings_only(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="lzlint.web")
    client.post("/api/check?secret=1", files=[("files", ("县司法局机密报告.txt", "内部草稿第一句。".encode()))], data={"year": "2024"})
    lines = [r.getMessage() for r in caplog.records if r.name == "lzlint.web"]
    assert len(lines) == 1
    assert lines[0].startswith("POST /api/check 200 in=")
    for secret in ("机密", "草稿", "secret", "127.0.0.1", "testclient"):
        assert secret not in lines[0]

"""The roster (issue 16, R201-R203): units read from reports, the roster config, the run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lzlint.folder.roster import (
    Assignment,
    Roster,
    RosterEntry,
    likely_entries,
    same_unit,
)
from lzlint.folder.units import (
    ReportUnit,
    default_unit_words,
    normalise,
    unit_in_filename,
    unit_in_title,
)
from tests.conftest import run_lzlint

WORDS = default_unit_words()


@pytest.mark.parametrize(
    "title,unit",
    [
        ("关于青山镇2025年度法治政府建设情况的报告", "青山镇"),
        ("某县司法局关于2025年度法治政府建设工作情况的报告", "某县司法局"),
        ("中共白水乡委员会白水乡人民政府关于2025年度法治政府建设情况的报告", "白水乡人民政府"),
        ("中共江岸县委江岸县人民政府关于2025年法治政府建设情况的报告", "江岸县人民政府"),
        ("东街街道办事处2025年度法治政府建设情况报告", "东街街道办事处"),
        ("关于报送2025年度法治政府建设情况的报告", None),
        ("2025年度法治政府建设情况报告", None),
        ("关于二〇二五年度法治政府建设情况的报告", None),
        # A sentence, not a name: no unit.
        ("今年我们认真工作取得了成绩的报告", None),
        # The year first: the unit after it.
        ("2025年松原县法治政府建设年度报告", "松原县"),
        ("二〇二五年度松原县法治政府建设情况报告", "松原县"),
        # A county before the year and a township after it: the township, within its county.
        ("松原县2025年黄泥镇法治政府建设年度报告", "松原县黄泥镇"),
        ("松原县2025年法治政府建设年度报告", "松原县"),
        # A department's party committee or group and the department: the department.
        ("中共松原县教育局委员会松原县教育局关于2023年度法治政府建设情况的报告", "松原县教育局"),
        ("中共松原县司法局党组松原县司法局关于2023年法治政府建设情况的报告", "松原县司法局"),
        # A bracketed label or a document number before the title on its line.
        ("【2022年】州生态环境局2022年度法治政府建设情况报告", "州生态环境局"),
        ("松政发〔2021〕1号松原县2020年度法治政府建设情况报告", "松原县"),
        # Two organs without 中共: the government's.
        ("东城街道党工委东城街道办事处关于2025年度法治政府建设情况的报告", "东城街道办事处"),
    ],
)
def test_unit_in_title(title: str, unit: str | None) -> None:
    assert unit_in_title(title, WORDS) == unit


@pytest.mark.parametrize(
    "name,unit",
    [
        ("07-石门乡2025年法治政府建设报告（送审稿）.docx", "石门乡"),
        ("县林业局.txt", "县林业局"),
        ("报告.docx", None),
        ("附件2.txt", None),
        ("report_2025.txt", None),
        # Draft marks, an attachment's label, a unit in brackets, a year before the unit.
        ("黄泥镇v2.docx", "黄泥镇"),
        ("黄泥镇_终稿.docx", "黄泥镇"),
        ("县水利局定稿.txt", "县水利局"),
        ("3-黄泥镇（修改稿）v2.docx", "黄泥镇"),
        ("【黄泥镇】法治报告.docx", "黄泥镇"),
        ("附件3：黄泥镇.docx", "黄泥镇"),
        ("2025年度黄泥镇.docx", "黄泥镇"),
        ("2025年黄泥镇法治政府建设情况报告.docx", "黄泥镇"),  # not 年黄泥镇: 2025 is a year, no file number
        ("2025黄泥镇.txt", "黄泥镇"),
        ("2025年度报告-终稿.txt", None),
    ],
)
def test_unit_in_filename(name: str, unit: str | None) -> None:
    assert unit_in_filename(name, WORDS) == unit


@pytest.mark.parametrize(
    "name,key",
    [
        ("柳河镇人民政府", "柳河镇"),
        ("东街街道办事处", "东街街道"),
        ("中共石门乡委员会 石门乡人民政府", "石门乡"),
        ("青山镇党委和政府", "青山镇"),
        ("县司法局", "县司法局"),
        ("县人民政府", "县"),
        # The government office by any of its names; its full name is not 人民 + a short form.
        ("县政府办", "县人民政府办公室"),
        ("县府办", "县人民政府办公室"),
        ("青林县人民政府办公室", "青林县人民政府办公室"),
        ("县市场监管局", "县市场监督管理局"),
        ("东安县市场监督管理局", "东安县市场监督管理局"),
        # A township's organ inside its county's government, an ethnic township, a township's party committee.
        ("松原县人民政府西城街道办事处", "松原县西城街道"),
        ("红岩瑶族乡", "红岩乡"),
        ("红岩瑶族乡人民政府", "红岩乡"),
        ("禄劝彝族苗族自治县司法局", "禄劝县司法局"),
        ("广西壮族自治区司法厅", "广西壮族自治区司法厅"),  # a region keeps its name: only 县, 州, 旗 are shortened
        ("新华土家族苗族乡", "新华乡"),
        ("水族乡", "水族乡"),  # a township named so, not an ethnic one of nothing
        ("中共城关镇委员会", "城关镇"),
        ("东城街道办", "东城街道"),
        ("经济开发区党工委管委会", "经济开发区管理委员会"),
        ("县执法局", "县综合行政执法局"),
        ("县委政法委", "县委政法委员会"),
        ("县卫生健康委员会", "县卫生健康局"),
        # Offices and bodies by their everyday names.
        ("县委办", "县委办公室"),
        ("县人大办", "县人大常委会办公室"),
        ("政协松原县委员会办公室", "松原县政协办公室"),
        ("县委依法治县办", "县全面依法治县委员会办公室"),
        ("中共松原县委全面依法治县委员会办公室", "松原县全面依法治县委员会办公室"),
        ("县林草局", "县林业和草原局"),
        ("县疾控中心", "县疾病预防控制中心"),
        ("高新区管委会", "高新技术产业开发区管理委员会"),
        ("松原县工业园区管理委员会", "松原工业园区管理委员会"),  # the 县 before a zone, as its roster leaves it out
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise(name, WORDS) == key


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("柳河镇", "某县柳河镇", True),
        ("柳河镇", "湖南省永州市某县柳河镇", True),
        ("司法局", "县司法局", True),
        ("县应急管理局", "东安县应急管理局", True),
        ("县应急管理局", "东安市应急管理局", False),  # the roster's 县 is a county, not a city
        ("城关镇", "新城关镇", False),
        ("柳河镇", "柳河乡", False),
        ("县林业局", "县水利局", False),
        # The roster's 县 (县人民政府, 县政府) is the county's government.
        ("县", "松原县", True),
        ("县", "松原县司法局", False),
        # A zone is named after its county without 县.
        ("开发区管理委员会", "松原经济开发区管理委员会", True),
        ("县开发区管理委员会", "松原县经济开发区管理委员会", True),
        ("开发区管理委员会", "松原县城东新区高新技术产业开发区管理委员会", False),
        # Look-alike units stay apart.
        ("开发区管理委员会", "松原高新技术产业开发区管理委员会", False),
        ("县委办公室", "县人民政府办公室", False),
        ("县人大常委会办公室", "县政协办公室", False),
        ("城关镇", "城关街道", False),
        ("县林业局", "县林业和草原局", False),
    ],
)
def test_same_unit(a: str, b: str, same: bool) -> None:
    assert same_unit(a, b, WORDS) is same
    assert same_unit(b, a, WORDS) is same


def test_a_report_outside_the_roster_is_offered_the_unit_it_likely_is() -> None:
    def entry(key: str) -> RosterEntry:
        return RosterEntry(key, key, ".lzlint.yaml", 1, 1)

    def report(path: str, key: str) -> Assignment:
        return Assignment(path, None, ReportUnit(key, key, "title"))

    # A province's roster: 县司法局 of many places; their pairs 县司 司法 法局 are no clue.
    missing = [entry(f"{place}县司法局") for place in ("东安", "西岭", "南河", "北桥", "青林", "白沙", "红星", "石门", "柳河", "黄土")]
    missing += [entry("县教育局"), entry("白水乡")]
    found = likely_entries(
        [
            report("a.txt", "青林县教育和体育局"),  # 县教 教育 育局: all of 县教育局's pairs
            report("b.txt", "白水镇"),  # 白水, half of 白水乡's
            report("c.txt", "金山县司法局"),  # only pairs ten units have
            report("d.txt", "东安县审计局"),  # 审计 and 司法 share no pair: the place 东安县 is no sign
        ],
        missing,
    )
    assert {path: e.key for path, e in found.items()} == {"a.txt": "县教育局", "b.txt": "白水乡"}
    # A report that could be either of two roster units (Assignment.candidates) is offered neither.
    either = Assignment("e.txt", None, ReportUnit("白水镇", "白水镇", "title"), "", (missing[-1], missing[-2]))
    assert likely_entries([either], missing) == {}


# Keys built from place and unit pieces, so that many pairs are the same unit by a place prefix.
_KEYS = st.lists(
    st.sampled_from(["县", "市", "某", "东安", "柳河", "镇", "局", "司法", "应急管理", "乡", "新", "城关", "开发区", "经济", "管理委员会", "新区"]),
    min_size=1,
    max_size=4,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_KEYS, min_size=1, max_size=30, unique=True), _KEYS)
def test_roster_index_offers_every_entry_the_unit_may_name(keys: list[str], unit: str) -> None:
    # A province's roster is searched through an index by the keys' last characters: it must miss no match.
    roster = Roster.of([RosterEntry(k, k, "<units>", i, 1) for i, k in enumerate(keys, start=1)], "<units>")
    matching = [e for e in roster.entries if same_unit(e.key, unit, WORDS)]
    assert all(e in roster.near(unit) for e in matching)


TEMPLATE = "关于{unit}2025年度法治政府建设情况的报告\n一、主要举措和成效\n开展普法活动{n}场。\n"


def _folder(tmp_path: Path, config: str, reports: dict[str, str]) -> Path:
    (tmp_path / ".lzlint.yaml").write_text(config, encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, (name, unit) in enumerate(reports.items(), start=3):
        (folder / name).write_text(TEMPLATE.format(unit=unit, n=n), encoding="utf-8")
    return folder


def _findings(tmp_path: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_lzlint(["--no-cache", "--select", "R2", "--format", "json", *args, "reports"], cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_missing_unit_points_at_its_config_line_and_column(tmp_path: Path) -> None:
    config = "year: 2025\nunits:\n  - 青山镇\n  - 白水乡\n  - 县林业局\n"
    _folder(tmp_path, config, {"a.txt": "青山镇", "b.txt": "县林业局"})
    status, found = _findings(tmp_path)
    assert status == 1
    # 白水乡 is the second item, on line 4 after "  - ": column 5.
    assert [(f["path"], f["code"], f["line"], f["column"], f["end_column"]) for f in found] == [(".lzlint.yaml", "R201", 4, 5, 8)]
    assert "白水乡" in str(found[0]["message"])


def test_flow_list_columns_count_from_each_entry(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡, 石门乡]\n", {"a.txt": "白水乡"})
    _, found = _findings(tmp_path)
    # units: [ is 8 characters; 青山镇 at 9, 白水乡 at 14, 石门乡 at 19.
    assert sorted((f["line"], f["column"]) for f in found) == [(1, 9), (1, 19)]


def test_units_file_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "units.txt").write_text("# 各乡镇\n青山镇\n\n  白水乡\n", encoding="utf-8")
    _folder(tmp_path, "units: cfg/units.txt\n", {"a.txt": "青山镇", "b.txt": "红岭镇"})
    (tmp_path / ".lzlint.yaml").write_text("units: cfg/units.txt\n", encoding="utf-8")
    _, found = _findings(tmp_path)
    got = sorted((f["code"], f["path"], f["line"], f["column"]) for f in found)
    assert got == [("R201", "cfg/units.txt", 4, 3), ("R203", "reports/b.txt", 1, 3)]


def test_duplicates_and_unknown_each_once(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇", "b.txt": "青山镇", "c.txt": "白水乡", "d.txt": "红岭镇"})
    _, found = _findings(tmp_path)
    assert sorted((f["code"], f["path"]) for f in found) == [
        ("R202", "reports/a.txt"),
        ("R202", "reports/b.txt"),
        ("R203", "reports/d.txt"),
    ]
    messages = {f["path"]: f["message"] for f in found}
    assert "reports/b.txt" in str(messages["reports/a.txt"]) and "reports/a.txt" in str(messages["reports/b.txt"])


def test_files_given_one_by_one_tell_no_missing_unit(tmp_path: Path) -> None:
    # A pre-commit hook passes the files a commit changes: the units not among them are not 未提交.
    _folder(tmp_path, "units: [青山镇, 白水乡, 石门乡]\n", {"a.txt": "青山镇", "b.txt": "红岭镇", "c.txt": "白水乡"})
    files = ["reports/a.txt", "reports/b.txt"]
    result = run_lzlint(["--no-cache", "--select", "R2", "--format", "json", *files], cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # R203 is an info: nothing fails the commit
    assert sorted((f["code"], f["path"]) for f in json.loads(result.stdout)) == [("R203", "reports/b.txt")]
    text = run_lzlint(["--no-cache", "--select", "R2", *files], cwd=tmp_path).stdout
    assert "1 of the 3 units on the roster among the files given; 1 report 名单外; who sent nothing is told only when lzlint is given the folder." in text
    assert "未提交" not in text
    # The folder itself: 石门乡 sent nothing.
    _, found = _findings(tmp_path)
    assert [(f["code"], f["line"], f["column"]) for f in found if f["code"] == "R201"] == [("R201", 1, 19)]


def test_each_draft_of_a_unit_points_at_the_others(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇", "b.txt": "青山镇", "c.txt": "白水乡"})
    log = json.loads(run_lzlint(["--no-cache", "--select", "R202", "--format", "sarif", "reports"], cwd=tmp_path).stdout)
    related = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: [
            (p["physicalLocation"]["artifactLocation"]["uri"], p["physicalLocation"]["region"]["startColumn"], p["message"]["text"]) for p in r["relatedLocations"]
        ]
        for r in log["runs"][0]["results"]
    }
    # TEMPLATE's title is 关于{unit}…: the unit's name starts at column 3.
    assert related == {"reports/a.txt": [("reports/b.txt", 3, "同一单位的另一份报告")], "reports/b.txt": [("reports/a.txt", 3, "同一单位的另一份报告")]}
    page = run_lzlint(["--no-cache", "--select", "R202", "--format", "html", "reports"], cwd=tmp_path).stdout
    assert re.findall(r'<a class="related" href="#(f\d+)">同一单位的另一份报告：([^<]*)</a>', page) == [("f2", "reports/b.txt 1:3"), ("f1", "reports/a.txt 1:3")]


def test_the_folders_own_config_when_the_current_directory_has_none(tmp_path: Path) -> None:
    (tmp_path / "county").mkdir()
    folder = _folder(tmp_path / "county", "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇"})
    (tmp_path / "county" / ".lzlint.yaml").rename(folder / ".lzlint.yaml")
    # Run from tmp_path, above county/: reports/.lzlint.yaml is the folder's, and its roster applies.
    result = run_lzlint(["--no-cache", "--select", "R2", "--format", "json", "county/reports"], cwd=tmp_path)
    assert [(f["code"], f["path"], f["line"]) for f in json.loads(result.stdout)] == [("R201", "county/reports/.lzlint.yaml", 1)]
    # A config above the current directory wins, as before: here one that lists nobody.
    (tmp_path / ".lzlint.yaml").write_text("select: [R2]\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--format", "json", "county/reports"], cwd=tmp_path)
    assert json.loads(result.stdout) == []


def test_drafts_of_different_years_say_so(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇]\n", {"a.txt": "青山镇", "b.txt": "青山镇"})
    (tmp_path / "reports" / "b.txt").write_text(TEMPLATE.format(unit="青山镇", n=2).replace("2025", "2024"), encoding="utf-8")
    # The year a report states comes with the folder checks' digests (R101 enabled).
    result = run_lzlint(["--no-cache", "--select", "R101,R202", "--format", "json", "reports"], cwd=tmp_path)
    messages = {f["path"]: f["message"] for f in json.loads(result.stdout)}
    assert messages["reports/a.txt"].startswith(
        "本报告与 reports/b.txt 都是“青山镇”的报告（各份报告所写的年度不同：reports/a.txt 为2025年度，reports/b.txt 为2024年度，可能混入了往年的报告）："
    )
    # Two drafts of one year: no such remark.
    (tmp_path / "reports" / "b.txt").write_text(TEMPLATE.format(unit="青山镇", n=2), encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "R101,R202", "--format", "json", "reports"], cwd=tmp_path)
    assert all("年度不同" not in f["message"] for f in json.loads(result.stdout))


def test_ignored_like_any_code(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇", "d.txt": "红岭镇"})
    _, found = _findings(tmp_path, "--ignore", "R201")
    assert [f["code"] for f in found] == ["R203"]


def test_one_file_runs_no_roster_check(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "红岭镇"})
    result = run_lzlint(["--no-cache", "--select", "R2", "--format", "json", str(folder / "a.txt")], cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_no_roster_no_findings(tmp_path: Path) -> None:
    _folder(tmp_path, "year: 2025\n", {"a.txt": "青山镇", "b.txt": "青山镇"})
    status, found = _findings(tmp_path)
    assert (status, found) == (0, [])


def test_verbose_says_where_the_unit_came_from(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "units: [青山镇]\n", {"a.txt": "青山镇"})
    (folder / "石门乡.txt").write_text("关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "-v", "reports"], cwd=tmp_path)
    assert "reports/a.txt: unit 青山镇, from the title (line 1)" in result.stderr
    assert "reports/石门乡.txt: unit 石门乡, from the filename" in result.stderr
    # And which roster unit each report counts for (石门乡 is not on the roster: 名单外).
    assert "reports/a.txt: counted for 青山镇 on the roster (已提交)" in result.stderr
    assert "reports/石门乡.txt: 石门乡 is not on the roster" in result.stderr


def test_cached_run_still_knows_the_units(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇", "b.txt": "青山镇"})
    args = ["--cache-dir", str(tmp_path / "cache"), "--select", "R2", "--format", "json", "reports"]
    first = run_lzlint(args, cwd=tmp_path)
    second = run_lzlint(args, cwd=tmp_path)
    assert first.stdout == second.stdout
    assert sorted(f["code"] for f in json.loads(second.stdout)) == ["R201", "R202", "R202"]


@pytest.mark.parametrize(
    "config,files,error",
    [
        ("units: missing.txt\n", {}, "missing.txt: units file not found"),
        ("units: 3\n", {}, ".lzlint.yaml:1: units must be a list of unit names or the path of a file"),
        ("units: {青山镇: 1}\n", {}, "units must be a list"),
        ("units: [青山镇, 青山镇人民政府]\n", {}, "unit 青山镇人民政府 is listed twice (also line 1: 青山镇)"),
        ("units: []\n", {}, "units lists no unit"),
        ("units: gbk.txt\n", {"gbk.txt": "青山镇\n".encode("gbk")}, "gbk.txt:1: the units file is not UTF-8 (it looks saved as GBK/GB18030)"),
    ],
)
def test_bad_roster_is_one_line_exit_2(tmp_path: Path, config: str, files: dict[str, bytes], error: str) -> None:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / ".lzlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEMPLATE.format(unit="青山镇", n=1), encoding="utf-8")
    result = run_lzlint(["--no-cache", "a.txt"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and error in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_summary_lists_every_unit_with_its_status(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡, 石门乡]\n", {"a.txt": "青山镇", "b.txt": "石门乡", "c.txt": "石门乡", "d.txt": "红岭镇"})
    result = run_lzlint(["--no-cache", "--select", "R2", "reports"], cwd=tmp_path)
    out = result.stdout
    assert "Roster: 3 units on the roster: 1 已提交, 1 未提交, 1 重复; 1 report 名单外.\n" in out
    # Status labels padded to 6 cells, unit names to the widest (3 characters, 6 cells).
    assert "  已提交  青山镇  reports/a.txt\n" in out
    assert "  未提交  白水乡  -\n" in out
    assert "  重复    石门乡  reports/b.txt, reports/c.txt\n" in out
    assert "  名单外  红岭镇  reports/d.txt\n" in out
    # Four reports were checked; .lzlint.yaml carries the R201 finding but is no report.
    assert out.endswith("1 error, 2 warnings, 1 info in 4 files.\n")


def test_html_overview_shows_the_roster(tmp_path: Path) -> None:
    _folder(tmp_path, "units: [青山镇, 白水乡]\n", {"a.txt": "青山镇", "d.txt": "红岭镇"})
    result = run_lzlint(["--no-cache", "--select", "R2", "--format", "html", "reports"], cwd=tmp_path)
    page = result.stdout
    assert "名单 2 个单位：已提交 1，未提交 1，重复 0，名单外 1。" in page
    assert "<p>2 个文件，共 2 个问题。" in page  # the two reports; R201 stands in .lzlint.yaml, no report
    assert '<td>白水乡</td><td class="sev-error">未提交</td><td>—</td>' in page
    # The report's link goes to its document section (reports/a.txt is the first document).
    assert '<td>青山镇</td><td class="">已提交</td><td><a href="#doc-0">reports/a.txt</a></td>' in page


@pytest.mark.parametrize("output_format", ["json", "json-lines", "concise", "github", "gitlab", "sarif", "junit", "html"])
def test_every_format_shows_the_missing_unit_at_its_roster_line(tmp_path: Path, output_format: str) -> None:
    _folder(tmp_path, "units:\n  - 青山镇\n  - 白水乡\n", {"a.txt": "青山镇", "b.txt": "青山镇"})
    result = run_lzlint(["--no-cache", "--select", "R201", "--format", output_format, "reports"], cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert ".lzlint.yaml" in result.stdout and "白水乡" in result.stdout

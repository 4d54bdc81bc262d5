"""`--format junit`: one testcase per file, read back as CI readers do."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from junitparser import Failure, JUnitXml

from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.run.engine import FileResult
from tests.conftest import SEEDS, run_lzlint
from tests.format_samples import finding, two_files


def test_structure_with_elementtree() -> None:
    root = ET.fromstring(FORMATTERS["junit"](two_files(), OutputOptions()))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["reports/甲镇.txt", "reports/乙镇.txt"]
    failure = cases[0].find("failure")
    assert failure is not None
    assert failure.text is not None and failure.text.splitlines() == [
        "reports/甲镇.txt:1:3: W703 [warning] “健立”应为“建立”。",
        "reports/甲镇.txt:2:1: W703 [warning] “健立”应为“建立”。",
        "reports/甲镇.txt:3:1: Q301 [error] 比率与数字不符：75÷80=93.75%，请核对。",
    ]
    assert list(cases[1]) == []  # a clean file: no failure, no output


def test_findings_below_the_fail_level_do_not_fail_the_file() -> None:
    results = [FileResult("a.txt", (finding("a.txt", 1, 1, 2),))]
    root = ET.fromstring(FORMATTERS["junit"](results, OutputOptions(fail_on="error")))
    case = root.find("testsuite/testcase")
    assert case is not None and case.find("failure") is None
    assert case.findtext("system-out") == "a.txt:1:1: W703 [warning] msg"
    root = ET.fromstring(FORMATTERS["junit"](results, OutputOptions(fail_on="warning")))
    assert root.find("testsuite/testcase/failure") is not None


def test_control_characters_do_not_break_the_xml() -> None:
    results = [FileResult("a.txt", (finding("a.txt", 1, 1, 2, severity="error", message="含\x0b字符"),))]
    root = ET.fromstring(FORMATTERS["junit"](results, OutputOptions()))
    assert root.findtext("testsuite/testcase/failure") == "a.txt:1:1: W703 [error] 含\\u000b字符"


def test_seed_folder_read_by_junitparser(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    # A report with only an info-level finding passes with --fail-on warning.
    (folder / "zz_info_only.txt").write_text("“4.15”国家安全日宣传。\n", encoding="utf-8")
    args = ["--fail-on", "warning", "--ignore", "S", str(folder)]
    result = run_lzlint(["--format", "junit", *args])
    assert result.returncode == 1, result.stderr
    report = tmp_path / "report.xml"
    report.write_text(result.stdout, encoding="utf-8")
    xml = JUnitXml.fromfile(str(report))
    suites = list(xml)
    assert len(suites) == 1
    cases = list(suites[0])
    assert [Path(c.name).name for c in cases] == sorted(p.name for p in folder.glob("*.txt"))
    # The failed testcases are exactly the files with a finding at warning or above.
    findings = json.loads(run_lzlint(["--format", "json", *args]).stdout)
    failing = {f["path"] for f in findings if f["severity"] in ("error", "warning")}
    failed = {c.name for c in cases if any(isinstance(r, Failure) for r in c.result)}
    assert failed == failing and 0 < len(failed) < len(cases)
    assert suites[0].failures == len(failed)


def test_an_unreadable_input_is_an_errored_testcase(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text((SEEDS / "002_f21613d978145004.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\xd8bad")
    result = run_lzlint(["--no-cache", "--format", "junit", "-o", "out.xml", "."], cwd=tmp_path)
    assert result.returncode == 2
    xml = JUnitXml.fromfile(str(tmp_path / "out.xml"))
    suite = next(iter(xml))
    assert (suite.tests, suite.errors, suite.failures) == (2, 1, 0)
    cases = {case.name: case for case in suite}
    (error,) = cases["b.txt"].result
    assert error.type == "unreadable" and error.message.startswith("b.txt: cannot decode as UTF-16-LE (BOM)")
    assert cases["a.txt"].result == []


def test_text_summary_counts_the_files_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text((SEEDS / "002_f21613d978145004.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\x00\xd8bad")
    result = run_lzlint(["--no-cache", "."], cwd=tmp_path)
    assert result.returncode == 2
    assert "0 errors, 5 warnings, 1 info in 1 file.\n1 file was not read (see the errors above).\n" in result.stdout

"""`junit`: JUnit XML, one testcase per file, for CI test-report views.

A file fails when it has a finding at or above the run's fail level
(--fail-on); the failure lists all its findings, one per line. Findings
below that level go to the testcase's system-out, so the report agrees with
the exit status.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lzlint.diagnostic import SEVERITY_RANK

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.outputs.formatters import OutputOptions
    from lzlint.run.engine import FileResult


# XML 1.0 cannot carry most control characters, even escaped; an A504
# finding may quote one. They are shown as \uXXXX instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _line(d: Diagnostic) -> str:
    return _xml_safe(f"{d.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}")


def _testcase(result: FileResult, fail_rank: int) -> tuple[ET.Element, bool]:
    case = ET.Element("testcase", name=_xml_safe(result.path), classname="lzlint", time="0")
    failing = [d for d in result.diagnostics if SEVERITY_RANK[d.severity] >= fail_rank]
    if failing:
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{len(failing)} finding(s) at or above the fail level",
            type="lzlint",
        )
        failure.text = "\n".join(_line(d) for d in result.diagnostics)
    elif result.diagnostics:
        ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in result.diagnostics)
    return case, bool(failing)


def _unreadable_case(path: str, error: str) -> ET.Element:
    """A file that could not be read: a test that errored, not one that passed."""
    case = ET.Element("testcase", name=_xml_safe(path), classname="lzlint", time="0")
    ET.SubElement(case, "error", message=_xml_safe(error), type="unreadable")
    return case


def render(results: Sequence[FileResult], options: OutputOptions) -> str:
    fail_rank = SEVERITY_RANK[options.fail_on]
    # A file not read is an errored testcase below, not also a failed one.
    unread = {path for path, _ in options.unreadable}
    cases = [_testcase(r, fail_rank) for r in results if r.unchecked is None or r.path not in unread]
    failures = sum(failed for _, failed in cases)
    errors = [_unreadable_case(path, error) for path, error in options.unreadable]
    tests, errored = str(len(cases) + len(errors)), str(len(errors))
    suites = ET.Element("testsuites", name="lzlint", tests=tests, failures=str(failures), errors=errored)
    suite = ET.SubElement(
        suites, "testsuite", name="lzlint", tests=tests, failures=str(failures), errors=errored, skipped="0", time="0"
    )
    suite.extend(case for case, _ in cases)
    suite.extend(errors)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"

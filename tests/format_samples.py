"""Hand-made findings for the output-format tests (values chosen, not copied from output)."""

from __future__ import annotations

from lzlint.diagnostic import Diagnostic
from lzlint.run.engine import FileResult

SEED_000 = "fixtures/reports/000_01a9da65d0d1e63d.txt"


def finding(path: str, line: int, column: int, end_column: int, code: str = "W703", severity: str = "warning", message: str = "msg") -> Diagnostic:
    return Diagnostic(
        path=path,
        line=line,
        column=column,
        code=code,
        name="common-typo",
        severity=severity,  # type: ignore[arg-type]
        message=message,
        end_line=line,
        end_column=end_column,
    )


def two_files() -> list[FileResult]:
    """甲镇 has the same typo twice (健立 at 1:3 and 2:1) and an error; 乙镇 is clean."""
    lines = ("一是健立制度，", "健立台账。", "调解成功率95%。")
    return [
        FileResult(
            "reports/甲镇.txt",
            (
                finding("reports/甲镇.txt", 1, 3, 5, message="“健立”应为“建立”。"),
                finding("reports/甲镇.txt", 2, 1, 3, message="“健立”应为“建立”。"),
                finding("reports/甲镇.txt", 3, 1, 9, code="Q301", severity="error", message="比率与数字不符：75÷80=93.75%，请核对。"),
            ),
            lines,
            "utf-8",
        ),
        FileResult("reports/乙镇.txt", (), ("正文。",), "utf-8"),
    ]

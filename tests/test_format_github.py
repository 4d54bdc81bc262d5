"""`--format github`: workflow commands as the Actions runner parses them."""

from __future__ import annotations

from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.run.engine import FileResult
from tests.conftest import ROOT, SEEDS, run_lzlint
from tests.format_samples import SEED_000, finding


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """The runner's reading of `::name k=v,k=v::data` (actions/runner ActionCommand.TryParseV2).

    Properties split on "," and then on the first "="; values and data are
    unescaped with %0D, %0A, (%3A, %2C for properties) and %25 last.
    """
    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    name, _, props = head.partition(" ")
    properties = {}
    for pair in props.split(","):
        key, value = pair.split("=", 1)
        properties[key] = (
            value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
        )
    return name, properties, data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_seed_rate_mismatch_as_an_error_annotation() -> None:
    result = run_lzlint(["--format", "github", "--select", "Q301", SEED_000])
    assert result.returncode == 1
    # 调解成功率95% starts at column 135 of line 16 and is 8 characters long;
    # the "%" in the message is escaped as %25.
    assert result.stdout == (
        f"::error file={SEED_000},line=16,col=135,endLine=16,endColumn=143,title=Q301::"
        "“调解成功率95%25”与本句数字不符：按75宗÷80起计算约为93.75%25，请核对数字，或把比率改为93.75%25。\n"
    )


def test_escaping_round_trips_through_the_runner_parser() -> None:
    message = "第1行：100%，\n第2行\r含,逗号::冒号"
    path = "reports/a,b:c%.txt"
    out = FORMATTERS["github"]([FileResult(path, (finding(path, 7, 2, 4, severity="info", message=message),))], OutputOptions())
    lines = out.splitlines()
    assert len(lines) == 1  # the newline in the message did not split the command
    name, properties, data = parse_workflow_command(lines[0])
    assert name == "notice"  # GitHub's lowest level stands for info
    assert properties == {"file": path, "line": "7", "col": "2", "endLine": "7", "endColumn": "4", "title": "W703"}
    assert data == message


def test_no_findings_prints_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    clean = tmp_path / "clean.txt"
    clean.write_text("正文。\n", encoding="utf-8")
    result = run_lzlint(["--format", "github", "--select", "Q301", str(clean)])
    assert (result.returncode, result.stdout) == (0, "")


def test_absolute_path_is_reported_relative_to_the_workspace() -> None:
    # GitHub places annotations by repository-relative path.
    result = run_lzlint(["--format", "github", "--select", "Q301", str(SEEDS / "000_01a9da65d0d1e63d.txt")], cwd=ROOT)
    name, properties, _ = parse_workflow_command(result.stdout.strip())
    assert (name, properties["file"]) == ("error", SEED_000)

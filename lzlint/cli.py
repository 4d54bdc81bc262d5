"""The `lzlint` command: arguments → settings → rules → lint → output → exit status.

Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage
error or unreadable input, rules or config.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import click

from lzlint import __version__
from lzlint.cache import DEFAULT_CACHE_DIR, ResultCache, rules_fingerprint
from lzlint.config import Settings, load_settings
from lzlint.diagnostic import SEVERITIES, SEVERITY_RANK
from lzlint.document import Vocabulary
from lzlint.engine import FileResult
from lzlint.errors import LzlintError
from lzlint.formatters import FORMATTERS, OutputOptions
from lzlint.parallel import LintJob, default_jobs, lint_files
from lzlint.paths import collect_files
from lzlint import progress
from lzlint import rule_docs
from lzlint.rule_examples import check_examples
from lzlint.rules import Rule, default_rules_dir, load_rules
from lzlint.segment import Segmenter
from lzlint.selection import select_rules


class Fatal(click.ClickException):
    """Ends the run with one line on stderr and exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"lzlint: error: {self.message}", err=True)


def _fail(exc: LzlintError) -> NoReturn:
    raise Fatal(str(exc)) from None


class _DefaultCheckGroup(click.Group):
    """`lzlint PATH…` runs the check command; `lzlint test-rules DIR` the other."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: Sequence[str]) -> tuple[str, ...] | None:
    """Comma-separated, repeatable option values; None when not given."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _vocabulary() -> Vocabulary:
    return Vocabulary.load(default_rules_dir() / "lexicon")


def _rule_directories(settings: Settings) -> list[Path]:
    return ([] if settings.no_default_rules else [default_rules_dir()]) + list(settings.rules)


def _cache(settings: Settings, enabled: Sequence[Rule], directory: Path) -> ResultCache:
    lexicon = default_rules_dir() / "lexicon"
    return ResultCache(directory, rules_fingerprint(_rule_directories(settings), lexicon, enabled, Segmenter().backend))


def _load_rules(settings: Settings) -> tuple[Rule, ...]:
    rules = load_rules(_rule_directories(settings))
    by_code = {r.code: r for r in rules}
    for code, severity in settings.severity.items():
        if code not in by_code:
            raise LzlintError(f"{settings.source}: severity names unknown rule {code}")
    return tuple(r.with_severity(settings.severity[r.code]) if r.code in settings.severity else r for r in rules)  # type: ignore[arg-type]


def _statistics(results: Sequence[FileResult]) -> str:
    counts = Counter((d.code, d.name, d.severity) for r in results for d in r.diagnostics)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{n:>{width}}  {code}  {severity:<7}  {name}\n" for (code, name, severity), n in rows)


def _exit_status(results: Sequence[FileResult], fail_on: str, exit_zero: bool) -> int:
    if any(r.error for r in results):
        return 2
    if exit_zero:
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return int(any(SEVERITY_RANK[d.severity] >= threshold for r in results for d in r.diagnostics))


@click.group(cls=_DefaultCheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """lzlint: 法治政府建设年度报告检查工具."""


@cli.command("check", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True, help="Output format.")
@click.option("--select", multiple=True, metavar="CODES", help="Rules to enable (codes or prefixes, comma-separated; ALL).")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to enable on top of --select.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules to disable (codes or prefixes).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None, help="Lowest severity that fails the run (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="Config file (default: nearest .lzlint.yaml).")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path), help="Directory of extra YAML rules (repeatable).")
@click.option("--no-default-rules", is_flag=True, default=None, help="Do not load the built-in rule pack.")
@click.option("--statistics", is_flag=True, help="Print the count of findings per rule instead of the findings.")
@click.option("--list-rules", is_flag=True, help="List the available rules and exit.")
@click.option("--explain", "explain_code", metavar="CODE", help="Explain a rule and exit.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: only on a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Files linted in parallel (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache of findings.")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None, help=f"Cache directory (default: {DEFAULT_CACHE_DIR}).")
@click.version_option(__version__, "--version", prog_name="lzlint")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    config_path: Path | None,
    rule_dirs: tuple[Path, ...],
    no_default_rules: bool | None,
    statistics: bool,
    list_rules: bool,
    explain_code: str | None,
    quiet: bool,
    color: bool | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Check report drafts (files, directories of *.txt/*.md, or - for stdin)."""
    try:
        settings = load_settings(
            config_path,
            Path.cwd(),
            {
                "select": _split(select),
                "extend_select": _split(extend_select),
                "ignore": _split(ignore),
                "fail_on": fail_on,
                "rules": tuple(rule_dirs) or None,
                "no_default_rules": no_default_rules,
            },
        )
        rules = _load_rules(settings)
        if list_rules:
            click.echo(rule_docs.list_rules(rules), nl=False)
            return
        if explain_code is not None:
            match = [r for r in rules if r.code == explain_code.upper() or r.name == explain_code]
            if not match:
                raise LzlintError(f"--explain: no rule {explain_code!r} (see lzlint --list-rules)")
            click.echo(rule_docs.explain(match[0]), nl=False)
            return
        enabled = select_rules(rules, settings.select, settings.extend_select, settings.ignore)
        files = collect_files(paths or (".",))
        cache = None if no_cache else _cache(settings, enabled, cache_dir or Path(DEFAULT_CACHE_DIR))
        job = LintJob(enabled, settings, partial(Vocabulary.load, default_rules_dir() / "lexicon"), cache)
        show_bar = progress.wanted(len(files), quiet)
        with progress.progress_bar(len(files)) if show_bar else nullcontext(None) as advance:
            results = lint_files(files, job, jobs or default_jobs(), advance)
    except LzlintError as exc:
        _fail(exc)
    for result in results:
        if result.error:
            click.echo(f"lzlint: error: {result.error}", err=True)
    use_color = sys.stdout.isatty() if color is None else color
    linted = [r for r in results if r.error is None]
    if statistics:
        click.echo(_statistics(linted), nl=False)
    else:
        out = FORMATTERS[output_format](linted, OutputOptions(color=use_color, quiet=quiet))
        click.echo(out, nl=False, color=use_color)
    sys.exit(_exit_status(results, settings.fail_on, exit_zero))


@cli.command("test-rules")
@click.argument("directories", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Also list the examples that pass.")
def test_rules(directories: tuple[Path, ...], verbose: bool) -> None:
    """Run every rule in DIRECTORIES against its own examples."""
    try:
        rules = load_rules(directories)
        outcomes = check_examples(rules, _vocabulary())
    except LzlintError as exc:
        _fail(exc)
    failed = [o for o in outcomes if not o.passed]
    for o in outcomes:
        if o.passed and not verbose:
            continue
        first = o.text.strip().split("\n")[0]
        if o.passed:
            click.echo(f"ok    {o.rule.code} {o.expect}: {first}")
        elif o.expect == "bad":
            click.echo(f"FAIL  {o.rule.code} bad example did not fire: {first}")
        else:
            click.echo(f"FAIL  {o.rule.code} good example fired: {first}")
            for d in o.findings:
                click.echo(f"        {d.line}:{d.column}: {d.message}")
    click.echo(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="lzlint")
    except BrokenPipeError:
        sys.exit(0)


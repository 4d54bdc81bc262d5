"""The `lzlint` command: arguments → settings → rules → lint → output → exit status.

Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage
error or unreadable input, rules or config.
"""

from __future__ import annotations

import copy
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from lzlint import __version__, folder
from lzlint.diagnostic import SEVERITIES, SEVERITY_RANK
from lzlint.errors import LzlintError
from lzlint.folder import digest_options as folder_digest
from lzlint.locale import (
    LANGUAGES,
    _,
    language,
    ngettext,
    set_language,
    translate_click,
)
from lzlint.model.document import Vocabulary
from lzlint.model.segment import Segmenter
from lzlint.outputs import progress
from lzlint.outputs.formatters import FORMATTERS, OutputOptions, file_part
from lzlint.outputs.formatters.position import printable
from lzlint.outputs.output_file import pieces, refuse_overwriting_inputs, write_output
from lzlint.ruleset.rules import Rule, default_rules_dir, load_rules
from lzlint.ruleset.selection import check_selectors, select_rules
from lzlint.run.cache import DEFAULT_CACHE_DIR, ResultCache, rules_fingerprint
from lzlint.run.config import Settings, load_settings
from lzlint.run.engine import FileResult
from lzlint.run.gate import (
    UNCHECKED_CODE,
    UNCHECKED_NAME,
    skip_markdown_notes,
    unchecked_result,
    unread_result,
)
from lzlint.run.parallel import Linting, LintJob, Workers, default_jobs, start_linting
from lzlint.run.paths import FileSelection, select_files
from lzlint.run.prepare import configured_rules as _load_rules
from lzlint.run.prepare import rule_directories as _rule_directories
from lzlint.sources.text import codec_name

if TYPE_CHECKING:
    from lzlint.folder.roster import RosterStatus

# Exit status after Ctrl-C: 128 + SIGINT, as shells report it.
INTERRUPTED = 130


class Fatal(click.ClickException):
    """Ends the run with one line on stderr and exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(_("lzlint: error: {message}").format(message=printable(self.message)), err=True)


def _fail(exc: LzlintError) -> NoReturn:
    raise Fatal(str(exc)) from None


class _DefaultCheckGroup(click.Group):
    """`lzlint PATH…` runs the check command; `lzlint test-rules DIR` the other."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # The language is chosen before click parses, so its own errors are in it too.
        set_language(_requested_language(args))
        if not args or args[0] not in self.commands:
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _requested_language(args: Sequence[str]) -> str | None:
    """The value of --lang among the arguments, if any (click checks it later)."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


class _TranslatedCommand(click.Command):
    """Help texts are translated when shown: the decorators run before --lang is read."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown = copy.copy(self)
        shown.help = _(self.help) if self.help else self.help
        shown.epilog = _(self.epilog) if self.epilog else self.epilog
        shown.params = [_translated(p) for p in self.params]
        click.Command.format_help(shown, ctx, formatter)


def _translated(param: click.Parameter) -> click.Parameter:
    if not isinstance(param, click.Option) or not param.help:
        return param
    shown = copy.copy(param)
    shown.help = _(param.help)
    return shown


_DefaultCheckGroup.command_class = _TranslatedCommand
translate_click()


def _split(values: Sequence[str]) -> tuple[str, ...] | None:
    """Comma-separated, repeatable option values; None when not given."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _vocabulary(settings: Settings | None = None) -> Vocabulary:
    return Vocabulary.load(default_rules_dir() / "lexicon", settings.words if settings else ())


def _cache(settings: Settings, enabled: Sequence[Rule], directory: Path) -> ResultCache:
    lexicon = default_rules_dir() / "lexicon"
    # Besides the rule files: what else changes findings (--year, extra words) and notes (the language).
    extra = f"year {settings.year}\nwords {sorted(settings.words)}\nlanguage {language()}\n"
    return ResultCache(directory, rules_fingerprint(_rule_directories(settings), lexicon, enabled, Segmenter().backend, extra))


def _statistics(results: Sequence[FileResult], as_json: bool) -> str:
    """Findings per rule, most frequent first: a table, or (--format json) a JSON array as ruff writes."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for r in results:
        for code, name, severity, n in r.diagnostics.tally.rules:
            counts[code, name, severity] += n
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if as_json:
        entries = [{"code": code, "name": name, "severity": severity, "count": n} for (code, name, severity), n in rows]
        return json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{n:>{width}}  {code}  {_(severity):<7}  {name}\n" for (code, name, severity), n in rows)


def _too_many_warnings(results: Sequence[FileResult], max_warnings: int | None) -> bool:
    if max_warnings is None:
        return False
    warnings = sum(r.diagnostics.tally.count("warning") for r in results)
    if warnings > max_warnings:
        click.echo(ngettext("lzlint: {count} warning, more than --max-warnings {limit}", "lzlint: {count} warnings, more than --max-warnings {limit}", warnings).format(count=warnings, limit=max_warnings), err=True)
        return True
    return False


def _exit_status(results: Sequence[FileResult], fail_on: str, exit_zero: bool, max_warnings: int | None = None) -> int:
    if any(r.error for r in results):
        return 2
    if exit_zero:
        return 0
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[severity] >= threshold for r in results for _, _, severity, _ in r.diagnostics.tally.rules)
    return int(_too_many_warnings(results, max_warnings) or failed)


def _reports_only(selection: FileSelection, settings: Settings) -> tuple[list[Path | str], list[str]]:
    """The files to lint, less walked Markdown files that are no report; the notes to print."""
    if not any(path.suffix.lower() == ".md" for path in selection.walked):
        return selection.files, list(selection.notes)
    from lzlint.model.lexicon import load_lexicon

    lexicon = load_lexicon(default_rules_dir() / "lexicon")
    files, skipped = skip_markdown_notes(selection.files, selection.walked, lexicon, settings.encoding)
    return files, [*selection.notes, *skipped]


def _this_year(files: list[Path | str], previous_dir: Path | None, settings: Settings) -> tuple[list[Path | str], list[Path | str], list[str]]:
    """The files to check, last year's reports (for R102, not checked themselves), and what to tell.

    Last year's come from --previous, or from a folder laid out by year
    (reports/2024/…, reports/2025/…), whose latest year is the one checked.
    """
    from lzlint.folder.carried_over import split_by_year

    if previous_dir is not None:
        if not previous_dir.is_dir():
            raise LzlintError(_("--previous {path}: not a folder of last year's reports").format(path=previous_dir))
        previous, _skipped = _reports_only(select_files((str(previous_dir),), settings.exclude, settings.root), settings)
        if not previous:
            raise LzlintError(_("--previous {path}: no .txt, .md or .docx file in it").format(path=previous_dir))
        return files, previous, []
    split = split_by_year([str(f) for f in files])
    if split is None:
        return files, [], []
    by_name = {str(f): f for f in files}
    note = _("checking the {year} reports ({n}); the {previous_year} ones ({m}) are last year's, read for R102 only").format(
        year=split.year, n=len(split.current), previous_year=split.previous_year, m=len(split.previous)
    )
    if split.older:
        note += _("; {n} older ones are left out").format(n=len(split.older))
    return [by_name[p] for p in split.current], [by_name[p] for p in split.previous], [note]


def _previous_year_job(job: LintJob) -> LintJob:
    """How last year's reports are read for R102: only digested, no rule run (their cache entries hold digests only).

    Their text is not kept: a province's 10,000 reports would be sent back from the workers and held for nothing.
    """
    from dataclasses import replace

    cache = job.cache.derived("previous-year digests") if job.cache is not None else None
    digest = replace(job.digest, sections=False) if job.digest is not None else None
    return replace(job, rules=(), cache=cache, part=None, digest=digest, keep_text=False)


def _check_folder(results: list[FileResult], reading: Linting | None, job: LintJob) -> tuple[list[FileResult], list[FileResult]]:
    """The results with the findings of the checks over the whole folder (R101, R102) added, and last year's read.

    `reading`: last year's reports, handed to the workers after this year's.
    """
    last_year: list[FileResult] = []
    year = None
    if reading is not None:
        with folder.collector_paused():
            if reading.waiting:
                # While the workers read last year's reports, this year's copies are worked out here.
                year = folder.this_year(results, job.rules, job.settings.roster, previous=True)
            last_year = reading.results()
    fingerprint = folder.folder_fingerprint(results, last_year, job.rules, job.settings) if job.cache is not None else None
    cached = job.cache.load_folder(fingerprint) if job.cache is not None and fingerprint is not None else None
    if cached is not None:
        return folder.with_cached(results, cached, job.part), last_year
    with folder.collector_paused():
        found = folder.check_folder(results, last_year, job.rules, job.settings.roster, year)
    merged, added = folder.with_findings(results, found, job.settings, job.part)
    if job.cache is not None and fingerprint is not None:
        job.cache.store_folder(fingerprint, added)
    return merged, last_year


def _rule_documentation(rules: Sequence[Rule], list_rules: bool, explain_code: str | None) -> str | None:
    """What --list-rules or --explain prints, or None when neither was given."""
    if not list_rules and explain_code is None:
        return None
    from lzlint.ruleset import docs as rule_docs

    if list_rules:
        return rule_docs.list_rules(rules)
    match = [r for r in rules if r.code == str(explain_code).upper() or r.name == explain_code]
    if not match and str(explain_code).upper() in (UNCHECKED_CODE, UNCHECKED_NAME.upper()):
        return rule_docs.explain_unchecked()
    if not match:
        raise LzlintError(_("--explain: no rule {code!r} (see lzlint --list-rules)").format(code=explain_code))
    return rule_docs.explain(match[0])


def _config_file(paths: Sequence[str]) -> Path | None:
    """The nearest config of the current directory; else, for one folder checked, the folder's (lzlint reports/ from outside).

    A county office keeps its roster in reports/.lzlint.yaml and runs lzlint from
    wherever it is; the current directory's own config, when there is one, wins.
    """
    from lzlint.run.config import find_config

    found = find_config(Path.cwd())
    if found is None and len(paths) == 1 and os.path.isdir(paths[0]):
        found = find_config(Path(paths[0]).resolve())
    return found


def _tell_misplaced(results: Sequence[FileResult], last_year: Sequence[FileResult]) -> None:
    """A note for each report whose own year says it lies in the wrong year's folder, or is not last year's."""
    from lzlint.folder.carried_over import misplaced

    def years(found: Sequence[FileResult]) -> list[tuple[str, int | None]]:
        return [(r.path, r.digest.load().year) for r in found if r.digest is not None and r.error is None]

    for path, year, where, previous in misplaced(years(results), years(last_year)):
        if previous:
            note = _("{path}: read as last year's report, but it is the report of {year}").format(path=printable(path), year=year)
        else:
            note = _("{path}: the report of {year} lies in the folder of {folder}").format(path=printable(path), year=year, folder=where)
        click.echo(_("lzlint: note: {note}").format(note=note), err=True)


def _tell_on_stderr(
    results: Sequence[FileResult], verbose: bool, roster: RosterStatus | None = None, last_year: Mapping[str, Sequence[str]] | None = None
) -> None:
    """Each unreadable input's error, and with --verbose how each file was read.

    And which roster unit it counts for; with last year's reports (`last_year`:
    folder.last_year_of), which of them R102 compared it with.
    """
    from lzlint.folder.roster import STATUS_ZH

    for result in results:
        if verbose:
            notes = list(result.notes)
            counted = roster.unit_of(result.path) if roster is not None and not result.roster_file else None
            if counted is not None and counted[1] == "unlisted":
                notes.append(_("{unit} is not on the roster").format(unit=counted[0]))
            elif counted is not None:
                notes.append(_("counted for {unit} on the roster ({status})").format(unit=counted[0], status=STATUS_ZH[counted[1]]))
            if last_year is not None and result.path in last_year:
                earlier = last_year[result.path]
                if earlier:
                    notes.append(_("R102 compared it with last year's {paths}").format(paths=", ".join(printable(p) for p in earlier)))
                else:
                    notes.append(_("no report of last year's is of the same unit: R102 had nothing to compare it with"))
            for note in notes:
                click.echo(_("lzlint: {path}: {note}").format(path=printable(result.path), note=note), err=True)
        if result.error:
            click.echo(_("lzlint: error: {message}").format(message=printable(result.error)), err=True)


def _tell_what_was_written(
    output_path: Path | None,
    output_format: str,
    statistics: bool,
    annotate_dir: Path | None,
    copies: Sequence[Path],
    shown: Sequence[FileResult],
    unreadable: int,
) -> None:
    """On stderr, for a run whose output went to files (the reviewer's): what went where, and the summary."""
    from lzlint.outputs.formatters.text import summary

    if output_path is not None:
        if statistics:
            click.echo(_("lzlint: wrote the statistics to {path}").format(path=output_path), err=True)
        else:
            click.echo(_("lzlint: wrote the {format} output to {path}").format(format=output_format, path=output_path), err=True)
    if annotate_dir is not None:
        click.echo(
            ngettext(
                "lzlint: wrote {count} Word copy with comments to {folder}",
                "lzlint: wrote {count} Word copies with comments to {folder}",
                len(copies),
            ).format(count=len(copies), folder=annotate_dir),
            err=True,
        )
    elif copies:
        click.echo(_("lzlint: wrote the Word copy with comments to {path}").format(path=copies[0]), err=True)
    for line in summary(shown, unreadable).splitlines():
        click.echo(_("lzlint: {line}").format(line=line), err=True)


def _check_xlsx_output(output_path: Path | None, statistics: bool) -> None:
    """--format xlsx: a binary workbook, so only to a file (-o), never a terminal; openpyxl installed."""
    if statistics:
        raise LzlintError(_("--statistics has no xlsx form: use --format text or json with it"))
    if output_path is None:
        raise LzlintError(_("--format xlsx writes a binary workbook: give -o FILE.xlsx"))
    try:
        fd = os.open(output_path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0)) if output_path.exists() and not output_path.is_file() else None
    except OSError:
        fd = None
    if fd is not None:
        try:
            if os.isatty(fd):
                raise LzlintError(_("{path}: is a terminal; --format xlsx writes a binary workbook to a file").format(path=output_path))
        finally:
            os.close(fd)
    try:
        import openpyxl  # noqa: F401  (only asked for here: other formats never load it)
    except ImportError:
        from lzlint.outputs.formatters.xlsx import install_hint

        raise LzlintError(install_hint()) from None


def _emit(out: str, output_path: Path | None, color: bool) -> None:
    """The output, to -o FILE or to stdout."""
    if output_path is not None:
        write_output(output_path, out)
        return
    for piece in pieces(out):
        click.echo(piece, nl=False, color=color)


def _run_fixes(files: Sequence[Path | str], rules: Sequence[Rule], vocabulary: Vocabulary, settings: Settings, *, diff: bool, show_fixes: bool, unsafe: bool, quiet: bool, output_path: Path | None) -> list[FileResult]:
    """--fix / --diff over every file; returns what remains in each.

    The diffs (or the fixed standard input) go where -o says, else to stdout.
    """
    from lzlint.run.fix import fix_file

    results: list[FileResult] = []
    printed: list[str] = []
    for path in files:
        outcome = fix_file(path, rules, vocabulary, settings, write=not diff, unsafe=unsafe)
        if outcome.refusal:
            click.echo(_("lzlint: note: {note}").format(note=printable(outcome.refusal)), err=True)
        if diff:
            printed.append(outcome.diff)
        elif path == "-":
            printed.append(outcome.text)
        if show_fixes and outcome.result.fixed:
            click.echo(_("Fixed in {path}:").format(path=outcome.result.path), err=True)
            for d in outcome.result.fixed:
                click.echo(f"  {d.line}:{d.column}: {d.code} {d.message}", err=True)
        results.append(outcome.result)
    if printed or output_path is not None:
        _emit("".join(printed), output_path, False)
    if not quiet:
        count = sum(len(r.fixed) for r in results)
        done = ngettext("Would fix {count} finding.", "Would fix {count} findings.", count) if diff else ngettext("Fixed {count} finding.", "Fixed {count} findings.", count)
        click.echo(done.format(count=count), err=True)
    return results


@click.group(cls=_DefaultCheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """lzlint: 法治政府建设年度报告检查工具."""


_EPILOG = """\b
Exit status: 0 no finding at or above --fail-on; 1 such findings;
2 usage error, unreadable input, invalid rule or config, or nothing
to check.

\b
Other commands: lzlint test-rules DIR... runs the rules in DIR
against their own examples; lzlint serve starts the web page
(see lzlint serve --help).
"""


@cli.command("check", context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG)
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
@click.option("--exclude", multiple=True, metavar="PATTERNS", help="Gitignore-style patterns of files and folders to skip when walking folders (repeatable, comma-separated; added to the config's exclude).")
@click.option("--max-warnings", type=click.IntRange(min=0), default=None, metavar="N", help="Fail (exit 1) when there are more than N warnings.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Record all current findings in this baseline file and exit 0.")
@click.option("--statistics", is_flag=True, help="Print the count of findings per rule instead of the findings.")
@click.option("--list-rules", is_flag=True, help="List the available rules and exit.")
@click.option("--explain", "explain_code", metavar="CODE", help="Explain a rule and exit.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: only on a terminal).")
@click.option("--fix", is_flag=True, help="Apply the fixes of fixable findings to the files.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--show-fixes", is_flag=True, help="List the findings that were fixed (on stderr).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning.")
@click.option("--year", type=click.IntRange(1990, 2100), default=None, help="Report year (default: from the title, a heading or the body).")
@click.option("--encoding", metavar="NAME", default=None, help="Encoding of text inputs, e.g. gb18030 (default: detect).")
@click.option("-v", "--verbose", is_flag=True, help="Tell on stderr how each file was read (encoding, line ends, kind).")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="LZLINT_LANG", default="zh", show_default=True, help="Language of everything but the findings (also $LZLINT_LANG; not taken from LANG).")
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the output to FILE (UTF-8) instead of standard output.")
@click.option("--annotate", "annotate_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write a .docx copy of the one input with a Word comment per finding.")
@click.option("--annotate-dir", "annotate_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Write a commented .docx copy of each input into DIR.")
@click.option("--previous", "previous_dir", type=click.Path(path_type=Path), default=None, help="Last year's reports (a folder): R102 reports paragraphs carried over from the same unit's report.")
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
    exclude: tuple[str, ...],
    max_warnings: int | None,
    baseline_file: Path | None,
    write_baseline_file: Path | None,
    statistics: bool,
    list_rules: bool,
    explain_code: str | None,
    quiet: bool,
    color: bool | None,
    fix: bool,
    diff: bool,
    show_fixes: bool,
    unsafe_fixes: bool,
    year: int | None,
    encoding: str | None,
    verbose: bool,
    lang: str,
    output_path: Path | None,
    annotate_path: Path | None,
    annotate_dir: Path | None,
    previous_dir: Path | None,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Check report drafts (files, directories of *.txt/*.md/*.docx, or - for stdin)."""
    # What only some options use is imported where used: a one-report run
    # pays for every module it imports, and import time is most of such a run.
    try:
        settings = load_settings(
            config_path if config_path is not None else _config_file(paths),
            Path.cwd(),
            {
                "select": _split(select),
                "extend_select": _split(extend_select),
                "ignore": _split(ignore),
                "fail_on": fail_on,
                "rules": tuple(rule_dirs) or None,
                "no_default_rules": no_default_rules,
                "year": year,
                "encoding": None if encoding is None else codec_name(encoding),
                "exclude": _split(exclude),
            },
        )
        rules = _load_rules(settings)
        about_rules = _rule_documentation(rules, list_rules, explain_code)
        if about_rules is not None:
            _emit(about_rules, output_path, False)
            return
        enabled = select_rules(rules, settings.select, settings.extend_select, settings.ignore)
        for pattern, selectors in settings.per_file_ignores.items():
            check_selectors(selectors, rules, f"{settings.source}: per-file-ignores {pattern!r}")
        # A CI gate that checks nothing must not pass: no rule or no file is an error.
        if not enabled:
            raise LzlintError(_("no rule is enabled: --select, --ignore and the config leave none (see lzlint --list-rules)"))
        selection = select_files(paths or (".",), settings.exclude, settings.root)
        files, notes = _reports_only(selection, settings)
        files, previous, year_notes = _this_year(files, previous_dir, settings)
        notes += year_notes
        if not files and not selection.unchecked:
            for note in notes:
                click.echo(_("lzlint: note: {note}").format(note=note), err=True)
            raise LzlintError(_("no .txt, .md or .docx file to check in {paths}").format(paths=", ".join(paths or (".",))))
        if baseline_file or write_baseline_file:
            from lzlint.run.baseline import load_baseline, new_findings, write_baseline
        if output_format == "xlsx" and not (list_rules or explain_code):
            _check_xlsx_output(output_path, statistics)
        recorded = load_baseline(baseline_file) if baseline_file and not write_baseline_file else None
        refuse_overwriting_inputs(files, [p for p in (output_path, write_baseline_file) if p is not None])
        annotations = None
        if annotate_path or annotate_dir:
            from lzlint.outputs.annotate import plan_outputs, write_annotations

            annotations = plan_outputs(files, annotate_path, annotate_dir)
        vocabulary = partial(Vocabulary.load, default_rules_dir() / "lexicon", settings.words)
    except LzlintError as exc:
        _fail(exc)
    for note in notes:
        click.echo(_("lzlint: note: {note}").format(note=note), err=True)
    use_color = (sys.stdout.isatty() and output_path is None) if color is None else color
    last_year: list[FileResult] = []  # read for R102
    try:
        if fix or diff:
            results = _run_fixes(
                files, enabled, vocabulary(), settings, diff=diff, show_fixes=show_fixes, unsafe=unsafe_fixes, quiet=quiet, output_path=output_path
            )
            if diff:
                sys.exit(2 if any(r.error for r in results) else 0 if exit_zero else int(any(r.fixed for r in results)))
            if "-" in files:
                sys.exit(_exit_status(results, settings.fail_on, exit_zero, max_warnings))
        else:
            cache = None if no_cache else _cache(settings, enabled, cache_dir or Path(DEFAULT_CACHE_DIR))
            # The output's per-file parts are rendered beside linting (and cached) when they will be printed.
            part = None if statistics or write_baseline_file else file_part(output_format, use_color)
            # The folder checks need each report's digest: only when they have reports to compare.
            digest = folder_digest(enabled, reports=len(files), previous=bool(previous))
            job = LintJob(enabled, settings, vocabulary, cache, part, digest)
            kinds = (job, _previous_year_job(job)) if digest is not None and previous else (job,)
            show_bar = progress.wanted(len(files), quiet)
            with Workers(jobs or default_jobs(), kinds, len(files) + len(previous) * (len(kinds) - 1)) as workers:
                with progress.progress_bar(len(files)) if show_bar else nullcontext(None) as advance:
                    linting = start_linting(files, 0, workers)
                    # Last year's reports go to the workers after this year's: read as soon as they are free.
                    reading = start_linting(previous, 1, workers) if len(kinds) > 1 else None
                    # With digests, each result brings its paragraphs: a province's hundreds of thousands of
                    # objects, none in a cycle, that the collector would walk again and again as they arrive.
                    with folder.collector_paused() if digest is not None else nullcontext():
                        results = linting.results(advance)
                if digest is not None:
                    results, last_year = _check_folder(results, reading, job)
    except LzlintError as exc:
        _fail(exc)
    # Folder checks (issue 16, the roster R201-R203): over every report of a folder or of several files.
    # Who sent nothing only when given a folder: a pre-commit hook passes the files it changes.
    roster = None
    whole_folder = any(os.path.isdir(p) for p in paths)
    if settings.roster is not None and not (fix or diff) and (len(files) > 1 or whole_folder):
        from lzlint.folder.roster import check_roster, roster_status, with_findings

        roster = roster_status(results, settings.roster, complete=whole_folder)
        results = with_findings(results, check_roster(results, enabled, settings, complete=whole_folder), settings)
    if last_year:
        _tell_misplaced(results, last_year)
    compared = folder.last_year_of(results, last_year, settings.roster) if verbose and last_year and any(r.check == folder.CARRIED_OVER for r in enabled) else None
    _tell_on_stderr(results, verbose, roster, compared)
    linted = [r for r in results if r.error is None]
    if write_baseline_file is not None:
        try:
            count = write_baseline(linted, write_baseline_file)
        except LzlintError as exc:
            _fail(exc)
        click.echo(ngettext("lzlint: recorded {count} finding in {path}", "lzlint: recorded {count} findings in {path}", count).format(count=count, path=write_baseline_file), err=True)
        sys.exit(2 if len(linted) < len(results) else 0)
    unreadable = [r for r in results if r.error]
    # Listed by every format and failing the run: files found but not checked, and those not read.
    unchecked = [unchecked_result(path, why) for path, why in selection.unchecked] + [unread_result(r) for r in unreadable]
    try:
        # Cached findings are decoded here, if at all: a damaged entry is found here.
        if recorded is not None and baseline_file is not None:
            linted = new_findings(linted, recorded, baseline_file)
        if statistics:
            out = _statistics([*linted, *unchecked], as_json=output_format == "json")
        else:
            options = OutputOptions(
                color=use_color,
                quiet=quiet,
                rules=enabled,
                fail_on=settings.fail_on,
                terminal=sys.stdout.isatty(),
                unreadable=tuple((r.path, r.error) for r in results if r.error),
                pre_commit=os.environ.get("PRE_COMMIT") == "1",  # pre-commit sets it for its hooks
                roster=roster,
            )
            if output_format == "xlsx" and output_path is not None:
                from lzlint.outputs.formatters.xlsx import workbook

                write_output(output_path, workbook([*linted, *unchecked], options))
            else:
                out = FORMATTERS[output_format]([*linted, *unchecked], options)
        if output_format != "xlsx" or statistics:
            _emit(out, output_path, use_color)
        absence = {r.code for r in enabled if r.kind.reports_absence}
        copies = write_annotations(results, annotations, vocabulary().lexicon.preamble_cues, absence) if annotations else []
    except LzlintError as exc:
        _fail(exc)
    if not quiet and (output_path is not None or annotations):
        _tell_what_was_written(output_path, output_format, statistics, annotate_dir, copies, [*linted, *unchecked], len(unreadable))
    sys.exit(_exit_status([*linted, *unreadable, *unchecked], settings.fail_on, exit_zero, max_warnings))


@cli.command("test-rules")
@click.argument("directories", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Also list the examples that pass.")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="LZLINT_LANG", default="zh", show_default=True, help="Language of everything but the findings (also $LZLINT_LANG; not taken from LANG).")
def test_rules(directories: tuple[Path, ...], verbose: bool, lang: str) -> None:
    """Run every rule in DIRECTORIES against its own examples."""
    from lzlint.ruleset.examples import check_examples

    try:
        rules = load_rules(directories)
        if not rules:  # nothing tested must not read as all passed
            raise LzlintError(_("no rule files (*.yaml) in {directories}").format(directories=", ".join(map(str, directories))))
        outcomes = check_examples(rules, _vocabulary())
    except LzlintError as exc:
        _fail(exc)
    failed = [o for o in outcomes if not o.passed]
    for o in outcomes:
        if o.passed and not verbose:
            continue
        first = o.text.strip().split("\n")[0]
        if o.passed:
            click.echo(_("ok    {code} {expect}: {text}").format(code=o.rule.code, expect=o.expect, text=first))
        elif o.expect == "bad":
            click.echo(_("FAIL  {code} bad example did not fire: {text}").format(code=o.rule.code, text=first))
        else:
            click.echo(_("FAIL  {code} good example fired: {text}").format(code=o.rule.code, text=first))
            for d in o.findings:
                click.echo(f"        {d.line}:{d.column}: {d.message}")
    click.echo(_("{passed} passed, {failed} failed").format(passed=len(outcomes) - len(failed), failed=len(failed)))
    sys.exit(1 if failed else 0)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 (every interface) requires an access token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None, help="Config file for every check (default: nearest .lzlint.yaml).")
@click.option("--token", envvar="LZLINT_TOKEN", default=None, help="Access token clients must send; also from $LZLINT_TOKEN (default: none on loopback, generated and printed otherwise).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True, help="Checks running at once.")
@click.option("--queue", type=click.IntRange(min=0), default=8, show_default=True, help="Requests waiting for a worker; more get 503.")
@click.option("--max-file-mb", type=click.IntRange(min=1), default=20, show_default=True, help="Largest uploaded file.")
@click.option("--max-request-mb", type=click.IntRange(min=1), default=100, show_default=True, help="Largest upload request.")
@click.option("--max-files", type=click.IntRange(min=1), default=20, show_default=True, help="Files in one request.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True, help="Seconds one request may take.")
@click.option("--max-memory-mb", type=click.IntRange(min=256), default=1024, show_default=True, help="Memory of one worker process (a ZIP bomb fails there).")
@click.option("--lang", type=click.Choice(LANGUAGES), envvar="LZLINT_LANG", default="zh", show_default=True, help="Language of everything but the findings (also $LZLINT_LANG; not taken from LANG).")
def serve(
    host: str,
    port: int,
    config_path: Path | None,
    token: str | None,
    workers: int,
    queue: int,
    max_file_mb: int,
    max_request_mb: int,
    max_files: int,
    timeout: float,
    max_memory_mb: int,
    lang: str,
) -> None:
    """Serve a web page (and POST /api/check) where drafts are dropped and checked; needs lzlint[web]."""
    try:
        from lzlint.web.limits import MB, Limits
        from lzlint.web.server import ServeOptions
        from lzlint.web.server import serve as run_server
    except ImportError as exc:
        raise Fatal(_("lzlint serve needs the web extra ({name} is missing): pip install 'lzlint[web]'").format(name=exc.name)) from None
    limits = Limits(max_file_mb * MB, max_request_mb * MB, max_files, timeout, workers, queue, worker_bytes=max_memory_mb * MB)
    try:
        run_server(ServeOptions(host, port, config_path, token, limits))
    except LzlintError as exc:
        _fail(exc)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; on a closed pipe or a full disk that
    # would print a second error, so stdout goes to /dev/null from here on.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console-script entry point: every failure is one line on stderr and an exit status."""
    # A file name that is not UTF-8 (GBK names unpacked from a Windows ZIP) is
    # printed as the bytes it has, as ls would, rather than stopping the run.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="surrogateescape")
    try:
        status = cli.main(prog_name="lzlint", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(_("lzlint: error: {message} (see lzlint --help)").format(message=exc.format_message().rstrip(".。")), err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        click.echo(_("lzlint: aborted"), err=True)
        # Ctrl-C ends with 128 + SIGINT as shells expect; 1 would read as "findings".
        sys.exit(INTERRUPTED if isinstance(exc.__cause__, KeyboardInterrupt) else 1)
    except KeyboardInterrupt:  # outside click's own handling (while importing, say)
        click.echo(_("lzlint: aborted"), err=True)
        sys.exit(INTERRUPTED)
    except BrokenPipeError:  # the reader went away (lzlint … | head): not an error
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:  # stdout on a full disk, say
        _silence_stdout()
        click.echo(_("lzlint: error: cannot write the output: {reason}").format(reason=exc.strerror or exc), err=True)
        sys.exit(2)
    sys.exit(status if isinstance(status, int) else 0)


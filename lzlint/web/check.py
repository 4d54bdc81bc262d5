"""What a worker does with one request's uploads: the run of the command line, in a folder that is gone when it returns.

Each upload is written to its own numbered folder inside a fresh temporary
folder (mode 0700) under the server's upload root, read by the normal reader
(the same suffix rules, refusals and one-line reasons as `lzlint FILE`),
linted with the server's rules and settings, and, for the page, turned into
the review outputs the command line writes: the HTML report, JSON, an
overview table, a Word copy with comments, and for text inputs the fixed
text and its diff. The temporary folder is removed before this returns,
whatever happens; nothing is cached (the result cache would keep drafts).

A file's name from the client is only its label: messages and findings say
`报告.docx`, never the temporary path.
"""

from __future__ import annotations

import csv
import io
import secrets
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from lzlint.errors import LzlintError
from lzlint.locale import language
from lzlint.model.document import Vocabulary
from lzlint.model.outline import build_outline
from lzlint.outputs.formatters import FORMATTERS, OutputOptions
from lzlint.ruleset.rules import Rule
from lzlint.run.config import Settings
from lzlint.run.engine import FileResult, active_rules, lint_source
from lzlint.run.fix import fix_source, unified_diff
from lzlint.sources import Source, read_source
from lzlint.web.uploads import Upload

# A file name longer than this (in UTF-8 bytes) is shortened on disk: most
# file systems stop at 255.
_MAX_NAME_BYTES = 160


@dataclass(frozen=True)
class CheckJob:
    """What every check of a server needs, fixed at start: the rules and settings of its --config."""

    rules: tuple[Rule, ...]
    settings: Settings
    vocabulary: Callable[[], Vocabulary]  # picklable (functools.partial of Vocabulary.load)
    upload_root: Path  # each request's temporary folder is made here
    # Said when reading or checking a file runs out of the worker's memory (a ZIP bomb).
    memory_refusal: Callable[[str], str] = lambda name: f"{name}: 解压后过大，超出单次检查的内存上限，未检查。"  # noqa: E731
    # The server's language (--lang) for the notes and errors its spawned workers write, as LintJob carries it.
    language: str = field(default_factory=language)


@dataclass(frozen=True)
class CheckRequest:
    uploads: tuple[Upload, ...]
    year: int | None = None
    outputs: bool = False  # also the review outputs (the page), not only the findings (the API)
    # The request's own folder under the upload root, named by the pool so that
    # it can remove the folder itself when it had to kill the worker.
    folder: str = ""


def request_folder(job: CheckJob, request: CheckRequest) -> Path:
    return job.upload_root / (request.folder or f"check-{secrets.token_hex(8)}")


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    data: bytes
    label: str  # what the page's link says


@dataclass(frozen=True)
class FileOutcome:
    name: str
    error: str | None
    findings: tuple[dict[str, Any], ...]  # the --format json contract, one object per finding
    downloads: tuple[Download, ...] = ()


@dataclass(frozen=True)
class CheckOutcome:
    files: tuple[FileOutcome, ...]
    report_html: str = ""  # the HTML report of every readable file (outputs only)
    downloads: tuple[Download, ...] = ()  # over all files: report, JSON, overview (outputs only)


def disk_name(name: str, index: int) -> str:
    """A name to write an upload under that keeps its suffix (the reader goes by it) and fits the file system."""
    if len(name.encode("utf-8")) <= _MAX_NAME_BYTES:
        return name
    suffix = PurePath(name).suffix[:16]
    return f"upload{index + 1}{suffix}"


def relabel(message: str, path: Path, name: str) -> str:
    """A reader's message about the temporary file, said about the upload instead."""
    return message.replace(str(path), name)


def _stem(name: str) -> str:
    return PurePath(name).stem or name


def _annotated(result: FileResult, path: Path, job: CheckJob, vocabulary: Vocabulary) -> Download | None:
    """The Word copy with a comment per finding, as --annotate writes it; None when it cannot be made."""
    from lzlint.outputs.annotate import annotate_text

    out = path.with_name("annotated.docx")
    headings = build_outline(result.lines, vocabulary.lexicon.preamble_cues)
    absence = {r.code for r in job.rules if r.kind.reports_absence}
    try:
        if result.position_unit == "paragraph":
            from lzlint.outputs.annotate_docx import annotate_docx

            # The copy is made from the uploaded file itself, which sits at `path`.
            annotate_docx(replace(result, path=str(path)), headings, absence, out)
        else:
            annotate_text(result, headings, absence, out)
    except LzlintError:
        return None
    return Download(f"{_stem(result.path)}（批注）.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", out.read_bytes(), "带批注的 Word 副本")


def _fixed(source: Source, rules: Sequence[Rule], settings: Settings, vocabulary: Vocabulary) -> tuple[Download, ...]:
    """The fixed text (in the file's own encoding) and its diff, as --fix and --diff give them; none when nothing is fixable."""
    if source.kind != "text":
        return ()
    outcome = fix_source(source, active_rules(rules, settings, source.path), vocabulary, settings.year)
    if not outcome.changed:
        return ()
    try:
        data = source.encode(outcome.source.text) if source.byte_exact else outcome.source.text.encode("utf-8")
    except UnicodeEncodeError:
        data = outcome.source.text.encode("utf-8")
    suffix = PurePath(source.path).suffix or ".txt"
    return (
        Download(f"{_stem(source.path)}（已修正）{suffix}", "text/plain; charset=utf-8", data, "自动修正后的文本"),
        Download(f"{_stem(source.path)}.diff", "text/x-diff; charset=utf-8", unified_diff(source, outcome.source).encode("utf-8"), "修正前后对照（diff）"),
    )


def _check_one(index: int, upload: Upload, folder: Path, job: CheckJob, settings: Settings, vocabulary: Vocabulary, outputs: bool) -> tuple[FileResult, FileOutcome]:
    path = folder / str(index) / disk_name(upload.name, index)
    path.parent.mkdir()
    path.write_bytes(upload.data)
    try:
        source = replace(read_source(path, settings.encoding), path=upload.name)
        result = lint_source(source, job.rules, vocabulary, settings)
    except LzlintError as exc:
        error = relabel(str(exc), path, upload.name)
        return FileResult(upload.name, error=error), FileOutcome(upload.name, error, ())
    except MemoryError:  # the worker's address-space limit: this file, not the request, fails
        error = job.memory_refusal(upload.name)
        return FileResult(upload.name, error=error), FileOutcome(upload.name, error, ())
    downloads: tuple[Download, ...] = ()
    if outputs:
        word = _annotated(result, path, job, vocabulary)
        downloads = (*((word,) if word else ()), *_fixed(source, job.rules, settings, vocabulary))
    return result, FileOutcome(upload.name, None, tuple(d.to_json() for d in result.diagnostics), downloads)


def overview_csv(results: Sequence[FileResult]) -> bytes:
    """One row per file: counts by severity, or why it could not be read. UTF-8 with BOM, so Excel reads the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["文件", "错误", "警告", "提示", "合计", "无法检查的原因"])
    for r in results:
        if r.error:
            writer.writerow([r.path, "", "", "", "", r.error])
        else:
            tally = r.diagnostics.tally
            counts = [tally.count(s) for s in ("error", "warning", "info")]
            writer.writerow([r.path, *counts, sum(counts), ""])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _overall(results: Sequence[FileResult], job: CheckJob) -> tuple[str, tuple[Download, ...]]:
    linted = [r for r in results if r.error is None]
    options = OutputOptions(rules=job.rules, fail_on=job.settings.fail_on, unreadable=tuple((r.path, r.error) for r in results if r.error))
    html = FORMATTERS["html"](linted, options) if linted else ""
    downloads = (
        *((Download("检查报告.html", "text/html; charset=utf-8", html.encode("utf-8"), "完整检查报告（HTML）"),) if html else ()),
        Download("检查结果.json", "application/json", FORMATTERS["json"](linted, options).encode("utf-8"), "全部问题（JSON）"),
        Download("总览.csv", "text/csv; charset=utf-8", overview_csv(results), "总览表（CSV，可用 Excel 打开）"),
    )
    return html, downloads


def check_uploads(request: CheckRequest, job: CheckJob, vocabulary: Vocabulary) -> CheckOutcome:
    """Check every upload of one request; the files written for it are removed before this returns."""
    settings = job.settings if request.year is None else replace(job.settings, year=request.year)
    results: list[FileResult] = []
    files: list[FileOutcome] = []
    folder = request_folder(job, request)
    folder.mkdir(mode=0o700)
    try:
        for index, upload in enumerate(request.uploads):
            result, outcome = _check_one(index, upload, folder, job, settings, vocabulary, request.outputs)
            results.append(result)
            files.append(outcome)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not request.outputs:
        return CheckOutcome(tuple(files))
    html, downloads = _overall(results, job)
    return CheckOutcome(tuple(files), html, downloads)

"""Baselines for gradual adoption: record today's findings, report only new ones.

A finding is keyed by (path, code, sha256 of its offending text), not by
line number, so adding a paragraph above it does not make it "new"
(lzlint/fingerprint.py). Paths are stored relative to the baseline file's
directory, so the file works from any working directory and in any clone.
Each key has a count: a report with the same typo three times and two in
the baseline shows one.

File format (JSON, sorted, meant to be committed and reviewed):

    {"lzlint-baseline": 1,
     "findings": [{"path": "reports/甲镇.txt", "code": "W703",
                   "message-sha256": "…", "count": 2}, …]}
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.run.engine import FileResult
from lzlint.run.findings import Findings
from lzlint.run.fingerprint import finding_key

FORMAT_VERSION = 1
_SHA256 = re.compile(r"[0-9a-f]{64}")

Key = tuple[str, str, str]  # path relative to the baseline, code, message hash


def _relative(path: str, baseline_file: Path) -> str:
    if path == "-":
        return path
    return Path(os.path.relpath(Path(path).resolve(), baseline_file.resolve().parent)).as_posix()


def _keys(result: FileResult, baseline_file: Path) -> list[Key]:
    path = _relative(result.path, baseline_file)
    return [finding_key(d, path) for d in result.diagnostics]


def write_baseline(results: Sequence[FileResult], baseline_file: Path) -> int:
    """Record every finding of `results` in `baseline_file`; returns how many."""
    counts = Counter(key for r in results for key in _keys(r, baseline_file))
    findings = [
        {"path": path, "code": code, "message-sha256": digest, "count": n}
        for (path, code, digest), n in sorted(counts.items())
    ]
    text = json.dumps({"lzlint-baseline": FORMAT_VERSION, "findings": findings}, ensure_ascii=False, indent=2) + "\n"
    try:
        baseline_file.write_bytes(text.encode("utf-8", "surrogateescape"))  # a non-UTF-8 file name keeps its bytes
    except OSError as exc:
        raise LzlintError(_("{baseline_file}: cannot write the baseline: {strerror}").format(baseline_file=baseline_file, strerror=exc.strerror)) from None
    return sum(counts.values())


def _entry(item: Any) -> tuple[Key, int] | None:
    if not isinstance(item, dict):
        return None
    path, code, digest, count = (item.get(k) for k in ("path", "code", "message-sha256", "count"))
    if not (isinstance(path, str) and isinstance(code, str) and isinstance(digest, str) and _SHA256.fullmatch(digest)):
        return None
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return None
    return (path, code, digest), count


def load_baseline(baseline_file: Path) -> Counter[Key]:
    """The recorded findings and their counts; a missing or malformed file is an LzlintError."""
    try:
        data = json.loads(baseline_file.read_bytes().decode("utf-8", "surrogateescape"))
    except FileNotFoundError:
        raise LzlintError(_("{baseline_file}: baseline file not found (create it with --write-baseline)").format(baseline_file=baseline_file)) from None
    except OSError as exc:
        raise LzlintError(_("{baseline_file}: cannot read the baseline: {strerror}").format(baseline_file=baseline_file, strerror=exc.strerror)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LzlintError(_("{baseline_file}: not a valid baseline file: {exc}").format(baseline_file=baseline_file, exc=exc)) from None
    if not isinstance(data, dict) or data.get("lzlint-baseline") != FORMAT_VERSION or not isinstance(data.get("findings"), list):
        raise LzlintError(_('{baseline_file}: not an lzlint baseline (expected {{"lzlint-baseline": {FORMAT_VERSION}, "findings": [...]}})').format(baseline_file=baseline_file, FORMAT_VERSION=FORMAT_VERSION))
    counts: Counter[Key] = Counter()
    for index, item in enumerate(data["findings"]):
        entry = _entry(item)
        if entry is None:
            raise LzlintError(_("{baseline_file}: findings[{index}] needs path, code, message-sha256 (64 hex digits) and count >= 1").format(baseline_file=baseline_file, index=index))
        counts[entry[0]] += entry[1]
    return counts


def new_findings(results: Sequence[FileResult], baseline: Counter[Key], baseline_file: Path) -> list[FileResult]:
    """`results` without the findings the baseline accounts for (each entry used at most `count` times)."""
    remaining = Counter(baseline)
    filtered = []
    for result in results:
        kept = []
        for d, key in zip(result.diagnostics, _keys(result, baseline_file)):
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(d)
        # Unchanged results keep their rendered parts (findings.Findings.parts).
        filtered.append(result if len(kept) == len(result.diagnostics) else replace(result, diagnostics=Findings(kept)))
    return filtered

"""What identifies a finding across edits: its file, its code and its message.

Line numbers shift whenever a paragraph is added above; the message does
not. Every rule's message quotes what it is about (the typo, the rate and its
counts, the artifact), so a changed finding gets a new identity; a finding
about something missing (no 落款, no 第一责任人 section) points at whatever
line is nearest, which moves with edits, but its message stays the same. The
baseline (lzlint/baseline.py) and GitLab's fingerprints both key findings
this way.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence

from lzlint.diagnostic import Diagnostic


def text_hash(text: str) -> str:
    """sha256 of the text with whitespace runs (incl. U+3000) collapsed and ends stripped.

    Re-wrapping a paragraph or trimming a trailing space is not a new finding.
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def finding_key(diagnostic: Diagnostic, path: str) -> tuple[str, str, str]:
    """(path, code, message hash): the identity of a finding across edits elsewhere."""
    return (path, diagnostic.code, text_hash(diagnostic.message))


def finding_keys(diagnostics: Sequence[Diagnostic], lines: Sequence[str], path: str) -> Iterator[tuple[str, str, str, int]]:
    """(path, code, message hash, occurrence) per finding, in order.

    The occurrence number tells apart identical findings in one file (the
    same typo twice): the first is 0, the next 1, counting in position order.
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    for d in diagnostics:
        key = finding_key(d, path)
        yield (*key, seen[key])
        seen[key] += 1


def fingerprint(key: tuple[str, str, str, int]) -> str:
    """One hex digest for a finding key: unique within a run, stable across edits elsewhere."""
    # surrogateescape: a file name that is not UTF-8 is hashed as its own bytes.
    return hashlib.sha256("\0".join(map(str, key)).encode("utf-8", "surrogateescape")).hexdigest()

"""The findings of one file, with their counts and their rendered output.

A folder re-run from the cache has tens of thousands of findings. Most runs
need of them only counts (the summary, --statistics, the exit status) and
the text a format prints for each file, which the cache also keeps. So the
findings of a cached file stay encoded until something reads them one by
one, and `Tally` answers the counting questions without them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from lzlint.diagnostic import (
    SEVERITIES,
    Diagnostic,
    Fix,
    Related,
    Replacement,
    Severity,
)
from lzlint.model.lazy_tuple import LazyTuple


@dataclass(frozen=True)
class Tally:
    """How many findings there are of each rule, and how many --fix can fix."""

    # (code, name, severity, count), sorted by code.
    rules: tuple[tuple[str, str, Severity, int], ...] = ()
    # Findings with a safe fix (applied by --fix without --unsafe-fixes).
    fixable: int = 0
    # Findings whose fix may change meaning (applied only with --unsafe-fixes).
    unsafe_fixable: int = 0

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Tally:
        counts: Counter[tuple[str, str, Severity]] = Counter()
        fixable = unsafe = 0
        for d in diagnostics:
            counts[d.code, d.name, d.severity] += 1
            if d.fix is not None:
                unsafe += d.fix.unsafe
                fixable += not d.fix.unsafe
        return cls(tuple((*rule, n) for rule, n in sorted(counts.items())), fixable, unsafe)

    def plus(self, other: Tally) -> Tally:
        """The tally of both sets of findings, as Tally.of would count them together."""
        counts: Counter[tuple[str, str, Severity]] = Counter()
        for code, name, severity, n in (*self.rules, *other.rules):
            counts[code, name, severity] += n
        return Tally(tuple((*rule, n) for rule, n in sorted(counts.items())), self.fixable + other.fixable, self.unsafe_fixable + other.unsafe_fixable)

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.rules)

    def count(self, severity: str) -> int:
        """Findings of one severity."""
        return sum(n for _, _, s, n in self.rules if s == severity)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, *_ in self.rules)


def _row(d: Diagnostic) -> list[Any]:
    fix = None if d.fix is None else [[r.line, r.column, r.end_line, r.end_column, r.text] for r in d.fix.replacements]
    unsafe = d.fix is not None and d.fix.unsafe
    row = [d.path, d.line, d.column, d.code, d.name, d.severity, d.message, d.end_line, d.end_column, fix, unsafe]
    if d.related:  # most findings have none: their rows stay as short as they were
        row.append([[r.path, r.line, r.column, r.end_line, r.end_column, r.what] for r in d.related])
    return row


def _from_row(row: list[Any]) -> Diagnostic:
    """The inverse of _row; raises ValueError/TypeError on anything malformed."""
    path, line, column, code, name, severity, message, end_line, end_column, fix, unsafe, *more = row
    # One expression, not generators: this runs once per encoded finding.
    if not (
        type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int
        and type(path) is str and type(code) is str and type(name) is str and type(message) is str
        and severity in SEVERITIES
    ):
        raise TypeError("malformed finding row")
    replacements = None
    if fix is not None:
        replacements = tuple(Replacement(int(a), int(b), int(c), int(e), str(t)) for a, b, c, e, t in fix)
    related: tuple[Related, ...] = ()
    if more:
        (places,) = more
        related = tuple(Related(str(p), int(a), int(b), int(c), int(e), str(w)) for p, a, b, c, e, w in places)
    fixed = None if replacements is None else Fix(replacements, unsafe=bool(unsafe))
    return Diagnostic(path, line, column, code, name, severity, message, end_line, end_column, fixed, related)


def encode_rows(diagnostics: Iterable[Diagnostic]) -> bytes:
    """Findings as one line of JSON (json.dumps escapes every newline in a string)."""
    return json.dumps([_row(d) for d in diagnostics], ensure_ascii=False).encode("utf-8", "surrogatepass")


def decode_rows(rows: bytes, tally: Tally) -> tuple[Diagnostic, ...]:
    """The inverse of encode_rows; ValueError or TypeError if malformed or not what `tally` counts."""
    found = tuple(_from_row(row) for row in json.loads(rows))
    if Tally.of(found) != tally:
        raise ValueError("encoded findings do not match their tally")
    return found


class Findings(LazyTuple[Diagnostic]):
    """A file's findings in order, possibly still encoded, with their Tally and rendered parts.

    `parts` maps a format key (formatters.FilePart.key) to what that format
    prints for exactly these findings; it is dropped whenever the findings
    change, since a new Findings is made then. Between processes findings
    travel encoded (encode_rows): a worker's findings cost the parent a few
    bytes each until something reads them, instead of a Diagnostic each.
    """

    __slots__ = ("_rows", "_on_damage", "tally", "parts")

    def __init__(self, items: Iterable[Diagnostic] = (), *, parts: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._items = tuple(items)
        self._rows: bytes | None = None
        self._on_damage: Callable[[Exception], NoReturn] | None = None
        self.tally = Tally.of(self._items)
        self.parts: Mapping[str, str] = dict(parts or {})

    @classmethod
    def encoded(
        cls, rows: bytes, tally: Tally, parts: Mapping[str, str], on_damage: Callable[[Exception], NoReturn] | None = None
    ) -> Findings:
        """Findings decoded from `rows` when first read; `on_damage` is called if they cannot be."""
        findings = cls()
        findings._items, findings._rows, findings._on_damage, findings.tally = None, rows, on_damage, tally
        findings.parts = parts  # as given, not copied: the cache's parts are decoded when read
        return findings

    def with_part(self, key: str, text: str) -> Findings:
        """The same findings with one more rendered part."""
        copy = Findings(parts={**self.parts, key: text})
        copy._items, copy._rows, copy._on_damage, copy.tally = self._items, self._rows, self._on_damage, self.tally
        return copy

    def combined(self, other: Findings, parts: Mapping[str, str]) -> Findings:
        """These findings followed by `other`'s, still encoded, with `parts` rendered for them all.

        A file's folder findings (lzlint.folder) follow its own this way:
        nothing is decoded unless something reads it, from the cache or not.
        """
        inner = [rows[1:-1] for rows in (self.rows(), other.rows()) if rows.strip() != b"[]"]
        joined = b"[" + b",".join(inner) + b"]"
        return Findings.encoded(joined, self.tally.plus(other.tally), parts, self._on_damage or other._on_damage)

    def rows(self) -> bytes:
        """The findings encoded (encode_rows)."""
        if self._rows is None:
            self._rows = encode_rows(self._all())
        return self._rows

    def _make(self) -> tuple[Diagnostic, ...]:
        assert self._rows is not None, "only encoded findings are made when read"
        try:
            return decode_rows(self._rows, self.tally)
        except (ValueError, TypeError) as exc:
            if self._on_damage is None:
                raise
            self._on_damage(exc)

    def __len__(self) -> int:
        # Counting needs no decoding: `if result.diagnostics` stays cheap.
        return self.tally.total if self._items is None else len(self._items)

    def __reduce__(self) -> tuple[Callable[..., Findings], tuple[bytes, Tally, dict[str, str]]]:
        return Findings.encoded, (self.rows(), self.tally, dict(self.parts))

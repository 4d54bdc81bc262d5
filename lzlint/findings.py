"""The findings of one file, with their counts and their rendered output.

A folder re-run from the cache has tens of thousands of findings. Most runs
need of them only counts (the summary, --statistics, the exit status) and
the text a format prints for each file, which the cache also keeps. So the
findings of a cached file stay encoded until something reads them one by
one, and `Tally` answers the counting questions without them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from lzlint.diagnostic import Diagnostic, Severity


@dataclass(frozen=True)
class Tally:
    """How many findings there are of each rule, and how many --fix can fix."""

    # (code, name, severity, count), sorted by code.
    rules: tuple[tuple[str, str, Severity, int], ...] = ()
    # Findings with a safe fix (applied by --fix without --unsafe-fixes).
    fixable: int = 0

    @classmethod
    def of(cls, diagnostics: Iterable[Diagnostic]) -> Tally:
        counts: Counter[tuple[str, str, Severity]] = Counter()
        fixable = 0
        for d in diagnostics:
            counts[d.code, d.name, d.severity] += 1
            fixable += d.fix is not None and not d.fix.unsafe
        return cls(tuple((*rule, n) for rule, n in sorted(counts.items())), fixable)

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.rules)

    def count(self, severity: str) -> int:
        """Findings of one severity."""
        return sum(n for _, _, s, n in self.rules if s == severity)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(code for code, *_ in self.rules)


Decoder = Callable[[], tuple[Diagnostic, ...]]


class Findings(Sequence[Diagnostic]):
    """A file's findings in order, possibly still encoded, with their Tally and rendered parts.

    `parts` maps a format key (formatters.FilePart.key) to what that format
    prints for exactly these findings; it is dropped whenever the findings
    change, since a new Findings is made then.
    """

    __slots__ = ("_items", "_decode", "tally", "parts")

    def __init__(
        self,
        items: Iterable[Diagnostic] = (),
        *,
        tally: Tally | None = None,
        parts: Mapping[str, str] | None = None,
        decode: Decoder | None = None,
    ) -> None:
        self._items: tuple[Diagnostic, ...] | None = None if decode is not None else tuple(items)
        self._decode = decode
        self.tally: Tally = tally if tally is not None else Tally.of(self._all())
        self.parts: Mapping[str, str] = dict(parts or {})

    @classmethod
    def encoded(cls, decode: Decoder, tally: Tally, parts: Mapping[str, str]) -> Findings:
        """Findings that `decode` produces when first read; `tally` must be theirs."""
        return cls(tally=tally, parts=parts, decode=decode)

    def with_part(self, key: str, text: str) -> Findings:
        """The same findings with one more rendered part."""
        copy = Findings(tally=self.tally, parts={**self.parts, key: text}, decode=self._all)
        copy._items = self._items
        return copy

    def _all(self) -> tuple[Diagnostic, ...]:
        if self._items is None:
            assert self._decode is not None
            self._items = self._decode()
        return self._items

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Diagnostic, ...]: ...
    def __getitem__(self, index: int | slice) -> Diagnostic | tuple[Diagnostic, ...]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._all())

    def __len__(self) -> int:
        # Counting needs no decoding: `if result.diagnostics` stays cheap.
        return self.tally.total if self._items is None else len(self._items)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Findings):
            return self._all() == other._all()
        if isinstance(other, tuple):
            return self._all() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Findings({self._all()!r})"

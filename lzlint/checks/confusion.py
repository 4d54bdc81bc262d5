"""Check kind `confusion`: a lexicon of wrong forms, each wrong only in its context.

A plain list of misspellings (健立, 布署) catches only forms that are wrong
everywhere. Most typos of this genre are real words in the wrong place: 确实
is right in 确实存在 and wrong in 确实履行 (切实); 到达 is right in 到达现场
and wrong before a rate (达到100%). Each entry therefore carries the wrong
form, its right form, and the context that makes it wrong: `before` / `after`
(regular expressions that must match right before / after it) and
`not_before` / `not_after` (that must not), and `bounds` (the form must start
and end on jieba token boundaries, so 保健立法 is not read as 健立).

Every report would pay for a scan of several hundred forms; the forms are
indexed once per rule pack in an Aho–Corasick automaton (pyahocorasick, the
`fast` extra) or, without it, in a first-character table. Both find every
occurrence of every form, so the findings are the same (a test holds that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Protocol

from lzlint.checks.kind import CheckKind, Param, ParamError, compile_regex
from lzlint.diagnostic import Diagnostic, Fix, Replacement
from lzlint.errors import LzlintError
from lzlint.locale import _

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

# How far back a `before` / `not_before` context may look: contexts are words,
# not sentences, and a bounded window keeps every test O(1).
_LOOKBEHIND = 24

_KEYS = ("wrong", "right", "before", "after", "not_before", "not_after", "bounds", "fire", "ok", "note")


@lru_cache(maxsize=2048)
def _regex(source: str) -> re.Pattern[str]:
    # Contexts are compiled when a wrong form is first met, not when the pack
    # loads: compiling a few hundred of them would cost every report ~50 ms,
    # and most are never needed. The shipped ones are checked by the tests.
    try:
        return compile_regex(source)
    except ParamError as exc:
        raise LzlintError(_("W703-style confusion entry: {exc}").format(exc=exc)) from None


class Context:
    """A context regex, kept as text until first use."""

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Context) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def __repr__(self) -> str:
        return f"Context({self.source!r})"

    def search(self, text: str) -> bool:
        return _regex(self.source).search(text) is not None

    def match(self, text: str, pos: int) -> bool:
        return _regex(self.source).match(text, pos) is not None


@dataclass(frozen=True)
class Confusion:
    """One lexicon entry: `wrong` is an error where its contexts say so."""

    wrong: str
    right: str
    before: Context | None = None  # must match, ending right before `wrong`
    after: Context | None = None  # must match, starting right after `wrong`
    not_before: Context | None = None
    not_after: Context | None = None
    bounds: bool = False  # `wrong` must begin and end on jieba token boundaries
    fire: str = ""  # a sentence where it is an error (run by the test suite)
    ok: str = ""  # a sentence with `wrong` or its look-alike that is right
    note: str = ""

    def in_context(self, text: str, start: int, end: int) -> bool:
        head = text[max(0, start - _LOOKBEHIND) : start]
        if self.before is not None and not self.before.search(head):
            return False
        if self.not_before is not None and self.not_before.search(head):
            return False
        if self.after is not None and not self.after.match(text, end):
            return False
        return not (self.not_after is not None and self.not_after.match(text, end))

    def contexts(self) -> tuple[Context, ...]:
        return tuple(c for c in (self.before, self.after, self.not_before, self.not_after) if c is not None)


def _context(entry: Mapping[str, Any], key: str, behind: bool) -> Context | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ParamError(_("`{key}` must be a non-empty regular expression").format(key=key))
    # A `before` context must end where the wrong form starts.
    return Context(f"(?:{value})$" if behind else value)


def parse_entries(raw: Any) -> tuple[Confusion, ...]:
    """The `entries` parameter as Confusion records (ParamError says which entry is wrong)."""
    if not isinstance(raw, list):
        raise ParamError(_("entries must be a list of mappings"))
    entries = []
    for i, entry in enumerate(raw):
        where = f"entries[{i}]"
        if not isinstance(entry, dict):
            raise ParamError(_("{where} must be a mapping").format(where=where))
        unknown = set(entry) - set(_KEYS)
        if unknown:
            raise ParamError(_("{where}: unknown keys {keys}").format(where=where, keys=sorted(unknown)))
        wrong, right = entry.get("wrong"), entry.get("right")
        if not isinstance(wrong, str) or not wrong or not isinstance(right, str):
            raise ParamError(_("{where} needs `wrong` (non-empty) and `right` strings").format(where=where))
        for key in ("fire", "ok", "note"):
            if not isinstance(entry.get(key, ""), str):
                raise ParamError(_("{where}: `{key}` must be a string").format(where=where, key=key))
        try:
            entries.append(
                Confusion(
                    wrong=wrong,
                    right=right,
                    before=_context(entry, "before", behind=True),
                    after=_context(entry, "after", behind=False),
                    not_before=_context(entry, "not_before", behind=True),
                    not_after=_context(entry, "not_after", behind=False),
                    bounds=bool(entry.get("bounds", False)),
                    fire=entry.get("fire", ""),
                    ok=entry.get("ok", ""),
                    note=entry.get("note", ""),
                )
            )
        except ParamError as exc:
            raise ParamError(f"{where}: {exc}") from None
    return tuple(entries)


class Index(Protocol):
    def occurrences(self, text: str) -> Iterable[tuple[int, str]]:
        """(start, form) of every occurrence of every form, overlapping ones included."""


@dataclass(frozen=True)
class TableIndex:
    """Pure-Python index: the forms by their first character."""

    by_first: Mapping[str, tuple[str, ...]]

    def occurrences(self, text: str) -> Iterator[tuple[int, str]]:
        by_first = self.by_first
        for i, char in enumerate(text):
            forms = by_first.get(char)
            if forms:
                for form in forms:
                    if text.startswith(form, i):
                        yield i, form


@dataclass(frozen=True)
class AutomatonIndex:
    """pyahocorasick's automaton: one pass over the text whatever the number of forms."""

    automaton: Any

    def occurrences(self, text: str) -> Iterator[tuple[int, str]]:
        for end, form in self.automaton.iter(text):
            yield end - len(form) + 1, form


def build_index(forms: Iterable[str], use_automaton: bool = True) -> Index:
    forms = sorted(set(forms))
    if use_automaton:
        try:
            import ahocorasick  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            pass
        else:
            automaton = ahocorasick.Automaton()
            for form in forms:
                automaton.add_word(form, form)
            automaton.make_automaton()
            return AutomatonIndex(automaton)
    table: dict[str, list[str]] = {}
    for form in forms:
        table.setdefault(form[0], []).append(form)
    return TableIndex({first: tuple(group) for first, group in table.items()})


@dataclass(frozen=True)
class Lexicon:
    entries: Mapping[str, tuple[Confusion, ...]]  # wrong form -> its entries
    index: Index


@lru_cache(maxsize=8)
def _lexicon(entries: tuple[Confusion, ...], use_automaton: bool) -> Lexicon:
    # Built once per rule pack (a run lints many documents with the same rule).
    by_wrong: dict[str, list[Confusion]] = {}
    for entry in entries:
        by_wrong.setdefault(entry.wrong, []).append(entry)
    grouped = {wrong: tuple(group) for wrong, group in by_wrong.items()}
    return Lexicon(grouped, build_index(grouped, use_automaton))


def lexicon(entries: tuple[Confusion, ...], use_automaton: bool = True) -> Lexicon:
    """The indexed lexicon of some entries (built once, then reused)."""
    return _lexicon(entries, use_automaton)


def find(text: str, lexicon: Lexicon, cut: Any = None) -> list[tuple[int, int, Confusion]]:
    """(start, end, entry) of each error in one line, leftmost-longest, never overlapping."""
    hits = sorted(lexicon.index.occurrences(text), key=lambda h: (h[0], -len(h[1])))
    found: list[tuple[int, int, Confusion]] = []
    bounds: set[int] | None = None
    last_end = 0
    for start, form in hits:
        end = start + len(form)
        if start < last_end:
            continue
        for entry in lexicon.entries[form]:
            if not entry.in_context(text, start, end):
                continue
            if entry.bounds:
                if bounds is None:
                    bounds = {0, *accumulate(len(t) for t in (cut(text) if cut else (text,)))}
                if not {start, end}.issubset(bounds):
                    continue
            found.append((start, end, entry))
            last_end = end
            break
    return found


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    indexed = lexicon(rule.params["entries"])
    for number, text in enumerate(doc.lines, start=1):
        for start, end, entry in find(text, indexed, doc.cut):
            fix = Fix((Replacement(number, start + 1, number, end + 1, entry.right),))
            note = f"（{entry.note}）" if entry.note else ""
            yield rule.diagnostic(doc.path, number, start, end, fix=fix, found=entry.wrong, expected=entry.right, note=note)


def examples(entries: Sequence[Confusion]) -> list[tuple[Confusion, str, str]]:
    """(entry, 'fire' or 'ok', sentence) for every example of the lexicon."""
    return [(e, kind, text) for e in entries for kind, text in (("fire", e.fire), ("ok", e.ok)) if text]


KIND = CheckKind(
    name="confusion",
    run=run,
    doc=(
        "Reports each `wrong` form of `entries` where its context (`before`, `after`, "
        "`not_before`, `not_after`, `bounds`) makes it an error, and fixes it to `right`."
    ),
    params={
        "entries": Param("confusions", "the lexicon: wrong, right, contexts, fire/ok examples", required=True),
    },
    fields=frozenset({"found", "expected", "note"}),
    needs_tokens=True,
    fixable=lambda params: True,
)

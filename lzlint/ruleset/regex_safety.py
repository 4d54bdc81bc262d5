"""Regular expressions from rule files must not hang a run.

Python's re module backtracks. A repeated group whose body can match the
same text in more than one way takes exponential time on a line that almost
matches: nested repetition ((a+)+, (\\w*)*) and alternatives that can begin
alike ((a|aa)+, (\\d|\\w)+). Such patterns are refused when a rule is loaded.

The check walks the pattern as re's own parser reads it. It is deliberately
conservative: alternatives under an unbounded repeat that may begin with the
same character are refused even where they happen to be harmless
((?:第一|第二)+ is better written 第[一二]).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

# re's own parser: re._parser since Python 3.11, sre_parse before (deprecated since).
sre: Any = importlib.import_module("re._parser" if sys.version_info >= (3, 11) else "sre_parse")

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT} | ({sre.POSSESSIVE_REPEAT} if hasattr(sre, "POSSESSIVE_REPEAT") else set())
_LOOKAROUNDS = {sre.ASSERT, sre.ASSERT_NOT}
_ANY = None  # a first set that may be any character

# A first set: the characters a piece of pattern may begin with, as code-point
# intervals, or _ANY when that is not worth working out (\w, [^x], .).
Intervals = tuple[tuple[int, int], ...] | None


def _union(a: Intervals, b: Intervals) -> Intervals:
    return _ANY if a is _ANY or b is _ANY else a + b


def _overlap(a: Intervals, b: Intervals) -> bool:
    if a is _ANY or b is _ANY:
        return bool(a or a is _ANY) and bool(b or b is _ANY)
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a for lo2, hi2 in b)


def _class_first(items: list[tuple[Any, Any]]) -> Intervals:
    found: list[tuple[int, int]] = []
    for op, av in items:
        if op is sre.LITERAL:
            found.append((av, av))
        elif op is sre.RANGE:
            found.append(av)
        else:  # NEGATE, CATEGORY (\w, \d …): too broad to list
            return _ANY
    return tuple(found)


def _first(pattern: Any) -> tuple[Intervals, bool]:
    """What a sequence of pattern items may begin with, and whether it may match nothing."""
    first: Intervals = ()
    for op, av in pattern:
        item, nullable = _item_first(op, av)
        first = _union(first, item)
        if not nullable:
            return first, False
    return first, True


def _item_first(op: Any, av: Any) -> tuple[Intervals, bool]:
    if op is sre.LITERAL:
        return ((av, av),), False
    if op is sre.IN:
        return _class_first(av), False
    if op in (sre.NOT_LITERAL, sre.ANY):
        return _ANY, False
    if op is sre.SUBPATTERN:
        return _first(av[-1])
    if op is sre.BRANCH:
        firsts = [_first(branch) for branch in av[1]]
        union: Intervals = ()
        for f, _ in firsts:
            union = _union(union, f)
        return union, any(n for _, n in firsts)
    if op in _REPEATS:
        low, _, body = av
        first, nullable = _first(body)
        return first, nullable or low == 0
    if getattr(sre, "ATOMIC_GROUP", None) is op:
        return _first(av)
    # Anchors and lookarounds consume nothing; a back-reference repeats what its group matched.
    return (_ANY, False) if op is sre.GROUPREF else ((), True)


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly inside one item."""
    if op is sre.SUBPATTERN:
        return [av[-1]]
    if op is sre.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op in _LOOKAROUNDS:
        return [av[1]]
    if getattr(sre, "ATOMIC_GROUP", None) is op:
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _inside(body: Any) -> list[tuple[Any, Any]]:
    """Every item within `body`, at any depth, except inside lookarounds (which consume nothing)."""
    found, todo = [], [body]
    while todo:
        for op, av in todo.pop():
            found.append((op, av))
            if op not in _LOOKAROUNDS:
                todo.extend(_children(op, av))
    return found


def _ambiguous(body: Any) -> str | None:
    """Why the body of an unbounded repeat may match one text in several ways, if it may."""
    items = _inside(body)
    if any(op in _REPEATS and av[1] == sre.MAXREPEAT for op, av in items):
        return "nests unbounded quantifiers"
    if _first(body)[1]:
        return "repeats a part that can match nothing"
    for op, av in items:
        if op is sre.BRANCH:
            firsts = [_first(branch) for branch in av[1]]
            for i, (a, a_null) in enumerate(firsts):
                if any(a_null or b_null or _overlap(a, b) for b, b_null in firsts[i + 1 :]):
                    return "repeats alternatives that can begin alike"
    return None


def _variable(body: Any) -> bool:
    """Whether `body` holds a repeat whose count may vary (so it can match texts of several lengths)."""
    return any(op in _REPEATS and av[0] != av[1] for op, av in _inside(body))


def _adjacent_overlap(sequence: Any) -> bool:
    """Whether two unbounded repeats follow each other (only optional items between)
    and may match the same characters: .+.+x or \\d*\\d*x split one run in many ways."""
    last: Intervals = ()
    open_run = False
    for op, av in sequence:
        if op in _REPEATS and av[1] == sre.MAXREPEAT:
            first = _first(av[2])[0]
            if open_run and _overlap(last, first):
                return True
            last, open_run = first, True
        elif not _item_first(op, av)[1]:
            open_run = False  # something that must match stands between them
    return False


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` could take exponential (or high polynomial) time, or None; raises re.error if it is invalid.

    Besides nested unbounded repeats: a bounded repeat ({20}, {1,25}) of a part
    that can match in several ways is as bad ((.*a){20}b, ((a|a){1,20}){1,20}b);
    adjacent unbounded repeats that overlap (.+.+.+x) are polynomial of high
    degree; a back-reference to a group of varying length ((a+)\\1+b) defeats
    any analysis and is refused.
    """
    parsed = sre.parse(pattern)
    groups: dict[int, Any] = {}
    todo = [parsed]
    while todo:
        sequence = todo.pop()
        if _adjacent_overlap(sequence):
            return "has adjacent repeats that can match the same text"
        for op, av in sequence:
            if op is sre.SUBPATTERN and av[0] is not None:
                groups[av[0]] = av[-1]
            if op in _REPEATS and av[1] == sre.MAXREPEAT:
                reason = _ambiguous(av[2])
                if reason:
                    return reason
            elif op in _REPEATS and av[1] > 1 and _variable(av[2]):
                return "repeats a part of varying length a bounded number of times"
            elif op in _REPEATS and av[1] > 1 and any(o is sre.BRANCH for o, _ in _inside(av[2])) and _ambiguous(av[2]):
                return "repeats alternatives that can begin alike"
            todo.extend(_children(op, av))
    for op, av in _inside(parsed):
        if op is sre.GROUPREF and _variable(groups.get(av, [])):
            return "refers back to a group of varying length"
        if op is sre.GROUPREF_EXISTS:
            return "uses a conditional group"
    return None

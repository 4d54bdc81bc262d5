"""Every match of a pattern in a document's lines, in one pass where that is the same.

Running each rule's pattern line by line costs a call per line and pattern,
whatever the line holds: 20,000 short heading lines × 45 patterns made the
pattern check the slowest part of a 100 kB report (issue 12's heading shape).
Over the lines joined by "\\n", one `finditer` per pattern does the scanning
in C.

That gives exactly the line-by-line matches when the pattern cannot tell the
"\\n" between two lines from the ends of one line's string:
- ^ and $ are run in MULTILINE mode, where they match at every line's ends;
  \\A and \\Z, which could not, keep the pattern line by line;
- \\b and \\B see "\\n" as a non-word character, as they see a string's ends;
- a lookaround whose body cannot match a "\\n" fails or succeeds next to one
  as it does at a string's end; other lookarounds keep it line by line.
Running out of text only ever makes a match fail, so a match that does not
contain a "\\n" is the one the line alone gives, at the same place; a match
that does contain one (\\s, [^…], DOTALL) sends the pattern back to the
line-by-line loop. tests/test_line_matches.py checks every rule's patterns
against the loop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Any

from lzlint.ruleset.regex_safety import sre

_NEWLINE = ord("\n")
_STRING_ENDS = {sre.AT_BEGINNING_STRING, sre.AT_END_STRING}
_LINE_ENDS = {sre.AT_BEGINNING, sre.AT_END}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
# Character categories that hold "\n" (\s, \D, \W and the line-break category, ASCII or Unicode).
_NEWLINE_CATEGORIES = {
    getattr(sre, name)
    for name in (
        "CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK",
        "CATEGORY_UNI_SPACE", "CATEGORY_UNI_NOT_DIGIT", "CATEGORY_UNI_NOT_WORD", "CATEGORY_UNI_LINEBREAK",
    )
}
_CLASS_MEMBERS_WITHOUT_NEWLINE = {
    getattr(sre, name)
    for name in (
        "CATEGORY_NOT_SPACE", "CATEGORY_DIGIT", "CATEGORY_WORD", "CATEGORY_NOT_LINEBREAK",
        "CATEGORY_UNI_NOT_SPACE", "CATEGORY_UNI_DIGIT", "CATEGORY_UNI_WORD", "CATEGORY_UNI_NOT_LINEBREAK",
    )
}


def _children(op: Any, av: Any) -> list[Any]:
    if op is sre.BRANCH:
        return list(av[1])
    if op is sre.SUBPATTERN:
        return [av[-1]]
    if op in _REPEATS:
        return [av[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _items(parsed: Any) -> Iterator[tuple[Any, Any]]:
    """Every (op, argument) of a parsed pattern, at any depth, lookaround bodies included."""
    todo = [parsed]
    while todo:
        for op, av in todo.pop():
            yield op, av
            todo.extend(_children(op, av))


def _class_has_newline(members: list[tuple[Any, Any]]) -> bool:
    negated = bool(members) and members[0][0] is sre.NEGATE
    held = False
    for op, av in members:
        if op is sre.NEGATE:
            continue
        if op is sre.LITERAL:
            held = held or av == _NEWLINE
        elif op is sre.RANGE:
            held = held or av[0] <= _NEWLINE <= av[1]
        elif op is sre.CATEGORY and av in _CLASS_MEMBERS_WITHOUT_NEWLINE:
            continue
        else:  # a category that holds it, or anything not worked out here
            held = True
    return held != negated


def _may_match_newline(parsed: Any, dotall: bool) -> bool:
    for op, av in _items(parsed):
        if op is sre.LITERAL and av == _NEWLINE:
            return True
        if op is sre.NOT_LITERAL and av != _NEWLINE:
            return True
        if op is sre.ANY and dotall:
            return True
        if op is sre.IN and _class_has_newline(av):
            return True
        if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):  # whatever the group held
            return True
    return False


@lru_cache(maxsize=512)
def joined_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern to run over the lines joined by "\\n", or None when only line by line is the same."""
    try:
        parsed = sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # a pattern re compiled but its parser reads otherwise: stay line by line
        return None
    dotall = bool(pattern.flags & re.DOTALL)
    line_ends = False
    for op, av in _items(parsed):
        if op is sre.AT and av in _STRING_ENDS:
            return None
        if op is sre.AT and av in _LINE_ENDS:
            line_ends = True
        if op in (sre.ASSERT, sre.ASSERT_NOT) and _may_match_newline(av[1], dotall):
            return None
    if line_ends and not pattern.flags & re.MULTILINE:
        return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)
    return pattern


def _line_by_line(lines: Sequence[str], pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    for number, text in enumerate(lines, start=1):
        for m in pattern.finditer(text):
            yield number, 0, m


def line_matches(lines: Sequence[str], pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(line number, offset of the line in the match's string, match), as finditer on each line gives them.

    Columns are `m.start() - offset`; groups, spans and `expand` work as usual.
    """
    joined_form = joined_pattern(pattern) if lines else None
    if joined_form is None:
        yield from _line_by_line(lines, pattern)
        return
    joined = "\n".join(lines)
    found = list(joined_form.finditer(joined))
    if not found:
        return
    if any("\n" in m.group() for m in found):
        yield from _line_by_line(lines, pattern)
        return
    starts = [0, *accumulate(len(text) + 1 for text in lines)]
    for m in found:
        number = bisect_right(starts, m.start())
        yield number, starts[number - 1], m

"""What a check kind is: a function over a Document plus its declared parameters.

A rule YAML names a kind and supplies the kind's parameters; the kind's
declaration is what the loader validates those parameters against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lzlint.locale import _
from lzlint.ruleset.regex_safety import backtracking_risk

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule
    from lzlint.sources import Source


class ParamError(ValueError):
    """A parameter value that does not fit its declaration."""


def _str(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ParamError(_("must be a non-empty string"))
    return value


def _str_or_empty(value: Any) -> str:
    if not isinstance(value, str):
        raise ParamError(_("must be a string"))
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ParamError(_("must be a whole number"))
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParamError(_("must be true or false"))
    return value


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ParamError(_("must be a list of non-empty strings"))
    return tuple(value)


def compile_regex(value: Any) -> re.Pattern[str]:
    text = _str(value)
    try:
        # A rule must not hang a run: (a+)+ or (a|aa)+ backtrack exponentially (regex_safety).
        risk = backtracking_risk(text)
        compiled = re.compile(text)
    except re.error as exc:
        raise ParamError(_("invalid regular expression {text!r}: {exc}").format(text=text, exc=exc)) from None
    if risk:
        raise ParamError(_("regular expression {text!r} {risk} and could hang").format(text=text, risk=_(risk)))
    return compiled


def _regex_list(value: Any) -> tuple[re.Pattern[str], ...]:
    return tuple(compile_regex(v) for v in _str_list(value))


def _mapping(value: Any) -> Mapping[str, str]:
    # Every mapping parameter maps text to text (a wrong form to the right one, a
    # mark to its pair): checked here, so that `{",": 5}` is an error at load, not a crash in --fix.
    if not isinstance(value, dict):
        raise ParamError(_("must be a mapping"))
    for key, item in value.items():
        if not isinstance(key, str) or not key or not isinstance(item, str):
            raise ParamError(_("must map non-empty strings to strings (not {key!r}: {item!r})").format(key=key, item=item))
    return value


def _table(value: Any) -> Mapping[str, Any]:
    # A mapping whose values are structured (lists, sub-mappings): the keys are
    # checked here, the values by the kind's own validator.
    if not isinstance(value, dict):
        raise ParamError(_("must be a mapping"))
    for key in value:
        if not isinstance(key, str) or not key:
            raise ParamError(_("must have non-empty text keys (not {key!r})").format(key=key))
    return value


def _confusions(value: Any) -> Any:
    # Imported here: the confusion kind itself builds on this module.
    from lzlint.checks.confusion import parse_entries

    return parse_entries(value)


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "confusions": _confusions,
    "str": _str,
    "str_or_empty": _str_or_empty,
    "int": _int,
    "bool": _bool,
    "str_list": _str_list,
    "regex": compile_regex,
    "regex_list": _regex_list,
    "mapping": _mapping,
    "table": _table,
}


@dataclass(frozen=True)
class Param:
    """One parameter of a check kind."""

    type: str  # a key of CONVERTERS
    doc: str
    required: bool = False
    default: Any = None
    choices: tuple[Any, ...] = ()


@dataclass(frozen=True)
class CheckKind:
    """A check kind: the Python half of every rule that names it."""

    name: str
    run: Callable[[Document, Rule], Iterable[Diagnostic]]
    doc: str
    params: Mapping[str, Param] = field(default_factory=dict)
    # Placeholders this kind fills in a rule's message.
    fields: frozenset[str] = frozenset()
    # Whether the kind segments text with jieba (shown by --explain: such rules load it).
    needs_tokens: bool = False
    # Whether its findings are about something missing: Word comments on
    # them are anchored on a heading or the title rather than on their span.
    reports_absence: bool = False
    # Extra validation across parameters, after each was converted.
    validate: Callable[[Mapping[str, Any]], None] | None = None
    # Whether a rule with these parameters offers fixes.
    fixable: Callable[[Mapping[str, Any]], bool] = lambda params: False
    # How a rule's example text becomes a Source; None: as plain UTF-8 text.
    # A kind about something plain text cannot hold (Word's automatic
    # numbering) builds the real input from the example instead.
    example_source: Callable[[str], Source] | None = None
    # A check over the whole folder (lzlint.folder): `run` finds nothing in one
    # document; the folder stage gives its findings, and its examples are small
    # folders (several files and an optional roster: lzlint.folder.examples).
    folder: bool = False

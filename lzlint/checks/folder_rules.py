"""The check kinds of the folder rules (R101, R102): their parameters and validation.

Here, beside the other kinds, not in lzlint.folder: the kind registry
imports these while the folder checks import the model, and a module of this
package is imported after the registry whichever is asked for first.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError

if TYPE_CHECKING:
    from lzlint.diagnostic import Diagnostic
    from lzlint.ruleset.rules import Rule


def no_per_file_findings(doc: Any, rule: Rule) -> tuple[Diagnostic, ...]:
    # A folder rule sees one report at a time here: its findings come from check_folder.
    return ()


def validate_common(params: Mapping[str, Any]) -> None:
    if not 50 <= params["threshold"] <= 100:
        raise ParamError("threshold must be a percentage between 50 and 100")
    if not 2 <= params["shingle"] <= 10:
        raise ParamError("shingle must be between 2 and 10 characters")
    if params["min_chars"] < 1:
        raise ParamError("min_chars must be at least 1")


def _validate_boilerplate(params: Mapping[str, Any]) -> None:
    if not 0 <= params["boilerplate_share"] <= 100:
        raise ParamError("boilerplate_share must be a percentage between 0 and 100")
    if params["boilerplate_min_reports"] < 2:
        raise ParamError("boilerplate_min_reports must be at least 2")


def _validate_copies(params: Mapping[str, Any]) -> None:
    validate_common(params)
    _validate_boilerplate(params)


COMMON_PARAMS = {
    "min_chars": Param("int", "Shortest paragraph compared, in characters of body text (punctuation and spaces not counted).", default=40),
    "threshold": Param("int", "Similarity (percent, Jaccard of character shingles) from which two paragraphs are the same.", default=90),
    "shingle": Param("int", "Characters per shingle (3: one changed character costs a 100-character paragraph about 6 points).", default=3),
    "standard_text": Param("str_list", "Standard sentences every report may carry (the regulation's formulations); removed before comparing.", default=()),
    "boilerplate_share": Param("int", "A paragraph found in the reports of more than this percent of the folder's units (a unit's drafts count once) is standard text, not a copy.", default=30),
    "boilerplate_min_reports": Param("int", "Nor is it standard text unless found in the reports of at least this many units (a small folder still reports a copy between two).", default=5),
}

COPIED_PARAGRAPH = CheckKind(
    name="copied_paragraph",
    run=no_per_file_findings,
    doc="A paragraph nearly the same as one of another report of the folder (checked over the whole folder).",
    params=COMMON_PARAMS,
    fields=frozenset({"other", "where", "similarity", "alike", "also", "named"}),
    validate=_validate_copies,
    folder=True,
)


def _validate_carried_over(params: Mapping[str, Any]) -> None:
    validate_common(params)
    # Standard text every unit writes every year is not carried over: the same share of this year's reports as R101.
    _validate_boilerplate(params)
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(params["summary_message"]) if name is not None}
    except ValueError as exc:
        raise ParamError(f"summary_message is not a valid template: {exc}") from None
    if names - {"share", "other"}:
        raise ParamError(f"summary_message may use {{share}} and {{other}} only, not {{{sorted(names - {'share', 'other'})[0]}}}")


CARRIED_OVER_PARAGRAPH = CheckKind(
    name="carried_over_paragraph",
    run=no_per_file_findings,
    doc="A paragraph repeating the same unit's report of the previous year (--previous DIR, or a folder laid out by year).",
    params={
        **COMMON_PARAMS,
        "summary_message": Param("str", "The message of the one finding per report that gives the share carried over ({share}, {other}).", default="本报告约{share}%的正文与上一年度报告 {other} 相同，请按本年度的实际情况重写"),
    },
    fields=frozenset({"other", "where", "similarity", "alike", "advice", "share"}),
    validate=_validate_carried_over,
    folder=True,
)

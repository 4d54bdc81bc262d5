"""Check kind `change_consistency`: a stated change that disagrees with the two values it is between (Q304)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError
from lzlint.checks.rate_consistency import percent_text
from lzlint.diagnostic import Diagnostic
from lzlint.locale import _
from lzlint.model.changes import ChangeWords, find_changes, judge

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule


def _words(params: dict[str, Any]) -> ChangeWords:
    opposites = tuple((str(a), str(b)) for a, b in params["opposites"].items())
    return ChangeWords(
        rising=params["rising"],
        falling=params["falling"],
        to=params["to"],
        periods=params["periods"],
        comparators=params["comparators"],
        rising_names=params["rising_names"],
        falling_names=params["falling_names"],
        units=params["units"],
        bounds=params["bounds"],
        opposites=opposites,
    )


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    words = _words(dict(rule.params))
    cues = (*words.rising, *words.falling, *words.rising_names, *words.falling_names)
    for sentence in doc.whole_sentences:
        text = sentence.text
        # Most sentences state no change: skip them before any pattern runs.
        if not any(cue in text for cue in cues):
            continue
        for change in find_changes(text, words):
            verdict = judge(change, words)
            if verdict is None:
                continue
            # At least two places, as the stated change may be rounded to whole percent.
            decimals = max(change.stated.decimals, 2)
            amount = percent_text(verdict.amount, decimals)
            right = f"{verdict.verb}{amount}个百分点" if verdict.points else f"{verdict.verb}{amount}%"
            note = f"（相对变化为{percent_text(verdict.relative, decimals)}%）" if verdict.relative is not None and not change.stated.points else ""
            rising = change.new.exact > change.old.exact
            move = change.move or ("增至" if rising else "降至")
            yield rule.diagnostic(
                doc.path,
                sentence.line,
                sentence.start + change.stated.start,
                sentence.start + change.stated.end,
                stated=change.stated.text,
                pair=f"由{change.old.text}{move}{change.new.text}",
                right=right,
                note=note,
            )


def _validate(params: Any) -> None:
    for key, value in params["opposites"].items():
        if not isinstance(value, str) or not value or not key:
            raise ParamError(_("opposites: each verb must map to a non-empty verb"))


KIND = CheckKind(
    name="change_consistency",
    run=run,
    doc="Checks a stated change (增长15%, 提高2个百分点) against the old and new values its sentence gives.",
    params={
        "rising": Param("str_list", "verbs that move a value up (增加, 增长, 提高)", required=True),
        "falling": Param("str_list", "verbs that move a value down (下降, 减少, 压缩)", required=True),
        "to": Param("str_list", "words after a verb that name the value reached (至, 到)", required=True),
        "periods": Param("str_list", "words naming the period an old value is from (上年, 去年)", required=True),
        "comparators": Param("str_list", "words that may stand between the values and the change (同比, 较上年)", default=()),
        "rising_names": Param("str_list", "names of a rise (增幅, 增长率)", default=()),
        "falling_names": Param("str_list", "names of a fall (降幅)", default=()),
        "units": Param("str_list", "units a value may be counted in (件, 人次, 万元)", required=True),
        "bounds": Param("str_list", "words after a change that make it a bound (以上, 左右)", default=()),
        "opposites": Param("mapping", "a verb of change and its opposite, for a change stated the wrong way", default={}),
    },
    validate=_validate,
    fields=frozenset({"stated", "pair", "right", "note"}),
)

"""Check kind `parts_sum`: a breakdown the text states to be complete that does not add up (Q305).

A breakdown is complete only where the text says so: 分别为 straight after
the total (共培训320人次，分别为机关干部120人次、执法人员150人次、村干部60人次),
or a 其中 list of exactly two parts that are complements of each other
(受理56件，其中已办结41件、正在办理12件; 已整改/未整改; 同意/不同意). An
ordinary 其中 list names some parts and is never summed, and neither is a
list that stays open (…等, 另有…, a further count of the kind after it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lzlint.checks.kind import CheckKind, Param, ParamError
from lzlint.diagnostic import Diagnostic
from lzlint.locale import _
from lzlint.model.quantities import Count

if TYPE_CHECKING:
    from lzlint.model.document import Document
    from lzlint.ruleset.rules import Rule

# What may stand between one part and the next: a list mark, or 和/及 before the last part.
_PART_BREAK = re.compile(r"^(?:[、，,；;]|和|及|以及|、以及)")
# A label of a part holds no break: a part after one is no longer in the list.
_LABEL_BREAK = re.compile(r"[、，,；;。：:（()）“”]")


@dataclass(frozen=True)
class Complement:
    """Two kinds of part that together make the whole: 已办结/正在办理, 已整改/未整改."""

    one: tuple[str, ...]
    other: tuple[str, ...]

    def pairs(self, first: str, second: str) -> bool:
        """Whether the labels are this pair's two sides over the same thing (已整改, 未整改)."""
        for a, b in ((first, second), (second, first)):
            for x in self.one:
                for y in self.other:
                    if a.startswith(x) and b.startswith(y) and a[len(x) :] == b[len(y) :]:
                        return True
        return False


def _label(text: str, strip: tuple[str, ...]) -> str:
    """The words that name a part: 已办结 in 其中已办结的41件 (leading 均 and trailing 的 dropped)."""
    text = text.strip()
    changed = True
    while changed:
        changed = False
        for word in strip:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
    return text


def _same_kind(a: Count, b: Count) -> bool:
    return a.unit_class == b.unit_class


def _listed_parts(text: str, total: Count, counts: tuple[Count, ...], start: int, open_words: tuple[str, ...]) -> list[tuple[Count, str]] | None:
    """The parts listed from `start`, each with the text before it; None when the list is not closed.

    Parts are the counts of the total's kind one after another, each after a
    list mark (、，和) and a label without a break. The list must end the
    clause (nothing but a break after its last count), no further count of the
    kind may follow before the end of the sentence or a ；, and no word that
    opens it (等, 另有, 其余) may stand anywhere in it or after it.
    """
    later = [c for c in counts if c.start >= start]
    parts: list[tuple[Count, str]] = []
    position = start
    for count in later:
        gap = text[position : count.start]
        if parts:
            mark = _PART_BREAK.match(gap)
            if mark is None:
                break
            gap = gap[mark.end() :]
        if _LABEL_BREAK.search(gap) or not _same_kind(total, count):
            break
        parts.append((count, gap))
        position = count.end
    if len(parts) < 2:
        return None
    end = parts[-1][0].end
    stop = min((i for i in (text.find(s, end) for s in "；;。") if i >= 0), default=len(text))
    rest = text[end:stop]
    if rest and not re.match(r"[，,、]", rest):
        return None  # 60人次等, 12件（含…）: the list goes on past its last count
    if any(c.start >= end and c.end <= stop and _same_kind(total, c) for c in counts):
        return None  # ，另有3件移送: a part after the list
    listed = text[start:stop]
    if any(word in listed for word in open_words):
        return None
    if any(c.approximate for c, _ in parts):
        return None
    return parts


def _total_before(counts: tuple[Count, ...], text: str, marker: int) -> Count | None:
    """The total a breakdown at `marker` belongs to: the count right before it, the only one of its kind so far."""
    before = [c for c in counts if c.end <= marker]
    if not before:
        return None
    total = before[-1]
    if total.approximate or not re.fullmatch(r"[，,：:]?", text[total.end : marker]):
        return None
    # 新收50件，旧存6件，其中…: the parts may be of a sum the sentence never writes.
    if any(_same_kind(c, total) for c in before[:-1]):
        return None
    return total


def run(doc: Document, rule: Rule) -> Iterator[Diagnostic]:
    complete_words = tuple(rule.params["complete_words"])
    part_words = tuple(rule.params["part_words"])
    open_words = tuple(rule.params["open_words"])
    strip = tuple(rule.params["label_strip"])
    complements = tuple(
        Complement(tuple(entry["one"]), tuple(entry["other"])) for entry in rule.params["complements"].values()
    )
    markers = (*complete_words, *part_words)
    for sentence in doc.whole_sentences:
        text = sentence.text
        if not any(m in text for m in markers):
            continue
        counts = doc.quantities_of(sentence).counts
        for match in re.finditer("|".join(map(re.escape, markers)), text):
            total = _total_before(counts, text, match.start())
            if total is None:
                continue
            parts = _listed_parts(text, total, counts, match.end(), open_words)
            if parts is None:
                continue
            if match.group() in part_words:
                # 其中 lists some parts; only a complement pair makes it the whole.
                labels = [_label(gap, strip) for _, gap in parts]
                if len(parts) != 2 or not any(c.pairs(*labels) for c in complements):
                    continue
            values = [c for c, _ in parts]
            if any(c.value > total.value for c in values):
                continue  # a part above its total is Q303's finding, and the sum says no more
            slack = total.tolerance + sum(c.tolerance for c in values)
            added = sum(c.value for c in values)
            if abs(added - total.value) <= slack:
                continue
            yield rule.diagnostic(
                doc.path,
                sentence.line,
                sentence.start + total.start,
                sentence.start + total.end,
                parts="+".join(f"{c.value}{c.unit}" for c in values),
                sum=f"{added}{total.unit}",
                total=f"{total.value}{total.unit}",
            )


def _validate(params: Mapping[str, Any]) -> None:
    for name, entry in params["complements"].items():
        if not isinstance(entry, dict) or set(entry) != {"one", "other"}:
            raise ParamError(_("complements: {name} must give `one` and `other`").format(name=name))
        for side in ("one", "other"):
            words = entry[side]
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
                raise ParamError(_("complements: {name}.{side} must be a list of non-empty strings").format(name=name, side=side))


KIND = CheckKind(
    name="parts_sum",
    run=run,
    doc="Reports a breakdown stated to be complete (分别为, a complement pair after 其中) whose parts do not add up to the total.",
    params={
        "complete_words": Param("str_list", "words right after a total that list all its parts (分别为)", required=True),
        "part_words": Param("str_list", "words that list some parts of a total (其中)", required=True),
        "complements": Param("table", "pairs of part labels that together make the whole: name -> {one, other}", required=True),
        "open_words": Param("str_list", "words that leave a list open (等, 另有, 其余)", default=()),
        "label_strip": Param("str_list", "words dropped from the end of a part's label (的, 为)", default=()),
    },
    validate=_validate,
    fields=frozenset({"parts", "sum", "total"}),
)

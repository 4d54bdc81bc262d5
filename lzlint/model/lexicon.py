"""The vocabulary the parsers use: section keywords, measure words, rates.

This is data (rules/lexicon/*.yaml), not rules: it is loaded once per run and
shared by every document, and it stays loaded with --no-default-rules because
the parsers, not the rules, depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.located_yaml import LocatedDocument, load_yaml_documents


@dataclass(frozen=True)
class SectionKind:
    name: str
    label: str
    short: str
    top_level: bool
    keywords: tuple[tuple[str, ...], ...]  # each keyword: parts that must all match
    unless: tuple[str, ...]
    not_with: tuple[str, ...] = ()  # a title containing one of these is never of this kind...
    # ...unless it also contains one of these: 存在的不足、原因和问题整改情况 names the
    # shortcomings though it also names a rectification (问题整改).
    kept_with: tuple[str, ...] = ()
    # Untitled sections: first-level headings of no kind that stand before the
    # first heading of one of these kinds are of this kind too (thematic
    # measures: 一、强化组织领导… 二、严格规范执法… 三、存在的问题).
    untitled_before: tuple[str, ...] = ()
    untitled_not_with: tuple[str, ...] = ()  # never an untitled section of this kind (其他需要报告的情况)


@dataclass(frozen=True)
class ShareRate:
    suffix: str
    numerator: tuple[str, ...]
    survey: bool = False  # a survey figure (满意率): not computed from case counts
    # The measure-word class of what the rate counts (people for 参训率), when it is one.
    unit_class: str | None = None


@dataclass(frozen=True)
class Lexicon:
    sections: tuple[SectionKind, ...]
    preamble_cues: tuple[str, ...]
    measure_class: dict[str, str]  # measure word -> class
    share_rates: tuple[ShareRate, ...]
    rate_links: tuple[str, ...]
    base_cues: tuple[str, ...]
    userdict: Path
    # Words that deny what a rate counts when they stand before its word (未化解, 不成功, 超期办结).
    negations: tuple[str, ...] = ()
    # Words before a rate that make it another period's or a subset's (上年, 较, 其中).
    other_scopes: tuple[str, ...] = ()
    # Words that mark what remains besides the counted (剩余1件, 其余3起).
    remainders: tuple[str, ...] = ()
    # Besides 报告, words that make a line near the top this report's title
    # (…工作总结; 法治…情况): each cue's parts must all be in the line.
    title_cues: tuple[tuple[str, ...], ...] = ()
    # Words that mark a count added to the base (上年结转5件, 旧存3件, 加上…18件).
    addends: tuple[str, ...] = ()
    # Words that make the counts after them parts of the count before (其中, 含).
    parts: tuple[str, ...] = ()
    # Words that deny a count only for a rate narrowed to on-time work: 超期办结 is still 办结.
    late: tuple[str, ...] = ()
    # Words in a rate's name that narrow it to part of what is counted (按期, 负责人).
    narrowing: tuple[str, ...] = ()
    # Words that grade what a rate counts (非常满意, 基本满意): graded counts add up to its numerator.
    grades: tuple[str, ...] = ()
    # How many counts on each side of a rate may be paired with it (keeps pairing linear).
    pairing_window: int = 12
    # Words that give a count's share of a whole right after it (占比40%, 占25%).
    portion_names: tuple[str, ...] = ()

    def section(self, name: str) -> SectionKind:
        for kind in self.sections:
            if kind.name == name:
                return kind
        raise KeyError(name)


def _single(path: Path) -> LocatedDocument:
    docs = load_yaml_documents(path)
    if len(docs) != 1 or not isinstance(docs[0].data, dict):
        raise LzlintError(_("{path}: expected one YAML mapping").format(path=path))
    return docs[0]


def _strings(doc: LocatedDocument, value: Any, *keys: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LzlintError(_("{where}: {keys} must be a list of strings").format(where=doc.where(*keys), keys='.'.join(map(str, keys))))
    return tuple(value)


def _require(doc: LocatedDocument, mapping: Any, key: str, *where: Any) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise LzlintError(_("{where}: missing key {key!r}").format(where=doc.where(*where), key=key))
    return mapping[key]


def _load_sections(doc: LocatedDocument) -> tuple[SectionKind, ...]:
    kinds = []
    for i, entry in enumerate(_require(doc, doc.data, "sections")):
        where = ("sections", i)
        level = _require(doc, entry, "level", *where)
        if level not in ("top", "any"):
            raise LzlintError(_("{where}: level must be 'top' or 'any'").format(where=doc.where(*where, 'level')))
        keywords = _strings(doc, _require(doc, entry, "keywords", *where), *where, "keywords")
        kinds.append(
            SectionKind(
                name=str(_require(doc, entry, "name", *where)),
                label=str(_require(doc, entry, "label", *where)),
                short=str(entry.get("short", entry["label"])),
                top_level=level == "top",
                keywords=tuple(tuple(k.split("+")) for k in keywords),
                unless=_strings(doc, entry.get("unless", []), *where, "unless"),
                not_with=_strings(doc, entry.get("not_with", []), *where, "not_with"),
                kept_with=_strings(doc, entry.get("kept_with", []), *where, "kept_with"),
                untitled_before=_strings(doc, entry.get("untitled_before", []), *where, "untitled_before"),
                untitled_not_with=_strings(doc, entry.get("untitled_not_with", []), *where, "untitled_not_with"),
            )
        )
    return tuple(kinds)


def _unit_class(doc: LocatedDocument, value: Any, measure_class: dict[str, str], index: int) -> str | None:
    if value is None:
        return None
    if value not in set(measure_class.values()):
        raise LzlintError(_("{where}: 'of' must name a measure_words class").format(where=doc.where('share_rates', index, 'of')))
    return str(value)


def _window(doc: LocatedDocument, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
        raise LzlintError(_("{where}: pairing_window must be a whole number from 1 to 100").format(where=doc.where("pairing_window")))
    return value


def load_lexicon(directory: Path) -> Lexicon:
    """Load and check the lexicon files of a rule pack directory."""
    sections = _single(directory / "sections.yaml")
    quantities = _single(directory / "quantities.yaml")
    measure_class: dict[str, str] = {}
    words = _require(quantities, quantities.data, "measure_words")
    for cls, members in words.items():
        for word in _strings(quantities, members, "measure_words", cls):
            measure_class[word] = cls
    rates = []
    for i, entry in enumerate(_require(quantities, quantities.data, "share_rates")):
        rates.append(
            ShareRate(
                suffix=str(_require(quantities, entry, "suffix", "share_rates", i)),
                numerator=_strings(quantities, entry.get("numerator", []), "share_rates", i),
                survey=bool(entry.get("survey", False)),
                unit_class=_unit_class(quantities, entry.get("of"), measure_class, i),
            )
        )
    return Lexicon(
        sections=_load_sections(sections),
        preamble_cues=_strings(sections, sections.data.get("preamble_cues", []), "preamble_cues"),
        title_cues=tuple(tuple(c.split("+")) for c in _strings(sections, sections.data.get("title_cues", []), "title_cues")),
        measure_class=measure_class,
        share_rates=tuple(rates),
        rate_links=_strings(quantities, quantities.data.get("rate_links", []), "rate_links"),
        base_cues=_strings(quantities, quantities.data.get("base_cues", []), "base_cues"),
        userdict=directory / "userdict.txt",
        negations=_strings(quantities, quantities.data.get("negations", []), "negations"),
        other_scopes=_strings(quantities, quantities.data.get("other_scopes", []), "other_scopes"),
        remainders=_strings(quantities, quantities.data.get("remainders", []), "remainders"),
        addends=_strings(quantities, quantities.data.get("addends", []), "addends"),
        parts=_strings(quantities, quantities.data.get("parts", []), "parts"),
        late=_strings(quantities, quantities.data.get("late", []), "late"),
        narrowing=_strings(quantities, quantities.data.get("narrowing", []), "narrowing"),
        grades=_strings(quantities, quantities.data.get("grades", []), "grades"),
        pairing_window=_window(quantities, quantities.data.get("pairing_window", 12)),
        portion_names=_strings(quantities, quantities.data.get("portion_names", []), "portion_names"),
    )

"""Which unit a report is from: its title, else its 落款, else its file name.

A county reviewer's roster (R201–R203, lzlint.folder.roster) matches each
report to a unit. The unit is read where a reader finds it: the title
(关于柳河镇2025年度法治政府建设情况的报告, 宁远县司法局关于…的报告, the unit
on the line above 关于…), the signature lines before the date (中共柳河镇委员会 /
柳河镇人民政府), or the file name (03-柳河镇.docx). Each place gives at most
one candidate; all are kept, best first, so that the roster check can take
the first that is on the roster (a title naming only 县 while the 落款 names
the 局, say). This runs in the per-file worker and its result is cached with
the findings: it reads only what the document model already found.

The words (what ends a unit's name, what is dropped when names are compared)
are data, in the rule pack's lexicon/units.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lzlint.errors import LzlintError
from lzlint.locale import _
from lzlint.located_yaml import load_yaml_documents
from lzlint.model.layout import squeeze

if TYPE_CHECKING:
    from lzlint.model.document import Document

UnitSource = Literal["title", "signature", "filename"]
SOURCES_ZH: dict[str, str] = {"title": "标题", "signature": "落款", "filename": "文件名"}
# Lines before the title that may hold the unit (仁和镇人民政府 / 关于…的报告).
_LINES_BEFORE_TITLE = 2
_LONGEST_NAME = 40
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|[一二〇○零][〇○零一二三四五六七八九]{3}年")
# Characters a unit's name is made of: Chinese, and the ××/XX placeholders of a template.
_NAME_CHARS = re.compile(r"[\u3400-\u9fff×ＸXx*＊]+")
_BRACKETS = re.compile(r"[（(【\[《].*?[）)】\]》]")
# A file's number (03-, 3_, A2.): digits not followed by 年, which would make them a year (2025年度高桥镇).
_FILE_NUMBER = re.compile(r"^[\dA-Za-z]{0,4}\d+(?![\d年])[\s._、\-—]*")
# What a file name says of its draft, not of its unit (carried_over.same_unit_key leaves them out too).
DRAFT_MARKS = r"草稿|终稿|定稿|初稿|修改稿|送审稿|征求意见稿|最终稿|最终版|[vV]\d+(?:\.\d+)*"
_DRAFT = re.compile(rf"[\s_\-—.]*(?:{DRAFT_MARKS})")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[：:、.\s_\-—]*")
_BRACKETED = re.compile(r"[（(【\[《]([^）)】\]》]+)[）)】\]》]")


@dataclass(frozen=True)
class ReportUnit:
    """A unit a report names: as written, as compared, where it was read."""

    name: str  # as written: 柳河镇人民政府
    key: str  # as compared (normalise): 柳河镇
    source: UnitSource
    # Where it stands (1-based line, 0-based columns, end exclusive); line 0 for a file name.
    line: int = 0
    start: int = 0
    end: int = 0

    def to_json(self) -> list[object]:
        return [self.name, self.key, self.source, self.line, self.start, self.end]

    @classmethod
    def from_json(cls, data: object) -> ReportUnit:
        """The inverse of to_json; TypeError or ValueError on anything else."""
        if not isinstance(data, list) or len(data) != 6:
            raise TypeError("malformed unit")
        name, key, source, line, start, end = data
        if not (isinstance(name, str) and isinstance(key, str) and source in SOURCES_ZH):
            raise TypeError("malformed unit")
        if not all(type(n) is int for n in (line, start, end)):
            raise TypeError("malformed unit")
        return cls(name, key, source, line, start, end)


@dataclass(frozen=True)
class UnitWords:
    """The words of lexicon/units.yaml."""

    organ_suffixes: tuple[str, ...]
    drop_suffixes: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    party_suffixes: tuple[str, ...]
    government_suffixes: tuple[str, ...]
    title_stops: tuple[str, ...]
    after_about: tuple[str, ...]
    ethnic_groups: tuple[str, ...]
    zone_words: tuple[str, ...]
    # Each a department's names, full first (市场监督管理局, 市场监管局): one unit.
    same_names: tuple[tuple[str, ...], ...] = ()

    @cached_property  # asked for every unit name of every report
    def short_forms(self) -> tuple[tuple[str, str], ...]:
        """(a name, the first of its group) for every name of a group, the first's own included, longest first.

        The first maps to itself so that a name ending with it is left as it
        is: 人民政府办公室 must not be read as 人民 + 政府办公室, a short form.
        """
        pairs = [(name, group[0]) for group in self.same_names for name in group]
        return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))

    @property
    def place_prefix(self) -> re.Pattern[str]:
        """One or more place names (东安县, 湖南省永州市, ××县)."""
        return _place_prefix(self.place_suffixes)


@lru_cache(maxsize=8)
def _place_prefix(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    ends = "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True)))
    return re.compile(rf"(?:[\u3400-\u9fff×ＸXx*＊]{{1,10}}?(?:{ends}))+")


@lru_cache(maxsize=4)
def load_unit_words(path: Path) -> UnitWords:
    """The words in `path` (read once per process: every report of a folder asks)."""
    docs = load_yaml_documents(path)
    data = docs[0].data if docs else None
    if not isinstance(data, dict):
        raise LzlintError(f"{path}: must be a YAML mapping")
    values: dict[str, tuple[str, ...]] = {}
    groups = data.get("same_names", [])
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(n, str) and n for n in g) for g in groups):
        raise LzlintError(f"{docs[0].where('same_names')}: same_names must be a list of lists of two names or more")
    for key in UnitWords.__dataclass_fields__:
        if key == "same_names":
            continue
        items = data.get(key)
        if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
            raise LzlintError(f"{docs[0].where(key)}: {key} must be a list of words")
        # Longest first: 人民政府 is dropped before 政府 is tried.
        values[key] = tuple(sorted(items, key=len, reverse=True))
    return UnitWords(**values, same_names=tuple(tuple(g) for g in groups))


@cache  # asked for every report: building the path to look up load_unit_words' cache cost more than that
def default_unit_words() -> UnitWords:
    from lzlint.ruleset.rules import default_rules_dir

    return load_unit_words(default_rules_dir() / "lexicon" / "units.yaml")


def _government_part(name: str, words: UnitWords) -> str:
    """Of a two-unit name (中共柳河镇委员会柳河镇人民政府, 东城街道党工委东城街道办事处), the government; else the name.

    A government written by its ending alone (经济开发区党工委管委会) takes the party's place.
    """
    party = "|".join(map(re.escape, words.party_suffixes))
    government = "|".join(map(re.escape, words.government_suffixes))
    two = re.fullmatch(rf"(.+?)(?:{party})[、，,和与及]?(.*?(?:{government}))", name)
    if two is None and name.startswith("中共"):
        # A department's party committee or group, then the department (中共某县教育局委员会某县教育局, 中共某局党组某局).
        department = re.fullmatch(rf"中共(.+?)(?:{party}|党组)[、，,和与及]?(.{{2,}})", name)
        # The department repeats the committee's own name (not 中共某县委政法委员会: 某县委, then 政法委员会).
        if department is not None and department.group(2).endswith(words.organ_suffixes):
            stem, organ = department.groups()
            if organ.startswith(stem[:2]) or stem.endswith(organ):
                return organ
    if two is None:
        return name
    place, organ = two.group(1).removeprefix("中共"), two.group(2)
    return place + organ if organ in words.government_suffixes else organ


def normalise(name: str, words: UnitWords) -> str:
    """The key a unit is compared by: no 中共 party half, no 人民政府/办事处 ending, a department's full name.

    A township's organ named inside its county's government (青溪县人民政府西城街道办事处)
    is the township's; an ethnic township (红岩瑶族乡) is compared without its
    ethnic groups; a township's party committee (中共城关镇委员会) is the township.
    """
    key = _government_part(squeeze(name), words)
    key = key.removeprefix("中共")
    key = _INNER_GOVERNMENT.sub("", key)
    for suffix in words.drop_suffixes:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    key = _ethnic(words).sub("", key)
    key = _TOWNSHIP_PARTY.sub(r"\1", key)
    key = _CPPCC.sub(r"\1政协", key)
    key = _COMMITTEE_OF_RULE_OF_LAW.sub("", key)
    key = _zone_place(words).sub("", key)
    for name, full in words.short_forms:
        if key.endswith(name):
            return key[: -len(name)] + full
    return key


# The party committee's rule-of-law committee: 县委全面依法治县委员会 is written 县全面依法治县… as often.
_COMMITTEE_OF_RULE_OF_LAW = re.compile(r"(?<=[县市区])委(?=(?:全面)?依法治)")
# The CPPCC's committee is named 政协某县委员会; a roster says 县政协.
_CPPCC = re.compile(r"^政协(.+?[县市区旗])委员会")


@lru_cache(maxsize=4)
def _zone_place_for(zones: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<=..)[县市区旗](?=(?:{'|'.join(map(re.escape, zones))}))")


def _zone_place(words: UnitWords) -> re.Pattern[str]:
    """The 县 between a county's name and its zone: 青松县工业园区 is the 青松工业园区 its roster names."""
    return _zone_place_for(words.zone_words)


# A township's party committee, which reports for the township when it reports alone.
_TOWNSHIP_PARTY = re.compile(r"^(.+?(?:镇|乡|街道))(?:委员会|党委|党工委|工委)$")


# 人民政府 inside a name, after a place and before a township's organ (青溪县人民政府西城街道办事处):
# the organ after it is the unit. Not before an office of the government's own (县人民政府办公室).
_INNER_GOVERNMENT = re.compile(r"(?<=[县市区旗州盟])(?:人民)?政府(?=.+(?:镇|乡|街道|苏木|办事处)$)")


@lru_cache(maxsize=4)
def _ethnic_for(groups: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(map(re.escape, sorted(groups, key=len, reverse=True)))
    return re.compile(rf"(?<=.)(?:(?:{names})族)+(?:(?=(?:乡|镇|苏木)$)|自治(?=[县州旗]))")


def _ethnic(words: UnitWords) -> re.Pattern[str]:
    """The ethnic groups of an ethnic township or an autonomous county: 红岩瑶族乡 is 红岩乡, 禄劝彝族苗族自治县 禄劝县."""
    return _ethnic_for(words.ethnic_groups)


def _as_unit(text: str, words: UnitWords) -> str | None:
    """`text` cleaned to a unit's name, or None when it is not one (no organ ending, too long).

    A note in brackets after it (青溪县卫生健康局（盖章）) is no part of it.
    """
    text = _BRACKETS.sub("", squeeze(text)).strip("，,、：:。.“”\"'")
    text = _government_part(text, words)
    if not 2 <= len(text) <= _LONGEST_NAME or _NAME_CHARS.fullmatch(text) is None:
        return None
    return text if text.endswith(words.organ_suffixes) else None


def _before_stop(text: str, words: UnitWords) -> str:
    """`text` up to its first year or stop word (关于, 法治政府, 年度 …)."""
    cut = len(text)
    year = _YEAR.search(text)
    if year:
        cut = year.start()
    for stop in words.title_stops:
        at = text.find(stop)
        if 0 <= at < cut:
            cut = at
    return text[:cut]


def unit_in_title(text: str, words: UnitWords) -> str | None:
    """The unit a title names: before 关于 or the year, right after 关于, or right after a year it starts with.

    A county named before the year and a township after it (青溪县2025年高桥镇…报告)
    is the township, within its county.
    """
    text = _TITLE_LEAD.sub("", squeeze(text))
    head = _before_stop(text, words)
    if head:
        name = _as_unit(head, words)
        if name is not None and words.place_prefix.fullmatch(name):
            within = _after_year(text, words)
            if within is not None and not words.place_prefix.fullmatch(within):
                return name + within
        return name
    if text.startswith("关于"):
        rest = text[2:]
        for verb in words.after_about:
            rest = rest.removeprefix(verb)
        return _as_unit(_before_stop(rest, words), words) if rest else None
    if _YEAR.match(text):  # 2025年青溪县法治政府建设年度报告
        return _after_year(text, words)
    return None


# What a title line may carry before the title itself: a document number (长政发〔2021〕1号), a bracketed label (【2022年】).
_TITLE_LEAD = re.compile(r"^(?:[\u4e00-\u9fff]{1,10}[〔\[【(（]\d{4}[〕\]】)）]\d+号|[【\[][^】\]]*[】\]])+")


def _after_year(text: str, words: UnitWords) -> str | None:
    """The unit named right after the first year in `text` (…2025年度高桥镇法治政府…)."""
    year = _YEAR.search(text)
    if year is None:
        return None
    rest = text[year.end() :].removeprefix("度")
    return _as_unit(_before_stop(rest, words), words) if rest else None


# Markdown's marks around a line (# 标题, **标题**): a report written in .md puts its title so.
_MARKDOWN_LINE = re.compile(r"^\s*(?:#{1,6}\s*)?(?:(\*\*|__)(.+)\1|(.*))\s*$")


def _plain(line: str) -> str:
    """`line` without Markdown's heading marks and a bold that wraps it whole."""
    m = _MARKDOWN_LINE.match(line)
    return line if m is None else m.group(2) or m.group(3) or ""


def _locate(name: str, lines: tuple[str, ...], numbers: tuple[int, ...]) -> tuple[int, int, int]:
    """Line and columns of `name` (or of its start) in one of the lines `numbers`."""
    for number in numbers:
        line = lines[number - 1]
        at = line.find(name)
        if at >= 0:
            return number, at, at + len(name)
    for number in numbers:  # written with spaces (柳 河 镇): the whole line's text
        line = lines[number - 1]
        stripped = line.strip()
        if stripped and squeeze(stripped)[:2] == name[:2]:
            start = line.index(stripped[0])
            return number, start, start + len(stripped)
    first = numbers[0] if numbers else 1
    return first, 0, max(1, len(lines[first - 1]) if lines else 1)


def _from_title(lines: tuple[str, ...], title: tuple[int, ...], words: UnitWords) -> ReportUnit | None:
    if not title:
        return None
    # The unit may stand on its own line(s) above 关于…的报告, which the layout leaves out of the title.
    first = title[0]
    before = [n for n in range(max(1, first - _LINES_BEFORE_TITLE), first) if lines[n - 1].strip()]
    numbers = (*before, *title)
    text = "".join(squeeze(_plain(lines[n - 1])) for n in numbers)
    name = unit_in_title(text, words)
    if name is None and before:
        name = unit_in_title("".join(squeeze(_plain(lines[n - 1])) for n in title), words)
    if name is None:
        return None
    return ReportUnit(name, normalise(name, words), "title", *_locate(name, lines, numbers))


def _from_signature(lines: tuple[str, ...], organs: tuple[int, ...], words: UnitWords) -> ReportUnit | None:
    """The government among the signature's units (中共柳河镇委员会 / 柳河镇人民政府), else the last."""
    names: list[tuple[str, int]] = []
    for number in organs:
        line = _plain(lines[number - 1])
        for part in line.split():
            name = _as_unit(part, words)
            if name is not None:
                names.append((name, number))
        whole = _as_unit(line, words)
        if whole is not None and all(whole != n for n, _ in names):
            names.append((whole, number))
    if not names:
        return None
    government = [item for item in names if item[0].endswith(words.government_suffixes)]
    name, number = (government or names)[-1]
    return ReportUnit(name, normalise(name, words), "signature", *_locate(name, lines, (number,)))


def unit_in_filename(path: str, words: UnitWords) -> str | None:
    """The unit a file name names: 03-柳河镇2025年法治政府建设报告（修改稿）.docx → 柳河镇.

    Numbers, draft marks (终稿, v2) and an attachment's label (附件3：) are left
    out; a unit in brackets (【高桥镇】法治报告) counts when nothing else names one.
    """
    stem = Path(path).stem if path != "-" else ""
    stem = _DRAFT.sub("", _ATTACHMENT.sub("", stem))
    plain = _FILE_NUMBER.sub("", _BRACKETS.sub("", stem))
    found = unit_in_title(plain, words) if plain else None
    if found is None:
        found = next((u for u in (_as_unit(b, words) for b in _BRACKETED.findall(stem)) if u is not None), None)
    return found


def _from_filename(path: str, words: UnitWords) -> ReportUnit | None:
    name = unit_in_filename(path, words)
    return None if name is None else ReportUnit(name, normalise(name, words), "filename")


def report_units(path: str, lines: tuple[str, ...], title: tuple[int, ...], organs: tuple[int, ...], words: UnitWords) -> tuple[ReportUnit, ...]:
    """Each unit the report names, best first: title, 落款, file name."""
    found = (
        _from_title(lines, title, words),
        _from_signature(lines, organs, words),
        _from_filename(path, words),
    )
    return tuple(u for u in found if u is not None)


def document_units(doc: Document) -> tuple[ReportUnit, ...]:
    """report_units of a parsed Document."""
    layout = doc.layout
    return report_units(doc.path, doc.lines, layout.title, layout.organs, default_unit_words())


def describe(units: tuple[ReportUnit, ...]) -> tuple[str, ...]:
    """What --verbose says of them: the unit and where it was read; nothing when none was
    (with a roster, R203 says so; without one, a line per file would only be noise)."""
    if not units:
        return ()
    best = units[0]
    source = {"title": _("title"), "signature": _("signature"), "filename": _("filename")}.get(best.source, best.source)
    if best.line:
        return (_("unit {name}, from the {source} (line {line})").format(name=best.name, source=source, line=best.line),)
    return (_("unit {name}, from the {source}").format(name=best.name, source=source),)


# Of a name's character pairs, the share another must have for the one to be taken for the other.
_LIKELY_SHARE = 0.5
# A pair of characters more names than this have is no clue to which one is meant (县司, 法局).
_FEW = 8


def _pairs(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)}


def _core(key: str, words: UnitWords) -> str:
    """What tells a unit from its neighbours: its key less the place before it and the organ word after.

    青溪县林业和草原局 → 林业和草原, 县教育局 → 教育, 西城街道 → 西城: the county's name or 街道
    shared by every unit of a folder is no sign that two names are one unit's.
    """
    placed = words.place_prefix.match(key)
    if placed and placed.end() < len(key) and not key[: placed.end()].endswith(words.zone_words):
        key = key[placed.end() :]
    elif len(key) > 2 and key[0] in words.place_suffixes:
        key = key[1:]
    for generic in words.drop_suffixes:  # 人民政府 is in every government's name
        key = key.replace(generic, "")
    for suffix in words.organ_suffixes:  # longest first
        if key.endswith(suffix):
            return key[: -len(suffix)]  # nothing left of a bare organ word (管理委员会): no clue
    return key


def likely_same(names: Sequence[str], others: Sequence[str], words: UnitWords | None = None) -> dict[int, int]:
    """For each of `names` (unit keys), the one of `others` it most likely is, written another way, if one stands out.

    A unit renamed or written differently (县教育局 and 青溪县教育和体育局, 县林业局
    and 县林业和草原局, 白水乡 and 白水镇) shares most of the character pairs of
    what tells it from its neighbours (_core): the pairs both have over the
    shorter's, at least half; a tie offers nothing. `others` are indexed by
    pair, and only pairs few of them have bring candidates, so thousands of
    each cost what their shared pairs do, not every pairing. By index:
    {i: j} for names[i] ~ others[j].
    """
    words = words or default_unit_words()
    by_pair: dict[str, list[int]] = {}
    other_pairs = [_pairs(_core(key, words)) for key in others]
    for j, pairs in enumerate(other_pairs):
        for pair in pairs:
            by_pair.setdefault(pair, []).append(j)
    found: dict[int, int] = {}
    for i, name in enumerate(names):
        mine = _pairs(_core(name, words))
        near = {j for pair in mine if len(by_pair.get(pair, ())) <= _FEW for j in by_pair.get(pair, ())}
        scored = sorted(((len(mine & other_pairs[j]) / min(len(mine), len(other_pairs[j])), j) for j in near), reverse=True)
        if scored and scored[0][0] >= _LIKELY_SHARE and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            found[i] = scored[0][1]
    return found

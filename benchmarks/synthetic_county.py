"""A synthetic county (or province) of reports with known copies, for the folder checks.

    python benchmarks/synthetic_county.py OUT_DIR [--reports 60] [--seed 16]

Writes, deterministically from the seed:

- OUT_DIR/county/: this year's reports (one per unit; a few units missing,
  one unit twice, one unit not on the roster) and .lzlint.yaml with the
  roster as ``units:``;
- OUT_DIR/county-previous/: last year's reports of the same units;
- OUT_DIR/manifest.json: the ground truth: every planted copy (R101: a
  paragraph copied, exactly or nearly, from another unit's report; R102: a
  paragraph carried over from the same unit's previous report), with file,
  line, source file and line; the boilerplate paragraphs that must not be
  reported; the missing units, the duplicate and the unknown unit.

Reports are written from the phrase pool of synthetic_phrases.py (slots,
numbers, sentence order) plus sentences of the repository's fixture
reports with their numbers varied, in the outline of the fixtures (title,
addressee, opening, four sections, 落款). A guard re-draws a paragraph
whose choices differ from an earlier one's in at most one slot, so
unrelated paragraphs are never 90% alike by accident; the boilerplate is
shared on purpose.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import synthetic_phrases as P  # beside this file: benchmarks/ is on the path of the script, county.py and the tests
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIRS = (ROOT / "fixtures" / "reports", ROOT / "fixtures" / "variants")
CN_NUMBERS = "一二三四五六七八九十"
_SLOT = re.compile(r"\{([^{}]*)\}")
_DIGITS = re.compile(r"\d+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|[①-⑳])")
NEAR_MIN = 0.92  # a near copy stays at least this similar (Jaccard of 3-, 4- and 5-character shingles)


@dataclass(frozen=True)
class Unit:
    name: str  # as on the roster, in the title, the 落款 and the file name
    kind: str  # town, street or department
    places: tuple[str, ...]  # villages, communities or offices named in the text

    @property
    def org(self) -> str:
        return {"town": "党委、政府", "street": "党工委、办事处", "department": "党组"}[self.kind]

    @property
    def grass(self) -> str:
        return {"town": "各村（社区）", "street": "各社区", "department": "各股室和下属单位"}[self.kind]


@dataclass
class Line:
    text: str
    kind: str  # meta, heading, body, opening, boilerplate
    section: str = ""  # 一 二 三 四 for lines in the body
    planted: bool = False  # a copy was put here, or it is the source of one


@dataclass
class Report:
    unit: Unit
    year: int
    lines: list[Line] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines) + "\n"

    def body(self, sections: str) -> list[int]:
        """Indexes of unplanted body paragraphs in `sections`."""
        return [i for i, line in enumerate(self.lines) if line.kind == "body" and line.section in sections and not line.planted]


def shingles(text: str, k: int) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i : i + k] for i in range(max(1, len(text) - k + 1))}


def similarity(a: str, b: str) -> float:
    """The lowest Jaccard similarity of 3-, 4- and 5-character shingles: what a detector could use."""
    values = []
    for k in (3, 4, 5):
        x, y = shingles(a, k), shingles(b, k)
        values.append(len(x & y) / len(x | y) if x | y else 1.0)
    return min(values)


def fixture_sentences() -> list[str]:
    """Body sentences of the fixture reports (15 to 70 characters), in a fixed order."""
    found: list[str] = []
    for directory in FIXTURE_DIRS:
        for path in sorted(directory.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if len(line) < 30 or _HEADING.match(line) or "×" in line:
                    continue
                for sentence in line.split("。"):
                    sentence = sentence.strip()
                    # Whole statements only: no lead-in (…如下：), no list item (一是…), no year of another report.
                    if 15 <= len(sentence) <= 70 and not _HEADING.match(sentence) and not re.search(r"[：:]|^[一二三四五六七八九十]是|(?:19|20)\d\d", sentence):
                        found.append(sentence + "。")
    return sorted(set(found))


class Writer:
    """Draws wording and numbers; remembers the choices of every paragraph to keep them apart."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fixtures = fixture_sentences()
        self.seen: set[int] = set()
        self.redraws = 0
        self.unguarded = 0

    def fill(self, template: str, unit: Unit, year: int, choices: list[object]) -> str:
        """`template` with its slots filled; the wording choices (not the numbers) appended to `choices`."""

        def slot(match: re.Match[str]) -> str:
            inner = match.group(1)
            if inner.startswith("N:"):
                # Numbers are not choices: a folder check may rightly ignore them (a copy with
                # this unit's figures is still a copy), so they must not keep two paragraphs apart.
                _, low, high = inner.split(":")
                return str(self.rng.randint(int(low), int(high)))
            fixed = {"U": unit.name, "ORG": unit.org, "GRASS": unit.grass, "Y": str(year), "Y1": str(year + 1)}
            if inner in fixed:
                return fixed[inner]
            if inner == "VIL":
                place = self.rng.choice(unit.places)
                choices.append(place)
                return place
            options = inner.split("|")
            index = self.rng.randrange(len(options))
            # Slots whose wordings differ by a character or two (次|人次, 出庭应诉|出庭, 在|于) barely
            # change the shingles: not a choice that keeps two paragraphs apart, like a number.
            if min(map(len, options)) >= 2 and not any(a != b and a in b for a in options for b in options):
                choices.append(index)
            return options[index]

        # The pattern matches innermost slots: {全年|{Y1}年} takes two passes.
        text = template
        while _SLOT.search(text):
            text = _SLOT.sub(slot, text)
        return text

    def fixture(self) -> tuple[str, tuple[object, ...]]:
        """A fixture sentence with its figures varied, and its choice."""
        index = self.rng.randrange(len(self.fixtures))

        def vary(match: re.Match[str]) -> str:
            digits = match.group()
            if _YEAR.fullmatch(digits):
                return digits
            return str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in range(len(digits) - 1))

        return _DIGITS.sub(vary, self.fixtures[index]), ("f", index)

    def paragraph(self, pool: tuple[str, ...], count: int, unit: Unit, year: int, extra: tuple[str, ...] = (), fixture: float = 0.0) -> str:
        """`count` sentences of `pool` (plus one of `extra`, maybe a fixture sentence), kept apart from earlier ones."""
        for _attempt in range(60):
            sentences: list[tuple[object, ...]] = []
            parts = []
            for index in self.rng.sample(range(len(pool)), min(count, len(pool))):
                choices: list[object] = ["t", index]
                parts.append(self.fill(pool[index], unit, year, choices))
                sentences.append(tuple(choices))
            if extra:
                index = self.rng.randrange(len(extra))
                choices = ["x", index]
                parts.append(self.fill(extra[index], unit, year, choices))
                sentences.append(tuple(choices))
            if fixture and self.rng.random() < fixture:
                text, choice = self.fixture()
                parts.insert(self.rng.randrange(len(parts) + 1), text)
                sentences.append(choice)
            if self._keep(id(pool), sentences):
                return "".join(parts)
            self.redraws += 1
        self.unguarded += 1
        return "".join(parts)

    def _keep(self, tag: int, sentences: list[tuple[object, ...]]) -> bool:
        """False when an earlier paragraph's choices differ from these in at most one place.

        Shingle similarity ignores the order of the sentences (only the few shingles
        across their junctions change) and a check may ignore the numbers; two
        paragraphs one word apart are about 90% alike. So the key is the sorted
        sentences' wording choices, and a key per choice left out catches every
        pair that differs in one place.
        """
        keys = {hash((tag, tuple(sorted(map(repr, sentences)))))}
        for i, sentence in enumerate(sentences):
            for j in range(len(sentence)):
                masked = [*sentences[:i], (*sentence[:j], "*", *sentence[j + 1 :]), *sentences[i + 1 :]]
                keys.add(hash((tag, tuple(sorted(map(repr, masked))))))
        if keys & self.seen:
            return False
        self.seen |= keys
        return True

    def problems(self, unit: Unit, year: int) -> str:
        for _attempt in range(60):
            sentences: list[tuple[object, ...]] = []
            parts = []
            for number, index in enumerate(self.rng.sample(range(len(P.PROBLEMS)), self.rng.randint(3, 4))):
                choices: list[object] = ["p", index]
                parts.append(f"{CN_NUMBERS[number]}是{self.fill(P.PROBLEMS[index], unit, year, choices)}。")
                sentences.append(tuple(choices))
            if self._keep(id(P.PROBLEMS), sentences):
                return "".join(parts)
            self.redraws += 1
        self.unguarded += 1
        return "".join(parts)


def _cn(number: int) -> str:
    return CN_NUMBERS[number - 1] if number <= 10 else f"十{CN_NUMBERS[number - 11]}"


def write_report(writer: Writer, unit: Unit, year: int, boilerplate: dict[int, bool]) -> Report:
    """One report of `unit` on `year`; `boilerplate[i]` says whether it carries standard paragraph i."""
    rng = writer.rng
    report = Report(unit, year)
    add = report.lines.append
    if unit.kind != "department" and rng.random() < 0.5:
        add(Line(f"{unit.name[:2]}政发〔{year + 1}〕{rng.randint(1, 40)}号", "meta"))
        add(Line("", "meta"))
    title = rng.choice(("关于{y}年度法治政府建设情况的报告", "关于{y}年法治政府建设工作情况的报告", "{y}年度法治政府建设工作报告"))
    add(Line(unit.name, "meta"))
    add(Line(title.format(y=year), "meta"))
    add(Line("", "meta"))
    add(Line(rng.choice(("县委、县政府：", "县委全面依法治县委员会办公室：", "县委依法治县办：")), "meta"))
    add(Line(P.OPENING.format(Y=year, U=unit.name, ORG=unit.org), "opening"))

    first = rng.choice(("一、{y}年度推进法治政府建设的主要举措和成效", "一、主要工作及成效", "一、{y}年法治政府建设主要工作和成效"))
    add(Line(first.format(y=year), "heading", "一"))
    topics = rng.sample(sorted(P.TOPICS), rng.randint(4, 6))
    for number, topic in enumerate(topics, 1):
        headings, pool = P.TOPICS[topic]
        add(Line(f"（{_cn(number)}）{rng.choice(headings)}", "heading", "一"))
        # Three sentences at least: two short sentences of the pool are too few choices to stay apart.
        paragraphs = 2 if len(pool) >= 6 and rng.random() < 0.3 else 1
        for _ in range(paragraphs):
            add(Line(writer.paragraph(pool, 3, unit, year, fixture=0.5), "body", "一"))
        if topic == "enforcement" and boilerplate.get(0):
            add(Line(P.BOILERPLATE[0][1], "boilerplate", "一"))
    if "enforcement" not in topics and boilerplate.get(0):
        add(Line(P.BOILERPLATE[0][1], "boilerplate", "一"))

    second = rng.choice(("二、党政主要负责人履行推进法治建设第一责任人职责情况", "二、主要负责人履行推进法治建设第一责任人职责情况"))
    add(Line(second, "heading", "二"))
    if boilerplate.get(1):
        add(Line(P.BOILERPLATE[1][1], "boilerplate", "二"))
    add(Line(writer.paragraph(P.DUTY, 3, unit, year), "body", "二"))
    if rng.random() < 0.5:
        add(Line(writer.paragraph(P.DUTY, 2, unit, year, fixture=1.0), "body", "二"))

    third = rng.choice(("三、存在的不足和原因", "三、存在的主要问题及原因", "三、存在的问题"))
    add(Line(third, "heading", "三"))
    add(Line(writer.problems(unit, year), "body", "三"))
    if rng.random() < 0.8:
        add(Line(writer.paragraph(P.CAUSES, 2, unit, year), "body", "三"))

    fourth = rng.choice(("四、{y}年推进法治政府建设的主要安排", "四、下一年度工作打算", "四、{y}年工作打算"))
    add(Line(fourth.format(y=year + 1), "heading", "四"))
    for number, plan in enumerate(rng.sample(sorted(P.PLANS), 3), 1):
        headings, pool = P.PLANS[plan]
        add(Line(f"（{_cn(number)}）{rng.choice(headings)}", "heading", "四"))
        add(Line(writer.paragraph(pool, 2, unit, year, extra=P.PLAN_GENERAL), "body", "四"))
    if boilerplate.get(2):
        add(Line(P.BOILERPLATE[2][1], "boilerplate", "四"))

    add(Line("", "meta"))
    add(Line(unit.name, "meta"))
    add(Line(f"{year + 1}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日", "meta"))
    return report


def make_units(rng: random.Random, count: int, province: bool) -> list[Unit]:
    """`count` distinct units: 40% towns, 15% streets, the rest county departments."""
    units: list[Unit] = []
    names: set[str] = set()

    def places(kind: str) -> tuple[str, ...]:
        chars = P.TOWN_FIRST + P.TOWN_SECOND
        suffix = {"town": "村", "street": "社区", "department": "执法中队"}[kind]
        return tuple(rng.choice(chars) + rng.choice(chars) + suffix for _ in range(3))

    while len(units) < count:
        county = ""
        if province:
            county = rng.choice(P.COUNTY_FIRST) + rng.choice(P.COUNTY_SECOND) + rng.choice(P.COUNTY_SUFFIX)
            if any(name.startswith(county) for name in names):
                continue
        block = min(60, count - len(units)) if province else count
        towns = round(block * 0.4)
        streets = round(block * 0.15)
        made: list[Unit] = []
        local: set[str] = set()
        while len(made) < block:
            if len(made) < towns:
                kind, name = "town", rng.choice(P.TOWN_FIRST) + rng.choice(P.TOWN_SECOND) + rng.choice("镇镇乡")
            elif len(made) < towns + streets:
                kind, name = "street", rng.choice(P.STREET_NAMES) + "街道"
            else:
                kind = "department"
                free = [d for d in P.DEPARTMENTS if d not in local]
                name = rng.choice(free) if free else rng.choice(P.DEPARTMENTS) + f"第{len(made)}分局"
            if name in local:
                continue
            local.add(name)
            full = (county + name) if province else (("县" + name) if kind == "department" else name)
            made.append(Unit(full, kind, places(kind)))
        names |= {u.name for u in made}
        units.extend(made)
    return units


def near_edits(text: str, rng: random.Random, new_unit: str | None, old_unit: str | None, year_shift: bool) -> list[str]:
    """Near copies of `text`: what a copier changes (own unit's name, the year, one figure), best first."""
    edits = []
    years = list(_YEAR.finditer(text))
    if year_shift and years:
        m = rng.choice(years)
        edits.append(text[: m.start()] + str(int(m.group()) + 1) + text[m.end() :])
    if new_unit and old_unit and old_unit in text:
        edits.append(text.replace(old_unit, new_unit))
    numbers = [m for m in _DIGITS.finditer(text) if not _YEAR.fullmatch(m.group())]
    rng.shuffle(numbers)
    for m in numbers[:3]:
        digits = m.group()
        last = str((int(digits[-1]) + rng.randint(1, 8)) % 10)
        edits.append(text[: m.start()] + digits[:-1] + last + text[m.end() :])
    # No figure: one word changed, as an editor would.
    for old, new in (("进一步", "持续"), ("不足", "不够"), ("加强", "强化"), ("提高", "提升"), ("开展", "组织")):
        if old in text:
            edits.append(text.replace(old, new, 1))
    return edits


@dataclass(frozen=True)
class Settings:
    reports: int = 60  # units reporting this year (the duplicate comes on top)
    missing: int = 3
    duplicates: int = 1
    unknown: int = 1
    copies_exact: int = 6
    copies_near: int = 6
    carried_exact: int = 8
    carried_near: int = 6
    seed: int = 16
    year: int = 2025
    roster: bool = True  # write .lzlint.yaml with units: (False: roster.yaml beside the manifest)

    @staticmethod
    def scaled(reports: int, seed: int = 16, roster: bool = True) -> Settings:
        """Plants in proportion: the county's 60 reports have 26 copies; a province of 10,000 about 4,300."""
        factor = reports / 60
        return Settings(
            reports=reports,
            missing=max(3, round(3 * factor / 10)),
            duplicates=max(1, round(factor / 10)),
            unknown=max(1, round(factor / 10)),
            copies_exact=max(6, round(6 * factor)),
            copies_near=max(6, round(6 * factor)),
            carried_exact=max(8, round(8 * factor)),
            carried_near=max(6, round(6 * factor)),
            seed=seed,
            roster=roster,
        )


def _file_name(unit: Unit, year: int, suffix: str = "") -> str:
    return f"{unit.name}{year}年度法治政府建设情况报告{suffix}.txt"


def generate(out: Path, settings: Settings = Settings()) -> dict[str, object]:
    """Write the county and its manifest under `out`; returns the manifest."""
    rng = random.Random(settings.seed)
    writer = Writer(rng)
    year = settings.year
    province = settings.reports > 200
    units = make_units(rng, settings.reports + settings.missing, province)
    rng.shuffle(units)
    missing = units[: settings.missing]
    reporting = units[settings.missing :]
    unknown = reporting[: settings.unknown]
    duplicated = reporting[settings.unknown : settings.unknown + settings.duplicates]
    roster = sorted(u.name for u in units if u not in unknown)
    special = {u.name for u in unknown} | {u.name for u in duplicated}

    def boilerplate_plan(count: int) -> list[dict[int, bool]]:
        # Exactly the set share of reports carries each standard paragraph.
        plan: list[dict[int, bool]] = [{} for _ in range(count)]
        for index, (_section, _text, share) in enumerate(P.BOILERPLATE):
            for position in rng.sample(range(count), round(share * count)):
                plan[position][index] = True
        return plan

    current_plan = boilerplate_plan(len(reporting))
    current = [write_report(writer, unit, year, plan) for unit, plan in zip(reporting, current_plan)]
    previous_units = [u for u in units if u not in unknown] + list(unknown)
    previous = {u.name: write_report(writer, u, year - 1, plan) for u, plan in zip(previous_units, boilerplate_plan(len(previous_units)))}
    by_unit = {r.unit.name: r for r in current}

    copies: list[dict[str, object]] = []
    ordinary = [r for r in current if r.unit.name not in special]

    def plant(code: str, target: Report, source: Report, sections: str, near: bool, named: bool = False) -> bool:
        targets, sources = target.body(sections), source.body(sections)
        if named:
            # A copy that still names the unit it came from (《XX局2025年法治政府建设工作要点》): the most telling one.
            sources = [i for i in sources if source.unit.name in source.lines[i].text]
        if not targets or not sources:
            return False
        t = rng.choice(targets)
        # A copy long enough for any reading of "40 characters of body text" (no figures, no punctuation).
        sources = [i for i in sources if len(_CJK.findall(source.lines[i].text)) >= 50]
        rng.shuffle(sources)
        text, s = "", -1
        for s in sources:
            original = source.lines[s].text
            if not near:
                text = original
                break
            # A near copy keeps NEAR_MIN of the shingles: short paragraphs cannot take an edit.
            edits = near_edits(original, rng, target.unit.name, source.unit.name, year_shift=code == "R102")
            fitting = [e for e in edits if NEAR_MIN <= similarity(e, original) < 1.0]
            if fitting:
                text = fitting[0]
                break
        if not text:
            return False
        target.lines[t] = Line(text, "body", target.lines[t].section, planted=True)
        source.lines[s].planted = True
        kind = "near" if near else "exact"
        copies.append(
            {
                "code": code,
                "kind": kind,
                "section": target.lines[t].section,
                "target": (target, t),
                "source": (source, s),
                "similarity": round(similarity(text, source.lines[s].text), 3),
                "names_source_unit": code == "R101" and source.unit.name in text,
            }
        )
        return True

    def plant_many(code: str, count: int, near: bool) -> None:
        done = 0
        named = max(1, count // 6) if code == "R101" and not near else 0
        while done < count:
            target = rng.choice(ordinary)
            # R101 mostly in the work section; R102 mostly where problems recur: 三 and 四.
            if code == "R101":
                source = rng.choice(ordinary)
                if source is target:
                    continue
                sections = "一" if rng.random() < 0.75 else rng.choice(("二", "三", "四"))
            else:
                source = previous[target.unit.name]
                sections = rng.choice(("三", "四")) if rng.random() < 0.8 else rng.choice(("一", "二"))
            if done < named:
                sections = "一"
            done += plant(code, target, source, sections, near, named=done < named)

    plant_many("R101", settings.copies_exact, near=False)
    plant_many("R101", settings.copies_near, near=True)
    plant_many("R102", settings.carried_exact, near=False)
    plant_many("R102", settings.carried_near, near=True)

    folder, before = out / "county", out / "county-previous"
    folder.mkdir(parents=True, exist_ok=True)
    before.mkdir(parents=True, exist_ok=True)
    names: dict[int, str] = {}
    for report in current:
        path = folder / _file_name(report.unit, year)
        path.write_text(report.text(), encoding="utf-8")
        names[id(report)] = f"county/{path.name}"
    for report in previous.values():
        path = before / _file_name(report.unit, year - 1)
        path.write_text(report.text(), encoding="utf-8")
        names[id(report)] = f"county-previous/{path.name}"

    duplicates = []
    for unit in duplicated:
        # A revised draft sent again: the same report with two figures changed.
        text = by_unit[unit.name].text()
        for _ in range(2):
            text = near_edits(text, rng, None, None, year_shift=False)[0]
        path = folder / _file_name(unit, year, "（修改稿）")
        path.write_text(text, encoding="utf-8")
        duplicates.append({"unit": unit.name, "files": [names[id(by_unit[unit.name])], f"county/{path.name}"]})

    # The revised draft keeps the lines of the first: its boilerplate is at the same lines.
    twins = {d["files"][0]: d["files"][1] for d in duplicates}

    roster_path = folder / ".lzlint.yaml" if settings.roster else out / "roster.yaml"
    roster_path.write_text(yaml.safe_dump({"units": roster}, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def where(pair: tuple[Report, int]) -> dict[str, object]:
        return {"file": names[id(pair[0])], "line": pair[1] + 1}

    manifest: dict[str, object] = {
        "seed": settings.seed,
        "year": year,
        "previous_year": year - 1,
        "folder": "county",
        "previous_folder": "county-previous",
        "roster_file": str(roster_path.relative_to(out)),
        "roster": roster,
        "reports": [{"unit": r.unit.name, "file": names[id(r)]} for r in current],
        "missing": [u.name for u in missing],
        "duplicates": duplicates,
        "unknown": [{"unit": u.name, "file": names[id(by_unit[u.name])]} for u in unknown],
        "copies": [
            {
                "code": c["code"],
                "kind": c["kind"],
                "section": c["section"],
                "similarity": c["similarity"],
                "names_source_unit": c["names_source_unit"],
                **where(c["target"]),  # type: ignore[arg-type]
                "source": where(c["source"]),  # type: ignore[arg-type]
            }
            for c in copies
        ],
        "boilerplate": [
            {"file": file, "line": i + 1, "kind": line.kind}
            for r in current
            for file in (names[id(r)], twins.get(names[id(r)]))
            if file
            for i, line in enumerate(r.lines)
            if line.kind in ("opening", "boilerplate")
        ],
        "boilerplate_shares": {"opening": 1.0, **{f"standard-{i + 1}": share for i, (_s, _t, share) in enumerate(P.BOILERPLATE)}},
        "body_paragraphs": sum(1 for r in current for line in r.lines if line.kind == "body"),
        "guard": {"redraws": writer.redraws, "unguarded": writer.unguarded},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def paragraphs(out: Path, manifest: dict[str, object]) -> dict[tuple[str, int], str]:
    """Body text of the written reports (this year and last): (file, line) → text, 40 characters or more."""
    found = {}
    for folder in (str(manifest["folder"]), str(manifest["previous_folder"])):
        for path in sorted((out / folder).glob("*.txt")):
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(text) >= 40 and not _HEADING.match(text):
                    found[(f"{folder}/{path.name}", number)] = text
    return found


def similar_pairs(found: dict[tuple[str, int], str], threshold: float, k: int = 3) -> list[tuple[tuple[str, int], tuple[str, int], float]]:
    """Pairs of paragraphs of different files whose k-shingle Jaccard similarity is at least `threshold`.

    Figures are left out first, as a check that counts a copy with other figures as a copy would.
    """
    sets = {key: shingles(_DIGITS.sub("", text), k) for key, text in found.items()}
    index: dict[str, list[tuple[str, int]]] = {}
    for key, grams in sets.items():
        for gram in grams:
            index.setdefault(gram, []).append(key)
    pairs = []
    for key, grams in sets.items():
        shared: dict[tuple[str, int], int] = {}
        for gram in grams:
            for other in index[gram]:
                if other > key and other[0] != key[0]:
                    shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            value = count / (len(grams) + len(sets[other]) - count)
            if value >= threshold:
                pairs.append((key, other, value))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--reports", type=int, default=60, help="units reporting this year (60: a county; 10000: a province)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-roster", action="store_true", help="write the roster to roster.yaml, not county/.lzlint.yaml")
    args = parser.parse_args()
    manifest = generate(args.out_dir, Settings.scaled(args.reports, args.seed, roster=not args.no_roster))
    copies = manifest["copies"]
    assert isinstance(copies, list)
    print(f"{len(manifest['reports'])} reports (+{len(manifest['duplicates'])} duplicate) in {args.out_dir / 'county'}, {len(copies)} planted copies; manifest.json")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()

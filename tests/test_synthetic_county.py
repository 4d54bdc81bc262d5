"""The synthetic county of benchmarks/county.py: deterministic, and its ground truth holds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import synthetic_county as sc  # noqa: E402
import synthetic_phrases as phrases  # noqa: E402

SMALL = sc.Settings(reports=20, missing=2, duplicates=1, unknown=1, copies_exact=3, copies_near=3, carried_exact=3, carried_near=3)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    out = tmp_path_factory.mktemp("county")
    return out, sc.generate(out, SMALL)


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _line(out: Path, file: str, line: int) -> str:
    return (out / file).read_text(encoding="utf-8").splitlines()[line - 1]


def test_same_seed_same_bytes_other_seed_other_reports(tmp_path: Path, county: tuple[Path, dict[str, object]]) -> None:
    out, _ = county
    again = sc.generate(tmp_path / "again", SMALL)
    assert _files(tmp_path / "again") == _files(out)
    assert again == json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    sc.generate(tmp_path / "other", sc.Settings(**{**SMALL.__dict__, "seed": SMALL.seed + 1}))
    assert _files(tmp_path / "other") != _files(out)


def test_counts_and_roster(county: tuple[Path, dict[str, object]]) -> None:
    out, manifest = county
    reports = list((out / "county").glob("*.txt"))
    assert len(reports) == SMALL.reports + SMALL.duplicates
    roster = yaml.safe_load((out / "county" / ".lzlint.yaml").read_text(encoding="utf-8"))["units"]
    assert roster == manifest["roster"]
    assert len(roster) == SMALL.reports + SMALL.missing - SMALL.unknown
    names = "".join(p.name for p in reports)
    for unit in manifest["missing"]:  # type: ignore[attr-defined]
        assert unit in roster and unit not in names
        # A missing unit did report last year.
        assert any(p.name.startswith(unit) for p in (out / "county-previous").glob("*.txt"))
    for unknown in manifest["unknown"]:  # type: ignore[attr-defined]
        assert unknown["unit"] not in roster
        assert (out / unknown["file"]).read_text(encoding="utf-8").startswith(unknown["unit"]) or unknown["unit"] in _line(out, unknown["file"], 3)
    for duplicate in manifest["duplicates"]:  # type: ignore[attr-defined]
        first, second = duplicate["files"]
        assert first != second and (out / first).exists() and (out / second).exists()
        assert duplicate["unit"] in roster
        # A revised draft: the same lines, a figure or two changed.
        a, b = ((out / f).read_text(encoding="utf-8").splitlines() for f in (first, second))
        assert len(a) == len(b) and 1 <= sum(x != y for x, y in zip(a, b)) <= 2
    # Every report names its unit in the title block and the 落款, and the year in the title.
    for report in manifest["reports"]:  # type: ignore[attr-defined]
        lines = (out / report["file"]).read_text(encoding="utf-8").splitlines()
        assert report["unit"] in lines[:4] and lines[-2] == report["unit"]
        assert any(f"{SMALL.year}年" in line for line in lines[:4])


def test_planted_copies_are_where_the_manifest_says(county: tuple[Path, dict[str, object]]) -> None:
    out, manifest = county
    copies: list[dict[str, object]] = manifest["copies"]  # type: ignore[assignment]
    expected = SMALL.copies_exact + SMALL.copies_near + SMALL.carried_exact + SMALL.carried_near
    assert len(copies) == expected
    assert len({(c["file"], c["line"]) for c in copies}) == expected  # one copy per paragraph
    by_file = {r["file"]: r["unit"] for r in manifest["reports"]}  # type: ignore[attr-defined]
    for copy in copies:
        source: dict[str, object] = copy["source"]  # type: ignore[assignment]
        text, original = _line(out, str(copy["file"]), int(copy["line"])), _line(out, str(source["file"]), int(source["line"]))  # type: ignore[call-overload]
        assert len(text) >= 40
        if copy["kind"] == "exact":
            assert text == original
        else:
            assert text != original and sc.similarity(text, original) >= sc.NEAR_MIN
        unit = by_file[str(copy["file"])]
        if copy["code"] == "R101":
            assert str(source["file"]).startswith("county/") and by_file[str(source["file"])] != unit
        else:
            assert copy["code"] == "R102"
            assert str(source["file"]) == f"county-previous/{unit}{SMALL.year - 1}年度法治政府建设情况报告.txt"
    kinds = {(c["code"], c["kind"]) for c in copies}
    assert kinds == {("R101", "exact"), ("R101", "near"), ("R102", "exact"), ("R102", "near")}
    # Carried-over paragraphs are mostly in the shortcomings and next-year sections.
    carried = [c for c in copies if c["code"] == "R102"]
    assert sum(c["section"] in ("三", "四") for c in carried) >= len(carried) / 2


def test_boilerplate_is_shared_by_most_reports(county: tuple[Path, dict[str, object]]) -> None:
    out, manifest = county
    standard = {text for _section, text, _share in phrases.BOILERPLATE}
    reports = len(manifest["reports"]) + len(manifest["duplicates"])  # type: ignore[arg-type]
    counts: dict[str, int] = {}
    for entry in manifest["boilerplate"]:  # type: ignore[attr-defined]
        text = _line(out, entry["file"], entry["line"])
        if entry["kind"] == "opening":
            assert text.startswith(f"{SMALL.year}年，") and "习近平法治思想" in text
            counts["opening"] = counts.get("opening", 0) + 1
        else:
            assert text in standard
            counts[text] = counts.get(text, 0) + 1
    assert counts["opening"] == reports
    assert len(counts) == 1 + len(standard)
    assert all(count >= 0.7 * reports for count in counts.values())


def test_unrelated_paragraphs_are_never_alike(county: tuple[Path, dict[str, object]]) -> None:
    """Only planted copies, boilerplate and the duplicate's twin lines are 90% alike (3-character shingles)."""
    out, manifest = county
    found = sc.paragraphs(out, manifest)
    planted = {frozenset({(c["file"], c["line"]), (c["source"]["file"], c["source"]["line"])}) for c in manifest["copies"]}  # type: ignore[attr-defined, index]
    shared = {text for _section, text, _share in phrases.BOILERPLATE}
    twins = [set(d["files"]) for d in manifest["duplicates"]]  # type: ignore[attr-defined]
    alike = sc.similar_pairs(found, 0.9)
    unexplained = [
        (a, b, value)
        for a, b, value in alike
        if frozenset({a, b}) not in planted and found[a] not in shared and "习近平新时代" not in found[a] and {a[0], b[0]} not in twins
    ]
    assert unexplained == []
    # And the planted copies are among the pairs found alike: the check above could fail.
    assert planted <= {frozenset({a, b}) for a, b, _value in alike}


def test_similarity_and_near_edits() -> None:
    text = "全年办理行政处罚案件143件，其中简易程序案件20件，罚没金额39万元。配备执法记录仪52台，执法全过程留痕率达到100%，组织执法培训6期。"
    assert sc.similarity(text, text) == 1.0
    edits = sc.near_edits(text, __import__("random").Random(1), None, None, year_shift=False)
    assert edits and all(e != text and len(e) == len(text) for e in edits)
    # One figure's last digit changed: one character, so 5 of the n-4 five-character shingles differ:
    # Jaccard (n-9)/(n+1), below NEAR_MIN for this short paragraph (the generator then takes another).
    assert sum(a != b for a, b in zip(edits[0], text)) == 1
    n = len(text)
    assert abs(sc.similarity(edits[0], text) - (n - 9) / (n + 1)) < 0.01
    assert sc.similarity(edits[0], text) < sc.NEAR_MIN
    long = text + "对重大行政决策事项开展合法性审查，聘请法律顾问二名，审查合同协议六十四份，提出法律意见一百一十二条，推动决策程序规范运行。"
    assert sc.similarity(sc.near_edits(long, __import__("random").Random(1), None, None, year_shift=False)[0], long) >= sc.NEAR_MIN
    assert sc.similarity(text, "编制重大行政决策事项目录，逐项落实承办单位和时限，确保合法性审查全覆盖。") < 0.1
    shifted = sc.near_edits("力争2026年底前完成7项重点任务，把这项工作列入督查计划，逐季度通报一次进度。", __import__("random").Random(1), None, None, year_shift=True)[0]
    assert "2027年" in shifted


def test_scoring_counts_what_the_manifest_says(county: tuple[Path, dict[str, object]]) -> None:
    """benchmarks/county.py's scoring, on findings made by hand from the manifest."""
    import county as bench

    out, manifest = county
    copies: list[dict[str, Any]] = manifest["copies"]  # type: ignore[assignment]
    findings: list[dict[str, object]] = [{"file": c["file"], "line": c["line"], "code": c["code"], "message": "copy"} for c in copies[1:]]
    findings += [{"file": c["source"]["file"], "line": c["source"]["line"], "code": "R101", "message": "copy"} for c in copies if c["code"] == "R101"]
    opening = next(b for b in manifest["boilerplate"] if b["kind"] == "opening")  # type: ignore[attr-defined]
    findings.append({"file": opening["file"], "line": opening["line"], "code": "R102", "message": "carried over"})
    # A paragraph that is neither planted nor boilerplate, and a title line (a per-report summary).
    report = manifest["reports"][-1]["file"]  # type: ignore[index]
    planted = {(c["file"], c["line"]) for c in copies} | {(c["source"]["file"], c["source"]["line"]) for c in copies}
    lines = (out / report).read_text(encoding="utf-8").splitlines()
    ordinary = next(i + 1 for i, t in enumerate(lines) if len(t) >= 60 and "习近平" not in t and (report, i + 1) not in planted and t not in {x[1] for x in phrases.BOILERPLATE})
    findings.append({"file": report, "line": ordinary, "code": "R101", "message": "copy"})
    findings.append({"file": report, "line": 2, "code": "R102", "message": "share"})
    missing: list[str] = manifest["missing"]  # type: ignore[assignment]
    findings += [{"file": ".lzlint.yaml", "line": 1, "code": "R201", "message": f"“{u}”没有报告"} for u in missing[1:]]
    findings.append({"file": manifest["duplicates"][0]["files"][1], "line": 1, "code": "R202", "message": "两份"})  # type: ignore[index]

    score = bench.score(findings, manifest, bench.Paragraphs(out, manifest, index=True))
    assert (score.planted, score.found) == (len(copies), len(copies) - 1)
    assert [(m["file"], m["line"]) for m in score.missed] == [(copies[0]["file"], copies[0]["line"])]
    assert [(b["file"], b["line"], b["kind"]) for b in score.boilerplate_reported] == [(opening["file"], opening["line"], "opening")]
    assert [(f["file"], f["line"]) for f in score.false_positives] == [(report, ordinary)]
    assert score.report_level == 1
    assert score.roster["R201"][:2] == (len(missing), len(missing) - 1)
    assert score.roster["R202"][:2] == (1, 1)
    assert score.roster["R203"][:2] == (1, 0)

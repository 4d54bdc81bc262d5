"""The checks over a whole folder (R101 copied-paragraph, R102 carried-over-paragraph).

The rules' own examples and tests/cases/R10x.yaml cover what fires; here:
the pieces (normalisation, sketches stable across processes, unit keys, the
year layout, boilerplate in a crowded bucket, the digest) and the command
line (only with several files, selection, per-file ignores, rule-params,
the cache, --previous, a folder laid out by year).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lzlint.folder.carried_over import (
    Unit,
    check_carried_over,
    last_year_keys,
    misplaced,
    same_unit_key,
    split_by_year,
)
from lzlint.folder.copies import Report, boilerplate_limit, check_copies
from lzlint.folder.paragraphs import Digest, DigestOptions, Paragraph, digest
from lzlint.folder.shingles import (
    Bands,
    Sketches,
    jaccard,
    normalise,
    normalise_lines,
    shingles,
    sketch,
)
from lzlint.model.document import Document, Vocabulary
from lzlint.ruleset.rules import Rule
from lzlint.sources import Source
from tests.conftest import run_lzlint
from tests.test_format_sarif import validate

# Paragraphs of more than 40 characters, written for these tests.
LAW_ADVISERS = "全镇十二个村居均聘请了法律顾问，顾问每周到村坐班半天，为村民起草合同、调处邻里纠纷，并列席村务会议。"
MEDIATION = "镇里依托乡贤调解室化解婚姻家庭和土地流转纠纷，调解员由退休教师和老党员担任，调解协议全部履行到位。"
LICENCES = "全年办理涉水行政许可37件，平均审批时限压缩到4个工作日，办理结果全部在政务服务网公开，未发生行政复议。"
SHORTCOMING = "一是基层执法人员数量不足，镇综合执法队仅有在编人员五名，难以覆盖全镇二十三个村的日常巡查任务。"


def report(year: int, *paragraphs: str, heading: str = "一、主要举措和成效") -> str:
    return "\n".join([f"关于{year}年度法治政府建设情况的报告", heading, *paragraphs]) + "\n"


def _rule(pack: tuple[Rule, ...], code: str) -> Rule:
    return next(r for r in pack if r.code == code)


def _paragraph(text: str, line: int = 3) -> Paragraph:
    normalised = normalise(text)
    return Paragraph(line, 0, len(text), "", normalised)


# --- pieces -----------------------------------------------------------------


def test_normalise_folds_width_drops_punctuation_and_merges_numbers() -> None:
    assert normalise("全年办理１２件， 结案 3 件。") == "全年办理0件结案0件"
    assert normalise("ＡＢＣ（试行）") == "abc试行"
    assert normalise("2024年") == normalise("2025年")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="法治政府建设２０２４年ＡＢａｂ12_，。、（）“”…\u3000 \t\u00a0①㈠\u0301\r\x0bé﹐", max_size=40), max_size=8))
def test_a_reports_lines_normalised_at_once_are_each_line_normalised(lines: list[str]) -> None:
    # The digest normalises a report's body in one pass (normalise_lines): it must be normalise() of each line.
    lines = [line.replace("\n", "") for line in lines]
    assert normalise_lines(lines) == [normalise(line) for line in lines]


def test_every_character_normalise_may_leave_unfolded_gives_the_same_result() -> None:
    """normalise() skips NFKC for a text of _NFKC_FREE characters: each of them must not need it."""
    import re
    import unicodedata

    from lzlint.folder.shingles import _DIGITS, _NFKC_FREE, _NOT_TEXT

    free = [chr(cp) for cp in range(0x110000) if _NFKC_FREE.fullmatch(chr(cp))]
    assert len(free) > 27_000  # the CJK ideographs at least
    for c in free:
        folded = unicodedata.normalize("NFKC", c)
        assert not unicodedata.combining(c), hex(ord(c))
        # Unchanged, or changed into what normalise() drops or reads as a number either way.
        same = folded == c or (_NOT_TEXT.fullmatch(c) and _NOT_TEXT.fullmatch(folded)) or (_DIGITS.fullmatch(c) and _DIGITS.fullmatch(folded))
        assert same, hex(ord(c))
        # Nor does it compose with what stands before it.
        for before in ("a", "e", "가", "か", "法"):
            assert unicodedata.normalize("NFKC", before + c) == before + folded, hex(ord(c))
    assert re.fullmatch(r"[\W_]+", "\u3000，。、；：？！（）《》“”…—")  # what the class lets through unfolded


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("Lo", "Nd", "Po", "Ps", "Pe", "Pd", "Zs", "Lu", "Ll")), max_size=30))
def test_normalise_is_nfkc_first_whatever_the_text(text: str) -> None:
    import unicodedata

    from lzlint.folder.shingles import _DIGITS, _NOT_TEXT

    assert normalise(text) == _DIGITS.sub("0", _NOT_TEXT.sub("", unicodedata.normalize("NFKC", text))).lower()


def test_one_text_is_sketched_once_per_run() -> None:
    sketches = Sketches(3)
    text = normalise(LICENCES)
    first = sketches(text)
    assert first == sketch(text, 3) and sketches(text) is first and len(sketches.made) == 1


def test_shingles_and_jaccard() -> None:
    assert shingles("法治政府", 3) == {"法治政", "治政府"}
    assert shingles("法治", 3) == {"法治"}
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)
    assert jaccard(set(), {"a"}) == 0.0


def test_sketch_is_the_same_in_another_process() -> None:
    """Workers and the cache compare sketches made in other processes: no salted hash()."""
    text = normalise(LAW_ADVISERS)
    here = sketch(text, 3).hex()
    code = "from lzlint.folder.shingles import *; import sys; print(sketch(normalise(sys.argv[1]), 3).hex())"
    for seed in ("1", "2"):
        there = subprocess.run(
            [sys.executable, "-c", code, LAW_ADVISERS], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout.strip()
        assert there == here


def test_band_keys_of_the_same_text_agree_and_empty_bands_have_none() -> None:
    bands = Bands(4)
    a = bands.keys(sketch(normalise(LICENCES), 3))
    # Another figure is the same text once normalised (十二 is a word, not a figure).
    assert a == bands.keys(sketch(normalise(LICENCES.replace("37", "215")), 3))
    assert len(a) == 16 and any(k is not None for k in a)
    assert bands.keys(sketch("", 3)) == [None] * 16
    with pytest.raises(ValueError):
        bands.keys(b"short")


def test_an_empty_bin_borrows_from_the_next_bin_with_a_value() -> None:
    import numpy as np

    from lzlint.folder.shingles import _ROTATION, _densified

    filled = np.zeros((2, 64), dtype=bool)
    values = np.zeros((2, 64), dtype=np.int64)
    filled[0, 3], values[0, 3], filled[0, 60], values[0, 60] = True, 100, True, 7
    row, nothing = _densified(filled, values)
    assert row[3] == 100 and row[60] == 7
    # Bin 2 borrows from bin 3 (one to its right), bin 0 from bin 3 too (three), 61 round the end (62, 63, 0, 1, 2, 3: six).
    assert row[2] == (100 + _ROTATION) & 0x7FFF and row[0] == (100 + 3 * _ROTATION) & 0x7FFF
    assert row[61] == (100 + 6 * _ROTATION) & 0x7FFF and row[4] == (7 + 56 * _ROTATION) & 0x7FFF
    # A row without any value (an empty text) stays empty.
    assert set(nothing.tolist()) == {0x8000}


def _sketch_shingle_by_shingle(text: str, size: int) -> bytes:
    """The sketch as first written, shingle by shingle with hash() itself: what numpy must give."""
    import struct

    points = tuple(map(ord, text))
    tuples = [points] if 0 < len(points) <= size else [points[i : i + size] for i in range(len(points) - size + 1)]
    smallest: dict[int, int] = {}
    for h in (hash(t) & 0x3FFFFFFF for t in tuples):
        if h >> 24 not in smallest or h < smallest[h >> 24]:
            smallest[h >> 24] = h
    values = []
    for b in range(64):
        if not smallest:
            values.append(0x8000)
            continue
        distance = next(d for d in range(64) if (b + d) % 64 in smallest)
        values.append(((smallest[(b + distance) % 64] & 0x7FFF) + distance * 0x2F1B) & 0x7FFF)
    return struct.pack("<64H", *values)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", categories=("Lo", "Nd", "Lu", "Ll")), max_size=200), max_size=12), st.sampled_from([1, 2, 3, 5]))
def test_numpy_sketches_are_those_of_hash_shingle_by_shingle(texts: list[str], size: int) -> None:
    """Empty, shorter than a shingle, one shingle or hundreds: numpy's tuple hash is hash()'s, bin for bin."""
    from lzlint.folder.shingles import sketches_of

    assert sketches_of(texts, size) == [_sketch_shingle_by_shingle(t, size) for t in texts]


def test_sketches_in_many_batches_are_those_of_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import lzlint.folder.shingles as shingles_module

    texts = [normalise(LICENCES), "", "法治", normalise(LAW_ADVISERS)] * 3
    whole = shingles_module.sketches_of(texts, 3)
    monkeypatch.setattr(shingles_module, "_BATCH_CHARS", 50)  # a batch every text or two
    assert shingles_module.sketches_of(texts, 3) == whole == [_sketch_shingle_by_shingle(t, 3) for t in texts]


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=128, max_size=128), st.lists(st.tuples(st.integers(0, 127), st.integers(0, 255)), max_size=40))
def test_shared_bins_counts_the_equal_two_byte_bins(a: bytes, changes: list[tuple[int, int]]) -> None:
    import numpy as np

    from lzlint.folder.candidates import shared_bins, sketch_matrix

    b = bytearray(a)
    for at, value in changes:
        b[at] = value
    equal = sum(a[i : i + 2] == bytes(b[i : i + 2]) for i in range(0, 128, 2))
    matrix = sketch_matrix([a, bytes(b)])
    assert shared_bins(matrix, np.array([0, 1, 0]), np.array([1, 0, 0])).tolist() == [equal, equal, 64]


@pytest.mark.parametrize("threshold,rows", [(0.9, 7), (0.8, 4), (0.7, 3), (0.5, 2), (1.0, 64)])
def test_bands_are_as_narrow_as_the_threshold_allows(threshold: float, rows: int) -> None:
    # Worked out by hand: 0.9 with 7 rows in 9 bands meets 1 - (1 - 0.9**7)**9 = 0.9972 of the pairs
    # at the threshold; with 8 rows in 8 bands only 0.989, below RECALL_AT_THRESHOLD (0.995).
    assert Bands.for_threshold(threshold) == Bands(rows)



@pytest.mark.parametrize(
    "path,title,key",
    [
        ("2025/城关镇.txt", "", "城关镇"),
        ("x/关于城关镇2025年度法治政府建设工作的报告.docx", "", "城关镇"),
        ("县应急管理局2024年法治政府建设情况报告（修改稿）.txt", "", "县应急管理局"),
        ("2024年度报告.txt", "关于县教育局2024年度法治政府建设情况的报告", "县教育局"),
        ("二〇二四年度法治政府建设报告.txt", "", ""),
    ],
)
def test_same_unit_key(path: str, title: str, key: str) -> None:
    assert same_unit_key(path, title) == key


def test_unit_key_prefers_the_roster_then_the_detected_unit_then_the_file_name() -> None:
    from lzlint.folder import unit_key
    from lzlint.folder.roster import roster_from_names
    from lzlint.folder.units import ReportUnit
    from lzlint.run.engine import FileResult

    named = FileResult("初稿.txt", units=(ReportUnit("柳河镇人民政府", "柳河镇", "signature", 9, 0, 7),))
    # The detected unit, not the file name (初稿 says nothing of the unit).
    assert unit_key(named, "") == "柳河镇"
    roster = roster_from_names(["柳河镇", "东坝乡"], "<units>")
    assert unit_key(named, "", roster) == "柳河镇"
    # Not on the roster: still the detected unit.
    other = FileResult("x.txt", units=(ReportUnit("西坝乡人民政府", "西坝乡", "title", 1, 2, 9),))
    assert unit_key(other, "", roster) == "西坝乡"
    # No unit found: the file name less years and common words.
    assert unit_key(FileResult("县林业局2025年度报告（修改稿）.txt"), "") == "县林业局"


def test_split_by_year_checks_the_latest_and_reads_the_one_before() -> None:
    split = split_by_year(["r/2023/a.txt", "r/2024年/a.txt", "r/2025/a.txt", "r/2025/b.txt", "r/c.txt"])
    assert split is not None
    assert (split.year, split.previous_year) == (2025, 2024)
    assert split.current == ("r/2025/a.txt", "r/2025/b.txt", "r/c.txt")
    assert split.previous == ("r/2024年/a.txt",)
    assert split.older == ("r/2023/a.txt",)
    assert split_by_year(["r/2025/a.txt", "r/2025/b.txt", "r/x.txt"]) is None


def test_boilerplate_limit() -> None:
    assert boilerplate_limit(3, 30, 5) == 4  # a small folder: never by share alone
    assert boilerplate_limit(60, 30, 5) == 18
    assert boilerplate_limit(10_000, 30, 5) == 3000


def test_a_crowd_of_standard_text_hides_no_copy(pack: tuple[Rule, ...]) -> None:
    """40 reports share one paragraph (standard text); two of them also share a copy."""
    standard = _paragraph(LAW_ADVISERS, 3)
    reports = [Report(f"{n:02d}.txt", (standard, _paragraph(f"第{n}号报告自己的段落：" + MEDIATION[::-1] + "甲乙丙丁" * (n % 7 + 1), 4))) for n in range(40)]
    copy = _paragraph(LICENCES, 5)
    reports[3] = Report("03.txt", (*reports[3].paragraphs, copy))
    reports[17] = Report("17.txt", (*reports[17].paragraphs, copy))
    found = list(check_copies(reports, _rule(pack, "R101")))
    assert sorted((d.path, d.line) for d in found) == [("03.txt", 5), ("17.txt", 5)]
    assert "17.txt 第5行" in next(d.message for d in found if d.path == "03.txt")


def test_docx_paragraphs_are_named_as_paragraphs(pack: tuple[Rule, ...]) -> None:
    a = Report("甲镇.docx", (_paragraph(LAW_ADVISERS, 7),), "paragraph")
    b = Report("乙镇.txt", (_paragraph(LAW_ADVISERS, 3),))
    messages = {d.path: d.message for d in check_copies([a, b], _rule(pack, "R101"))}
    assert "甲镇.docx 第7段" in messages["乙镇.txt"] and "乙镇.txt 第3行" in messages["甲镇.docx"]


def test_digest_takes_body_paragraphs_only(vocabulary: Vocabulary) -> None:
    text = "\n".join(
        [
            "关于2025年度法治政府建设情况的报告",
            "县委、县政府：",
            "一、主要举措和成效",
            "（一）强化法治培训。" + MEDIATION,
            "三、存在的不足和原因",
            SHORTCOMING,
            "短句。",
            "",
            "城关镇人民政府",
            "2026年1月10日",
        ]
    )
    doc = Document.parse(Source("城关镇.txt", text, "utf-8"), vocabulary)
    found = digest(doc, DigestOptions())
    assert [(p.line, p.start, p.section) for p in found.paragraphs] == [(4, 10, "measures"), (6, 0, "shortcomings")]
    assert found.paragraphs[0].end == len(text.split("\n")[3])
    assert found.title == (1, 19) and found.year == 2025
    assert Digest.from_json(json.loads(json.dumps(found.to_json()))) == found


def test_digest_leaves_out_standard_sentences_and_the_units_own_name(vocabulary: Vocabulary) -> None:
    own = "城关镇" + LAW_ADVISERS
    doc = Document.parse(Source("2025/城关镇.txt", report(2025, own, MEDIATION + LICENCES), "utf-8"), vocabulary)
    found = digest(doc, DigestOptions(standard=(normalise(MEDIATION),)))
    assert [p.text for p in found.paragraphs] == [normalise(LAW_ADVISERS), normalise(LICENCES)]


def test_name_mask_removes_every_known_name_longest_first() -> None:
    from lzlint.folder.paragraphs import NameMask

    mask = NameMask.of(["北桥镇人民政府", "北桥镇", "县司法局", "局", "镇"])
    # 人民政府 goes with 北桥镇 where both are written; names of one or two characters stay.
    assert mask.text("北桥镇人民政府和县司法局联合北桥镇各局开展普法") == "和联合各局开展普法"
    assert mask.text("全镇开展普法") == "全镇开展普法"
    assert NameMask.of([]).text("北桥镇") == "北桥镇"
    paragraph = _paragraph("北桥镇设立公共法律服务站安排两名工作人员轮流值守群众可以现场申请法律援助")
    masked = mask.paragraph(paragraph)
    assert masked.text == "设立公共法律服务站安排两名工作人员轮流值守群众可以现场申请法律援助"
    assert masked.line == paragraph.line and mask.paragraph(masked) is masked


def test_standard_sentences_of_either_copy_rule_apply_when_only_r102_runs(pack: tuple[Rule, ...]) -> None:
    from dataclasses import replace

    from lzlint.folder import digest_options

    r101 = _rule(pack, "R101")
    r101 = replace(r101, params={**r101.params, "standard_text": ["坚持依法行政，建设法治政府。"]})
    # One report and last year's: R101 has no work, R102 does, with R101's standard sentence too.
    options = digest_options([r101, _rule(pack, "R102")], reports=1, previous=True)
    assert options is not None and options.standard == ("坚持依法行政建设法治政府",)


def test_malformed_digest_is_refused() -> None:
    with pytest.raises((TypeError, ValueError, KeyError)):
        Digest.from_json({"paragraphs": [["3", 0, 1, "", "x", "00"]], "year": None, "title_text": "", "body_chars": 1, "title": None})


# --- command line -------------------------------------------------------------


def _folder(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int, str]]:
    return sorted((d["path"], d["line"], d["code"]) for d in json.loads(result.stdout))


@pytest.fixture
def county(tmp_path: Path) -> Path:
    return _folder(
        tmp_path / "county",
        {
            "城关镇.txt": report(2025, LAW_ADVISERS, MEDIATION),
            "柳河镇.txt": report(2025, LICENCES, LAW_ADVISERS.replace("，", "； ")),
            "东坝乡.txt": report(2025, SHORTCOMING),
        },
    )


def test_folder_run_reports_copies_at_both_places(county: Path) -> None:
    result = run_lzlint(["--no-cache", "--select", "R", "--format", "json", "county"], cwd=county.parent)
    assert result.returncode == 0, result.stderr  # warnings do not fail the run
    assert _findings(result) == [("county/城关镇.txt", 3, "R101"), ("county/柳河镇.txt", 4, "R101")]
    text = run_lzlint(["--no-cache", "--select", "R101", "county"], cwd=county.parent).stdout
    assert "county/城关镇.txt:3:1: R101 本段与 county/柳河镇.txt 第4行的段落相同（不计数字、标点和单位名称，相似度100%）" in text


def test_each_side_of_a_copy_points_at_the_other(county: Path) -> None:
    # SARIF's relatedLocations: the other report's paragraph, where the finding there stands.
    log = json.loads(run_lzlint(["--no-cache", "--select", "R101", "--format", "sarif", "county"], cwd=county.parent).stdout)
    validate(log)
    results = log["runs"][0]["results"]
    spans = [r["locations"][0]["physicalLocation"] for r in results]
    assert [r["relatedLocations"][0]["physicalLocation"] for r in results] == spans[::-1]
    assert {r["relatedLocations"][0]["message"]["text"] for r in results} == {"另一份报告中的相同段落"}
    assert [unquote(s["artifactLocation"]["uri"]) for s in spans] == ["county/城关镇.txt", "county/柳河镇.txt"]
    # The HTML page links each finding to the other's highlight.
    page = run_lzlint(["--no-cache", "--select", "R101", "--format", "html", "county"], cwd=county.parent).stdout
    links = re.findall(r'<a class="related" href="#(f\d+)">另一份报告中的相同段落：([^<]*)</a>', page)
    assert links == [("f2", "county/柳河镇.txt 4:1"), ("f1", "county/城关镇.txt 3:1")]
    assert 'id="f1"' in page and 'id="f2"' in page


def test_a_carried_over_paragraph_points_at_last_years(tmp_path: Path) -> None:
    _folder(tmp_path, {"now/城关镇.txt": report(2025, LICENCES, MEDIATION), "then/城关镇.txt": report(2024, MEDIATION)})
    log = json.loads(run_lzlint(["--no-cache", "--select", "R102", "--format", "sarif", "--previous", "then", "now"], cwd=tmp_path).stdout)
    related = {r["locations"][0]["physicalLocation"]["region"]["startLine"]: r.get("relatedLocations") for r in log["runs"][0]["results"]}
    assert related[1] is None  # the report's share, at its title, is about the whole report
    region = {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": len(MEDIATION) + 1}
    assert [p["physicalLocation"] for p in related[4]] == [{"artifactLocation": {"uri": quote("then/城关镇.txt")}, "region": region}]
    # Last year's report is not on the HTML page: nothing to link to.
    page = run_lzlint(["--no-cache", "--select", "R102", "--format", "html", "--previous", "then", "now"], cwd=tmp_path).stdout
    assert "R102" in page and 'class="related"' not in page


def test_text_output_shows_the_lines_of_a_broken_paragraph(tmp_path: Path) -> None:
    # 北桥镇's copy is pasted as four lines broken at commas: the frame shows three, each underlined, then …
    pieces = ["镇里依托乡贤调解室化解婚姻家庭纠纷，", "  调解员由退休教师和老党员担任，", "土地流转纠纷由司法所直接介入，", "调解协议全部履行到位。"]
    _folder(tmp_path, {"a/城关镇.txt": report(2025, "".join(p.strip() for p in pieces)), "a/北桥镇.txt": report(2025, "\n".join(pieces))})
    text = run_lzlint(["--no-cache", "--select", "R101", "--no-color", "a/北桥镇.txt", "a/城关镇.txt"], cwd=tmp_path).stdout
    frame = text.split("\n\n")[0].splitlines()
    assert frame[0].startswith("a/北桥镇.txt:3:1: R101 本段与 a/城关镇.txt 第3行的段落相同")
    assert frame[1:] == [
        "  |",
        "3 | 镇里依托乡贤调解室化解婚姻家庭纠纷，",
        "  | " + "^" * 36,
        "4 |   调解员由退休教师和老党员担任，",  # the indent shown, not underlined
        "  |   " + "^" * 30,
        "5 | 土地流转纠纷由司法所直接介入，",
        "  | " + "^" * 30 + " warning",
        "  | …",
    ]
    assert "a/城关镇.txt:3:1: R101 本段与 a/北桥镇.txt 第3至6行的段落相同" in text


def test_one_file_has_no_folder_findings(county: Path) -> None:
    result = run_lzlint(["--no-cache", "--select", "R", "--format", "json", "county/城关镇.txt"], cwd=county.parent)
    assert json.loads(result.stdout) == []


def test_folder_codes_are_ignored_like_any_other(county: Path) -> None:
    ignored = run_lzlint(["--no-cache", "--select", "R", "--ignore", "R101", "--format", "json", "county"], cwd=county.parent)
    assert json.loads(ignored.stdout) == []
    (county.parent / ".lzlint.yaml").write_text('per-file-ignores:\n  "county/城关镇.txt": [R101]\n', encoding="utf-8")
    per_file = run_lzlint(["--no-cache", "--select", "R", "--format", "json", "county"], cwd=county.parent)
    assert _findings(per_file) == [("county/柳河镇.txt", 4, "R101")]


def test_rule_params_set_the_threshold_and_standard_text(county: Path) -> None:
    config = county.parent / ".lzlint.yaml"
    config.write_text(f"rule-params:\n  R101:\n    standard_text: ['{LAW_ADVISERS}']\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "R", "--format", "json", "county"], cwd=county.parent)
    assert json.loads(result.stdout) == []
    config.write_text("rule-params:\n  R101:\n    threshold: 30\n", encoding="utf-8")
    result = run_lzlint(["--no-cache", "--select", "R", "county"], cwd=county.parent)
    assert result.returncode == 2 and "threshold must be a percentage between 50 and 100" in result.stderr


def test_a_cached_run_still_finds_copies(county: Path) -> None:
    args = ["--cache-dir", "cache", "--select", "R", "--format", "json", "county"]
    # A single-file run first: its cache entry has no digest and must not hide the file from the folder check.
    run_lzlint(["--cache-dir", "cache", "--select", "R", "county/城关镇.txt"], cwd=county.parent)
    first = run_lzlint(args, cwd=county.parent)
    second = run_lzlint(args, cwd=county.parent)
    assert _findings(first) == _findings(second) == [("county/城关镇.txt", 3, "R101"), ("county/柳河镇.txt", 4, "R101")]
    # The folder's findings and their rendered text come from the cache too, and print the same.
    plain = run_lzlint(["--no-cache", "county"], cwd=county.parent)
    cold = run_lzlint(["--cache-dir", "cache", "county"], cwd=county.parent)
    warm = run_lzlint(["--cache-dir", "cache", "county"], cwd=county.parent)
    assert "R101" in plain.stdout and plain.stdout == cold.stdout == warm.stdout
    # A changed report changes the folder: its copy is no longer reported anywhere.
    (county / "柳河镇.txt").write_text(report(2025, LICENCES), encoding="utf-8")
    changed = run_lzlint(["--cache-dir", "cache", "--select", "R", "--format", "json", "county"], cwd=county.parent)
    assert _findings(changed) == []


def test_previous_reports_the_same_units_repeats(tmp_path: Path) -> None:
    _folder(tmp_path, {"now/城关镇.txt": report(2025, MEDIATION, heading="三、存在的不足和原因") + "\n", "then/城关镇.txt": report(2024, MEDIATION, heading="三、存在的不足和原因")})
    _folder(tmp_path, {"now/柳河镇.txt": report(2025, LICENCES), "then/柳河镇.txt": report(2024, SHORTCOMING)})
    result = run_lzlint(["--no-cache", "--select", "R102", "--format", "json", "--previous", "then", "now"], cwd=tmp_path)
    assert _findings(result) == [("now/城关镇.txt", 1, "R102"), ("now/城关镇.txt", 3, "R102")]
    messages = [d["message"] for d in json.loads(result.stdout)]
    assert any("问题年年一样" in m and "then/城关镇.txt 第3行" in m for m in messages)
    assert any(m.startswith("本报告约100%的正文与上一年度报告 then/城关镇.txt 相同") for m in messages)
    missing = run_lzlint(["--no-cache", "--previous", "nowhere", "now"], cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("lzlint: error: --previous nowhere") and "Traceback" not in missing.stderr


def test_last_year_keys_take_a_renamed_units_former_name_when_it_is_clear() -> None:
    now = ["城关镇", "县林业和草原局", "县文化体育局", "柳河乡", ""]
    then = ["城关镇", "县林业局", "县文化局", "县体育局", "柳河镇"]
    # 县林业和草原局 ~ 县林业局 (县林 林业: two of three pairs); 县文化体育局 as like 县文化局 as 县体育局: neither.
    # 柳河乡 ~ 柳河镇 (柳河, half of the pairs): a 乡 become a 镇 is the same township.
    assert last_year_keys(now, then) == {"城关镇": "城关镇", "县林业和草原局": "县林业局", "柳河乡": "柳河镇"}
    # Two of this year's taking one name of last year's: neither is compared with it.
    assert last_year_keys(["柳河乡", "柳河街道"], ["柳河镇"]) == {}


def test_verbose_tells_which_of_last_years_reports_each_report_was_compared_with(tmp_path: Path) -> None:
    # 柳河镇 wrote no report last year (its file of 2024 is 城关镇's under another name): -v must say R102 had nothing.
    _folder(tmp_path, {"now/城关镇.txt": report(2025, MEDIATION), "then/城关镇2024.txt": report(2024, MEDIATION)})
    _folder(tmp_path, {"now/柳河镇.txt": report(2025, LICENCES), "then/新华乡.txt": report(2024, SHORTCOMING)})
    result = run_lzlint(["--no-cache", "-v", "--select", "R102", "--previous", "then", "now"], cwd=tmp_path)
    told = [line for line in result.stderr.splitlines() if "R102" in line]
    assert told == [
        "lzlint: now/城关镇.txt: R102 compared it with last year's then/城关镇2024.txt",
        "lzlint: now/柳河镇.txt: no report of last year's is of the same unit: R102 had nothing to compare it with",
    ]
    # Without -v, or without R102, nothing of it.
    assert "R102 compared" not in run_lzlint(["--no-cache", "--select", "R102", "--previous", "then", "now"], cwd=tmp_path).stderr
    assert "R102" not in run_lzlint(["--no-cache", "-v", "--select", "R101", "--previous", "then", "now"], cwd=tmp_path).stderr


def test_a_folder_laid_out_by_year_checks_the_latest_year(tmp_path: Path) -> None:
    _folder(
        tmp_path / "reports",
        {
            "2023/城关镇.txt": "没有标题的旧报告\n",
            "2024/城关镇.txt": report(2024, SHORTCOMING, heading="三、存在的不足和原因"),
            "2025/城关镇.txt": report(2025, SHORTCOMING, heading="三、存在的不足和原因"),
            "2025/柳河镇.txt": report(2025, MEDIATION),
        },
    )
    result = run_lzlint(["--no-cache", "--select", "R,S106", "--format", "json", "reports"], cwd=tmp_path)
    # Neither last year's report nor the older one is linted itself (S106 would fire on the one without a title).
    assert _findings(result) == [("reports/2025/城关镇.txt", 1, "R102"), ("reports/2025/城关镇.txt", 3, "R102")]
    assert "checking the 2025 reports (2); the 2024 ones (1) are last year's, read for R102 only; 1 older ones are left out" in result.stderr


def test_a_report_in_the_wrong_years_folder_is_told(tmp_path: Path) -> None:
    # A draft of 2025 saved in 2026/: the run checks 2026 (that folder's one report) and says why.
    _folder(
        tmp_path / "reports",
        {
            "2024/城关镇.txt": report(2024, SHORTCOMING),
            "2025/城关镇.txt": report(2025, MEDIATION),
            "2025/柳河镇.txt": report(2025, LICENCES),
            "2026/柳河镇初稿.txt": report(2025, LICENCES),
        },
    )
    result = run_lzlint(["--no-cache", "--select", "R102", "reports"], cwd=tmp_path)
    notes = [line for line in result.stderr.splitlines() if "note:" in line]
    assert notes[1:] == ["lzlint: note: reports/2026/柳河镇初稿.txt: the report of 2025 lies in the folder of 2026"]
    # With --previous, a report of the year checked among last year's.
    _folder(tmp_path, {"then/柳河镇.txt": report(2025, LICENCES), "then/城关镇.txt": report(2024, MEDIATION), "now/柳河镇.txt": report(2025, MEDIATION)})
    result = run_lzlint(["--no-cache", "--select", "R102", "--previous", "then", "now"], cwd=tmp_path)
    assert [line for line in result.stderr.splitlines() if "note:" in line] == [
        "lzlint: note: then/柳河镇.txt: read as last year's report, but it is the report of 2025"
    ]


def test_misplaced_reports_by_their_stated_year() -> None:
    # Folder years first: 2025/ is checked even though its one report states 2024.
    assert misplaced([("r/2025/a.txt", 2024), ("r/2025/b.txt", None)], [("r/2024/c.txt", 2024), ("r/2024/d.txt", 2025)]) == [
        ("r/2025/a.txt", 2024, 2025, False),
        ("r/2024/d.txt", 2025, 2024, True),
    ]
    # No year folders: the year most of this year's reports state.
    assert misplaced([("a.txt", 2025), ("b.txt", 2025), ("c.txt", 2024)], [("p/c.txt", 2024), ("p/d.txt", 2025)]) == [("p/d.txt", 2025, 2024, True)]
    assert misplaced([("a.txt", None)], [("p/d.txt", 2025)]) == []


def test_a_folder_rules_example_must_be_files(tmp_path: Path) -> None:
    from lzlint.errors import LzlintError
    from lzlint.ruleset.rules import default_rules_dir, load_rules

    text = (default_rules_dir() / "R101-copied-paragraph.yaml").read_text(encoding="utf-8")
    text = text.replace("code: R101", "code: X101").replace("name: copied-paragraph", "name: my-copies")
    (tmp_path / "x.yaml").write_text(text.replace("      === 城关镇.txt ===\n", "", 1), encoding="utf-8")
    with pytest.raises(LzlintError, match=r"x.yaml:\d+: a folder rule's example must start with a line '=== name ==='"):
        load_rules([tmp_path])


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html"])
def test_every_format_shows_folder_findings(county: Path, output_format: str) -> None:
    result = run_lzlint(["--no-cache", "--select", "R", "--format", output_format, "county"], cwd=county.parent)
    assert result.returncode == 0, result.stderr
    assert "R101" in result.stdout and "柳河镇.txt" in result.stdout


def test_a_paragraph_broken_mid_sentence_is_one_paragraph_to_its_last_line(vocabulary: Vocabulary) -> None:
    cut = LAW_ADVISERS.index("，") + 1
    first, second = LAW_ADVISERS[:cut], LAW_ADVISERS[cut:]  # broken after 法律顾问，
    text = report(2025, "　　" + first, second, MEDIATION)
    found = digest(Document.parse(Source("城关镇.txt", text, "utf-8"), vocabulary), DigestOptions())
    # Line 3 (indented by two ideographic spaces) goes on in line 4; line 5 is a paragraph of its own.
    assert [(p.line, p.start, p.last_line, p.end) for p in found.paragraphs] == [(3, 2, 4, len(second)), (5, 0, 5, len(MEDIATION))]
    assert found.paragraphs[0].text == normalise(LAW_ADVISERS)
    assert Digest.from_json(json.loads(json.dumps(found.to_json()))) == found


def test_band_buckets_pair_every_two_rows_equal_in_the_band() -> None:
    """Worked by hand: rows 0, 2, 3 agree in bins 0-1, rows 1 and 4 too, row 5 is alone, row 6 is empty there."""
    import numpy as np

    from lzlint.folder.candidates import (
        band_buckets,
        distinct_per_bucket,
        pairs_within,
        sketch_matrix,
    )

    def row(first: int, second: int) -> bytes:
        return np.array([first, second] + [7] * 62, dtype="<u2").tobytes()

    matrix = sketch_matrix([row(5, 5), row(9, 1), row(5, 5), row(5, 5), row(9, 1), row(3, 3), row(0x8000, 0x8000), row(0x8000, 0x8000)])
    buckets = band_buckets(matrix, 0, 2)
    # In the order a walk over the rows meets them (by first member); the two empty rows meet no one.
    assert [buckets.bucket(i) for i in range(len(buckets))] == [[0, 2, 3], [1, 4]]
    a, b = pairs_within(buckets, np.array([True, True]))
    assert sorted(zip(a.tolist(), b.tolist())) == [(0, 2), (0, 3), (1, 4), (2, 3)]
    a, b = pairs_within(buckets, np.array([False, True]))
    assert list(zip(a.tolist(), b.tolist())) == [(1, 4)]
    # Writers: row 0 by units 0 and 1, row 2 by unit 1, row 3 by unit 2; rows 1 and 4 both by unit 3.
    ptr = np.array([0, 2, 3, 4, 5, 6, 7, 8, 9])
    held = np.array([0, 1, 3, 1, 2, 3, 4, 5, 6])
    assert distinct_per_bucket(buckets, ptr, held).tolist() == [3, 1]


def test_a_paragraph_pickles_whole() -> None:
    """Workers send digests back pickled: every field survives, the end line included."""
    import pickle

    from lzlint.folder.paragraphs import Paragraph

    paragraph = Paragraph(3, 2, 40, "shortcomings", "本单位存在的不足0项", 5)
    assert pickle.loads(pickle.dumps(paragraph)) == paragraph


def _unit(path: str, key: str, *texts: str) -> Unit:
    paragraphs = tuple(_paragraph(text, line) for line, text in enumerate(texts, start=3))
    # The title on line 1: the summary of a report with carried-over text stands there.
    return Unit(Report(path, paragraphs, unit=key), Digest(paragraphs, body_chars=sum(len(p.text) for p in paragraphs), title=(1, 20)), key)


def test_r102_compares_each_unit_with_its_own_last_reports_only(pack: tuple[Rule, ...]) -> None:
    """Units of different sizes side by side (their pairs are built as blocks): each paragraph meets only its unit's."""
    long = LICENCES + MEDIATION
    changed = long.replace("退休教师", "退休干部")  # a word changed: still ≥ 90% alike
    assert 0.9 <= jaccard(shingles(normalise(changed), 3), shingles(normalise(long), 3)) < 1
    current = [
        _unit("2025/甲镇.txt", "甲镇", MEDIATION, changed, SHORTCOMING),  # one same, one near, one new
        _unit("2025/乙镇.txt", "乙镇", LICENCES),  # 乙镇's last year holds LICENCES, but under 甲镇: not 乙镇's
        _unit("2025/丙镇.txt", "丙镇", SHORTCOMING, LAW_ADVISERS),
    ]
    previous = [
        _unit("2024/甲镇.txt", "甲镇", LAW_ADVISERS, MEDIATION, long),
        _unit("2024/乙镇.txt", "乙镇", LAW_ADVISERS),
        # 丙镇 sent two reports last year: the second holds its shortcoming.
        _unit("2024/丙镇.txt", "丙镇", MEDIATION),
        _unit("2024/丙镇（修改稿）.txt", "丙镇", LICENCES, SHORTCOMING),
    ]
    found = list(check_carried_over(current, previous, _rule(pack, "R102")))
    assert [(d.path, d.line) for d in found] == [("2025/甲镇.txt", 3), ("2025/甲镇.txt", 4), ("2025/甲镇.txt", 1), ("2025/丙镇.txt", 3), ("2025/丙镇.txt", 1)]
    messages = {(d.path, d.line): d.message for d in found}
    assert "2024/甲镇.txt 第4行" in messages["2025/甲镇.txt", 3] and "2024/甲镇.txt 第5行" in messages["2025/甲镇.txt", 4]
    assert "2024/丙镇（修改稿）.txt 第4行" in messages["2025/丙镇.txt", 3]
    assert "相似度100%" in messages["2025/甲镇.txt", 3] and "基本相同" in messages["2025/甲镇.txt", 4] and "相似度100%" not in messages["2025/甲镇.txt", 4]


def test_digest_without_a_cache_has_no_fingerprint(vocabulary: Vocabulary) -> None:
    doc = Document.parse(Source("2025/城关镇.txt", report(2025, LAW_ADVISERS, MEDIATION), "utf-8"), vocabulary)
    kept, bare = digest(doc, DigestOptions()), digest(doc, DigestOptions(), fingerprinted=False)
    assert kept.fingerprint and not bare.fingerprint
    assert kept.paragraphs == bare.paragraphs and kept.body_chars == bare.body_chars
